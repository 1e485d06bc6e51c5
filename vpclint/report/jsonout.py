"""``--format json``: the stable contract of spec/cli.md."""

from __future__ import annotations

import json

from vpclint import __version__
from vpclint.report.summary import counts


def document(result) -> dict:
    return {
        "version": 1,
        "tool": {"name": "vpclint", "version": __version__},
        "files": [{"path": f.target.display, "kind": f.target.kind} for f in result.files],
        "diagnostics": [d.as_dict() for d in result.diagnostics],
        "summary": counts(result),
    }


def render(result, *, color: bool = False) -> str:
    # ensure_ascii keeps the output valid JSON whatever the files contain (lone surrogates too)
    return json.dumps(document(result), indent=2, ensure_ascii=True) + "\n"

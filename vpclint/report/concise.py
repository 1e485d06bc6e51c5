"""``--format concise``: one line per finding, ``path:line:col: CODE message``."""

from __future__ import annotations

from vpclint.report.escape import escape_text


def render(result, *, color: bool = False) -> str:
    lines = [
        escape_text(f"{d.path}:{d.start.line}:{d.start.column}: {d.code} {d.message}")
        for d in result.diagnostics
    ]
    return "".join(line + "\n" for line in lines)

"""``--format concise``: one line per finding, ``path:line:col: CODE [severity] message``
(what editors, grep and the problem matcher ``.github/vpclint-matcher.json`` read)."""

from __future__ import annotations

from vpclint.report.escape import escape_text


def line(d) -> str:
    return escape_text(
        f"{d.path}:{d.start.line}:{d.start.column}: {d.code} [{d.severity}] {d.message}"
    )


def render(result, *, color: bool = False) -> str:
    return "".join(line(d) + "\n" for d in result.diagnostics)

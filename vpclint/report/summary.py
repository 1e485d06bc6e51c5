"""Counts shared by the formats."""

from __future__ import annotations


def counts(result) -> dict[str, int]:
    totals = {"files": len(result.files), "errors": 0, "warnings": 0, "infos": 0}
    for diagnostic in result.diagnostics:
        totals[diagnostic.severity + "s"] += 1
    return totals


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(result) -> str:
    totals = counts(result)
    files = plural(totals["files"], "file")
    parts = [
        plural(totals[key], word)
        for key, word in (("errors", "error"), ("warnings", "warning"), ("infos", "info"))
        if totals[key]
    ]
    if not parts:
        return f"no problems in {files}"
    return f"{', '.join(parts)} in {files}"

"""Counts shared by the formats."""

from __future__ import annotations


def counts(result) -> dict[str, int]:
    totals = {"files": len(result.files), "errors": 0, "warnings": 0, "infos": 0}
    for diagnostic in result.diagnostics:
        totals[diagnostic.severity + "s"] += 1
    totals["fixed"] = result.fixed
    totals["fixable"] = fixable_counts(result)[0]
    return totals


def plural(count: int, word: str) -> str:
    suffix = "" if count == 1 else ("es" if word.endswith("x") else "s")
    return f"{count} {word}{suffix}"


def summary_line(result) -> str:
    totals = counts(result)
    files = plural(totals["files"], "file")
    parts = [
        plural(totals[key], word)
        for key, word in (("errors", "error"), ("warnings", "warning"), ("infos", "info"))
        if totals[key]
    ]
    fixed = f" ({result.fixed} fixed)" if result.fixed else ""
    if not parts:
        return f"no problems in {files}{fixed}"
    return f"{', '.join(parts)} in {files}{fixed}"


def fixable_counts(result) -> tuple[int, int]:
    """(findings the next ``--fix`` would fix with the run's fix options, findings only
    ``--unsafe-fixes`` would fix on top)."""
    unsafe = result.unsafe_fixes
    fixable = sum(1 for d in result.diagnostics if d.fixable(unsafe))
    hidden = 0 if unsafe else sum(1 for d in result.diagnostics if d.fixable(True)) - fixable
    return fixable, hidden


def fixable_line(result) -> str | None:
    """``[*] 2 fixable with `vpclint --fix` (1 more with `--unsafe-fixes`)``, or None."""
    fixable, hidden = fixable_counts(result)
    flags = "--fix --unsafe-fixes" if result.unsafe_fixes else "--fix"
    if fixable and hidden:
        return f"[*] {fixable} fixable with `vpclint --fix` ({hidden} more with `--unsafe-fixes`)"
    if fixable:
        return f"[*] {fixable} fixable with `vpclint {flags}`"
    if hidden:
        return f"{plural(hidden, 'fix')} available with `vpclint --fix --unsafe-fixes`"
    return None

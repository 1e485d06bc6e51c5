"""Fixes on trial: kept only when the text they make raises no new error.

Some fixes make wrangler read what it ignored before: `[vpc_services]` made an array
(VPC101), a misspelt list key renamed (VPC212), the top-level list copied into an
environment (VPC204). The entries it then reads may hold findings of their own (a
missing `remote`, a bad id, a binding name used twice) that no rule could report while
they were ignored, so such a fix could leave a file with a new error. A rule marks such a
finding ``trial``; once the rules have run, :func:`settle_trials` applies such fixes to
the text, all at once first and, when that raises an error, each alone (at most
:data:`MAX_ALONE` in one lint, so the cost stays linear), lints the result (without
trials: no recursion), and keeps a fix's edits only when no error appears that was not
there before and that no safe fix of its own mends (compared by code and JSON pointer,
as many times as each was reported). Otherwise the finding stays without edits, and its
hint in words names the codes that would follow (``rename `vpc_service` to
`vpc_services`; after that, fix what VPC206 reports``). A warning the bindings then raise
does not hold the fix back: the file is better with the bindings read than ignored, and
the warning is reported (a missing `remote`, VPC203, is added by its own safe fix in the
next pass), as the rule "a fix never leaves a file with a new error" allows.

A fix that passed keeps ``trial`` set: ``--fix`` applies such fixes in passes of their
own, once no other fix applies, so each meets the text it was tried on
(:mod:`vpclint.fixes`). Doing it in the lint keeps every door the same: JSON and SARIF
edits, ``--fix``, the language server's quick fixes. It costs one more lint in a file
that has such findings (a few more when one of them is declined).
"""

from __future__ import annotations

from collections import Counter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from vpclint.diagnostics import Diagnostic
    from vpclint.runner import FileResult


def settle_trials(results: Iterable[FileResult]) -> None:
    """Decide every fix on trial in ``results`` (finished files), in place."""
    for result in results:
        if result.source is not None and any(d.trial for d in result.diagnostics):
            result.diagnostics = settled(result)


MAX_ALONE = 16
"""Fixes on trial tried one by one in a file when trying them all at once failed: each
trial is a lint of the whole file, so a config with hundreds of environments lacking the
list (VPC204) must not cost hundreds of lints. The others wait, without edits, for the
next lint (`--fix` tries them again in its next pass)."""


def settled(result: FileResult) -> list[Diagnostic]:
    """The findings with every fix on trial decided: all at once first (one lint: the
    common case, where none raises an error), else each alone, up to MAX_ALONE."""
    before = counts(result.diagnostics)
    on_trial = [d for d in result.diagnostics if d.trial]
    batch = apart(result, on_trial)
    passed = set(map(id, batch)) if not counts(lint_fixed(result, batch)) - before else set()
    alone = 0
    kept = []
    for diagnostic in result.diagnostics:
        if diagnostic.trial and id(diagnostic) not in passed:
            if alone < MAX_ALONE:
                alone += 1
                added = counts(lint_fixed(result, [diagnostic])) - before
                codes = sorted({code for code, _ in added})
            else:
                added, codes = True, []  # not tried in this lint
            if added:
                fix = declined_hint(diagnostic.fix, codes)
                diagnostic = diagnostic._replace(applicability=None, edits=(), fix=fix, trial=False)
        kept.append(diagnostic)
    return kept


def apart(result: FileResult, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Those of ``diagnostics`` (in source order) whose edits overlap none taken before."""
    from vpclint.fixes import Taken, replacements

    taken, chosen = Taken(), []
    for diagnostic in diagnostics:
        spans = replacements(result.source, diagnostic)
        if not any(taken.overlaps(start, end) for start, end, _ in spans):
            chosen.append(diagnostic)
            for start, end, _ in spans:
                taken.add(start, end)
    return chosen


def declined_hint(fix: str | None, codes: list[str]) -> str | None:
    """The hint of a declined fix, naming the findings that would follow it."""
    if not fix or not codes:
        return fix
    if len(codes) == 1:
        return f"{fix}; after that, fix what {codes[0]} reports"
    return f"{fix}; after that, fix what {', '.join(codes[:-1])} and {codes[-1]} report"


def counts(diagnostics: Iterable[Diagnostic]) -> Counter:
    """The errors that hold a fix on trial back, by code and pointer: those without a
    safe fix of their own (an id of 32 hex digits in the binding a fix makes wrangler read
    is written as a UUID by VPC206's fix in the next pass). A fix on trial is no such
    fix: it may be declined in turn."""
    return Counter(
        (d.code, d.pointer)
        for d in diagnostics
        if d.severity == "error" and (d.trial or not d.fixable())
    )


def lint_fixed(result: FileResult, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The findings of the file with the (non-overlapping) fixes of ``diagnostics``
    applied."""
    from vpclint.fixes import apply, lint_one, replacements

    source = result.source
    text = apply(source.text, [replacements(source, d) for d in diagnostics])
    data = text.encode("utf-8", "surrogatepass")
    return lint_one(result.target, data, trials=False).diagnostics

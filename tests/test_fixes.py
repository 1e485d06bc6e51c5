"""Every fix works: applied alone, the finding is gone and no new error appears (but one
that a safe fix of its own mends, as a binding copied with an id of 32 hex digits). A finding
with edits is fixed by its edits (as an editor's quick fix applies them); one without, by
its hint when the hint names a value (the helper of tests/fixes.py). Checked for every
finding of every example config (tests/cases/wrangler, examples/)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from vpclint.fixes import apply, replacements
from vpclint.runner import lint_text
from vpclint.settings import Settings
from vpclint.source.text import SourceText

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fixes import apply_fix

REPO = Path(__file__).resolve().parent.parent
CONFIGS = sorted(
    path
    for folder in (REPO / "tests" / "cases" / "wrangler", REPO / "examples")
    for path in folder.rglob("*")
    if path.suffix in (".toml", ".jsonc", ".json") and path.name != "expected.json"
)
SETTINGS = Settings(select=("ALL",))


def lint(text: str, name: str):
    return lint_text(text, name, kind="wrangler", settings=SETTINGS)


def applied_fixes(path: Path):
    """(text, finding, text fixed): by the finding's edits when it has some (as an editor's
    quick fix applies them), else by its hint."""
    text = path.read_text(encoding="utf-8")
    syntax = "toml" if path.suffix == ".toml" else "json"
    for diagnostic in lint(text, path.name):
        if diagnostic.edits:
            fixed = apply(text, [replacements(SourceText(text), diagnostic)])
        else:
            fixed = apply_fix(text, syntax, diagnostic) if diagnostic.fix else None
        if fixed is not None:
            yield text, diagnostic, fixed


@pytest.mark.parametrize("path", CONFIGS, ids=lambda path: path.name)
def test_every_fix_that_names_a_value_works(path: Path):
    for text, diagnostic, fixed in applied_fixes(path):
        found = lint(text, path.name)
        before = {(d.code, d.pointer) for d in found if d.severity == "error"}
        after = lint(fixed, path.name)
        assert fixed != text, diagnostic
        place = (diagnostic.code, diagnostic.pointer)  # two lists of one env share one
        still = [d for d in after if (d.code, d.pointer) == place]
        assert len(still) < sum((d.code, d.pointer) == place for d in found), (
            diagnostic.fix,
            still,
        )
        new_errors = [  # one a safe fix of its own mends (vpclint.trials.counts) may follow
            d
            for d in after
            if d.severity == "error"
            and (d.code, d.pointer) not in before
            and (d.trial or not d.fixable())
        ]
        assert not new_errors, (diagnostic.code, diagnostic.fix, new_errors)


def test_the_fixes_are_exercised():
    """The forms the helper knows are all met in the examples (no silent skip)."""
    fixes = [diagnostic.fix for path in CONFIGS for _, diagnostic, _ in applied_fixes(path)]
    assert len(fixes) >= 20
    for start in ("write `", 'write "', "rename it to ", "add `", "rename `"):
        assert any(fix.startswith(start) for fix in fixes), start

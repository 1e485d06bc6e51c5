"""The fix engine (vpclint/fixes.py): edits applied from spans, every other byte kept,
overlapping edits deferred to the next pass, and a fix that breaks the file never applied.

The rules' own fixes are tested where the rules are; here a test check stands in for a
rule so that the engine's guarantees are proven independently of any rule.
"""

from __future__ import annotations

import pytest

from vpclint import fixes
from vpclint.diagnostics import SAFE, UNSAFE, Diagnostic, Edit
from vpclint.rules.registry import CHECKS, Check
from vpclint.runner import Target
from vpclint.source.text import Position, SourceText


def diagnostic(source: SourceText, *spans, applicability=SAFE) -> Diagnostic:
    edits = tuple(
        Edit(source.position(start), source.position(end), content) for start, end, content in spans
    )
    at = Position(1, 1)
    return Diagnostic(
        "f",
        "VPC203",
        "remote-unset",
        "warning",
        "m",
        "",
        at,
        at,
        fix="fix",
        applicability=applicability,
        edits=edits,
    )


def test_apply_keeps_every_byte_outside_the_edits():
    text = "a = 1\r\n# note\r\nb\t= 2\r\n"
    source = SourceText(text)
    chosen = fixes.choose(source, [diagnostic(source, (4, 5, "10"), (19, 20, "20"))], False)
    assert fixes.apply(text, chosen) == "a = 10\r\n# note\r\nb\t= 20\r\n"


def test_overlapping_fixes_wait_for_the_next_pass():
    source = SourceText("abcdef")
    first = diagnostic(source, (1, 4, "X"))
    overlapping = diagnostic(source, (3, 5, "Y"))
    same_point = diagnostic(source, (1, 1, "Z"))
    later = diagnostic(source, (5, 6, "W"))
    chosen = fixes.choose(source, [first, overlapping, same_point, later], False)
    assert fixes.apply(source.text, chosen) == "aXeW"


def test_touching_edits_do_not_overlap():
    source = SourceText("abcdef")
    chosen = fixes.choose(
        source, [diagnostic(source, (0, 2, "X")), diagnostic(source, (2, 4, "Y"))], False
    )
    assert fixes.apply(source.text, chosen) == "XYef"


def test_unsafe_fixes_only_when_asked():
    source = SourceText("abc")
    unsafe = diagnostic(source, (0, 1, "X"), applicability=UNSAFE)
    assert fixes.choose(source, [unsafe], False) == []
    assert fixes.apply(source.text, fixes.choose(source, [unsafe], True)) == "Xbc"


def test_a_fix_whose_own_edits_overlap_is_never_applied():
    source = SourceText("abcdef")
    broken = diagnostic(source, (0, 3, "X"), (2, 4, "Y"))
    assert fixes.choose(source, [broken], False) == []


def test_lines_with_ends_splits_only_at_line_breaks():
    assert fixes.lines_with_ends("a\r\nb\x0cc\rd\ne") == ["a\r\n", "b\x0cc\r", "d\n", "e"]
    assert fixes.lines_with_ends("") == []


@pytest.fixture
def test_check():
    """Register a check that emits the fixes a test gives it (by the text it sees)."""
    registered = {}

    def emit(document):
        for make in registered.get("makers", ()):
            found = make(document)
            if found is not None:
                yield found

    CHECKS.append(Check("wrangler", ("VPC203",), emit))
    yield registered
    CHECKS.remove(next(c for c in CHECKS if c.function is emit))


def target(text: str | bytes, name: str = "wrangler.toml") -> Target:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return Target(name, "wrangler", "json" if name.endswith("json") else "toml", data=data)


def test_fixes_that_enable_fixes_converge_and_keep_the_bom(test_check):
    def append_x(document):
        text = document.source.text
        if text.count("x") < 3:
            end = len(text)
            return document.diagnostic(
                "VPC203", (), "m", applicability=SAFE, edits=(document.edit(end, end, "x"),)
            )
        return None

    test_check["makers"] = [append_x]
    outcome = fixes.fix_target(target(b"\xef\xbb\xbfname = 'w'\n#"))
    assert outcome.after == b"\xef\xbb\xbfname = 'w'\n#xxx"
    assert outcome.fixed == 3
    assert fixes.fix_target(target(outcome.after)).changed is False


def test_a_fix_that_breaks_the_file_is_never_applied(test_check):
    def breaking(document):
        text = document.source.text
        if "ok" not in text:
            return document.diagnostic(
                "VPC203", (), "m", applicability=SAFE, edits=(document.edit(0, 0, "= = ="),)
            )
        return None

    def good(document):
        text = document.source.text
        if "ok" not in text:
            end = len(text)
            return document.diagnostic(
                "VPC203", (), "m", applicability=SAFE, edits=(document.edit(end, end, "ok = 1\n"),)
            )
        return None

    test_check["makers"] = [breaking, good]
    outcome = fixes.fix_target(target("name = 'w'\n"))
    assert outcome.after == b"name = 'w'\nok = 1\n"
    assert outcome.fixed == 1


def test_unified_diff_names_both_sides_and_marks_a_missing_final_newline():
    outcome = fixes.FixOutcome(target("a = 1\nb = 2"), b"a = 1\nb = 2", b"a = 1\nb = 3", 1)
    assert fixes.unified_diff(outcome) == (
        "--- a/wrangler.toml\n+++ b/wrangler.toml\n@@ -1,2 +1,2 @@\n a = 1\n-b = 2\n"
        "\\ No newline at end of file\n+b = 3\n\\ No newline at end of file\n"
    )


def test_a_pass_of_fixes_on_trial_that_clash_keeps_those_that_add_no_error(test_check):
    """Two fixes on trial, each fine alone, that together raise an error: the pass is
    undone and the second one is never applied (the error would be new)."""

    def clash(document):
        text = document.source.text
        if "# A" in text and "# B" in text:
            return document.diagnostic("VPC206", ("both",), "an error only both fixes raise")
        return None

    def fix_at(offset_of, mark):
        def make(document):
            text = document.source.text
            if mark not in text:
                at = offset_of(text)
                edit = document.edit(at, at, mark + "\n")
                return document.diagnostic(
                    "VPC203", (), "m", applicability=SAFE, edits=(edit,), trial=True
                )
            return None

        return make

    test_check["makers"] = [clash, fix_at(lambda text: 0, "# A"), fix_at(len, "# B")]
    outcome = fixes.fix_target(target("name = 'w'\n"))
    assert outcome.after == b"# A\nname = 'w'\n"
    assert outcome.fixed == 1


TRIAL_BINDING = (
    '[[vpc_services]]\nbinding = "API"\nservice_id = "0199295b-b3ac-7760-8246-bca40877b3e9"\n'
)
BAD_ID_BINDING = '[[vpc_services]]\nbinding = "API"\nservice_id = "REPLACE_ME"\nremote = true\n'


@pytest.mark.parametrize(
    ("added", "kept", "fixed"),
    [
        (TRIAL_BINDING + "remote = true\n", True, TRIAL_BINDING + "remote = true\n"),
        (TRIAL_BINDING, True, TRIAL_BINDING + "remote = true\n"),
        (BAD_ID_BINDING, False, ""),
    ],
    ids=["adds-nothing", "adds-a-warning", "adds-an-error"],
)
def test_a_fix_on_trial_keeps_its_edits_only_when_it_adds_no_error(test_check, added, kept, fixed):
    """The lint applies a `trial` fix alone and lints the result: a binding with a
    placeholder id would raise VPC206 (an error), so that fix loses its edits (its hint
    stays and names VPC206); a binding without `remote` raises VPC203, a warning, which
    holds nothing back: --fix then adds `remote` with VPC203's own fix. The same for JSON
    output, --fix and the language server, which all read the lint."""
    from vpclint.runner import lint

    def on_trial(document):
        text = document.source.text
        if "[[vpc_services]]" not in text:
            end = len(text)
            return document.diagnostic(
                "VPC203",
                ("trial",),
                "m",
                fix="add the binding",
                applicability=SAFE,
                edits=(document.edit(end, end, added),),
                trial=True,
            )
        return None

    test_check["makers"] = [on_trial]
    (found,) = lint([target("name = 'w'\n")]).diagnostics
    assert found.trial is kept  # kept set on a fix that passed: --fix gives it its own pass
    assert found.fix == "add the binding" + (
        "" if kept else "; after that, fix what VPC206 reports"
    )
    assert bool(found.edits) is kept and found.fixable() is kept
    assert found.applicability == (SAFE if kept else None)
    outcome = fixes.fix_target(target("name = 'w'\n"))
    assert outcome.after == f"name = 'w'\n{fixed}".encode()


def test_fixes_on_trial_wait_for_a_pass_without_other_fixes():
    source = SourceText("abcdef")
    plain = diagnostic(source, (0, 1, "X"))
    on_trial = diagnostic(source, (4, 5, "Y"))._replace(trial=True)
    assert fixes.apply(source.text, fixes.choose(source, [plain, on_trial], False)) == "Xbcdef"
    assert fixes.apply(source.text, fixes.choose(source, [on_trial], False)) == "abcdYf"

"""Applying fixes: edits on the text as read, never a re-serialised document.

A pass lints the file, takes every applicable fix whose edits do not overlap an edit
already taken (in source order), and applies them from the end of the text backwards,
so every byte outside an edit is kept: comments, indentation, quotes, key order, line
breaks, a byte order mark. The file is then linted again and the next pass takes what
the new text offers, until nothing more applies or :data:`MAX_PASSES` is reached, so
fixes that enable fixes converge.

A pass whose result no longer parses is undone and its fixes are tried one at a time,
keeping each that leaves the file parsing; a fix that breaks the file is never applied.
(The rules' tests prove on generated inputs that their fixes keep files parsing and add
no error; this is the last line of defence, as in ruff.) Fixes on trial
(:mod:`vpclint.trials`: each tried alone by the lint) get passes of their own, once no
other fix applies, and such a pass is also undone when its fixes together raise an error
or warning that was not there (two lists renamed at once can clash), keeping each fix
that adds none.
"""

from __future__ import annotations

import bisect
import itertools

from vpclint.runner import Target, lint, read_bytes
from vpclint.source.text import DecodeError, SourceText, decode
from vpclint.trials import counts

MAX_PASSES = 10
UTF8_BOM = b"\xef\xbb\xbf"


class FixOutcome:
    """One file after fixing: its bytes before and after, and how many findings the
    applied fixes resolved."""

    __slots__ = ("after", "before", "fixed", "target")

    def __init__(self, target: Target, before: bytes, after: bytes, fixed: int):
        self.target = target
        self.before = before
        self.after = after
        self.fixed = fixed

    @property
    def changed(self) -> bool:
        return self.after != self.before


def replacements(source: SourceText, diagnostic) -> list[tuple[int, int, str]]:
    """A diagnostic's edits as (start offset, end offset, content), in source order."""
    spans = [
        (source.offset(edit.start), source.offset(edit.end), edit.content)
        for edit in diagnostic.edits
    ]
    return sorted(spans, key=lambda span: (span[0], span[1]))


class Taken:
    """The edits a pass has taken, kept sorted so each new fix is checked against its
    neighbours only (a file with thousands of fixes stays fast)."""

    def __init__(self):
        self.spans: list[tuple[int, int]] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a taken edit. Two edits at the same point overlap
        too: the order of two insertions there would be a guess."""
        index = bisect.bisect_left(self.spans, (start, -1))
        for other_start, other_end in self.spans[max(0, index - 1) : index + 1]:
            if start < other_end and other_start < end:
                return True
            if start == other_start or (start == end and other_start < start < other_end):
                return True
            if other_start == other_end and start < other_start < end:
                return True
        return False

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.spans, (start, end))


def choose(source: SourceText, diagnostics, unsafe: bool) -> list[list[tuple[int, int, str]]]:
    """The fixes one pass applies: each applicable fix in source order whose edits do not
    overlap those of a fix taken before it (the rest wait for the next pass). Fixes on
    trial (:mod:`vpclint.trials`) wait for a pass of their own, when no other fix applies:
    each was tried alone on the text of that pass."""
    applicable = [d for d in diagnostics if d.fixable(unsafe)]
    if any(not d.trial for d in applicable):
        applicable = [d for d in applicable if not d.trial]
    chosen, taken = [], Taken()
    for diagnostic in applicable:
        spans = replacements(source, diagnostic)
        if any(start > end or taken.overlaps(start, end) for start, end, _ in spans):
            continue
        if any(a[1] > b[0] or a[0] == b[0] for a, b in itertools.pairwise(spans)):
            continue  # a rule's own edits overlap: a bug in the rule, never applied
        chosen.append(spans)
        for start, end, _ in spans:
            taken.add(start, end)
    return chosen


def apply(text: str, fixes: list[list[tuple[int, int, str]]]) -> str:
    """The text with the (non-overlapping) edits of ``fixes`` applied."""
    edits = sorted((span for fix in fixes for span in fix), key=lambda s: (s[0], s[1]))
    pieces, position = [], 0
    for start, end, content in edits:
        pieces.append(text[position:start])
        pieces.append(content)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def lint_one(target: Target, data: bytes, trials: bool = True):
    """The FileResult of ``target`` read as ``data`` (``trials``: see :func:`lint`)."""
    copy = Target(target.display, target.kind, target.syntax, target.settings, data)
    return lint([copy], trials=trials).files[0]


def encode(text: str, like: bytes) -> bytes:
    """``text`` as the file's bytes: UTF-8, with the byte order mark it had."""
    return (UTF8_BOM if like.startswith(UTF8_BOM) else b"") + text.encode("utf-8")


def fix_pass(target: Target, data: bytes, unsafe: bool) -> tuple[bytes, int]:
    """One pass: the new bytes and the number of fixes applied (0: nothing applies)."""
    result = lint_one(target, data)
    if result.document is None:  # unreadable or unparsable: nothing to fix
        return data, 0
    source = result.source
    fixes = choose(source, result.diagnostics, unsafe)
    if not fixes:
        return data, 0
    on_trial = not any(d.fixable(unsafe) and not d.trial for d in result.diagnostics)
    before = counts(result.diagnostics) if on_trial else None
    fixed = encode(apply(source.text, fixes), data)
    if acceptable(target, fixed, before):
        return fixed, len(fixes)
    kept = []  # one of them breaks the file (or adds a finding): keep each that does not
    for fix in fixes:
        trial = encode(apply(source.text, [*kept, fix]), data)
        if acceptable(target, trial, before):
            kept.append(fix)
    return encode(apply(source.text, kept), data), len(kept)


def parses(target: Target, data: bytes) -> bool:
    """Whether ``data`` decodes and parses as the target's kind of file."""
    return acceptable(target, data, None)


def acceptable(target: Target, data: bytes, before) -> bool:
    """Whether fixed bytes decode and parse; for a pass of fixes on trial (``before``:
    :func:`vpclint.trials.counts` of the findings before it), also that they raise no
    error beyond ``before``: each was tried alone, but two together can
    clash (two lists renamed at once, say)."""
    try:
        decode(data)
    except DecodeError:
        return False
    after = lint_one(target, data)
    if after.document is None:
        return False
    return before is None or not counts(after.diagnostics) - before


def fix_target(target: Target, unsafe: bool = False) -> FixOutcome:
    """Apply fixes to one target until nothing more applies (at most MAX_PASSES passes)."""
    before = target.data if target.data is not None else read_bytes(target.display)
    if isinstance(before, str):  # unreadable: the lint reports it
        return FixOutcome(target, b"", b"", 0)
    data, total = before, 0
    for _ in range(MAX_PASSES):
        data, count = fix_pass(target, data, unsafe)
        if not count:
            break
        total += count
    return FixOutcome(target, before, data, total)


def fixed_target(outcome: FixOutcome) -> Target:
    """The target to lint after fixing: the fixed bytes, under the same name."""
    target = outcome.target
    if not outcome.changed:
        return target
    return Target(target.display, target.kind, target.syntax, target.settings, outcome.after)


def lines_with_ends(text: str) -> list[str]:
    """The lines of ``text`` with their line breaks (``\\n``, ``\\r\\n`` or ``\\r``, as
    :class:`SourceText` counts lines; never ``str.splitlines``, which splits more)."""
    starts = SourceText(text).line_starts
    lines = [text[start:end] for start, end in itertools.pairwise(starts)]
    if starts[-1] < len(text):
        lines.append(text[starts[-1] :])
    return lines


def unified_diff(outcome: FixOutcome) -> str:
    """The change of one file as a unified diff (``--- a/PATH`` / ``+++ b/PATH``)."""
    import difflib

    before = lines_with_ends(outcome.before.decode("utf-8", "replace"))
    after = lines_with_ends(outcome.after.decode("utf-8", "replace"))
    name = outcome.target.display
    lines = difflib.unified_diff(before, after, f"a/{name}", f"b/{name}")
    out = []
    for line in lines:
        out.append(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        )
    return "".join(out)

"""Inline suppression comments.

``# vpclint: ignore[VPC203]`` (TOML), ``// vpclint: ignore[VPC203]`` or
``/* vpclint: ignore[VPC203] */`` (JSONC); several codes are comma-separated, a rule may
be named by its name instead of its code (``ignore[remote-unset]``, as ``vpclint rule``
accepts), and a bare ``vpclint: ignore`` covers every code. Text may follow the directive
(``# vpclint: ignore[VPC203] -- reached through the tunnel``), and the directive may
follow other words after a second ``#`` or ``//`` in the same comment.

Which line a comment covers:
- a comment after code on its line covers that line;
- a comment with code after it on its last line (``/* ... */ "remote": false``) covers
  that line;
- a comment alone on its line covers the next line.
A finding is suppressed when it *starts* on a covered line, so a comment on a
``[[vpc_services]]`` header line (or alone above it) covers the findings reported at
that header, such as a missing ``remote``.

A directive, or a code in it, that suppressed nothing is reported as VPC004 (when
VPC004 is enabled), except for codes that are not enabled for the file: whether those
would match cannot be known in this run. VPC004 itself cannot be suppressed inline.
VPC001 and VPC002 have no parsed document, so no comment can suppress them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from vpclint.diagnostics import SAFE, Diagnostic
from vpclint.source.model import Comment
from vpclint.source.text import Position

UNUSED = "VPC004"
DIRECTIVE = re.compile(
    r"(?:^|#|//)\s*(?P<directive>vpclint\s*:\s*ignore(?![\w-])(?:\s*\[(?P<codes>[^\]]*)\])?)",
    re.IGNORECASE,
)
CODE = re.compile(r"[^,\s]+")


def label_codes(label: str) -> tuple[str, ...]:
    """The codes a written code or rule name covers (itself when it names no rule)."""
    from vpclint.rules.registry import codes_named

    return codes_named(label) or (label,)


def normal_label(text: str) -> str:
    """A code in capitals (``VPC203``), a rule name in lower case (``remote-unset``)."""
    from vpclint.rules.registry import RULES, codes_named

    named = codes_named(text)  # first: it loads every rule when ``text`` is not a loaded code
    code = text.upper()
    return text.lower() if named and code not in RULES else code


class Suppression:
    """One ``vpclint: ignore[...]`` comment and which of its codes (or names) were used."""

    def __init__(self, comment: Comment, line: int, codes, start: int, end: int):
        self.comment = comment
        self.line = line  # the line it covers
        # code or name as written -> offsets; None: every code
        self.codes: dict[str, tuple[int, int]] | None = codes
        self.covers = {label: label_codes(label) for label in codes or ()}
        self.start = start  # offsets of the directive text, for the VPC004 range
        self.end = end
        self.used: set[str] = set()
        self.used_by_any = False


def comment_body(text: str) -> str:
    """The comment without its markers (``#``, ``//``, ``/*``, ``*/``), same length prefix."""
    if text.startswith("/*"):
        return "  " + text[2:-2] if text.endswith("*/") else "  " + text[2:]
    if text.startswith("//"):
        return "  " + text[2:]
    return " " + text[1:]


def parse_directive(comment: Comment) -> tuple[int, int, dict[str, tuple[int, int]] | None] | None:
    """(start, end, codes) of the directive in ``comment``, or None when it has none."""
    body = comment_body(comment.text)
    found = DIRECTIVE.search(body)
    if found is None:
        return None
    start = comment.start + found.start("directive")
    end = comment.start + found.end("directive")
    if found.group("codes") is None:
        return start, end, None
    base = comment.start + found.start("codes")
    codes = {
        normal_label(item.group()): (base + item.start(), base + item.end())
        for item in CODE.finditer(found.group("codes"))
    }
    return start, end, codes


def covered_line(source, comment: Comment) -> int:
    first = source.position(comment.start)
    last = source.position(comment.end)
    before = source.line_text(first.line)[: first.column - 1]
    if before.strip():
        return first.line
    after = source.line_text(last.line)[last.column - 1 :]
    if after.strip():
        return last.line
    return last.line + 1


def suppressions(document) -> list[Suppression]:
    found = []
    for comment in document.comments:
        directive = parse_directive(comment)
        if directive is None:
            continue
        start, end, codes = directive
        line = covered_line(document.source, comment)
        found.append(Suppression(comment, line, codes, start, end))
    return found


def suppresses(suppression: Suppression, diagnostic: Diagnostic) -> bool:
    if diagnostic.code == UNUSED or diagnostic.start.line != suppression.line:
        return False
    if suppression.codes is None:
        suppression.used_by_any = True
        return True
    matched = False
    for label, codes in suppression.covers.items():
        if diagnostic.code in codes:
            suppression.used.add(label)
            matched = True
    return matched


def apply_suppressions(document, diagnostics: Iterable[Diagnostic], settings) -> list[Diagnostic]:
    """The diagnostics that no comment suppresses, plus VPC004 for unused suppressions."""
    found = suppressions(document)
    if not found:
        return list(diagnostics)
    kept = []
    for diagnostic in diagnostics:
        # every matching comment counts as used, so none of them is reported as unused
        matched = [s for s in found if suppresses(s, diagnostic)]
        if not matched:
            kept.append(diagnostic)
    if settings.is_enabled(UNUSED):
        for suppression in found:
            kept.extend(unused(document, suppression, settings))
    return kept


def unused(document, suppression: Suppression, settings) -> list[Diagnostic]:
    line = suppression.line
    if suppression.codes is None:
        if suppression.used_by_any:
            return []
        return [
            finding(
                document,
                settings,
                (suppression.start, suppression.end),
                f"this `vpclint: ignore` suppresses nothing: there is no finding on line {line}",
                "remove the comment",
                removal(document, suppression),
            )
        ]
    if not suppression.codes:
        return [
            finding(
                document,
                settings,
                (suppression.start, suppression.end),
                "this `vpclint: ignore[]` lists no codes, so it suppresses nothing",
                "name the codes to ignore, like `vpclint: ignore[VPC203]`, or remove the comment",
                removal(document, suppression),
            )
        ]
    stale = {
        code: offsets
        for code, offsets in suppression.codes.items()
        if code not in suppression.used and judged(code, settings)
    }
    if not stale:
        return []
    if len(stale) == len(suppression.codes):
        names = " or ".join(stale)
        return [
            finding(
                document,
                settings,
                (suppression.start, suppression.end),
                f"this suppression matches nothing: no {names} finding on line {line}"
                + "".join(problem_note(code) for code in stale),
                "remove the comment",
                removal(document, suppression),
            )
        ]
    return [
        finding(
            document,
            settings,
            offsets,
            f"{code} is not reported on line {line}, so ignoring it there does nothing"
            + problem_note(code),
            f"remove {code} from the list",
            (code_removal(document.source.text, offsets),),
        )
        for code, offsets in stale.items()
    ]


def judged(label: str, settings) -> bool:
    """Whether an unused code or name can be called stale: unknown ones always are; a rule
    that is not enabled for this file, or needs an inventory the run does not have, might
    have matched, so it is left alone."""
    from vpclint.rules.registry import RULES, inventory_codes

    codes = label_codes(label)
    if UNUSED in codes:
        return True
    if not settings.inventory:  # checked only against an inventory: cannot have run
        codes = tuple(code for code in codes if code not in inventory_codes())
        if not codes:
            return False
    return any(code not in RULES or settings.is_enabled(code) for code in codes)


def problem_note(label: str) -> str:
    from vpclint.rules.registry import RULES

    codes = label_codes(label)
    if UNUSED in codes:
        return f" ({UNUSED} cannot be suppressed inline; ignore it in the configuration instead)"
    unparsed = [code for code in codes if code in ("VPC001", "VPC002")]
    if unparsed:
        return f" ({unparsed[0]} cannot be suppressed: the file was not parsed)"
    if not any(code in RULES for code in codes):
        return f" ({label} is not a vpclint rule code or name; `vpclint rules` lists them)"
    return ""


def removal(document, suppression: Suppression) -> tuple[tuple[int, int], ...]:
    """What removing an unused directive deletes (offsets): the whole comment when it holds
    nothing else, with its line when it is alone on it (else with the blanks between it
    and the code); after other words (``# note # vpclint: ignore``), from the second
    ``#`` or ``//`` to the end of the directive and the text after it."""
    from vpclint.rules.edits import BLANK, blank_before, whole_lines

    text = document.source.text
    comment = suppression.comment
    body = comment_body(comment.text)
    before = body[: suppression.start - comment.start].rstrip()
    marker = max(before.rfind("#"), before.rfind("//"))
    if marker >= 0 and before[:marker].strip():  # other words come before the directive
        start = comment.start + len(before[:marker].rstrip())
        return ((start, comment.start + len(body.rstrip())),)
    lines = whole_lines(text, comment.start, comment.end)
    if lines is not None:
        return (lines,)
    start, end = comment.start, comment.end
    if blank_before(text, start):  # code follows the comment: take the blanks after it
        while end < len(text) and text[end] in BLANK:
            end += 1
    else:
        while start > 0 and text[start - 1] in BLANK:
            start -= 1
    return ((start, end),)


def code_removal(text: str, offsets: tuple[int, int]) -> tuple[int, int]:
    """What removing one code from a directive's list deletes: the code with the comma and
    blanks after it, or (the last code) with the comma and blanks before it."""
    start, end = offsets
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    if text[after : after + 1] == ",":
        after += 1
        while after < len(text) and text[after] in " \t":
            after += 1
        return start, after
    before = start
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    if text[before - 1 : before] == ",":
        return before - 1, end
    return (start, after) if after > end else (before, end)


def finding(
    document,
    settings,
    offsets: tuple[int, int],
    message: str,
    fix: str,
    removed: tuple[tuple[int, int], ...],
) -> Diagnostic:
    """A VPC004 finding at ``offsets``; its safe fix deletes the ``removed`` ranges."""
    from vpclint.rules.registry import rule_of

    rule = rule_of(UNUSED)
    start: Position = document.source.position(offsets[0])
    end: Position = document.source.position(offsets[1])
    diagnostic = Diagnostic(
        path=document.path,
        code=UNUSED,
        name=rule.name,
        severity=rule.severity,
        message=message,
        pointer="",
        start=start,
        end=end,
        fix=fix,
        applicability=SAFE,
        edits=tuple(document.edit(start, end, "") for start, end in removed),
    )
    override = settings.severity.get(UNUSED)
    return diagnostic._replace(severity=override) if override else diagnostic

"""Edit helpers the rules' fixes share: each computes edits from spans and comments, so
every byte outside them is kept (no document is ever re-serialised).

A removed member takes its comma and, when it sits on a line of its own, its line; a
member is inserted in the style of the member it goes before (same line or own line,
same indentation, same `:` spacing). None of them writes a comment or a trailing comma,
so a strict JSON file stays strict JSON.
"""

from __future__ import annotations

from vpclint.diagnostics import Edit
from vpclint.source.model import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from vpclint.document import Document

BLANK = " \t\r"


def line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def blank_before(text: str, offset: int) -> bool:
    """Whether only spaces and tabs precede ``offset`` on its line."""
    return not text[line_start(text, offset) : offset].strip(BLANK)


def line_break_after(text: str, offset: int) -> int | None:
    """The offset after the line break that ends the line of ``offset`` when only blanks
    follow ``offset`` on it (the end of the text when it has no final line break)."""
    end = text.find("\n", offset)
    rest = text[offset : len(text) if end == -1 else end]
    if rest.strip(BLANK):
        return None
    return len(text) if end == -1 else end + 1


def whole_lines(text: str, start: int, end: int) -> tuple[int, int] | None:
    """[start, end) widened to its whole lines, line break included, when only blanks
    surround it there; a last line without a line break takes the break before it, so a
    file without a final newline keeps none."""
    if not blank_before(text, start):
        return None
    after = line_break_after(text, end)
    if after is None:
        return None
    first = line_start(text, start)
    if after == len(text) and not text.endswith("\n") and first > 0:
        first -= 2 if text[first - 2 : first] == "\r\n" else 1
    return first, after


class Tokens:
    """Skipping blanks and comments in a JSON(C) text, both ways."""

    def __init__(self, doc: Document):
        self.text = doc.source.text
        self.comment_end = {comment.start: comment.end for comment in doc.comments}
        self.comment_start = {comment.end: comment.start for comment in doc.comments}

    def next_token(self, offset: int) -> int:
        """The offset of the first character at or after ``offset`` that is no blank or
        comment."""
        text = self.text
        while offset < len(text):
            if text[offset] in " \t\r\n":
                offset += 1
            elif offset in self.comment_end:
                offset = self.comment_end[offset]
            else:
                break
        return offset

    def previous_token(self, offset: int) -> int:
        """The offset of the last character before ``offset`` that is no blank or comment."""
        text = self.text
        while offset > 0:
            if text[offset - 1] in " \t\r\n":
                offset -= 1
            elif offset in self.comment_start:
                offset = self.comment_start[offset]
            else:
                break
        return offset - 1


def remove_json_member(doc: Document, path: Path) -> tuple[Edit, ...]:
    """Edits removing the object member at ``path`` with one comma (its own, or the one
    before it when it is the last member), and its line when it sits on one of its own."""
    span = doc.spans[path]
    text = doc.source.text
    tokens = Tokens(doc)
    start, end = span.key_start, span.value_end
    after = tokens.next_token(end)
    if text[after : after + 1] == ",":
        comma_end = after + 1
        lines = whole_lines(text, start, comma_end)
        if lines is not None:
            return (doc.edit(*lines, ""),)
        following = tokens.next_token(comma_end)
        if following < len(text) and text[following] == "}":  # a trailing comma: keep it
            return (doc.edit(start, comma_end, ""),)
        gap_end = comma_end
        while gap_end < len(text) and text[gap_end] in " \t":
            gap_end += 1
        return (doc.edit(start, gap_end, ""),)
    before = tokens.previous_token(start)
    comma = text[before : before + 1] == ","  # the last member takes the comma before it
    lines = whole_lines(text, start, end)
    if lines is not None and lines[0] > before:
        removed = lines
    else:
        gap_start = start
        while gap_start > before + 1 and text[gap_start - 1] in " \t":
            gap_start -= 1
        removed = (before if comma and gap_start == before + 1 else gap_start, end)
    if comma and removed[0] != before:
        return (doc.edit(before, before + 1, ""), doc.edit(*removed, ""))
    return (doc.edit(*removed, ""),)


def insert_json_member_before(doc: Document, path: Path, key: str, value: str) -> Edit:
    """An edit inserting ``"key": value`` into an object just before its member at
    ``path``, in that member's style: on a line of its own with the same indentation when
    it sits on one, else on the same line with the member's spacing before it; with the
    member's spacing around `:`."""
    span = doc.spans[path]
    text = doc.source.text
    separator = text[span.key_end : span.value_start]
    if separator.strip(BLANK) != ":" or "\n" in separator:
        separator = ": "
    member = f'"{key}"{separator}{value},'
    if blank_before(text, span.key_start):
        first = line_start(text, span.key_start)
        indent = text[first : span.key_start]
        newline = "\r\n" if text[first - 2 : first] == "\r\n" else "\n"
        return doc.edit(span.key_start, span.key_start, f"{member}{newline}{indent}")
    after_previous = Tokens(doc).previous_token(span.key_start) + 1
    gap = text[after_previous : span.key_start]
    return doc.edit(span.key_start, span.key_start, member + (gap if not gap.strip(BLANK) else " "))

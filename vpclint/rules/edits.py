"""Edit helpers the rules' fixes share: each computes edits from spans and comments, so
every byte outside them is kept (no document is ever re-serialised).

A removed member takes its comma and, when it sits on a line of its own, its line; a
member is inserted in the style of the member it goes before (same line or own line,
same indentation, same `:` spacing). None of them writes a comment or a trailing comma,
so a strict JSON file stays strict JSON.

For a key added to a TOML table, an inline table or a JSON object in the entry's own
style, a key renamed in its own quoting and a string rewritten in its own quotes, see
:func:`insert_member`, :func:`rename_key` and :func:`replace_string`.
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
        newline = "\r\n" if text[first - 2 : first] == "\r\n" else "\n"
        indent = indentation(text, span.key_start)
        return doc.edit(span.key_start, span.key_start, f"{member}{newline}{indent}")
    after_previous = Tokens(doc).previous_token(span.key_start) + 1
    gap = text[after_previous : span.key_start]
    return doc.edit(span.key_start, span.key_start, member + (gap if not gap.strip(BLANK) else " "))


def line_break(text: str) -> str:
    """The file's line break: that of its first line (``\\n`` for a one-line file)."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def line_end(text: str, offset: int) -> int:
    """Where the line holding ``offset`` ends, before its ``\\n`` or ``\\r\\n``."""
    end = text.find("\n", offset)
    if end < 0:
        return len(text)
    return end - 1 if end > offset and text[end - 1] == "\r" else end


def indentation(text: str, offset: int) -> str:
    """The spaces and tabs that start the line holding ``offset``."""
    start = text.rfind("\n", 0, offset) + 1
    end = start
    while end < len(text) and text[end] in " \t":
        end += 1
    return text[start:end]


def is_header(doc: Document, path: Path) -> bool:
    """Whether ``path`` is a TOML table declared by a `[header]` / `[[header]]` line."""
    span = doc.spans.get(path)
    return doc.syntax == "toml" and span is not None and span.key_start > span.value_start


def last_key_value(doc: Document, path: Path) -> tuple[int, int] | None:
    """(key start, value end) of the last key-value written in the body of the table at
    ``path`` (dotted keys included, sub-table headers not), or None for an empty body."""
    table = doc.get(path)
    last = None
    for key in table if isinstance(table, dict) else ():
        child = (*path, key)
        span = doc.spans.get(child)
        if span is None or span.key_start > span.value_start:  # not written, or a header
            continue
        if span.key_start == span.value_start and isinstance(table[key], dict):
            found = last_key_value(doc, child)  # `a.b = 1`: the group of dotted keys
        else:
            found = (span.key_start, span.value_end)
        if found is not None and (last is None or found[1] > last[1]):
            last = found
    return last


def insert_member(doc: Document, path: Path, key: str, value_text: str) -> tuple[Edit, ...]:
    """Add ``key`` (a bare TOML key) with ``value_text`` to the table or object at
    ``path``: a new line in a multi-line TOML table or JSON object, with the indentation
    of its last line and the file's line break; `, key = value` in an inline table or a
    one-line object."""
    span = doc.spans.get(path)
    if span is None or not isinstance(doc.get(path), dict):
        return ()
    if is_header(doc, path):
        return _insert_line(doc, path, f"{key} = {value_text}")
    text = doc.source.text
    if text[span.value_start : span.value_start + 1] != "{":
        return ()
    member = f"{key} = {value_text}" if doc.syntax == "toml" else f'"{key}": {value_text}'
    members = [doc.spans[(*path, name)] for name in doc.get(path) if (*path, name) in doc.spans]
    if not members:
        inner = text[span.value_start + 1 : span.value_end - 1]
        if inner.strip():  # a comment in an empty object: nowhere obvious to go
            return ()
        return (doc.edit(span.value_start + 1, span.value_end - 1, f" {member} "),)
    last = max(members, key=lambda member_span: member_span.value_end)
    if doc.syntax == "json":
        edits = _insert_json_line(doc, span, last, member)
        if edits:
            return edits
    return (doc.edit(last.value_end, last.value_end, f", {member}"),)


def _insert_line(doc: Document, path: Path, line: str) -> tuple[Edit, ...]:
    """A new line after the last key-value of a TOML table's body (after the header
    when the body is empty), indented as that key-value's line."""
    text = doc.source.text
    span = doc.spans[path]
    key_start, after = last_key_value(doc, path) or (span.value_start, span.value_end)
    at = line_end(text, after)
    return (doc.edit(at, at, line_break(text) + indentation(text, key_start) + line),)


def _insert_json_line(doc: Document, span, last, member: str) -> tuple[Edit, ...]:
    """A new member on its own line after the last one, when the object is written over
    several lines and the last member has its own line; () otherwise."""
    text = doc.source.text
    close = span.value_end - 1
    if text.count("\n", span.value_start, last.key_start) == 0:
        return ()  # the last member shares the `{` line: keep to one line
    position, has_comma, newline = last.value_end, False, -1
    while position < close:
        char = text[position]
        if text.startswith("//", position):
            position = text.find("\n", position)
            if position < 0 or position >= close:
                return ()
            continue
        if text.startswith("/*", position):
            position = text.find("*/", position) + 2
            continue
        if char == "\n":
            newline = position
            break
        has_comma = has_comma or char == ","
        position += 1
    if newline < 0:
        return ()  # the closing brace is on the last member's line
    at = newline - 1 if text[newline - 1] == "\r" else newline
    line = line_break(text) + indentation(text, last.key_start) + member
    if has_comma:
        return (doc.edit(at, at, line),)
    if at == last.value_end:
        return (doc.edit(at, at, "," + line),)
    return (doc.edit(last.value_end, last.value_end, ","), doc.edit(at, at, line))


def rename_key(doc: Document, path: Path, new_key: str) -> tuple[Edit, ...]:
    """Write the key at ``path`` as ``new_key`` (a bare-key name), in the key's own
    quoting: bare, "quoted" or 'literal'."""
    span = doc.spans.get(path)
    if span is None or span.key_end <= span.key_start:
        return ()
    return (rename_written_key(doc, span.key_start, span.key_end, new_key),)


def rename_written_key(doc: Document, start: int, end: int, new_key: str) -> Edit:
    """Write the key (or key part) between two offsets as ``new_key`` (a bare-key name),
    in its own quoting."""
    written = doc.source.text[start:end]
    quote = written[0] if written[0] in "\"'" else ""
    return doc.edit(start, end, f"{quote}{new_key}{quote}")


def replace_string(doc: Document, path: Path, new_value: str) -> tuple[Edit, ...]:
    """Write the string at ``path`` as ``new_value`` (no character needing an escape),
    in its own quotes; () for a multi-line or escaped string."""
    span = doc.spans.get(path)
    if span is None:
        return ()
    written = doc.source.text[span.value_start : span.value_end]
    quote = written[:1]
    if quote not in "\"'" or written.startswith(quote * 3) or "\\" in written:
        return ()
    return (doc.edit(span.value_start, span.value_end, f"{quote}{new_value}{quote}"),)

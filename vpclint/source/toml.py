"""TOML 1.1: values and syntax errors from tomli, positions from a scanner of our own.

``parse_toml(text)`` lets tomli (TOML 1.1, as wrangler 4.164.0 reads it through
smol-toml 1.9.0) decide what the file means. Only when tomli has accepted the text
does the position scanner below walk it once more to find where every key and value
is written; it never decides validity itself. It walks it when a position is first
asked for (a clean file never asks), or at once when the text may hold what wrangler
refuses although tomli accepts it. When tomli rejects a key or table
defined twice, the scanner runs on the rejected text to find both definitions, so
the error points at the second one and names the first (:mod:`.tomlerrors` explains
every syntax error, imported only for text tomli refuses).

The scanner is iterative (no recursion, whatever the nesting), linear in the length
of the text, and tolerant: on arbitrary text it never raises and always ends.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from operator import itemgetter

import tomli

from vpclint.record import Record
from vpclint.source.model import Comment, Parsed, ParseError, Path, RelatedOffset, Span
from vpclint.source.text import SourceText

# tomli's limits: a value nested inside more than 400 arrays or inline tables, and a
# key of more than sys.getrecursionlimit() dotted parts (read when tomli is imported),
# raise RecursionError.
MAX_NESTING = 400
MAX_KEY_PARTS = sys.getrecursionlimit()
# Python refuses to convert integers of more than this many digits (ValueError).
MAX_NUMBER_LENGTH = 4300
# wrangler's parser (smol-toml 1.9.0) reads integers as JavaScript numbers and refuses
# any it cannot hold exactly: beyond +-(2**53 - 1), "integer value cannot be represented
# losslessly", even though TOML allows 64-bit integers.
MAX_SAFE_INTEGER = 2**53 - 1

# The scanner's patterns, as strings: it compiles them when it first runs (_Scanner.compile),
# and a clean file is never scanned.
_BARE_KEY = r"[A-Za-z0-9_-]+"
_PLAIN_KEY = r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*"
# The common statement, read in one step: a bare, undotted key and its `=`.
_BARE_KEY_EQUALS = r"([A-Za-z0-9_-]+)[ \t]*=[ \t]*"
# ... and, when it is followed by one, a plain scalar that ends its line (or a comment):
# a one-line string without escapes, or an unquoted value without blanks. Any other
# value is scanned by `_Scanner.value`, which gives such a value the same span.
_PLAIN_STATEMENT = (
    r"""([A-Za-z0-9_-]+)[ \t]*=[ \t]*"""
    r"""("[^"\\\r\n]*"|'[^'\r\n]*'|[^\s,\]}#"'\[{]+)(?=[ \t]*(?:[#\r\n]|\Z))"""
)
# The shortest integer JavaScript cannot hold exactly takes 16 characters in any base
# (9007199254740992, 0x20000000000000); scalars this long are checked for one.
LONG_SCALAR = 15
# A number, boolean, date or time: up to a separator; a date-time may hold one space.
_SCALAR = r"[^,\]}#\r\n]*"

# What defined a table or value at a path, for finding the second definition.
_IMPLICIT = 0  # a super-table named only as a prefix of a header: [a] from [a.b]
_HEADER = 1  # a table declared by [a], or one element of an array of tables
_DOTTED = 2  # a table made by dotted keys: a from a.b = 1
_ARRAY_OF_TABLES = 3  # [[a]]
_VALUE = 4  # a value written after `=` (scalar, array or inline table), and all inside it


class _KeyPart(Record):
    """One part of a dotted key or header: its decoded ``name`` and where it is written."""

    __slots__ = ()

    def __new__(cls, name, start, end):
        return tuple.__new__(cls, (name, start, end))

    name = property(itemgetter(0))
    start = property(itemgetter(1))
    end = property(itemgetter(2))


class _Conflict(Record):
    """A second definition: ``path`` (already defined at ``first``) is written again.

    ``new_path`` is what the second statement defines; it equals ``path`` when the
    same key or table is defined twice, and extends it when the statement tries to
    add to a value (an inline table, an array or a scalar) or to a closed table.
    ``first`` is the Span of the first definition; ``*_kind`` are the kinds above.
    """

    __slots__ = ()

    def __new__(cls, path, first_kind, first, new_path, new_kind, second_start, second_end):
        return tuple.__new__(
            cls, (path, first_kind, first, new_path, new_kind, second_start, second_end)
        )

    path = property(itemgetter(0))
    first_kind = property(itemgetter(1))
    first = property(itemgetter(2))
    new_path = property(itemgetter(3))
    new_kind = property(itemgetter(4))
    second_start = property(itemgetter(5))
    second_end = property(itemgetter(6))


class _Frame:
    """An array or inline table being scanned (the scanner keeps these on a list)."""

    __slots__ = ("count", "is_array", "key_end", "key_start", "path", "start")

    def __init__(self, path: Path, key_start: int, key_end: int, start: int, is_array: bool):
        self.path = path
        self.key_start = key_start
        self.key_end = key_end
        self.start = start
        self.is_array = is_array
        self.count = 0


class _Scanner:
    """Finds where each key and value is written; see the module docstring."""

    # the patterns above, compiled when a scanner first reads (run, key_parts)
    BARE_KEY = PLAIN_KEY = BARE_KEY_EQUALS = PLAIN_STATEMENT = SCALAR = None

    @classmethod
    def compile(cls) -> None:
        cls.BARE_KEY, cls.PLAIN_KEY, cls.BARE_KEY_EQUALS, cls.PLAIN_STATEMENT, cls.SCALAR = (
            re.compile(pattern)
            for pattern in (_BARE_KEY, _PLAIN_KEY, _BARE_KEY_EQUALS, _PLAIN_STATEMENT, _SCALAR)
        )

    def __init__(self, text: str, stop_after: int | None = None, stop_at_conflict: bool = False):
        self.text = text
        self.stop_at_conflict = stop_at_conflict
        self.length = len(text)
        self.stop_after = self.length if stop_after is None else stop_after
        self.pos = 0
        self.spans: dict[Path, Span] = {}
        self.comments: list[Comment] = []
        self.kinds: dict[Path, int] = {}
        self.table_counts: dict[Path, int] = {}
        self.conflict: _Conflict | None = None
        self.too_deep_at: int | None = None
        self.deepest_at = 0
        self.deepest = -1
        self.long_key_at: int | None = None
        self.long_number: tuple[int, int] | None = None
        self.long_scalars: list[Path] = []  # unquoted values of LONG_SCALAR+ characters
        self.unclosed_string_at: int | None = None
        # Tables first created as a prefix of a [table] header (not of [[array]]), and
        # the first dotted key that adds to one: smol-toml refuses it, tomli does not.
        self.header_implied: set[Path] = set()
        self.dotted_into_header: tuple[Path, Span, _KeyPart] | None = None
        self.next_line_feed = -1
        self.done = False  # stopped early: a limit, a conflict (stop_at_conflict) or a bug
        self.ended = False  # done, or at the end of the text (or of stop_after)
        self.table: Path = ()  # the table the statements being read go into

    # -- statements ---------------------------------------------------------------

    def run(self, until: Path | None = None) -> None:
        """Scan to the end, or (``until``) only until that path's span is found and
        final: then a later call goes on from there. Spans are final after each
        statement (values are read whole), but for a table a header names as a prefix
        (``a`` of ``[a.b]``), which a later ``[a]`` takes over."""
        if _Scanner.SCALAR is None:
            _Scanner.compile()
        text, length, spans, kinds = self.text, self.length, self.spans, self.kinds
        table = self.table
        while not self.done:
            self.skip_blank()
            start = self.pos
            if start >= length or start > self.stop_after:
                self.ended = True
                return
            if text[start] == "[":
                table = self.table = self.header()
            else:
                self.key_value(table)
            self.end_statement()
            if self.pos == start:
                self.pos += 1
            if until is not None and until in spans and kinds.get(until) != _IMPLICIT:
                return
        self.ended = True

    def end_statement(self) -> None:
        """Skip spaces and a comment after a statement; skip any garbage to the line end."""
        self.skip_spaces()
        if self.pos < self.length and self.text[self.pos] == "#":
            self.comment()
        if self.pos < self.length and self.text[self.pos] not in "\r\n":
            end = self.text.find("\n", self.pos)
            self.pos = self.length if end == -1 else end

    def header(self) -> Path:
        text, start = self.text, self.pos
        is_array = text.startswith("[[", start)
        self.pos += 2 if is_array else 1
        parts = self.key()
        self.skip_spaces()
        close = "]]" if is_array else "]"
        if text.startswith(close, self.pos):
            self.pos += len(close)
        if not parts or self.done:
            return ()
        end = self.pos
        last = parts[-1]
        parent = self.header_parent(parts[:-1], start, end, last, is_array)
        path = (*parent, last.name)
        header_span = Span(last.start, last.end, start, end)
        kind = self.kinds.get(path)
        if is_array:
            if kind is None:
                self.kinds[path] = _ARRAY_OF_TABLES
                self.spans[path] = header_span
            elif kind != _ARRAY_OF_TABLES:
                self.report(path, path, _ARRAY_OF_TABLES, last)
                return path
            index = self.table_counts.get(path, 0)
            self.table_counts[path] = index + 1
            path += (index,)
        elif kind is not None and kind != _IMPLICIT:
            self.report(path, path, _HEADER, last)
            return path
        self.kinds[path] = _HEADER
        self.spans[path] = header_span
        return path

    def header_parent(
        self, parts: list[_KeyPart], start: int, end: int, last: _KeyPart, is_array: bool
    ) -> Path:
        """The table a header's last key part goes into; records implicit super-tables."""
        path: Path = ()
        for index, part in enumerate(parts):
            path += (part.name,)
            kind = self.kinds.get(path)
            if kind is None:
                self.kinds[path] = _IMPLICIT
                self.spans[path] = Span(part.start, part.end, start, end)
                if not is_array:
                    self.header_implied.add(path)
            elif kind == _VALUE:
                rest = (*(p.name for p in parts[index + 1 :]), last.name)
                self.report(path, path + rest, _HEADER, part)
            elif kind == _ARRAY_OF_TABLES:
                path += (self.table_counts.get(path, 1) - 1,)
        return path

    def key_value(self, table: Path) -> None:
        plain = self.PLAIN_STATEMENT.match(self.text, self.pos)
        if plain is not None:
            self.plain_statement(table, plain)
            return
        simple = self.BARE_KEY_EQUALS.match(self.text, self.pos)
        if simple is not None:  # `key = value`: no dotted parts to record
            name = simple.group(1)
            start, end = simple.span(1)
            path = (*table, name)
            if path in self.kinds:
                self.report(path, path, _VALUE, _KeyPart(name, start, end))
            self.pos = simple.end()
            self.value(path, start, end)
            return
        target = self.key_and_equals(table)
        if target is not None:
            path, last = target
            self.value(path, last.start, last.end)

    def key_and_equals(self, table: Path) -> tuple[Path, _KeyPart] | None:
        """Read ``key =``; return the path it defines and its last key part."""
        parts = self.key()
        if not parts or self.done:
            return None
        self.skip_spaces()
        if self.pos >= self.length or self.text[self.pos] != "=":
            return None
        self.pos += 1
        self.skip_spaces()
        path = table
        last = parts[-1]
        for part in parts[:-1]:
            path += (part.name,)
            kind = self.kinds.get(path)
            if kind is None:
                self.kinds[path] = _DOTTED
                self.spans[path] = Span(part.start, part.end, part.start, part.end)
            elif kind == _IMPLICIT:
                if path in self.header_implied and self.dotted_into_header is None:
                    self.dotted_into_header = (path, self.spans[path], part)
                self.kinds[path] = _DOTTED
            elif kind != _DOTTED:
                self.report(path, table + tuple(p.name for p in parts), _VALUE, part)
        path += (last.name,)
        if path in self.kinds:
            self.report(path, path, _VALUE, last)
        return path, last

    def report(self, path: Path, new_path: Path, new_kind: int, second: _KeyPart) -> None:
        """Note a second definition (tomli refuses the text; only the first one counts)."""
        if self.conflict is None:
            self.conflict = _Conflict(
                path,
                self.kinds[path],
                self.spans[path],
                new_path,
                new_kind,
                second.start,
                second.end,
            )
        if self.stop_at_conflict:
            self.done = True

    # -- keys -----------------------------------------------------------------------

    def key(self) -> list[_KeyPart]:
        """Read a (dotted) key; an empty list when no key starts here."""
        text, length = self.text, self.length
        self.skip_spaces()
        plain = self.plain_key()
        if plain is not None:
            return plain
        parts: list[_KeyPart] = []
        while True:
            self.skip_spaces()
            start = self.pos
            char = text[start] if start < length else ""
            if char == '"' or char == "'":
                end = self.string_end(start)
            else:
                match = self.BARE_KEY.match(text, start)
                end = match.end() if match else start
            if end == start:
                return parts
            parts.append(_KeyPart(_decode_key(text[start:end]), start, end))
            self.pos = end
            if len(parts) > MAX_KEY_PARTS:
                if self.long_key_at is None:
                    self.long_key_at = parts[0].start
                self.done = True
                return parts
            self.skip_spaces()
            if self.pos < length and text[self.pos] == ".":
                self.pos += 1
            else:
                return parts

    def plain_key(self) -> list[_KeyPart] | None:
        """Read a key of bare parts joined by dots without blanks (``env.staging``) in
        one step, as :meth:`key` would; None when the key is of another form."""
        text, length = self.text, self.length
        match = self.PLAIN_KEY.match(text, self.pos)
        if match is None:
            return None
        after = match.end()
        while after < length and text[after] in " \t":
            after += 1
        if (after < length and text[after] == ".") or match.group().count(".") >= MAX_KEY_PARTS:
            return None  # more parts after blanks, or too many: read part by part
        parts, start = [], match.start()
        for name in match.group().split("."):
            parts.append(_KeyPart(name, start, start + len(name)))
            start += len(name) + 1
        self.pos = after
        return parts

    # -- values ---------------------------------------------------------------------

    def value(self, path: Path, key_start: int, key_end: int) -> None:
        """Scan one value and everything nested in it, with a list as the stack."""
        text, length = self.text, self.length
        stack: list[_Frame] = []
        pending: tuple[Path, int, int] | None = (path, key_start, key_end)
        while not self.done:
            if pending is not None:
                self.start_value(stack, *pending)
                pending = None
                continue
            if not stack:
                return
            frame = stack[-1]
            self.skip_blank()
            char = text[self.pos] if self.pos < length else ""
            if char == ",":
                self.pos += 1
            elif char in "]}":  # also "" (the end of the text): close what is open
                if char == ("]" if frame.is_array else "}"):
                    self.pos += 1
                stack.pop()
                self.spans[frame.path] = Span(frame.key_start, frame.key_end, frame.start, self.pos)
            elif frame.is_array:
                pending = ((*frame.path, frame.count), self.pos, self.pos)
                frame.count += 1
            else:
                before = self.pos
                target = self.key_and_equals(frame.path)
                if target is not None:
                    member, last = target
                    pending = (member, last.start, last.end)
                elif self.pos == before:
                    self.pos += 1

    def plain_statement(self, table: Path, plain: re.Match) -> None:
        """A ``_PLAIN_STATEMENT`` read in one step, as the general path would read it."""
        name = plain.group(1)
        key_start, key_end = plain.span(1)
        path = (*table, name)
        if path in self.kinds:
            self.report(path, path, _VALUE, _KeyPart(name, key_start, key_end))
        start, end = plain.span(2)
        if self.done:
            self.pos = start
            return
        if self.deepest < 0:
            self.deepest, self.deepest_at = 0, start
        self.kinds[path] = _VALUE
        self.spans[path] = Span(key_start, key_end, start, end)
        self.pos = end
        if end - start >= LONG_SCALAR and self.text[start] not in "\"'":
            self.long_scalars.append(path)
            if end - start > MAX_NUMBER_LENGTH and self.long_number is None:
                self.long_number = (start, end)

    def start_value(self, stack: list[_Frame], path: Path, key_start: int, key_end: int) -> None:
        """Open an array or inline table, or scan a whole scalar, at ``self.pos``."""
        start = self.pos
        depth = len(stack)
        if depth > self.deepest:
            self.deepest, self.deepest_at = depth, start
        if depth > MAX_NESTING:
            self.too_deep_at = start
            self.done = True
            return
        self.kinds[path] = _VALUE
        char = self.text[start] if start < self.length else ""
        if char == "[" or char == "{":
            self.pos += 1
            stack.append(_Frame(path, key_start, key_end, start, char == "["))
            self.spans[path] = Span(key_start, key_end, start, start + 1)  # until closed
            return
        end = self.scalar_end(start)
        self.pos = end
        self.spans[path] = Span(key_start, key_end, start, end)
        if end - start >= LONG_SCALAR and char != '"' and char != "'":
            self.long_scalars.append(path)

    def scalar_end(self, start: int) -> int:
        text = self.text
        char = text[start] if start < self.length else ""
        if char == '"' or char == "'":
            return self.string_end(start)
        end = self.SCALAR.match(text, start).end()
        while end > start and text[end - 1] in " \t":
            end -= 1
        if end - start > MAX_NUMBER_LENGTH and self.long_number is None:
            self.long_number = (start, end)
        if end == start and start < self.length:  # not a value: step over it
            end += 1
        return end

    def string_end(self, start: int) -> int:
        """The end of the string starting at ``start``; notes the first one not closed."""
        text = self.text
        quote = text[start]
        escapes = quote == '"'
        multiline = text.startswith(quote * 3, start)
        if multiline:
            close = self.find_closing(quote * 3, start + 3, self.length, escapes)
            stop = self.length
        else:  # a one-line string ends at the end of its line at the latest
            stop = self.line_end(start)
            close = self.find_closing(quote, start + 1, stop, escapes)
        if close == -1:
            if self.unclosed_string_at is None:
                self.unclosed_string_at = start
            return stop
        end = close + 1
        if multiline:
            end = close + 3
            extra = 0  # up to two more quotes end the content: """a"""""
            while extra < 2 and end < self.length and text[end] == quote:
                end += 1
                extra += 1
        return end

    def find_closing(self, delimiter: str, start: int, stop: int, escapes: bool) -> int:
        """Where ``delimiter`` first occurs in ``text[start:stop]``, not escaped; else -1."""
        text = self.text
        found = text.find(delimiter, start, stop)
        while escapes and found != -1 and _ends_in_escape(text, start, found):
            found = text.find(delimiter, found + 1, stop)
        return found

    def line_end(self, pos: int) -> int:
        """The offset of the first line feed at or after ``pos`` (or the text length)."""
        if self.next_line_feed < pos:
            found = self.text.find("\n", pos)
            self.next_line_feed = self.length if found == -1 else found
        return self.next_line_feed

    # -- blanks and comments --------------------------------------------------------

    def skip_spaces(self) -> None:
        text, length, pos = self.text, self.length, self.pos
        while pos < length and text[pos] in " \t":
            pos += 1
        self.pos = pos

    def skip_blank(self) -> None:
        """Skip spaces, line breaks and comments (recording the comments)."""
        text, length = self.text, self.length
        while self.pos < length:
            char = text[self.pos]
            if char in " \t\r\n":
                self.pos += 1
            elif char == "#":
                self.comment()
            else:
                return

    def comment(self) -> None:
        """Record the comment at ``self.pos`` (up to, not including, the line break)."""
        text, start = self.text, self.pos
        line_end = text.find("\n", start)
        if line_end == -1:
            line_end = self.length
        end = line_end - 1 if line_end > start and text[line_end - 1] == "\r" else line_end
        self.comments.append(Comment(start, end, text[start:end]))
        self.pos = line_end


def _ends_in_escape(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends in an odd number of backslashes."""
    count = 0
    while end - count > start and text[end - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _decode_key(raw: str) -> str:
    if raw[0] == "'":
        return raw[1:-1] if len(raw) > 1 and raw[-1] == "'" else raw[1:]
    if raw[0] == '"':
        if "\\" not in raw:
            return raw[1:-1] if len(raw) > 1 and raw[-1] == '"' else raw[1:]
        try:
            return tomli.loads("k = " + raw)["k"]
        except (tomli.TOMLDecodeError, ValueError, KeyError):
            return raw[1:-1]
    return raw


def key_parts(text: str, start: int) -> list[tuple[str, int, int]]:
    """(name, start, end) of each part of the dotted key written at ``start`` (after a
    header's `[` / `[[`): ``env."eu".vpc_services`` gives three parts."""
    if _Scanner.SCALAR is None:
        _Scanner.compile()
    scanner = _Scanner(text)
    scanner.pos = start
    return scanner.key()


def _scan(text: str, stop_after: int | None = None, stop_at_conflict: bool = False) -> _Scanner:
    """Run the scanner; a bug in it must cost positions, never the lint run."""
    scanner = _Scanner(text, stop_after, stop_at_conflict)
    try:
        scanner.run()
    except Exception:  # defensive: keep what was found
        scanner.done = True
    return scanner


class ScannedSpans(Mapping):
    """The spans of a text tomli accepted, scanned only as far as lookups need.

    A path the value does not hold is not written, so it is answered without a scan;
    one it holds is scanned for until its span is final. Going through all the spans
    scans the rest of the text, and then ``scanned`` is the plain dict of them."""

    __slots__ = ("_scanner", "_value")

    def __init__(self, text: str, value: dict):
        self._scanner = _Scanner(text)
        self._value = value

    def _run(self, until: Path | None = None) -> None:
        scanner = self._scanner
        try:
            scanner.run(until)
        except Exception:  # defensive, as in _scan: keep what was found
            scanner.done = scanner.ended = True

    def __getitem__(self, path: Path) -> Span:
        scanner = self._scanner
        spans = scanner.spans
        if path in spans and scanner.kinds.get(path) != _IMPLICIT:
            return spans[path]
        if not scanner.ended and _value_at(self._value, path) is not None:
            self._run(path)
        return spans[path]

    def __iter__(self):
        if not self._scanner.ended:
            self._run()
        return iter(self._scanner.spans)

    def __len__(self) -> int:
        if not self._scanner.ended:
            self._run()
        return len(self._scanner.spans)

    @property
    def scanned(self) -> dict[Path, Span] | None:
        """Every span, once the whole text is scanned; None before."""
        return self._scanner.spans if self._scanner.ended else None

    def comments(self) -> list[Comment]:
        if not self._scanner.ended:
            self._run()
        return self._scanner.comments


def _value_at(value: dict, path: Path) -> object:
    """The node of the value at ``path``, or None when it has none (TOML has no null)."""
    node: object = value
    for part in path:
        if type(node) is dict:
            if part not in node:
                return None
        elif type(node) is not list or type(part) is not int or not 0 <= part < len(node):
            return None
        node = node[part]  # type: ignore[index]
    return node


# -- the public entry point -----------------------------------------------------------


def parse_toml(text: str, *, wrangler: bool = True) -> Parsed:
    """Parse TOML 1.1 text (decoded, BOM stripped): the value, spans and comments.

    Raises ParseError for a syntax error, a key or table defined twice, nesting
    deeper than tomli allows, or a number too long to read. With ``wrangler`` (the
    default) it also refuses the valid TOML that wrangler's own parser (smol-toml
    1.9.0) refuses: integers beyond +-(2**53 - 1), and a dotted key that adds to a
    table which a [table] header created implicitly (``[a.b.c]``, ``[a]``, ``b.d = 1``).
    Pass ``wrangler=False`` for TOML that wrangler never reads.
    """
    try:
        value = tomli.loads(text)
    except (ValueError, RecursionError) as error:  # TOMLDecodeError is a ValueError
        from vpclint.source.tomlerrors import parse_error

        raise parse_error(text, error) from None
    if not wrangler or not _may_be_refused(text, value):
        spans = ScannedSpans(text, value)
        return Parsed(value, spans, find_comments=spans.comments)
    scanner = _scan(text)
    refused = _refused_by_wrangler(text, value, scanner)
    if refused is not None:
        raise refused
    return Parsed(value, scanner.spans, scanner.comments)


# -- valid TOML that wrangler's parser refuses -------------------------------------

# A statement whose key is dotted: a line that starts with a key part, bare or quoted,
# then a `.` (every key/value statement starts a line; other lines only add misses).
# Possessive, so nothing is tried twice. Text without one can hold no dotted key that
# wrangler refuses, and the scanner need not run until a position is asked for.
_DOTTED_KEY_LINE = r"""\n[ \t]*+(?:[^\s#\[="'.]++|"(?:[^"\\\n]|\\.)*+"|'[^'\n]*+')[ \t]*+\."""


def _may_be_refused(text: str, value: dict) -> bool:
    """Whether the text may hold an integer or a dotted key that wrangler refuses."""
    return _has_unsafe_integer(value) or re.search(_DOTTED_KEY_LINE, "\n" + text) is not None


def _has_unsafe_integer(value: dict) -> bool:
    stack: list = [value]
    while stack:
        node = stack.pop()
        for item in node.values() if type(node) is dict else node:
            kind = type(item)
            if kind is int:
                if item > MAX_SAFE_INTEGER or item < -MAX_SAFE_INTEGER:
                    return True
            elif kind is dict or kind is list:
                stack.append(item)
    return False


def _refused_by_wrangler(text: str, value: dict, scanner: _Scanner) -> ParseError | None:
    """The first (in text order) construct smol-toml 1.9.0 refuses although tomli accepts it."""
    errors = [error for error in (_unsafe_integer_error(value, scanner),) if error is not None]
    if scanner.dotted_into_header is not None:
        errors.append(_dotted_into_header_error(text, *scanner.dotted_into_header))
    return min(errors, key=lambda error: error.offset) if errors else None


def _unsafe_integer_error(value: dict, scanner: _Scanner) -> ParseError | None:
    """An integer JavaScript cannot hold exactly, the first one written in the text.

    Only the long unquoted values the scanner noted can be one; when the scanner stopped
    early (it could have missed some), every value is looked at."""
    if scanner.done:
        return _unsafe_integer_in_value(value, scanner)
    for path in scanner.long_scalars:
        item = _value_at(value, path)
        if type(item) is int and abs(item) > MAX_SAFE_INTEGER:
            span = scanner.spans[path]
            return _unsafe_integer(span.value_start, span.value_end, item)
    return None


def _unsafe_integer_in_value(value: dict, scanner: _Scanner) -> ParseError | None:
    first: tuple[int, int, int] | None = None
    stack: list[tuple[Path, object]] = [((), value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, dict):
            stack.extend(((*path, key), child) for key, child in item.items())
        elif isinstance(item, list):
            stack.extend(((*path, index), child) for index, child in enumerate(item))
        elif type(item) is int and abs(item) > MAX_SAFE_INTEGER:
            span = scanner.spans.get(path)
            start, end = (span.value_start, span.value_end) if span else (0, 0)
            if first is None or start < first[0]:
                first = (start, end, item)
    if first is None:
        return None
    return _unsafe_integer(*first)


def _unsafe_integer(start: int, end: int, number: int) -> ParseError:
    return ParseError(
        f"wrangler cannot read this integer: its TOML parser holds numbers as JavaScript "
        f"numbers and refuses integers beyond +-{MAX_SAFE_INTEGER} (2^53 - 1); write it "
        f'as a string ("{number}") if it is an ID or a name',
        start,
        max(end, start + 1),
    )


def _dotted_into_header_error(text: str, path: Path, table: Span, part: _KeyPart) -> ParseError:
    name = _dotted(path)
    line = SourceText(text).position(table.value_start).line
    related = (
        RelatedOffset(f"`{name}` is created by this header", table.value_start, table.value_end),
    )
    return ParseError(
        f"wrangler's TOML parser refuses a dotted key that adds to `{name}`, a table "
        f"created by the header on line {line}; write the key under a [{name}] header "
        "instead",
        part.start,
        part.end,
        related,
    )


def _dotted(path: Path) -> str:
    """The key as TOML writes it: ``env."production-eu".vpc_services`` (no indices)."""
    return ".".join(key_text(part) for part in path if isinstance(part, str))


def key_text(name: str) -> str:
    """``name`` as a TOML key: bare when it can be, else a basic string."""
    if re.fullmatch(_BARE_KEY, name):
        return name
    escaped = "".join(
        "\\" + char if char in '"\\' else (f"\\u{ord(char):04x}" if ord(char) < 32 else char)
        for char in name
    )
    return f'"{escaped}"'

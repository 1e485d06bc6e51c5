"""What a parser returns: the value, a span for every key and value, comments, duplicates.

Paths are tuples of object keys (str) and array indices (int). Offsets are 0-based
indices into the decoded text (code points), ends exclusive.
"""

from __future__ import annotations

from operator import itemgetter

from vpclint.record import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

Path = tuple[str | int, ...]


class Span(Record):
    """Where one node is written.

    ``key_start:key_end`` is the key (for TOML dotted keys and headers, the last key
    part); array elements have no key, so their key range is empty at ``value_start``.
    ``value_start:value_end`` is the value; for a TOML table declared by a header it
    is the header line (``[[vpc_services]]``).
    """

    __slots__ = ()

    def __new__(cls, key_start, key_end, value_start, value_end):
        return tuple.__new__(cls, (key_start, key_end, value_start, value_end))

    key_start = property(itemgetter(0))
    key_end = property(itemgetter(1))
    value_start = property(itemgetter(2))
    value_end = property(itemgetter(3))


class Comment(Record):
    """A comment; ``start`` is the offset of ``#`` or ``//`` or ``/*``; ``text`` is all of it."""

    __slots__ = ()

    def __new__(cls, start, end, text):
        return tuple.__new__(cls, (start, end, text))

    start = property(itemgetter(0))
    end = property(itemgetter(1))
    text = property(itemgetter(2))


class DuplicateKey(Record):
    """A JSON object key written twice (``first`` and ``second`` Spans): the last value
    wins, as in wrangler."""

    __slots__ = ()

    def __new__(cls, path, first, second):
        return tuple.__new__(cls, (path, first, second))

    path = property(itemgetter(0))
    first = property(itemgetter(1))
    second = property(itemgetter(2))


class Parsed:
    """A parsed file: its value, a Span per path, its comments, duplicate JSON keys and
    the offsets of JSON trailing commas (``[1,]``).

    ``spans`` may be any mapping, one that finds its spans as lookups ask for them, say;
    a parser may pass ``find_comments`` instead of ``comments``: called on first use
    (most clean files never ask)."""

    __slots__ = (
        "_comments",
        "_find_comments",
        "duplicate_keys",
        "spans",
        "trailing_commas",
        "value",
    )

    def __init__(
        self,
        value,
        spans,
        comments=None,
        duplicate_keys=None,
        trailing_commas=None,
        find_comments=None,
    ):
        self.value = value
        self.spans: Mapping[Path, Span] = spans
        self._comments: list[Comment] | None = comments
        self._find_comments = find_comments
        self.duplicate_keys: list[DuplicateKey] = (
            duplicate_keys if duplicate_keys is not None else []
        )
        self.trailing_commas: list[int] = trailing_commas if trailing_commas is not None else []

    @property
    def comments(self) -> list[Comment]:
        if self._comments is None:
            self._comments = self._find_comments() if self._find_comments else []
        return self._comments


class RelatedOffset(Record):
    """A second place a syntax error refers to, as offsets."""

    __slots__ = ()

    def __new__(cls, message, start, end):
        return tuple.__new__(cls, (message, start, end))

    message = property(itemgetter(0))
    start = property(itemgetter(1))
    end = property(itemgetter(2))


class ParseError(ValueError):
    """A syntax error at ``offset`` (``end`` exclusive; defaults to one character)."""

    def __init__(
        self,
        message: str,
        offset: int,
        end: int | None = None,
        related: tuple[RelatedOffset, ...] = (),
        fix: str | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.fix = fix
        self.offset = offset
        self.end = end if end is not None else offset + 1
        self.related = related

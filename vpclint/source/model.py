"""What a parser returns: the value, a span for every key and value, comments, duplicates.

Paths are tuples of object keys (str) and array indices (int). Offsets are 0-based
indices into the decoded text (code points), ends exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Span:
    """Where one node is written.

    ``key_start:key_end`` is the key (for TOML dotted keys and headers, the last key
    part); array elements have no key, so their key range is empty at ``value_start``.
    ``value_start:value_end`` is the value; for a TOML table declared by a header it
    is the header line (``[[vpc_services]]``).
    """

    key_start: int
    key_end: int
    value_start: int
    value_end: int


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment; ``start`` is the offset of ``#`` or ``//`` or ``/*``; ``text`` is all of it."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class DuplicateKey:
    """A JSON object key written twice: the last value wins, as in wrangler."""

    path: Path
    first: Span
    second: Span


@dataclass(slots=True)
class Parsed:
    value: Any
    spans: dict[Path, Span]
    comments: list[Comment] = field(default_factory=list)
    duplicate_keys: list[DuplicateKey] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RelatedOffset:
    message: str
    start: int
    end: int


class ParseError(ValueError):
    """A syntax error at ``offset`` (``end`` exclusive; defaults to one character)."""

    def __init__(
        self,
        message: str,
        offset: int,
        end: int | None = None,
        related: tuple[RelatedOffset, ...] = (),
    ):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.end = end if end is not None else offset + 1
        self.related = related

"""Bytes to text, and offsets to line:column.

Positions are 1-based lines and 1-based columns counted in Unicode code points,
as ruff and rustc report them. A line ends at ``\\n``, at ``\\r\\n`` or at a lone
``\\r`` (which JSONC treats as whitespace and editors show as a line break).
``str.splitlines`` is never used: it also splits on form feeds, U+2028 and more.
"""

from __future__ import annotations

import re
from operator import itemgetter

from vpclint.record import Record

_UTF8_BOM = b"\xef\xbb\xbf"
_OTHER_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32 BE"),
    (b"\xff\xfe\x00\x00", "UTF-32 LE"),
    (b"\xfe\xff", "UTF-16 BE"),
    (b"\xff\xfe", "UTF-16 LE"),
)
_LINE_BREAK = r"\r\n?|\n"  # compiled on first use: only findings need lines


class DecodeError(ValueError):
    """The bytes cannot be read as a config file; ``message`` says why and what to do."""

    def __init__(self, message: str, offset: int = 0):
        super().__init__(message)
        self.message = message
        self.offset = offset


def decode(data: bytes) -> str:
    """Decode file bytes as wrangler does: UTF-8, a UTF-8 BOM stripped, other BOMs refused."""
    for bom, name in _OTHER_BOMS:
        if data.startswith(bom):
            raise DecodeError(
                f"the file starts with a {name} byte order mark; save it as UTF-8 "
                "(wrangler refuses other encodings)"
            )
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DecodeError(
            f"the file is not valid UTF-8 (byte 0x{data[error.start]:02x} at byte offset "
            f"{error.start}, line {line}); save it as UTF-8",
            offset=len(data[: error.start].decode("utf-8", "replace")),
        ) from None
    nul = text.find("\x00")
    if nul != -1:
        raise DecodeError(
            "the file contains a NUL byte, so it is binary, not a config file", offset=nul
        )
    return text


def decode_lossy(data: bytes) -> str:
    """The text a DecodeError's offset counts in: a UTF-8 BOM stripped (as ``decode``
    strips it), each undecodable byte sequence replaced by U+FFFD."""
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    return data.decode("utf-8", "replace")


class Position(Record):
    """A 1-based line and a 1-based column counted in code points; ordered."""

    __slots__ = ()

    def __new__(cls, line, column):
        return tuple.__new__(cls, (line, column))

    line = property(itemgetter(0))
    column = property(itemgetter(1))

    def as_dict(self) -> dict[str, int]:
        return {"line": self.line, "column": self.column}


class SourceText:
    """The decoded text of one file and the offsets at which its lines start."""

    __slots__ = ("_line_starts", "text")

    def __init__(self, text: str):
        self.text = text
        self._line_starts: list[int] | None = None

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer(_LINE_BREAK, self.text)]
        return self._line_starts

    def position(self, offset: int) -> Position:
        """The 1-based line and code-point column of a 0-based offset into the text."""
        offset = max(0, min(offset, len(self.text)))
        if 0 < offset < len(self.text) and self.text[offset - 1 : offset + 1] == "\r\n":
            offset -= 1  # inside a CRLF line break: the end of the line, not past it
        starts = self.line_starts
        import bisect  # only findings need positions

        index = bisect.bisect_right(starts, offset) - 1
        return Position(index + 1, offset - starts[index] + 1)

    def offset(self, position: Position) -> int:
        return self.line_starts[position.line - 1] + position.column - 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        starts = self.line_starts
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

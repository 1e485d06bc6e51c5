"""vpclint positions (1-based lines, code-point columns) <-> LSP positions (0-based lines,
characters counted in the negotiated encoding: UTF-16 code units unless the client offers
another, as the protocol requires).

vpclint and LSP agree on what ends a line (``\\n``, ``\\r\\n`` or a lone ``\\r``), so lines
map one to one. The one difference between the editor's text and the text vpclint reads is
a leading byte order mark, which vpclint skips: it shifts the first line by one character.
"""

from __future__ import annotations

from vpclint.source.text import Position, SourceText

BOM = "\ufeff"
UNIT_CODECS = {"utf-16": "utf-16-le", "utf-8": "utf-8", "utf-32": None}
UNIT_SIZES = {"utf-16": 2, "utf-8": 1}


def units(text: str, encoding: str) -> int:
    """The length of ``text`` in the encoding's code units (code points for UTF-32)."""
    codec = UNIT_CODECS.get(encoding, "utf-16-le")
    if codec is None:
        return len(text)
    return len(text.encode(codec, "surrogatepass")) // UNIT_SIZES.get(encoding, 2)


def characters_in(text: str, count: int, encoding: str) -> int:
    """How many code points of ``text`` ``count`` code units cover (rounding down inside a
    character, and stopping at the end of ``text``)."""
    if UNIT_CODECS.get(encoding, "utf-16-le") is None:
        return min(count, len(text))
    used = 0
    for index, char in enumerate(text):
        used += units(char, encoding)
        if used > count:
            return index
    return len(text)


class LineMap:
    """Converts positions for one version of one document, as the editor holds it."""

    def __init__(self, source: SourceText, has_bom: bool, encoding: str = "utf-16"):
        self.source = source  # the text vpclint parsed (without the byte order mark)
        self.shift = 1 if has_bom else 0
        self.encoding = encoding

    def lsp(self, position: Position) -> tuple[int, int]:
        """(line, character) of a vpclint position; a column past the line's end counts as
        one character each (the end of a range that covers the line break)."""
        line = min(position.line, self.source.line_count)
        text = self.source.line_text(line)
        before = text[: position.column - 1]
        past_end = max(0, position.column - 1 - len(text))
        shift = self.shift if line == 1 else 0
        return line - 1, units(before, self.encoding) + past_end + shift

    def offset(self, line: int, character: int) -> int:
        """The offset into vpclint's text of an LSP position (clamped to the document)."""
        if line >= self.source.line_count:
            return len(self.source.text)
        line = max(line, 0)
        if line == 0:
            character = max(0, character - self.shift)
        text = self.source.line_text(line + 1)
        column = characters_in(text, max(character, 0), self.encoding)
        return self.source.line_starts[line] + column

    def position(self, line: int, character: int) -> Position:
        return self.source.position(self.offset(line, character))


def editor_source(text: str) -> tuple[SourceText, bool]:
    """vpclint's view of an editor's text: the byte order mark removed, as decoding does."""
    if text.startswith(BOM):
        return SourceText(text[1:]), True
    return SourceText(text), False

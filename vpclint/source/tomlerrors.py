"""Syntax errors of TOML text, explained: where tomli refused it and what to write instead.

:mod:`vpclint.source.toml` imports this only for text tomli refuses. tomli's messages
(``Invalid statement (at line 3, column 5)``) become vpclint's, positioned on the text as
read (CRLF included); a key or table defined twice points at the second definition and
names the first, which the position scanner finds.
"""

from __future__ import annotations

import re

import tomli

from vpclint.source.model import ParseError, RelatedOffset
from vpclint.source.text import SourceText
from vpclint.source.toml import (
    _ARRAY_OF_TABLES,
    _DOTTED,
    _HEADER,
    _IMPLICIT,
    _SCALAR,
    _VALUE,
    MAX_KEY_PARTS,
    MAX_NESTING,
    MAX_NUMBER_LENGTH,
    _dotted,
    _scan,
)

# tomli's position suffix, cut from its messages (a pattern string: compiled on first use)
_POSITION_SUFFIX = r" \(at (?:line \d+, column \d+|end of document)\)$"

TYPE_CHECKING = False
if TYPE_CHECKING:
    from vpclint.source.toml import _Conflict


def parse_error(text: str, error: ValueError | RecursionError) -> ParseError:
    """The finding for what tomli raised on ``text``: a syntax error, nesting or a key
    deeper than it reads, or a number longer than Python converts."""
    if isinstance(error, tomli.TOMLDecodeError):
        return _syntax_error(text, error)
    if isinstance(error, RecursionError):
        return _nesting_error(text, str(error))
    return _number_error(text, error)


_DUPLICATE_MESSAGES = (
    "Cannot declare ",
    "Cannot overwrite a value",
    "Cannot mutate immutable namespace",
    "Cannot redefine namespace",
    "Duplicate inline table key",
)

_PLAIN_MESSAGES = {
    "Invalid statement": "expected a `key = value` pair, a [table] header or a `#` comment",
    "Expected newline or end of document after a statement": (
        "expected the end of the line after this statement; put each `key = value` "
        "pair and each [table] header on a line of its own"
    ),
    "Expected '=' after a key in a key/value pair": (
        "expected `=` after the key; a key that contains spaces or characters other "
        'than A-Z a-z 0-9 _ - must be quoted: "my key" = 1'
    ),
    "Invalid initial character for a key part": (
        "expected a key; a key that contains characters other than A-Z a-z 0-9 _ - "
        'must be quoted: "my key" = 1'
    ),
    "Unclosed array": "expected `,` or `]` after this array element",
    "Unclosed inline table": "expected `,` or `}` after this `key = value` in an inline table",
    "Unescaped '\\' in a string": (
        "invalid escape sequence in a string; write `\\\\` for a backslash, or use a "
        "'literal string' in single quotes, where a backslash is plain text"
    ),
    "Invalid hex value": "invalid \\x, \\u or \\U escape: expected hexadecimal digits (0-9, a-f)",
    "Escaped character is not a Unicode scalar value": (
        "this escape is not a Unicode character (surrogates D800-DFFF and values above "
        "10FFFF are not allowed)"
    ),
    "Invalid date or datetime": (
        "invalid date or time: the month, day, hour, minute, second or offset is out of "
        'range; if it is meant as text, quote it: "2025-01-15"'
    ),
    "Expected ']' at the end of a table declaration": "expected `]` to close the [table] header",
    "Expected ']]' at the end of an array declaration": (
        "expected `]]` to close the [[array of tables]] header"
    ),
}


def _syntax_error(text: str, error: tomli.TOMLDecodeError) -> ParseError:
    message = getattr(error, "msg", None) or re.sub(_POSITION_SUFFIX, "", str(error))
    offset = _offset_in_text(text, getattr(error, "pos", None) or 0)
    if message.startswith(_DUPLICATE_MESSAGES):
        found = _duplicate_error(text, offset)
        if found is not None:
            return found
        return ParseError(_duplicate_fallback_message(message), offset)
    if message == "Unterminated string" or message.startswith('Expected "'):
        return _unclosed_string_error(text, offset, "this string is not closed")
    if message.startswith(("Found invalid character ", "Illegal character ")) and (
        text.startswith(("\n", "\r\n"), offset)
    ):  # only a one-line string can meet a line break that soon
        return _unclosed_string_error(text, offset, _STRING_AT_LINE_END)
    if message in _AFTER_A_VALUE:
        found = _invalid_date_error(text, offset)
        if found is not None:
            return found
    return _plain_error(text, message, offset)


# tomli stops after the part of a bad date it could read (`2024` of `2024-13-45`) and
# complains about what follows: the real problem is the date, from its start.
_AFTER_A_VALUE = (
    "Expected newline or end of document after a statement",
    "Unclosed array",
    "Unclosed inline table",
    "Invalid date or datetime",
)
# Pattern strings, compiled by `re` on the first invalid date.
_DATE_LIKE = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}(?:[Tt ]\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?)?"
    r"|\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?)(?:[Zz]|[+-]\d{1,2}:\d{1,2})?"
)
_TOKEN_END = r"[^\s,\]}#]*"


def _invalid_date_error(text: str, offset: int) -> ParseError | None:
    """An invalid date or time around ``offset``, reported at the start of its value."""
    line_start = text.rfind("\n", 0, offset) + 1
    before = max(text.rfind(mark, line_start, offset) for mark in "=[,{")
    if before < 0:
        return None
    start = before + 1
    while start < offset and text[start] in " \t":
        start += 1
    match = re.compile(_DATE_LIKE).match(text, start)
    if match is None or not (match.end() > offset or text[offset : offset + 1].isalnum()):
        return None
    end = re.compile(_TOKEN_END).match(text, match.end()).end()
    token = text[start:end]
    return ParseError(
        f"invalid date or time `{token}`: a date is written YYYY-MM-DD and a time "
        "HH:MM:SS, with the month, day, hour, minute, second and offset in range; if it is "
        'meant as text, quote it: "2025-01-15"',
        start,
        end,
    )


def _offset_in_text(text: str, pos: int) -> int:
    """tomli counts offsets in the text with each CRLF made LF: map back to ``text``."""
    crlf_before = 0
    crlf = text.find("\r\n")
    while crlf != -1 and crlf - crlf_before < pos:
        crlf_before += 1
        crlf = text.find("\r\n", crlf + 2)
    return max(0, min(pos + crlf_before, len(text)))


def _plain_error(text: str, message: str, offset: int) -> ParseError:
    char = text[offset] if offset < len(text) else ""
    if char == "\r" and not text.startswith("\r\n", offset):
        return ParseError(_LONE_CR, offset)
    if message.startswith(("Found invalid character ", "Illegal character ")):
        return ParseError(_invalid_character_message(text, offset), offset)
    if message == "Invalid value":
        return _invalid_value_error(text, offset)
    if message.startswith("Expected '='") and char == ":":
        return ParseError("expected `=` after the key (TOML uses `=`, not `:`)", offset)
    if message in _PLAIN_MESSAGES:
        return ParseError(_PLAIN_MESSAGES[message], offset)
    return ParseError(message[:1].lower() + message[1:], offset)


_LONE_CR = (
    "a carriage return (\\r) that is not followed by a line feed (\\n) is not allowed; "
    "save the file with LF or CRLF line endings"
)


_STRING_AT_LINE_END = (
    "this string is not closed before the end of the line; add the closing quote "
    '(text over several lines needs triple quotes: """...""")'
)


def _unclosed_string_error(text: str, offset: int, message: str) -> ParseError:
    """tomli reports an unclosed string where it gave up: point at the string instead."""
    start = _scan(text).unclosed_string_at
    if start is None or start > offset:
        return ParseError(f"{message}; add the closing quote", offset)
    if message == _STRING_AT_LINE_END:
        return ParseError(message, start, max(offset, start + 1))
    quote = text[start]
    if text.startswith(quote * 3, start):
        quote *= 3
    line_end = text.find("\n", start)
    line_end = len(text) if line_end == -1 else line_end
    if text[line_end - 1 : line_end] == "\r":
        line_end -= 1
    return ParseError(f"{message}; add the closing {quote}", start, max(line_end, start + 1))


def _invalid_value_error(text: str, offset: int) -> ParseError:
    token = re.compile(_SCALAR).match(text, offset).group().strip()
    word = token.split(" ", 1)[0]
    if word in {"True", "False", "TRUE", "FALSE", "yes", "no", "on", "off"}:
        message = f"invalid value `{word}`; booleans are written `true` or `false`"
        return ParseError(message, offset, offset + len(word))
    if not token:
        return ParseError("expected a value here", offset)
    end = offset + len(token)
    if len(token) > 60:
        token = token[:57] + "..."
    if token[0].isdigit() or token[0] in "+-.":
        message = f"invalid number, date or time `{token}`; if it is meant as text, quote it"
        return ParseError(message, offset, end)
    return ParseError(f'invalid value `{token}`; write text in quotes: "{token}"', offset, end)


def _invalid_character_message(text: str, offset: int) -> str:
    char = text[offset] if offset < len(text) else ""
    if char == "\r":
        return _LONE_CR
    if not char:
        return "unexpected end of the file"
    return (
        f"the control character U+{ord(char):04X} is not allowed in TOML text or comments; "
        f'inside a "basic string" write it as the escape \\u{ord(char):04x}'
    )


def _duplicate_fallback_message(message: str) -> str:
    if message.startswith("Cannot mutate immutable namespace"):
        return (
            "this adds to an inline table or array that is already complete; "
            "write everything inside its braces or brackets"
        )
    return "a key or table is defined twice; this definition conflicts with an earlier one"


def _duplicate_error(text: str, offset: int) -> ParseError | None:
    """Find the second definition tomli refused, and point at it naming the first."""
    conflict = _scan(text, stop_after=offset, stop_at_conflict=True).conflict
    if conflict is None or conflict.second_start > offset:
        return None
    first = conflict.first
    line = SourceText(text).position(first.key_start).line
    related = (RelatedOffset("first defined here", first.key_start, first.key_end),)
    message = _conflict_message(conflict, line, text[first.value_start : first.value_start + 1])
    return ParseError(message, conflict.second_start, conflict.second_end, related)


_TABLE_KINDS = {
    _IMPLICIT: "a table",
    _HEADER: "a [table]",
    _DOTTED: "a table made with dotted keys",
    _ARRAY_OF_TABLES: "an array of tables",
    _VALUE: "a value",
}


def _conflict_message(conflict: _Conflict, line: int, first_char: str) -> str:
    name = _dotted(conflict.path)
    first, new = conflict.first_kind, conflict.new_kind
    if conflict.new_path != conflict.path:
        what = _TABLE_KINDS[first]
        if first == _VALUE:
            what = {"{": "an inline table", "[": "an array"}.get(first_char, what)
        return (
            f"`{name}` is already defined on line {line} as {what}, so "
            f"`{_dotted(conflict.new_path)}` cannot add to it; {_extend_hint(first, name, first_char)}"
        )
    message = f"`{name}` is defined twice; the first definition is on line {line}"
    if first == _VALUE and new == _VALUE:
        return message + "; remove one of them"
    if first == _VALUE:
        header = f"[[{name}]]" if new == _ARRAY_OF_TABLES else f"[{name}]"
        return message + f"; a key given a value with `=` cannot also have a {header} header"
    if new == _VALUE:
        return message + f"; `{name}` is already a table there, so it cannot also be a value"
    if (first == _ARRAY_OF_TABLES) != (new == _ARRAY_OF_TABLES):
        return message + f"; a key cannot be both a table and an array of tables [[{name}]]"
    if first == _DOTTED:
        return message + (
            f"; a table made with dotted keys cannot be opened again with a [{name}] header"
        )
    return message + f"; put all its keys under one [{name}] header"


def _extend_hint(first: int, name: str, first_char: str) -> str:
    if first == _VALUE and first_char == "{":
        return "an inline table is complete as written: put the new key inside its braces"
    if first == _VALUE and first_char == "[":
        return "an array written with `=` is complete: put the new entry inside its brackets"
    if first == _VALUE:
        return "a key given a plain value cannot also be a table"
    if first == _HEADER:
        return f"write the key under the [{name}] header instead"
    if first == _ARRAY_OF_TABLES:
        return f"write the key under a [[{name}]] header instead"
    return "define each table in one place"


def _nesting_error(text: str, detail: str) -> ParseError:
    scanner = _scan(text)
    if "key" in detail:
        offset = scanner.long_key_at if scanner.long_key_at is not None else 0
        return ParseError(
            f"this key has more than {MAX_KEY_PARTS} dotted parts, more than can be read; "
            "use a shorter key",
            offset,
        )
    offset = scanner.too_deep_at if scanner.too_deep_at is not None else scanner.deepest_at
    return ParseError(
        f"nesting too deep: arrays and inline tables are nested more than {MAX_NESTING} "
        "levels here; use fewer levels",
        offset,
    )


def _number_error(text: str, error: ValueError) -> ParseError:
    start, end = _scan(text).long_number or (0, 1)
    if "digits" in str(error):
        return ParseError(
            f"this number has more than {MAX_NUMBER_LENGTH} digits, more than can be read; "
            "a TOML integer must fit in 64 bits",
            start,
            end,
        )
    return ParseError(f"invalid value: {error}", start, end)

"""JSONC exactly as wrangler reads it, with a span for every key and value.

wrangler 4.164.0 reads ``wrangler.json`` and ``wrangler.jsonc`` with node
``jsonc-parser`` 3.2.0 and ``allowTrailingComma: true``: JSON plus ``//`` and
``/* */`` comments and trailing commas in objects and arrays. Every JSON5 extra
(single quotes, unquoted keys, hex, NaN, Infinity, ``+1``, ``.5``, ``5.``, line
continuations) is an error, and so is anything but whitespace and comments after
the value. VPC Service payloads are read the same way (the API itself reads strict
JSON): the comments and the offsets of trailing commas are returned, so that the
caller can report them (VPC005) and still check the content.

The parser is a loop over an explicit stack, never recursive, so deep nesting
cannot overflow Python's stack. Whitespace and comments are skipped with regular
expressions and strings are decoded by ``json.decoder.scanstring`` (C), which
keeps a 300-line config at about a millisecond.

Error offsets are those of jsonc-parser's first error (the start of the
offending token), except inside a string that is closed on its line, where the
bad escape or control character itself is pointed at (jsonc-parser points at the
opening quote), and for ``01`` and ``0x1F``, where the whole number is
(jsonc-parser points after the ``0``). Nesting deeper than MAX_NESTING is refused.
"""

from __future__ import annotations

import bisect
import re
from json.decoder import scanstring

from vpclint.source.model import (
    Comment,
    DuplicateKey,
    Parsed,
    ParseError,
    Path,
    RelatedOffset,
    Span,
)

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing costs start-up time
    from typing import Any

# Deeper nesting is refused: each level's path is a tuple as long as the level, so
# the spans of a deep chain grow with the square of its depth. wrangler itself
# fails with "Maximum call stack size exceeded" between 3,000 and 8,000 levels.
MAX_NESTING = 1000

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_LINE_COMMENT = re.compile(r"//[^\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
# A run of characters that jsonc-parser reads as one token (a keyword or an unknown symbol).
_WORD = re.compile(r'[^ \t\n\r{}\[\]":,/]+')
_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$-]*")
_HEX_NUMBER = re.compile(r"-?0[xX][0-9A-Fa-f]*")
_STRING_SPECIAL = re.compile(r'["\\\x00-\x1f]')
_STRING_END = re.compile(r'["\\\n\r]')
_HEX_DIGITS = re.compile(r"[0-9A-Fa-f]{0,4}")
_ASCII_DIGITS = frozenset("0123456789")
_SUSPICIOUS_AFTER_NUMBER = frozenset(".eExX0123456789")
_REST_OF_LINE = re.compile(r"[^\n\r]*")
_LITERALS = {"true": True, "false": False, "null": None}
_SIMPLE_ESCAPES = frozenset('"\\/bfnrt')
_CONTROL_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\b": "\\b", "\f": "\\f"}
_NOT_NUMBERS = {"NaN", "Infinity", "-Infinity", "+Infinity", "-NaN", "+NaN"}
# Python refuses to turn longer digit strings into an int; JavaScript makes them a float.
_MAX_INT_DIGITS = 4000


def parse_jsonc(text: str, *, payload: bool = False) -> Parsed:
    """Parse decoded text (BOM already stripped); raise ParseError at the first error.
    ``payload`` only changes what an empty file's error says is needed."""
    return _Parser(text, payload).parse()


class _Parser:
    def __init__(self, text: str, payload: bool):
        self.text = text
        self.length = len(text)
        self.payload = payload
        self.spans: dict[Path, Span] = {}
        self.comments: list[Comment] = []
        self.trailing_commas: list[int] = []  # offsets of commas before `}` or `]`
        self.duplicate_keys: list[DuplicateKey] = []
        # Text ranges of values that a later duplicate key replaced.
        self.shadowed: list[tuple[int, int]] = []

    # ------------------------------------------------------------------ the loop

    def parse(self) -> Parsed:
        """One loop over the text: a value, then separators and closings, until the end."""
        text = self.text
        length = self.length
        spans = self.spans
        skip = self.skip
        read_string = self.read_string
        read_key = self.read_key

        i = skip(0)
        if i >= length:
            raise self.empty_error(i)
        # The container being filled and where it starts; the parents wait on the stack.
        stack: list[tuple[Any, Path, int, Any, int, int]] = []
        container: Any = None
        path: Path = ()
        container_start = 0
        # The member being read: its key (objects) and its path.
        key: Any = None
        key_start = key_end = 0
        member_path: Path = ()

        while True:
            # ---- read one value at i
            value_start = i
            char = text[i : i + 1]
            if char == "{" or char == "[":
                if len(stack) >= MAX_NESTING:
                    raise ParseError(
                        f"nesting deeper than {MAX_NESTING} levels is not supported "
                        "(wrangler's own parser runs out of stack a few thousand levels deep)",
                        i,
                    )
                stack.append((container, path, container_start, key, key_start, key_end))
                container = {} if char == "{" else []
                path = member_path
                container_start = i
                i = skip(i + 1)
                closing = "}" if char == "{" else "]"
                if text[i : i + 1] != closing:
                    if char == "{":
                        key, key_start, key_end, i = read_key(i, container_start)
                        member_path = (*path, key)
                    else:
                        member_path = (*path, 0)
                    continue
                # An empty container: closed at once.
                value = container
                i += 1
                member_path = path
                container, path, container_start, key, key_start, key_end = stack.pop()
            elif char == '"':
                value, i = read_string(i)
            else:
                if not char and container is not None:
                    raise self.unclosed_error(i, container_start)
                value, i = self.read_scalar(i)

            # ---- the value from value_start to i is complete: store it in its container,
            # then read a separator; close containers for as long as they end here.
            while True:
                if container is None:
                    spans[()] = Span(value_start, value_start, value_start, i)
                    i = skip(i)
                    if i < length:
                        raise ParseError(
                            "expected the end of the file after the top-level value, "
                            f"found {self.describe(i)}",
                            i,
                            self.token_end(i),
                        )
                    return self.finish(value)
                if type(container) is dict:
                    span = Span(key_start, key_end, value_start, i)
                    if key in container:
                        self.note_duplicate(member_path, span)
                    container[key] = value
                    spans[member_path] = span
                    i = skip(i)
                    char = text[i : i + 1]
                    if char == ",":
                        comma = i
                        i = skip(i + 1)
                        if text[i : i + 1] != "}":
                            key, key_start, key_end, i = read_key(i, container_start)
                            member_path = (*path, key)
                            break
                        self.trailing_commas.append(comma)
                    elif char != "}":
                        raise self.separator_error(i, "}", "a property value", container_start)
                else:
                    spans[member_path] = Span(value_start, value_start, value_start, i)
                    container.append(value)
                    i = skip(i)
                    char = text[i : i + 1]
                    if char == ",":
                        comma = i
                        i = skip(i + 1)
                        if text[i : i + 1] != "]":
                            member_path = (*path, len(container))
                            break
                        self.trailing_commas.append(comma)
                    elif char != "]":
                        raise self.separator_error(i, "]", "an array element", container_start)
                # The container closes at i.
                value = container
                value_start = container_start
                i += 1
                member_path = path
                container, path, container_start, key, key_start, key_end = stack.pop()

    def finish(self, value: Any) -> Parsed:
        if self.shadowed:
            self.drop_shadowed_spans()
        return Parsed(value, self.spans, self.comments, self.duplicate_keys, self.trailing_commas)

    # ------------------------------------------------------------------ tokens

    def skip(self, i: int) -> int:
        """The offset after whitespace and comments from ``i``."""
        i = _WHITESPACE.match(self.text, i).end()
        if self.text[i : i + 1] == "/":
            i = self.skip_comments(i)
        return i

    def skip_comments(self, i: int) -> int:
        text = self.text
        while text[i : i + 1] == "/":
            second = text[i + 1 : i + 2]
            if second == "/":
                end = _LINE_COMMENT.match(text, i).end()
            elif second == "*":
                close = text.find("*/", i + 2)
                if close == -1:
                    raise ParseError(
                        "the block comment is not closed: expected `*/`", i, self.length
                    )
                end = close + 2
            else:
                return i  # a lone `/`: whoever expected a token reports it
            self.comments.append(Comment(i, end, text[i:end]))
            i = _WHITESPACE.match(text, end).end()
        return i

    def read_string(self, i: int) -> tuple[str, int]:
        """The decoded string whose opening quote is at ``i``, and the offset after it."""
        try:
            return scanstring(self.text, i + 1, True)
        except ValueError:
            raise self.string_error(i) from None

    def read_key(self, i: int, object_start: int) -> tuple[str, int, int, int]:
        """A property name at ``i`` and its `:`: (key, key_start, key_end, value offset)."""
        if self.text[i : i + 1] != '"':
            raise self.key_error(i, object_start)
        key, key_end = self.read_string(i)
        colon = self.skip(key_end)
        if self.text[colon : colon + 1] != ":":
            raise ParseError(
                f"expected `:` after the property name, found {self.describe(colon)}",
                colon,
                self.token_end(colon),
            )
        return key, i, key_end, self.skip(colon + 1)

    def read_scalar(self, i: int) -> tuple[Any, int]:
        """A number, `true`, `false` or `null` at ``i``, and the offset after it."""
        text = self.text
        number = _NUMBER.match(text, i)
        if number is not None:
            end = number.end()
            if text[end : end + 1] in _SUSPICIOUS_AFTER_NUMBER:
                self.check_number_end(number, end)
            token = number.group()
            if number.lastindex is not None or len(token) > _MAX_INT_DIGITS:
                return float(token), end
            return int(token), end
        word = _WORD.match(text, i)
        if word is not None and word.group() in _LITERALS:
            return _LITERALS[word.group()], word.end()
        raise self.value_error(i)

    def check_number_end(self, number: re.Match[str], end: int) -> None:
        """Refuse what jsonc-parser reads as a broken number: `5.`, `1e`, `01`, `0x1F`."""
        text = self.text
        start = number.start()
        following = text[end : end + 1]
        if following == "." and number.group(1) is None:
            word_end = self.token_end(start)
            raise ParseError(
                "a number cannot end with `.`: write a digit after it "
                f"(`{number.group()}.0`) or drop the `.`",
                start,
                word_end,
            )
        if following in ("e", "E") and number.group(2) is None:
            raise ParseError(
                "the exponent of this number has no digits: write it like `1e3` or `1.5E-2`",
                start,
                self.token_end(start),
            )
        if number.group() in ("0", "-0"):
            if following in ("x", "X"):
                hex_end = _HEX_NUMBER.match(text, start).end()
                raise ParseError(
                    "hexadecimal numbers are not JSON: write the number in decimal",
                    start,
                    hex_end,
                )
            if following in _ASCII_DIGITS:
                digits_end = _NUMBER.match(text, end).end()
                raise ParseError(
                    "JSON numbers cannot have leading zeros: write "
                    f"`{number.group()[:-1]}{text[end:digits_end]}`",
                    start,
                    digits_end,
                )

    def token_end(self, i: int) -> int:
        """The end of the token at ``i`` as jsonc-parser would cut it (at least one character)."""
        if self.text[i : i + 1] == '"':
            try:
                return scanstring(self.text, i + 1, True)[1]
            except ValueError:
                return i + 1
        word = _WORD.match(self.text, i)
        if word is not None:
            return word.end()
        return min(i + 1, self.length) if i < self.length else i

    # ------------------------------------------------------------------ duplicates

    def note_duplicate(self, path: Path, second: Span) -> None:
        first = self.spans[path]
        self.duplicate_keys.append(DuplicateKey(path, first, second))
        if self.text[first.value_start] in "{[":
            self.shadowed.append((first.value_start, first.value_end))

    def drop_shadowed_spans(self) -> None:
        """Forget the spans inside values that a later duplicate key replaced.

        They name paths of the replaced value, which the parsed value no longer has;
        a lookup of such a path must fall back to a written ancestor instead.
        """
        starts: list[int] = []
        ends: list[int] = []
        for start, end in sorted(self.shadowed):
            if starts and start < ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        for path, span in list(self.spans.items()):
            index = bisect.bisect_right(starts, span.value_start) - 1
            if index >= 0 and starts[index] < span.value_start < ends[index]:
                del self.spans[path]

    # ------------------------------------------------------------------ errors

    def describe(self, i: int) -> str:
        """The token at ``i`` as a message shows it."""
        text = self.text
        if i >= self.length:
            return "the end of the file"
        char = text[i]
        if char == "/":
            return "`/` (a comment starts with `//` or `/*`)"
        if char == '"':
            end = text.find('"', i + 1)
            token = text[i : end + 1] if 0 < end - i <= 30 else '"...'
        elif char in "{}[]:,":
            token = char
        else:
            token = text[i : self.token_end(i)]
            if len(token) > 30:
                token = token[:27] + "..."
        return f"`{token}`"

    def empty_error(self, i: int) -> ParseError:
        needs = (
            "a VPC Service payload is a JSON object (at least `{}`)"
            if self.payload
            else "a JSON config needs at least `{}`"
        )
        if self.length == 0:
            return ParseError(f"the file is empty: {needs}", 0, 0)
        return ParseError(f"the file has only whitespace and comments: {needs}", i, i)

    def unclosed_error(self, i: int, start: int) -> ParseError:
        what = "object" if self.text[start] == "{" else "array"
        expected = "a value" if what == "object" else "a value or `]`"
        return ParseError(
            f"expected {expected}, found the end of the file (the {what} is not closed)",
            i,
            i,
            self.unclosed(start),
        )

    def unclosed(self, start: int) -> tuple[RelatedOffset, ...]:
        what = "object" if self.text[start] == "{" else "array"
        return (RelatedOffset(f"the {what} starts here", start, start + 1),)

    def separator_error(self, i: int, closing: str, after: str, start: int) -> ParseError:
        found = self.describe(i)
        if i >= self.length:
            return ParseError(
                f"expected `,` or `{closing}` after {after}, found the end of the file "
                f"(the {'object' if closing == '}' else 'array'} is not closed)",
                i,
                i,
                self.unclosed(start),
            )
        hint = ""
        if self.text[i] in '"{[-0123456789tfn':
            hint = " (a `,` is missing?)"
        return ParseError(
            f"expected `,` or `{closing}` after {after}, found {found}{hint}",
            i,
            self.token_end(i),
        )

    def key_error(self, i: int, object_start: int) -> ParseError:
        text = self.text
        if i >= self.length:
            return ParseError(
                "expected a property name in double quotes or `}`, found the end of the file "
                "(the object is not closed)",
                i,
                i,
                self.unclosed(object_start),
            )
        end = self.token_end(i)
        if text[i] == "'":
            return self.single_quote_error(i)
        identifier = _IDENTIFIER.match(text, i)
        if identifier is not None and identifier.end() == end:
            return ParseError(
                f'unquoted keys are not allowed in JSON: write `"{identifier.group()}"`',
                i,
                end,
            )
        if text[i] == "#":
            return self.hash_comment_error(i)
        return ParseError(
            f"expected a property name in double quotes or `}}`, found {self.describe(i)}",
            i,
            end,
        )

    def value_error(self, i: int) -> ParseError:
        text = self.text
        if i >= self.length:
            return ParseError("expected a value, found the end of the file", i, i)
        char = text[i]
        end = self.token_end(i)
        word = text[i:end]
        if char == "'":
            return self.single_quote_error(i)
        if char == "#":
            return self.hash_comment_error(i)
        if word in _NOT_NUMBERS:
            return ParseError(
                f"`{word}` is not JSON: JSON numbers are finite; write a number, a string "
                "or `null`",
                i,
                end,
            )
        if char == "+":
            return ParseError(
                f"a leading `+` is not allowed in JSON numbers: write `{word[1:]}`", i, end
            )
        if word.startswith((".", "-.")):
            fixed = word.replace(".", "0.", 1)
            return ParseError(
                f"a JSON number needs a digit before the `.`: write `{fixed}`", i, end
            )
        if word.lower() in _LITERALS:
            return ParseError(f"JSON literals are lowercase: write `{word.lower()}`", i, end)
        if word == "undefined":
            return ParseError("`undefined` is not JSON: write `null`", i, end)
        import difflib  # only on this error path: it costs a millisecond to import

        near = difflib.get_close_matches(word, _LITERALS, n=1, cutoff=0.6)
        if near:
            return ParseError(
                f"expected a value, found `{word}`: did you mean `{near[0]}`?", i, end
            )
        if _IDENTIFIER.fullmatch(word):
            return ParseError(
                f'expected a value, found `{word}`: strings must be in double quotes, `"{word}"`',
                i,
                end,
            )
        return ParseError(
            "expected a value (a string, number, object, array, `true`, `false` or `null`), "
            f"found {self.describe(i)}",
            i,
            end,
        )

    def single_quote_error(self, i: int) -> ParseError:
        close = self.text.find("'", i + 1)
        line_end = _REST_OF_LINE.match(self.text, i).end()
        end = close + 1 if 0 < close < line_end else self.token_end(i)
        return ParseError("single quotes are not JSON: use double quotes", i, end)

    def hash_comment_error(self, i: int) -> ParseError:
        line_end = _REST_OF_LINE.match(self.text, i).end()
        return ParseError("`#` does not start a comment in JSONC: use `//`", i, line_end)

    def string_error(self, start: int) -> ParseError:
        """Say what is wrong with the string whose opening quote is at ``start``.

        As in jsonc-parser, a string that is not closed on its line is reported as
        such even when it also holds a bad escape; otherwise the first bad escape or
        control character is.
        """
        text = self.text
        problem: ParseError | None = None
        i = start + 1
        while True:
            # After the first problem only the end of the string still matters.
            special = (_STRING_SPECIAL if problem is None else _STRING_END).search(text, i)
            if special is None:
                return ParseError('the string is not closed: expected `"`', start, self.length)
            i = special.start()
            char = special.group()
            if char == '"':
                break
            if char in "\n\r":
                return ParseError(
                    "the string is not closed on its line: a JSON string cannot span lines; "
                    'close it with `"` or write `\\n` for a line break',
                    start,
                    i,
                )
            if char == "\\":
                escaped = text[i + 1 : i + 2]
                if not escaped:
                    return ParseError('the string is not closed: expected `"`', start, self.length)
                length = 2
                if escaped == "u":
                    length += len(_HEX_DIGITS.match(text, i + 2).group())
                elif text.startswith("\r\n", i + 1):
                    length = 3
                if problem is None and length != 6 and escaped not in _SIMPLE_ESCAPES:
                    problem = self.escape_error(i, text[i + 1 : i + length])
                i += length
                continue
            if problem is None:
                replacement = _CONTROL_ESCAPES.get(char, f"\\u{ord(char):04x}")
                problem = ParseError(
                    f"a raw control character (U+{ord(char):04X}) is not allowed in a JSON "
                    f"string: write `{replacement}`",
                    i,
                    i + 1,
                )
            i += 1
        return problem or ParseError("this string is not valid JSON", start, i + 1)

    def escape_error(self, i: int, escape: str) -> ParseError:
        """An escape that JSON does not have; ``escape`` is what follows the backslash."""
        if escape[0] in "\n\r":
            return ParseError(
                "a backslash before a line break (a line continuation) is not JSON: "
                "keep the string on one line and write `\\n` for a line break",
                i,
                i + 1 + len(escape),
            )
        if escape[0] == "u":
            return ParseError(
                f"invalid escape `\\{escape}`: `\\u` takes exactly four hex digits (`\\u00e9`)",
                i,
                i + 1 + len(escape),
            )
        escaped = escape[0]
        hints = {
            "'": "write `'` without a backslash",
            "x": "write `\\u00XX` instead of `\\xXX`",
            "v": "write `\\u000b`",
            "0": "write `\\u0000`",
            "a": "write `\\u0007`",
        }
        hint = hints.get(escaped, "write `\\\\` for a backslash")
        return ParseError(
            f"invalid escape `\\{escaped}`: JSON allows only "
            '`\\"` `\\\\` `\\/` `\\b` `\\f` `\\n` `\\r` `\\t` `\\uXXXX`; ' + hint,
            i,
            i + 2,
        )

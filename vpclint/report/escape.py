"""Make file content safe to print: no control characters or escape sequences reach a terminal."""

from __future__ import annotations

import re

# C0 and C1 controls (ESC starts an ANSI sequence; 0x9b is a one-byte CSI), line and
# paragraph separators, bidirectional controls and marks (they can reorder what a
# terminal shows), and lone surrogates (JSON may write "\ud800"; they cannot be
# printed or saved as UTF-8). A pattern string: `re` compiles it on first use (a clean
# run prints no file content).
_CONTROL = (
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_text(text: str) -> str:
    """Escape control characters (ANSI escapes included), line breaks and bidi controls."""
    return re.sub(_CONTROL, _escape, text).replace("\n", "\\n").replace("\r", "\\r")


def escape_snippet(line: str) -> str:
    """A source line for display: tabs become one space, so carets line up with columns."""
    line = line.replace("\t", " ")
    return re.sub(_CONTROL, "\N{REPLACEMENT CHARACTER}", line)

"""``--format full``: each finding with its source line, a caret underline, related
locations and the fix, then a summary line (the style of rustc and ruff)."""

from __future__ import annotations

from vpclint.report.summary import fixable_line, summary_line

COLORS = {"error": "31", "warning": "33", "info": "36", "bold": "1", "dim": "2", "blue": "34"}


class Painter:
    def __init__(self, enabled: bool):
        self.enabled = enabled

    def __call__(self, text: str, style: str) -> str:
        if not self.enabled or not text:
            return text
        return f"\x1b[{COLORS[style]}m{text}\x1b[0m"


SNIPPET_WIDTH = 160  # a longer line (minified JSON, such as a saved API response) is cut
SNIPPET_MARGIN = 40  # characters kept on either side of the span in a cut line


def underline(source, start, end) -> tuple[str, str] | None:
    """The source line of ``start`` and a caret line under the span (first line only);
    a very long line is cut to the span and a margin, with `…` where text is left out."""
    from vpclint.report.escape import escape_snippet  # findings only: a clean run has none

    if source is None or start.line > source.line_count:
        return None
    line = source.line_text(start.line)
    stop = end.column if end.line == start.line else len(line) + 1
    width = max(1, stop - start.column)
    column = start.column - 1
    if len(line) > SNIPPET_WIDTH:
        first = max(0, column - SNIPPET_MARGIN)
        last = min(len(line), column + min(width, SNIPPET_WIDTH) + SNIPPET_MARGIN)
        head, tail = ("…" if first else ""), ("…" if last < len(line) else "")
        line = head + line[first:last] + tail
        column = column - first + len(head)
        width = min(width, last - (start.column - 1))
    return escape_snippet(line), " " * column + "^" * width


def snippet(source, start, end, gutter: int, paint: Painter) -> list[str]:
    shown = underline(source, start, end)
    if shown is None:
        return []
    line, carets = shown
    bar = paint(" " * gutter + " |", "blue")
    number = paint(str(start.line).rjust(gutter) + " |", "blue")
    return [bar, f"{number} {line}", f"{bar} {carets}"]


def render_one(diagnostic, source, paint: Painter, unsafe: bool = False) -> list[str]:
    from vpclint.report.escape import escape_text

    gutter = len(str(max([diagnostic.start.line] + [r.start.line for r in diagnostic.related])))
    location = f"{diagnostic.path}:{diagnostic.start.line}:{diagnostic.start.column}:"
    head = (
        f"{paint(escape_text(location), 'bold')} "
        f"{paint(diagnostic.code, diagnostic.severity)} "
        f"{'[*] ' if diagnostic.fixable(unsafe) else ''}"
        f"[{paint(diagnostic.severity, diagnostic.severity)}] {escape_text(diagnostic.message)}"
    )
    lines = [head]
    if diagnostic.code != "VPC002":
        lines += snippet(source, diagnostic.start, diagnostic.end, gutter, paint)
    for related in diagnostic.related:
        where = f"{diagnostic.path}:{related.start.line}:{related.start.column}"
        lines.append(
            f"{' ' * gutter}{paint('::: ', 'blue')}{escape_text(where)}: "
            f"{escape_text(related.message)}"
        )
        lines += snippet(source, related.start, related.end, gutter, paint)
    if diagnostic.fix:
        lines.append(f"{' ' * gutter} {paint('= fix:', 'bold')} {escape_text(diagnostic.fix)}")
    return lines


def render(result, *, color: bool = False, summary: bool = True) -> str:
    paint = Painter(color)
    out: list[str] = []
    for diagnostic in result.diagnostics:
        source = result.source_of(diagnostic.path)
        out += render_one(diagnostic, source, paint, result.unsafe_fixes)
        out.append("")
    if summary:
        out.append(paint(summary_line(result), "bold"))
        fixable = fixable_line(result)
        if fixable:
            out.append(fixable)
    elif out:
        out.pop()  # no blank line after the last finding
    return "".join(line + "\n" for line in out)

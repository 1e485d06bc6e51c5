"""Code actions: "Ignore VPCnnn on this line" as an inline suppression comment.

The comment is written in the file's syntax (``# vpclint: ignore[VPCnnn]`` in TOML,
``// vpclint: ignore[VPCnnn]`` in JSONC). A suppression that already covers the line is
extended with the code instead of adding a second one. Otherwise the comment goes at the
end of the line, or, where that is not a comment (the line ends inside a TOML multi-line
string), on a line of its own above. Every candidate edit is applied and the text linted
again: it is offered only when the file still parses, the new directive covers the line
and the finding is gone.

The API reads VPC Service payloads as strict JSON, so a comment there would be a finding
itself (VPC005): payloads get no suppression comment. VPC001, VPC002 and VPC004 cannot be
suppressed inline.
"""

from __future__ import annotations

from vpclint.diagnostics import Edit
from vpclint.runner import Target, lint
from vpclint.suppress import UNUSED, suppressions

NOT_SUPPRESSIBLE = frozenset({"VPC001", "VPC002", UNUSED})
MARKERS = {"toml": "#", "json": "//"}
PAYLOAD_REASON = (
    "the API reads VPC Service payloads as strict JSON, so a comment is itself an error (VPC005): "
    "use per-file-ignores in the vpclint configuration"
)


def can_suppress(result, code: str) -> bool:
    return result.document is not None and code not in NOT_SUPPRESSIBLE


def suppression_edits(result, line: int, code: str) -> list[Edit] | None:
    """Edits that make an inline comment ignore ``code`` on ``line`` (1-based), or None
    when no placement keeps the file valid and silences the finding."""
    for replacement in candidates(result.document, line, code):
        if works(result, replacement, line, code):
            start, end, content = replacement
            source = result.document.source
            return [Edit(source.position(start), source.position(end), content)]
    return None


def candidates(document, line: int, code: str):
    """(start, end, content) replacements, best first."""
    source = document.source
    for suppression in suppressions(document):
        if suppression.line == line and suppression.codes is not None:
            if suppression.codes:
                end = max(offsets[1] for offsets in suppression.codes.values())
                yield end, end, f", {code}"
            else:  # `vpclint: ignore[]`: the directive ends with its `]`
                yield suppression.end - 1, suppression.end - 1, code
            return
    marker = MARKERS[document.syntax]
    directive = f"{marker} vpclint: ignore[{code}]"
    start = source.line_starts[line - 1]
    text = source.line_text(line)
    content_end = start + len(text.rstrip())
    yield content_end, start + len(text), f"  {directive}"
    indent = text[: len(text) - len(text.lstrip())]
    yield start, start, f"{indent}{directive}{line_break(source, line)}"


def line_break(source, line: int) -> str:
    """The line break that ends ``line`` (or the file's first one, or ``\\n``)."""
    text = source.text
    end = source.line_starts[line - 1] + len(source.line_text(line))
    if end >= len(text) and source.line_count > 1:
        end = source.line_starts[0] + len(source.line_text(1))
    if text.startswith("\r\n", end):
        return "\r\n"
    return "\r" if text.startswith("\r", end) else "\n"


def works(result, replacement: tuple[int, int, str], line: int, code: str) -> bool:
    start, end, content = replacement
    text = result.document.source.text
    edited = text[:start] + content + text[end:]
    target = result.target
    probe = Target(
        target.display,
        target.kind,
        target.syntax,
        target.settings,
        edited.encode("utf-8", "surrogatepass"),
    )
    after = lint([probe]).files[0]
    if after.document is None:
        return False
    line += line_breaks(content)  # a comment above the line moves it down
    if any(d.code == code and d.start.line == line for d in after.diagnostics):
        return False
    return any(
        s.line == line and (s.codes is None or code in s.codes)
        for s in suppressions(after.document)
    )


def line_breaks(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n")

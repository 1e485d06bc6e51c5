"""A parsed file: its value, where every node is written, and how to make findings at it.

Rules ask the document for positions by path; they never count lines themselves.
"""

from __future__ import annotations

from vpclint.diagnostics import Diagnostic, Edit, Related, to_pointer
from vpclint.rules.registry import rule_of
from vpclint.source.model import Comment, Path, Span
from vpclint.source.text import Position, SourceText

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing costs start-up time
    from collections.abc import Callable, Mapping
    from typing import Any, Literal

    # "value": the whole value; "key": the key (the value for array elements);
    # "head": where a container starts: `{` / `[` of a JSON or inline value, or the
    # `[[header]]` of a TOML table, so a missing field is reported at its entry.
    Anchor = Literal["value", "key", "head"]


class Document:
    """One parsed file of a known kind, with a span for every written key and value."""

    def __init__(
        self,
        path: str,
        kind: str,
        syntax: str,
        source: SourceText,
        value: Any,
        spans: dict[Path, Span] | None = None,
        comments: list[Comment] | None = None,
        find_comments: Callable[[], list[Comment]] | None = None,
    ):
        self.path = path  # as given on the command line (or --stdin-filename)
        self.kind = kind  # "wrangler" or "payload"
        self.syntax = syntax  # "toml" or "json"
        self.source = source
        self.value = value
        # a TOML file's spans are found as lookups ask for them (source.toml.ScannedSpans)
        self._spans = spans if spans is not None else {}
        self._comments = comments if comments is not None or find_comments else []
        self._find_comments = find_comments

    @property
    def spans(self) -> Mapping[Path, Span]:
        spans = self._spans
        if type(spans) is not dict and (scanned := spans.scanned) is not None:
            self._spans = spans = scanned  # all found: a plain dict is faster to ask
        return spans

    @property
    def comments(self) -> list[Comment]:
        if self._comments is None:
            self._comments = self._find_comments()
        return self._comments

    def may_hold_directives(self) -> bool:
        """Whether a comment may hold a ``vpclint:`` directive; the text is searched
        for the word first, so a file without it is never scanned for its comments."""
        # Every directive holds `vpclint`, which suppress.DIRECTIVE reads ignoring case:
        # as its `i` may be `İ` or `ı`, look for the rest of the word in lower case.
        if self._comments is None and "vpcl" not in self.source.text.lower():
            return False
        return bool(self.comments)

    def nearest_span(self, path: Path) -> tuple[Path, Span | None]:
        """The span of ``path``, or of its nearest written ancestor."""
        while path not in self.spans and path:
            path = path[:-1]
        return path, self.spans.get(path)

    def offsets(self, path: Path, at: Anchor = "value") -> tuple[int, int]:
        found, span = self.nearest_span(path)
        if span is None:  # an empty document: point at its start
            return 0, min(1, len(self.source.text))
        if at == "key" and found == path and span.key_end > span.key_start:
            return span.key_start, span.key_end
        if at == "head" or found != path:
            return self._head(found, span)
        return span.value_start, span.value_end

    def _head(self, path: Path, span: Span) -> tuple[int, int]:
        """`{` or `[` of a JSON or inline container; a TOML header whole; else the value."""
        text = self.source.text
        first = text[span.value_start : span.value_start + 1]
        if first == "{":
            return span.value_start, span.value_start + 1
        if first == "[":
            is_header = self.syntax == "toml" and (
                text.startswith("[[", span.value_start) or isinstance(self.get(path), dict)
            )
            if not is_header:
                return span.value_start, span.value_start + 1
        return span.value_start, span.value_end

    def path_of(self, pointer: str) -> Path:
        """The path tuple of an RFC 6901 JSON pointer (``/env/staging/vpc_services/0``).

        Each token is read against the container it indexes, so ``/0`` is an array index
        in a list and a key in an object; a token that goes past the value stays a key.
        """
        if pointer == "":
            return ()
        if not pointer.startswith("/"):
            raise ValueError(f"a JSON pointer starts with '/': {pointer!r}")
        path: list[str | int] = []
        node = self.value
        for raw in pointer[1:].split("/"):
            token = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(node, list) and token.isdigit() and token == str(int(token)):
                part: str | int = int(token)
                node = node[part] if part < len(node) else None
            else:
                part = token
                node = node.get(token) if isinstance(node, dict) else None
            path.append(part)
        return tuple(path)

    def locate(self, pointer: str) -> tuple[tuple[Position, Position], tuple[Position, Position]]:
        """(key range, value range) of the node a JSON pointer names; a node that is not
        written (a missing field) gets the range of its nearest written ancestor's entry."""
        path = self.path_of(pointer)
        return self.range(path, "key"), self.range(path, "value")

    def get(self, path: Path, default: Any = None) -> Any:
        """The value at ``path``, or ``default`` when the path does not resolve."""
        node = self.value
        for part in path:
            if (isinstance(node, dict) and isinstance(part, str) and part in node) or (
                isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
            ):
                node = node[part]
            else:
                return default
        return node

    def range(self, path: Path, at: Anchor = "value") -> tuple[Position, Position]:
        start, end = self.offsets(path, at)
        return self.source.position(start), self.source.position(end)

    def related(self, path: Path, message: str, at: Anchor = "key") -> Related:
        start, end = self.range(path, at)
        return Related(message, start, end)

    def diagnostic(
        self,
        code: str,
        path: Path,
        message: str,
        *,
        at: Anchor = "value",
        related: tuple[Related, ...] = (),
        fix: str | None = None,
        severity: str | None = None,
        unless: tuple[tuple[str, Path], ...] = (),
        applicability: str | None = None,
        edits: tuple[Edit, ...] = (),
        trial: bool = False,
    ) -> Diagnostic:
        """A finding at ``path``; a mechanical fix passes ``applicability`` (``"safe"`` or
        ``"unsafe"``) and its ``edits`` (see :meth:`edit`), and ``fix`` says it in words.
        ``trial``: the edits are kept only when the text they make raises no new error
        (:mod:`vpclint.trials`)."""
        rule = rule_of(code)
        start, end = self.range(path, at)
        return Diagnostic(
            path=self.path,
            code=code,
            name=rule.name,
            severity=severity or rule.severity,
            message=message,
            pointer=to_pointer(path),
            start=start,
            end=end,
            related=related,
            fix=fix,
            unless=tuple((other, to_pointer(where)) for other, where in unless),
            applicability=applicability if edits else None,
            edits=tuple(edits),
            trial=trial and bool(edits),
        )

    def edit(self, start: int, end: int, content: str) -> Edit:
        """Replace the text between two offsets (end exclusive) with ``content``."""
        return Edit(self.source.position(start), self.source.position(end), content)

    def replace(self, path: Path, content: str, at: Anchor = "value") -> Edit:
        """Replace the written value (or key, ``at="key"``) at ``path`` with ``content``."""
        return self.edit(*self.offsets(path, at), content)

    def line_of(self, path: Path, at: Anchor = "key") -> int:
        return self.range(path, at)[0].line

"""The one finding type that flows from the parsers and rules to every output format."""

from __future__ import annotations

from operator import itemgetter

from vpclint.record import Record

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class Related(Record):
    """A second place a finding refers to ("first defined here")."""

    __slots__ = ()

    def __new__(cls, message, start, end):
        return tuple.__new__(cls, (message, start, end))

    message = property(itemgetter(0))
    start = property(itemgetter(1))
    end = property(itemgetter(2))

    def as_dict(self) -> dict:
        return {"message": self.message, "start": self.start.as_dict(), "end": self.end.as_dict()}


class Edit(Record):
    """Replace the text from ``start`` to ``end`` (Positions on the file as it was read,
    end exclusive) with ``content``; ``start == end`` inserts."""

    __slots__ = ()
    _fields = ("start", "end", "content")

    def __new__(cls, start, end, content):
        return tuple.__new__(cls, (start, end, content))

    start = property(itemgetter(0))
    end = property(itemgetter(1))
    content = property(itemgetter(2))

    def as_dict(self) -> dict:
        return {"start": self.start.as_dict(), "end": self.end.as_dict(), "content": self.content}


SAFE, UNSAFE = "safe", "unsafe"
APPLICABILITIES = (SAFE, UNSAFE)


class Diagnostic(Record):
    """One finding: file path, rule code/name/severity, message, JSON pointer, the span
    (``start``/``end`` Positions, end exclusive), related places, a fix hint in words,
    and, when the fix is mechanical, its ``applicability`` (``"safe"``: keeps the
    config's meaning, applied by ``--fix``; ``"unsafe"``: changes behaviour or guesses
    intent, applied only with ``--unsafe-fixes``) and its ``edits``.

    ``unless`` holds (code, pointer) pairs of findings that explain the same root cause
    better: when one of them is reported too, this one is dropped (one root cause, one
    finding; with that rule ignored, this one still says something is wrong).

    ``trial`` marks a fix whose edits make wrangler read what it ignored before (an entry
    of a list that was not one, a misspelt key): the lint tries it on the text and keeps
    its edits only when no new error appears (see :mod:`vpclint.trials`); after the lint it
    stays set only on a fix that passed."""

    __slots__ = ()
    _fields = (
        "path", "code", "name", "severity", "message", "pointer", "start", "end", "related",
        "fix", "unless", "applicability", "edits", "trial",
    )  # fmt: skip

    def __new__(
        cls,
        path,
        code,
        name,
        severity,
        message,
        pointer,
        start,
        end,
        related=(),
        fix=None,
        unless=(),
        applicability=None,
        edits=(),
        trial=False,
    ):
        fields = (path, code, name, severity, message, pointer, start, end, related, fix)
        return tuple.__new__(cls, (*fields, unless, applicability, edits, trial))

    path = property(itemgetter(0))
    code = property(itemgetter(1))
    name = property(itemgetter(2))
    severity = property(itemgetter(3))
    message = property(itemgetter(4))
    pointer = property(itemgetter(5))
    start = property(itemgetter(6))
    end = property(itemgetter(7))
    related = property(itemgetter(8))
    fix = property(itemgetter(9))
    unless = property(itemgetter(10))
    applicability = property(itemgetter(11))
    edits = property(itemgetter(12))
    trial = property(itemgetter(13))

    def sort_key(self) -> tuple:
        return (self.path, self.start.line, self.start.column, self.code, self.message)

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "pointer": self.pointer,
            "start": self.start.as_dict(),
            "end": self.end.as_dict(),
            "related": [r.as_dict() for r in self.related],
            "fix": self.fix,
            "applicability": self.applicability,
            "edits": [edit.as_dict() for edit in self.edits],
        }

    def fixable(self, unsafe: bool = False) -> bool:
        """Whether ``--fix`` (with ``unsafe``: ``--fix --unsafe-fixes``) applies this fix."""
        return bool(self.edits) and (
            self.applicability == SAFE or (unsafe and self.applicability == UNSAFE)
        )


def escape_pointer_token(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def to_pointer(path: tuple[str | int, ...]) -> str:
    """RFC 6901 JSON pointer for a path tuple; the root is the empty string."""
    return "".join("/" + escape_pointer_token(part) for part in path)

"""The one finding type that flows from the parsers and rules to every output format."""

from __future__ import annotations

from collections import namedtuple

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class Related(namedtuple("Related", "message start end")):
    """A second place a finding refers to ("first defined here")."""

    __slots__ = ()

    def as_dict(self) -> dict:
        return {"message": self.message, "start": self.start.as_dict(), "end": self.end.as_dict()}


_DIAGNOSTIC_FIELDS = "path code name severity message pointer start end related fix unless"


class Diagnostic(namedtuple("Diagnostic", _DIAGNOSTIC_FIELDS, defaults=((), None, ()))):
    """One finding: file path, rule code/name/severity, message, JSON pointer, the span
    (``start``/``end`` Positions, end exclusive), related places and a fix hint.

    ``unless`` holds (code, pointer) pairs of findings that explain the same root cause
    better: when one of them is reported too, this one is dropped (one root cause, one
    finding; with that rule ignored, this one still says something is wrong)."""

    __slots__ = ()

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
        }


def escape_pointer_token(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def to_pointer(path: tuple[str | int, ...]) -> str:
    """RFC 6901 JSON pointer for a path tuple; the root is the empty string."""
    return "".join("/" + escape_pointer_token(part) for part in path)

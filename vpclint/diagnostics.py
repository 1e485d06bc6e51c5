"""The one finding type that flows from the parsers and rules to every output format."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vpclint.source.text import Position

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class Related:
    message: str
    start: Position
    end: Position

    def as_dict(self) -> dict[str, Any]:
        return {"message": self.message, "start": self.start.as_dict(), "end": self.end.as_dict()}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    code: str
    name: str
    severity: str
    message: str
    pointer: str
    start: Position
    end: Position
    related: tuple[Related, ...] = field(default=())
    fix: str | None = None

    def sort_key(self) -> tuple:
        return (self.path, self.start.line, self.start.column, self.code, self.message)

    def as_dict(self) -> dict[str, Any]:
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

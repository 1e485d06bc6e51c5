"""VPC Service payload rules (VPC3xx).

Importing this module registers every payload rule and check:

- ``payload_docs``: metadata and documentation of VPC301-VPC318;
- ``payload_checks``: the per-file checks (everything but VPC317);
- ``payload_names``: VPC317, duplicate names across every payload of a run.

A payload file holds one JSON object (the body of ``POST .../connectivity/directory/
services``) or an array of them; the paths of an array file start with the index.
The shape of one payload is defined by ``schemas/vpc-service.schema.json``.
"""

from __future__ import annotations

from vpclint.rules import payload_checks, payload_docs, payload_names
from vpclint.rules.payload_checks import payload_entries

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing costs start-up time
    from typing import Any

__all__ = [
    "looks_like_payload",
    "payload_checks",
    "payload_docs",
    "payload_entries",
    "payload_names",
]


def _has_payload_keys(value: Any) -> bool:
    return isinstance(value, dict) and "type" in value and "host" in value


def looks_like_payload(value: Any) -> bool:
    """True for a parsed JSON value that reads as VPC Service payloads.

    That is an object whose keys include `type` and `host`, or a non-empty array of
    objects of which at least one has both keys (so one broken element does not hide
    the file from a folder walk).
    """
    if isinstance(value, list):
        return (
            bool(value)
            and all(isinstance(item, dict) for item in value)
            and any(_has_payload_keys(item) for item in value)
        )
    return _has_payload_keys(value)

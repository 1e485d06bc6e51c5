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

from vpclint.discover import looks_like_payload
from vpclint.rules import payload_checks, payload_docs, payload_names
from vpclint.rules.payload_checks import payload_entries

__all__ = [
    "looks_like_payload",
    "payload_checks",
    "payload_docs",
    "payload_entries",
    "payload_names",
]

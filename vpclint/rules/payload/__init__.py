"""VPC Service payload rules (VPC3xx): one module per concern, each holding its rules'
metadata and docs beside their checks.

A payload file holds one JSON object (the body of ``POST .../connectivity/directory/
services``) or an array of them; the paths of an array file start with the index.
The shape of one payload is defined by ``schemas/vpc-service.schema.json``.
:mod:`.shape` holds the one per-file check, which runs the checks of :mod:`.host`,
:mod:`.ports`, :mod:`.tls` and :mod:`.keys` on each payload; :mod:`.names` compares the
payloads of a whole run. The helpers: :mod:`.common`, :mod:`.values`, :mod:`.known_keys`.
"""

from vpclint.rules.payload import host, keys, names, ports, shape, tls

RULE_MODULES = (shape, host, ports, tls, keys, names)

"""What the wrangler rule modules share: how a rule registers, the example ids of the
docs, and walking the VPC entries of a scope."""

from __future__ import annotations

import re
from collections.abc import Iterator

from vpclint.rules.registry import Rule, register
from vpclint.rules.wrangler.scopes import VPC_LIST_KEYS, Scope
from vpclint.source.model import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"


TUNNEL = "6ff42ae2-765d-4adf-8112-31c55c1551ef"


GOOD_SERVICE = f'[[vpc_services]]\nbinding = "BILLING_API"\nservice_id = "{UUID}"\nremote = true\n'


KINDS = ("wrangler",)


def wrangler_rule(**fields) -> Rule:
    return register(Rule(kinds=KINDS, **fields))


VOWEL_SOUND = r"[AEIOUaeiou]|R2|mTLS"  # compiled on first use: only findings need it


def vpc_entries(scope: Scope, list_keys=VPC_LIST_KEYS) -> Iterator[tuple[str, Path, dict]]:
    """(list key, path, entry) of every object entry of the scope's VPC lists.

    ``previews.vpc_networks`` is left out: wrangler ignores it whole (VPC210 says so), so
    its entries are not checked one by one."""
    for list_key in list_keys:
        if scope.is_previews and list_key == "vpc_networks":
            continue
        entries = scope.table.get(list_key)
        if not isinstance(entries, list):
            continue
        for index, entry in enumerate(entries):
            if isinstance(entry, dict):
                yield list_key, (*scope.path, list_key, index), entry


def required_field_findings(path: Path) -> tuple[tuple[str, Path], ...]:
    """The VPC1xx findings that say an entry's required fields are broken (a missing or
    empty `binding`, `service_id`, `tunnel_id` / `network_id`): such an entry gets no
    advice about its optional fields."""
    places = (path, *((*path, field) for field in ("binding", "service_id", "tunnel_id")))
    places += ((*path, "network_id"),)
    return tuple((code, place) for code in ("VPC103", "VPC104", "VPC107") for place in places)


def binding_names(entries: Any) -> list[str]:
    """Non-empty string ``binding`` values of a list, in order, without repeats."""
    names: list[str] = []
    if isinstance(entries, list):
        for entry in entries:
            name = entry.get("binding") if isinstance(entry, dict) else None
            if isinstance(name, str) and name and name not in names:
                names.append(name)
    return names


def article(label: str) -> str:
    return "an" if re.match(VOWEL_SOUND, label) else "a"

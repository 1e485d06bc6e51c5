"""Checks against the account's inventory (VPC006, VPC215, VPC216, VPC319, VPC320).

This module holds these rules' metadata, docs and checks. It is imported only when a run
has an inventory (``--inventory FILE`` or ``inventory = [...]``), or when every rule must
be known (``vpclint rules``, SARIF's rule list): linting without an inventory never
imports it. The inventory itself is read by :mod:`vpclint.inventory`.

* VPC006: what is doubtful in an inventory file (reported by the loader);
* VPC215: a `vpc_services` `service_id` that no service in the inventory has;
* VPC216: a tunnel id (`vpc_networks`, a payload's `network` / `resolver_network`) that no
  live tunnel in the inventory has;
* VPC319: a payload whose `name` is already a service's;
* VPC320: a service of the inventory that no binding of the run refers to.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from vpclint.inventory import SERVICE_FIELDS, Inventory, Service, without_nulls
from vpclint.rules.payload.common import payload_entries
from vpclint.rules.registry import Rule, check, register, run_check
from vpclint.rules.wrangler.common import vpc_entries
from vpclint.rules.wrangler.ids import is_uuid
from vpclint.rules.wrangler.scopes import iter_scopes
from vpclint.source.model import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from vpclint.diagnostics import Diagnostic
    from vpclint.document import Document

SERVICE = "0199295b-b3ac-7760-8246-bca40877b3e9"
TUNNEL = "6ff42ae2-765d-4adf-8112-31c55c1551ef"
OTHER = "01992960-1111-7222-8333-444455556666"
NEAR_MISS_MAX_LENGTH = 64  # ids are 36 characters; longer values are not near-misses
NEAR_MISS_DISTANCE = 2
PUT_PATH = "PUT /accounts/{account_id}/connectivity/directory/services/"


def inventory_rule(code: str, name: str, severity: str, kinds: tuple, **docs) -> None:
    register(Rule(code=code, name=name, severity=severity, kinds=kinds, **docs))


inventory_rule(
    "VPC006",
    "suspicious-inventory",
    "warning",
    ("inventory",),
    summary="An inventory file has entries without an id, misses pages, or lists more "
    "services than an account can hold.",
    what=(
        "Reports, in an inventory file (`--inventory`): a service without `service_id` or a "
        "tunnel without `id` (skipped; in a Terraform plan, a service the plan creates), "
        "`result_info.total_count` larger than the entries saved (pages are missing), an "
        "empty list (it could be services or tunnels, so nothing is checked against it), "
        "Terraform output without VPC service or tunnel resources, and more than 1,000 "
        "services (the account limit). Each at the place it is written."
    ),
    why=(
        "The checks against the inventory are only as good as the inventory: a missing "
        "page or a skipped entry makes bindings to real services look unknown (VPC215), "
        "and an empty or unrelated file checks nothing."
    ),
    example=(
        f'{{"result": [{{"service_id": "{SERVICE}", "name": "billing-api"}}], "success": true,\n'
        ' "result_info": {"page": 1, "per_page": 1, "count": 1, "total_count": 2, '
        '"total_pages": 2}}\n'
    ),
    use_instead=(
        "[\n"
        f'  {{"result": [{{"service_id": "{SERVICE}", "name": "billing-api"}}], "success": '
        'true,\n   "result_info": {"page": 1, "per_page": 1, "count": 1, "total_count": 2, '
        '"total_pages": 2}},\n'
        f'  {{"result": [{{"service_id": "{OTHER}", "name": "orders-db"}}], "success": '
        'true,\n   "result_info": {"page": 2, "per_page": 1, "count": 1, "total_count": 2, '
        '"total_pages": 2}}\n]\n'
    ),
    example_lang="json",
)

inventory_rule(
    "VPC215",
    "unknown-service-id",
    "error",
    ("wrangler",),
    summary="With an inventory: a `vpc_services` `service_id` that no service in the "
    "inventory has.",
    what=(
        "With an inventory of the account's VPC services (`--inventory`), reports a "
        "`service_id` of a `vpc_services` binding, at the top level, in any `env.<name>` and "
        "in `previews`, that no service of the inventory has. When the value is the `name` "
        "of exactly one service, the message says so and a safe fix writes that service's id "
        "(this finding then replaces VPC206's); when it is one or two edits away from one "
        "service's id (a typo), or a near-miss of one service's `name` (other letter case, "
        "`_` for `-`, or a typo of one or two edits, at most one per four characters), the "
        "message names that service and its id and an unsafe fix writes the id (it guesses). "
        "Two services as close give no guess. Ids are compared without regard to case."
    ),
    why=(
        "A binding to a service that does not exist (copied from another account or from "
        "the docs, a deleted service, or the service's name written where its id belongs) "
        "is found only when the API refuses the deploy, with a message that does not say "
        "which binding."
    ),
    example=(
        f'# services.json lists "billing-api" with service_id {SERVICE}\n'
        '[[vpc_services]]\nbinding = "BILLING_API"\nservice_id = "billing-api"\n'
        "remote = true\n"
    ),
    use_instead=(
        f'[[vpc_services]]\nbinding = "BILLING_API"\nservice_id = "{SERVICE}"\nremote = true\n'
    ),
)

inventory_rule(
    "VPC216",
    "unknown-tunnel-id",
    "error",
    ("wrangler", "payload"),
    summary="With a tunnel inventory: a tunnel id that no live tunnel in the inventory has.",
    what=(
        "With an inventory of the account's tunnels (`GET /accounts/{account_id}/cfd_tunnel`, "
        "or Terraform's `cloudflare_zero_trust_tunnel_cloudflared`), reports a `tunnel_id` of "
        "a `vpc_networks` binding (top level and every `env.<name>`) or of a payload's "
        "`host.network` / `host.resolver_network` that no live tunnel has. A deleted tunnel "
        "(`deleted_at` set) is named as such; a live tunnel's name written for its id gets a "
        "safe fix writing the id, a near-miss of one id an unsafe one. Runs only when a "
        "tunnel inventory is given."
    ),
    why=(
        'The API refuses a service on an unknown tunnel ("Tunnel ID Not Found"), and a '
        "VPC network binding to a deleted tunnel reaches nothing."
    ),
    example=('[[vpc_networks]]\nbinding = "CORP"\ntunnel_id = "corp-tunnel"\nremote = true\n'),
    use_instead=(f'[[vpc_networks]]\nbinding = "CORP"\ntunnel_id = "{TUNNEL}"\nremote = true\n'),
)

inventory_rule(
    "VPC319",
    "payload-name-exists",
    "warning",
    ("payload",),
    summary="With an inventory: a payload's `name` already names a service in the account.",
    what=(
        "With an inventory of the account's VPC services, reports a payload whose `name` is "
        "already the name of a service, at the `name`, naming that service's id and the "
        "fields that differ. When every field the payload sets is what the service already "
        "has, the finding is an info. A payload whose `service_id` is that service's (an "
        "update body) is not reported."
    ),
    why=(
        'Names are unique per account: creating the service fails ("already exists"). To '
        f"change the existing service, send the payload with `{PUT_PATH}{{service_id}}`, "
        "which replaces it whole."
    ),
    example=(
        '{\n  "name": "billing-api",\n  "type": "http",\n  "host": {"hostname": '
        f'"billing.internal", "resolver_network": {{"tunnel_id": "{TUNNEL}"}}}},\n'
        '  "https_port": 8443\n}\n'
    ),
    use_instead=(
        f"# send it as an update of the existing service:\n# {PUT_PATH}{SERVICE}\n"
        '{\n  "name": "billing-api",\n  "type": "http",\n  "host": {"hostname": '
        f'"billing.internal", "resolver_network": {{"tunnel_id": "{TUNNEL}"}}}},\n'
        '  "https_port": 8443\n}\n'
    ),
    example_lang="json",
)

inventory_rule(
    "VPC320",
    "unused-service",
    "info",
    ("inventory",),
    default_enabled=False,
    summary="With an inventory: a service that no binding of the run refers to (off by default).",
    what=(
        "With an inventory of the account's VPC services, reports every service that no "
        "`vpc_services` binding of the linted wrangler configs (any scope) refers to, at its "
        "`service_id` in the inventory file. Off by default; select it with "
        "`--extend-select VPC320` and lint every Worker of the account in one run."
    ),
    why=(
        "A service nothing binds is either left over (a private host reachable for no "
        "reason) or bound by a Worker outside the run; a Hyperdrive config can also use a "
        "service without a Worker binding, so check before deleting it."
    ),
    example=(
        f'# services.json lists "billing-api" ({SERVICE}) and "orders-db" ({OTHER})\n'
        f'[[vpc_services]]\nbinding = "BILLING_API"\nservice_id = "{SERVICE}"\nremote = true\n'
    ),
    use_instead=(
        f'[[vpc_services]]\nbinding = "BILLING_API"\nservice_id = "{SERVICE}"\nremote = true\n\n'
        f'[[vpc_services]]\nbinding = "ORDERS_DB"\nservice_id = "{OTHER}"\nremote = true\n'
        '# or delete "orders-db" if nothing uses it\n'
    ),
)


# --- near-misses: ids one or two edits away, found through an index of deletions --------


def deletion_variants(text: str) -> set[str]:
    return {text, *(text[:index] + text[index + 1 :] for index in range(len(text)))}


def deletion_index(keys: Iterable[str]) -> dict[str, set[str]]:
    """Each key under itself and every one-character deletion of it: two strings within
    one edit (or a substitution / transposition pair) share an entry, so candidates are
    found by lookups, in time linear in the number of keys."""
    index: dict[str, set[str]] = {}
    for key in keys:
        if len(key) <= NEAR_MISS_MAX_LENGTH:
            for variant in deletion_variants(key):
                index.setdefault(variant, set()).add(key)
    return index


def edit_distance(first: str, second: str) -> int:
    """Optimal string alignment distance (insertions, deletions, substitutions,
    transpositions of neighbours); called on short strings only."""
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, start=1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, start=1):
            cost = a != b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def near_miss(value: str, index: dict[str, set[str]]) -> str | None:
    """The one key within NEAR_MISS_DISTANCE edits of ``value`` (closest wins; a tie is
    no suggestion)."""
    value = value.strip().lower()
    if len(value) > NEAR_MISS_MAX_LENGTH:
        return None
    candidates = set()
    for variant in deletion_variants(value):
        candidates |= index.get(variant, set())
    scored = sorted((edit_distance(value, key), key) for key in candidates)
    scored = [pair for pair in scored if pair[0] <= NEAR_MISS_DISTANCE]
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    return scored[0][1]


def cached_index(inventory: Inventory, name: str, keys: Iterable[str]) -> dict[str, set[str]]:
    indexes = inventory.near_miss_indexes
    if name not in indexes:
        indexes[name] = deletion_index(keys)
    return indexes[name]


NOUNS = {"VPC215": ("VPC service", "service"), "VPC216": ("tunnel", "tunnel")}


def misread_id(
    doc: Document, code: str, path: Path, field: str, right_id: str, name, by_name: bool
) -> Diagnostic:
    """An id the inventory lacks but explains: the ``name`` of what has ``right_id``
    (``by_name``: writing the id is safe, since names are unique in an account), or a
    near-miss of ``right_id`` (writing it guesses intent: unsafe)."""
    noun, short = NOUNS[code]
    text = json.dumps(right_id)  # a JSON string is also a TOML basic string
    if by_name:
        message = f"{field} is the name of a {noun}, not its id: a binding refers to it by id"
    else:
        message = (
            f"{field} is not a {noun} in the inventory, but it is close to the id of the "
            f"{short} {quote(str(name))}"
        )
    return doc.diagnostic(
        code,
        path,
        message,
        fix=f"write {text}",
        applicability="safe" if by_name else "unsafe",
        edits=(doc.replace(path, text),),
    )


def files_named(inventory: Inventory, has: str) -> str:
    names = [file.display for file in inventory.files if getattr(file, has)]
    return ", ".join(names[:3]) + (" ..." if len(names) > 3 else "")


def quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


# --- VPC215 unknown-service-id ------------------------------------------------------------


def near_service(value: str, inventory: Inventory) -> Service | None:
    """The one service whose id is a near-miss of ``value``."""
    close = near_miss(value, cached_index(inventory, "services", inventory.services_by_id))
    return None if close is None else inventory.services_by_id[close]


def fold_name(text: str) -> str:
    """A service name as it is matched for a near-miss: case, `-` and `_` ignored."""
    return text.strip().lower().replace("_", "").replace("-", "")


def near_name(value: str, inventory: Inventory) -> Service | None:
    """The one service whose `name` ``value`` misspells: the same but for case, `-` and
    `_`, else within NEAR_MISS_DISTANCE edits (and at most one edit per four characters
    of the name, so that short names do not match everything). None when two services
    are as close, or when several services share that name."""
    by_folded: dict[str, list[Service]] = inventory.near_miss_indexes.setdefault(
        "service names", {}
    )
    if not by_folded:
        for name, services in inventory.services_by_name.items():
            by_folded.setdefault(fold_name(name), []).extend(services)
    folded = fold_name(value)
    found = by_folded.get(folded)
    if found is None:
        index = cached_index(inventory, "folded service names", by_folded)
        close = near_miss(folded, index)
        if close is None or edit_distance(folded, close) * 4 > len(close):
            return None
        found = by_folded[close]
    return found[0] if len(found) == 1 else None


def meant_service(value: str, inventory: Inventory) -> Service | None:
    """The service a ``service_id`` value refers to, or plainly means: by its id, by its
    name (when one service has it), by a near-miss of its id or of its name."""
    found = inventory.service(value)
    if found is None:
        named = inventory.services_by_name.get(value.strip(), [])
        found = named[0] if len(named) == 1 else near_service(value, inventory)
    return found or near_name(value, inventory)


@check("wrangler", "VPC215", inventory=True)
def check_service_ids(doc: Document, inventory: Inventory) -> Iterator[Diagnostic]:
    if inventory.services is None:
        return
    for scope in iter_scopes(doc.value):
        for _, path, entry in vpc_entries(scope, ("vpc_services",)):
            value = entry.get("service_id")
            if isinstance(value, str) and value.strip() and inventory.service(value) is None:
                found = unknown_service(doc, (*path, "service_id"), value, inventory)
                if found is not None:
                    yield found


def unknown_service(
    doc: Document, path: Path, value: str, inventory: Inventory
) -> Diagnostic | None:
    """The VPC215 finding for a ``service_id`` the inventory lacks. A value that is not a
    UUID is reported only when the inventory explains it (a name, a near-miss): otherwise
    VPC206 already says it is not a UUID."""
    field = f"`service_id` {quote(value)}"
    named = inventory.services_by_name.get(value.strip(), [])
    if len(named) > 1:
        return doc.diagnostic(
            "VPC215",
            path,
            f"{field} is the name of {len(named)} VPC services in the inventory (of several "
            "accounts?), not an id: a binding refers to a service by its `service_id`",
            fix="write the `service_id` of the service this Worker's account has",
        )
    found = named[0] if named else near_service(value, inventory)
    if found is not None:
        return misread_id(doc, "VPC215", path, field, found.service_id, found.name, bool(named))
    close = near_name(value, inventory)
    if close is not None:
        return doc.diagnostic(
            "VPC215",
            path,
            f"{field} is not a VPC service in the inventory: it looks like the name of the "
            f"service {quote(close.name)} (a binding refers to a service by its id)",
            fix=f"write {json.dumps(close.service_id)}",
            applicability="unsafe",
            edits=(doc.replace(path, json.dumps(close.service_id)),),
        )
    if not is_uuid(value.strip()):
        return None
    return doc.diagnostic(
        "VPC215",
        path,
        f"{field} is not a VPC service in the inventory ({files_named(inventory, 'has_services')})"
        ": the deploy fails. Is it from another account, from the docs, or of a deleted "
        "service?",
        fix="use the id of a service of this account (`wrangler vpc service list` shows them), "
        "or create the service first",
    )


# --- VPC216 unknown-tunnel-id --------------------------------------------------------------


@check("wrangler", "VPC216", inventory=True)
def check_network_tunnels(doc: Document, inventory: Inventory) -> Iterator[Diagnostic]:
    if inventory.tunnels is None:
        return
    for scope in iter_scopes(doc.value):
        for _, path, entry in vpc_entries(scope, ("vpc_networks",)):
            found = tunnel_finding(doc, (*path, "tunnel_id"), entry.get("tunnel_id"), inventory)
            if found is not None:
                yield found


@check("payload", "VPC216", inventory=True)
def check_payload_tunnels(doc: Document, inventory: Inventory) -> Iterator[Diagnostic]:
    if inventory.tunnels is None:
        return
    for prefix, payload in payload_entries(doc):
        host = payload.get("host") if isinstance(payload, dict) else None
        if not isinstance(host, dict):
            continue
        for key in ("network", "resolver_network"):
            network = host.get(key)
            if isinstance(network, dict):
                path = (*prefix, "host", key, "tunnel_id")
                found = tunnel_finding(doc, path, network.get("tunnel_id"), inventory)
                if found is not None:
                    yield found


def near_tunnel(value: str, inventory: Inventory):
    """The one live tunnel whose id is a near-miss of ``value``."""
    live = [key for key, tunnel in inventory.tunnels_by_id.items() if not tunnel.deleted]
    close = near_miss(value, cached_index(inventory, "tunnels", live))
    return None if close is None else inventory.tunnels_by_id[close]


def tunnel_finding(doc: Document, path: Path, value, inventory: Inventory) -> Diagnostic | None:
    if not isinstance(value, str) or not value.strip():
        return None
    field = f"`tunnel_id` {quote(value)}"
    tunnel = inventory.tunnel(value)
    if tunnel is not None and not tunnel.deleted:
        return None
    if tunnel is not None:
        return doc.diagnostic(
            "VPC216",
            path,
            f"{field} is the tunnel {quote(str(tunnel.name))}, which was deleted "
            f"(`deleted_at` is set in {tunnel.file.display}): nothing is reached through it",
            fix="use the id of a live tunnel (`cloudflared tunnel list` shows them)",
        )
    named = inventory.tunnels_by_name.get(value.strip(), [])
    found = named[0] if len(named) == 1 else near_tunnel(value, inventory)
    if found is not None:
        return misread_id(doc, "VPC216", path, field, found.tunnel_id, found.name, bool(named))
    if not is_uuid(value.strip()):
        return None  # VPC207 / VPC308 say it is not a UUID
    return doc.diagnostic(
        "VPC216",
        path,
        f"{field} is not a live tunnel in the inventory ({files_named(inventory, 'has_tunnels')})"
        ": nothing is reached through it, and the API refuses a VPC service on it "
        '("Tunnel ID Not Found"). Is it from another account?',
        fix="use the id of a tunnel of this account (`cloudflared tunnel list` shows them)",
    )


# --- VPC319 payload-name-exists -------------------------------------------------------------


@check("payload", "VPC319", inventory=True)
def check_payload_names(doc: Document, inventory: Inventory) -> Iterator[Diagnostic]:
    if inventory.services is None:
        return
    for prefix, payload in payload_entries(doc):
        if not isinstance(payload, dict) or not isinstance(payload.get("name"), str):
            continue
        named = inventory.services_by_name.get(payload["name"], [])
        if not named:
            continue
        service = named[0]
        own_id = payload.get("service_id")
        if isinstance(own_id, str) and own_id.strip().lower() == service.service_id.lower():
            continue  # an update body for that very service
        yield name_exists(doc, (*prefix, "name"), payload, service)


def differing_fields(payload: dict, service: Service) -> list[str]:
    """The fields the payload sets (null counts as unset) that the service has otherwise."""
    return [
        key
        for key in SERVICE_FIELDS
        if key in payload and without_nulls(payload[key]) != service.fields.get(key)
    ]


def name_exists(doc: Document, path: Path, payload: dict, service: Service) -> Diagnostic:
    name = quote(service.name)
    where = f"service_id {service.service_id}, in {service.file.display}"
    differs = differing_fields(payload, service)
    if not differs:
        return doc.diagnostic(
            "VPC319",
            path,
            f"the VPC service {name} already exists with every setting this payload gives "
            f'({where}): creating it again fails ("already exists"); nothing needs sending',
            fix="do not send it; delete the file or keep it as the record of that service",
            severity="info",
        )
    listed = ", ".join(f"`{key}`" for key in differs)
    return doc.diagnostic(
        "VPC319",
        path,
        f"a VPC service named {name} already exists ({where}; this payload differs in "
        f'{listed}): names are unique per account, so creating it fails ("already '
        f'exists"); to change that service, update it: {PUT_PATH}{service.service_id}',
        fix=f"send it with {PUT_PATH}{service.service_id}, or give the new service another name",
    )


# --- VPC320 unused-service ------------------------------------------------------------------


@run_check("wrangler", "VPC320", inventory=True)
def check_unused_services(
    documents: Iterable[Document], inventory: Inventory
) -> Iterator[Diagnostic]:
    """Every service of the inventory that no `vpc_services` binding of the run means,
    reported at its `service_id` in the inventory file."""
    if inventory.services is None:
        return
    bound = set()  # a binding that misspells a service's id (VPC215) still means it
    for doc in documents:
        for scope in iter_scopes(doc.value):
            for _, _, entry in vpc_entries(scope, ("vpc_services",)):
                value = entry.get("service_id")
                service = meant_service(value, inventory) if isinstance(value, str) else None
                if service is not None:
                    bound.add(service.service_id.lower())
    for service in inventory.services:
        if service.service_id.lower() not in bound:
            yield service.file.document.diagnostic(
                "VPC320",
                service.id_path,
                f"the VPC service {quote(str(service.name))} ({service.service_id}) is not "
                "bound by any Worker config of this run",
                fix="bind it where it is needed, or delete it if nothing uses it (a "
                "Hyperdrive config can use a service without a binding)",
            )

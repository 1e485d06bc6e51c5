"""The account's inventory: the VPC services and tunnels that exist, read from saved files.

vpclint never calls the API. The user saves what the API (or Terraform) says exists, and
passes the files with ``--inventory FILE`` or ``inventory = [...]``. What a file holds is
recognised by its content:

* the Cloudflare API's list of VPC services, ``GET /accounts/{account_id}/connectivity/
  directory/services`` (``{"result": [{"service_id", "name", "type", "host", ...}],
  "success": true, "result_info": {...}}``), several such pages in a JSON array (``jq -s``),
  or a bare array of service objects;
* the API's list of tunnels, ``GET /accounts/{account_id}/cfd_tunnel`` (``{"result":
  [{"id", "name", "status", "deleted_at", ...}]}``), the same three ways; a tunnel whose
  ``deleted_at`` is set no longer exists;
* ``terraform show -json`` output, of a state (``values.root_module``) or a plan
  (``planned_values``, with ids of existing resources from ``prior_state``): resources of
  type ``cloudflare_connectivity_directory_service`` and
  ``cloudflare_zero_trust_tunnel_cloudflared``, in the root module and every child module.

A file that is none of these, or cannot be read, is an :class:`InventoryError` (one line,
exit status 2). What is doubtful in a readable file (an entry without an id, a missing
page, more services than an account can hold) is a VPC006 finding on that file, at the
place it is written.
"""

from __future__ import annotations

from collections import namedtuple

from vpclint.rules.payload.values import json_type

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from vpclint.diagnostics import Diagnostic
    from vpclint.document import Document
    from vpclint.source.model import Path

SERVICE_RESOURCE = "cloudflare_connectivity_directory_service"
TUNNEL_RESOURCE = "cloudflare_zero_trust_tunnel_cloudflared"
TUNNEL_RESOURCES = (TUNNEL_RESOURCE, "cloudflare_tunnel")  # and its name in provider v4
ACCOUNT_SERVICE_LIMIT = 1000
SERVICE_KEYS = ("service_id", "host", "http_port", "https_port", "tcp_port", "app_protocol")
TUNNEL_KEYS = (
    "tun_type", "status", "deleted_at", "connections", "conns_active_at",
    "conns_inactive_at", "config_src", "remote_config", "account_tag",
)  # fmt: skip
# The fields of a service that describe it (what a create payload sets).
SERVICE_FIELDS = (
    "name", "type", "host", "http_port", "https_port", "tcp_port", "app_protocol",
    "tls_settings",
)  # fmt: skip
EXPECTED = (
    "expected the Cloudflare API's list of VPC services (GET /accounts/{account_id}/"
    "connectivity/directory/services) or of tunnels (GET /accounts/{account_id}/cfd_tunnel): "
    "one response, a JSON array of pages, or a bare array of entries; or "
    "`terraform show -json` output"
)


class InventoryError(ValueError):
    """An inventory file that cannot be used; ``message`` is one line naming the file."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Service(namedtuple("Service", "service_id name fields file path")):
    """One VPC service: its id, name, describing ``fields`` (nulls left out), and where it
    is written (``file``, an :class:`InventoryFile`; ``path`` of its object there)."""

    __slots__ = ()

    @property
    def id_path(self) -> Path:
        return (*self.path, "service_id")


class Tunnel(namedtuple("Tunnel", "tunnel_id name status deleted file path")):
    """One tunnel (``deleted``: its ``deleted_at`` is set, so it no longer exists)."""

    __slots__ = ()


class InventoryFile:
    """One inventory file: its document (for positions) and its VPC006 findings."""

    __slots__ = ("document", "has_services", "has_tunnels", "problems", "services", "tunnels")

    def __init__(self, document: Document):
        self.document = document
        self.services: list[Service] = []
        self.tunnels: list[Tunnel] = []
        self.has_services = False  # the file lists services (even none)
        self.has_tunnels = False
        self.problems: list[Diagnostic] = []

    @property
    def display(self) -> str:
        return self.document.path

    def problem(self, path: Path, message: str, fix: str | None = None) -> None:
        at = "head" if isinstance(self.document.get(path), dict | list) else "value"
        self.problems.append(self.document.diagnostic("VPC006", path, message, at=at, fix=fix))


class Inventory:
    """Everything the inventory files of a run say exists.

    ``services`` is None when no file lists VPC services, and ``tunnels`` is None when no
    file lists tunnels: a check against what was not given does not run. Ids are matched
    without regard to case (a UUID's hex digits may be written either way)."""

    def __init__(self, files: list[InventoryFile]):
        self.files = files
        self.services: list[Service] | None = None
        self.tunnels: list[Tunnel] | None = None
        self.services_by_id: dict[str, Service] = {}
        self.services_by_name: dict[str, list[Service]] = {}
        self.tunnels_by_id: dict[str, Tunnel] = {}
        self.tunnels_by_name: dict[str, list[Tunnel]] = {}
        self.near_miss_indexes: dict[str, dict] = {}  # built by the checks when needed
        for file in files:
            if file.has_services:
                self.services = self.services or []
            if file.has_tunnels:
                self.tunnels = self.tunnels or []
            for service in file.services:
                key = service.service_id.lower()
                if key not in self.services_by_id:  # pages may overlap
                    self.services_by_id[key] = service
                    self.services.append(service)
                    if isinstance(service.name, str):
                        self.services_by_name.setdefault(service.name, []).append(service)
            for tunnel in file.tunnels:
                key = tunnel.tunnel_id.lower()
                if key not in self.tunnels_by_id or not tunnel.deleted:  # live wins
                    self.tunnels_by_id[key] = tunnel
        if self.tunnels is not None:
            self.tunnels = list(self.tunnels_by_id.values())
            for tunnel in self.tunnels:
                if isinstance(tunnel.name, str) and not tunnel.deleted:
                    self.tunnels_by_name.setdefault(tunnel.name, []).append(tunnel)

    def service(self, service_id: str) -> Service | None:
        return self.services_by_id.get(service_id.strip().lower())

    def tunnel(self, tunnel_id: str) -> Tunnel | None:
        """The tunnel with this id, live or deleted."""
        return self.tunnels_by_id.get(tunnel_id.strip().lower())


# ---------------------------------------------------------------------------- reading


def load_inventory(paths: tuple[str, ...], cache: dict | None = None) -> Inventory:
    """Read every inventory file (each once per ``cache``, keyed by absolute path); the
    first that cannot be used raises InventoryError."""
    import os

    from vpclint.rules.registry import load_checks

    load_checks("inventory")  # VPC006 and the checks against the inventory
    cache = {} if cache is None else cache
    files = []
    for path in paths:
        key = os.path.abspath(path)
        if key not in cache:
            cache[key] = read_inventory_file(path)
        if cache[key] not in files:
            files.append(cache[key])
    return Inventory(files)


def read_inventory_file(path: str) -> InventoryFile:
    document = read_document(path)
    file = InventoryFile(document)
    value = document.value
    if isinstance(value, dict) and is_terraform(value):
        read_terraform(file, value)
    elif isinstance(value, dict) and "result" in value:
        read_page(file, value, ())
    elif isinstance(value, list) and value and all(is_page(item) for item in value):
        for index, page in enumerate(value):
            read_page(file, page, (index,))
        check_page_count(file, [(page, (index,)) for index, page in enumerate(value)])
    elif isinstance(value, list) and all(isinstance(item, dict) for item in value):
        read_entries(file, value, ())
    else:
        raise InventoryError(f"{path}: not an inventory: {EXPECTED}")
    if isinstance(value, dict) and "result" in value:
        check_page_count(file, [(value, ())])
    if not (file.has_services or file.has_tunnels or file.problems):
        file.problem(
            (),
            "every list in this file is empty, so vpclint cannot tell whether it lists VPC "
            "services or tunnels, and checks nothing against it",
            fix="save the list again, or remove the file from the inventory",
        )
    if len(file.services) > ACCOUNT_SERVICE_LIMIT:
        file.problem(
            (),
            f"the file lists {len(file.services):,} VPC services, more than the "
            f"{ACCOUNT_SERVICE_LIMIT:,} an account can hold: is it several accounts' "
            "inventories, or pages saved twice?",
            fix="save one account's services (each page once)",
        )
    return file


def read_document(path: str) -> Document:
    """The file parsed as JSON (comments and trailing commas tolerated), with positions."""
    from vpclint.document import Document
    from vpclint.runner import read_bytes
    from vpclint.source.jsonc import parse_jsonc
    from vpclint.source.model import ParseError
    from vpclint.source.text import DecodeError, SourceText, decode

    data = read_bytes(path)
    if isinstance(data, str):
        raise InventoryError(f"{path}: cannot read the inventory: {data}")
    try:
        text = decode(data)
    except DecodeError as error:
        raise InventoryError(f"{path}: cannot read the inventory: {error.message}") from None
    if not text.strip():
        raise InventoryError(f"{path}: the inventory file is empty; {EXPECTED}")
    source = SourceText(text)
    try:
        parsed = parse_jsonc(text)
    except ParseError as error:
        at = source.position(error.offset)
        raise InventoryError(
            f"{path}:{at.line}:{at.column}: the inventory is not valid JSON: {error.message}"
        ) from None
    return Document(path, "inventory", "json", source, parsed.value, parsed.spans)


def is_page(value: Any) -> bool:
    return isinstance(value, dict) and "result" in value


def is_terraform(value: dict) -> bool:
    return "format_version" in value and any(
        key in value for key in ("terraform_version", "values", "planned_values", "prior_state")
    )


# --- API responses -------------------------------------------------------------------


def read_page(file: InventoryFile, page: dict, path: Path) -> None:
    """One API response: ``{"result": [...], "success": true, ...}``."""
    if page.get("success") is False:
        raise InventoryError(f"{file.display}: {failure_message(page)}")
    result = page["result"]
    if isinstance(result, dict):  # GET .../services/{service_id}: one service
        read_entries(file, [result], (*path, "result"), single=True)
    elif isinstance(result, list):
        read_entries(file, result, (*path, "result"))
    else:
        raise InventoryError(
            f"{file.display}: `result` is {json_type(result)}, not a list of VPC services or "
            f"tunnels; {EXPECTED}"
        )


def failure_message(page: dict) -> str:
    errors = page.get("errors")
    first = errors[0] if isinstance(errors, list) and errors else None
    detail = ""
    if isinstance(first, dict) and isinstance(first.get("message"), str):
        code = first.get("code")
        detail = f": {first['message']}" + (f" (code {code})" if code is not None else "")
    return (
        f'the saved API response is a failure ("success": false){detail[:200]}; save the '
        "response of a request that succeeded (check the token's permissions and the account id)"
    )


def read_entries(file: InventoryFile, entries: list, path: Path, single: bool = False) -> None:
    """A list of services or of tunnels (which one, by the keys of its entries)."""
    kind = entries_kind(file, entries, path)
    if kind is None:
        if entries:
            raise InventoryError(f"{file.display}: not an inventory: {EXPECTED}")
        return  # an empty page: what it is comes from the others (or from nothing)
    for index, entry in enumerate(entries):
        entry_path = path if single else (*path, index)
        if kind == "services":
            file.has_services = True
            read_service(file, entry, entry_path)
        else:
            file.has_tunnels = True
            read_tunnel(file, entry, entry_path)


def entries_kind(file: InventoryFile, entries: list, path: Path) -> str | None:
    services = tunnels = False
    for entry in entries:
        if isinstance(entry, dict):
            services = services or any(key in entry for key in SERVICE_KEYS)
            tunnels = tunnels or (
                "service_id" not in entry and any(key in entry for key in TUNNEL_KEYS)
            )
    if services and tunnels:
        raise InventoryError(
            f"{file.display}: one list mixes VPC services and tunnels; save each API list "
            "in its own file"
        )
    if services:
        return "services"
    if tunnels or any(isinstance(entry, dict) and "id" in entry for entry in entries):
        return "tunnels"
    return None


def read_service(file: InventoryFile, entry: Any, path: Path, values_path: Path = ()) -> None:
    """One service object (in Terraform, the resource's ``values`` at ``values_path``)."""
    where = (*path, *values_path)
    service_id = entry_id(file, entry, where, "service_id", "VPC service")
    if service_id is None:
        return
    fields = {key: without_nulls(entry[key]) for key in SERVICE_FIELDS if key in entry}
    fields = {key: value for key, value in fields.items() if value is not None}
    file.services.append(Service(service_id, entry.get("name"), fields, file, where))


def read_tunnel(file: InventoryFile, entry: Any, path: Path) -> None:
    tunnel_id = entry_id(file, entry, path, "id", "tunnel")
    if tunnel_id is None:
        return
    deleted = entry.get("deleted_at") not in (None, "")
    file.tunnels.append(
        Tunnel(tunnel_id, entry.get("name"), entry.get("status"), deleted, file, path)
    )


def entry_id(file: InventoryFile, entry: Any, path: Path, key: str, noun: str) -> str | None:
    """The id of an entry, or None after reporting (VPC006) why the entry is skipped."""
    if not isinstance(entry, dict):
        file.problem(path, f"this entry is {json_type(entry)}, not a {noun}: skipped")
        return None
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        file.problem(
            path,
            f"the {noun} {describe_name(entry)}has no `{key}`: skipped (bindings to it "
            "cannot be checked)",
            fix=f"save the list again from the API, which gives every {noun} its `{key}`",
        )
        return None
    return value.strip()


def check_page_count(file: InventoryFile, pages: list[tuple[dict, Path]]) -> None:
    """A warning when ``result_info.total_count`` says the saved pages miss entries."""
    saved = sum(len(page["result"]) for page, _ in pages if isinstance(page["result"], list))
    totals = [
        (page["result_info"]["total_count"], path)
        for page, path in pages
        if isinstance(page.get("result_info"), dict)
        and isinstance(page["result_info"].get("total_count"), int)
        and not isinstance(page["result_info"]["total_count"], bool)
    ]
    if not totals:
        return
    total, path = max(totals, key=lambda pair: pair[0])
    if saved < total:
        file.problem(
            (*path, "result_info", "total_count"),
            f"the API counts {total:,} entries but the file holds {saved:,}: pages are "
            "missing, so what is on them counts as unknown",
            fix="save every page (`page=1,2,...`) and combine them with `jq -s`, or ask "
            "for more per page (`per_page`)",
        )


# --- terraform show -json --------------------------------------------------------------


def read_terraform(file: InventoryFile, value: dict) -> None:
    """Services and tunnels of a state (``values``) or a plan (``planned_values``; the
    ids of resources that already exist come from ``prior_state``)."""
    planned = value.get("planned_values")
    tree, base = (
        (planned, ("planned_values",))
        if isinstance(planned, dict)
        else (
            value.get("values"),
            ("values",),
        )
    )
    prior = value.get("prior_state")
    prior_values = prior.get("values") if isinstance(prior, dict) else None
    known_ids = {
        address: resource["values"]
        for address, resource, _ in module_resources(prior_values, ())
        if isinstance(resource.get("values"), dict)
    }
    is_plan = isinstance(planned, dict)
    for address, resource, path in module_resources(tree, base):
        kind = resource.get("type")
        values = resource.get("values")
        if kind not in (SERVICE_RESOURCE, *TUNNEL_RESOURCES) or not isinstance(values, dict):
            continue
        prior_entry = known_ids.get(address, {})
        if kind == SERVICE_RESOURCE:
            file.has_services = True
            if is_plan and not values.get("service_id") and prior_entry.get("service_id"):
                values = {**values, "service_id": prior_entry["service_id"]}
            elif is_plan and not values.get("service_id"):
                file.problem(
                    (*path, "values"),
                    f"{address} is created by this plan, so its `service_id` is known only "
                    "after `terraform apply`: skipped",
                    fix="save `terraform show -json` of the state after applying",
                )
                continue
            read_service(file, values, path, ("values",))
        else:
            file.has_tunnels = True
            if is_plan and not values.get("id") and prior_entry.get("id"):
                values = {**values, "id": prior_entry["id"]}
            read_tunnel(file, values, (*path, "values"))
    if not (file.has_services or file.has_tunnels):
        file.problem(
            (),
            f"this Terraform output has no `{SERVICE_RESOURCE}` or `{TUNNEL_RESOURCE}` "
            "resource, so nothing is checked against it",
            fix="save `terraform show -json` of the configuration that manages them",
        )


def module_resources(module_tree: Any, base: Path):
    """(address, resource, path) of every resource of ``root_module`` and its child modules.

    Depth first, in file order; iterative, so deep nesting cannot exhaust the stack."""
    if not isinstance(module_tree, dict) or not isinstance(module_tree.get("root_module"), dict):
        return
    stack = [(module_tree["root_module"], (*base, "root_module"))]
    while stack:
        module, path = stack.pop()
        resources = module.get("resources")
        if isinstance(resources, list):
            for index, resource in enumerate(resources):
                if isinstance(resource, dict):
                    address = resource.get("address")
                    yield address, resource, (*path, "resources", index)
        children = module.get("child_modules")
        if isinstance(children, list):
            stack.extend(
                (child, (*path, "child_modules", index))
                for index, child in reversed(list(enumerate(children)))
                if isinstance(child, dict)
            )


# --- small helpers ---------------------------------------------------------------------


def without_nulls(value: Any, depth: int = 0) -> Any:
    """``value`` with null members of objects left out (null means unset), down to a
    depth no real service reaches (a hostile file cannot exhaust the stack)."""
    if depth > 32:
        return value
    if isinstance(value, dict):
        return {
            key: without_nulls(item, depth + 1) for key, item in value.items() if item is not None
        }
    if isinstance(value, list):
        return [without_nulls(item, depth + 1) for item in value]
    return value


def describe_name(entry: dict) -> str:
    name = entry.get("name")
    return f'"{name}" ' if isinstance(name, str) and name else ""

"""``vpclint inventory``: who reaches what. For every wrangler config, each Worker (top
level, every env, their previews) x VPC binding -> service id / tunnel id -> with an
inventory, the service's name, type, host and ports (or "not in the inventory").

Rows come in a fixed order: configs by path, then scopes as written (top level, its
previews, each env and its previews), then bindings as written (`vpc_services` before
`vpc_networks`). Three renderings: a table, JSON (``version`` 1, documented in the
README) and Markdown for pull-request comments.
"""

from __future__ import annotations

import json

from vpclint.report.escape import escape_text

REPORT_VERSION = 1
FORMATS = ("table", "json", "markdown")
KIND_OF_LIST = {"vpc_services": "vpc_service", "vpc_networks": "vpc_network"}
NOT_FOUND = "not in the inventory"


def worker_name(root: dict, env: str | None) -> str | None:
    """The Worker's name as wrangler deploys it: an env's own `name`, else the top-level
    name with `-<env>` appended."""
    top = root.get("name") if isinstance(root.get("name"), str) else None
    if env is None:
        return top
    own = root["env"][env].get("name")
    if isinstance(own, str):
        return own
    return f"{top}-{env}" if top else None


def rows_of(document, inventory) -> list[dict]:
    """The report's rows for one parsed wrangler config."""
    from vpclint.rules.wrangler.common import vpc_entries
    from vpclint.rules.wrangler.scopes import iter_scopes

    rows = []
    for scope in iter_scopes(document.value):
        worker = worker_name(document.value, scope.env)
        for list_key, path, entry in vpc_entries(scope):
            field = (
                "service_id"
                if list_key == "vpc_services"
                else (
                    "network_id"
                    if "network_id" in entry and "tunnel_id" not in entry
                    else "tunnel_id"
                )
            )
            value = entry.get(field)
            binding = entry.get("binding")
            start = document.range(path, "head")[0]
            row = {
                "path": document.path,
                "worker": worker,
                "env": scope.env,
                "previews": scope.is_previews,
                "binding": binding if isinstance(binding, str) else None,
                "kind": KIND_OF_LIST[list_key],
                "id_field": field,
                "id": value if isinstance(value, str) else None,
                "line": start.line,
                "column": start.column,
            }
            row.update(target_of(field, row["id"], inventory))
            rows.append(row)
    return rows


def target_of(field: str, value: str | None, inventory) -> dict:
    """``status`` ("found", "not-in-inventory", "deleted", "unchecked") and what the id
    reaches: ``service`` (name, type, host, ports) or ``tunnel`` (name, status)."""
    if field == "service_id":
        if inventory is None or inventory.services is None:
            return {"status": "unchecked", "service": None}
        service = inventory.service(value) if value else None
        if service is None:
            return {"status": "not-in-inventory", "service": None}
        fields = service.fields
        return {
            "status": "found",
            "service": {
                "service_id": service.service_id,
                "name": service.name,
                "type": fields.get("type"),
                "host": fields.get("host"),
                "ports": {key: fields[key] for key in PORT_KEYS if key in fields},
                "inventory": service.file.display,
            },
        }
    if field == "network_id" or inventory is None or inventory.tunnels is None:
        return {"status": "unchecked", "tunnel": None}
    tunnel = inventory.tunnel(value) if value else None
    if tunnel is None:
        return {"status": "not-in-inventory", "tunnel": None}
    return {
        "status": "deleted" if tunnel.deleted else "found",
        "tunnel": {
            "tunnel_id": tunnel.tunnel_id,
            "name": tunnel.name,
            "status": tunnel.status,
            "inventory": tunnel.file.display,
        },
    }


PORT_KEYS = ("http_port", "https_port", "tcp_port", "app_protocol")


# ---------------------------------------------------------------------------- rendering


def as_json(rows: list[dict], configs: list[str], inventory_files: list[str]) -> str:
    from vpclint import __version__

    report = {
        "version": REPORT_VERSION,
        "tool": {"name": "vpclint", "version": __version__},
        "configs": configs,
        "inventory": inventory_files,
        "bindings": rows,
    }
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def host_text(host) -> str:
    if not isinstance(host, dict):
        return ""
    addresses = [
        host[key] for key in ("hostname", "ipv4", "ipv6") if isinstance(host.get(key), str)
    ]
    return ", ".join(addresses)


def ports_text(service: dict) -> str:
    ports = service["ports"]
    if service["type"] == "tcp":
        text = f"tcp {ports['tcp_port']}" if "tcp_port" in ports else "tcp"
        protocol = ports.get("app_protocol")
        return f"{text} ({protocol})" if isinstance(protocol, str) else text
    shown = [f"{key[:-5]} {ports[key]}" for key in ("http_port", "https_port") if key in ports]
    return ", ".join(shown) or "http 80, https 443 (defaults)"


def columns(row: dict, with_inventory: bool) -> list[str]:
    env = row["env"] or "(top level)"
    if row["previews"]:
        env += " previews"
    cells = [row["worker"] or "(no name)", env, row["binding"] or "(none)", row["kind"]]
    cells.append(row["id"] or "(none)")
    if not with_inventory:
        return cells
    if row["status"] == "unchecked":
        return [*cells, "(not checked)", "", "", ""]
    if row["status"] == "not-in-inventory":
        return [*cells, NOT_FOUND, "", "", ""]
    if row["kind"] == "vpc_network":
        tunnel = row["tunnel"]
        state = "deleted" if row["status"] == "deleted" else tunnel["status"]
        kind = f"tunnel ({state})" if isinstance(state, str) and state else "tunnel"
        return [*cells, str(tunnel["name"]), kind, "", ""]
    service = row["service"]
    return [
        *cells,
        str(service["name"]),
        str(service["type"] or ""),
        host_text(service["host"]),
        ports_text(service),
    ]


HEADERS = ["WORKER", "ENV", "BINDING", "KIND", "ID"]
INVENTORY_HEADERS = ["NAME", "TYPE", "HOST", "PORTS"]


def grouped(rows: list[dict], configs: list[str]) -> list[tuple[str, list[dict]]]:
    by_path: dict[str, list[dict]] = {path: [] for path in configs}
    for row in rows:
        by_path[row["path"]].append(row)
    return list(by_path.items())


def as_table(rows: list[dict], configs: list[str], with_inventory: bool) -> str:
    headers = HEADERS + (INVENTORY_HEADERS if with_inventory else [])
    out: list[str] = []
    for path, group in grouped(rows, configs):
        out.append(escape_text(path))
        if not group:
            out += ["  (no VPC bindings)", ""]
            continue
        table = [headers] + [[escape_text(c) for c in columns(r, with_inventory)] for r in group]
        widths = [max(len(line[i]) for line in table) for i in range(len(headers))]
        for line in table:
            out.append(
                "  " + "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip()
            )
        out.append("")
    return "\n".join(out)


def as_markdown(rows: list[dict], configs: list[str], with_inventory: bool) -> str:
    headers = [h.capitalize() for h in HEADERS + (INVENTORY_HEADERS if with_inventory else [])]
    out = ["## Workers VPC bindings", ""]
    for path, group in grouped(rows, configs):
        out += [f"### {markdown_cell(path)}", ""]
        if not group:
            out += ["No VPC bindings.", ""]
            continue
        out.append("| " + " | ".join(headers) + " |")
        out.append("|" + "---|" * len(headers))
        for row in group:
            cells = [markdown_cell(cell) for cell in columns(row, with_inventory)]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)


def markdown_cell(text: str) -> str:
    return escape_text(text).replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")


def render(format_name: str, rows, configs, inventory_files) -> str:
    if format_name == "json":
        return as_json(rows, configs, inventory_files)
    if format_name == "markdown":
        return as_markdown(rows, configs, bool(inventory_files))
    return as_table(rows, configs, bool(inventory_files))

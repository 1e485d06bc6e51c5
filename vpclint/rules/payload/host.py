"""VPC303-VPC308, VPC316: `host`, its address (IP or hostname) and its network."""

from __future__ import annotations

from vpclint.diagnostics import SAFE, UNSAFE
from vpclint.rules.edits import insert_json_member_before, remove_json_member
from vpclint.rules.payload.common import (
    HOST,
    NETWORK,
    NETWORK_EXAMPLE,
    RESOLVER_NETWORK,
    RESOLVER_NETWORK_EXAMPLE,
    TUNNEL_SOURCE,
    PayloadContext,
    T,
    ip_host,
    payload_rule,
    split_advice,
)
from vpclint.rules.payload.values import (
    NIL_UUID,
    hostname_fix,
    hostname_problem,
    ip_problem,
    ipv4_problem,
    ipv6_problem,
    is_ip,
    is_uuid,
    json_type,
    quote,
    quote_short,
    uuid_problem,
)
from vpclint.source.model import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


payload_rule(
    "VPC303",
    "invalid-host-shape",
    "error",
    summary="`host` is none of `{ipv4, network}`, `{ipv6, network}`, `{ipv4, ipv6, network}`, "
    "`{hostname, resolver_network}`.",
    what=(
        "Classifies `host` by its keys. Reports a `hostname` together with `ipv4`/`ipv6`, "
        "both `network` and `resolver_network`, and a host without any address (no `ipv4`, "
        "`ipv6` or `hostname`, for instance an `ip` key or an address written outside "
        "`host`). The API's schema lists the four shapes as a `oneOf`; vpclint names the "
        "shape you were writing instead of reporting that no branch matched."
    ),
    why=(
        "A host is either reached by address through `network`, or resolved by name through "
        "`resolver_network`; a mixed host is ambiguous and refused (wrangler calls `--ipv4` "
        "and `--hostname` mutually exclusive)."
    ),
    example=ip_host(
        host=(
            '  "host": {\n    "ipv4": "10.0.0.1",\n    "hostname": "api.internal",\n'
            f'    "network": {{"tunnel_id": "{T}"}}\n  }}'
        )
    ),
    use_instead=ip_host(),
)

payload_rule(
    "VPC304",
    "hostname-needs-resolver-network",
    "error",
    summary="A `hostname` host uses `network`, or has no `resolver_network`.",
    what=(
        "Reports `network` in a host that has a `hostname` (rename it to "
        "`resolver_network`), and a hostname host without `resolver_network`."
    ),
    why=(
        "A name is resolved on the tunnel's side, so a hostname host names its tunnel in "
        "`resolver_network` (optionally with `resolver_ips`); with `network` no shape of the "
        "API matches and the request is refused."
    ),
    example=ip_host(
        host=(
            '  "host": {\n    "hostname": "api.internal",\n'
            f'    "network": {{"tunnel_id": "{T}"}}\n  }}'
        )
    ),
    use_instead=ip_host(
        host=(
            '  "host": {\n    "hostname": "api.internal",\n'
            f'    "resolver_network": {{"tunnel_id": "{T}"}}\n  }}'
        )
    ),
)

payload_rule(
    "VPC305",
    "ip-needs-network",
    "error",
    summary="An `ipv4`/`ipv6` host uses `resolver_network`, or has no `network`.",
    what=(
        "Reports `resolver_network` in a host that has `ipv4` or `ipv6` (rename it to "
        "`network`), and an IP host without `network`, for instance with `tunnel_id` written "
        "directly in `host`."
    ),
    why=(
        "An address needs no resolving: IP hosts name their tunnel in `network`. With "
        "`resolver_network` no shape of the API matches and the request is refused."
    ),
    example=ip_host(
        host=(
            '  "host": {\n    "ipv4": "10.0.0.1",\n'
            f'    "resolver_network": {{"tunnel_id": "{T}"}}\n  }}'
        )
    ),
    use_instead=ip_host(),
)

payload_rule(
    "VPC306",
    "invalid-ip",
    "error",
    summary="`ipv4`, `ipv6` or a `resolver_ips` entry is not a valid IP address, or "
    "`resolver_ips` is not an array or null.",
    what=(
        "Checks addresses as wrangler does (Node's `net.isIPv4`/`net.isIPv6`): `ipv4` is a "
        "dotted quad of numbers 0-255 without leading zeros; `ipv6` is an IPv6 address "
        "(compressed forms, an IPv4 tail and a zone id such as `fe80::1%eth0` are fine; "
        "brackets and a `/64` prefix are not); each `resolver_ips` entry is either. An "
        "address in the wrong field (IPv6 text in `ipv4`) is named as such."
    ),
    why=(
        "The tunnel connects to exactly this address; wrangler refuses malformed ones, and "
        "a resolver written as a name cannot be asked for names."
    ),
    example=ip_host(host=f'  "host": {{"ipv4": "10.0.0.256", "network": {{"tunnel_id": "{T}"}}}}'),
    use_instead=ip_host(),
)

payload_rule(
    "VPC307",
    "invalid-hostname",
    "error",
    summary="`hostname` is empty, over 253 characters, has a scheme, path, port or "
    "whitespace, or is an IP address.",
    what=(
        "Applies wrangler's hostname rules to `host.hostname`: not empty, at most 253 "
        "characters, no `https://`, no `/path`, no `:port`, no whitespace, and not an IPv4 "
        "or IPv6 literal (use `ipv4`/`ipv6` with `network` for those). The message gives the "
        "bare name to write; a port goes to `tcp_port` (or `http_port`/`https_port`). "
        "Fix (unsafe, it guesses what you meant): `--fix --unsafe-fixes` writes the bare "
        "name, and moves a valid port into `tcp_port` (tcp) or `http_port`/`https_port` "
        "(http, by the scheme) when no port field is written; a port a field already says, "
        "or the default 80/443, is just dropped. A conflicting port gets no fix."
    ),
    why=(
        "The tunnel resolves `hostname` as a DNS name: a URL or `host:port` is not one, and "
        "the lookup fails at request time rather than when you create the service."
    ),
    example=ip_host(
        host=(
            '  "host": {\n    "hostname": "https://api.internal/v1",\n'
            f'    "resolver_network": {{"tunnel_id": "{T}"}}\n  }}'
        )
    ),
    use_instead=ip_host(
        host=(
            '  "host": {\n    "hostname": "api.internal",\n'
            f'    "resolver_network": {{"tunnel_id": "{T}"}}\n  }}'
        )
    ),
)

payload_rule(
    "VPC308",
    "invalid-tunnel-id",
    "error",
    summary="A `tunnel_id` is missing or not a UUID (the nil UUID is a warning).",
    what=(
        "Checks `host.network` / `host.resolver_network`: it is an object with a "
        "`tunnel_id` in the 8-4-4-4-12 hexadecimal UUID form. Placeholders "
        "(`<tunnel-id>`, `${TUNNEL_ID}`) are called out; a UUID written with braces or "
        "without hyphens gets its canonical form. The nil UUID "
        "`00000000-0000-0000-0000-000000000000` is reported as a warning."
    ),
    why=(
        "The service reaches its origin through this Cloudflare Tunnel. The API requires a "
        'UUID and answers "Tunnel ID Not Found" for one that does not exist, such as the '
        "nil UUID."
    ),
    example=ip_host(host='  "host": {"ipv4": "10.0.0.1", "network": {"tunnel_id": "my-tunnel"}}'),
    use_instead=ip_host(),
)

payload_rule(
    "VPC316",
    "empty-resolver-ips",
    "warning",
    summary="`resolver_ips` is an empty array.",
    what=(
        'Reports `"resolver_ips": []` in a `resolver_network`. Fix (safe): `--fix` removes '
        "the member with its comma (and its line when it has one of its own)."
    ),
    why=(
        "An empty list says nothing the absent key does not, and its effect on the server "
        "is undocumented; wrangler omits the key instead. Without it, the tunnel uses its "
        "host's resolver."
    ),
    example=ip_host(
        host=(
            '  "host": {\n    "hostname": "api.internal",\n'
            f'    "resolver_network": {{"tunnel_id": "{T}", "resolver_ips": []}}\n  }}'
        )
    ),
    use_instead=ip_host(
        host=(
            '  "host": {\n    "hostname": "api.internal",\n'
            f'    "resolver_network": {{"tunnel_id": "{T}"}}\n  }}'
        )
    ),
)


def check_host(ctx: PayloadContext, host: dict[str, Any]) -> None:
    family = host_family(ctx, host)
    if family == "hostname":
        check_hostname_networks(ctx, host)
    elif family == "ip":
        check_ip_networks(ctx, host)
    check_addresses(ctx, host)
    if "network" in host:
        check_network(ctx, NETWORK, "network")
    if "resolver_network" in host:
        check_network(ctx, RESOLVER_NETWORK, "resolver_network")


def host_family(ctx: PayloadContext, host: dict[str, Any]) -> str | None:
    """`hostname` or `ip` from the keys of `host`; None (reported) when it is neither."""
    addresses = [key for key in ("ipv4", "ipv6") if key in host]
    if "hostname" in host and addresses:
        both = " and ".join(f"`{key}`" for key in addresses)
        ctx.report(
            "VPC303",
            (*HOST, "hostname"),
            f"`host` has both `hostname` and {both}: a host is either a `hostname` with "
            "`resolver_network`, or `ipv4`/`ipv6` with `network`",
            at="key",
            fix=f"remove `hostname` or {both}",
        )
        return None
    if "hostname" in host:
        return "hostname"
    if addresses:
        return "ip"
    return report_no_address(ctx)


def report_no_address(ctx: PayloadContext) -> str | None:
    for key in ("ipv4", "ipv6", "hostname"):
        typo = ctx.typo_for(HOST, "host", key)
        if typo is not None:
            ctx.claimed.add(typo)
            ctx.report_misspelt("VPC303", typo, key, "`host` has no address")
            return "hostname" if key == "hostname" else "ip"
    for key in ("ipv4", "ipv6", "hostname"):
        if key in ctx.payload:
            ctx.claimed.add((key,))
            ctx.report(
                "VPC303",
                (key,),
                f"`host` has no address; this `{key}` belongs inside `host`",
                at="key",
                fix=f"move `{key}` into `host`",
            )
            return "hostname" if key == "hostname" else "ip"
    ctx.report(
        "VPC303",
        HOST,
        "`host` has no address",
        at="head",
        fix="add `ipv4` and/or `ipv6` (with `network`), or a `hostname` (with `resolver_network`)",
    )
    return None


def check_hostname_networks(ctx: PayloadContext, host: dict[str, Any]) -> None:
    if "network" in host and "resolver_network" in host:
        ctx.report(
            "VPC303",
            NETWORK,
            "`host` has both `network` and `resolver_network`: a hostname host takes "
            "only `resolver_network`",
            at="key",
            fix="remove `network`",
        )
    elif "network" in host:
        ctx.claimed.add((*NETWORK, "resolver_ips"))
        ctx.report(
            "VPC304",
            NETWORK,
            "a hostname host needs `resolver_network`, not `network` (the tunnel resolves "
            "the name)",
            at="key",
            fix="rename `network` to `resolver_network`",
        )
    elif "resolver_network" not in host:
        ctx.missing(
            "VPC304",
            (HOST, "host"),
            "resolver_network",
            "a hostname host needs `resolver_network`",
            f"add {RESOLVER_NETWORK_EXAMPLE}",
            elsewhere=((*HOST, "tunnel_id"), ("tunnel_id",)),
        )


def check_ip_networks(ctx: PayloadContext, host: dict[str, Any]) -> None:
    if "network" in host and "resolver_network" in host:
        ctx.report(
            "VPC303",
            RESOLVER_NETWORK,
            "`host` has both `network` and `resolver_network`: an IP host takes only `network`",
            at="key",
            fix="remove `resolver_network`",
        )
    elif "resolver_network" in host:
        extra = ""
        resolver_network = host["resolver_network"]
        if isinstance(resolver_network, dict) and "resolver_ips" in resolver_network:
            extra = " and drop `resolver_ips` (an IP host needs no resolver)"
        ctx.report(
            "VPC305",
            RESOLVER_NETWORK,
            "an IP host (`ipv4`/`ipv6`) needs `network`, not `resolver_network`",
            at="key",
            fix=f"rename `resolver_network` to `network`{extra}",
        )
    elif "network" not in host:
        ctx.missing(
            "VPC305",
            (HOST, "host"),
            "network",
            "an IP host (`ipv4`/`ipv6`) needs `network`",
            f"add {NETWORK_EXAMPLE}",
            elsewhere=((*HOST, "tunnel_id"), ("tunnel_id",)),
        )


def check_addresses(ctx: PayloadContext, host: dict[str, Any]) -> None:
    for key, problem_of in (("ipv4", ipv4_problem), ("ipv6", ipv6_problem)):
        if key not in host:
            continue
        value = host[key]
        if not isinstance(value, str):
            message = f"`{key}` must be a string, not {json_type(value)}"
            fix = f'write a string such as "{example_address(key)}"'
            ctx.report("VPC306", (*HOST, key), message, fix=fix)
            continue
        problem = problem_of(value)
        if problem is not None:
            family = "IPv4" if key == "ipv4" else "IPv6"
            report_problem(
                ctx,
                "VPC306",
                (*HOST, key),
                f"`{key}` {quote_short(value)}",
                problem,
                f"is not an {family} address",
                f'write an {family} address, such as "{example_address(key)}"',
            )
    if "hostname" in host:
        check_hostname(ctx, host["hostname"])


HOSTNAME_FIX = 'write the name the tunnel resolves, such as "db.internal"'


def example_address(key: str) -> str:
    return "10.0.0.1" if key == "ipv4" else "2001:db8::1"


def check_hostname(ctx: PayloadContext, value: Any) -> None:
    path = (*HOST, "hostname")
    if not isinstance(value, str):
        ctx.report(
            "VPC307",
            path,
            f"`hostname` must be a string, not {json_type(value)}",
            fix='write a string such as "db.internal"',
        )
        return
    problem = hostname_problem(value, ctx.service_type, ctx.payload)
    if problem is None:
        return
    subject = f"`hostname` {quote_short(value)}"
    fix = hostname_fix(value, ctx.service_type, ctx.payload)
    if fix is None:
        report_problem(ctx, "VPC307", path, subject, problem, "is not a host name", HOSTNAME_FIX)
        return
    diagnosis, advice = split_advice(problem)
    message = f"{subject}: {diagnosis}" if diagnosis else f"{subject} is not a host name"
    bare, port_key, port = fix
    edits = [ctx.doc.replace(ctx.at(path), quote(bare))]
    if port_key is not None:
        edits.append(insert_json_member_before(ctx.doc, ctx.at(HOST), port_key, str(port)))
    ctx.report("VPC307", path, message, applicability=UNSAFE, edits=tuple(edits), fix=advice)


def report_problem(
    ctx: PayloadContext,
    code: str,
    path: Path,
    subject: str,
    problem: str,
    otherwise: str,
    default_fix: str | None = None,
) -> None:
    """A value's problem text split into the message (``subject`` and what is wrong, else
    ``subject otherwise``) and the fix (``default_fix`` when the text gives none)."""
    diagnosis, advice = split_advice(problem)
    message = f"{subject}: {diagnosis}" if diagnosis else f"{subject} {otherwise}"
    ctx.report(code, path, message, fix=advice or default_fix)


def check_network(ctx: PayloadContext, path: Path, level: str) -> None:
    network = ctx.get(path)
    if not isinstance(network, dict):
        example = network if is_uuid(network) else "<tunnel UUID>"
        ctx.report(
            "VPC308",
            path,
            f"`{level}` must be an object, not {json_type(network)}",
            fix=f'write `"{level}": {{"tunnel_id": {quote(example)}}}`',
        )
        return
    if "tunnel_id" not in network:
        ctx.missing(
            "VPC308",
            (path, level),
            "tunnel_id",
            f"`{level}` needs `tunnel_id`, the UUID of the Cloudflare Tunnel",
            f'add `"tunnel_id": "<tunnel UUID>"` ({TUNNEL_SOURCE})',
            elsewhere=((*HOST, "tunnel_id"), ("tunnel_id",)),
        )
    else:
        check_tunnel_id(ctx, (*path, "tunnel_id"), network["tunnel_id"])
    if level == "resolver_network" and "resolver_ips" in network:
        check_resolver_ips(ctx, (*path, "resolver_ips"), network["resolver_ips"])


def check_tunnel_id(ctx: PayloadContext, path: Path, value: Any) -> None:
    problem = uuid_problem(
        value, "`tunnel_id`", f"the id of your Cloudflare Tunnel ({TUNNEL_SOURCE})"
    )
    if problem is not None:  # with an inventory, VPC216 may explain it better (a name)
        diagnosis, advice = split_advice(problem)
        message = diagnosis or "`tunnel_id` is not written as a UUID"
        ctx.report("VPC308", path, message, unless=(("VPC216", path),), fix=advice)
    elif value.lower() == NIL_UUID:
        ctx.report(
            "VPC308",
            path,
            "`tunnel_id` is the nil UUID, which is no tunnel: the API rejects it "
            '("Tunnel ID Not Found")',
            severity="warning",
            fix=f"use the id of your Cloudflare Tunnel ({TUNNEL_SOURCE})",
        )


def check_resolver_ips(ctx: PayloadContext, path: Path, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, list):
        message = (
            f"`resolver_ips` must be an array of IP addresses, or null, not {json_type(value)}"
        )
        if isinstance(value, str) and is_ip(value.strip()):
            fix = f"write [{quote(value.strip())}]"
        else:
            fix = 'write an array such as ["10.0.0.53"]'
        ctx.report("VPC306", path, message, fix=fix)
        return
    if not value:
        ctx.report(
            "VPC316",
            path,
            "`resolver_ips` is empty, which lists no resolver",
            applicability=SAFE,
            fix="remove the key to use the resolver of the tunnel's host, or list resolver "
            "addresses",
            edits=remove_json_member(ctx.doc, ctx.at(path)),
        )
    for index, item in enumerate(value):
        if not isinstance(item, str):
            message = f"a resolver must be an IP address string, not {json_type(item)}"
            ctx.report("VPC306", (*path, index), message, fix='write a string such as "10.0.0.53"')
            continue
        problem = ip_problem(item)
        if problem is not None:
            subject = f"resolver {quote_short(item)}"
            report_problem(
                ctx,
                "VPC306",
                (*path, index),
                subject,
                problem,
                "is not an IP address",
                'write the resolver\'s IP address, such as "10.0.0.53"',
            )

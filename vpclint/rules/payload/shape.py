"""VPC301, VPC302: the shape of a payload file (objects, `name`, `type`, `host`), and the
one per-file check that runs every payload module's checks in order."""

from __future__ import annotations

from collections.abc import Iterator

from vpclint.diagnostics import SAFE, Diagnostic
from vpclint.rules.payload.common import (
    HOST,
    PayloadContext,
    T,
    ip_host,
    payload_entries,
    payload_rule,
)
from vpclint.rules.payload.host import check_host
from vpclint.rules.payload.keys import check_read_only, check_unknown_keys
from vpclint.rules.payload.ports import check_app_protocol, check_ports, check_single_scheme
from vpclint.rules.payload.tls import check_tls
from vpclint.rules.payload.values import (
    SERVICE_TYPES,
    is_ip,
    join_words,
    json_type,
    quote,
)
from vpclint.rules.registry import check
from vpclint.source.model import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from vpclint.document import Document


payload_rule(
    "VPC301",
    "payload-shape",
    "error",
    summary="A payload is not an object, or its `name`, `type` or `host` is missing, "
    "of the wrong JSON type, or (`name`) empty.",
    what=(
        "Checks the frame of a VPC Service payload: the file holds one JSON object or an "
        "array of them; each has a non-empty string `name`, a string `type` and an object "
        "`host`. A missing key is reported at the `{` of its payload, or at the key you "
        "probably meant (`Name`, `service_name`); a wrong value at the value."
    ),
    why=(
        "The API requires all three fields and answers 400 without them; an empty name is "
        "allowed by the published schema but useless in the dashboard and in `wrangler vpc "
        "service list`."
    ),
    example=f'{{\n  "type": "http",\n  "host": {{"ipv4": "10.0.0.1", "network": {{"tunnel_id": "{T}"}}}}\n}}\n',
    use_instead=ip_host(),
)

payload_rule(
    "VPC302",
    "invalid-service-type",
    "error",
    summary='`type` is not exactly "http" or "tcp".',
    what=(
        'Reports a `type` string other than "http" and "tcp" (lowercase), and says which one '
        'is meant: "HTTP" is "http", "https" is "http" (it covers both schemes), "postgres" '
        'is "tcp" with `app_protocol`. Fix (safe): `--fix` writes "HTTP"/"TCP" (any case) '
        "in lowercase; the other values are left to you."
    ),
    why=(
        "`type` decides which other fields the API reads (`http_port`/`https_port` or "
        "`tcp_port`/`app_protocol`); any other value is rejected."
    ),
    example=ip_host().replace('"http"', '"HTTPS"'),
    use_instead=ip_host(),
)


# Every payload code but VPC317, which compares the payloads of a whole run.
PER_FILE_CODES = (
    "VPC301", "VPC302", "VPC303", "VPC304", "VPC305", "VPC306", "VPC307", "VPC308",
    "VPC309", "VPC310", "VPC311", "VPC312", "VPC313", "VPC314", "VPC315", "VPC316", "VPC318",
)  # fmt: skip


@check("payload", *PER_FILE_CODES)
def check_payload_file(doc: Document) -> Iterator[Diagnostic]:
    if isinstance(doc.value, list) and not doc.value:
        yield doc.diagnostic(
            "VPC301",
            (),
            "the file holds an empty array, and no payload",
            at="head",
            fix="write one payload object, or an array of payload objects",
        )
        return
    for prefix, payload in payload_entries(doc):
        if not isinstance(payload, dict):
            yield doc.diagnostic(
                "VPC301",
                prefix,
                not_an_object_message(prefix, payload),
                fix='write an object with `"name"`, `"type"` and `"host"`',
            )
            continue
        yield from run(PayloadContext(doc, prefix, payload))


def run(ctx: PayloadContext) -> list[Diagnostic]:
    """Every check of one payload, in order: a later check sees what an earlier one claimed."""
    check_required_keys(ctx)
    check_name(ctx)
    ctx.service_type = check_type(ctx)
    check_read_only(ctx)
    host = check_host_value(ctx)
    if isinstance(host, dict):
        check_host(ctx, host)
    check_ports(ctx)
    check_app_protocol(ctx)
    check_single_scheme(ctx)
    check_tls(ctx)
    check_unknown_keys(ctx)
    return ctx.findings


def not_an_object_message(prefix: Path, value: Any) -> str:
    what = "each element of a payload array" if prefix else "a VPC Service payload"
    return f"{what} must be a JSON object (`{{...}}`), not {json_type(value)}"


def check_required_keys(ctx: PayloadContext) -> None:
    """VPC301 for a missing `name`, `type` or `host`: each at its misspelling, the rest
    together at the `{` of the payload."""
    absent, advice = [], []
    for key in ("name", "type", "host"):
        if key in ctx.payload:
            continue
        typo = ctx.typo_for((), "payload", key)
        if typo is not None:
            ctx.claimed.add(typo)
            ctx.report_misspelt("VPC301", typo, key, f"the payload has no `{key}`")
            continue
        absent.append(f"`{key}`")
        advice.append(required_key_advice(ctx, key))
    if absent:
        ctx.report(
            "VPC301",
            (),
            f"the payload has no {join_words(absent)}",
            at="head",
            fix="; ".join(advice),
        )


def required_key_advice(ctx: PayloadContext, key: str) -> str:
    if key == "name":
        return 'add `"name": "my-service"` (unique in the account)'
    if key == "type":
        return 'add `"type": "http"` or `"type": "tcp"`'
    stray = [k for k in ("ipv4", "ipv6", "hostname") if k in ctx.payload]
    if not stray:
        return (
            'add `"host": {"ipv4": "10.0.0.1", "network": {"tunnel_id": "<tunnel UUID>"}}` '
            "or a `hostname` with a `resolver_network`"
        )
    moved = [k for k in (*stray, "network", "resolver_network", "tunnel_id") if k in ctx.payload]
    for key in moved:
        ctx.claimed.add((key,))
    return f'move {join_words([f"`{k}`" for k in moved])} into `"host": {{...}}`'


NAME_FIX = 'write a name such as "web-server" (unique in the account)'


def check_name(ctx: PayloadContext) -> None:
    if "name" not in ctx.payload:
        return
    name = ctx.payload["name"]
    if not isinstance(name, str):
        ctx.report(
            "VPC301",
            ("name",),
            f"`name` must be a string, not {json_type(name)}",
            fix=NAME_FIX,
        )
    elif not name.strip():
        ctx.report("VPC301", ("name",), "`name` is empty", fix=NAME_FIX)


def check_type(ctx: PayloadContext) -> str | None:
    """The service type when it is valid (`http` or `tcp`), else None."""
    if "type" not in ctx.payload:
        return None
    value = ctx.payload["type"]
    if not isinstance(value, str):
        ctx.report(
            "VPC301",
            ("type",),
            f"`type` must be a string, not {json_type(value)}",
            fix='write `"type": "http"` or `"type": "tcp"`',
        )
        return None
    if value in SERVICE_TYPES:
        return value
    if value.lower() in SERVICE_TYPES:  # safe: the API means this type
        edit = ctx.doc.replace(ctx.at(("type",)), quote(value.lower()))
        ctx.report(
            "VPC302",
            ("type",),
            f"`type` {quote(value)} must be written in lowercase",
            applicability=SAFE,
            edits=(edit,),
            fix=f"write {quote(value.lower())}",
        )
    else:
        message, fix = type_message(value)
        ctx.report("VPC302", ("type",), message, fix=fix)
    return None


def type_message(value: str) -> tuple[str, str]:
    """The message and fix for a `type` that is neither "http" nor "tcp"."""
    message = f"`type` {quote(value)} is not a service type"
    if value.lower() in ("https", "http2", "web", "grpc", "websocket"):
        return f"{message}: an http service serves HTTPS too", 'write "http"'
    if value.lower() in ("postgres", "postgresql", "mysql", "tls", "ssh", "redis", "tcp/ip"):
        return f"{message}: this protocol runs on a tcp service", (
            'write "tcp" (with `app_protocol` "postgresql" or "mysql" for those databases)'
        )
    return message, 'write "http" or "tcp"'


def check_host_value(ctx: PayloadContext) -> Any:
    host = ctx.payload.get("host")
    if "host" in ctx.payload and not isinstance(host, dict):
        message = f"`host` must be an object, not {json_type(host)}"
        ctx.report("VPC301", HOST, message, fix=host_not_object_fix(host))
    return host


def host_not_object_fix(host: Any) -> str:
    if isinstance(host, str) and is_ip(host.strip()):
        family = "ipv4" if "." in host and ":" not in host else "ipv6"
        return (
            f'write `"host": {{"{family}": {quote(host.strip())}, '
            '"network": {"tunnel_id": "<tunnel UUID>"}}`'
        )
    if isinstance(host, str):
        return (
            f'write `"host": {{"hostname": {quote(host.strip())}, '
            '"resolver_network": {"tunnel_id": "<tunnel UUID>"}}`'
        )
    return "write an object with `ipv4`/`ipv6` and `network`, or `hostname` and `resolver_network`"

"""VPC309-VPC312, VPC318: ports, `app_protocol` and the HTTP schemes."""

from __future__ import annotations

from vpclint.rules.payload.common import (
    EXAMPLE_PORTS,
    HOST,
    PayloadContext,
    ip_host,
    payload_rule,
    split_advice,
)
from vpclint.rules.payload.values import (
    APP_PROTOCOLS,
    HTTP_PORT_KEYS,
    PORT_KEYS,
    is_port,
    movable_port,
    port_problem,
    quote,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


payload_rule(
    "VPC309",
    "invalid-port",
    "error",
    summary="`http_port`, `https_port` or `tcp_port` is not an integer from 1 to 65535.",
    what=(
        'Reports a port that is a string (`"443"`), a boolean, a fraction or `443.0`, '
        "below 1 or above 65535. `null` means unset and is fine."
    ),
    why=(
        "The API's ports are integers of at least 1; above 65535 there are no TCP ports, so "
        "the service could never connect."
    ),
    example=ip_host('  "http_port": 8080,\n  "https_port": "8443",'),
    use_instead=ip_host('  "http_port": 8080,\n  "https_port": 8443,'),
)

payload_rule(
    "VPC310",
    "port-type-mismatch",
    "error",
    summary="`http_port`/`https_port` on a tcp service, or `tcp_port`/`app_protocol` on an "
    "http service.",
    what=(
        "Reports the port fields of the other service type (a `null` value is tolerated). "
        "On a tcp service without `tcp_port`, an `http_port` is reported once, with the "
        "advice to rename it."
    ),
    why=(
        "Each `type` has its own fields; the API does not read the others, so the port you "
        "meant is silently not used (wrangler refuses these flag combinations)."
    ),
    example=ip_host('  "tcp_port": 5432,'),
    use_instead=ip_host()
    .replace('"http"', '"tcp"')
    .replace('  "type": "tcp",', '  "type": "tcp",\n  "tcp_port": 5432,'),
)

payload_rule(
    "VPC311",
    "tcp-port-missing",
    "error",
    summary="A tcp service has no `tcp_port`.",
    what=(
        'Reports a `type: "tcp"` payload without a `tcp_port` (or with `null`). When the '
        "port is written into `hostname` (`db.internal:5432`), VPC307 reports that instead."
    ),
    why=(
        "A TCP service has no default port: the docs and wrangler require one, although the "
        "published schema marks it optional."
    ),
    example=ip_host()
    .replace('"http"', '"tcp"')
    .replace('  "type": "tcp",', '  "type": "tcp",\n  "app_protocol": "postgresql",'),
    use_instead=ip_host()
    .replace('"http"', '"tcp"')
    .replace(
        '  "type": "tcp",', '  "type": "tcp",\n  "tcp_port": 5432,\n  "app_protocol": "postgresql",'
    ),
)

payload_rule(
    "VPC312",
    "invalid-app-protocol",
    "error",
    summary='`app_protocol` is not "postgresql", "mysql" or null.',
    what=(
        'Reports any other `app_protocol` on a tcp service, with the value meant ("postgres" '
        'is "postgresql"). For a protocol other than PostgreSQL and MySQL, omit the key.'
    ),
    why=(
        "`app_protocol` tells other products (such as Hyperdrive) what speaks over the "
        "connection; the API knows only these two values."
    ),
    example=ip_host()
    .replace('"http"', '"tcp"')
    .replace(
        '  "type": "tcp",', '  "type": "tcp",\n  "tcp_port": 6379,\n  "app_protocol": "redis",'
    ),
    use_instead=ip_host()
    .replace('"http"', '"tcp"')
    .replace('  "type": "tcp",', '  "type": "tcp",\n  "tcp_port": 6379,'),
)

payload_rule(
    "VPC318",
    "single-scheme",
    "info",
    summary="Only one of `http_port`/`https_port` is given (the service accepts that "
    "scheme only); both equal is a warning.",
    what=(
        "On an http service, reports a lone `http_port` or `https_port` (info), and "
        "`http_port` equal to `https_port` (warning). Runs when selected, like every info "
        "rule."
    ),
    why=(
        "With one port given, the service accepts only that scheme, which is easy to do by "
        "accident; one port cannot serve both plain HTTP and HTTPS."
    ),
    example=ip_host('  "http_port": 8080,\n  "https_port": 8080,'),
    use_instead=ip_host('  "http_port": 8080,\n  "https_port": 8443,'),
)


PORT_FIX = "write a port number from 1 to 65535"


def check_ports(ctx: PayloadContext) -> None:
    misnamed_tcp_port = check_port_types(ctx)
    for key in PORT_KEYS:
        if key not in ctx.payload or (key,) in ctx.claimed:
            continue
        value = ctx.payload[key]
        if value is None:
            continue
        problem = port_problem(value)
        if problem is not None:
            diagnosis, advice = split_advice(problem)
            ctx.report("VPC309", (key,), f"`{key}` {diagnosis}", fix=advice or PORT_FIX)
    if ctx.service_type == "tcp" and not misnamed_tcp_port:
        check_tcp_port_present(ctx)


def check_port_types(ctx: PayloadContext) -> bool:
    """VPC310 for ports of the other service type; True if an HTTP port stands in
    for the missing `tcp_port` of a tcp service."""
    misnamed_tcp_port = False
    for key in PORT_KEYS:
        if ctx.payload.get(key) is None or not wrong_type_for(ctx, key):
            continue
        ctx.claimed.add((key,))
        if ctx.service_type == "tcp" and "tcp_port" not in ctx.payload:
            misnamed_tcp_port = True
            message = f"a tcp service takes `tcp_port`, not `{key}`"
            fix = f"rename `{key}` to `tcp_port`"
        elif ctx.service_type == "tcp":
            message = f"`{key}` is for http services; this tcp service uses `tcp_port`"
            fix = f'remove `{key}` (or make it `"type": "http"`)'
        else:
            message = (
                "`tcp_port` is for tcp services; an http service uses `http_port` and `https_port`"
            )
            fix = 'rename it to one of those (or make it `"type": "tcp"`)'
        ctx.report("VPC310", (key,), message, at="key", fix=fix)
    return misnamed_tcp_port


def wrong_type_for(ctx: PayloadContext, key: str) -> bool:
    if ctx.service_type == "tcp":
        return key in HTTP_PORT_KEYS
    if ctx.service_type == "http":
        return key == "tcp_port"
    return False


def check_tcp_port_present(ctx: PayloadContext) -> None:
    hostname = ctx.get((*HOST, "hostname"))
    if isinstance(hostname, str) and movable_port(hostname) is not None:
        return  # VPC307 already says to move the port from the hostname to `tcp_port`
    protocol = ctx.payload.get("app_protocol")
    example = EXAMPLE_PORTS.get(protocol, 5432) if isinstance(protocol, str) else 5432
    if "tcp_port" not in ctx.payload:
        ctx.missing(
            "VPC311",
            ((), "payload"),
            "tcp_port",
            "a tcp service needs `tcp_port`, the origin's port",
            f'add `"tcp_port": {example}`',
            elsewhere=(("port",),),
        )
    elif ctx.payload["tcp_port"] is None:
        ctx.report(
            "VPC311",
            ("tcp_port",),
            "a tcp service needs a `tcp_port`, not null",
            fix=f"write the origin's port, such as {example}",
        )


def check_app_protocol(ctx: PayloadContext) -> None:
    if "app_protocol" not in ctx.payload:
        return
    value = ctx.payload["app_protocol"]
    if value is None:
        return
    if ctx.service_type == "http":
        ctx.report(
            "VPC310",
            ("app_protocol",),
            "`app_protocol` describes tcp services (postgresql, mysql)",
            at="key",
            fix='remove it, or make it `"type": "tcp"` with a `tcp_port`',
        )
        return
    if value in APP_PROTOCOLS:
        return
    message, fix = app_protocol_message(value)
    ctx.report("VPC312", ("app_protocol",), message, fix=fix)


def app_protocol_message(value: Any) -> tuple[str, str]:
    """The message and fix for an `app_protocol` that is not one of the API's."""
    if isinstance(value, str) and value.lower() in APP_PROTOCOLS:
        return "`app_protocol` must be written in lowercase", f"write {quote(value.lower())}"
    message = f"`app_protocol` {quote(value)} is not a protocol the API knows"
    if isinstance(value, str) and value.lower() in ("postgres", "pg", "psql"):
        return message, 'write "postgresql"'
    if isinstance(value, str) and value.lower() == "mariadb":
        return message, 'write "mysql" (MariaDB speaks the MySQL protocol)'
    return message, 'write "postgresql" or "mysql", or omit it for any other protocol'


def check_single_scheme(ctx: PayloadContext) -> None:
    # A payload missing `name`, `type` or `host` gets no advice about its optional
    # fields: VPC301 says what makes it unusable (one root cause, one finding).
    if ctx.service_type != "http" or any(f.code == "VPC301" for f in ctx.findings):
        return
    given = [key for key in HTTP_PORT_KEYS if is_port(ctx.payload.get(key))]
    unset = [key for key in HTTP_PORT_KEYS if ctx.payload.get(key) is None]
    if len(given) == 1 and len(unset) == 1:
        only, other = given[0], unset[0]
        scheme = "HTTPS" if only == "https_port" else "plain HTTP"
        ctx.report(
            "VPC318",
            (only,),
            f"only `{only}` is set, so the service accepts {scheme} only",
            at="key",
            fix=f"add `{other}` to accept both schemes, or omit both for the defaults 80 and 443",
        )
    elif len(given) == 2 and ctx.payload["http_port"] == ctx.payload["https_port"]:
        port = ctx.payload["https_port"]
        ctx.report(
            "VPC318",
            ("https_port",),
            f"`http_port` and `https_port` are both {port}: one port cannot serve plain "
            "HTTP and HTTPS",
            severity="warning",
            fix="give them different ports, or keep only one",
        )

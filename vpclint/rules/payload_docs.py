"""Metadata and documentation of the VPC Service payload rules VPC301-VPC318."""

from __future__ import annotations

from vpclint.rules.registry import Rule, register

T = "0191dce4-9ab4-7fce-b660-8e5dec5172da"


def payload_rule(code: str, name: str, severity: str, **docs: str) -> None:
    register(
        Rule(
            code=code,
            name=name,
            severity=severity,
            kinds=("payload",),
            example_lang="json",
            **docs,
        )
    )


def ip_host(*extra: str, host: str | None = None) -> str:
    """A small pretty-printed payload for the examples."""
    lines = ["{", '  "name": "web-server",', '  "type": "http",', *extra]
    lines.append(host or f'  "host": {{"ipv4": "10.0.0.1", "network": {{"tunnel_id": "{T}"}}}}')
    return "\n".join(lines) + "\n}\n"


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
        'is "tcp" with `app_protocol`.'
    ),
    why=(
        "`type` decides which other fields the API reads (`http_port`/`https_port` or "
        "`tcp_port`/`app_protocol`); any other value is rejected."
    ),
    example=ip_host().replace('"http"', '"HTTPS"'),
    use_instead=ip_host(),
)

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
        "bare name to write; a port goes to `tcp_port` (or `http_port`/`https_port`)."
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
    "VPC313",
    "invalid-tls-settings",
    "error",
    summary="`tls_settings` is not null or an object with a valid `cert_verification_mode`, "
    "or its certificate ids are wrong.",
    what=(
        "Checks `tls_settings`: null or an object; `cert_verification_mode` present and one "
        'of "verify_full", "verify_ca", "disabled"; `certificate_authority` and '
        '`client_certificate` UUIDs; no `certificate_authority` with "disabled".'
    ),
    why=(
        "The API requires the mode whenever `tls_settings` is given, and wrangler refuses a "
        "custom CA when verification is disabled (it would never be used)."
    ),
    example=ip_host('  "tls_settings": {"cert_verification_mode": "strict"},'),
    use_instead=ip_host('  "tls_settings": {"cert_verification_mode": "verify_full"},'),
)

payload_rule(
    "VPC314",
    "read-only-field",
    "warning",
    summary="`service_id`, `created_at`, `updated_at` or `account_id` in a create payload.",
    what=(
        "Reports fields of the API's response (or, for `account_id`, of the URL) written "
        "into a request body, typically after copying the output of a GET."
    ),
    why=(
        "The API ignores them, so the payload does not say what it seems to: a new service "
        "gets a new `service_id`."
    ),
    example=ip_host('  "service_id": "550e8400-e29b-41d4-a716-446655440000",'),
    use_instead=ip_host(),
)

payload_rule(
    "VPC315",
    "unknown-payload-field",
    "warning",
    summary="A key the API does not know, at any level of a payload.",
    what=(
        "Reports unknown keys in the payload, `host`, `host.network`, "
        "`host.resolver_network` and `tls_settings`, with the key you probably meant "
        "(`http-port` is `http_port`) or where the key belongs (`tunnel_id` goes inside "
        "`network`, `resolver_ips` inside `resolver_network`). When a misspelt key stands "
        "for a required one, the error of the missing key is reported there instead."
    ),
    why="The API ignores unknown keys, so the setting you meant is silently lost.",
    example=ip_host('  "http_port": 8080,\n  "https-port": 8443,'),
    use_instead=ip_host('  "http_port": 8080,\n  "https_port": 8443,'),
)

payload_rule(
    "VPC316",
    "empty-resolver-ips",
    "warning",
    summary="`resolver_ips` is an empty array.",
    what='Reports `"resolver_ips": []` in a `resolver_network`.',
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

payload_rule(
    "VPC317",
    "duplicate-service-name",
    "error",
    summary="Two payloads of one run share a `name`.",
    what=(
        "Compares the `name` of every payload linted together (all files of the run, and "
        "every element of an array file). The later one is reported; the first is named in "
        "the message, with its file when it is another one."
    ),
    why=('Names are unique per account: the API refuses the second create with "already exists".'),
    example=(
        '[\n  {"name": "api", "type": "http", "host": {"ipv4": "10.0.0.1", "network": '
        f'{{"tunnel_id": "{T}"}}}}}},\n  {{"name": "api", "type": "http", "host": {{"ipv4": '
        f'"10.0.0.2", "network": {{"tunnel_id": "{T}"}}}}}}\n]\n'
    ),
    use_instead=(
        '[\n  {"name": "api-a", "type": "http", "host": {"ipv4": "10.0.0.1", "network": '
        f'{{"tunnel_id": "{T}"}}}}}},\n  {{"name": "api-b", "type": "http", "host": {{"ipv4": '
        f'"10.0.0.2", "network": {{"tunnel_id": "{T}"}}}}}}\n]\n'
    ),
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

"""Key names in VPC Service payloads: what each level knows, likely misspellings, hints.

A *level* is one kind of object in a payload: ``payload`` (the top level), ``host``,
``network``, ``resolver_network`` or ``tls_settings``.
"""

from __future__ import annotations

import difflib
import re

from vpclint.rules.payload.values import (
    HOST_KEYS,
    NETWORK_KEYS,
    READ_ONLY_KEYS,
    RESOLVER_NETWORK_KEYS,
    TLS_KEYS,
    TOP_LEVEL_KEYS,
)

KNOWN_KEYS: dict[str, tuple[str, ...]] = {
    "payload": TOP_LEVEL_KEYS + READ_ONLY_KEYS,
    "host": HOST_KEYS,
    "network": NETWORK_KEYS,
    "resolver_network": RESOLVER_NETWORK_KEYS,
    "tls_settings": TLS_KEYS,
}

LEVEL_NAMES = {
    "payload": "the payload",
    "host": "`host`",
    "network": "`host.network`",
    "resolver_network": "`host.resolver_network`",
    "tls_settings": "`tls_settings`",
}

# Other names people use for a key (after normalisation to snake_case).
ALIASES: dict[str, dict[str, str]] = {
    "payload": {"tls": "tls_settings", "tls_setting": "tls_settings", "service_name": "name"},
    "host": {
        "ip": "ipv4",
        "ip_address": "ipv4",
        "ipv4_address": "ipv4",
        "ipv6_address": "ipv6",
        "address": "ipv4",
        "host": "hostname",
        "fqdn": "hostname",
        "domain": "hostname",
        "dns_name": "hostname",
    },
    "network": {"tunnel": "tunnel_id", "id": "tunnel_id", "tunnel_uuid": "tunnel_id"},
    "resolver_network": {
        "tunnel": "tunnel_id",
        "id": "tunnel_id",
        "tunnel_uuid": "tunnel_id",
        "resolvers": "resolver_ips",
        "resolver": "resolver_ips",
        "dns_servers": "resolver_ips",
        "nameservers": "resolver_ips",
        "resolver_ip": "resolver_ips",
    },
    "tls_settings": {
        "mode": "cert_verification_mode",
        "verification_mode": "cert_verification_mode",
        "verify_mode": "cert_verification_mode",
        "verification": "cert_verification_mode",
        "ca": "certificate_authority",
        "ca_id": "certificate_authority",
        "client_cert": "client_certificate",
        "mtls_certificate": "client_certificate",
    },
}

_CAMEL_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def normalize(key: str) -> str:
    """``tunnelID``, ``Tunnel-Id`` and ``tunnel id`` all become ``tunnel_id``."""
    snake = _CAMEL_HUMP.sub("_", key.strip())
    return re.sub(r"[-\s.]+", "_", snake).lower()


def nearest_key(key: str, level: str) -> str | None:
    """The known key of ``level`` that ``key`` most likely means, or None."""
    known = KNOWN_KEYS[level]
    normal = normalize(key)
    squashed = normal.replace("_", "")
    for candidate in known:
        if normal == candidate or squashed == candidate.replace("_", ""):
            return candidate
    alias = ALIASES.get(level, {}).get(normal)
    if alias is not None:
        return alias
    close = difflib.get_close_matches(normal, known, n=1, cutoff=0.75)
    return close[0] if close else None


def misplaced_hint(key: str, level: str, service_type: object) -> str | None:
    """Advice for a key that belongs somewhere else, or None."""
    normal = normalize(key)
    if level == "payload":
        return _top_level_hint(normal, service_type)
    if level == "host":
        return _host_hint(normal)
    if level == "network" and normal == "resolver_ips":
        return (
            "only the `resolver_network` of a hostname host takes `resolver_ips`; an IP "
            "host needs no resolver: remove it"
        )
    return None


def _top_level_hint(normal: str, service_type: object) -> str | None:
    if normal in HOST_KEYS:
        return f"`{normal}` belongs inside `host`"
    if normal == "tunnel_id":
        return (
            "`tunnel_id` belongs inside `host.network` (or `host.resolver_network` for a "
            "hostname host)"
        )
    if normal == "resolver_ips":
        return "`resolver_ips` belongs inside `host.resolver_network`"
    if normal in TLS_KEYS:
        return f"`{normal}` belongs inside `tls_settings`"
    if normal == "port":
        if service_type == "tcp":
            return "write `tcp_port`"
        if service_type == "http":
            return "write `http_port` or `https_port`"
        return "write `http_port`/`https_port` (http services) or `tcp_port` (tcp services)"
    if normal in ("protocol", "scheme"):
        return (
            '`type` says "http" or "tcp"; for a database behind a tcp service, '
            '`app_protocol` says "postgresql" or "mysql"'
        )
    if normal in ("network_id", "vpc_networks", "binding"):
        return f"`{normal}` belongs to a wrangler config's bindings, not to a VPC Service payload"
    return None


def _host_hint(normal: str) -> str | None:
    if normal == "tunnel_id":
        return (
            "`tunnel_id` belongs inside `network` (IP host) or `resolver_network` (hostname host)"
        )
    if normal == "resolver_ips":
        return "`resolver_ips` belongs inside `resolver_network`"
    if normal in ("port", "http_port", "https_port", "tcp_port"):
        return "ports are top-level keys of the payload (`http_port`, `https_port`, `tcp_port`)"
    return None

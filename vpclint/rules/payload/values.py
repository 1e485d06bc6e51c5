"""Pure value checks for VPC Service payloads: IP addresses, host names, UUIDs, ports.

Each ``*_problem`` function returns ``None`` for a good value, or a sentence saying
what is wrong and what to write instead. The verdicts agree with the patterns in
``schemas/vpc-service.schema.json`` (a test compares them on many generated strings):

- IPv4 is Node's ``net.isIPv4``: a dotted quad, each number 0-255, no leading zeros.
- IPv6 is Node's ``net.isIPv6``: what ``ipaddress`` accepts, plus an optional zone id
  of letters, digits, ``-``, ``.`` and ``:`` (``fe80::1%eth0``); no brackets, no prefix.
- A host name follows wrangler's ``validateHostname`` (research §2): 1-253 characters,
  no scheme, path, port or whitespace, not an IP literal. Label syntax is not checked,
  because wrangler does not check it either (underscores are fine).
"""

from __future__ import annotations

import ipaddress
import json
import re

TOP_LEVEL_KEYS = (
    "name",
    "type",
    "host",
    "http_port",
    "https_port",
    "tcp_port",
    "app_protocol",
    "tls_settings",
)
READ_ONLY_KEYS = ("service_id", "created_at", "updated_at", "account_id")
HOST_KEYS = ("ipv4", "ipv6", "hostname", "network", "resolver_network")
NETWORK_KEYS = ("tunnel_id",)
RESOLVER_NETWORK_KEYS = ("tunnel_id", "resolver_ips")
TLS_KEYS = ("cert_verification_mode", "certificate_authority", "client_certificate")

SERVICE_TYPES = ("http", "tcp")
APP_PROTOCOLS = ("postgresql", "mysql")
VERIFICATION_MODES = ("verify_full", "verify_ca", "disabled")
HTTP_PORT_KEYS = ("http_port", "https_port")
PORT_KEYS = ("http_port", "https_port", "tcp_port")
MAX_PORT = 65535
MAX_HOSTNAME_LENGTH = 253

EXAMPLE_TUNNEL_ID = "0191dce4-9ab4-7fce-b660-8e5dec5172da"
NIL_UUID = "00000000-0000-0000-0000-000000000000"

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_ZONE_ID = re.compile(r"[0-9a-zA-Z.:-]+")
_WHITESPACE = re.compile(r"\s")
# Each bracketed alternative stops at the next opening bracket, so a value of many `{{`
# (or `<`, `${`) is scanned once, not once per bracket (benchmarks/bench.py).
_PLACEHOLDER = re.compile(
    r"<[^<>]*>|\$\{[^{}]*\}|\{\{[^{}]*\}\}|replace|todo|change|your[-_ ]|^x{4,}|xxxx-|placeholder",
    re.IGNORECASE,
)


def quote(value: object) -> str:
    """A value as it is written in JSON: strings in double quotes."""
    return json.dumps(value, ensure_ascii=False)


def quote_short(text: str, limit: int = 60) -> str:
    """``quote(text)``, shortened with an ellipsis when it is long."""
    if len(text) <= limit:
        return quote(text)
    return quote(text[: limit - 1]) + "…"


def is_ipv4(text: str) -> bool:
    try:
        ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return True


def is_ipv6(text: str) -> bool:
    address, percent, zone = text.partition("%")
    if percent and _ZONE_ID.fullmatch(zone) is None:
        return False
    try:
        ipaddress.IPv6Address(address)
    except ValueError:
        return False
    return True


def is_ip(text: str) -> bool:
    return is_ipv4(text) or is_ipv6(text)


def is_uuid(value: object) -> bool:
    return isinstance(value, str) and _UUID.fullmatch(value) is not None


def is_port(value: object) -> bool:
    """A JSON integer (not a boolean, not ``443.0``) from 1 to 65535."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_PORT


def json_type(value: object) -> str:
    """The JSON name of a value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _without_prefix_length(text: str) -> str | None:
    address, slash, prefix = text.partition("/")
    return address if slash and prefix.isdigit() else None


def ipv4_problem(text: str) -> str | None:
    """Why ``text`` is not a valid ``ipv4`` value, with the fix; None when it is."""
    if is_ipv4(text):
        return None
    stripped = text.strip()
    if stripped != text and is_ipv4(stripped):
        return f"remove the surrounding whitespace: {quote(stripped)}"
    if is_ipv6(text):
        return "this is an IPv6 address: put it in `ipv6` instead"
    address = _without_prefix_length(text)
    if address is not None and is_ipv4(address):
        return "`ipv4` is one address, not a network: write the host's address, without a prefix"
    address, colon, port = text.rpartition(":")
    if colon and port.isdigit() and is_ipv4(address):
        return (
            f"remove the port: write {quote(address)} and give the port as "
            "`http_port`/`https_port` or `tcp_port`"
        )
    parts = text.split(".")
    if len(parts) == 4 and all(part.isascii() and part.isdigit() for part in parts):
        if any(int(part) > 255 for part in parts):
            return "each of the four numbers must be from 0 to 255"
        canonical = ".".join(str(int(part)) for part in parts)
        return f"write it without leading zeros: {quote(canonical)}"
    if any(character.isalpha() for character in text):
        return (
            'an address is four numbers such as "10.0.0.1"; for a name, use `hostname` '
            "with `resolver_network` instead of `ipv4` with `network`"
        )
    return 'write four numbers from 0 to 255 separated by dots, such as "10.0.0.1"'


def ipv6_problem(text: str) -> str | None:
    """Why ``text`` is not a valid ``ipv6`` value, with the fix; None when it is."""
    if is_ipv6(text):
        return None
    stripped = text.strip()
    if stripped != text and is_ipv6(stripped):
        return f"remove the surrounding whitespace: {quote(stripped)}"
    if is_ipv4(text):
        return "this is an IPv4 address: put it in `ipv4` instead"
    if text.startswith("[") and text.endswith("]") and is_ipv6(text[1:-1]):
        return f"write it without brackets: {quote(text[1:-1])}"
    address = _without_prefix_length(text)
    if address is not None and is_ipv6(address):
        return "`ipv6` is one address, not a network: write the host's address, without a prefix"
    return 'write an IPv6 address such as "2001:db8::1"'


def ip_problem(text: str) -> str | None:
    """Why ``text`` is not an IPv4 or IPv6 address (a resolver); None when it is one."""
    if is_ip(text):
        return None
    stripped = text.strip()
    if stripped != text and is_ip(stripped):
        return f"remove the surrounding whitespace: {quote(stripped)}"
    if text.startswith("[") and text.endswith("]") and is_ipv6(text[1:-1]):
        return f"write it without brackets: {quote(text[1:-1])}"
    if "," in text and all(is_ip(part.strip()) for part in text.split(",")):
        parts = ", ".join(quote(part.strip()) for part in text.split(","))
        return f"list each resolver as its own string: [{parts}]"
    address, colon, port = text.rpartition(":")
    if colon and port.isdigit() and is_ipv4(address):
        return f"a resolver is an address without a port: {quote(address)}"
    if any(character.isalpha() for character in text) and ":" not in text:
        return (
            "a resolver must be an IP address, not a name: the tunnel needs its address "
            'to ask it, such as "10.0.0.53"'
        )
    return 'write an IPv4 or IPv6 address, such as "10.0.0.53"'


def _strip_brackets(text: str) -> str:
    """As wrangler does before its IPv6 test: drop a leading `[` and a trailing `]`."""
    if text.startswith("["):
        text = text[1:]
    if text.endswith("]"):
        text = text[:-1]
    return text


def hostname_is_ip(text: str) -> bool:
    trimmed = text.strip()
    return is_ipv4(trimmed) or is_ipv6(_strip_brackets(trimmed))


def _authority(text: str) -> str:
    """The `host[:port]` part of a hostname written as a URL: no scheme, path, user."""
    trimmed = text.strip()
    after_scheme = trimmed.split("://", 1)[1] if "://" in trimmed else trimmed
    return after_scheme.split("/", 1)[0].rsplit("@", 1)[-1]


def hostname_port(text: str) -> str | None:
    """The port written in a `host:port` (or `[v6]:port`, `scheme://host:port/path`)
    hostname, digits only, else None."""
    trimmed = text.strip()
    if hostname_is_ip(trimmed):
        return None
    authority = _authority(trimmed)
    if authority.startswith("["):
        _, colon, port = authority.partition("]:")
    elif authority.count(":") == 1:
        _, colon, port = authority.partition(":")
    else:
        return None
    return port if colon and port.isascii() and port.isdigit() else None


def movable_port(text: str) -> int | None:
    """The port of a `host:port` hostname when it is a valid port (1-65535), else None."""
    port = hostname_port(text)
    return int(port) if port is not None and 1 <= int(port) <= MAX_PORT else None


def _bare_hostname(text: str) -> str:
    """What the user probably meant: no scheme, path, port or surrounding whitespace."""
    bare = _authority(text)
    if bare.startswith("[") and "]" in bare:
        return bare[1 : bare.index("]")]
    if ":" in bare and not is_ipv6(_strip_brackets(bare)):
        bare = bare.split(":", 1)[0]
    return bare


def _port_advice(text: str, service_type: object, ports: dict) -> str:
    """What to do with the port written in the hostname. A value is suggested only when
    it is a valid port and no port field of the payload says otherwise."""
    port = hostname_port(text)
    value = movable_port(text)
    if value is None:
        return f"the port `:{port}` (not a valid port either: ports are 1 to 65535)"
    if service_type == "tcp":
        keys = ("tcp_port",)
    elif service_type == "http":
        keys = HTTP_PORT_KEYS
    else:
        return f"the port `:{port}`"
    written = {key: ports[key] for key in keys if ports.get(key) is not None}
    if not written:
        key = "https_port" if text.strip().lower().startswith("https://") else keys[0]
        return f'the port `:{port}` (write `"{key}": {value}` instead)'
    if value in written.values():
        return f"the port `:{port}` (the port fields already say {value})"
    said = join_words([f"`{key}` says {quote(found)}" for key, found in written.items()])
    return f"the port `:{port}` ({said}; keep one port)"


def hostname_problem(
    text: str, service_type: object = None, ports: dict | None = None
) -> str | None:
    """Why ``text`` is not a valid ``hostname``, with the fix; None when it is valid.

    ``service_type`` and the payload's port fields (``ports``) pick the advice for a
    port written into the name.
    """
    trimmed = text.strip()
    if not trimmed:
        return 'it is empty: write the name the tunnel resolves, such as "db.internal"'
    if hostname_is_ip(trimmed):
        return _ip_advice(trimmed)
    problems = []
    if "://" in trimmed:
        problems.append(f"the scheme `{trimmed.split('://', 1)[0]}://`")
    after_scheme = trimmed.split("://", 1)[1] if "://" in trimmed else trimmed
    if "/" in after_scheme:
        problems.append(f"the path `/{after_scheme.split('/', 1)[1]}`")
    if hostname_port(trimmed) is not None:
        problems.append(_port_advice(trimmed, service_type, ports or {}))
    elif ":" in _authority(trimmed) and not _authority(trimmed).startswith("["):
        problems.append("the `:` (a host name has none)")
    if _WHITESPACE.search(text):
        problems.append("the whitespace")
    if problems:
        bare = _bare_hostname(text)
        if bare and hostname_is_ip(bare):
            port = hostname_port(trimmed)
            moved = f"; remove {_port_advice(trimmed, service_type, ports or {})}" if port else ""
            return _ip_advice(bare) + moved
        usable = bare and not _WHITESPACE.search(bare)
        suggestion = f": {quote(bare)}" if usable else ""
        return f"a hostname is a bare name; remove {join_words(problems)}{suggestion}"
    if len(trimmed) > MAX_HOSTNAME_LENGTH:
        return f"it is {len(trimmed)} characters long; a DNS name has at most {MAX_HOSTNAME_LENGTH}"
    return None


DEFAULT_HTTP_PORTS = {"http_port": 80, "https_port": 443}


def hostname_fix(
    text: str, service_type: object, ports: dict
) -> tuple[str, str | None, int | None] | None:
    """The unsafe VPC307 fix of a hostname written as a URL or `host:port`: (the bare name,
    the port field to add or None, its port), or None when there is no sure rewrite.

    A port moves to `tcp_port` (tcp) or `http_port`/`https_port` (http, by the scheme)
    only when it is valid and no port field of the payload is written; when one already
    says the same port, or it is the default of the field (80, 443), the port is just
    dropped. A conflicting port, an unknown service type, an IP address or a name that
    would still be invalid get no fix."""
    trimmed = text.strip()
    if not trimmed or hostname_is_ip(trimmed):
        return None
    bare = _bare_hostname(text)
    if bare == text or not bare or hostname_problem(bare) is not None:
        return None
    if hostname_port(trimmed) is None:
        authority = _authority(trimmed)
        if ":" in authority and not authority.startswith("["):
            return None  # `name:` or `name:abc`: what follows the `:` is a guess
        return bare, None, None
    port = movable_port(trimmed)
    keys = {"tcp": ("tcp_port",), "http": HTTP_PORT_KEYS}.get(service_type)
    if port is None or keys is None:
        return None
    written = [ports[key] for key in keys if key in ports]
    if written:
        return (bare, None, None) if port in written else None
    https = service_type == "http" and trimmed.lower().startswith("https://")
    key = "https_port" if https else keys[0]
    if DEFAULT_HTTP_PORTS.get(key) == port:
        return bare, None, None
    return bare, key, port


def _ip_advice(address: str) -> str:
    family = "ipv4" if is_ipv4(address) else "ipv6"
    if family == "ipv6":
        address = _strip_brackets(address)
    return (
        f"an IP address is not a hostname: use `{quote(family)}: {quote(address)}` "
        "with `network` instead of `hostname` with `resolver_network`"
    )


def join_words(parts: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def uuid_problem(value: object, what: str, source: str) -> str | None:
    """Why ``value`` is not a canonical UUID, or None when it is one.

    ``what`` names the field (`` `tunnel_id` ``); ``source`` says where the real id
    comes from ("the id of your Cloudflare Tunnel").
    """
    if is_uuid(value):
        return None
    if not isinstance(value, str):
        return f"{what} must be a UUID string, not {json_type(value)}: use {source}"
    if not value.strip():
        return f"{what} is empty: use {source}"
    if _PLACEHOLDER.search(value):
        return f"{what} {quote_short(value)} is a placeholder: replace it with {source}"
    canonical = _canonical_uuid(value)
    if canonical is not None:
        return f"write {what} in the 8-4-4-4-12 form of a UUID: {quote(canonical)}"
    return (
        f"{what} {quote_short(value)} is not a UUID: use {source}, which looks like "
        f"{quote(EXAMPLE_TUNNEL_ID)}"
    )


def _canonical_uuid(text: str) -> str | None:
    """The 8-4-4-4-12 form of a UUID written with braces, a urn prefix or no hyphens."""
    bare = text.strip()
    if bare.lower().startswith("urn:uuid:"):
        bare = bare[len("urn:uuid:") :]
    bare = bare.strip("{}").replace("-", "")
    if len(bare) != 32 or re.fullmatch(r"[0-9a-fA-F]{32}", bare) is None:
        return None
    return f"{bare[:8]}-{bare[8:12]}-{bare[12:16]}-{bare[16:20]}-{bare[20:]}"


def port_problem(value: object) -> str | None:
    """Why ``value`` is not a port (null allowed by the caller); None when it is one."""
    if is_port(value):
        return None
    if isinstance(value, bool):
        return "must be a port number from 1 to 65535, not a boolean"
    if isinstance(value, str):
        digits = value.strip()
        if digits.isascii() and digits.isdigit() and 1 <= int(digits) <= MAX_PORT:
            return f"must be a number, not a string: write {int(digits)} without quotes"
        return f"must be a port number from 1 to 65535, not the string {quote(value)}"
    if isinstance(value, float):
        if value.is_integer() and 1 <= value <= MAX_PORT:
            return f"must be a whole number: write {int(value)}, not {value!r}"
        return f"must be a whole number from 1 to 65535, not {value!r}"
    if isinstance(value, int):
        if value < 1:
            return f"is {value}; a port is from 1 to 65535"
        return f"is {value}, above 65535, the highest TCP port"
    return f"must be a port number from 1 to 65535, not {json_type(value)}"

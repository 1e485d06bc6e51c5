"""The per-file checks of VPC Service payloads (VPC301-VPC316, VPC318).

One :class:`PayloadChecker` walks one payload object. It dispatches on `type` and on
the keys of `host` (never on a `oneOf`), reports every problem at the offending key or
value, and reports one root cause once: a key that an error already explains (a
misspelt or misplaced required key) is *claimed* and gets no unknown-key warning.

What these checks reject is exactly what ``schemas/vpc-service.schema.json`` rejects
(tests/test_payload_schema.py checks this on every test payload), with one exception
JSON Schema cannot express: ``443.0`` is a JSON Schema integer but not a port.
"""

from __future__ import annotations

from collections.abc import Iterator

from vpclint.diagnostics import Diagnostic
from vpclint.rules.payload_keys import KNOWN_KEYS, LEVEL_NAMES, misplaced_hint, nearest_key
from vpclint.rules.payload_values import (
    APP_PROTOCOLS,
    HTTP_PORT_KEYS,
    NIL_UUID,
    PORT_KEYS,
    READ_ONLY_KEYS,
    SERVICE_TYPES,
    VERIFICATION_MODES,
    hostname_problem,
    ip_problem,
    ipv4_problem,
    ipv6_problem,
    is_ip,
    is_port,
    is_uuid,
    join_words,
    json_type,
    movable_port,
    port_problem,
    quote,
    quote_short,
    uuid_problem,
)
from vpclint.rules.registry import check
from vpclint.source.model import Path

TYPE_CHECKING = False
if TYPE_CHECKING:  # vpclint.document imports the rule registry, which imports this module
    from typing import Any

    from vpclint.document import Anchor, Document

HOST = ("host",)
NETWORK = ("host", "network")
RESOLVER_NETWORK = ("host", "resolver_network")
TLS = ("tls_settings",)

NETWORK_EXAMPLE = '`"network": {"tunnel_id": "<tunnel UUID>"}`'
RESOLVER_NETWORK_EXAMPLE = '`"resolver_network": {"tunnel_id": "<tunnel UUID>"}`'
EXAMPLE_PORTS = {"postgresql": 5432, "mysql": 3306}
TUNNEL_SOURCE = "`cloudflared tunnel list` shows the ids"
MODE_LIST = '"verify_full" (the default), "verify_ca" or "disabled"'


def payload_entries(doc: Document) -> list[tuple[Path, Any]]:
    """Each payload of a file with its path: the root, or every element of a root array."""
    if isinstance(doc.value, list):
        return [((index,), element) for index, element in enumerate(doc.value)]
    return [((), doc.value)]


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
            "the file holds an empty array: a payload file is one payload object, or an "
            "array of payload objects",
            at="head",
        )
        return
    for prefix, payload in payload_entries(doc):
        if not isinstance(payload, dict):
            yield doc.diagnostic("VPC301", prefix, not_an_object_message(prefix, payload))
            continue
        yield from PayloadChecker(doc, prefix, payload).run()


def not_an_object_message(prefix: Path, value: Any) -> str:
    what = "each element of a payload array" if prefix else "a VPC Service payload"
    return f"{what} must be a JSON object (`{{...}}`), not {json_type(value)}"


class PayloadChecker:
    """The findings for one payload object at ``prefix`` in ``doc``."""

    def __init__(self, doc: Document, prefix: Path, payload: dict[str, Any]):
        self.doc = doc
        self.prefix = prefix
        self.payload = payload
        self.findings: list[Diagnostic] = []
        self.claimed: set[Path] = set()
        self.service_type: str | None = None

    # -- plumbing -------------------------------------------------------------------

    def get(self, path: Path, default: Any = None) -> Any:
        return self.doc.get(self.prefix + path, default)

    def has(self, path: Path) -> bool:
        parent = self.get(path[:-1])
        return isinstance(parent, dict) and path[-1] in parent

    def report(
        self,
        code: str,
        path: Path,
        message: str,
        at: Anchor = "value",
        severity: str | None = None,
        unless: tuple[tuple[str, Path], ...] = (),
    ) -> None:
        where = self.prefix + path
        unless = tuple((other, self.prefix + other_path) for other, other_path in unless)
        self.findings.append(
            self.doc.diagnostic(code, where, message, at=at, severity=severity, unless=unless)
        )

    def typo_for(self, container: Path, level: str, key: str) -> Path | None:
        """An unknown key of ``container`` that is most likely a misspelling of ``key``."""
        found = self.get(container)
        if not isinstance(found, dict):
            return None
        for written in found:
            if written not in KNOWN_KEYS[level] and nearest_key(written, level) == key:
                return (*container, written)
        return None

    def missing(
        self,
        code: str,
        where: tuple[Path, str],
        key: str,
        need: str,
        advice: str,
        elsewhere: tuple[Path, ...] = (),
    ) -> None:
        """Report a missing required ``key`` of the object at ``where`` (path, level):
        at its misspelling, at a misplaced copy, or else at the `{` of the object.

        The message is ``need`` followed by what to do there (``advice`` at the `{`).
        """
        container, level = where
        typo = self.typo_for(container, level, key)
        if typo is not None:
            self.claimed.add(typo)
            self.report(code, typo, f"{need}: write `{key}`, not `{typo[-1]}`", at="key")
            return
        for path in elsewhere:
            if self.has(path):
                self.claimed.add(path)
                if path[:-1] == container and path[-1] != "tunnel_id":
                    fix = f"write `{key}`, not `{path[-1]}`"
                else:
                    target = ".".join(str(part) for part in (*container, key))
                    fix = f"move this `{path[-1]}` into `{target}`"
                self.report(code, path, f"{need}: {fix}", at="key")
                return
        self.report(code, container, f"{need}: {advice}", at="head")

    # -- the payload ----------------------------------------------------------------

    def run(self) -> list[Diagnostic]:
        self.check_required_keys()
        self.check_name()
        self.service_type = self.check_type()
        self.check_read_only()
        host = self.check_host_value()
        if isinstance(host, dict):
            self.check_host(host)
        self.check_ports()
        self.check_app_protocol()
        self.check_single_scheme()
        self.check_tls()
        self.check_unknown_keys()
        return self.findings

    def check_required_keys(self) -> None:
        """VPC301 for a missing `name`, `type` or `host`: each at its misspelling, the rest
        together at the `{` of the payload."""
        absent, advice = [], []
        for key in ("name", "type", "host"):
            if key in self.payload:
                continue
            typo = self.typo_for((), "payload", key)
            if typo is not None:
                self.claimed.add(typo)
                self.report(
                    "VPC301",
                    typo,
                    f"the payload has no `{key}`: write `{key}`, not `{typo[-1]}`",
                    at="key",
                )
                continue
            absent.append(f"`{key}`")
            advice.append(self.required_key_advice(key))
        if absent:
            self.report(
                "VPC301",
                (),
                f"the payload has no {join_words(absent)}: {'; '.join(advice)}",
                at="head",
            )

    def required_key_advice(self, key: str) -> str:
        if key == "name":
            return 'add `"name": "my-service"` (unique in the account)'
        if key == "type":
            return 'add `"type": "http"` or `"type": "tcp"`'
        stray = [k for k in ("ipv4", "ipv6", "hostname") if k in self.payload]
        if not stray:
            return (
                'add `"host": {"ipv4": "10.0.0.1", "network": {"tunnel_id": "<tunnel UUID>"}}` '
                "or a `hostname` with a `resolver_network`"
            )
        moved = [
            k for k in (*stray, "network", "resolver_network", "tunnel_id") if k in self.payload
        ]
        for key in moved:
            self.claimed.add((key,))
        return f'move {join_words([f"`{k}`" for k in moved])} into `"host": {{...}}`'

    def check_name(self) -> None:
        if "name" not in self.payload:
            return
        name = self.payload["name"]
        if not isinstance(name, str):
            self.report(
                "VPC301",
                ("name",),
                f'`name` must be a string such as "web-server", not {json_type(name)}',
            )
        elif not name.strip():
            self.report(
                "VPC301",
                ("name",),
                '`name` is empty: write a name such as "web-server" (unique in the account)',
            )

    def check_type(self) -> str | None:
        """The service type when it is valid (`http` or `tcp`), else None."""
        if "type" not in self.payload:
            return None
        value = self.payload["type"]
        if not isinstance(value, str):
            self.report(
                "VPC301",
                ("type",),
                f'`type` must be the string "http" or "tcp", not {json_type(value)}',
            )
            return None
        if value in SERVICE_TYPES:
            return value
        self.report("VPC302", ("type",), type_message(value))
        return None

    def check_read_only(self) -> None:
        for key in READ_ONLY_KEYS:
            if key not in self.payload:
                continue
            if key == "account_id":
                message = (
                    "`account_id` is part of the URL (`/accounts/{account_id}/...`), not of "
                    "the body: remove it"
                )
            else:
                message = (
                    f"`{key}` is a read-only field that the API sets; the create payload "
                    "cannot set it: remove it"
                )
            self.report("VPC314", (key,), message, at="key")

    def check_host_value(self) -> Any:
        host = self.payload.get("host")
        if "host" in self.payload and not isinstance(host, dict):
            self.report("VPC301", HOST, host_not_object_message(host))
        return host

    # -- host -----------------------------------------------------------------------

    def check_host(self, host: dict[str, Any]) -> None:
        family = self.host_family(host)
        if family == "hostname":
            self.check_hostname_networks(host)
        elif family == "ip":
            self.check_ip_networks(host)
        self.check_addresses(host)
        if "network" in host:
            self.check_network(NETWORK, "network")
        if "resolver_network" in host:
            self.check_network(RESOLVER_NETWORK, "resolver_network")

    def host_family(self, host: dict[str, Any]) -> str | None:
        """`hostname` or `ip` from the keys of `host`; None (reported) when it is neither."""
        addresses = [key for key in ("ipv4", "ipv6") if key in host]
        if "hostname" in host and addresses:
            both = " and ".join(f"`{key}`" for key in addresses)
            self.report(
                "VPC303",
                (*HOST, "hostname"),
                f"`host` has both `hostname` and {both}: a host is either a `hostname` with "
                "`resolver_network`, or `ipv4`/`ipv6` with `network`; keep one of them",
                at="key",
            )
            return None
        if "hostname" in host:
            return "hostname"
        if addresses:
            return "ip"
        return self.report_no_address()

    def report_no_address(self) -> str | None:
        for key in ("ipv4", "ipv6", "hostname"):
            typo = self.typo_for(HOST, "host", key)
            if typo is not None:
                self.claimed.add(typo)
                self.report(
                    "VPC303",
                    typo,
                    f"`host` has no address: write `{key}`, not `{typo[-1]}`",
                    at="key",
                )
                return "hostname" if key == "hostname" else "ip"
        for key in ("ipv4", "ipv6", "hostname"):
            if key in self.payload:
                self.claimed.add((key,))
                self.report(
                    "VPC303",
                    (key,),
                    f"`host` has no address; this `{key}` belongs inside `host`: move it there",
                    at="key",
                )
                return "hostname" if key == "hostname" else "ip"
        self.report(
            "VPC303",
            HOST,
            "`host` has no address: add `ipv4` and/or `ipv6` (with `network`), or a "
            "`hostname` (with `resolver_network`)",
            at="head",
        )
        return None

    def check_hostname_networks(self, host: dict[str, Any]) -> None:
        if "network" in host and "resolver_network" in host:
            self.report(
                "VPC303",
                NETWORK,
                "`host` has both `network` and `resolver_network`: a hostname host takes "
                "only `resolver_network`; remove `network`",
                at="key",
            )
        elif "network" in host:
            self.claimed.add((*NETWORK, "resolver_ips"))
            self.report(
                "VPC304",
                NETWORK,
                "a hostname host needs `resolver_network`, not `network`: rename the key "
                "(the tunnel resolves the name)",
                at="key",
            )
        elif "resolver_network" not in host:
            self.missing(
                "VPC304",
                (HOST, "host"),
                "resolver_network",
                "a hostname host needs `resolver_network`",
                f"add {RESOLVER_NETWORK_EXAMPLE}",
                elsewhere=((*HOST, "tunnel_id"), ("tunnel_id",)),
            )

    def check_ip_networks(self, host: dict[str, Any]) -> None:
        if "network" in host and "resolver_network" in host:
            self.report(
                "VPC303",
                RESOLVER_NETWORK,
                "`host` has both `network` and `resolver_network`: an IP host takes only "
                "`network`; remove `resolver_network`",
                at="key",
            )
        elif "resolver_network" in host:
            extra = ""
            resolver_network = host["resolver_network"]
            if isinstance(resolver_network, dict) and "resolver_ips" in resolver_network:
                extra = " and drop `resolver_ips` (an IP host needs no resolver)"
            self.report(
                "VPC305",
                RESOLVER_NETWORK,
                "an IP host (`ipv4`/`ipv6`) needs `network`, not `resolver_network`: "
                f"rename the key{extra}",
                at="key",
            )
        elif "network" not in host:
            self.missing(
                "VPC305",
                (HOST, "host"),
                "network",
                "an IP host (`ipv4`/`ipv6`) needs `network`",
                f"add {NETWORK_EXAMPLE}",
                elsewhere=((*HOST, "tunnel_id"), ("tunnel_id",)),
            )

    def check_addresses(self, host: dict[str, Any]) -> None:
        for key, problem_of in (("ipv4", ipv4_problem), ("ipv6", ipv6_problem)):
            if key not in host:
                continue
            value = host[key]
            if not isinstance(value, str):
                example = "10.0.0.1" if key == "ipv4" else "2001:db8::1"
                problem = f'must be a string such as "{example}", not {json_type(value)}'
                self.report("VPC306", (*HOST, key), f"`{key}` {problem}")
                continue
            problem = problem_of(value)
            if problem is not None:
                self.report("VPC306", (*HOST, key), f"`{key}` {quote_short(value)}: {problem}")
        if "hostname" in host:
            self.check_hostname(host["hostname"])

    def check_hostname(self, value: Any) -> None:
        path = (*HOST, "hostname")
        if not isinstance(value, str):
            self.report(
                "VPC307",
                path,
                f'`hostname` must be a string such as "db.internal", not {json_type(value)}',
            )
            return
        problem = hostname_problem(value, self.service_type, self.payload)
        if problem is not None:
            self.report("VPC307", path, f"`hostname` {quote_short(value)}: {problem}")

    def check_network(self, path: Path, level: str) -> None:
        network = self.get(path)
        if not isinstance(network, dict):
            example = network if is_uuid(network) else "<tunnel UUID>"
            self.report(
                "VPC308",
                path,
                f"`{level}` must be an object: "
                f'`"{level}": {{"tunnel_id": {quote(example)}}}`, not {json_type(network)}',
            )
            return
        if "tunnel_id" not in network:
            self.missing(
                "VPC308",
                (path, level),
                "tunnel_id",
                f"`{level}` needs `tunnel_id`, the UUID of the Cloudflare Tunnel",
                f'add `"tunnel_id": "<tunnel UUID>"` ({TUNNEL_SOURCE})',
                elsewhere=((*HOST, "tunnel_id"), ("tunnel_id",)),
            )
        else:
            self.check_tunnel_id((*path, "tunnel_id"), network["tunnel_id"])
        if level == "resolver_network" and "resolver_ips" in network:
            self.check_resolver_ips((*path, "resolver_ips"), network["resolver_ips"])

    def check_tunnel_id(self, path: Path, value: Any) -> None:
        problem = uuid_problem(
            value, "`tunnel_id`", f"the id of your Cloudflare Tunnel ({TUNNEL_SOURCE})"
        )
        if problem is not None:  # with an inventory, VPC216 may explain it better (a name)
            self.report("VPC308", path, problem, unless=(("VPC216", path),))
        elif value.lower() == NIL_UUID:
            self.report(
                "VPC308",
                path,
                "`tunnel_id` is the nil UUID, which is no tunnel: the API rejects it "
                '("Tunnel ID Not Found"); use the id of your Cloudflare Tunnel',
                severity="warning",
            )

    def check_resolver_ips(self, path: Path, value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, list):
            if isinstance(value, str) and is_ip(value.strip()):
                message = f"`resolver_ips` must be an array: write [{quote(value.strip())}]"
            else:
                message = (
                    '`resolver_ips` must be an array of IP addresses such as ["10.0.0.53"], '
                    f"or null, not {json_type(value)}"
                )
            self.report("VPC306", path, message)
            return
        if not value:
            self.report(
                "VPC316",
                path,
                "`resolver_ips` is empty: omit the key to use the resolver of the tunnel's "
                "host, or list resolver addresses",
            )
        for index, item in enumerate(value):
            if not isinstance(item, str):
                problem = f"must be an IP address string, not {json_type(item)}"
                self.report("VPC306", (*path, index), f"a resolver {problem}")
                continue
            problem = ip_problem(item)
            if problem is not None:
                self.report("VPC306", (*path, index), f"resolver {quote_short(item)}: {problem}")

    # -- ports and protocol -----------------------------------------------------------

    def check_ports(self) -> None:
        misnamed_tcp_port = self.check_port_types()
        for key in PORT_KEYS:
            if key not in self.payload or (key,) in self.claimed:
                continue
            value = self.payload[key]
            if value is None:
                continue
            problem = port_problem(value)
            if problem is not None:
                self.report("VPC309", (key,), f"`{key}` {problem}")
        if self.service_type == "tcp" and not misnamed_tcp_port:
            self.check_tcp_port_present()

    def check_port_types(self) -> bool:
        """VPC310 for ports of the other service type; True if an HTTP port stands in
        for the missing `tcp_port` of a tcp service."""
        misnamed_tcp_port = False
        for key in PORT_KEYS:
            if self.payload.get(key) is None or not self.wrong_type_for(key):
                continue
            self.claimed.add((key,))
            if self.service_type == "tcp" and "tcp_port" not in self.payload:
                misnamed_tcp_port = True
                message = f"a tcp service takes `tcp_port`, not `{key}`: rename it to `tcp_port`"
            elif self.service_type == "tcp":
                message = (
                    f"`{key}` is for http services; this tcp service uses `tcp_port`: "
                    f'remove `{key}` (or make it `"type": "http"`)'
                )
            else:
                message = (
                    "`tcp_port` is for tcp services; an http service uses `http_port` and "
                    '`https_port`: rename it to one of those (or make it `"type": "tcp"`)'
                )
            self.report("VPC310", (key,), message, at="key")
        return misnamed_tcp_port

    def wrong_type_for(self, key: str) -> bool:
        if self.service_type == "tcp":
            return key in HTTP_PORT_KEYS
        if self.service_type == "http":
            return key == "tcp_port"
        return False

    def check_tcp_port_present(self) -> None:
        hostname = self.get((*HOST, "hostname"))
        if isinstance(hostname, str) and movable_port(hostname) is not None:
            return  # VPC307 already says to move the port from the hostname to `tcp_port`
        protocol = self.payload.get("app_protocol")
        example = EXAMPLE_PORTS.get(protocol, 5432) if isinstance(protocol, str) else 5432
        if "tcp_port" not in self.payload:
            self.missing(
                "VPC311",
                ((), "payload"),
                "tcp_port",
                "a tcp service needs `tcp_port`, the origin's port",
                f'add `"tcp_port": {example}`',
                elsewhere=(("port",),),
            )
        elif self.payload["tcp_port"] is None:
            self.report(
                "VPC311",
                ("tcp_port",),
                f"a tcp service needs a `tcp_port`, not null: write the origin's port, "
                f"such as {example}",
            )

    def check_app_protocol(self) -> None:
        if "app_protocol" not in self.payload:
            return
        value = self.payload["app_protocol"]
        if value is None:
            return
        if self.service_type == "http":
            self.report(
                "VPC310",
                ("app_protocol",),
                "`app_protocol` describes tcp services (postgresql, mysql): remove it, or "
                'make it `"type": "tcp"` with a `tcp_port`',
                at="key",
            )
            return
        if value in APP_PROTOCOLS:
            return
        self.report("VPC312", ("app_protocol",), app_protocol_message(value))

    def check_single_scheme(self) -> None:
        # A payload missing `name`, `type` or `host` gets no advice about its optional
        # fields: VPC301 says what makes it unusable (one root cause, one finding).
        if self.service_type != "http" or any(f.code == "VPC301" for f in self.findings):
            return
        given = [key for key in HTTP_PORT_KEYS if is_port(self.payload.get(key))]
        unset = [key for key in HTTP_PORT_KEYS if self.payload.get(key) is None]
        if len(given) == 1 and len(unset) == 1:
            only, other = given[0], unset[0]
            scheme = "HTTPS" if only == "https_port" else "plain HTTP"
            self.report(
                "VPC318",
                (only,),
                f"only `{only}` is set, so the service accepts {scheme} only; add "
                f"`{other}` to accept both schemes, or omit both for the defaults 80 and 443",
                at="key",
            )
        elif len(given) == 2 and self.payload["http_port"] == self.payload["https_port"]:
            port = self.payload["https_port"]
            self.report(
                "VPC318",
                ("https_port",),
                f"`http_port` and `https_port` are both {port}: one port cannot serve plain "
                "HTTP and HTTPS; give them different ports or keep only one",
                severity="warning",
            )

    # -- TLS ------------------------------------------------------------------------

    def check_tls(self) -> None:
        if "tls_settings" not in self.payload:
            return
        tls = self.payload["tls_settings"]
        if tls is None:
            return
        if not isinstance(tls, dict):
            mode = tls if tls in VERIFICATION_MODES else "verify_full"
            self.report(
                "VPC313",
                TLS,
                "`tls_settings` must be an object such as "
                f'`{{"cert_verification_mode": {quote(mode)}}}`, or null, not {json_type(tls)}',
            )
            return
        if "cert_verification_mode" not in tls:
            self.missing(
                "VPC313",
                (TLS, "tls_settings"),
                "cert_verification_mode",
                "`tls_settings` needs `cert_verification_mode`",
                f"add it: {MODE_LIST}",
                elsewhere=(("cert_verification_mode",),),
            )
        elif tls["cert_verification_mode"] not in VERIFICATION_MODES:
            self.report(
                "VPC313",
                (*TLS, "cert_verification_mode"),
                mode_message(tls["cert_verification_mode"]),
            )
        for key, upload in (
            ("certificate_authority", "certificate-authority"),
            ("client_certificate", "mtls-certificate"),
        ):
            if key in tls:
                source = f"the id printed by `wrangler cert upload {upload}`"
                problem = uuid_problem(tls[key], f"`{key}`", source)
                if problem is not None:
                    self.report("VPC313", (*TLS, key), problem)
        if "certificate_authority" in tls and tls.get("cert_verification_mode") == "disabled":
            self.report(
                "VPC313",
                (*TLS, "certificate_authority"),
                '`certificate_authority` is not used when `cert_verification_mode` is "disabled": '
                'set the mode to "verify_ca" or "verify_full", or remove the CA',
                at="key",
            )

    # -- unknown keys ---------------------------------------------------------------

    def check_unknown_keys(self) -> None:
        levels = (
            ((), "payload"),
            (HOST, "host"),
            (NETWORK, "network"),
            (RESOLVER_NETWORK, "resolver_network"),
            (TLS, "tls_settings"),
        )
        for container, level in levels:
            found = self.payload if container == () else self.get(container)
            if not isinstance(found, dict):
                continue
            for key in found:
                path = (*container, key)
                if key in KNOWN_KEYS[level] or path in self.claimed:
                    continue
                self.report("VPC315", path, self.unknown_key_message(key, level, found), "key")

    def unknown_key_message(self, key: str, level: str, container: dict[str, Any]) -> str:
        start = f"unknown key `{key}` in {LEVEL_NAMES[level]}, which the API ignores: "
        hint = misplaced_hint(key, level, self.service_type)
        if hint is not None:
            return start + hint
        suggestion = nearest_key(key, level)
        if suggestion is None:
            writable = [name for name in KNOWN_KEYS[level] if name not in READ_ONLY_KEYS]
            known = ", ".join(f"`{name}`" for name in writable)
            return f"{start}the keys here are {known}"
        if suggestion in container:
            return f"{start}did you mean `{suggestion}`? It is set as well: remove this one"
        return f"{start}did you mean `{suggestion}`?"


def type_message(value: str) -> str:
    if value.lower() in SERVICE_TYPES:
        return f"write `type` in lowercase: {quote(value.lower())}"
    if value.lower() in ("https", "http2", "web", "grpc", "websocket"):
        return f'`type` must be "http" or "tcp", not {quote(value)}: "http" covers HTTPS too'
    if value.lower() in ("postgres", "postgresql", "mysql", "tls", "ssh", "redis", "tcp/ip"):
        return (
            f'`type` must be "http" or "tcp", not {quote(value)}: use "tcp" (with '
            '`app_protocol` "postgresql" or "mysql" for those databases)'
        )
    return f'`type` must be "http" or "tcp", not {quote(value)}'


def host_not_object_message(host: Any) -> str:
    if isinstance(host, str) and is_ip(host.strip()):
        family = "ipv4" if "." in host and ":" not in host else "ipv6"
        return (
            f'`host` must be an object: write `"host": {{"{family}": {quote(host.strip())}, '
            '"network": {"tunnel_id": "<tunnel UUID>"}}`'
        )
    if isinstance(host, str):
        return (
            f'`host` must be an object: write `"host": {{"hostname": {quote(host.strip())}, '
            '"resolver_network": {"tunnel_id": "<tunnel UUID>"}}`'
        )
    return (
        f"`host` must be an object with `ipv4`/`ipv6` and `network`, or `hostname` and "
        f"`resolver_network`, not {json_type(host)}"
    )


def app_protocol_message(value: Any) -> str:
    if isinstance(value, str) and value.lower() in APP_PROTOCOLS:
        return f"write `app_protocol` in lowercase: {quote(value.lower())}"
    if isinstance(value, str) and value.lower() in ("postgres", "pg", "psql"):
        return 'write `app_protocol` as "postgresql"'
    if isinstance(value, str) and value.lower() == "mariadb":
        return 'write `app_protocol` as "mysql" (MariaDB speaks the MySQL protocol)'
    return (
        f'`app_protocol` must be "postgresql", "mysql" or null, not {quote(value)}; '
        "for any other protocol, omit it"
    )


def mode_message(value: Any) -> str:
    if isinstance(value, str) and value.lower() in VERIFICATION_MODES:
        return f"write `cert_verification_mode` in lowercase: {quote(value.lower())}"
    if isinstance(value, str) and value.lower() in ("full", "strict", "verify"):
        return f'`cert_verification_mode` {quote(value)} is not a mode: write "verify_full"'
    if isinstance(value, str) and value.lower() in ("ca", "verify-ca", "verify-full"):
        fixed = "verify_ca" if "ca" in value.lower() else "verify_full"
        return f'write `cert_verification_mode` as "{fixed}"'
    if value is False or (isinstance(value, str) and value.lower() in ("none", "off", "no")):
        return 'to turn verification off, write `cert_verification_mode` as "disabled"'
    return f"`cert_verification_mode` must be {MODE_LIST}, not {quote(value)}"

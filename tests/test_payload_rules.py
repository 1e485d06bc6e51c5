"""Every payload rule VPC301-VPC318: a failing case and a passing case, through lint_text.

Each failing case asserts the code, the exact start (line, column) of the finding, and
a phrase of its message or of its fix hint (which every payload finding has); the payloads are pretty-printed JSON so
that positions mean something. Unless a case says otherwise, the failing payload has
exactly that one finding (one root cause, one report). `<T>` is a valid tunnel UUID.
"""

from __future__ import annotations

import re

import pytest

from vpclint.diagnostics import Diagnostic
from vpclint.runner import lint_text
from vpclint.settings import Settings

T = "0191dce4-9ab4-7fce-b660-8e5dec5172da"
ALL_PAYLOAD_RULES = Settings(select=("VPC3",))


def lint(text: str, settings: Settings | None = None) -> list[Diagnostic]:
    text = text.replace("<T>", T)
    return lint_text(text, "service.json", kind="payload", settings=settings or Settings())


# A valid payload; most cases below are this one with one thing changed.
BASE = """\
{
  "name": "web-server",
  "type": "http",
  "host": {
    "ipv4": "10.0.0.1",
    "network": {"tunnel_id": "<T>"}
  }
}
"""

HOSTNAME_BASE = """\
{
  "name": "web-server",
  "type": "http",
  "host": {
    "hostname": "api.internal",
    "resolver_network": {"tunnel_id": "<T>"}
  }
}
"""

TCP_BASE = """\
{
  "name": "pg",
  "type": "tcp",
  "tcp_port": 5432,
  "app_protocol": "postgresql",
  "host": {
    "ipv4": "10.0.0.5",
    "network": {"tunnel_id": "<T>"}
  }
}
"""


def changed(base: str, old: str, new: str) -> str:
    assert old in base, old
    return base.replace(old, new, 1)


# (id, payload, code, line, column, phrase of the message)
FAILING = [
    # VPC301 payload-shape
    (
        "301-missing-name",
        changed(BASE, '  "name": "web-server",\n', ""),
        "VPC301",
        1,
        1,
        'add `"name": "my-service"` (unique in the account)',
    ),
    (
        "301-missing-name-type-host-once",
        "{\n}\n",
        "VPC301",
        1,
        1,
        "the payload has no `name`, `type` and `host`",
    ),
    (
        "301-misspelt-name",
        changed(BASE, '"name":', '"Name":'),
        "VPC301",
        2,
        3,
        "rename `Name` to `name`",
    ),
    (
        "301-whitespace-name",
        changed(BASE, '"web-server"', '"   "'),
        "VPC301",
        2,
        11,
        "`name` is empty",
    ),
    (
        "301-name-not-string",
        changed(BASE, '"web-server"', "42"),
        "VPC301",
        2,
        11,
        "`name` must be a string",
    ),
    (
        "301-type-not-string",
        changed(BASE, '"type": "http"', '"type": ["http"]'),
        "VPC301",
        3,
        11,
        'write `"type": "http"` or `"type": "tcp"`',
    ),
    (
        "301-host-is-a-string",
        '{\n  "name": "web-server",\n  "type": "http",\n  "host": "10.0.0.1"\n}\n',
        "VPC301",
        4,
        11,
        'write `"host": {"ipv4": "10.0.0.1", "network": {"tunnel_id": "<tunnel UUID>"}}`',
    ),
    (
        "301-host-keys-at-top-level",
        '{\n  "name": "a",\n  "type": "http",\n  "ipv4": "10.0.0.1",\n'
        '  "network": {"tunnel_id": "<T>"}\n}\n',
        "VPC301",
        1,
        1,
        'move `ipv4` and `network` into `"host": {...}`',
    ),
    ("301-root-not-object", '"web-server"\n', "VPC301", 1, 1, "must be a JSON object"),
    ("301-empty-array", "[\n]\n", "VPC301", 1, 1, "the file holds an empty array"),
    (
        "301-array-element-not-object",
        "[\n" + BASE.rstrip("\n").replace("\n", "\n  ").replace("{", "  {", 1) + ",\n  7\n]\n",
        "VPC301",
        10,
        3,
        "each element of a payload array must be a JSON object",
    ),
    # VPC302 invalid-service-type
    (
        "302-uppercase",
        changed(BASE, '"http"', '"HTTP"'),
        "VPC302",
        3,
        11,
        'write "http"',
    ),
    (
        "302-https",
        changed(BASE, '"http"', '"https"'),
        "VPC302",
        3,
        11,
        'write "http"',
    ),
    (
        "302-postgres",
        changed(BASE, '"http"', '"postgres"'),
        "VPC302",
        3,
        11,
        'write "tcp" (with `app_protocol` "postgresql" or "mysql" for those databases)',
    ),
    # VPC303 invalid-host-shape
    (
        "303-hostname-and-ipv4",
        changed(
            BASE, '    "ipv4": "10.0.0.1",\n', '    "ipv4": "10.0.0.1",\n    "hostname": "a.b",\n'
        ),
        "VPC303",
        6,
        5,
        "`host` has both `hostname` and `ipv4`",
    ),
    (
        "303-no-address",
        changed(BASE, '    "ipv4": "10.0.0.1",\n', ""),
        "VPC303",
        4,
        11,
        "add `ipv4` and/or `ipv6` (with `network`), or a `hostname` (with `resolver_network`)",
    ),
    (
        "303-address-under-wrong-key",
        changed(BASE, '"ipv4": "10.0.0.1"', '"ip": "10.0.0.1"'),
        "VPC303",
        5,
        5,
        "rename `ip` to `ipv4`",
    ),
    (
        "303-both-networks",
        changed(
            BASE,
            '    "network": {"tunnel_id": "<T>"}\n',
            '    "network": {"tunnel_id": "<T>"},\n    "resolver_network": {"tunnel_id": "<T>"}\n',
        ),
        "VPC303",
        7,
        5,
        "remove `resolver_network`",
    ),
    # VPC304 hostname-needs-resolver-network
    (
        "304-hostname-with-network",
        changed(HOSTNAME_BASE, '"resolver_network"', '"network"'),
        "VPC304",
        6,
        5,
        "a hostname host needs `resolver_network`, not `network`",
    ),
    (
        "304-hostname-without-network",
        changed(
            HOSTNAME_BASE,
            '"hostname": "api.internal",\n    "resolver_network": {"tunnel_id": "<T>"}',
            '"hostname": "api.internal"',
        ),
        "VPC304",
        4,
        11,
        'add `"resolver_network": {"tunnel_id": "<tunnel UUID>"}`',
    ),
    # VPC305 ip-needs-network
    (
        "305-ip-with-resolver-network",
        changed(BASE, '"network"', '"resolver_network"'),
        "VPC305",
        6,
        5,
        "rename `resolver_network` to `network`",
    ),
    (
        "305-tunnel-id-directly-in-host",
        changed(BASE, '"network": {"tunnel_id": "<T>"}', '"tunnel_id": "<T>"'),
        "VPC305",
        6,
        5,
        "move this `tunnel_id` into `host.network`",
    ),
    # VPC306 invalid-ip
    (
        "306-octet-out-of-range",
        changed(BASE, '"10.0.0.1"', '"10.0.0.256"'),
        "VPC306",
        5,
        13,
        "each of the four numbers must be from 0 to 255",
    ),
    (
        "306-leading-zeros",
        changed(BASE, '"10.0.0.1"', '"10.0.0.01"'),
        "VPC306",
        5,
        13,
        'write it without leading zeros: "10.0.0.1"',
    ),
    (
        "306-ipv6-in-ipv4",
        changed(BASE, '"ipv4": "10.0.0.1"', '"ipv4": "fe80::1"'),
        "VPC306",
        5,
        13,
        "put it in `ipv6` instead",
    ),
    (
        "306-ipv4-in-ipv6",
        changed(BASE, '"ipv4": "10.0.0.1"', '"ipv6": "10.0.0.1"'),
        "VPC306",
        5,
        13,
        "put it in `ipv4` instead",
    ),
    (
        "306-ipv6-brackets",
        changed(BASE, '"ipv4": "10.0.0.1"', '"ipv6": "[fe80::1]"'),
        "VPC306",
        5,
        13,
        'write it without brackets: "fe80::1"',
    ),
    (
        "306-ipv4-cidr",
        changed(BASE, '"10.0.0.1"', '"10.0.0.0/24"'),
        "VPC306",
        5,
        13,
        "`ipv4` is one address, not a network",
    ),
    (
        "306-resolver-is-a-name",
        changed(
            HOSTNAME_BASE,
            '{"tunnel_id": "<T>"}',
            '{\n      "tunnel_id": "<T>",\n      "resolver_ips": ["10.0.0.53", "dns.internal"]\n    }',
        ),
        "VPC306",
        8,
        37,
        "a resolver must be an IP address, not a name",
    ),
    (
        "306-resolver-ips-not-array",
        changed(
            HOSTNAME_BASE,
            '{"tunnel_id": "<T>"}',
            '{\n      "tunnel_id": "<T>",\n      "resolver_ips": "10.0.0.53"\n    }',
        ),
        "VPC306",
        8,
        23,
        'write ["10.0.0.53"]',
    ),
    # VPC307 invalid-hostname
    (
        "307-scheme-and-path",
        changed(HOSTNAME_BASE, '"api.internal"', '"https://api.internal/v1"'),
        "VPC307",
        5,
        17,
        'remove the scheme `https://` and the path `/v1`: "api.internal"',
    ),
    (
        "307-ip-literal",
        changed(HOSTNAME_BASE, '"api.internal"', '"10.0.0.5"'),
        "VPC307",
        5,
        17,
        'use `"ipv4": "10.0.0.5"` with `network` instead of `hostname` with `resolver_network`',
    ),
    (
        "307-port-on-tcp-says-tcp-port",
        '{\n  "name": "pg",\n  "type": "tcp",\n  "host": {\n    "hostname": "db.internal:5432",\n'
        '    "resolver_network": {"tunnel_id": "<T>"}\n  }\n}\n',
        "VPC307",
        5,
        17,
        'remove the port `:5432` (write `"tcp_port": 5432` instead)',
    ),
    (
        "307-whitespace",
        changed(HOSTNAME_BASE, '"api.internal"', '"api internal"'),
        "VPC307",
        5,
        17,
        "remove the whitespace",
    ),
    (
        "307-empty",
        changed(HOSTNAME_BASE, '"api.internal"', '""'),
        "VPC307",
        5,
        17,
        "it is empty",
    ),
    (
        "307-too-long",
        changed(HOSTNAME_BASE, '"api.internal"', '"' + "a" * 250 + '.com"'),
        "VPC307",
        5,
        17,
        "it is 254 characters long; a DNS name has at most 253",
    ),
    # VPC308 invalid-tunnel-id
    (
        "308-not-uuid",
        changed(BASE, '"<T>"', '"my-tunnel"'),
        "VPC308",
        6,
        30,
        '`tunnel_id` "my-tunnel" is not a UUID',
    ),
    (
        "308-placeholder",
        changed(BASE, '"<T>"', '"<tunnel-id>"'),
        "VPC308",
        6,
        30,
        "replace it with the id of your Cloudflare Tunnel (`cloudflared tunnel list` shows the ids)",
    ),
    (
        "308-no-hyphens",
        changed(BASE, '"<T>"', '"0191dce49ab47fceb6608e5dec5172da"'),
        "VPC308",
        6,
        30,
        f'write `tunnel_id` in the 8-4-4-4-12 form of a UUID: "{T}"',
    ),
    (
        "308-missing",
        changed(BASE, '{"tunnel_id": "<T>"}', "{}"),
        "VPC308",
        6,
        16,
        "`network` needs `tunnel_id`",
    ),
    (
        "308-misspelt",
        changed(BASE, '"tunnel_id"', '"tunnelId"'),
        "VPC308",
        6,
        17,
        "rename `tunnelId` to `tunnel_id`",
    ),
    (
        "308-network-is-a-string",
        changed(BASE, '{"tunnel_id": "<T>"}', '"<T>"'),
        "VPC308",
        6,
        16,
        f'write `"network": {{"tunnel_id": "{T}"}}`',
    ),
    # VPC309 invalid-port
    (
        "309-zero",
        changed(
            BASE,
            '  "type": "http",\n',
            '  "type": "http",\n  "http_port": 0,\n  "https_port": 443,\n',
        ),
        "VPC309",
        4,
        16,
        "`http_port` is 0; a port is from 1 to 65535",
    ),
    (
        "309-string",
        changed(
            BASE,
            '  "type": "http",\n',
            '  "type": "http",\n  "http_port": 80,\n  "https_port": "443",\n',
        ),
        "VPC309",
        5,
        17,
        "write 443 without quotes",
    ),
    (
        "309-above-range",
        changed(
            BASE,
            '  "type": "http",\n',
            '  "type": "http",\n  "http_port": 70000,\n  "https_port": 443,\n',
        ),
        "VPC309",
        4,
        16,
        "above 65535",
    ),
    (
        "309-boolean",
        changed(TCP_BASE, "5432", "true"),
        "VPC309",
        4,
        15,
        "not a boolean",
    ),
    (
        "309-float",
        changed(TCP_BASE, "5432", "5432.0"),
        "VPC309",
        4,
        15,
        "write 5432, not 5432.0",
    ),
    # VPC310 port-type-mismatch
    (
        "310-tcp-port-on-http",
        changed(BASE, '  "type": "http",\n', '  "type": "http",\n  "tcp_port": 8080,\n'),
        "VPC310",
        4,
        3,
        "an http service uses `http_port` and `https_port`",
    ),
    (
        "310-http-port-on-tcp",
        changed(TCP_BASE, '  "tcp_port": 5432,\n', '  "tcp_port": 5432,\n  "https_port": 443,\n'),
        "VPC310",
        5,
        3,
        'remove `https_port` (or make it `"type": "http"`)',
    ),
    (
        "310-http-port-instead-of-tcp-port",
        changed(TCP_BASE, '"tcp_port"', '"http_port"'),
        "VPC310",
        4,
        3,
        "rename `http_port` to `tcp_port`",
    ),
    (
        "310-app-protocol-on-http",
        changed(BASE, '  "type": "http",\n', '  "type": "http",\n  "app_protocol": "mysql",\n'),
        "VPC310",
        4,
        3,
        "`app_protocol` describes tcp services",
    ),
    # VPC311 tcp-port-missing
    (
        "311-missing",
        changed(TCP_BASE, '  "tcp_port": 5432,\n', ""),
        "VPC311",
        1,
        1,
        'add `"tcp_port": 5432`',
    ),
    (
        "311-null",
        changed(TCP_BASE, "5432", "null"),
        "VPC311",
        4,
        15,
        "a tcp service needs a `tcp_port`, not null",
    ),
    (
        "311-written-as-port",
        changed(TCP_BASE, '"tcp_port"', '"port"'),
        "VPC311",
        4,
        3,
        "rename `port` to `tcp_port`",
    ),
    # VPC312 invalid-app-protocol
    (
        "312-redis",
        changed(TCP_BASE, '"postgresql"', '"redis"'),
        "VPC312",
        5,
        19,
        'write "postgresql" or "mysql", or omit it for any other protocol',
    ),
    (
        "312-postgres",
        changed(TCP_BASE, '"postgresql"', '"postgres"'),
        "VPC312",
        5,
        19,
        'write "postgresql"',
    ),
    (
        "312-uppercase",
        changed(TCP_BASE, '"postgresql"', '"MySQL"'),
        "VPC312",
        5,
        19,
        'write "mysql"',
    ),
    # VPC313 invalid-tls-settings
    (
        "313-empty-object",
        changed(BASE, '  "type": "http",\n', '  "type": "http",\n  "tls_settings": {},\n'),
        "VPC313",
        4,
        19,
        "`tls_settings` needs `cert_verification_mode`",
    ),
    (
        "313-bad-mode",
        changed(
            BASE,
            '  "type": "http",\n',
            '  "type": "http",\n  "tls_settings": {"cert_verification_mode": "none"},\n',
        ),
        "VPC313",
        4,
        46,
        'write "disabled" to turn verification off',
    ),
    (
        "313-not-object",
        changed(BASE, '  "type": "http",\n', '  "type": "http",\n  "tls_settings": "verify_ca",\n'),
        "VPC313",
        4,
        19,
        'write `"tls_settings": {"cert_verification_mode": "verify_ca"}`',
    ),
    (
        "313-ca-not-uuid",
        changed(
            BASE,
            '  "type": "http",\n',
            '  "type": "http",\n  "tls_settings": {\n    "cert_verification_mode": "verify_ca",\n'
            '    "certificate_authority": "my-ca"\n  },\n',
        ),
        "VPC313",
        6,
        30,
        "use the id printed by `wrangler cert upload certificate-authority`",
    ),
    (
        "313-ca-with-disabled",
        changed(
            BASE,
            '  "type": "http",\n',
            '  "type": "http",\n  "tls_settings": {\n    "cert_verification_mode": "disabled",\n'
            '    "certificate_authority": "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"\n  },\n',
        ),
        "VPC313",
        6,
        5,
        '`certificate_authority` is not used when `cert_verification_mode` is "disabled"',
    ),
    # VPC314 read-only-field
    (
        "314-service-id",
        changed(BASE, '  "type": "http",\n', '  "type": "http",\n  "service_id": "<T>",\n'),
        "VPC314",
        4,
        3,
        "`service_id` is a read-only field that the API sets",
    ),
    (
        "314-account-id",
        changed(
            BASE,
            '  "type": "http",\n',
            '  "type": "http",\n  "account_id": "023e105f4ecef8ad9ca31a8372d0c353",\n',
        ),
        "VPC314",
        4,
        3,
        "`account_id` is part of the URL",
    ),
    # VPC315 unknown-payload-field
    (
        "315-misspelt-port",
        changed(
            BASE,
            '  "type": "http",\n',
            '  "type": "http",\n  "http_port": 80,\n  "https-port": 443,\n',
        ),
        "VPC315",
        5,
        3,
        "rename `https-port` to `https_port`",
    ),
    (
        "315-resolver-ips-in-host",
        changed(
            HOSTNAME_BASE,
            '    "hostname": "api.internal",\n',
            '    "hostname": "api.internal",\n    "resolver_ips": ["10.0.0.53"],\n',
        ),
        "VPC315",
        6,
        5,
        "`resolver_ips` belongs inside `resolver_network`",
    ),
    (
        "315-resolver-ips-in-network",
        changed(
            BASE, '{"tunnel_id": "<T>"}', '{"tunnel_id": "<T>", "resolver_ips": ["10.0.0.53"]}'
        ),
        "VPC315",
        6,
        70,
        "remove it",
    ),
    (
        "315-tls-alias",
        changed(
            BASE,
            '  "type": "http",\n',
            '  "type": "http",\n  "tls_settings": {"cert_verification_mode": "verify_ca", "ca": "<T>"},\n',
        ),
        "VPC315",
        4,
        59,
        "rename `ca` to `certificate_authority`",
    ),
    (
        "315-no-suggestion",
        changed(BASE, '  "type": "http",\n', '  "type": "http",\n  "description": "the API",\n'),
        "VPC315",
        4,
        3,
        "the keys here are `name`, `type`, `host`",
    ),
    # VPC316 empty-resolver-ips
    (
        "316-empty",
        changed(HOSTNAME_BASE, '{"tunnel_id": "<T>"}', '{"tunnel_id": "<T>", "resolver_ips": []}'),
        "VPC316",
        6,
        95,
        "remove the key to use the resolver of the tunnel's host, or list resolver addresses",
    ),
]

# (id, payload, code that must not be reported)
PASSING = [
    ("301-name-with-spaces-inside", changed(BASE, '"web-server"', '"my web server"'), "VPC301"),
    ("302-tcp", TCP_BASE, "VPC302"),
    (
        "303-dual-stack",
        changed(
            BASE, '    "ipv4": "10.0.0.1",\n', '    "ipv4": "10.0.0.1",\n    "ipv6": "fe80::",\n'
        ),
        "VPC303",
    ),
    ("304-hostname-with-resolver-network", HOSTNAME_BASE, "VPC304"),
    (
        "305-ipv6-with-network",
        changed(BASE, '"ipv4": "10.0.0.1"', '"ipv6": "2001:db8::10"'),
        "VPC305",
    ),
    ("306-ipv6-zone-id", changed(BASE, '"ipv4": "10.0.0.1"', '"ipv6": "fe80::1%eth0"'), "VPC306"),
    ("306-ipv4-mapped", changed(BASE, '"ipv4": "10.0.0.1"', '"ipv6": "::ffff:10.0.0.1"'), "VPC306"),
    (
        "306-mixed-resolvers",
        changed(
            HOSTNAME_BASE,
            '{"tunnel_id": "<T>"}',
            '{"tunnel_id": "<T>", "resolver_ips": ["10.0.0.53", "fd00::53"]}',
        ),
        "VPC306",
    ),
    ("307-underscore", changed(HOSTNAME_BASE, '"api.internal"', '"db_1.corp.internal"'), "VPC307"),
    ("308-uppercase-uuid", changed(BASE, '"<T>"', f'"{T.upper()}"'), "VPC308"),
    (
        "309-null-port",
        changed(TCP_BASE, '  "tcp_port": 5432,\n', '  "tcp_port": 65535,\n'),
        "VPC309",
    ),
    (
        "310-null-tcp-port-on-http",
        changed(BASE, '  "type": "http",\n', '  "type": "http",\n  "tcp_port": null,\n'),
        "VPC310",
    ),
    ("311-tcp-with-port", TCP_BASE, "VPC311"),
    ("312-null", changed(TCP_BASE, '"postgresql"', "null"), "VPC312"),
    (
        "313-ca-with-verify-ca",
        changed(
            BASE,
            '  "type": "http",\n',
            '  "type": "http",\n  "tls_settings": {"cert_verification_mode": "verify_ca", '
            '"certificate_authority": "f174e90a-fafe-4643-bbbc-4a0ed4fc8415", '
            '"client_certificate": "<T>"},\n',
        ),
        "VPC313",
    ),
    (
        "313-null",
        changed(BASE, '  "type": "http",\n', '  "type": "http",\n  "tls_settings": null,\n'),
        "VPC313",
    ),
    ("314-none", BASE, "VPC314"),
    (
        "315-every-known-key",
        changed(
            TCP_BASE,
            '  "app_protocol": "postgresql",\n',
            '  "app_protocol": "postgresql",\n  "tls_settings": {"cert_verification_mode": "verify_full"},\n',
        ),
        "VPC315",
    ),
    (
        "316-null",
        changed(
            HOSTNAME_BASE, '{"tunnel_id": "<T>"}', '{"tunnel_id": "<T>", "resolver_ips": null}'
        ),
        "VPC316",
    ),
    (
        "318-both-ports",
        changed(
            BASE,
            '  "type": "http",\n',
            '  "type": "http",\n  "http_port": 8080,\n  "https_port": 8443,\n',
        ),
        "VPC318",
    ),
    ("318-no-ports", BASE, "VPC318"),
]


@pytest.mark.parametrize(
    ("text", "code", "line", "column", "phrase"),
    [case[1:] for case in FAILING],
    ids=[case[0] for case in FAILING],
)
def test_failing_case(text, code, line, column, phrase):
    diagnostics = lint(text)
    assert [d.code for d in diagnostics] == [code], [d.message for d in diagnostics]
    [diagnostic] = diagnostics
    assert (diagnostic.start.line, diagnostic.start.column) == (line, column)
    phrase = phrase.replace("<T>", T)
    assert phrase in diagnostic.message or phrase in diagnostic.fix, diagnostic
    assert diagnostic.fix and diagnostic.fix not in diagnostic.message


# A value a fix hint writes: `"key": value`, or the string after `write` / `rename it to`.
FIX_VALUES = re.compile(r'`[^`]*(?: = |": )[^`]*`|(?:rename it to|write) ("[^"]*")')


@pytest.mark.parametrize(
    ("text", "code", "line", "column", "phrase"),
    [case[1:] for case in FAILING],
    ids=[case[0] for case in FAILING],
)
def test_messages_do_not_repeat_their_fix(text, code, line, column, phrase):
    """The advice is said once, in the fix (the `= fix:` line), not again in the message."""
    for diagnostic in lint(text, ALL_PAYLOAD_RULES):
        assert diagnostic.fix, diagnostic
        assert diagnostic.fix not in diagnostic.message, diagnostic
        for found in FIX_VALUES.finditer(diagnostic.fix):
            value = found.group(1) or found.group(0)
            assert value not in diagnostic.message, (diagnostic.code, value, diagnostic.message)


@pytest.mark.parametrize(
    ("text", "code"), [case[1:] for case in PASSING], ids=[case[0] for case in PASSING]
)
def test_passing_case(text, code):
    diagnostics = lint(text, ALL_PAYLOAD_RULES)
    assert code not in [d.code for d in diagnostics]
    assert [d for d in diagnostics if d.severity != "info"] == []


def test_every_rule_has_a_failing_and_a_passing_case():
    failing = {case[2] for case in FAILING}
    passing = {case[2] for case in PASSING}
    expected = {f"VPC3{n:02d}" for n in range(1, 19)}
    # VPC317 and VPC318 have their own tests below and in test_payload_names.py
    assert failing | {"VPC317", "VPC318"} == expected
    assert passing | {"VPC317"} == expected


def test_spans_cover_the_offending_value_or_key():
    [value] = lint(changed(BASE, '"10.0.0.1"', '"10.0.0.256"'))
    assert (value.start.line, value.start.column, value.end.line, value.end.column) == (
        5,
        13,
        5,
        25,
    )
    assert value.pointer == "/host/ipv4"
    [key] = lint(changed(BASE, '"network"', '"resolver_network"'))
    assert (key.start.column, key.end.column) == (5, 23)
    assert key.pointer == "/host/resolver_network"
    [head] = lint(changed(BASE, '  "name": "web-server",\n', ""))
    assert (head.start.line, head.start.column, head.end.line, head.end.column) == (1, 1, 1, 2)
    assert head.pointer == ""


def test_nil_tunnel_id_is_a_warning():
    [diagnostic] = lint(changed(BASE, '"<T>"', '"00000000-0000-0000-0000-000000000000"'))
    assert (diagnostic.code, diagnostic.severity) == ("VPC308", "warning")
    assert (diagnostic.start.line, diagnostic.start.column) == (6, 30)
    assert "the nil UUID, which is no tunnel" in diagnostic.message


def test_single_scheme_is_info_and_runs_only_when_selected():
    text = changed(BASE, '  "type": "http",\n', '  "type": "http",\n  "https_port": 443,\n')
    assert lint(text) == []
    [diagnostic] = lint(text, ALL_PAYLOAD_RULES)
    assert (diagnostic.code, diagnostic.severity) == ("VPC318", "info")
    assert (diagnostic.start.line, diagnostic.start.column) == (4, 3)
    assert "only `https_port` is set, so the service accepts HTTPS only" in diagnostic.message


def test_equal_http_ports_are_a_warning():
    text = changed(
        BASE,
        '  "type": "http",\n',
        '  "type": "http",\n  "http_port": 8080,\n  "https_port": 8080,\n',
    )
    [diagnostic] = lint(text, ALL_PAYLOAD_RULES)
    assert (diagnostic.code, diagnostic.severity) == ("VPC318", "warning")
    assert (diagnostic.start.line, diagnostic.start.column) == (5, 17)
    assert "`http_port` and `https_port` are both 8080" in diagnostic.message


def test_array_file_paths_start_with_the_index():
    good = BASE.rstrip("\n").replace("\n", "\n  ")
    bad = good.replace('"10.0.0.1"', '"10.0.0.999"').replace("web-server", "web-2")
    text = f"[\n  {good},\n  {bad}\n]\n"
    [diagnostic] = lint(text)
    assert diagnostic.code == "VPC306"
    assert diagnostic.pointer == "/1/host/ipv4"
    assert (diagnostic.start.line, diagnostic.start.column) == (14, 15)


def test_comments_in_payloads_are_vpc005_and_the_content_is_still_checked():
    [diagnostic] = lint("{\n  // the API reads strict JSON\n" + BASE[2:])
    assert diagnostic.code == "VPC005"
    assert (diagnostic.start.line, diagnostic.start.column) == (2, 3)
    assert "1 comment" in diagnostic.message


def test_vpc005_docs_example_triggers_it_and_use_instead_is_clean():
    from vpclint.rules.registry import RULES

    rule = RULES["VPC005"]
    assert [d.code for d in lint(rule.example)] == ["VPC005"]
    assert lint(rule.use_instead) == []


def test_several_problems_in_one_payload_are_each_reported_once():
    text = """\
{
  "name": "",
  "type": "tcp",
  "tcp_port": 99999,
  "app_protocol": "redis",
  "host": {
    "ipv4": "10.0.0.1",
    "hostname": "db.internal",
    "network": {"tunnel_id": "nope"}
  },
  "tls_settings": {"cert_verification_mode": "full"}
}
"""
    found = [(d.code, d.start.line) for d in lint(text)]
    assert found == [
        ("VPC301", 2),
        ("VPC309", 4),
        ("VPC312", 5),
        ("VPC303", 8),
        ("VPC308", 9),
        ("VPC313", 11),
    ]

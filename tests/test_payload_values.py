"""Value checks of payloads (IP addresses, host names, UUIDs, ports) and payload detection.

The Python checks and the schema's patterns must give the same verdicts: both are
compared on hand-picked edge cases and on seeded random strings.
"""

from __future__ import annotations

import random
import re

import pytest

from vpclint import schemas
from vpclint.discover import looks_like_payload
from vpclint.rules.payload.values import (
    hostname_problem,
    ip_problem,
    ipv4_problem,
    ipv6_problem,
    is_ipv4,
    is_ipv6,
    is_uuid,
    port_problem,
    uuid_problem,
)

T = "0191dce4-9ab4-7fce-b660-8e5dec5172da"


def definition(name: str) -> dict:
    return schemas.load_schema("payload")["$defs"][name]


def schema_accepts(name: str, value) -> bool:
    validator = schemas.validator("payload")
    return validator.evolve(schema=definition(name)).is_valid(value)


IPV4_CASES = {
    "10.0.0.1": True,
    "0.0.0.0": True,
    "255.255.255.255": True,
    "10.0.0.256": False,
    "10.0.0.01": False,
    "010.0.0.1": False,
    "10.0.0": False,
    "10.0.0.1.": False,
    "1.2.3.4\n": False,
    " 10.0.0.1": False,
    "10.0.0.1/32": False,
    "١٠.0.0.1": False,  # Arabic-Indic digits
    "": False,
}
IPV6_CASES = {
    "fe80::": True,
    "fe80::1": True,
    "::": True,
    "::1": True,
    "2001:db8::10": True,
    "::ffff:10.0.0.1": True,
    "fe80::1%eth0": True,
    "fe80::1%en0.1:x-y": True,
    "1:2:3:4:5:6:7:8": True,
    "1:2:3:4:5:6:7::": True,
    "FE80::ABCD": True,
    "fe80::1%": False,
    "fe80::1%eth 0": False,
    "[fe80::1]": False,
    "2001:db8::/32": False,
    "10.0.0.1": False,
    "1:2:3:4:5:6:7:8:9": False,
    "1::2::3": False,
    "12345::1": False,
    "::ffff:10.0.0.01": False,
    "fe80::1\n": False,
    "": False,
}


@pytest.mark.parametrize(("text", "valid"), IPV4_CASES.items())
def test_ipv4_edge_cases(text, valid):
    assert is_ipv4(text) is valid
    assert schema_accepts("ipv4", text) is valid


@pytest.mark.parametrize(("text", "valid"), IPV6_CASES.items())
def test_ipv6_edge_cases(text, valid):
    assert is_ipv6(text) is valid
    assert schema_accepts("ipv6", text) is valid


def random_address_like(rnd: random.Random) -> str:
    if rnd.random() < 0.5:
        groups = rnd.randint(1, 9)
        parts = [
            rnd.choice(
                ["0", "1", "ffff", "abcd", "12345", "", "1.2.3.4", "01.2.3.4", "255.255.255.255"]
            )
            for _ in range(groups)
        ]
        text = ":".join(parts)
        text = ("::" if rnd.random() < 0.3 else "") + text + ("::" if rnd.random() < 0.3 else "")
        return text + ("%eth0" if rnd.random() < 0.1 else "")
    return "".join(rnd.choice("0123456789abcdefABCDEF:.%:::g") for _ in range(rnd.randint(0, 18)))


def test_python_and_schema_agree_on_random_addresses():
    ipv4 = re.compile(definition("ipv4")["pattern"])
    ipv6 = re.compile(definition("ipv6")["pattern"])
    rnd = random.Random(4)
    for _ in range(20000):
        text = random_address_like(rnd)
        assert is_ipv4(text) == bool(ipv4.fullmatch(text)), text
        assert is_ipv6(text) == bool(ipv6.fullmatch(text)), text


HOSTNAMES = {
    "db.internal": True,
    "api.example.com": True,
    "db_1.corp": True,
    "localhost": True,
    "a" * 253: True,
    "a" * 254: False,
    "": False,
    "   ": False,
    "https://api.example.com": False,
    "api.example.com/v1": False,
    "db.internal:5432": False,
    "10.0.0.5": False,
    "fe80::1": False,
    "[fe80::1]": False,
    "db internal": False,
    " db.internal": False,
    "db.internal\t": False,
    "010.0.0.5": True,  # not an IPv4 address to Node either, so a (strange) name
}


@pytest.mark.parametrize(("text", "valid"), HOSTNAMES.items(), ids=lambda v: repr(v)[:20])
def test_hostname_rules(text, valid):
    assert (hostname_problem(text) is None) is valid
    assert schema_accepts("hostname", text) is valid


def test_hostname_messages_give_the_bare_name():
    assert hostname_problem("https://api.example.com/v1") == (
        'a hostname is a bare name; remove the scheme `https://` and the path `/v1`: "api.example.com"'
    )
    assert 'write `"tcp_port": 5432` instead' in hostname_problem("db.internal:5432", "tcp")
    assert 'write `"http_port": 8080` instead' in hostname_problem("db.internal:8080", "http")
    assert '`"ipv6": "fe80::1"`' in hostname_problem("[fe80::1]")


def test_address_messages_say_what_to_write():
    assert ipv4_problem("10.0.0.1") is None
    assert "put it in `ipv6`" in ipv4_problem("2001:db8::1")
    assert "remove the port" in ipv4_problem("10.0.0.1:8080")
    assert "for a name, use `hostname`" in ipv4_problem("db.internal")
    assert '"10.0.0.1"' in ipv4_problem(" 10.0.0.1")
    assert ipv6_problem("fe80::1%eth0") is None
    assert "one address, not a network" in ipv6_problem("2001:db8::/48")
    assert ip_problem("fd00::53") is None
    assert '["10.0.0.53", "10.0.0.54"]' in ip_problem("10.0.0.53,10.0.0.54")
    assert "without a port" in ip_problem("10.0.0.53:53")


def test_uuids():
    assert is_uuid(T) and is_uuid(T.upper())
    assert not is_uuid("{" + T + "}")
    assert not is_uuid(T + "\n")
    source = "the tunnel's id"
    assert f'"{T}"' in uuid_problem("{" + T + "}", "`tunnel_id`", source)
    assert f'"{T}"' in uuid_problem("urn:uuid:" + T, "`tunnel_id`", source)
    assert "placeholder: replace it with the tunnel's id" in uuid_problem(
        "${TUNNEL_ID}", "`tunnel_id`", source
    )
    assert "not a number" in uuid_problem(5, "`tunnel_id`", source)
    for value in (T, "{" + T + "}", "x", 5, None):
        assert (uuid_problem(value, "x", source) is None) == schema_accepts("uuid", value)


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        (0, "is 0"),
        (65536, "above 65535"),
        (True, "not a boolean"),
        ("443", "write 443 without quotes"),
        ("http", 'not the string "http"'),
        (443.0, "write 443, not 443.0"),
        (1.5, "whole number"),
        ([443], "not an array"),
    ],
)
def test_port_problems(value, phrase):
    assert phrase in port_problem(value)


@pytest.mark.parametrize("value", [1, 80, 65535])
def test_good_ports(value):
    assert port_problem(value) is None
    assert schema_accepts("port", value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"type": "http", "host": {}}, True),
        ({"type": "http", "name": "a"}, False),
        ({"host": {}}, False),
        ([{"type": "tcp", "host": {}}, {"type": "http", "host": {}}], True),
        ([{"type": "tcp", "host": {}}, {"name": "broken"}], True),
        ([{"type": "tcp", "host": {}}, "not an object"], False),
        ([], False),
        ([{"name": "a"}], False),
        ("type host", False),
        (None, False),
        ({"vpc_services": [], "type": "x"}, False),
    ],
)
def test_looks_like_payload(value, expected):
    assert looks_like_payload(value) is expected

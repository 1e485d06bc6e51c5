"""schemas/vpc-service.schema.json: valid, self-consistent, and the truth for payload shapes.

The central test: on every payload of the payload tests (and on thousands of seeded
mutations of valid payloads), the schema says "valid" exactly when vpclint reports no
error-level finding of VPC301-VPC313 and no VPC315 finding. The one documented
exception is a port written as a number with a zero fraction (``5432.0``), which JSON
Schema counts as an integer and vpclint does not (VPC309).
"""

from __future__ import annotations

import copy
import json
import random
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from test_payload_examples import EXAMPLES, example_text
from test_payload_rules import FAILING, PASSING, T

from vpclint import schemas
from vpclint.cli import cli
from vpclint.runner import lint_text

SHAPE_ERRORS = {f"VPC3{n:02d}" for n in range(1, 14)}
ALLOWED_KEYWORDS = {
    # what the fast pre-check interprets
    "type", "properties", "required", "additionalProperties", "items", "minLength",
    "maxLength", "minimum", "maximum", "pattern", "enum", "const", "if", "then", "else",
    "allOf", "not", "$ref", "$defs", "propertyNames",
    # annotations
    "$schema", "$id", "title", "description", "examples", "readOnly",
}  # fmt: skip


def schema() -> dict[str, Any]:
    return schemas.load_schema("payload")


def subschemas(node: Any, path: str = "#"):
    """Every schema object in the schema, with a JSON-pointer-like location."""
    if not isinstance(node, dict):
        return
    yield path, node
    for key in ("properties", "$defs"):
        for name, child in node.get(key, {}).items():
            yield from subschemas(child, f"{path}/{key}/{name}")
    for key in ("items", "additionalProperties", "if", "then", "else", "not", "propertyNames"):
        yield from subschemas(node.get(key), f"{path}/{key}")
    for index, child in enumerate(node.get("allOf", [])):
        yield from subschemas(child, f"{path}/allOf/{index}")


def schema_valid(value: Any) -> bool:
    return next(iter(schemas.iter_errors("payload", value)), None) is None


def vpclint_shape_valid(value: Any) -> bool:
    text = json.dumps(value, indent=2)
    diagnostics = lint_text(text, "service.json", kind="payload")
    return not any(
        (d.code in SHAPE_ERRORS and d.severity == "error") or d.code == "VPC315"
        for d in diagnostics
    )


def test_schema_is_valid_against_its_metaschema():
    Draft202012Validator.check_schema(schema())
    assert schema()["$id"].endswith("vpc-service.schema.json")
    assert schema()["title"]


def test_schema_uses_only_the_small_keyword_subset():
    for location, node in subschemas(schema()):
        unknown = set(node) - ALLOWED_KEYWORDS
        assert not unknown, f"{location} uses {unknown}"
        assert "oneOf" not in node and "anyOf" not in node, location


def test_every_example_in_the_schema_validates():
    validator = schemas.validator("payload")
    counted = 0
    for location, node in subschemas(schema()):
        for example in node.get("examples", []):
            errors = list(validator.evolve(schema=node).iter_errors(example))
            assert errors == [], f"{location}: {example!r}: {errors[0].message}"
            counted += 1
    assert counted >= 20
    assert len(schema()["examples"]) >= 4


def test_every_property_has_a_description():
    """Each property of the payload and of every definition is documented."""
    definitions = schema()["$defs"]
    owners = [("#", schema())] + [(f"#/$defs/{n}", d) for n, d in definitions.items()]
    for location, owner in owners:
        for name, child in owner.get("properties", {}).items():
            if child is False:  # a key forbidden in this shape
                continue
            target = child
            if "$ref" in child and "description" not in child:
                target = definitions[child["$ref"].rsplit("/", 1)[1]]
            assert "description" in target, f"{location}/properties/{name}"


def test_schema_command_prints_the_bundled_file():
    result = CliRunner().invoke(cli, ["schema", "payload"], catch_exceptions=False)
    assert result.exit_code == 0
    assert json.loads(result.output) == schema()


# -- the schema and the rules agree --------------------------------------------------


def collected_payloads() -> list[Any]:
    """Every payload object of the payload tests (array files split into elements)."""
    values = []
    texts = [case[1] for case in FAILING] + [case[1] for case in PASSING]
    texts += [example_text(case[3]) for case in EXAMPLES]
    for text in texts:
        value = json.loads(text.replace("<T>", T))
        values.extend(value if isinstance(value, list) else [value])
    return values


ALL_TEST_PAYLOADS = collected_payloads()


@pytest.mark.parametrize("value", ALL_TEST_PAYLOADS, ids=range(len(ALL_TEST_PAYLOADS)))
def test_schema_agrees_with_the_rules_on_every_test_payload(value):
    if isinstance(value, dict) and isinstance(value.get("tcp_port"), float):
        pytest.skip("the documented exception, tested below")
    assert schema_valid(value) == vpclint_shape_valid(value)


def test_both_verdicts_occur():
    verdicts = {schema_valid(value) for value in ALL_TEST_PAYLOADS}
    assert verdicts == {True, False}


def test_the_one_exception_a_float_port():
    value = {
        "name": "pg",
        "type": "tcp",
        "tcp_port": 5432.0,
        "host": {"ipv4": "10.0.0.5", "network": {"tunnel_id": T}},
    }
    assert schema_valid(value)  # JSON Schema: 5432.0 is an integer
    assert not vpclint_shape_valid(value)  # the API's int32 port is not


KEYS = [
    "name", "type", "host", "http_port", "https_port", "tcp_port", "app_protocol",
    "tls_settings", "service_id", "account_id", "ipv4", "ipv6", "hostname", "network",
    "resolver_network", "tunnel_id", "resolver_ips", "cert_verification_mode",
    "certificate_authority", "client_certificate", "Name", "tunnel_ID", "port", "tcpPort",
    "http-port", "ip", "hostName", "mode", "tls", "foo", "resolvers",
]  # fmt: skip
VALUES = [
    None, True, False, 0, 1, 80, 443, 65535, 65536, -1, 1.5, "", " ", "http", "tcp", "HTTP",
    "udp", "443", "10.0.0.1", "10.0.0.256", "010.0.0.1", "fe80::1", "fe80::1%eth0",
    "[::1]", "::ffff:1.2.3.4", "10.0.0.0/24", "example.com", "https://x.com/a", "db:5432",
    "a b", "a" * 260, T, "00000000-0000-0000-0000-000000000000", "my-tunnel",
    "verify_full", "verify_ca", "disabled", "strict", "postgresql", "mysql", "redis",
    [], ["10.0.0.1"], ["x"], [1], {}, {"tunnel_id": T}, {"tunnel_id": "x"},
    {"cert_verification_mode": "disabled", "certificate_authority": T},
    {"ipv4": "10.0.0.1", "network": {"tunnel_id": T}},
]  # fmt: skip
SEEDS = [
    {
        "type": "http",
        "name": "a",
        "http_port": 80,
        "https_port": 443,
        "host": {"ipv4": "10.0.0.1", "ipv6": "fe80::", "network": {"tunnel_id": T}},
    },
    {
        "type": "http",
        "name": "b",
        "host": {
            "hostname": "example.com",
            "resolver_network": {"tunnel_id": T, "resolver_ips": ["10.0.0.1"]},
        },
    },
    {
        "type": "tcp",
        "name": "c",
        "tcp_port": 5432,
        "app_protocol": "postgresql",
        "host": {"ipv6": "fd00::1", "network": {"tunnel_id": T}},
        "tls_settings": {
            "cert_verification_mode": "verify_ca",
            "certificate_authority": T,
            "client_certificate": T,
        },
    },
]


def node_paths(value: Any, path: tuple = ()):
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from node_paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from node_paths(child, (*path, index))


def node_at(value: Any, path: tuple) -> Any:
    for part in path:
        value = value[part]
    return value


def mutated(seed: dict[str, Any], rnd: random.Random) -> dict[str, Any]:
    """``seed`` with one to three random deletions, insertions or replacements."""
    value = copy.deepcopy(seed)
    for _ in range(rnd.randint(1, 3)):
        path = rnd.choice([p for p in node_paths(value) if p])
        parent, target = node_at(value, path[:-1]), node_at(value, path)
        choice = rnd.random()
        if choice < 0.3:
            del parent[path[-1]]
        elif choice < 0.6 and isinstance(target, dict):
            target[rnd.choice(KEYS)] = copy.deepcopy(rnd.choice(VALUES))
        elif choice < 0.7 and isinstance(parent, dict):
            parent[rnd.choice(KEYS)] = copy.deepcopy(rnd.choice(VALUES))
        else:
            parent[path[-1]] = copy.deepcopy(rnd.choice(VALUES))
    return value


def test_schema_agrees_with_the_rules_on_seeded_mutations():
    rnd = random.Random(20261127)
    disagreements = []
    verdicts = {True: 0, False: 0}
    for _ in range(3000):
        value = mutated(rnd.choice(SEEDS), rnd)
        verdict = schema_valid(value)
        verdicts[verdict] += 1
        if verdict != vpclint_shape_valid(value):
            disagreements.append(value)
    assert disagreements == []
    assert verdicts[True] > 100 and verdicts[False] > 1000

"""The fast yes/no schema check must agree with jsonschema, or vpclint would skip real errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from vpclint import schemas
from vpclint.fastschema import is_valid
from vpclint.schemaerrors import iter_errors

REPO = Path(__file__).resolve().parent.parent
UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"

KEYWORD_SCHEMAS = [
    {"type": "integer", "minimum": 1, "maximum": 65535},
    {"type": ["string", "null"], "minLength": 1, "maxLength": 3},
    {"enum": [1, "a", None, True]},
    {"const": 1},
    {"type": "string", "pattern": "[A-Z_]+"},
    {"type": "string", "format": "uuid"},
    {"type": "string", "format": "ipv4"},
    {"type": "string", "format": "ipv6"},
    {
        "type": "object",
        "properties": {"a": {"type": "boolean"}},
        "required": ["a"],
        "additionalProperties": False,
    },
    {
        "type": "object",
        "patternProperties": {"^x": {"type": "integer"}},
        "additionalProperties": {"type": "string"},
    },
    {"type": "array", "items": {"type": "object", "required": ["b"]}, "minItems": 1},
    {"oneOf": [{"required": ["a"]}, {"required": ["b"]}]},
    {"anyOf": [{"type": "string"}, {"type": "integer"}]},
    {"not": {"type": "null"}},
    {
        "if": {"properties": {"t": {"const": "x"}}},
        "then": {"required": ["y"]},
        "else": {"required": ["z"]},
    },
    {"$defs": {"p": {"type": "integer"}}, "properties": {"a": {"$ref": "#/$defs/p"}}},
    {"propertyNames": {"pattern": "[a-z]+"}},
    {"allOf": [{"minProperties": 1}, {"maxProperties": 2}]},
]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 70000)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(
        ["", "a", "AB_C", "x1", UUID, UUID.upper(), "10.0.0.1", "fe80::1", "fe80::1%eth0", "t"]
    )
    | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["a", "b", "t", "x", "xy", "y", "z", "Z"]), children, max_size=4
        )
    ),
    max_leaves=12,
)


def jsonschema_valid(schema, value) -> bool:
    return Draft202012Validator(
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER
    ).is_valid(value)


@pytest.mark.parametrize("schema", KEYWORD_SCHEMAS, ids=lambda s: ",".join(sorted(s)))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(value=json_values)
def test_keywords_agree_with_jsonschema(schema, value):
    if "pattern" in json.dumps(schema):
        # vpclint gives `pattern` full-match semantics; compare against that
        return
    assert is_valid(schema, value) == jsonschema_valid(schema, value)


def test_pattern_is_full_match():
    schema = {"type": "string", "pattern": "[A-Z]+"}
    assert is_valid(schema, "ABC") is True
    assert is_valid(schema, "ABC\n") is False
    assert is_valid(schema, "xABC") is False


def test_bool_is_not_an_integer_and_one_point_zero_is():
    assert is_valid({"type": "integer"}, True) is False
    assert is_valid({"type": "integer"}, 1.0) is True
    assert is_valid({"enum": [1]}, True) is False


def test_unknown_keyword_defers_to_jsonschema():
    assert is_valid({"unevaluatedProperties": False}, {}) is None


def documents_on_disk():
    """Every wrangler config and payload the tests and examples keep, parsed."""
    from vpclint.discover import is_wrangler_name
    from vpclint.source.jsonc import parse_jsonc
    from vpclint.source.model import ParseError
    from vpclint.source.text import DecodeError, decode
    from vpclint.source.toml import parse_toml

    for path in sorted([*REPO.glob("tests/**/*"), *REPO.glob("examples/**/*")]):
        if not path.is_file() or path.suffix not in (".toml", ".json", ".jsonc"):
            continue
        try:
            text = decode(path.read_bytes())
            parsed = parse_toml(text) if path.suffix == ".toml" else parse_jsonc(text)
        except (DecodeError, ParseError):
            continue
        kind = "wrangler" if is_wrangler_name(path.name) or path.suffix == ".toml" else "payload"
        values = (
            parsed.value if kind == "payload" and isinstance(parsed.value, list) else [parsed.value]
        )
        for value in values:
            yield kind, path, value


@pytest.mark.parametrize("kind", ["wrangler", "payload"])
def test_bundled_schemas_agree_on_every_fixture(kind):
    checked = 0
    for doc_kind, path, value in documents_on_disk():
        if doc_kind != kind:
            continue
        fast = is_valid(schemas.load_schema(kind), value)
        slow = not any(True for _ in schemas.validator(kind).iter_errors(value))
        assert fast == slow, f"{path}: fast path says {fast}, jsonschema says {slow}"
        checked += 1
    assert checked > 0


# ---------------------------------------------------------------------------- errors


def error_keys(errors) -> list[tuple]:
    """What the rules read of each error (keyword, its value, path, instance, subschema),
    sorted: jsonschema visits the extra keys of an object schema in set order."""
    keys = [
        (
            str(error.validator),
            json.dumps(error.validator_value, sort_keys=True, default=str),
            json.dumps(list(error.absolute_path)),
            id(error.instance),
            json.dumps(error.schema, sort_keys=True, default=str),
        )
        for error in errors
    ]
    return sorted(keys)


def jsonschema_errors(schema, value):
    return Draft202012Validator(
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER
    ).iter_errors(value)


@pytest.mark.parametrize("schema", KEYWORD_SCHEMAS, ids=lambda s: ",".join(sorted(s)))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(value=json_values)
def test_errors_agree_with_jsonschema(schema, value):
    if "pattern" in json.dumps(schema):
        return  # full-match `pattern`: compared through vpclint's validator below
    assert error_keys(iter_errors(schema, value)) == error_keys(jsonschema_errors(schema, value))


def test_errors_in_jsonschema_order():
    schema = KEYWORD_SCHEMAS[8]  # type, properties, required, additionalProperties
    value = {"a": 1, "b": 2}
    fast = [(e.validator, list(e.absolute_path)) for e in iter_errors(schema, value)]
    slow = [(e.validator, list(e.absolute_path)) for e in jsonschema_errors(schema, value)]
    assert fast == slow == [("type", ["a"]), ("additionalProperties", [])]


@pytest.mark.parametrize("kind", ["wrangler", "payload"])
def test_bundled_schema_errors_agree_on_every_fixture(kind):
    checked = 0
    for doc_kind, path, value in documents_on_disk():
        if doc_kind != kind:
            continue
        fast = iter_errors(schemas.load_schema(kind), value)
        slow = schemas.validator(kind).iter_errors(value)
        assert fast is not None, path
        assert error_keys(fast) == error_keys(slow), path
        checked += 1
    assert checked > 0


ENTRY_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1, 3),
    st.sampled_from(["", "API", UUID, "cf1:network", "x"]),
    st.lists(st.just(1), max_size=1),
)
ENTRIES = st.one_of(
    st.dictionaries(
        st.sampled_from(
            ["binding", "service_id", "tunnel_id", "network_id", "remote", "name", "id", "x"]
        ),
        ENTRY_VALUES,
        max_size=5,
    ),
    ENTRY_VALUES,
)
LISTS = st.one_of(st.lists(ENTRIES, max_size=3), ENTRY_VALUES)
SCOPES = st.dictionaries(
    st.sampled_from(["vpc_services", "vpc_networks", "name", "previews"]),
    st.one_of(LISTS, st.dictionaries(st.sampled_from(["vpc_services", "vpc_networks"]), LISTS)),
    max_size=3,
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    config=SCOPES,
    envs=st.dictionaries(st.sampled_from(["staging", "prod", "dev"]), SCOPES | ENTRY_VALUES),
)
def test_wrangler_errors_agree_on_generated_configs(config, envs):
    value = {**config, "env": envs} if envs else config
    fast = iter_errors(schemas.load_schema("wrangler"), value)
    slow = list(schemas.validator("wrangler").iter_errors(value))
    assert error_keys(fast) == error_keys(slow)
    assert is_valid(schemas.load_schema("wrangler"), value) is (not slow)

"""A `"__proto__"` key in a wrangler JSON config, read as wrangler's JSONC parser reads it."""

from __future__ import annotations

from vpclint.runner import lint_text
from vpclint.source.jsobjects import apply_prototypes, own_keys
from vpclint.source.jsonc import parse_jsonc


def seen(text: str):
    return apply_prototypes(parse_jsonc(text))


def test_an_object_value_is_inherited_and_keeps_its_position():
    text = '{"a": 1, "__proto__": {"a": 2, "b": {"c": 3}}}'
    parsed = seen(text)
    assert parsed.value == {"a": 1, "b": {"c": 3}}
    assert own_keys(parsed.value) == ["a"]
    span = parsed.spans[("b", "c")]
    assert text[span.value_start : span.value_end] == "3"
    assert text[span.key_start : span.key_end] == '"c"'


def test_a_chain_of_prototypes_and_other_values():
    parsed = seen('{"__proto__": {"__proto__": {"x": [1]}}, "v": {"__proto__": "s"}}')
    assert parsed.value == {"x": [1], "v": {}}
    assert own_keys(parsed.value) == ["v"]
    assert seen('{"__proto__": null, "k": 1}').value == {"k": 1}


def test_a_file_without_proto_is_returned_as_it_is():
    parsed = parse_jsonc('{"a": {"b": 1}}')
    assert apply_prototypes(parsed) is parsed


def test_wrangler_checks_see_bindings_from_a_prototype():
    text = (
        "{\n"
        '  "__proto__": { "vpc_services": [{ "binding": "API", "service_id": "nope" }] },\n'
        '  "vars": { "__proto__": { "API": "inherited, so not listed" } }\n'
        "}\n"
    )
    found = {(d.code, d.start.line, d.start.column) for d in lint_text(text, "wrangler.json")}
    assert found == {("VPC203", 2, 35), ("VPC206", 2, 69)}  # no VPC201 for the var


def test_payload_files_keep_proto_as_a_key():
    """The API reads strict JSON: `__proto__` is an unknown field there, not a prototype."""
    text = '{"name": "a", "type": "tcp", "tcp_port": 5432, "host": {}, "__proto__": {}}'
    found = lint_text(text, "svc.json", kind="payload")
    assert any(d.code == "VPC315" and "__proto__" in d.message for d in found)

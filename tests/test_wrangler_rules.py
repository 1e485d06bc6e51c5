"""Wrangler rules VPC101-VPC211: metadata, the schema, and behaviour through lint_text.

tests/test_wrangler_cases.py covers every rule with example files (positions, phrases,
agreement with wrangler); this file pins the details that matter beyond one file:
related locations and fixes, one finding per root cause, the schema itself, the
binding-kind table, and odd values that must not crash anything.
"""

from __future__ import annotations

import datetime
import json

import pytest
from jsonschema import Draft202012Validator

from vpclint.document import Document
from vpclint.rules.registry import CHECKS, RULES, load_every_rule
from vpclint.rules.wrangler.bindings import BINDING_KINDS, KINDS_BY_KEY
from vpclint.rules.wrangler.names import is_js_identifier, upper_snake
from vpclint.rules.wrangler.shape import suggest_field
from vpclint.runner import lint_text
from vpclint.schemas import iter_errors, load_schema
from vpclint.settings import Settings
from vpclint.source.text import SourceText

U = "0199295b-b3ac-7760-8246-bca40877b3e9"
U2 = "5a3b8e7c-1d2f-4a6b-9c8d-0e1f2a3b4c5d"
T = "6ff42ae2-765d-4adf-8112-31c55c1551ef"
HEAD = 'name = "w"\ncompatibility_date = "2025-01-01"\n'

CATALOGUE = {
    "VPC101": ("binding-list-not-array", "error"),
    "VPC102": ("binding-entry-not-object", "error"),
    "VPC103": ("missing-binding", "error"),
    "VPC104": ("missing-service-id", "error"),
    "VPC105": ("unknown-binding-field", "warning"),
    "VPC106": ("remote-not-boolean", "error"),
    "VPC107": ("vpc-network-target", "error"),
    "VPC201": ("duplicate-binding-name", "error"),
    "VPC202": ("remote-false", "error"),
    "VPC203": ("remote-unset", "warning"),
    "VPC204": ("env-missing-vpc-list", "warning"),
    "VPC205": ("env-missing-binding", "warning"),
    "VPC206": ("invalid-service-id", "error"),
    "VPC207": ("invalid-tunnel-id", "error"),
    "VPC208": ("binding-not-identifier", "warning"),
    "VPC209": ("pages-unsupported", "error"),
    "VPC210": ("previews-vpc-networks-ignored", "warning"),
    "VPC211": ("binding-name-style", "info"),
    "VPC212": ("unknown-vpc-list-key", "error"),
    "VPC213": ("key-after-table-header", "warning"),
    "VPC214": ("reserved-binding-name", "error"),
    "VPC217": ("invalid-binding-value", "error"),
    "VPC218": ("invalid-config-value", "error"),
}


def lint(text: str, name: str = "wrangler.toml", settings: Settings | None = None):
    return lint_text(text, name, settings=settings or Settings())


def codes(diagnostics) -> list[str]:
    return [d.code for d in diagnostics]


def only(diagnostics, code: str):
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1, diagnostics
    return found[0]


# --- metadata ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_rule_metadata_matches_the_catalogue(code: str):
    load_every_rule()
    rule = RULES[code]
    assert (rule.name, rule.severity) == CATALOGUE[code]
    assert rule.kinds == ("wrangler",)
    assert rule.default_enabled is (code != "VPC211")
    for text in (rule.summary, rule.what, rule.why, rule.example, rule.use_instead):
        assert text.strip()
    assert rule.example != rule.use_instead


def test_every_wrangler_code_has_a_check():
    load_every_rule()
    checked = {code for check in CHECKS if check.kind == "wrangler" for code in check.codes}
    assert set(CATALOGUE) <= checked


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_rule_examples_trigger_their_rule_and_fixes_do_not(code: str):
    rule = RULES[code]
    settings = Settings(select=(code,))
    assert code in codes(lint(HEAD + rule.example, settings=settings))
    assert code not in codes(lint(HEAD + rule.use_instead, settings=settings))


# --- the schema -------------------------------------------------------------------------

ALLOWED_KEYWORDS = {
    "$schema", "$id", "$ref", "$defs", "title", "description", "examples",
    "type", "properties", "required", "additionalProperties", "items", "minLength",
    "pattern", "enum", "const", "oneOf", "anyOf", "not", "if", "then", "else",
    "propertyNames",
}  # fmt: skip


def walk_schemas(schema, where="#"):
    """Every (location, subschema) of the wrangler schema."""
    yield where, schema
    for key in ("properties", "$defs"):
        for name, sub in schema.get(key, {}).items():
            yield from walk_schemas(sub, f"{where}/{key}/{name}")
    for key in ("items", "additionalProperties", "not", "if", "then", "else"):
        if isinstance(schema.get(key), dict):
            yield from walk_schemas(schema[key], f"{where}/{key}")
    for key in ("oneOf", "anyOf"):
        for index, sub in enumerate(schema.get(key, [])):
            yield from walk_schemas(sub, f"{where}/{key}/{index}")


def test_schema_is_valid_and_documented():
    schema = load_schema("wrangler")
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] and schema["title"] and schema["description"]
    assert "VPC206" in schema["description"]  # the split between schema and Python rules
    for where, sub in walk_schemas(schema):
        assert set(sub) <= ALLOWED_KEYWORDS, where
        for name, prop in sub.get("properties", {}).items():
            assert prop.get("description"), f"{where}/properties/{name}"


def test_schema_examples_validate():
    schema = load_schema("wrangler")
    assert len(schema["examples"]) >= 2
    for example in schema["examples"]:
        assert list(iter_errors("wrangler", example)) == []
        assert lint(json.dumps(example, indent=2), "wrangler.json") == []


def test_schema_allows_other_keys_and_non_object_roots():
    config = {"name": "w", "kv_namespaces": [{"binding": "X"}], "env": {"a": {"routes": 5}}}
    assert list(iter_errors("wrangler", config)) == []
    assert list(iter_errors("wrangler", [])) == []


def test_schema_does_not_check_id_formats():
    """UUIDs are VPC206/VPC207 (Python), never schema errors: no double report."""
    config = {
        "vpc_services": [{"binding": "A", "service_id": "not-a-uuid"}],
        "vpc_networks": [{"binding": "N", "tunnel_id": "t"}],
    }
    assert list(iter_errors("wrangler", config)) == []


# --- shape (VPC1xx) ---------------------------------------------------------------------


def test_both_ids_give_exactly_one_vpc107_with_both_keys_related():
    text = HEAD + (
        f'\n[[vpc_networks]]\nbinding = "NET"\ntunnel_id = "{T}"\nnetwork_id = 5\nremote = true\n'
    )
    diagnostics = lint(text)
    assert codes(diagnostics) == ["VPC107"]
    finding = diagnostics[0]
    assert (finding.start.line, finding.start.column) == (4, 1)
    assert (finding.end.line, finding.end.column) == (4, 17)
    assert [r.start.line for r in finding.related] == [6, 7]
    assert finding.pointer == "/vpc_networks/0"


def test_misspelt_service_id_is_one_error_at_the_entry_naming_the_key():
    text = HEAD + f'\n[[vpc_services]]\nbinding = "API"\nservice_ID = "{U}"\nremote = true\n'
    diagnostics = lint(text)
    missing = only(diagnostics, "VPC104")
    assert codes(diagnostics) == ["VPC104"]
    assert (missing.start.line, missing.start.column) == (4, 1)
    assert "`service_ID`" in missing.message
    assert missing.fix == "rename `service_ID` to `service_id`"
    assert missing.related[0].start.line == 6


def test_misspelt_key_is_still_reported_when_the_explaining_rule_is_ignored():
    text = HEAD + f'\n[[vpc_services]]\nbinding = "API"\nserviceid = "{U}"\nremote = true\n'
    unknown = only(lint(text, settings=Settings(ignore=("VPC104",))), "VPC105")
    assert (unknown.start.line, unknown.start.column, unknown.end.column) == (6, 1, 10)
    assert "did you mean `service_id`?" in unknown.message
    assert unknown.fix == "rename `serviceid` to `service_id`"


def test_binding_by_name_says_it_is_not_supported():
    text = HEAD + '\n[[vpc_services]]\nbinding = "API"\nservice = "billing"\nremote = true\n'
    missing = only(lint(text), "VPC104")
    assert "a VPC service cannot be bound by name with `service`" in missing.message
    assert missing.fix.startswith('replace `service` with `service_id = "<uuid>"`')
    unknown = only(lint(text, settings=Settings(ignore=("VPC104",))), "VPC105")
    assert "binding a VPC service by name is not supported; use `service_id`" in unknown.message


def test_entry_that_is_not_an_object_gets_nothing_else():
    text = '{"vpc_networks": ["NET", [1, 2]], "vpc_services": 7}'
    diagnostics = lint(text, "wrangler.jsonc")
    assert codes(diagnostics) == ["VPC102", "VPC102", "VPC101"]


@pytest.mark.parametrize(
    ("key", "list_key", "expected"),
    [
        ("service_ID", "vpc_services", "service_id"),
        ("serviceId", "vpc_services", "service_id"),
        ("service-id", "vpc_services", "service_id"),
        ("Remote", "vpc_services", "remote"),
        ("remtoe", "vpc_services", "remote"),
        ("name", "vpc_services", "binding"),
        ("bindng", "vpc_networks", "binding"),
        ("tunnelId", "vpc_networks", "tunnel_id"),
        ("network", "vpc_networks", "network_id"),
        ("port", "vpc_services", None),
        ("tunnel_id", "vpc_services", None),
    ],
)
def test_suggest_field(key, list_key, expected):
    assert suggest_field(key, list_key) == expected


def test_toml_dates_in_vpc_fields_are_type_errors_not_crashes():
    text = HEAD + "\n[[vpc_services]]\nbinding = 2025-01-01\nservice_id = 07:32:00\nremote = true\n"
    diagnostics = lint(text)
    assert codes(diagnostics) == ["VPC103", "VPC104"]
    assert "date/time 2025-01-01" in diagnostics[0].message


# --- VPC201 -----------------------------------------------------------------------------

SPEC_EXAMPLE = HEAD + (
    "[env.staging]\n"
    'name = "w-staging"\n'
    "[[env.staging.kv_namespaces]]\n"
    'id = "0f2ac74b498b48028cb68387c421e279"\n'
    "# the cache\n"
    'binding = "API"\n'
    "[[env.staging.vpc_services]]\n"
    'binding = "DB"\n'
    f'service_id = "{U}"\n'
    "remote = true\n"
    "[[env.staging.vpc_services]]\n"
    'binding = "API"\n'
    f'service_id = "{U2}"\n'
    "remote = true\n"
)


def test_duplicate_matches_the_json_output_contract_example():
    finding = only(lint(SPEC_EXAMPLE), "VPC201")
    assert finding.as_dict() == {
        "path": "wrangler.toml",
        "code": "VPC201",
        "name": "duplicate-binding-name",
        "severity": "error",
        "message": 'binding name "API" is already used by the KV namespace on line 8 '
        "(this one is a VPC service)",
        "pointer": "/env/staging/vpc_services/1/binding",
        "start": {"line": 14, "column": 11},
        "end": {"line": 14, "column": 16},
        "related": [
            {
                "message": "first used here",
                "start": {"line": 8, "column": 11},
                "end": {"line": 8, "column": 16},
            }
        ],
        "fix": "rename one of the two bindings",
        "applicability": None,
        "edits": [],
    }


def test_duplicate_in_jsonc_points_at_the_second_value():
    text = (
        "{\n"
        '  "vars": { "API": "x" },\n'
        f'  "vpc_services": [{{ "binding": "API", "service_id": "{U}", "remote": true }}]\n'
        "}\n"
    )
    finding = only(lint(text, "wrangler.jsonc"), "VPC201")
    assert (finding.start.line, finding.start.column, finding.end.column) == (3, 33, 38)
    assert "already used by the environment variable on line 2" in finding.message
    assert (finding.related[0].start.line, finding.related[0].start.column) == (2, 13)


def test_one_malformed_entry_does_not_hide_other_clashes():
    text = HEAD + (
        '\n[[kv_namespaces]]\nbinding = "API"\nid = "k"\n'
        f'\n[[vpc_services]]\nservice_id = "{U}"\nremote = true\n'
        f'\n[[vpc_services]]\nbinding = "API"\nservice_id = "{U}"\nremote = true\n'
    )
    assert sorted(codes(lint(text))) == ["VPC103", "VPC201"]


def test_inherited_names_clash_once_not_per_environment():
    """Top-level assets vs wasm module: reported at the top level only, not per env."""
    text = HEAD + (
        'assets = { directory = "./public", binding = "X" }\n'
        '[wasm_modules]\nX = "a.wasm"\n'
        '[env.staging]\nname = "s"\n[env.production]\nname = "p"\n'
    )
    assert codes(lint(text)) == ["VPC201"]


def test_empty_vpc_binding_names_are_vpc103_not_duplicates():
    text = HEAD + (
        f'\n[[vpc_services]]\nbinding = ""\nservice_id = "{U}"\nremote = true\n'
        f'\n[[vpc_services]]\nbinding = ""\nservice_id = "{U}"\nremote = true\n'
    )
    assert codes(lint(text)) == ["VPC103", "VPC103"]


def test_empty_names_of_other_kinds_still_clash():
    """wrangler errors on two KV namespaces both named "" (verified with the oracle)."""
    text = (
        HEAD
        + '[[kv_namespaces]]\nbinding = ""\nid = "a"\n[[kv_namespaces]]\nbinding = ""\nid = "b"\n'
    )
    assert codes(lint(text)) == ["VPC201"]


def test_binding_kind_table():
    keys = [kind.key for kind in BINDING_KINDS]
    assert len(keys) == len(set(keys))
    for key in ("vpc_services", "vpc_networks", "send_email", "ratelimits", "vars", "secrets"):
        assert key in KINDS_BY_KEY
    assert KINDS_BY_KEY["send_email"].name_field == "name"
    assert KINDS_BY_KEY["assets"].in_env == "inherited"
    assert KINDS_BY_KEY["wasm_modules"].in_env == "top_only"
    for not_a_binding in ("tail_consumers", "containers", "define", "connect"):
        assert not_a_binding not in KINDS_BY_KEY


# --- VPC202-VPC205 ----------------------------------------------------------------------


def test_remote_rules_skip_previews_and_non_booleans():
    text = HEAD + (
        f'[[previews.vpc_services]]\nbinding = "A"\nservice_id = "{U}"\n'
        f'[[vpc_services]]\nbinding = "B"\nservice_id = "{U}"\nremote = "no"\n'
    )
    assert codes(lint(text)) == ["VPC106"]


def test_remote_unset_fix_uses_the_file_syntax():
    json_finding = only(
        lint(f'{{"vpc_services": [{{"binding": "A", "service_id": "{U}"}}]}}', "wrangler.json"),
        "VPC203",
    )
    assert json_finding.fix == 'add `"remote": true`'
    assert (json_finding.start.column, json_finding.end.column) == (19, 20)
    toml_finding = only(lint(f'[[vpc_services]]\nbinding = "A"\nservice_id = "{U}"\n'), "VPC203")
    assert toml_finding.fix == "add `remote = true`"


def test_env_rules_name_the_environment_and_point_at_the_top_level():
    text = HEAD + (
        f'[[vpc_services]]\nbinding = "API"\nservice_id = "{U}"\nremote = true\n'
        '[env.staging]\nname = "s"\n'
    )
    finding = only(lint(text), "VPC204")
    assert 'env "staging" has no `vpc_services`' in finding.message
    assert "--env staging" in finding.message
    assert (finding.start.line, finding.start.column) == (7, 6)
    assert finding.related[0].start.line == 3


def test_env_with_same_names_and_other_ids_is_fine():
    text = HEAD + (
        f'[[vpc_services]]\nbinding = "API"\nservice_id = "{U}"\nremote = true\n'
        f'[[env.staging.vpc_services]]\nbinding = "API"\nservice_id = "{U2}"\nremote = true\n'
    )
    assert lint(text) == []


# --- VPC206-VPC211 ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["REPLACE_ME", "<service-id>", "${VPC_ID}", "xxxx", "your-service-id", "TODO"]
)
def test_placeholders_are_named_as_such(value: str):
    text = HEAD + f'[[vpc_services]]\nbinding = "A"\nservice_id = "{value}"\nremote = true\n'
    finding = only(lint(text), "VPC206")
    assert "is a placeholder" in finding.message
    assert "before deploying" in finding.message


def test_hex_without_hyphens_gets_the_hyphenated_fix():
    text = HEAD + (
        '[[vpc_services]]\nbinding = "A"\nservice_id = "0199295BB3AC77608246BCA40877B3E9"\n'
        "remote = true\n"
    )
    assert only(lint(text), "VPC206").fix == f'write "{U}"'


def test_network_id_has_no_format():
    text = HEAD + '[[vpc_networks]]\nbinding = "N"\nnetwork_id = "n1"\nremote = true\n'
    assert lint(text) == []


@pytest.mark.parametrize(
    ("name", "valid"),
    [("API", True), ("$api", True), ("_x1", True), ("π", True), ("my-api", False),
     ("1API", False), ("a b", False), ("", False)],
)  # fmt: skip
def test_is_js_identifier(name: str, valid: bool):
    assert is_js_identifier(name) is valid


@pytest.mark.parametrize(
    ("name", "expected"),
    [("billingApi", "BILLING_API"), ("my-api 1", "MY_API_1"), ("API", "API"),
     ("HTTPServer", "HTTPSERVER"), ("---", "API")],
)  # fmt: skip
def test_upper_snake(name: str, expected: str):
    assert upper_snake(name) == expected


def test_style_rule_is_off_by_default_and_skips_non_identifiers():
    text = HEAD + (
        f'[[vpc_services]]\nbinding = "billingApi"\nservice_id = "{U}"\nremote = true\n'
        f'[[vpc_services]]\nbinding = "bad-name"\nservice_id = "{U}"\nremote = true\n'
    )
    assert codes(lint(text)) == ["VPC208"]
    selected = lint(text, settings=Settings(extend_select=("VPC211",)))
    assert codes(selected) == ["VPC211", "VPC208"]
    assert only(selected, "VPC211").severity == "info"


def test_pages_config_with_null_output_dir_in_json_is_still_pages():
    text = (
        f'{{"pages_build_output_dir": null, "vpc_networks": '
        f'[{{"binding": "N", "tunnel_id": "{T}", "remote": true}}]}}'
    )
    finding = only(lint(text, "wrangler.json"), "VPC209")
    assert finding.related[0].message == "this makes it a Pages config"


# --- robustness -------------------------------------------------------------------------


WRONG_VALUES = ("VPC217", "VPC218")


@pytest.mark.parametrize(
    "text",
    ["[]", '"x"', "5", "null", '{"env": 5}', '{"env": {"a": 5, "b": []}}',
     '{"previews": []}', '{"env": {"a": {"previews": 3}}}', '{"vars": [1], "secrets": 2}',
     '{"durable_objects": {"bindings": 5}, "queues": {"producers": [1]}, "assets": []}',
     '{"vars": {"binding": 1' + "0" * 400 + '}, "secrets": {"required": 5}}',
     '{"secrets": {"required": "AB"}, "ai": {"binding": [1, [2, null]]}, "assets": null}',
     '{"__proto__": {"__proto__": [1]}, "env": {"__proto__": 5, "a": {"__proto__": null}}}'],
)  # fmt: skip
def test_odd_documents_do_not_crash(text: str):
    """Values of the wrong type are VPC217/VPC218 findings; no other rule reads them."""
    found = lint(text, "wrangler.json")
    assert [d for d in found if d.code.startswith("VPC2") and d.code not in WRONG_VALUES] == []


def test_checks_work_on_a_document_without_spans():
    """A document built by hand (no parser): positions fall back, nothing crashes."""
    value = {
        "vpc_services": [
            {"binding": "API", "service_id": "REPLACE_ME", "when": datetime.date(2025, 1, 1)},
            {"binding": "API", "service_id": U, "remote": False},
        ],
        "env": {"staging": {"vpc_networks": [{"binding": 1, "tunnel_id": T}]}},
    }
    document = Document("wrangler.toml", "wrangler", "toml", SourceText(""), value)
    found = set()
    for check in CHECKS:
        if check.kind == "wrangler" and not check.inventory:
            found.update(d.code for d in check.function(document))
    assert found == {"VPC103", "VPC105", "VPC201", "VPC202", "VPC203", "VPC204", "VPC206"}


def test_assets_keys_only_clash_with_kinds_wrangler_counts():
    """`assets` without `binding` is no binding at run time: its keys only matter to
    wrangler's own check, which does not see `ratelimits` / `send_email` names."""
    text = HEAD + (
        'assets = { directory = "./public" }\n'
        '[[ratelimits]]\nname = "directory"\nnamespace_id = "1001"\n'
        "simple = { limit = 1, period = 60 }\n"
    )
    assert lint(text) == []


def test_wrangler_collects_names_by_the_shape_of_a_value():
    """A copy of getBindingNames: the branch depends on the value, not on the key."""
    from vpclint.rules.wrangler.bindings import collected_names, property_key

    def names(key, value):
        return [
            (use.name, use.path, use.quirk)
            for use in collected_names(KINDS_BY_KEY[key], value, (key,))
        ]

    assert names("vars", {"bindings": [{"name": "A"}]}) == [
        ("A", ("vars", "bindings", 0, "name"), "named-bindings")
    ]
    assert names("vars", {"bindings": [{"name": "A"}, {}], "K": 1}) == [
        ("bindings", ("vars", "bindings"), "table-keys"),
        ("K", ("vars", "K"), "table-keys"),
    ]
    assert names("ai", {"binding": None}) == [("null", ("ai", "binding"), "binding-value")]
    assert names("send_email", [{"name": "M", "binding": "B"}]) == [
        ("B", ("send_email", 0, "binding"), "entry-bindings")
    ]
    assert names("send_email", [{"name": "M"}]) == []
    assert names("durable_objects", {"class_name": "X"}) == []  # bindings defaults to []
    assert names("queues", {"producers": {"binding": "Q"}})[0][:2] == (
        "Q",
        ("queues", "producers", "binding"),
    )
    assert names("wasm_modules", {"W": "a.wasm", "N": 1, "__proto__": "b.wasm"}) == [
        ("W", ("wasm_modules", "W"), "table-keys")
    ]
    assert [property_key(v) for v in (5, 1.0, 2.5, True, [1, None, "a"], {}, float("inf"))] == [
        "5", "1", "2.5", "true", "1,,a", "[object Object]", "Infinity"
    ]  # fmt: skip


def test_a_null_env_value_inherits_assets_and_logfwdr():
    text = HEAD + (
        'assets = { directory = "./public", binding = "STATIC" }\n'
        "[env.staging]\n"
        '[[env.staging.vpc_services]]\nbinding = "STATIC"\n'
        f'service_id = "{U}"\nremote = true\n'
    )
    json_text = json.dumps(
        {
            "assets": {"directory": "./public", "binding": "STATIC"},
            "env": {
                "staging": {
                    "assets": None,
                    "vpc_services": [{"binding": "STATIC", "service_id": U, "remote": True}],
                }
            },
        }
    )
    assert codes(lint(text)) == ["VPC201"]  # absent: inherited
    # null: inherited too, and refused by wrangler as it is
    assert sorted(codes(lint(json_text, "wrangler.json"))) == ["VPC201", "VPC217"]
    own = json_text.replace("null", '{"directory": "./p", "binding": "OWN"}')
    assert codes(lint(own, "wrangler.json")) == []

"""The key sets of vpclint/rules/wrangler/keys.py, and the near-miss test of VPC212."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vpclint.rules.wrangler.keys import (
    ENV_KEYS,
    PREVIEWS_KEYS,
    TOP_LEVEL_KEYS,
    captured_keys,
    edit_distance,
    meant_list_key,
)

WRANGLER_SCHEMA = (
    Path.home() / ".cache/vpclint-oracle/wrangler-4.164.0/node_modules/wrangler/config-schema.json"
)
REMOVED = {"legacy_env", "node_compat"}  # wrangler still names them itself


@pytest.mark.skipif(not WRANGLER_SCHEMA.exists(), reason="wrangler 4.164.0 is not installed")
def test_key_sets_are_wranglers():
    definitions = json.loads(WRANGLER_SCHEMA.read_text(encoding="utf-8"))["definitions"]
    assert set(definitions["RawConfig"]["properties"]) == TOP_LEVEL_KEYS - REMOVED
    assert set(definitions["RawEnvironment"]["properties"]) == ENV_KEYS - REMOVED
    assert set(definitions["PreviewsConfig"]["properties"]) == PREVIEWS_KEYS


@pytest.mark.parametrize(
    ("key", "meant"),
    [
        ("vpc_service", "vpc_services"),
        ("vpcServices", "vpc_services"),
        ("vpc-services", "vpc_services"),
        ("VPC_SERVICES", "vpc_services"),
        ("vpc_servcies", "vpc_services"),
        ("vpc_srvices", "vpc_services"),
        ("VpcService", "vpc_services"),
        ("vpc_network", "vpc_networks"),
        ("vpcNetworks", "vpc_networks"),
        ("vpc_netwroks", "vpc_networks"),
    ],
)
def test_near_misses(key: str, meant: str):
    assert meant_list_key(key, ()) == meant
    assert meant_list_key(key, ("env", "staging")) == meant


@pytest.mark.parametrize("key", [*sorted(TOP_LEVEL_KEYS), "vpc", "svc", "vpc_bindings", "x" * 99])
def test_known_and_distant_keys_are_not_near_misses(key: str):
    assert meant_list_key(key, ()) is None


def test_previews_have_no_vpc_networks_to_mean():
    assert meant_list_key("vpc_network", ("previews",)) is None
    assert meant_list_key("vpc_service", ("previews",)) == "vpc_services"


def test_the_two_list_keys_are_far_apart():
    assert edit_distance("vpcservices", "vpcnetworks") > 2
    assert edit_distance("ab", "ba") == 1
    assert edit_distance("", "abc") == 3


def test_captured_keys_only_in_toml_headers():
    from vpclint.document import Document
    from vpclint.runner import parse
    from vpclint.source.text import SourceText

    for text, syntax, expected in (
        ('[[vpc_services]]\nbinding = "A"\nmain = "x"\n', "toml", ["main"]),
        ('vpc_services = [{ binding = "A", main = "x" }]\n', "toml", []),
        ('{"vpc_services": [{"binding": "A", "main": "x"}]}', "json", []),
    ):
        parsed = parse(text, syntax, "wrangler")
        doc = Document("w", "wrangler", syntax, SourceText(text), parsed.value, parsed.spans)
        assert captured_keys(doc, ("vpc_services", 0)) == expected

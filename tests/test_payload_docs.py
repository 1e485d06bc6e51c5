"""The payload rules are registered as the catalogue says, and their docs are true."""

from __future__ import annotations

import json

import pytest

import vpclint.rules.payload  # noqa: F401  (registers the payload rules)
from vpclint.rules.registry import CHECKS, RULES, RUN_CHECKS
from vpclint.runner import lint_text
from vpclint.settings import Settings

CATALOGUE = {
    "VPC301": ("payload-shape", "error"),
    "VPC302": ("invalid-service-type", "error"),
    "VPC303": ("invalid-host-shape", "error"),
    "VPC304": ("hostname-needs-resolver-network", "error"),
    "VPC305": ("ip-needs-network", "error"),
    "VPC306": ("invalid-ip", "error"),
    "VPC307": ("invalid-hostname", "error"),
    "VPC308": ("invalid-tunnel-id", "error"),
    "VPC309": ("invalid-port", "error"),
    "VPC310": ("port-type-mismatch", "error"),
    "VPC311": ("tcp-port-missing", "error"),
    "VPC312": ("invalid-app-protocol", "error"),
    "VPC313": ("invalid-tls-settings", "error"),
    "VPC314": ("read-only-field", "warning"),
    "VPC315": ("unknown-payload-field", "warning"),
    "VPC316": ("empty-resolver-ips", "warning"),
    "VPC317": ("duplicate-service-name", "error"),
    "VPC318": ("single-scheme", "info"),
}
EVERYTHING = Settings(select=("ALL",))


def test_catalogue_codes_names_and_severities():
    registered = {  # VPC319 and VPC320 need an inventory: tests/test_inventory.py
        code: (r.name, r.severity)
        for code, r in RULES.items()
        if code.startswith("VPC3") and code not in ("VPC319", "VPC320")
    }
    assert registered == CATALOGUE


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_rule_docs_are_complete(code):
    rule = RULES[code]
    assert rule.kinds == ("payload",)
    assert rule.example_lang == "json"
    assert rule.default_enabled
    for field in ("summary", "what", "why", "example", "use_instead"):
        assert getattr(rule, field).strip(), field
    json.loads(rule.example)
    json.loads(rule.use_instead)


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_rule_example_triggers_the_rule_and_use_instead_does_not(code):
    rule = RULES[code]
    found = [d.code for d in lint_text(rule.example, "example.json", "payload", EVERYTHING)]
    assert code in found
    fixed = lint_text(rule.use_instead, "example.json", "payload", EVERYTHING)
    assert [d.code for d in fixed] == []


def test_every_code_is_emitted_by_a_registered_check():
    declared = set()
    for check in CHECKS + RUN_CHECKS:
        if check.kind == "payload" and not check.inventory:
            declared.update(check.codes)
    assert declared == set(CATALOGUE)
    [run_check] = [c for c in RUN_CHECKS if c.kind == "payload"]
    assert run_check.codes == ("VPC317",)

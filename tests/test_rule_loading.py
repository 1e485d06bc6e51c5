"""Rule modules are imported for the kinds of file a run lints; whatever needs every rule
(a code, name or prefix not among the loaded rules, SARIF, rule docs) still sees them all."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from vpclint.rules.registry import RULE_MODULES

SERVICE = "0199295b-b3ac-7760-8246-bca40877b3e9"
WRANGLER = f'name = "w"\n\n[[vpc_services]]\nbinding = "API"\nservice_id = "{SERVICE}"\n'
PAYLOAD = '{"name": "db", "type": "http", "host": {"hostname": "db.internal"}}\n'


def loaded_after_lint(path, *options: str) -> dict:
    """Which rule modules a lint of ``path`` in a fresh process imported."""
    code = (
        "import json, sys\n"
        "from vpclint.entry import main\n"
        "try:\n"
        f"    main([*{list(options)!r}, {str(path)!r}])\n"
        "except SystemExit as stop:\n"
        f"    modules = {dict(RULE_MODULES)!r}\n"
        "    print(json.dumps({kind: name in sys.modules for kind, name in modules.items()}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    return json.loads(done.stdout.splitlines()[-1])


def test_a_wrangler_run_imports_only_the_wrangler_rules(tmp_path):
    config = tmp_path / "wrangler.toml"
    config.write_text(WRANGLER)
    assert loaded_after_lint(config, "--isolated") == {
        "common": True,
        "wrangler": True,
        "payload": False,
        "inventory": False,
    }


def test_a_payload_run_imports_only_the_payload_rules(tmp_path):
    payload = tmp_path / "vpc-services" / "db.json"
    payload.parent.mkdir()
    payload.write_text(PAYLOAD)
    assert loaded_after_lint(payload, "--isolated") == {
        "common": True,
        "wrangler": False,
        "payload": True,
        "inventory": False,
    }


def test_a_selector_of_an_unloaded_kind_loads_every_rule(tmp_path):
    config = tmp_path / "wrangler.toml"
    config.write_text(WRANGLER)
    loaded = loaded_after_lint(config, "--isolated", "--extend-select", "VPC3")
    assert all(loaded.values())


@pytest.mark.parametrize("kind", ["wrangler", "payload", "inventory"])
def test_every_check_of_a_kind_has_its_rules_loaded_with_it(kind):
    code = (
        "import json\n"
        "from vpclint.rules.registry import CHECKS, RULES, RUN_CHECKS, load_checks\n"
        f"load_checks({kind!r})\n"
        "codes = {c for check in (*CHECKS, *RUN_CHECKS) for c in check.codes}\n"
        "print(json.dumps(sorted(codes - set(RULES))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_suppressions_of_other_kinds_rules_read_as_with_every_rule_loaded(tmp_path):
    """A wrangler config naming payload rules (by code and by name) in suppressions: the
    unused-suppression findings read as they do when every rule is known."""
    config = tmp_path / "wrangler.toml"
    config.write_text(
        'name = "w" # vpclint: ignore[vpc301]\n'
        'main = "x" # vpclint: ignore[invalid-service-type]\n'
        'compatibility_date = "2026-01-01" # vpclint: ignore[VPC999]\n'
    )
    done = subprocess.run(
        [sys.executable, "-m", "vpclint", "--isolated", "--output-format", "concise", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = done.stdout.splitlines()
    assert done.returncode == 0  # warnings
    assert lines[0].endswith(
        ":1:14: VPC004 [warning] this suppression matches nothing: no VPC301 finding on line 1"
    )
    assert lines[1].endswith(
        ":2:14: VPC004 [warning] this suppression matches nothing: no invalid-service-type "
        "finding on line 2"
    )
    assert "(VPC999 is not a vpclint rule code or name;" in lines[2]
    assert len(lines) == 3


def test_the_inventory_report_reads_a_config_with_a_repeated_key(tmp_path):
    """The report reads files outside a lint run: a finding made there (VPC003) finds its
    rule although no rule module was imported for it."""
    (tmp_path / "wrangler.json").write_text('{"name": "a", "name": "b"}')
    done = subprocess.run(
        [sys.executable, "-m", "vpclint", "inventory", "--isolated", "."],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["wrangler.json", "  (no VPC bindings)"]

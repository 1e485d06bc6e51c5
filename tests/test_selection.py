"""Rule selection from the command line (--select, --extend-select, --ignore: codes or
prefixes, comma-separated, repeatable), the failure threshold (--fail-on, --exit-zero),
that an ignored rule does not run, and the README's rule table."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from vpclint.cli import cli
from vpclint.rules import registry
from vpclint.rules.registry import RULES, load_every_rule

UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"
REPO = Path(__file__).resolve().parent.parent
# VPC203 (warning) at line 1, VPC206 (error) at line 3, VPC211 (info, off by default)
# would report "api" if selected.
CONFIG = '[[vpc_services]]\nbinding = "api"\nservice_id = "nope"\n'


@pytest.fixture(autouse=True)
def not_in_github_actions(monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture
def config(tmp_path) -> str:
    path = tmp_path / "wrangler.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return str(path)


def run(*args: str):
    return CliRunner().invoke(cli, ["--isolated", *args], catch_exceptions=False)


def codes(*args: str) -> list[str]:
    result = run("--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return [d["code"] for d in json.loads(result.output)["diagnostics"]]


def test_default_selection_leaves_out_info_and_off_by_default_rules(config):
    assert codes(config) == ["VPC203", "VPC206"]


def test_select_a_code(config):
    assert codes("--select", "VPC206", config) == ["VPC206"]


def test_select_a_prefix_includes_info_and_off_by_default_rules(config):
    assert codes("--select", "VPC2", config) == ["VPC203", "VPC211", "VPC206"]
    assert codes("--select", "VPC20", config) == ["VPC203", "VPC206"]


def test_select_all(config):
    assert codes("--select", "ALL", config) == ["VPC203", "VPC211", "VPC206"]


def test_select_is_comma_separated_and_repeatable(config):
    assert codes("--select", "VPC203,VPC211", "--select", "VPC206", config) == [
        "VPC203",
        "VPC211",
        "VPC206",
    ]
    assert codes("--select", " vpc203 , ", config) == ["VPC203"]


def test_extend_select_adds_to_the_defaults(config):
    assert codes("--extend-select", "VPC211", config) == ["VPC203", "VPC211", "VPC206"]


def test_ignore_a_code_and_a_prefix(config):
    assert codes("--ignore", "VPC203", config) == ["VPC206"]
    assert codes("--ignore", "VPC2", config) == []
    assert codes("--ignore", "VPC203", "--ignore", "VPC206", config) == []


def test_ignore_wins_over_select_on_the_same_line(config):
    assert codes("--select", "VPC2", "--ignore", "VPC21", config) == ["VPC203", "VPC206"]


@pytest.mark.parametrize("option", ["--select", "--extend-select", "--ignore"])
def test_unknown_code_is_a_usage_error(config, option):
    result = run(option, "VPC2,VPC99", config)
    assert result.exit_code == 2
    assert f"{option}: 'VPC99' is not a rule code or prefix" in result.output


def test_an_ignored_rule_does_not_run(config):
    load_every_rule()
    calls = []
    original = list(registry.CHECKS)
    [index] = [i for i, check in enumerate(original) if "VPC206" in check.codes]
    check = original[index]

    def spy(document):
        calls.append(document.path)
        return check.function(document)

    registry.CHECKS[index] = registry.Check(check.kind, check.codes, spy)
    try:
        codes("--ignore", ",".join(check.codes), config)
        assert calls == []
        codes(config)
        assert calls == [config]
    finally:
        registry.CHECKS[:] = original


# ---------------------------------------------------------------------------- exit status


def exit_code(*args: str) -> int:
    return run("--format", "concise", *args).exit_code


def test_fail_on_thresholds(config):
    assert exit_code(config) == 1  # VPC206 is an error
    assert exit_code("--select", "VPC203", config) == 0  # a warning passes by default
    assert exit_code("--select", "VPC203", "--fail-on", "warning", config) == 1
    assert exit_code("--select", "VPC211", "--fail-on", "warning", config) == 0
    assert exit_code("--select", "VPC211", "--fail-on", "info", config) == 1


def test_exit_zero(config):
    result = run("--format", "concise", "--exit-zero", config)
    assert result.exit_code == 0
    assert "VPC206" in result.output


def test_exit_zero_does_not_hide_usage_errors(config):
    assert exit_code("--exit-zero", "--select", "NOPE", config) == 2


# ---------------------------------------------------------------------------- README table

TABLE_START = "<!-- rules-table-start -->"
TABLE_END = "<!-- rules-table-end -->"


def rules_table() -> str:
    from vpclint.settings import on_by_default

    load_every_rule()
    rows = ["| code | name | severity | summary |", "|---|---|---|---|"]
    for code in sorted(RULES):
        rule = RULES[code]
        severity = rule.severity if on_by_default(code) else f"{rule.severity}, when selected"
        anchor = f"docs/rules.md#{code.lower()}"
        summary = rule.summary.replace("|", "\\|")
        rows.append(f"| [{code}]({anchor}) | {rule.name} | {severity} | {summary} |")
    return "\n".join(rows) + "\n"


def test_readme_rule_table_matches_the_registry():
    """Regenerate with VPCLINT_UPDATE_SNAPSHOTS=1 after adding or changing a rule."""
    readme_file = REPO / "README.md"
    readme = readme_file.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(TABLE_START) + r"\n(.*?)" + re.escape(TABLE_END), re.DOTALL)
    found = pattern.search(readme)
    assert found, "README.md has no rules-table markers"
    expected = rules_table()
    if os.environ.get("VPCLINT_UPDATE_SNAPSHOTS") == "1":
        updated = readme[: found.start(1)] + expected + readme[found.end(1) :]
        readme_file.write_text(updated, encoding="utf-8")
        return
    assert found.group(1) == expected

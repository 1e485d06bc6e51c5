"""Generated documentation stays in sync with the code."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from vpclint.cli import cli
from vpclint.ruledocs import markdown
from vpclint.rules.registry import RULES, load_every_rule

REPO = Path(__file__).resolve().parent.parent
CATALOGUE_CODES = (
    [f"VPC00{i}" for i in range(1, 7)]
    + [f"VPC10{i}" for i in range(1, 8)]
    + [f"VPC2{i:02d}" for i in range(1, 19)]
    + [f"VPC3{i:02d}" for i in range(1, 21)]
)


def test_every_catalogue_rule_is_registered_with_docs():
    load_every_rule()
    assert sorted(RULES) == CATALOGUE_CODES
    for rule in RULES.values():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.code
        assert rule.severity in ("error", "warning", "info")
        for text in (rule.summary, rule.what, rule.why, rule.example, rule.use_instead):
            assert text.strip(), rule.code


def test_docs_rules_md_is_generated_from_the_registry():
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == markdown(), (
        "docs/rules.md is stale: run `python -m vpclint.ruledocs > docs/rules.md`"
    )


def test_readme_example_output_is_what_vpclint_prints(monkeypatch):
    monkeypatch.chdir(REPO)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- example-output-start -->")[1].split("<!-- example-output-end -->")[0]
    lines = block.strip().strip("`").removeprefix("console").strip("\n").split("\n")
    command = lines[0].removeprefix("$ vpclint ").split()
    shown = "\n".join(lines[1:]).rstrip("`\n") + "\n"
    result = CliRunner().invoke(cli, ["--color", "never", *command], catch_exceptions=False)
    assert result.output == shown


def test_readme_fixing_example_is_what_vpclint_prints(monkeypatch, tmp_path):
    """The README's before/after is the real `--diff`, and `--fix` writes just that."""
    monkeypatch.chdir(REPO)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- fix-example-start -->")[1].split("<!-- fix-example-end -->")[0]
    lines = block.strip().strip("`").removeprefix("console").strip("\n").split("\n")
    command = lines[0].removeprefix("$ vpclint ").split()
    shown = "\n".join(lines[1:]).rstrip("`\n") + "\n"
    result = CliRunner().invoke(cli, ["--color", "never", *command], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout == shown
    assert "+remote = true" in shown and '-remote = "true"' in shown
    example = REPO / command[-1]
    copy = tmp_path / "wrangler.toml"
    copy.write_bytes(example.read_bytes())
    fixed = CliRunner().invoke(cli, ["--fix", str(copy)], catch_exceptions=False)
    assert fixed.exit_code == 1  # VPC202 stays: its fix is unsafe
    after = [line[1:] for line in shown.splitlines()[3:] if not line.startswith("-")]
    assert "\n".join(after) in copy.read_text(encoding="utf-8")

"""Configuration files: discovery (nearest wins, dedicated file over pyproject), --config,
--isolated, precedence of the command line, every key, and bad configs (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from vpclint.cli import cli
from vpclint.config import KEYS, ConfigError, find_config, load_config

UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"
# VPC203 (warning, line 1) and VPC206 (error, line 3)
TWO_FINDINGS = '[[vpc_services]]\nbinding = "API"\nservice_id = "nope"\n'
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def not_in_github_actions(monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def report(*args: str) -> tuple[int, list[tuple[str, str]]]:
    """Exit code and (code, severity) of every finding, as --format json reports them."""
    result = run("--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    diagnostics = json.loads(result.output)["diagnostics"]
    return result.exit_code, [(d["code"], d["severity"]) for d in diagnostics]


def codes(*args: str) -> list[str]:
    return [code for code, _ in report(*args)[1]]


# ---------------------------------------------------------------------------- discovery


def test_pyproject_in_a_parent_folder_applies(tmp_path):
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.vpclint]\nignore = ["VPC203"]\n',
    )
    config = write(tmp_path / "apps" / "api" / "wrangler.toml", TWO_FINDINGS)
    assert codes(str(config)) == ["VPC206"]


def test_pyproject_without_a_vpclint_table_is_skipped(tmp_path):
    write(tmp_path / "vpclint.toml", 'ignore = ["VPC203"]\n')
    write(tmp_path / "apps" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    config = write(tmp_path / "apps" / "wrangler.toml", TWO_FINDINGS)
    assert find_config(str(tmp_path / "apps")) == str(tmp_path / "vpclint.toml")
    assert codes(str(config)) == ["VPC206"]


def test_nearest_config_wins(tmp_path):
    write(tmp_path / "vpclint.toml", 'ignore = ["VPC203"]\n')
    write(tmp_path / "apps" / "vpclint.toml", 'ignore = ["VPC206"]\n')
    outer = write(tmp_path / "wrangler.toml", TWO_FINDINGS)
    inner = write(tmp_path / "apps" / "wrangler.toml", TWO_FINDINGS)
    assert codes(str(outer)) == ["VPC206"]
    assert codes(str(inner)) == ["VPC203"]
    # one run, two files, each with its own nearest config
    assert report(str(tmp_path)) == (1, [("VPC203", "warning"), ("VPC206", "error")])


def test_dedicated_file_wins_over_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.vpclint]\nignore = ["VPC206"]\n')
    write(tmp_path / "vpclint.toml", 'ignore = ["VPC203"]\n')
    assert find_config(str(tmp_path)) == str(tmp_path / "vpclint.toml")
    write(tmp_path / ".vpclint.toml", 'ignore = ["VPC2"]\n')
    assert find_config(str(tmp_path)) == str(tmp_path / ".vpclint.toml")
    config = write(tmp_path / "wrangler.toml", TWO_FINDINGS)
    assert codes(str(config)) == []


def test_explicit_config_overrides_discovery(tmp_path):
    write(tmp_path / "vpclint.toml", 'ignore = ["VPC203"]\n')
    other = write(tmp_path / "elsewhere" / "strict.toml", 'ignore = ["VPC206"]\n')
    config = write(tmp_path / "wrangler.toml", TWO_FINDINGS)
    assert codes("--config", str(other), str(config)) == ["VPC203"]


def test_isolated_ignores_config_files(tmp_path):
    write(tmp_path / "vpclint.toml", 'ignore = ["VPC203"]\n')
    config = write(tmp_path / "wrangler.toml", TWO_FINDINGS)
    assert codes("--isolated", str(config)) == ["VPC203", "VPC206"]


def test_config_and_isolated_together_is_a_usage_error(tmp_path):
    config = write(tmp_path / "wrangler.toml", TWO_FINDINGS)
    result = run("--isolated", "--config", str(tmp_path / "x.toml"), str(config))
    assert result.exit_code == 2
    assert "cannot be used together" in result.output


# ---------------------------------------------------------------------------- precedence


def test_command_line_select_replaces_the_config_selection(tmp_path):
    write(tmp_path / "vpclint.toml", 'select = ["VPC206"]\n')
    config = write(tmp_path / "wrangler.toml", TWO_FINDINGS)
    assert codes(str(config)) == ["VPC206"]
    assert codes("--select", "VPC203", str(config)) == ["VPC203"]


def test_command_line_ignore_adds_to_the_config(tmp_path):
    write(tmp_path / "vpclint.toml", 'ignore = ["VPC203"]\n')
    config = write(tmp_path / "wrangler.toml", TWO_FINDINGS + "[[vpc_services]]\n")
    assert codes(str(config)) == ["VPC206", "VPC103", "VPC104"]
    assert codes("--ignore", "VPC103", str(config)) == ["VPC206", "VPC104"]


def test_command_line_extend_select_brings_back_a_config_ignore(tmp_path):
    write(tmp_path / "vpclint.toml", 'ignore = ["VPC2"]\n')
    config = write(tmp_path / "wrangler.toml", TWO_FINDINGS)
    assert codes(str(config)) == []
    assert codes("--extend-select", "VPC206", str(config)) == ["VPC206"]


def test_command_line_fail_on_overrides_the_config(tmp_path):
    write(tmp_path / "vpclint.toml", 'fail-on = "warning"\nignore = ["VPC206"]\n')
    config = write(tmp_path / "wrangler.toml", TWO_FINDINGS)
    assert report(str(config))[0] == 1  # a warning fails with the config's threshold
    assert report("--fail-on", "error", str(config))[0] == 0


# ---------------------------------------------------------------------------- keys


def test_extend_select_key_runs_an_off_by_default_rule(tmp_path):
    write(tmp_path / "vpclint.toml", 'extend-select = ["VPC211"]\n')
    config = write(
        tmp_path / "wrangler.toml",
        f'[[vpc_services]]\nbinding = "api"\nservice_id = "{UUID}"\nremote = true\n',
    )
    assert codes(str(config)) == ["VPC211"]
    assert codes("--isolated", str(config)) == []


def test_severity_override_changes_severity_and_exit_code(tmp_path):
    write(tmp_path / "vpclint.toml", '[severity]\nVPC203 = "error"\nVPC2 = "info"\n')
    config = write(tmp_path / "wrangler.toml", TWO_FINDINGS)
    # the most specific entry wins: VPC203 is an error, the rest of VPC2 info
    assert report(str(config)) == (1, [("VPC203", "error"), ("VPC206", "info")])


def test_severity_override_to_info_keeps_the_rule_running(tmp_path):
    write(tmp_path / "vpclint.toml", 'severity = {VPC206 = "info"}\n')
    config = write(tmp_path / "wrangler.toml", TWO_FINDINGS)
    assert report(str(config)) == (0, [("VPC203", "warning"), ("VPC206", "info")])


def test_per_file_ignores_are_relative_to_the_config_folder(tmp_path, monkeypatch):
    write(
        tmp_path / "pyproject.toml",
        '[tool.vpclint.per-file-ignores]\n"apps/legacy/*" = ["VPC206"]\n"*.jsonc" = ["VPC2"]\n',
    )
    legacy = write(tmp_path / "apps" / "legacy" / "wrangler.toml", TWO_FINDINGS)
    current = write(tmp_path / "apps" / "current" / "wrangler.toml", TWO_FINDINGS)
    jsonc = write(tmp_path / "wrangler.jsonc", '{"vpc_services": [{"binding": "A"}]}')
    monkeypatch.chdir(tmp_path / "apps")  # the working folder does not matter
    assert codes("legacy/wrangler.toml") == ["VPC203"]
    assert codes("current/wrangler.toml") == ["VPC203", "VPC206"]
    assert codes(str(legacy)) == ["VPC203"]
    assert codes(str(current)) == ["VPC203", "VPC206"]
    assert codes(str(jsonc)) == ["VPC104"]


def test_payload_globs_make_a_file_a_payload(tmp_path):
    write(tmp_path / "vpclint.toml", 'payload-globs = ["services/*.json"]\n')
    payload = write(tmp_path / "services" / "orders.json", '{"name": "orders"}')
    assert codes(str(payload)) == ["VPC301"]
    assert codes(str(tmp_path)) == ["VPC301"]
    result = run("--isolated", str(payload))
    assert result.exit_code == 2  # without the glob it is neither kind


def test_exclude_skips_folders_in_a_walk_and_named_files_with_force_exclude(tmp_path):
    write(tmp_path / "vpclint.toml", 'exclude = ["fixtures", "apps/old/*"]\n')
    write(tmp_path / "fixtures" / "wrangler.toml", TWO_FINDINGS)
    old = write(tmp_path / "apps" / "old" / "wrangler.toml", TWO_FINDINGS)
    write(tmp_path / "apps" / "new" / "wrangler.toml", TWO_FINDINGS)
    result = run("--format", "json", str(tmp_path))
    files = [f["path"] for f in json.loads(result.output)["files"]]
    assert files == [str(tmp_path / "apps" / "new" / "wrangler.toml")]
    assert codes(str(old)) == ["VPC203", "VPC206"]  # named explicitly: linted
    forced = run("--format", "json", "--force-exclude", str(old))
    assert forced.exit_code == 0
    assert json.loads(forced.output)["files"] == []


def test_load_config_reads_every_key(tmp_path):
    config = write(
        tmp_path / "vpclint.toml",
        'select = ["VPC2", "vpc104"]\n'
        'extend-select = ["VPC211"]\n'
        'ignore = ["VPC205"]\n'
        'fail-on = "warning"\n'
        'payload-globs = ["payloads/*.json"]\n'
        'exclude = ["vendor"]\n'
        '[per-file-ignores]\n"legacy/*" = ["VPC203"]\n'
        '[severity]\nVPC204 = "error"\n',
    )
    settings = load_config(str(config))
    assert settings.select == ("VPC2", "VPC104")
    assert settings.extend_select == ("VPC211",)
    assert settings.ignore == ("VPC205",)
    assert settings.fail_on == "warning"
    assert settings.payload_globs == ("payloads/*.json",)
    assert settings.exclude == ("vendor",)
    assert settings.per_file_ignores == {"legacy/*": ("VPC203",)}
    assert settings.severity == {"VPC204": "error"}
    assert settings.root == str(tmp_path)
    assert settings.is_enabled("VPC211") and settings.is_enabled("VPC104")
    assert not settings.is_enabled("VPC205") and not settings.is_enabled("VPC301")


# ---------------------------------------------------------------------------- bad configs

BAD_CONFIGS = [
    ('selct = ["VPC2"]\n', '1:1: selct: unknown key "selct" (did you mean "select"?)'),
    (
        'extend_select = ["VPC2"]\n',
        '1:1: extend_select: unknown key "extend_select" (did you mean "extend-select"?)',
    ),
    ('select = "VPC2"\n', "1:1: select: must be a list of rule codes or prefixes"),
    ('ignore = ["VPC2", "VPC999"]\n', "1:19: ignore[1]: 'VPC999' is not a rule code or prefix"),
    (
        '[severity]\nVPC203 = "fatal"\n',
        "2:1: severity.VPC203: must be one of error, warning, info, not 'fatal'",
    ),
    ('[severity]\nNOPE = "error"\n', "2:1: severity.NOPE: 'NOPE' is not a rule code or prefix"),
    ('fail-on = "errors"\n', "1:1: fail-on: must be one of error, warning, info, not 'errors'"),
    ('exclude = "vendor"\n', "1:1: exclude: must be a list of strings"),
    (
        'per-file-ignores = {"a/*" = ["X1"]}\n',
        "1:30: per-file-ignores.\"a/*\"[0]: 'X1' is not a rule code or prefix",
    ),
    ('select = ["VPC2"\n', "2:1: invalid TOML: "),
]


@pytest.mark.parametrize(("text", "expected"), BAD_CONFIGS)
def test_bad_config_is_exit_2_naming_the_file_and_key(tmp_path, text, expected):
    config_file = write(tmp_path / "vpclint.toml", text)
    config = write(tmp_path / "wrangler.toml", TWO_FINDINGS)
    result = run(str(config))
    assert result.exit_code == 2
    [line] = result.output.splitlines()
    assert line.startswith(f"vpclint: {config_file}:{expected}")
    assert "Traceback" not in result.output


def test_bad_pyproject_names_the_tool_table(tmp_path):
    config_file = write(tmp_path / "pyproject.toml", "[tool.vpclint]\nfail-on = 2\n")
    with pytest.raises(ConfigError) as raised:
        load_config(str(config_file))
    assert raised.value.message == (
        f"{config_file}:2:1: tool.vpclint.fail-on: must be one of error, warning, info, not 2"
    )


def test_bad_command_line_code_is_a_usage_error(tmp_path):
    config = write(tmp_path / "wrangler.toml", TWO_FINDINGS)
    result = run("--isolated", "--ignore", "VPC203,NOPE", str(config))
    assert result.exit_code == 2
    assert (
        result.output
        == "vpclint: --ignore: 'NOPE' is not a rule code or prefix (`vpclint rules` lists them)\n"
    )


def test_missing_explicit_config_is_exit_2(tmp_path):
    config = write(tmp_path / "wrangler.toml", TWO_FINDINGS)
    result = run("--config", str(tmp_path / "absent.toml"), str(config))
    assert result.exit_code == 2
    assert "absent.toml: cannot read the file" in result.output


def test_stdin_uses_the_config_nearest_to_its_filename(tmp_path, monkeypatch):
    write(tmp_path / "apps" / "vpclint.toml", 'ignore = ["VPC203"]\n')
    monkeypatch.chdir(tmp_path)
    result = run(
        "--format", "json", "--stdin-filename", "apps/wrangler.toml", "-",
        input=TWO_FINDINGS.encode(),
    )  # fmt: skip
    assert [d["code"] for d in json.loads(result.output)["diagnostics"]] == ["VPC206"]


# ---------------------------------------------------------------------------- README


def test_readme_documents_every_config_key():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    for key in KEYS:
        assert f"`{key}`" in section, key


def test_pyproject_is_read_as_python_tools_read_it(tmp_path, monkeypatch):
    # wrangler's TOML parser refuses integers beyond 2**53; another tool's section of a
    # pyproject.toml may hold one, and that must not stop vpclint reading its own table
    write(
        tmp_path / "pyproject.toml",
        '[tool.other]\nseed = 9223372036854775807\n\n[tool.vpclint]\nignore = ["VPC203"]\n',
    )
    config = write(tmp_path / "wrangler.toml", TWO_FINDINGS)
    monkeypatch.chdir(tmp_path)
    result = run("--format", "json", str(config))
    codes = [d["code"] for d in json.loads(result.output)["diagnostics"]]
    assert "VPC203" not in codes
    assert codes

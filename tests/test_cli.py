"""The command line, through click's runner and through a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from vpclint import __version__
from vpclint.cli import cli

REPO = Path(__file__).resolve().parent.parent
UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"
CLEAN_TOML = (
    f'name = "w"\n\n[[vpc_services]]\nbinding = "API"\nservice_id = "{UUID}"\nremote = true\n'
)


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_clean_example_exits_zero():
    result = run(str(REPO / "examples" / "wrangler.toml"))
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("no problems in 1 file")


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"vpclint {__version__}\n"


def test_missing_file_is_vpc002_and_exit_1(tmp_path):
    missing = tmp_path / "wrangler.toml"
    result = run("--format", "json", str(missing))
    assert result.exit_code == 1
    report = json.loads(result.output)
    [diagnostic] = report["diagnostics"]
    assert diagnostic["code"] == "VPC002"
    assert diagnostic["message"] == "no such file"
    assert diagnostic["path"] == str(missing)


def test_syntax_error_is_vpc001_at_its_position(tmp_path):
    config = write(tmp_path / "wrangler.toml", 'name = "w"\nmain = "src/index.ts\n')
    result = run("--format", "json", str(config))
    assert result.exit_code == 1
    [diagnostic] = json.loads(result.output)["diagnostics"]
    assert diagnostic["code"] == "VPC001"
    assert diagnostic["start"]["line"] == 2
    assert diagnostic["pointer"] == ""


def test_json_contract_shape_and_sorting(tmp_path):
    write(tmp_path / "b" / "wrangler.json", '{"name": "w", "name": "x"}')
    write(tmp_path / "a" / "wrangler.jsonc", '// comment\n{"vpc_services": [],}\n')
    result = run("--format", "json", str(tmp_path))
    report = json.loads(result.output)
    assert set(report) == {"version", "tool", "files", "diagnostics", "summary"}
    assert report["version"] == 1
    assert report["tool"] == {"name": "vpclint", "version": __version__}
    assert report["files"] == [
        {"path": str(tmp_path / "a" / "wrangler.jsonc"), "kind": "wrangler"},
        {"path": str(tmp_path / "b" / "wrangler.json"), "kind": "wrangler"},
    ]
    [duplicate] = report["diagnostics"]
    assert set(duplicate) == {
        "path",
        "code",
        "name",
        "severity",
        "message",
        "pointer",
        "start",
        "end",
        "related",
        "fix",
        "applicability",
        "edits",
    }
    assert duplicate["applicability"] is None
    assert duplicate["edits"] == []
    assert duplicate["code"] == "VPC003"
    assert duplicate["pointer"] == "/name"
    assert duplicate["start"] == {"line": 1, "column": 15}
    assert duplicate["end"] == {"line": 1, "column": 21}
    assert duplicate["related"] == [
        {
            "message": "first defined here",
            "start": {"line": 1, "column": 2},
            "end": {"line": 1, "column": 8},
        }
    ]
    assert report["summary"] == {
        "files": 2,
        "errors": 0,
        "warnings": 1,
        "infos": 0,
        "fixed": 0,
        "fixable": 0,
    }
    assert result.exit_code == 0  # a warning is below the default failure threshold


def test_folder_walk_finds_configs_and_skips_hidden_and_node_modules(tmp_path):
    write(tmp_path / "wrangler.toml", CLEAN_TOML)
    write(tmp_path / "apps" / "api" / "wrangler.jsonc", "{}")
    write(tmp_path / "node_modules" / "pkg" / "wrangler.toml", "broken = ")
    write(tmp_path / ".cache" / "wrangler.toml", "broken = ")
    write(tmp_path / "apps" / "notes.txt", "not a config")
    write(tmp_path / "package.json", '{"name": "x"}')
    result = run("--format", "json", str(tmp_path))
    paths = [f["path"] for f in json.loads(result.output)["files"]]
    assert paths == [
        str(tmp_path / "apps" / "api" / "wrangler.jsonc"),
        str(tmp_path / "wrangler.toml"),
    ]


def test_folder_walk_skips_fifo_and_symlink_loop(tmp_path):
    write(tmp_path / "wrangler.toml", CLEAN_TOML)
    os.symlink(tmp_path, tmp_path / "loop")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "wrangler.json")
    result = run("--format", "json", str(tmp_path))
    assert result.exit_code == 0
    assert [f["path"] for f in json.loads(result.output)["files"]] == [
        str(tmp_path / "wrangler.toml")
    ]


def test_explicit_file_of_unknown_kind_is_a_usage_error(tmp_path):
    notes = write(tmp_path / "notes.json", '{"hello": 1}')
    result = run(str(notes))
    assert result.exit_code == 2
    assert "not a wrangler config" in result.output
    assert "--kind" in result.output


def test_kind_flag_forces_wrangler(tmp_path):
    config = write(tmp_path / "app.toml", CLEAN_TOML)
    result = run("--kind", "wrangler", "--format", "json", str(config))
    assert result.exit_code == 0
    assert json.loads(result.output)["files"] == [{"path": str(config), "kind": "wrangler"}]


def test_full_format_shows_snippet_and_caret(tmp_path):
    config = write(tmp_path / "wrangler.json", '{\n  "name": "a",\n  "name": "b"\n}\n')
    result = run("--color", "never", str(config))
    lines = result.output.splitlines()
    assert lines[0] == f"{config}:3:3: VPC003 [warning] " + (
        'the key "name" is already defined on line 2; wrangler keeps only this last value'
    )
    assert lines[2] == '3 |   "name": "b"'
    assert lines[3] == "  |   ^^^^^^"
    assert "first defined here" in result.output
    assert lines[-1] == "1 warning in 1 file"


def test_color_always_and_no_color(tmp_path):
    config = write(tmp_path / "wrangler.json", '{"a": 1, "a": 2}')
    assert "\x1b[" in run("--color", "always", str(config)).output
    assert "\x1b[" not in run(str(config), env={"NO_COLOR": "1"}).output


def test_control_characters_from_files_are_escaped(tmp_path):
    config = write(tmp_path / "wrangler.json", '{"\\u001b[31mX": 1, "\\u001b[31mX": 2}')
    result = run("--format", "concise", str(config))
    assert "\x1b" not in result.output
    assert "\\x1b[31mX" in result.output


def test_rule_and_rules_commands():
    result = run("rule", "VPC001")
    assert result.exit_code == 0
    assert result.output.startswith("VPC001 syntax-error (error, on)")
    assert "What it does" in result.output
    listing = run("rules", "--format", "json")
    codes = [rule["code"] for rule in json.loads(listing.output)]
    assert codes == sorted(codes)
    assert "VPC001" in codes
    unknown = run("rule", "VPC999")
    assert unknown.exit_code == 2
    assert "unknown rule" in unknown.output


def test_subprocess_exit_codes_and_no_traceback(tmp_path):
    clean = write(tmp_path / "ok" / "wrangler.toml", CLEAN_TOML)
    broken = write(tmp_path / "bad" / "wrangler.toml", "name = \n")

    def call(*args):
        return subprocess.run(
            [sys.executable, "-m", "vpclint", *args], capture_output=True, text=True, timeout=60
        )

    assert call(str(clean)).returncode == 0
    failed = call("--format", "concise", str(broken))
    assert failed.returncode == 1
    assert failed.stdout.startswith(f"{broken}:1:8: VPC001 ")
    usage = call("--format", "nope", str(clean))
    assert usage.returncode == 2
    assert "Traceback" not in usage.stderr


@pytest.mark.parametrize("kind", ["wrangler", "payload"])
def test_schema_command_prints_json(kind):
    result = run("schema", kind)
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize(
    ("text", "column", "what"),
    [
        ('"x"', 1, "a string"),
        ("  null // c\n", 3, "null"),
        ("1.5", 1, "a number"),
        ("true", 1, "a boolean"),
    ],
)
def test_json_config_that_is_not_an_object_is_vpc001(tmp_path, text, column, what):
    # wrangler 4.164.0 fails on these ("Cannot use 'in' operator"); `[]` it accepts
    config = write(tmp_path / "wrangler.json", text)
    result = run("--format", "json", str(config))
    assert result.exit_code == 1
    [diagnostic] = json.loads(result.output)["diagnostics"]
    assert diagnostic["code"] == "VPC001"
    assert diagnostic["start"] == {"line": 1, "column": column}
    assert (
        diagnostic["message"]
        == f"a wrangler config must be a JSON object (`{{ ... }}`), not {what}"
    )


def test_top_level_json_array_is_no_config(tmp_path):
    config = write(tmp_path / "wrangler.json", "[]")
    result = run(str(config))
    assert result.exit_code == 1
    assert "VPC001" in result.output and "not an array" in result.output


def test_folder_named_like_a_config_is_vpc002(tmp_path):
    folder = tmp_path / "wrangler.toml"
    folder.mkdir()
    result = run("--format", "json", str(folder))
    assert result.exit_code == 1
    [diagnostic] = json.loads(result.output)["diagnostics"]
    assert (diagnostic["code"], diagnostic["message"]) == ("VPC002", "this is a folder, not a file")


def test_a_folder_with_nothing_to_lint_says_so(tmp_path):
    (tmp_path / "README.md").write_text("hello")
    result = subprocess.run(
        [sys.executable, "-m", "vpclint", str(tmp_path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert result.stdout == "no problems in 0 files\n"
    assert "warning: no wrangler config" in result.stderr

"""The fast option reader (no click import) and the click command read the same options."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from vpclint.cli import check_command
from vpclint.entry import SUBCOMMANDS
from vpclint.options import OPTIONS, parse


def test_click_command_has_exactly_the_declared_options():
    declared = {option.dest: option for option in OPTIONS}
    params = {p.name: p for p in check_command.params if isinstance(p, click.Option)}
    assert set(params) == set(declared)
    for name, param in params.items():
        option = declared[name]
        assert param.opts == list(option.flags)
        assert param.envvar == option.envvar
        assert param.is_flag == (option.kind == "flag")
        assert param.multiple == (option.kind == "multiple")
        choices = list(param.type.choices) if isinstance(param.type, click.Choice) else None
        assert choices == (list(option.choices) if option.choices else None)


def click_values(args):
    context = check_command.make_context("check", list(args))
    values = dict(context.params)
    values["paths"] = list(values["paths"])
    for option in OPTIONS:
        if option.kind == "multiple":
            values[option.dest] = list(values[option.dest])
    return values


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["wrangler.toml"],
        ["--format", "json", "a.toml", "b.jsonc"],
        ["--format=concise", "--select", "VPC2,VPC1", "--select=VPC3", "x"],
        ["--ignore", "VPC203", "--extend-select", "VPC211", "--fail-on", "warning", "-"],
        ["--exit-zero", "--isolated", "--force-exclude", "--color", "never", "."],
        ["--stdin-filename", "wrangler.toml", "--kind", "wrangler", "-"],
        ["--config", "c.toml", "--output-file", "out.json", "--", "--odd-name.toml"],
        ["--inventory", "services.json", "--inventory=tunnels.json", "apps"],
        ["--debug", "--version"],
        ["--extend-exclude", "dist,fixtures/", "--extend-exclude=/x", "--no-respect-gitignore"],
        ["--force-exclude", "--extend-exclude", "build", "apps"],
    ],
)
def test_fast_reader_gives_what_click_gives(args):
    assert parse(args, SUBCOMMANDS) == click_values(args)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], "concise"),  # from the environment variable
        (["--format", "json"], "json"),  # the command line wins
        (["--output-format=sarif"], "sarif"),
    ],
)
def test_output_format_environment_variable(monkeypatch, args, expected):
    monkeypatch.setenv("VPCLINT_OUTPUT_FORMAT", "concise")
    fast = parse([*args, "x"], SUBCOMMANDS)
    assert fast["format_name"] == click_values([*args, "x"])["format_name"] == expected


def test_bad_output_format_in_the_environment_goes_to_click(monkeypatch):
    monkeypatch.setenv("VPCLINT_OUTPUT_FORMAT", "yaml")
    assert parse(["x"], SUBCOMMANDS) is None


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["-h"],
        ["rules"],
        ["rule", "VPC001"],
        ["schema", "wrangler"],
        ["help"],
        ["help", "rule"],
        ["-qv"],
        ["--format", "yaml", "x"],
        ["--unknown"],
        ["--format"],
        ["--exit-zero=yes"],
        ["--no-respect-gitignore=yes"],
        ["--extend-exclude"],
        ["-x"],
    ],
)
def test_anything_unusual_goes_to_click(args):
    assert parse(args, SUBCOMMANDS) is None


def test_fast_path_does_not_import_click(tmp_path):
    config = tmp_path / "wrangler.toml"
    config.write_text('name = "w"\n')
    code = (
        "import sys\n"
        "from vpclint.entry import main\n"
        "try:\n"
        f"    main([{str(config)!r}])\n"
        "except SystemExit as stop:\n"
        "    print('exit', stop.code, 'click' in sys.modules, 'jsonschema' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.splitlines()[-1] == "exit 0 False False"


def test_fast_path_usage_error_is_one_line_and_exit_2(tmp_path):
    notes = tmp_path / "notes.json"
    notes.write_text('{"hello": 1}')
    result = subprocess.run(
        [sys.executable, "-m", "vpclint", str(notes)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"vpclint: {notes}: not a wrangler config")

"""Command-line habits taken from ruff, each run as a subprocess on files on disk:
`--output-format` and VPCLINT_OUTPUT_FORMAT, `--statistics`, `--show-files`,
`--show-settings`, `-q/--quiet`, `-v/--verbose`, the help (usage line, defaults, examples,
`vpclint help`), rules named by name, and colour under TERM=dumb."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"
BROKEN = (
    'name = "w"\n\n[[vpc_services]]\nbinding = "API"\nservice_id = "REPLACE_ME"\nremote = false\n\n'
    '[[vpc_services]]\nbinding = "B"\nservice_id = "NOPE"\nremote = false\n'
)


def vpclint(*args: str, cwd: Path, env: dict | None = None, input: str | None = None):
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GITHUB_", "VPCLINT_")) and k not in ("NO_COLOR", "FORCE_COLOR")
    }
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "vpclint", *args], cwd=cwd, env=environment, input=input,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "apps" / "api").mkdir(parents=True)
    (tmp_path / "apps" / "api" / "wrangler.toml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "apps" / "web").mkdir()
    (tmp_path / "apps" / "web" / "wrangler.jsonc").write_text(
        f'{{"vpc_services": [{{"binding": "W", "service_id": "{UUID}"}}]}}', encoding="utf-8"
    )
    (tmp_path / "apps" / "api" / "vpclint.toml").write_text(
        'ignore = ["VPC203"]\n[severity]\nVPC206 = "warning"\n', encoding="utf-8"
    )
    return tmp_path


# ---------------------------------------------------------------------------- output format


def test_output_format_is_format(project):
    spelled = vpclint("--output-format", "concise", "apps/api", cwd=project)
    short = vpclint("--format=concise", "apps/api", cwd=project)
    assert spelled.returncode == short.returncode == 1
    assert spelled.stdout == short.stdout
    assert spelled.stdout.startswith("apps/api/wrangler.toml:5:14: VPC206 [warning] ")


def test_output_format_from_the_environment(project):
    env = {"VPCLINT_OUTPUT_FORMAT": "json"}
    report = json.loads(vpclint("apps/api", cwd=project, env=env).stdout)
    assert [d["code"] for d in report["diagnostics"]] == ["VPC206", "VPC202", "VPC206", "VPC202"]
    asked = vpclint("--format", "concise", "apps/api", cwd=project, env=env)
    assert asked.stdout.startswith("apps/api/wrangler.toml:5:14: VPC206")  # flag wins
    wins_over_ci = vpclint("apps/api", cwd=project, env={**env, "GITHUB_ACTIONS": "true"})
    assert wins_over_ci.stdout.startswith("{")
    bad = vpclint("apps/api", cwd=project, env={"VPCLINT_OUTPUT_FORMAT": "yaml"})
    assert bad.returncode == 2
    assert "VPCLINT_OUTPUT_FORMAT" in bad.stderr and "Traceback" not in bad.stderr


# ---------------------------------------------------------------------------- statistics


def test_statistics_counts_per_code(project):
    result = vpclint("--statistics", ".", cwd=project)
    assert result.returncode == 1  # the exit status is the lint's
    assert result.stdout.splitlines() == [
        "2  VPC202  remote-false        error",
        "2  VPC206  invalid-service-id  warning",
        "1  VPC203  remote-unset        warning",
    ]
    listed = json.loads(vpclint("--statistics", "--format", "json", ".", cwd=project).stdout)
    assert listed[0] == {"code": "VPC202", "name": "remote-false", "count": 2, "severity": "error"}
    clean = vpclint("--statistics", "--select", "VPC1", ".", cwd=project)
    assert (clean.returncode, clean.stdout) == (0, "")


# ---------------------------------------------------------------------------- show files, settings


def test_show_files_lists_kind_and_config_and_lints_nothing(project):
    (project / "vpc-services").mkdir()
    (project / "vpc-services" / "db.json").write_text("{not json", encoding="utf-8")
    result = vpclint("--show-files", ".", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "apps/api/wrangler.toml\twrangler\tapps/api/vpclint.toml",
        "apps/web/wrangler.jsonc\twrangler\t(no config file)",
        "vpc-services/db.json\tpayload\t(no config file)",
    ]


def test_show_settings_for_a_path(project):
    result = vpclint(
        "--show-settings", "--extend-select", "VPC211", "apps/api/wrangler.toml", cwd=project
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "# settings for apps/api/wrangler.toml"
    assert 'config-file = "apps/api/vpclint.toml"' in lines
    assert 'severity = {"VPC206": "warning"}' in lines
    assert 'ignore = ["VPC203"]' in lines
    [rules] = [line for line in lines if line.startswith("rules = ")]
    rules = json.loads(rules.removeprefix("rules = "))
    assert "VPC211" in rules and "VPC203" not in rules and "VPC202" in rules
    as_json = json.loads(vpclint("--show-settings", "--format", "json", ".", cwd=project).stdout)
    assert as_json["."]["config-file"] == "(no config file)"
    assert "VPC203" in as_json["."]["rules"] and "VPC211" not in as_json["."]["rules"]


def test_show_options_do_not_combine(project):
    result = vpclint("--show-files", "--statistics", ".", cwd=project)
    assert result.returncode == 2
    assert result.stderr == (
        "vpclint: --show-files and --statistics cannot be used together: each prints a report "
        "of its own\n"
    )


# ---------------------------------------------------------------------------- quiet, verbose


def test_quiet_prints_the_findings_only(project):
    loud = vpclint("--color", "never", "apps/api", cwd=project)
    quiet = vpclint("-q", "--color", "never", "apps/api", cwd=project)
    assert quiet.returncode == loud.returncode == 1
    summary = (
        "\n2 errors, 2 warnings in 1 file\n2 fixes available with `vpclint --fix --unsafe-fixes`\n"
    )
    assert loud.stdout.endswith("\n" + summary)
    assert quiet.stdout == loud.stdout.removesuffix(summary)
    assert quiet.stdout.endswith("= fix: write `remote = true`\n")
    empty = project / "empty"
    empty.mkdir()
    nothing = vpclint("--quiet", ".", cwd=empty)
    assert (nothing.returncode, nothing.stdout, nothing.stderr) == (0, "", "")
    assert "no wrangler config" in vpclint(".", cwd=empty).stderr


def test_verbose_says_what_is_linted_on_stderr(project):
    result = vpclint("-v", "--format", "concise", ".", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "vpclint: apps/api/wrangler.toml: wrangler, settings from apps/api/vpclint.toml",
        "vpclint: apps/web/wrangler.jsonc: wrangler, default settings (no config file)",
        "vpclint: linting 2 files",
    ]
    assert result.stdout == vpclint("--format", "concise", ".", cwd=project).stdout
    both = vpclint("-q", "--verbose", ".", cwd=project)
    assert (both.returncode, both.stderr) == (
        2, "vpclint: --quiet and --verbose cannot be used together\n"
    )  # fmt: skip


# ---------------------------------------------------------------------------- help


def test_help_shows_usage_defaults_and_examples(tmp_path):
    result = vpclint("--help", cwd=tmp_path)
    assert result.returncode == 0
    text = result.stdout
    assert text.startswith("Usage: vpclint [OPTIONS] [PATH]...\n")
    words = " ".join(text.split())  # the help is wrapped to the terminal's width
    assert "[default: auto]" in words and "[default: error]" in words
    assert "[env var: VPCLINT_OUTPUT_FORMAT]" in words
    assert "--output-format, --format" in words and "-q, --quiet" in words
    assert "Examples: vpclint lint everything under the current folder" in words
    assert "vpclint --select VPC2 --fail-on warning only the VPC2xx rules" in words
    assert "vpclint check [PATH]... the same as vpclint [PATH]..." in words
    assert vpclint("-h", cwd=tmp_path).stdout == text
    assert vpclint("check", "--help", cwd=tmp_path).stdout == text


def test_help_command_does_not_lint_a_file_named_help(tmp_path):
    (tmp_path / "help").write_text("not a config", encoding="utf-8")
    result = vpclint("help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: vpclint [OPTIONS] [PATH]...\n")
    rule = vpclint("help", "rule", cwd=tmp_path)
    assert rule.returncode == 0 and rule.stdout.startswith(
        "Usage: vpclint rule [OPTIONS] CODE|NAME"
    )
    unknown = vpclint("help", "frobnicate", cwd=tmp_path)
    assert unknown.returncode == 2 and "no command 'frobnicate'" in unknown.stderr
    # the file itself is still reachable, as a path after --
    named = vpclint("--", "help", cwd=tmp_path)
    assert named.returncode == 2 and "help: not a wrangler config" in named.stderr


# ---------------------------------------------------------------------------- rule names


def test_rule_by_name_or_code(tmp_path):
    by_name = vpclint("rule", "remote-unset", cwd=tmp_path)
    by_code = vpclint("rule", "vpc203", cwd=tmp_path)
    assert by_name.returncode == by_code.returncode == 0
    assert by_name.stdout == by_code.stdout
    assert by_name.stdout.startswith("VPC203 remote-unset (warning, on)\n")
    as_json = json.loads(vpclint("rule", "Remote-Unset", "--format", "json", cwd=tmp_path).stdout)
    assert as_json["code"] == "VPC203"
    shared = vpclint("rule", "invalid-tunnel-id", cwd=tmp_path)
    assert shared.returncode == 2
    assert shared.stderr == (
        "vpclint: 'invalid-tunnel-id' is the name of VPC207 (wrangler) and VPC308 (payload): "
        "name one of them by its code\n"
    )
    assert vpclint("rule", "no-such-rule", cwd=tmp_path).returncode == 2


def test_suppression_by_rule_name(tmp_path):
    config = tmp_path / "wrangler.toml"
    config.write_text(
        f'[[vpc_services]]  # vpclint: ignore[remote-unset]\nbinding = "A"\nservice_id = "{UUID}"\n'
        f'\n[[vpc_services]]\nbinding = "B"\nservice_id = "{UUID}"\n'
        "remote = false  # vpclint: ignore[Remote-False, remote-unset]\n",
        encoding="utf-8",
    )
    result = vpclint("--isolated", "--format", "concise", "wrangler.toml", cwd=tmp_path)
    assert result.stdout.splitlines() == [
        "wrangler.toml:8:49: VPC004 [warning] remote-unset is not reported on line 8, so "
        "ignoring it there does nothing"
    ]
    typo = tmp_path / "typo" / "wrangler.toml"
    typo.parent.mkdir()
    typo.write_text("[vars]\nX = 1  # vpclint: ignore[remote-unsett]\n", encoding="utf-8")
    found = vpclint("--isolated", "--format", "concise", "typo", cwd=tmp_path).stdout
    assert "(REMOTE-UNSETT is not a vpclint rule code or name; `vpclint rules` lists them)" in found


# ---------------------------------------------------------------------------- colour


def test_no_colour_under_term_dumb_even_on_a_terminal(project):
    script = (
        "import os, pty, sys\n"
        "pid, fd = pty.fork()\n"
        "if pid == 0:\n"
        "    os.execv(sys.executable, [sys.executable, '-m', 'vpclint', 'apps/api'])\n"
        "out = b''\n"
        "while True:\n"
        "    try:\n"
        "        chunk = os.read(fd, 65536)\n"
        "    except OSError:\n"
        "        break\n"
        "    if not chunk:\n"
        "        break\n"
        "    out += chunk\n"
        "os.waitpid(pid, 0)\n"
        "sys.stdout.write(repr(b'\\x1b[' in out) + ' ' + repr(b'VPC202' in out))\n"
    )
    on_terminal = {"TERM": "xterm-256color"}
    assert vpclint_python(script, project, on_terminal) == "True True"
    assert vpclint_python(script, project, {"TERM": "dumb"}) == "False True"
    assert vpclint_python(script, project, {"TERM": "dumb", "FORCE_COLOR": "1"}) == "True True"


def vpclint_python(script: str, cwd: Path, env: dict) -> str:
    environment = {
        k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", script], cwd=cwd, env=environment, capture_output=True,
        text=True, timeout=60, check=True,
    ).stdout  # fmt: skip

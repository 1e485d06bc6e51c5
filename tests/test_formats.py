"""Output formats: exact snapshots (concise, json, github, full), SARIF (schema-valid,
UTF-16 columns), GitHub annotation escaping, --output-file and format auto-selection.

Snapshots live in tests/cases/cli/expected/; after an intended change, regenerate them
with ``VPCLINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_formats.py`` and review
the diff.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from vpclint import __version__
from vpclint.cli import cli
from vpclint.report.github import escape_data, escape_property
from vpclint.rules.registry import RULES, load_every_rule

CASES = Path(__file__).resolve().parent / "cases" / "cli"
SEVERAL = CASES / "several"
EXPECTED = CASES / "expected"
UPDATE = os.environ.get("VPCLINT_UPDATE_SNAPSHOTS") == "1"
UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"


@pytest.fixture(autouse=True)
def not_in_github_actions(monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def run(*args: str, env: dict | None = None, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), env=env, input=input, catch_exceptions=False)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def without_version(text: str) -> str:
    return text.replace(f'"version": "{__version__}"', '"version": "<version>"')


def assert_snapshot(name: str, actual: str) -> None:
    expected_file = EXPECTED / name
    if UPDATE:
        write(expected_file, actual)
        return
    assert expected_file.exists(), f"no snapshot {name}; run with VPCLINT_UPDATE_SNAPSHOTS=1"
    assert actual == expected_file.read_text(encoding="utf-8")


def lint_several(monkeypatch, *args: str):
    """Lint the fixture folder as if it were a checkout's root (GITHUB_WORKSPACE), so that
    the github and sarif paths do not depend on where this repository is."""
    monkeypatch.chdir(SEVERAL)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(SEVERAL))
    return run("--isolated", "--color", "never", *args, ".")


@pytest.mark.parametrize(
    ("format_name", "snapshot"),
    [
        ("concise", "several.concise.txt"),
        ("json", "several.json"),
        ("github", "several.github.txt"),
        ("full", "several.full.txt"),
    ],
)
def test_format_snapshot(monkeypatch, format_name, snapshot):
    result = lint_several(monkeypatch, "--format", format_name)
    assert result.exit_code == 1
    assert_snapshot(snapshot, without_version(result.output))


def test_snapshot_fixture_has_several_kinds_of_findings(monkeypatch):
    report = json.loads(lint_several(monkeypatch, "--format", "json").output)
    codes = [d["code"] for d in report["diagnostics"]]
    assert codes == ["VPC203", "VPC206", "VPC201", "VPC003", "VPC202", "VPC004", "VPC311"]
    assert [f["path"] for f in report["files"]] == [
        "apps/api/wrangler.toml",
        "apps/web/wrangler.jsonc",
        "vpc-services/orders.json",
    ]
    assert report["summary"] == {
        "files": 3,
        "errors": 4,
        "warnings": 3,
        "infos": 0,
        "fixed": 0,
        "fixable": 2,
    }


def test_concise_lines_are_path_line_col_code_severity_message(monkeypatch):
    lines = lint_several(monkeypatch, "--format", "concise").output.splitlines()
    assert lines[2] == (
        'apps/api/wrangler.toml:9:11: VPC201 [error] binding name "ORDERS" is already used by '
        "another VPC service on line 5"
    )
    pattern = re.compile(r"[^:]+:\d+:\d+: VPC\d{3} \[(error|warning|info)\] .+")
    assert all(pattern.fullmatch(line) for line in lines)


def test_github_annotation_lines(monkeypatch):
    lines = lint_several(monkeypatch, "--format", "github").output.splitlines()
    assert lines[0].startswith(
        "::warning file=apps/api/wrangler.toml,line=4,col=1,endLine=4,endColumn=17,title=VPC203::"
        "apps/api/wrangler.toml:4:1: VPC203 this VPC service binding does not set `remote`"
    )
    assert lines[2].startswith(
        "::error file=apps/api/wrangler.toml,line=9,col=11,endLine=9,endColumn=19,title=VPC201::"
        'apps/api/wrangler.toml:9:11: VPC201 binding name "ORDERS" is already used'
    )
    assert len(lines) == 7


def test_github_notice_for_info(tmp_path):
    config = write(
        tmp_path / "wrangler.toml",
        f'[[vpc_services]]\nbinding = "api"\nservice_id = "{UUID}"\nremote = true\n',
    )
    result = run("--isolated", "--format", "github", "--extend-select", "VPC211", str(config))
    [line] = result.output.splitlines()
    assert line.startswith("::notice file=")
    assert "title=VPC211::" in line


# ---------------------------------------------------------------------------- github escaping


def test_escape_functions_follow_the_runner_rules():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_binding_name_cannot_forge_an_annotation(tmp_path):
    # a binding name holding a line break, `::`, `%` and a comma
    forged = r"X\n::error file=evil.toml,line=1::forged%0A,::warning ::x"
    config = write(
        tmp_path / "wrangler.toml",
        "[[vpc_services]]\n"
        f'binding = "{forged}"\n'
        f'service_id = "{UUID}"\n'
        "remote = true\n"
        "[[vpc_services]]\n"
        f'binding = "{forged}"\n'
        f'service_id = "{UUID}"\n'
        "remote = true\n",
    )
    result = run("--isolated", "--format", "github", str(config))
    lines = result.output.split("\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    codes = [
        re.match(r"::(error|warning|notice) file=[^:]*,title=(VPC\d+)::", line) for line in lines
    ]
    assert all(codes), lines
    assert sorted(match.group(2) for match in codes) == ["VPC201", "VPC208", "VPC208"]
    for line in lines:
        # one command per line: the only `::` outside the message is the separator
        head, _, message = line[2:].partition("::")
        assert "\r" not in line
        assert ":" not in head.split(" ", 1)[1]
        assert "forged%250A" in message  # `%` is encoded, so `%0A` stays text
        assert "\\n::error" in message  # the line break is a visible escape
    assert not any(line.startswith("::error file=evil.toml") for line in lines)


def test_file_name_with_comma_and_colon_is_escaped(tmp_path):
    config = write(tmp_path / "a,b:c" / "wrangler.json", '{"a": 1, "a": 2}')
    result = run("--isolated", "--format", "github", str(config))
    [line] = result.output.splitlines()
    escaped = str(config).replace(",", "%2C").replace(":", "%3A")
    assert line.startswith(f"::warning file={escaped},line=1,col=10,endLine=1,endColumn=13,")


# ---------------------------------------------------------------------------- SARIF


def sarif_of(monkeypatch, *args: str) -> dict:
    result = lint_several(monkeypatch, "--format", "sarif", *args)
    assert result.exit_code == 1
    return json.loads(result.output)


def test_sarif_is_valid_against_the_oasis_schema(monkeypatch, shared_dir):
    jsonschema = pytest.importorskip("jsonschema")
    schema_file = shared_dir / "conformance" / "sarif" / "sarif-schema-2.1.0.json"
    if not schema_file.exists():
        pytest.skip("SARIF schema not present")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    log = sarif_of(monkeypatch)
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []


def test_sarif_driver_lists_every_rule_with_help(monkeypatch):
    load_every_rule()
    run_ = sarif_of(monkeypatch)["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == sorted(RULES)
    for rule in rules:
        registered = RULES[rule["id"]]
        assert rule["name"] == registered.name
        assert "helpUri" not in rule  # no published address: the help text is complete
        assert rule["help"]["text"].endswith(registered.use_instead.rstrip())
        assert rule["help"]["text"].startswith(registered.what)
        assert rule["shortDescription"]["text"] == registered.summary
    by_id = {rule["id"]: rule for rule in rules}
    assert by_id["VPC211"]["defaultConfiguration"] == {"level": "note", "enabled": False}
    assert by_id["VPC201"]["defaultConfiguration"] == {"level": "error", "enabled": True}


def test_sarif_results_have_regions_and_related_locations(monkeypatch):
    run_ = sarif_of(monkeypatch)["runs"][0]
    assert run_["columnKind"] == "utf16CodeUnits"
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == SEVERAL.as_uri() + "/"
    results = run_["results"]
    assert [r["ruleId"] for r in results] == [
        "VPC203", "VPC206", "VPC201", "VPC003", "VPC202", "VPC004", "VPC311"
    ]  # fmt: skip
    duplicate = results[2]
    assert duplicate["level"] == "error"
    assert run_["tool"]["driver"]["rules"][duplicate["ruleIndex"]]["id"] == "VPC201"
    location = duplicate["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "apps/api/wrangler.toml",
        "uriBaseId": "%SRCROOT%",
    }
    assert location["region"] == {"startLine": 9, "startColumn": 11, "endLine": 9, "endColumn": 19}
    [related] = duplicate["relatedLocations"]
    assert related["message"]["text"] == "first used here"
    assert related["physicalLocation"]["region"] == {
        "startLine": 5, "startColumn": 11, "endLine": 5, "endColumn": 19
    }  # fmt: skip
    assert duplicate["properties"]["pointer"] == "/vpc_services/1/binding"
    assert duplicate["properties"]["fix"] == "rename one of the two bindings"
    assert results[3]["level"] == "warning"


def test_sarif_columns_are_utf16_code_units(tmp_path):
    config = write(tmp_path / "wrangler.json", '{"name": "\U0001f600", "name": "x"}')
    sarif = json.loads(run("--isolated", "--format", "sarif", str(config)).output)
    [result] = sarif["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1, "startColumn": 16, "endLine": 1, "endColumn": 22
    }  # fmt: skip
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": config.as_uri()
    }
    # the other formats count code points
    [diagnostic] = json.loads(run("--isolated", "--format", "json", str(config)).output)[
        "diagnostics"
    ]
    assert diagnostic["start"] == {"line": 1, "column": 15}


def test_sarif_with_no_findings_is_still_a_full_log(tmp_path):
    config = write(tmp_path / "wrangler.toml", 'name = "w"\n')
    result = run("--isolated", "--format", "sarif", str(config))
    assert result.exit_code == 0
    log = json.loads(result.output)
    assert log["version"] == "2.1.0"
    assert log["runs"][0]["results"] == []


# ---------------------------------------------------------------------------- choosing, writing


def test_github_is_the_default_under_github_actions(monkeypatch):
    monkeypatch.chdir(SEVERAL)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(SEVERAL))
    result = run("--isolated", ".", env={"GITHUB_ACTIONS": "true"})
    assert result.output.startswith("::warning file=apps/api/wrangler.toml,line=4,")
    asked = run("--isolated", "--format", "concise", ".", env={"GITHUB_ACTIONS": "true"})
    assert asked.output.startswith("apps/api/wrangler.toml:4:1: VPC203 [warning] ")
    elsewhere = run("--isolated", "--color", "never", ".", env={"GITHUB_ACTIONS": "false"})
    assert elsewhere.output.startswith("apps/api/wrangler.toml:4:1: VPC203 [*] [warning] ")


def test_output_file_gets_the_report_and_stdout_stays_empty(monkeypatch, tmp_path):
    target = tmp_path / "report.json"
    result = lint_several(monkeypatch, "--format", "json", "--output-file", str(target))
    assert result.exit_code == 1
    assert result.output == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["errors"] == 4


def test_output_file_is_never_coloured(monkeypatch, tmp_path):
    target = tmp_path / "report.txt"
    monkeypatch.chdir(SEVERAL)
    run("--isolated", "--color", "always", "--output-file", str(target), ".")
    text = target.read_text(encoding="utf-8")
    assert "\x1b[" not in text
    assert text.endswith(
        "4 errors, 3 warnings in 3 files\n"
        "[*] 2 fixable with `vpclint --fix` (1 more with `--unsafe-fixes`)\n"
    )


def test_unwritable_output_file_is_a_usage_error(monkeypatch, tmp_path):
    (tmp_path / "taken").write_text("a file where a folder should be", encoding="utf-8")
    result = lint_several(monkeypatch, "--output-file", str(tmp_path / "taken" / "out.txt"))
    assert result.exit_code == 2
    assert "--output-file" in result.output and "cannot write" in result.output


def test_output_file_folders_are_made(monkeypatch, tmp_path):
    target = tmp_path / "reports" / "ci" / "vpclint.json"
    result = lint_several(monkeypatch, "--format", "json", "--output-file", str(target))
    assert result.exit_code == 1
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["errors"] == 4

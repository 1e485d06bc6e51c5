"""VPC317: payload names are unique per account, so every payload of a run is compared."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from vpclint.cli import cli
from vpclint.runner import Target, lint, lint_files, lint_text

CASES = Path(__file__).resolve().parent / "cases" / "payload" / "duplicate-names"
T = "0191dce4-9ab4-7fce-b660-8e5dec5172da"


def payload(name: str, address: str = "10.0.0.1") -> str:
    return (
        "{\n"
        f'    "name": "{name}",\n'
        '    "type": "http",\n'
        f'    "host": {{"ipv4": "{address}", "network": {{"tunnel_id": "{T}"}}}}\n'
        "  }"
    )


def array_file(*names: str) -> str:
    return "[\n  " + ",\n  ".join(payload(name) for name in names) + "\n]\n"


def test_duplicate_in_one_array_file_points_back_at_the_first():
    text = array_file("api", "db", "api")
    [diagnostic] = lint_text(text, "services.json", kind="payload")
    assert diagnostic.code == "VPC317"
    assert diagnostic.severity == "error"
    assert diagnostic.pointer == "/2/name"
    # the third payload starts on line 12; its name is on line 13
    assert (diagnostic.start.line, diagnostic.start.column) == (13, 13)
    assert 'the name "api" is already used by the payload on line 3' in diagnostic.message
    [related] = diagnostic.related
    assert related.message == "first used here"
    assert (related.start.line, related.start.column) == (3, 13)


def test_every_later_duplicate_names_the_first():
    diagnostics = lint_text(array_file("api", "api", "api"), "services.json", kind="payload")
    assert [(d.code, d.start.line) for d in diagnostics] == [("VPC317", 8), ("VPC317", 13)]
    assert all("on line 3" in d.message for d in diagnostics)


def test_distinct_names_pass_and_names_are_compared_exactly():
    assert lint_text(array_file("api", "API", "api-2"), "services.json", kind="payload") == []


def test_payloads_without_a_usable_name_are_not_compared():
    text = array_file("", "")
    codes = [d.code for d in lint_text(text, "services.json", kind="payload")]
    assert codes == ["VPC301", "VPC301"]


def test_duplicate_across_files_names_the_other_file_and_line(tmp_path):
    first = tmp_path / "services.json"
    second = tmp_path / "staging.json"
    first.write_text(array_file("api", "db"), encoding="utf-8")
    second.write_text(payload("db").replace("\n  ", "\n") + "\n", encoding="utf-8")
    result = lint([Target(str(first), "payload", "json"), Target(str(second), "payload", "json")])
    [diagnostic] = result.diagnostics
    assert diagnostic.path == str(second)
    assert diagnostic.code == "VPC317"
    assert (diagnostic.start.line, diagnostic.start.column) == (2, 11)
    assert f'the name "db" is already used in {first} (line 8)' in diagnostic.message
    assert diagnostic.related == ()


def test_fixture_folder_through_lint_files():
    result = lint_files([CASES / "services.json", CASES / "staging-api.json"])
    [diagnostic] = result.diagnostics
    assert diagnostic.code == "VPC317"
    assert diagnostic.path.endswith("staging-api.json")
    assert (diagnostic.start.line, diagnostic.start.column) == (2, 11)
    assert "services.json (line 3)" in diagnostic.message


def test_fixture_folder_through_the_cli():
    result = CliRunner().invoke(cli, ["--format", "json", str(CASES)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert [file["kind"] for file in report["files"]] == ["payload", "payload"]
    [diagnostic] = report["diagnostics"]
    assert diagnostic["code"] == "VPC317"
    assert diagnostic["pointer"] == "/name"
    assert diagnostic["start"] == {"line": 2, "column": 11}

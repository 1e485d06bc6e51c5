"""Standard input: `-`, `--stdin-filename` (picks syntax and kind, is the path shown),
and what an unnamed stdin is."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from vpclint.cli import cli
from vpclint.discover import guess_syntax

UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"
TOML = f'[[vpc_services]]\nbinding = "API"\nservice_id = "{UUID}"\nremote = false\n'
JSONC = (
    "{\n  // comments and trailing commas are fine in JSONC\n"
    f'  "vpc_services": [{{"binding": "API", "service_id": "{UUID}", "remote": false}},],\n}}\n'
)
PAYLOAD = '{"name": "db", "type": "tcp", "host": {"hostname": "db.internal"}}'


@pytest.fixture(autouse=True)
def not_in_github_actions(monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def run(*args: str, stdin: str | bytes = b""):
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    return CliRunner().invoke(cli, ["--isolated", *args], input=data, catch_exceptions=False)


def report(*args: str, stdin: str | bytes) -> dict:
    result = run("--format", "json", *args, stdin=stdin)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def located(report_: dict) -> list[tuple[str, str, int, int]]:
    return [
        (d["path"], d["code"], d["start"]["line"], d["start"]["column"])
        for d in report_["diagnostics"]
    ]


def test_stdin_filename_names_the_file_and_picks_jsonc(tmp_path):
    found = report("--stdin-filename", "apps/api/wrangler.jsonc", "-", stdin=JSONC)
    assert found["files"] == [{"path": "apps/api/wrangler.jsonc", "kind": "wrangler"}]
    assert located(found) == [("apps/api/wrangler.jsonc", "VPC202", 3, 103)]


def test_stdin_filename_picks_toml():
    found = report("--stdin-filename", "wrangler.toml", "-", stdin=TOML)
    assert located(found) == [("wrangler.toml", "VPC202", 4, 10)]


def test_stdin_filename_alone_reads_stdin():
    found = report("--stdin-filename", "wrangler.toml", stdin=TOML)
    assert located(found) == [("wrangler.toml", "VPC202", 4, 10)]


def test_stdin_filename_of_a_payload_with_comments_is_vpc005_and_checked():
    found = report("--stdin-filename", "services/db.json", "-", stdin=PAYLOAD)
    assert found["files"] == [{"path": "services/db.json", "kind": "payload"}]
    assert {d["code"] for d in found["diagnostics"]} >= {"VPC311", "VPC304"}
    commented = report("--stdin-filename", "services/db.json", "--kind", "payload", "-",
                       stdin="// no comments in API bodies\n" + PAYLOAD)  # fmt: skip
    assert [d["code"] for d in commented["diagnostics"]] == ["VPC005", "VPC311", "VPC304"]
    assert commented["diagnostics"][0]["start"] == {"line": 1, "column": 1}


def test_unnamed_stdin_is_shown_as_dash_and_read_by_content():
    assert located(report("-", stdin=TOML)) == [("-", "VPC202", 4, 10)]
    assert located(report("-", stdin=JSONC)) == [("-", "VPC202", 3, 103)]
    payload = report("-", stdin=PAYLOAD)
    assert payload["files"] == [{"path": "-", "kind": "payload"}]


def test_unnamed_stdin_starting_with_a_table_header_is_toml():
    text = f'[vars]\nA = "1"\n\n[[vpc_services]]\nbinding = "A"\nservice_id = "{UUID}"\nremote = true\n'
    found = report("-", stdin=text)
    assert located(found) == [("-", "VPC201", 5, 11)]


def test_kind_flag_applies_to_stdin():
    found = report("--kind", "payload", "-", stdin='{"name": "db"}')
    assert found["files"] == [{"path": "-", "kind": "payload"}]
    assert [d["code"] for d in found["diagnostics"]] == ["VPC301"]


def test_stdin_filename_of_neither_kind_is_a_usage_error():
    result = run("--stdin-filename", "notes.toml", "-", stdin=TOML)
    assert result.exit_code == 2
    assert "notes.toml: not a wrangler config" in result.output


def test_stdin_filename_without_dash_among_paths_is_a_usage_error(tmp_path):
    result = run("--stdin-filename", "wrangler.toml", str(tmp_path), stdin=TOML)
    assert result.exit_code == 2
    assert "pass - among the paths" in result.output


def test_stdin_bytes_are_decoded_like_a_file():
    utf16 = report("--stdin-filename", "wrangler.json", "-", stdin=b"\xff\xfe{\x00}\x00")
    assert [(d["code"], d["path"]) for d in utf16["diagnostics"]] == [("VPC002", "wrangler.json")]
    empty = report("--stdin-filename", "wrangler.json", "-", stdin=b"")
    assert [d["code"] for d in empty["diagnostics"]] == ["VPC002"]
    bom = report("--stdin-filename", "wrangler.toml", "-", stdin=b"\xef\xbb\xbf" + TOML.encode())
    assert located(bom) == [("wrangler.toml", "VPC202", 4, 10)]


def test_stdin_together_with_files(tmp_path):
    other = tmp_path / "wrangler.toml"
    other.write_text(TOML, encoding="utf-8")
    found = report(str(other), "-", "--stdin-filename", "b/wrangler.toml", stdin=TOML)
    assert sorted(f["path"] for f in found["files"]) == sorted([str(other), "b/wrangler.toml"])


def test_stdin_through_a_real_pipe():
    completed = subprocess.run(
        [sys.executable, "-m", "vpclint", "--isolated", "--format", "concise",
         "--stdin-filename", "wrangler.toml", "-"],
        input=TOML.encode(), capture_output=True, timeout=60,
    )  # fmt: skip
    assert completed.returncode == 1
    assert completed.stdout.decode().startswith("wrangler.toml:4:10: VPC202 ")


@pytest.mark.parametrize(
    ("data", "syntax"),
    [
        (b'{"a": 1}', "json"),
        (b"  // note\n{}", "json"),
        (b"/* c */ {}", "json"),
        (b"[{}]", "json"),
        (b"[\n  {}\n]", "json"),
        (b"[]", "json"),
        (b"[[vpc_services]]\n", "toml"),
        (b"[vars]\n", "toml"),
        (b"[ env.staging ]\n", "toml"),
        (b'name = "x"\n', "toml"),
        (b"# comment\n[vars]\n", "toml"),
        (b"", "toml"),
    ],
)
def test_guess_syntax_of_unnamed_content(data, syntax):
    assert guess_syntax("-", data) == syntax

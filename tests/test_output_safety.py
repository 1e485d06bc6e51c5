"""Output safety: file content (and file names) can neither drive the terminal, nor
forge a GitHub Actions workflow command, nor break the JSON and SARIF outputs.

- text formats (full, concise): every control character, ANSI escape, line break,
  bidirectional control and lone surrogate from a file is shown escaped (``\\x1b``) in
  messages and replaced (U+FFFD) in source snippets; the only escape sequences in the
  output are vpclint's own colours, and only with ``--color always``;
- github: one line per finding whatever the content; ``%``, CR, LF, ``:`` and ``,`` are
  encoded as the runner requires, so no property can end early and no second command
  can start;
- json and sarif: valid JSON, ASCII only, for any input, lone surrogates included.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from vpclint.cli import main
from vpclint.report.escape import escape_text

UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"
# What a hostile file might hold: an OSC title change and screen clear, a bell, a
# carriage return that overwrites the line, a C1 CSI, bidi overrides, a line separator.
HOSTILE = "\x1b]0;pwned\x07\x1b[2J\r\x9b31m\u202eevil\u2066\u2028\x00"
SGR = re.compile(r"\x1b\[[0-9;]*m")  # vpclint's own colours
FORGERY = "x%0A::error file=evil.py,line=1::forged%25\n::warning::second"


def entry(binding: str, extra_key: str | None = None) -> dict:
    value = {"binding": binding, "service_id": UUID, "remote": True}
    if extra_key is not None:
        value[extra_key] = 1
    return value


def write_json(path: Path, value) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    # ensure_ascii: the file itself is valid ASCII JSON, the hostile text is in escapes
    path.write_text(json.dumps(value, ensure_ascii=True), encoding="utf-8")
    return path


def lint(args: list[str], capsysbinary) -> tuple[int, bytes]:
    with pytest.raises(SystemExit) as ended:
        main(["--isolated", *args])
    out, err = capsysbinary.readouterr()
    assert err == b"", err
    return ended.value.code, out


@pytest.fixture
def hostile_config(tmp_path, monkeypatch) -> str:
    """A config whose binding names and keys hold terminal controls (two findings each:
    a duplicate binding, bindings that are not identifiers, an unknown field)."""
    monkeypatch.chdir(tmp_path)
    config = {"vpc_services": [entry(HOSTILE), entry(HOSTILE, extra_key=HOSTILE)]}
    write_json(tmp_path / "wrangler.json", config)
    return "wrangler.json"


def control_characters(text: str) -> list[str]:
    return [
        char
        for char in text
        if char != "\n"
        and (
            ord(char) < 0x20
            or 0x7F <= ord(char) <= 0x9F
            or char in "\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
            or 0xD800 <= ord(char) <= 0xDFFF
        )
    ]


@pytest.mark.parametrize("format_name", ["full", "concise"])
def test_text_output_escapes_controls_from_the_file(format_name, hostile_config, capsysbinary):
    status, out = lint(["--format", format_name, "--color", "never", hostile_config], capsysbinary)
    text = out.decode("utf-8")
    assert status == 1
    assert control_characters(text) == []
    assert "\\x1b]0;pwned\\x07\\x1b[2J\\x0d\\x9b31m\\u202eevil\\u2066\\u2028\\x00" in text
    if format_name == "concise":
        assert text.count("\n") == 4  # VPC201, VPC208 twice, VPC105: one line each


def test_source_snippets_replace_controls(tmp_path, monkeypatch, capsysbinary):
    # A raw ESC in a JSON string is a syntax error, shown with its source line.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "wrangler.jsonc").write_bytes(b'{"a": "\x1b[2J\x07\r\xc2\x9b"}')
    status, out = lint(["--format", "full", "--color", "never", "bad/wrangler.jsonc"], capsysbinary)
    text = out.decode("utf-8")
    assert status == 1
    assert "VPC001" in text
    assert control_characters(text) == []
    assert '{"a": "\N{REPLACEMENT CHARACTER}[2J' in text


def test_colour_output_has_only_vpclints_own_escapes(hostile_config, capsysbinary):
    status, out = lint(["--format", "full", "--color", "always", hostile_config], capsysbinary)
    text = out.decode("utf-8")
    assert status == 1
    assert SGR.search(text)  # colours are on
    assert control_characters(SGR.sub("", text)) == []


def test_a_file_name_cannot_drive_the_terminal(tmp_path, monkeypatch, capsysbinary):
    monkeypatch.chdir(tmp_path)
    folder = "app\x1b[2J\nnext"
    write_json(tmp_path / folder / "wrangler.json", {"vpc_services": [entry("A b")]})
    for format_name in ("full", "concise"):
        status, out = lint(["--format", format_name, "--color", "never", "."], capsysbinary)
        text = out.decode("utf-8")
        assert status == 0  # VPC208 (a warning) only
        assert control_characters(text) == []
        assert "app\\x1b[2J\\nnext/wrangler.json:1:" in text


# ---------------------------------------------------------------------------- JSON, SARIF


@pytest.mark.parametrize("format_name", ["json", "sarif"])
def test_json_output_is_valid_ascii_json_with_lone_surrogates(
    format_name, tmp_path, monkeypatch, capsysbinary
):
    monkeypatch.chdir(tmp_path)
    config = {"vpc_services": [entry("\ud800"), entry("\ud800", extra_key="\udfff" + HOSTILE)]}
    write_json(tmp_path / "wrangler.json", config)
    status, out = lint(["--format", format_name, "wrangler.json"], capsysbinary)
    assert status == 1
    assert out.isascii()
    report = json.loads(out)
    assert json.loads(json.dumps(report, ensure_ascii=True)) == report
    messages = (
        [d["message"] for d in report["diagnostics"]]
        if format_name == "json"
        else [r["message"]["text"] for r in report["runs"][0]["results"]]
    )
    assert any("\ud800" in message for message in messages)
    assert any("\udfff" in message for message in messages)
    if format_name == "json":
        pointers = [d["pointer"] for d in report["diagnostics"]]
        assert "/vpc_services/1/\udfff" + HOSTILE in pointers


def test_lone_surrogates_can_be_written_to_an_output_file(tmp_path, monkeypatch, capsysbinary):
    monkeypatch.chdir(tmp_path)
    write_json(tmp_path / "wrangler.json", {"vpc_services": [entry("\ud800")]})
    for format_name in ("full", "concise", "github", "json", "sarif"):
        report = tmp_path / f"report.{format_name}"
        status, _ = lint(
            ["--format", format_name, "--output-file", str(report), "wrangler.json"],
            capsysbinary,
        )
        assert status == 0  # VPC208 is a warning
        assert "\\ud800" in report.read_text(encoding="utf-8")


@pytest.mark.skipif(os.name != "posix", reason="needs byte file names")
def test_sarif_output_with_a_file_name_that_is_not_utf8(tmp_path, monkeypatch, capsysbinary):
    monkeypatch.chdir(tmp_path)
    folder = os.fsencode(tmp_path) + b"/bad\xff"
    os.mkdir(folder)
    with open(folder + b"/wrangler.json", "w", encoding="utf-8") as handle:
        json.dump({"vpc_services": [entry("A b")]}, handle)
    status, out = lint(["--format", "sarif", "."], capsysbinary)
    assert status == 0
    [result] = json.loads(out)["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "bad%FF/wrangler.json"


# ---------------------------------------------------------------------------- GitHub

ANNOTATION = re.compile(
    r"::(error|warning|notice) file=([^,:\r\n]*),line=(\d+),col=(\d+),endLine=(\d+),"
    r"endColumn=(\d+),title=(VPC\d{3})::([^\r\n]*)"
)


def decode_data(text: str) -> str:
    """Undo the runner's encoding of a command's message (%25 last)."""
    assert re.fullmatch(r"(?:[^%]|%25|%0A|%0D)*", text), text
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def test_github_annotations_cannot_be_forged(tmp_path, monkeypatch, capsysbinary):
    monkeypatch.chdir(tmp_path)
    folder = "pr%0A::error::x,y:z"
    config = {"vpc_services": [entry(FORGERY), entry(FORGERY, extra_key=FORGERY + HOSTILE)]}
    write_json(tmp_path / folder / "wrangler.json", config)
    _, out = lint(["--format", "json", "."], capsysbinary)
    diagnostics = json.loads(out)["diagnostics"]
    status, out = lint(["--format", "github", "."], capsysbinary)
    assert status == 1
    lines = out.decode("utf-8").split("\n")
    assert lines[-1] == ""
    assert len(lines) - 1 == len(diagnostics) == 4
    for line, diagnostic in zip(lines, diagnostics, strict=False):
        match = ANNOTATION.fullmatch(line)
        assert match, line
        assert control_characters(line) == []
        assert match.group(2) == "pr%250A%3A%3Aerror%3A%3Ax%2Cy%3Az/wrangler.json"
        assert match.group(7) == diagnostic["code"]
        where = f"{folder}/wrangler.json:{diagnostic['start']['line']}:"
        where += f"{diagnostic['start']['column']}: {diagnostic['code']} "
        assert decode_data(match.group(8)) == escape_text(where + diagnostic["message"])

"""The payload fixes (VPC302, VPC314, VPC316; VPC307 unsafe) and the VPC004 fix, from
files on disk through the CLI as a subprocess: lint -> --fix -> lint shows the finding
gone and nothing new, a second --fix changes nothing, --diff prints the change, exits 1
and writes nothing. Every other byte is kept (tabs, CRLF, one-line objects, comments, a
missing final newline). The property test on generated payloads is in
tests/test_payload_fix_property.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
T = "0191dce4-9ab4-7fce-b660-8e5dec5172da"


def run(*args: str, cwd: Path, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "vpclint", "--isolated", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
    )


def findings(path: Path, *args: str) -> list[tuple[str, int, int]]:
    """(code, line, column) of every finding of the file, from the JSON output."""
    result = run("--format", "json", *args, str(path.name), cwd=path.parent)
    assert result.returncode in (0, 1), result.stderr.decode()
    return [
        (item["code"], item["start"]["line"], item["start"]["column"])
        for item in json.loads(result.stdout)["diagnostics"]
    ]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def check_fix(path: Path, code: str, expected: str, *args: str, left: int = 0) -> None:
    """Lint -> --diff -> --fix -> lint: the file becomes ``expected``, ``code`` is gone
    (but for ``left`` findings without a fix), no other finding appears, and a second
    --fix changes nothing."""
    before_bytes = path.read_bytes()
    before = findings(path, *args)
    assert code in {found[0] for found in before}, before
    diff = run("--diff", *args, path.name, cwd=path.parent)
    assert diff.returncode == 1, diff.stderr.decode()
    assert diff.stdout.decode().startswith(f"--- a/{path.name}\n+++ b/{path.name}\n")
    assert path.read_bytes() == before_bytes  # --diff writes nothing
    fixed = run("--fix", *args, path.name, cwd=path.parent)
    assert fixed.returncode in (0, 1), fixed.stderr.decode()
    assert path.read_bytes().decode("utf-8") == expected
    after = findings(path, *args)
    assert sum(found[0] == code for found in after) == left, after
    remaining = {found[0] for found in before if found[0] != code or left}
    assert {found[0] for found in after} <= remaining, (before, after)
    again = run("--fix", *args, path.name, cwd=path.parent)
    assert again.returncode == (1 if after else 0)
    assert path.read_bytes().decode("utf-8") == expected


# -- VPC302 ---------------------------------------------------------------------------


def test_vpc302_lowercases_the_type_keeping_tabs_crlf_and_no_final_newline(tmp_path):
    text = (
        '{\r\n\t"name": "db",\r\n\t"type":\t"TCP",\r\n\t"tcp_port": 5432,\r\n'
        f'\t"host": {{"ipv4": "10.0.0.1", "network": {{"tunnel_id": "{T}"}}}}\r\n}}'
    )
    path = write(tmp_path / "vpc-services" / "db.json", text)
    assert findings(path) == [("VPC302", 3, 10)]
    check_fix(path, "VPC302", text.replace('"TCP"', '"tcp"'))


def test_vpc302_fixes_each_payload_of_an_array_and_leaves_other_types_alone(tmp_path):
    first = '{"name": "a", "type": "Http", "host": ' + (
        f'{{"ipv4": "10.0.0.1", "network": {{"tunnel_id": "{T}"}}}}}}'
    )
    second = first.replace('"a"', '"b"').replace('"Http"', '"hTTp"')
    third = first.replace('"a"', '"c"').replace('"Http"', '"https"')
    text = f"[\n  {first},\n  {second},\n  {third}\n]\n"
    path = write(tmp_path / "services.json", text)
    assert [f[:2] for f in findings(path, "--kind", "payload")] == [
        ("VPC302", 2),
        ("VPC302", 3),
        ("VPC302", 4),
    ]
    expected = text.replace('"Http"', '"http"').replace('"hTTp"', '"http"')
    check_fix(path, "VPC302", expected, "--kind", "payload", left=1)
    assert findings(path, "--kind", "payload") == [("VPC302", 4, 25)]  # "https": no fix


# -- VPC314 ---------------------------------------------------------------------------

HOST = f'"host": {{"ipv4": "10.0.0.1", "network": {{"tunnel_id": "{T}"}}}}'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the first member, on its own line
            f'{{\n  "service_id": "{T}",\n  "name": "a",\n  "type": "http",\n  {HOST}\n}}\n',
            f'{{\n  "name": "a",\n  "type": "http",\n  {HOST}\n}}\n',
        ),
        (  # a middle member, with tabs and CRLF
            f'{{\r\n\t"name": "a",\r\n\t"created_at": "2025-01-01T00:00:00Z",\r\n'
            f'\t"type": "http",\r\n\t{HOST}\r\n}}',
            f'{{\r\n\t"name": "a",\r\n\t"type": "http",\r\n\t{HOST}\r\n}}',
        ),
        (  # the last member: the comma before it goes
            f'{{\n  "name": "a",\n  "type": "http",\n  {HOST},\n  "account_id": "x"\n}}\n',
            f'{{\n  "name": "a",\n  "type": "http",\n  {HOST}\n}}\n',
        ),
        (  # one-line objects
            f'{{"name": "a", "updated_at": "x", "type": "http", {HOST}}}',
            f'{{"name": "a", "type": "http", {HOST}}}',
        ),
        (
            f'{{"name":"a","type":"http",{HOST},"service_id":"x"}}',
            f'{{"name":"a","type":"http",{HOST}}}',
        ),
    ],
    ids=["first", "middle-crlf-tabs", "last", "one-line", "one-line-last"],
)
def test_vpc314_removes_the_member_with_its_comma_and_line(tmp_path, text, expected):
    path = write(tmp_path / "vpc-services" / "a.json", text)
    check_fix(path, "VPC314", expected)
    json.loads(path.read_text(encoding="utf-8"))  # strict JSON stays strict JSON


def test_vpc314_in_a_jsonc_payload_with_comments_and_trailing_commas(tmp_path):
    text = (
        "[\n"
        '  {"service_id": "s1", "name": "a", "type": "http", ' + HOST + "},\n"
        "  {\n"
        '    "name": "b", // copied from GET\n'
        '    "service_id": "s2", // read-only\n'
        '    "type": "http",\n'
        f"    {HOST},\n"
        '    "created_at": "x",\n'
        "  },\n"
        "]\n"
    )
    expected = (
        "[\n"
        '  {"name": "a", "type": "http", ' + HOST + "},\n"
        "  {\n"
        '    "name": "b", // copied from GET\n'
        "    // read-only\n"
        '    "type": "http",\n'
        f"    {HOST},\n"
        "  },\n"
        "]\n"
    )
    path = write(tmp_path / "services.jsonc", text)
    check_fix(path, "VPC314", expected, "--kind", "payload")


def test_vpc314_every_read_only_field_of_a_payload(tmp_path):
    text = (
        "{\n"
        '  "service_id": "s",\n'
        '  "account_id": "acc",\n'
        '  "name": "a",\n'
        '  "type": "http",\n'
        f"  {HOST},\n"
        '  "created_at": "x",\n'
        '  "updated_at": "y"\n'
        "}"
    )
    expected = f'{{\n  "name": "a",\n  "type": "http",\n  {HOST}\n}}'
    path = write(tmp_path / "vpc-services" / "a.json", text)
    check_fix(path, "VPC314", expected)


# -- VPC316 ---------------------------------------------------------------------------


def test_vpc316_removes_empty_resolver_ips(tmp_path):
    text = (
        "[\n"
        '  {"name": "a", "type": "http", "host": {"hostname": "api.internal", '
        f'"resolver_network": {{"tunnel_id": "{T}", "resolver_ips": []}}}}}},\n'
        "  {\n"
        '    "name": "b",\n'
        '    "type": "http",\n'
        '    "host": {\n'
        '      "hostname": "api.internal",\n'
        '      "resolver_network": {\n'
        '        "resolver_ips": [ ],\n'
        f'        "tunnel_id": "{T}"\n'
        "      }\n"
        "    }\n"
        "  }\n"
        "]\n"
    )
    expected = text.replace(', "resolver_ips": []', "").replace(
        '        "resolver_ips": [ ],\n', ""
    )
    path = write(tmp_path / "vpc-services" / "all.json", text)
    check_fix(path, "VPC316", expected)
    json.loads(path.read_text(encoding="utf-8"))


# -- VPC307 (unsafe) --------------------------------------------------------------------


def hostname_payload(kind: str, hostname: str, *extra: str) -> str:
    lines = ["{", '  "name": "a",', f'  "type": "{kind}",', *extra]
    lines.append(
        f'  "host": {{"hostname": "{hostname}", "resolver_network": {{"tunnel_id": "{T}"}}}}'
    )
    return "\n".join(lines) + "\n}\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            hostname_payload("tcp", "db.internal:5432"),
            hostname_payload("tcp", "db.internal", '  "tcp_port": 5432,'),
        ),
        (
            hostname_payload("http", "https://api.internal:8443/v1"),
            hostname_payload("http", "api.internal", '  "https_port": 8443,'),
        ),
        (
            hostname_payload("http", "http://api.internal:8080"),
            hostname_payload("http", "api.internal", '  "http_port": 8080,'),
        ),
        (  # the default port: just dropped
            hostname_payload("http", "https://api.internal:443/"),
            hostname_payload("http", "api.internal"),
        ),
        (  # the port field says the same: just dropped
            hostname_payload("tcp", "db.internal:5432", '  "tcp_port": 5432,'),
            hostname_payload("tcp", "db.internal", '  "tcp_port": 5432,'),
        ),
        (
            hostname_payload("http", "https://api.internal/health"),
            hostname_payload("http", "api.internal"),
        ),
    ],
    ids=["tcp-port", "https-port", "http-port", "default-port", "same-port", "path"],
)
def test_vpc307_unsafe_fix_writes_the_bare_name_and_moves_the_port(tmp_path, text, expected):
    path = write(tmp_path / "vpc-services" / "a.json", text)
    safe = run("--fix", path.name, cwd=path.parent)
    assert safe.returncode == 1
    assert path.read_text(encoding="utf-8") == text  # unsafe: not applied by --fix alone
    assert "--unsafe-fixes" in safe.stdout.decode()
    check_fix(path, "VPC307", expected, "--unsafe-fixes")
    json.loads(path.read_text(encoding="utf-8"))


def test_vpc307_one_line_payload_gets_the_port_in_its_style(tmp_path):
    text = (
        f'{{"name":"a","type":"tcp","host":{{"hostname":"tcp://db.internal:5432",'
        f'"resolver_network":{{"tunnel_id":"{T}"}}}}}}'
    )
    expected = text.replace('"host"', '"tcp_port":5432,"host"').replace("tcp://", "")
    expected = expected.replace(':5432"', '"')
    path = write(tmp_path / "vpc-services" / "a.json", text)
    check_fix(path, "VPC307", expected, "--unsafe-fixes")


@pytest.mark.parametrize(
    "text",
    [
        hostname_payload("tcp", "db.internal:5432", '  "tcp_port": 5433,'),  # conflict
        hostname_payload("http", "http://api.internal:8080", '  "https_port": 8443,'),
        hostname_payload("tcp", "db.internal:99999"),  # not a valid port
        hostname_payload("TCP", "db.internal:5432"),  # no valid type yet (VPC302 first)
        hostname_payload("http", "https://10.0.0.1/x"),  # an IP: another shape of host
        hostname_payload("http", "db internal"),
    ],
    ids=["conflict", "other-http-port", "invalid-port", "type", "ip", "whitespace"],
)
def test_vpc307_has_no_fix_when_it_would_guess(tmp_path, text):
    path = write(tmp_path / "vpc-services" / "a.json", text)
    result = run("--format", "json", "--unsafe-fixes", path.name, cwd=path.parent)
    vpc307 = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "VPC307"]
    assert len(vpc307) == 1 and vpc307[0]["edits"] == [] and vpc307[0]["applicability"] is None


def test_vpc302_then_vpc307_converge_in_one_fix_run(tmp_path):
    text = hostname_payload("TCP", "db.internal:5432")
    expected = hostname_payload("tcp", "db.internal", '  "tcp_port": 5432,')
    path = write(tmp_path / "vpc-services" / "a.json", text)
    result = run("--fix", "--unsafe-fixes", path.name, cwd=path.parent)
    assert result.returncode == 0, result.stdout.decode()
    assert path.read_text(encoding="utf-8") == expected
    assert "2 fixed" in result.stdout.decode() + result.stderr.decode()


# -- standard input ---------------------------------------------------------------------


def test_fix_from_stdin_writes_the_fixed_text_to_stdout_and_the_report_to_stderr(tmp_path):
    text = hostname_payload("Tcp", "db.internal", '  "tcp_port": 5432,', '  "service_id": "s",')
    result = run("--fix", "--kind", "payload", "-", cwd=tmp_path, stdin=text.encode())
    assert result.returncode == 0
    expected = hostname_payload("tcp", "db.internal", '  "tcp_port": 5432,')
    assert result.stdout.decode() == expected
    assert "2 fixed" in result.stderr.decode()
    assert list(tmp_path.iterdir()) == []


# -- VPC004 ---------------------------------------------------------------------------

TOML_TOP = (
    f'name = "w"\nmain = "src/index.js"\n\n[[vpc_services]]\nbinding = "API"\nservice_id = "{T}"\n'
)


TOML_CASES = [
    (  # alone on its line: the line goes
        TOML_TOP + "# vpclint: ignore[VPC203]\nremote = true\n",
        TOML_TOP + "remote = true\n",
    ),
    (  # after code: the code stays
        TOML_TOP + "remote = true  # vpclint: ignore[VPC203] -- reached through the tunnel\n",
        TOML_TOP + "remote = true\n",
    ),
    (  # one unused code of a list with a used one; the text after it stays
        TOML_TOP.replace(
            "[[vpc_services]]\n", "[[vpc_services]] # vpclint: ignore[VPC203, VPC208] -- x\n"
        ),
        TOML_TOP.replace("[[vpc_services]]\n", "[[vpc_services]] # vpclint: ignore[VPC203] -- x\n"),
    ),
    (  # the unused code first in the list
        TOML_TOP.replace(
            "[[vpc_services]]\n", "[[vpc_services]] # vpclint: ignore[VPC105,VPC203]\n"
        ),
        TOML_TOP.replace("[[vpc_services]]\n", "[[vpc_services]] # vpclint: ignore[VPC203]\n"),
    ),
    (  # other words in the comment: only the directive goes
        TOML_TOP + "remote = true # keep this note # vpclint: ignore\n",
        TOML_TOP + "remote = true # keep this note\n",
    ),
    (  # CRLF, and the last line without a line break
        (TOML_TOP + "remote = true\n# vpclint: ignore").replace("\n", "\r\n"),
        (TOML_TOP + "remote = true").replace("\n", "\r\n"),
    ),
]
TOML_CASES += [
    (  # in an env, the comment indented with a tab
        TOML_TOP
        + "remote = true\n\n[env.staging]\n\t# vpclint: ignore[VPC204]\n"
        + TOML_TOP.split("\n\n", 1)[1].replace("[[vpc_services]]", "[[env.staging.vpc_services]]")
        + "remote = true\n",
        TOML_TOP
        + "remote = true\n\n[env.staging]\n"
        + TOML_TOP.split("\n\n", 1)[1].replace("[[vpc_services]]", "[[env.staging.vpc_services]]")
        + "remote = true\n",
    ),
    (  # an inline table: the code on the line stays
        TOML_TOP.split("\n\n", 1)[0]
        + f'\nvpc_services = [{{ binding = "API", service_id = "{T}", remote = true }}] '
        + "# vpclint: ignore[VPC203]\n",
        TOML_TOP.split("\n\n", 1)[0]
        + f'\nvpc_services = [{{ binding = "API", service_id = "{T}", remote = true }}]\n',
    ),
]
TOML_CASES_IDS = [
    "alone", "after-code", "one-code", "first-code", "other-words", "crlf-last-line",
    "env-tab", "inline-table",
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), TOML_CASES, ids=TOML_CASES_IDS)
def test_vpc004_fix_in_toml(tmp_path, text, expected):
    path = write(tmp_path / "wrangler.toml", text)
    check_fix(path, "VPC004", expected)


JSONC_BINDING = f'"binding": "API", "service_id": "{T}"'


JSONC_CASES = [
    (
        '{\n  "name": "w",\n  // vpclint: ignore[VPC203]\n  "main": "src/index.js",\n'
        f'  "vpc_services": [{{{JSONC_BINDING}, "remote": true}}]\n}}\n',
        '{\n  "name": "w",\n  "main": "src/index.js",\n'
        f'  "vpc_services": [{{{JSONC_BINDING}, "remote": true}}]\n}}\n',
    ),
    (
        '{\n\t"name": "w",\n\t"main": "src/index.js",\n'
        f'\t"vpc_services": [{{{JSONC_BINDING}, "remote": true}}] /* vpclint: ignore */\n}}',
        '{\n\t"name": "w",\n\t"main": "src/index.js",\n'
        f'\t"vpc_services": [{{{JSONC_BINDING}, "remote": true}}]\n}}',
    ),
    (  # a block comment before code on its line: the code stays
        '{\n  "name": "w",\n  "main": "src/index.js",\n'
        f'  /* vpclint: ignore[VPC203] */ "vpc_services": [{{{JSONC_BINDING}, "remote": true}}]\n}}\n',
        '{\n  "name": "w",\n  "main": "src/index.js",\n'
        f'  "vpc_services": [{{{JSONC_BINDING}, "remote": true}}]\n}}\n',
    ),
    (  # a block comment with other words keeps them
        '{\n  "name": "w", /* the worker // vpclint: ignore[VPC105] */\n'
        '  "main": "src/index.js",\n'
        f'  "vpc_services": [{{{JSONC_BINDING}, "remote": true}}]\n}}\n',
        '{\n  "name": "w", /* the worker */\n  "main": "src/index.js",\n'
        f'  "vpc_services": [{{{JSONC_BINDING}, "remote": true}}]\n}}\n',
    ),
    (
        '{\n  "name": "w",\n  "main": "src/index.js",\n'
        f'  "vpc_services": [{{{JSONC_BINDING}}}] // vpclint: ignore[VPC203, VPC999]\n}}\n',
        '{\n  "name": "w",\n  "main": "src/index.js",\n'
        f'  "vpc_services": [{{{JSONC_BINDING}}}] // vpclint: ignore[VPC203]\n}}\n',
    ),
]
JSONC_CASES.append(
    (  # in an env, CRLF, no final newline
        (
            '{\n  "name": "w",\n  "main": "src/index.js",\n  "env": {\n    "staging": {\n'
            "      // vpclint: ignore[VPC203]\n"
            f'      "vpc_services": [{{{JSONC_BINDING}, "remote": true}}]\n    }}\n  }}\n}}'
        ).replace("\n", "\r\n"),
        (
            '{\n  "name": "w",\n  "main": "src/index.js",\n  "env": {\n    "staging": {\n'
            f'      "vpc_services": [{{{JSONC_BINDING}, "remote": true}}]\n    }}\n  }}\n}}'
        ).replace("\n", "\r\n"),
    )
)
JSONC_CASES_IDS = [
    "line-comment", "block-after-code", "block-before-code", "block-other-words", "code",
    "env-crlf",
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), JSONC_CASES, ids=JSONC_CASES_IDS)
def test_vpc004_fix_in_jsonc(tmp_path, text, expected):
    path = write(tmp_path / "wrangler.jsonc", text)
    check_fix(path, "VPC004", expected)


VERDICT_RANK = {"ok": 0, "warning": 1, "error": 2}


def test_vpc004_fixed_configs_are_no_worse_for_wrangler(shared_dir, tmp_path):
    """wrangler's verdict on each fixed config is no worse than on the original (one
    oracle call for every case)."""
    from test_wrangler_cases import run_oracle

    files = []
    for index, (text, expected) in enumerate(TOML_CASES + JSONC_CASES):
        suffix = ".toml" if index < len(TOML_CASES) else ".jsonc"
        files.append(write(tmp_path / f"case{index}-before{suffix}", text))
        files.append(write(tmp_path / f"case{index}-after{suffix}", expected))
    verdicts = run_oracle(shared_dir, files, None)
    assert len(verdicts) == len(files)
    for index in range(len(files) // 2):
        suffix = ".toml" if index < len(TOML_CASES) else ".jsonc"
        before = verdicts[f"case{index}-before{suffix}"]
        after = verdicts[f"case{index}-after{suffix}"]
        assert VERDICT_RANK[after] <= VERDICT_RANK[before], (index, before, after)

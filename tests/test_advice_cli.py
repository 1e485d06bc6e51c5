"""Issue 10's rule items through the real command line, from files on disk.

Each test writes the file a user would write, runs `python -m vpclint` as a subprocess
and checks codes, line:column, message phrases and the exit status. All example configs
of tests/cases/wrangler are also run through one CLI call and held to their
expectations, so what tests/test_wrangler_cases.py checks in process holds on disk too.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from test_wrangler_cases import CASE_FILES, read_case

U = "0199295b-b3ac-7760-8246-bca40877b3e9"
T = "0191dce4-9ab4-7fce-b660-8e5dec5172da"
HEAD = 'name = "api"\nmain = "src/index.ts"\ncompatibility_date = "2025-01-01"\n'
SERVICE = f'binding = "API"\nservice_id = "{U}"\nremote = true\n'


def vpclint(*args: str, cwd: Path | None = None) -> tuple[int, list[dict], str]:
    result = subprocess.run(
        [sys.executable, "-m", "vpclint", "--format", "json", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)["diagnostics"], result.stderr


def found(diagnostics: list[dict]) -> list[tuple[str, int, int]]:
    return [(d["code"], d["start"]["line"], d["start"]["column"]) for d in diagnostics]


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_every_wrangler_case_through_the_cli():
    status, diagnostics, _ = vpclint("--kind", "wrangler", *map(str, CASE_FILES))
    assert status == 1
    by_file: dict[str, list[dict]] = {}
    for diagnostic in diagnostics:
        by_file.setdefault(Path(diagnostic["path"]).name, []).append(diagnostic)
    for path in CASE_FILES:
        case = read_case(path)
        if case.select:
            continue  # off-by-default rules are selected per case
        mine = by_file.get(path.name, [])
        assert sorted(found(mine)) == sorted(c[:3] for c in case.expected), path.name
        for code, line, column, phrase in case.expected:
            messages = [d["message"] for d in mine if found([d]) == [(code, line, column)]]
            assert any(phrase in message for message in messages), (path.name, code, phrase)


def test_misspelt_list_key_is_an_error_at_the_key(tmp_path):
    config = write(tmp_path, "wrangler.toml", f"{HEAD}\n[[vpc_service]]\n{SERVICE}")
    status, diagnostics, _ = vpclint(config)
    assert status == 1
    assert found(diagnostics) == [("VPC212", 5, 3)]
    assert "`vpc_service` is not a key wrangler knows" in diagnostics[0]["message"]
    assert diagnostics[0]["fix"] == "rename `vpc_service` to `vpc_services`"


def test_misspelt_list_key_in_an_env_replaces_vpc204(tmp_path):
    text = f"{HEAD}\n[[vpc_services]]\n{SERVICE}\n[[env.staging.vpcServices]]\n{SERVICE}"
    status, diagnostics, _ = vpclint(write(tmp_path, "wrangler.toml", text))
    assert status == 1
    assert found(diagnostics) == [("VPC212", 10, 15)]
    assert "Unexpected fields found in env.staging field" in diagnostics[0]["message"]
    status, diagnostics, _ = vpclint("--ignore", "VPC212", str(tmp_path / "wrangler.toml"))
    assert [d["code"] for d in diagnostics] == ["VPC204"]  # still said, when VPC212 is off


def test_known_keys_are_never_near_misses(tmp_path):
    text = (
        f'{HEAD}\n[vars]\nMODE = "x"\n\n[[services]]\nbinding = "AUTH"\nservice = "auth"\n\n'
        f'[[vpc_services]]\n{SERVICE}\n[[vpc_networks]]\nbinding = "NET"\ntunnel_id = "{T}"\n'
        "remote = true\n"
    )
    status, diagnostics, _ = vpclint(write(tmp_path, "wrangler.toml", text))
    assert (status, diagnostics) == (0, [])


def test_key_after_a_binding_header_is_named_with_its_header(tmp_path):
    text = f'name = "api"\n\n[[vpc_services]]\n{SERVICE}main = "src/index.ts"\n'
    status, diagnostics, _ = vpclint(write(tmp_path, "wrangler.toml", text))
    assert status == 0  # a warning
    assert found(diagnostics) == [("VPC213", 7, 1)]
    message, fix = diagnostics[0]["message"], diagnostics[0]["fix"]
    assert "after the `[[vpc_services]]` header on line 3" in message
    assert fix == "move `main` above the first table header (line 3)"
    assert "remove" not in fix


def test_key_after_an_env_binding_header(tmp_path):
    text = (
        f'{HEAD}\n[env.staging]\nname = "api-staging"\n\n'
        f'[[env.staging.vpc_networks]]\nbinding = "NET"\ntunnel_id = "{T}"\nremote = true\n'
        'routes = ["staging.example.com/*"]\n'
    )
    status, diagnostics, _ = vpclint(write(tmp_path, "wrangler.toml", text))
    assert status == 0
    assert found(diagnostics) == [("VPC213", 12, 1)]
    assert diagnostics[0]["fix"].startswith("move `routes` into the `[env.staging]` table")


def test_top_level_json_array_is_no_config(tmp_path):
    for text in ("[1, 2]\n", "[]\n"):
        status, diagnostics, _ = vpclint(write(tmp_path, "wrangler.json", text))
        assert status == 1
        assert found(diagnostics) == [("VPC001", 1, 1)]
        assert "must be a JSON object" in diagnostics[0]["message"]
        assert "not an array" in diagnostics[0]["message"]


def test_nil_uuid_ids(tmp_path):
    nil = "00000000-0000-0000-0000-000000000000"
    text = (
        f'{HEAD}\n[[vpc_services]]\nbinding = "API"\nservice_id = "{nil}"\nremote = true\n\n'
        f'[[vpc_networks]]\nbinding = "NET"\ntunnel_id = "{nil}"\nremote = true\n'
    )
    status, diagnostics, _ = vpclint(write(tmp_path, "wrangler.toml", text))
    assert status == 1
    assert found(diagnostics) == [("VPC206", 7, 14), ("VPC207", 12, 13)]
    assert [d["severity"] for d in diagnostics] == ["error", "warning"]
    assert all("nil UUID" in d["message"] for d in diagnostics)


def test_following_vpc204_fix_with_an_empty_list_is_clean(tmp_path):
    text = f"{HEAD}\n[[vpc_services]]\n{SERVICE}\n[env.staging]\nvpc_services = []\n"
    config = write(tmp_path, "wrangler.toml", text)
    assert vpclint(config)[:2] == (0, [])
    without = write(tmp_path, "wrangler.toml", text.replace("vpc_services = []\n", ""))
    status, diagnostics, _ = vpclint(without)
    assert status == 0
    assert [d["code"] for d in diagnostics] == ["VPC204"]
    assert "(an empty list if it needs none)" in diagnostics[0]["fix"]


def test_one_finding_per_root_cause(tmp_path):
    text = (
        f'{HEAD}\n[[vpc_services]]\nbinding = "API"\nserviceid = "{U}"\nremote = true\n\n'
        "[[vpc_services]]\n"
    )
    status, diagnostics, _ = vpclint(write(tmp_path, "wrangler.toml", text))
    assert status == 1
    assert found(diagnostics) == [("VPC104", 5, 1), ("VPC103", 10, 1), ("VPC104", 10, 1)]
    assert diagnostics[0]["fix"] == "rename `serviceid` to `service_id`"


def test_port_hints_never_suggest_a_rejected_value(tmp_path):
    folder = tmp_path / "vpc-services"
    folder.mkdir()

    def payload(hostname: str, extra: str = "") -> str:
        return (
            f'{{"name": "db", "type": "tcp",{extra} "host": {{"hostname": "{hostname}", '
            f'"resolver_network": {{"tunnel_id": "{T}"}}}}}}\n'
        )

    cases = {
        "high.json": (payload("db:65536"), "not a valid port", '"tcp_port": 65536'),
        "zero.json": (payload("db:0"), "not a valid port", '"tcp_port": 0'),
        "other.json": (
            payload("db.internal:3306", ' "tcp_port": 5432,'),
            "`tcp_port` says 5432; keep one port",
            '"tcp_port": 3306',
        ),
        "moved.json": (payload("db.internal:3306"), 'write `"tcp_port": 3306` instead', None),
    }
    for name, (text, wanted, unwanted) in cases.items():
        status, diagnostics, _ = vpclint("--kind", "payload", write(folder, name, text))
        assert status == 1
        messages = [d["message"] for d in diagnostics if d["code"] == "VPC307"]
        assert len(messages) == 1 and wanted in messages[0], (name, messages)
        assert unwanted is None or unwanted not in messages[0], (name, messages)


def test_full_output_says_the_fix_once(tmp_path):
    text = f'{HEAD}\n[[vpc_services]]\nbinding = "API"\nservice_id = "{U}"\n'
    result = subprocess.run(
        [sys.executable, "-m", "vpclint", write(tmp_path, "wrangler.toml", text)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0
    assert result.stdout.count("remote = true") == 1
    assert "= fix: add `remote = true`" in result.stdout


def test_broken_payload_gets_no_advice_about_optional_fields(tmp_path):
    text = '{"name": "web", "type": "http", "http_port": 80}\n'
    config = write(tmp_path, "web.json", text)
    status, diagnostics, _ = vpclint("--kind", "payload", "--select", "ALL", config)
    assert status == 1
    assert found(diagnostics) == [("VPC301", 1, 1)]  # no VPC318 about `http_port`
    assert "has no `host`" in diagnostics[0]["message"]

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

from test_wrangler_cases import CASE_FILES, CASES, read_case

U = "0199295b-b3ac-7760-8246-bca40877b3e9"
T = "0191dce4-9ab4-7fce-b660-8e5dec5172da"


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


def case(name: str) -> str:
    """A recorded example config (its wrangler verdicts are in the file)."""
    return str(CASES / name)


def test_misspelt_list_key_is_an_error_at_the_key():
    status, diagnostics, _ = vpclint("--kind", "wrangler", case("vpc212_top_level.toml"))
    assert status == 1
    assert found(diagnostics) == [("VPC212", 5, 3), ("VPC212", 10, 3)]
    assert "`vpc_service` is not a key wrangler knows" in diagnostics[0]["message"]
    # renamed, the top-level bindings are missing from env.staging: a warning (VPC204),
    # which holds the safe rename back no more than the error it fixes
    assert diagnostics[0]["fix"] == "rename `vpc_service` to `vpc_services`"
    assert diagnostics[1]["fix"] == "rename `vpc_network` to `vpc_networks`"
    assert [edit["content"] for edit in diagnostics[0]["edits"]] == ["vpc_services"]
    assert [edit["content"] for edit in diagnostics[1]["edits"]] == ["vpc_networks"]


def test_misspelt_list_key_in_an_env_replaces_vpc204():
    config = case("vpc212_env_and_previews.toml")
    status, diagnostics, _ = vpclint("--kind", "wrangler", config)
    assert status == 1
    assert found(diagnostics) == [("VPC212", 10, 12), ("VPC212", 16, 1), ("VPC212", 18, 18)]
    assert "Unexpected fields found in env.staging field" in diagnostics[1]["message"]
    status, diagnostics, _ = vpclint("--kind", "wrangler", "--ignore", "VPC212", config)
    assert status == 0
    assert found(diagnostics) == [("VPC204", 14, 6), ("VPC204", 18, 7)]  # said when VPC212 is off


def test_known_keys_are_never_near_misses():
    assert vpclint("--kind", "wrangler", case("ok_known_keys_not_misspelt.toml"))[:2] == (0, [])
    status, diagnostics, _ = vpclint("--kind", "wrangler", case("vpc212_misspelt_lists.jsonc"))
    assert status == 1
    assert [d["code"] for d in diagnostics] == ["VPC212"] * 3  # not `services`, `vars`
    assert diagnostics[2]["fix"] == "move the bindings of `vpc_service` into `vpc_services`"


def test_keys_after_a_binding_header_are_named_with_their_header():
    status, diagnostics, _ = vpclint(
        "--kind", "wrangler", case("vpc213_worker_keys_in_bindings.toml")
    )
    assert status == 0  # warnings
    assert found(diagnostics) == [
        ("VPC213", 8, 1),
        ("VPC213", 13, 1),
        ("VPC204", 15, 6),
        ("VPC213", 22, 1),
    ]
    top, previews, _, env = diagnostics
    assert "after the `[[vpc_services]]` header on line 4" in top["message"]
    assert top["fix"] == "move `main` above the first table header (line 4)"
    assert previews["fix"] == "move `workers_dev` above the first table header (line 4)"
    assert env["fix"].startswith("move `routes` into the `[env.staging]` table")
    assert not any("remove" in d["fix"] for d in (top, previews, env))


def test_key_after_header_replaces_vpc105():
    status, diagnostics, _ = vpclint("--kind", "wrangler", case("vpc213_key_after_header.toml"))
    assert status == 1  # the entry without `binding`
    codes = [(d["code"], d["pointer"].rsplit("/", 1)[-1]) for d in diagnostics]
    assert ("VPC213", "main") in codes and ("VPC105", "main") not in codes
    assert ("VPC105", "port") in codes  # not a config key: still unknown
    status, diagnostics, _ = vpclint(
        "--kind", "wrangler", "--ignore", "VPC213", case("vpc213_key_after_header.toml")
    )
    assert ("VPC105", "main") in [(d["code"], d["pointer"].rsplit("/", 1)[-1]) for d in diagnostics]


def test_top_level_json_array_is_no_config():
    for name in ("vpc001_top_level_array.jsonc", "vpc001_top_level_empty_array.jsonc"):
        status, diagnostics, _ = vpclint("--kind", "wrangler", case(name))
        assert status == 1
        assert found(diagnostics) == [("VPC001", 1, 1)]
        assert "must be a JSON object" in diagnostics[0]["message"]
        assert "not an array" in diagnostics[0]["message"]


def test_nil_uuid_ids():
    status, diagnostics, _ = vpclint("--kind", "wrangler", case("vpc206_nil_uuid.toml"))
    assert status == 1
    assert found(diagnostics) == [("VPC206", 7, 14), ("VPC207", 12, 13)]
    assert [d["severity"] for d in diagnostics] == ["error", "warning"]
    assert all("nil UUID" in d["message"] for d in diagnostics)


def test_following_vpc204_fix_with_an_empty_list_gives_no_vpc205():
    status, diagnostics, _ = vpclint("--kind", "wrangler", case("vpc204_env_missing_list.toml"))
    assert status == 0
    assert found(diagnostics) == [("VPC204", 19, 6), ("VPC205", 32, 10)]
    assert "(an empty list if none)" in diagnostics[0]["fix"]
    assert 'env "qa"' in diagnostics[1]["message"]  # staging, production: explicitly empty


def test_one_finding_per_root_cause():
    status, diagnostics, _ = vpclint(
        "--kind", "wrangler", case("vpc1xx_one_finding_per_cause.jsonc")
    )
    assert status == 1
    assert [d["code"] for d in diagnostics] == [
        "VPC103", "VPC104", "VPC104", "VPC103", "VPC103", "VPC107", "VPC107"
    ]  # fmt: skip
    assert diagnostics[2]["fix"] == "rename `serviceid` to `service_id`"
    ignored = ("--kind", "wrangler", "--ignore", "VPC104")
    status, diagnostics, _ = vpclint(*ignored, case("vpc1xx_one_finding_per_cause.jsonc"))
    assert ("VPC105", 7, 25) in found(diagnostics)  # said when VPC104 is off


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
        # the advice is the message's and its fix hint's
        messages = [f"{d['message']} {d['fix']}" for d in diagnostics if d["code"] == "VPC307"]
        assert len(messages) == 1 and wanted in messages[0], (name, messages)
        assert unwanted is None or unwanted not in messages[0], (name, messages)


def test_full_output_says_the_fix_once():
    result = subprocess.run(
        [sys.executable, "-m", "vpclint", "--kind", "wrangler", case("vpc203_remote_unset.toml")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0
    assert "= fix: add `remote = true`" in result.stdout
    for block in result.stdout.split("\n\n"):
        assert block.count("remote = true") <= 1, block


def test_broken_payload_gets_no_advice_about_optional_fields(tmp_path):
    text = '{"name": "web", "type": "http", "http_port": 80}\n'
    config = write(tmp_path, "web.json", text)
    status, diagnostics, _ = vpclint("--kind", "payload", "--select", "ALL", config)
    assert status == 1
    assert found(diagnostics) == [("VPC301", 1, 1)]  # no VPC318 about `http_port`
    assert "has no `host`" in diagnostics[0]["message"]

"""Checking against the account's inventory (VPC006, VPC215, VPC216, VPC319, VPC320) and
the ``vpclint inventory`` report, through the CLI as a subprocess.

The inventory samples under tests/cases/inventory/ are examples written for these tests
(see the README there). The wrangler configs under configs/ carry wrangler's verdicts and
their expected findings, as tests/cases/wrangler/ do, plus an ``inventory:`` line naming
the inventory files they are linted against.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_wrangler_cases import read_case, run_oracle

CASES = Path(__file__).parent / "cases" / "inventory"
CONFIGS = sorted((CASES / "configs").glob("*.toml")) + sorted((CASES / "configs").glob("*.jsonc"))
INVENTORY_LINE = re.compile(r"^\s*(?:#|//)\s*inventory:\s*(.*)$", re.MULTILINE)
BILLING = "0199295b-b3ac-7760-8246-bca40877b3e9"
ORDERS = "01992960-4d2a-7c31-9e5f-2b8f0c6d1a77"
REPORTS = "0199296a-0e1f-7b42-8c3d-5a6b7c8d9e0f"
CORP_TUNNEL = "6ff42ae2-765d-4adf-8112-31c55c1551ef"
DELETED_TUNNEL = "0c6a8d10-6a1c-4b5e-9a55-7d1bcb1f2a90"
SERVICE_FORMATS = [
    "services.json",
    "services-pages.json",
    "services-bare.json",
    "terraform-state.json",
]


def vpclint(*args: str, cwd: Path = CASES, env: dict | None = None):
    return subprocess.run(
        [sys.executable, "-m", "vpclint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def lint_json(*args: str, cwd: Path = CASES) -> list[dict]:
    result = vpclint("--isolated", "--format", "json", *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["diagnostics"]


def inventory_args(*names: str) -> list[str]:
    return [arg for name in names for arg in ("--inventory", name)]


def places(diagnostics: list[dict], path: str | None = None) -> list[tuple[str, int, int]]:
    return sorted(
        (d["code"], d["start"]["line"], d["start"]["column"])
        for d in diagnostics
        if path is None or d["path"] == path
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------- case files


def case_inventory(path: Path) -> list[str]:
    found = INVENTORY_LINE.search(path.read_text(encoding="utf-8"))
    assert found, f"{path.name} names no inventory"
    return found.group(1).split()


@pytest.mark.parametrize("path", CONFIGS, ids=lambda path: path.name)
def test_case_findings(path: Path):
    case = read_case(path)
    assert case.expected or case.expects_none, f"{path.name} has no expectations"
    assert case.verdicts, f"{path.name} records no wrangler verdict"
    shown = f"configs/{path.name}"
    diagnostics = lint_json(*inventory_args(*case_inventory(path)), shown)
    ours = [d for d in diagnostics if d["path"] == shown]
    assert places(ours) == sorted((code, line, col) for code, line, col, _ in case.expected)
    for code, line, column, phrase in case.expected:
        messages = [
            d["message"]
            for d in ours
            if (d["code"], d["start"]["line"], d["start"]["column"]) == (code, line, column)
        ]
        assert any(phrase in message for message in messages), (code, line, phrase, messages)
    for diagnostic in ours:  # the advice is said once, in the fix, not again in the message
        for written in re.findall(r'"[^"]*"', diagnostic["fix"] or ""):
            assert written not in diagnostic["message"], diagnostic
    errors = [d for d in ours if d["severity"] == "error"]
    if "error" in case.verdicts.values() or case.vpclint_only:
        assert errors
    else:
        assert not errors, errors


def test_cases_cover_every_check_in_both_syntaxes_and_every_scope():
    covered = {(code, path.suffix) for path in CONFIGS for code, *_ in read_case(path).expected}
    for code in ("VPC215", "VPC216"):
        assert {(code, ".toml"), (code, ".jsonc")} <= covered
    pointers = {
        d["pointer"].split("/vpc_")[0]
        for path in CONFIGS
        for d in lint_json(*inventory_args(*case_inventory(path)), f"configs/{path.name}")
        if d["code"] in ("VPC215", "VPC216")
    }
    assert {"", "/previews", "/env/staging", "/env/production", "/env/staging/previews"} <= (
        pointers
    )


@pytest.mark.skipif(
    os.environ.get("VPCLINT_ORACLE") != "1", reason="set VPCLINT_ORACLE=1 to run wrangler"
)
def test_recorded_verdicts_match_wrangler(shared_dir: Path):
    cases = [read_case(path) for path in CONFIGS]
    envs = sorted({env for case in cases for env in case.verdicts if env is not None})
    for env in [None, *envs]:
        chosen = [case for case in cases if env in case.verdicts]
        actual = run_oracle(shared_dir, [case.path for case in chosen], env)
        assert {c.path.name: c.verdicts[env] for c in chosen} == actual


# ---------------------------------------------------------------------------- VPC215


CONFIG = f"""name = "w"

[[vpc_services]]
binding = "BY_NAME"
service_id = "billing-api"
remote = true

[[vpc_services]]
binding = "TYPO"
service_id = "{ORDERS[:-1]}8"
remote = true

[[vpc_services]]
binding = "GOOD"
service_id = "{REPORTS}"
remote = true
"""


@pytest.mark.parametrize("inventory", SERVICE_FORMATS)
def test_every_service_inventory_format_gives_the_same_findings(tmp_path: Path, inventory):
    config = write(tmp_path / "wrangler.toml", CONFIG)
    diagnostics = lint_json(*inventory_args(str(CASES / inventory)), str(config))
    assert places(diagnostics) == [("VPC215", 5, 14), ("VPC215", 10, 14)]
    by_line = {d["start"]["line"]: d for d in diagnostics}
    assert by_line[5]["fix"] == f'write "{BILLING}"'
    assert by_line[5]["end"] == {"line": 5, "column": 27}  # the whole value, quotes included
    assert "is the name of a VPC service, not its id" in by_line[5]["message"]
    assert by_line[10]["fix"] == f'write "{ORDERS}"'
    assert 'the service "orders-db"' in by_line[10]["message"]


def test_a_name_for_an_id_is_vpc215_alone_and_vpc206_without_inventory(tmp_path: Path):
    config = str(write(tmp_path / "wrangler.toml", CONFIG))
    with_inventory = lint_json("--inventory", str(CASES / "services.json"), config)
    assert [d["code"] for d in with_inventory if d["start"]["line"] == 5] == ["VPC215"]
    without = lint_json(config)
    assert places(without) == [("VPC206", 5, 14)]
    ignored = lint_json("--inventory", str(CASES / "services.json"), "--ignore", "VPC215", config)
    assert places(ignored) == [("VPC206", 5, 14)]


def test_suppression_severity_and_selection_apply_to_inventory_rules(tmp_path: Path):
    config = CONFIG.replace(
        'service_id = "billing-api"', 'service_id = "billing-api"  # vpclint: ignore[VPC215]'
    )
    path = write(tmp_path / "apps" / "wrangler.toml", config)
    write(
        tmp_path / "vpclint.toml",
        'inventory = ["inv/services.json"]\n[severity]\nVPC2 = "warning"\n',
    )
    write(tmp_path / "inv" / "services.json", (CASES / "services.json").read_text())
    result = vpclint("--format", "json", str(path.relative_to(tmp_path)), cwd=tmp_path)
    diagnostics = json.loads(result.stdout)["diagnostics"]
    assert places(diagnostics) == [("VPC215", 10, 14)]
    assert diagnostics[0]["severity"] == "warning"
    assert result.returncode == 0  # a warning does not fail the run
    selected = vpclint("--format", "json", "--select", "VPC1", "apps/wrangler.toml", cwd=tmp_path)
    assert json.loads(selected.stdout)["diagnostics"] == []


def test_an_inline_ignore_of_an_inventory_rule_is_not_stale_without_an_inventory(tmp_path):
    config = write(
        tmp_path / "wrangler.toml",
        f'[[vpc_services]]  # vpclint: ignore[VPC215]\nbinding = "A"\nservice_id = "{BILLING}"\n'
        "remote = true\n",
    )
    assert lint_json(str(config)) == []
    found = lint_json("--inventory", str(CASES / "services.json"), str(config))
    assert places(found) == [("VPC004", 1, 21)]  # VPC215 finds nothing to suppress


def test_config_inventory_paths_are_relative_to_the_config_file(tmp_path: Path):
    write(tmp_path / "repo" / "pyproject.toml", '[tool.vpclint]\ninventory = ["../tunnels.json"]\n')
    write(tmp_path / "tunnels.json", (CASES / "tunnels.json").read_text())
    config = write(
        tmp_path / "repo" / "wrangler.toml",
        f'[[vpc_networks]]\nbinding = "OLD"\ntunnel_id = "{DELETED_TUNNEL}"\nremote = true\n',
    )
    result = vpclint("--format", "concise", str(config.relative_to(tmp_path)), cwd=tmp_path)
    assert result.stdout.startswith("repo/wrangler.toml:3:13: VPC216 ")
    assert "in tunnels.json" in result.stdout
    replaced = vpclint(
        "--format", "concise", "--inventory", str(CASES / "services.json"), "repo/wrangler.toml",
        cwd=tmp_path,
    )  # fmt: skip
    assert "VPC216" not in replaced.stdout  # --inventory replaces the configuration's


def test_a_bad_inventory_setting_is_a_config_error(tmp_path: Path):
    write(tmp_path / "vpclint.toml", 'inventory = "services.json"\n')
    result = vpclint(".", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(
        "vpclint: vpclint.toml:1:1: inventory: must be a list of strings"
    )


def test_linting_without_an_inventory_does_not_import_the_inventory_rules(tmp_path: Path):
    config = write(tmp_path / "wrangler.toml", CONFIG)
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "vpclint", "--isolated", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "VPC206" in result.stdout
    assert "vpclint.rules.wrangler" in result.stderr  # the import log is there
    assert "vpclint.rules.inventory" not in result.stderr
    assert "vpclint.inventory" not in result.stderr


# ---------------------------------------------------------------------------- VPC216, payloads


PAYLOADS = [
    {  # exists, with another port: update it
        "name": "billing-api",
        "type": "http",
        "host": {
            "hostname": "billing.internal",
            "resolver_network": {"tunnel_id": CORP_TUNNEL, "resolver_ips": ["10.0.0.53"]},
        },
        "https_port": 9443,
    },
    {  # exactly what exists: an info
        "name": "orders-db",
        "type": "tcp",
        "host": {"ipv4": "10.0.0.5", "network": {"tunnel_id": CORP_TUNNEL}},
        "tcp_port": 5432,
        "app_protocol": "postgresql",
        "tls_settings": None,
    },
    {  # an update body of that very service: not VPC319
        "service_id": REPORTS,
        "name": "reports",
        "type": "http",
        "host": {"ipv4": "10.1.0.20", "network": {"tunnel_id": CORP_TUNNEL}},
    },
    {  # new, on a deleted tunnel
        "name": "new-service",
        "type": "http",
        "host": {"hostname": "new.internal", "resolver_network": {"tunnel_id": DELETED_TUNNEL}},
    },
    {  # new, on a tunnel's name
        "name": "lab",
        "type": "http",
        "host": {"ipv4": "10.2.0.1", "network": {"tunnel_id": "lab-edge"}},
    },
]


def test_payload_names_and_tunnels_against_the_inventory(tmp_path: Path):
    payload = tmp_path / "vpc-services" / "services.json"
    write(payload, json.dumps(PAYLOADS, indent=2) + "\n")
    diagnostics = lint_json(
        *inventory_args(str(CASES / "services.json"), str(CASES / "tunnels.json")), str(payload)
    )
    found = {(d["code"], d["pointer"]): d for d in diagnostics if d["code"] != "VPC314"}
    assert sorted(found) == [
        ("VPC216", "/3/host/resolver_network/tunnel_id"),
        ("VPC216", "/4/host/network/tunnel_id"),
        ("VPC319", "/0/name"),
        ("VPC319", "/1/name"),
    ]
    differs = found[("VPC319", "/0/name")]
    assert differs["severity"] == "warning"
    assert (
        f"PUT /accounts/{{account_id}}/connectivity/directory/services/{BILLING}"
        in (differs["message"])
    )
    assert "differs in `https_port`" in differs["message"]
    assert found[("VPC319", "/1/name")]["severity"] == "info"
    assert "already exists with every setting" in found[("VPC319", "/1/name")]["message"]
    assert "was deleted" in found[("VPC216", "/3/host/resolver_network/tunnel_id")]["message"]
    by_name = found[("VPC216", "/4/host/network/tunnel_id")]
    assert by_name["fix"] == 'write "3b1c9a4e-2f6d-4e8a-b7c5-9d0e1f2a3b4c"'
    assert not [d for d in diagnostics if d["code"] == "VPC308"]  # replaced by VPC216


def test_tunnels_are_not_checked_without_a_tunnel_inventory(tmp_path: Path):
    payload = write(tmp_path / "vpc-services" / "p.json", json.dumps(PAYLOADS[3]))
    assert lint_json("--inventory", str(CASES / "services.json"), str(payload)) == []


# ---------------------------------------------------------------------------- VPC320


def test_unused_services_are_reported_in_the_inventory_file_when_selected(tmp_path: Path):
    config = write(
        tmp_path / "wrangler.toml",
        f'[[vpc_services]]\nbinding = "A"\nservice_id = "{BILLING}"\nremote = true\n'
        '[[vpc_services]]\nbinding = "B"\nservice_id = "orders-db"\nremote = true\n',
    )
    args = ["--inventory", "services.json", str(config)]
    assert [d["code"] for d in lint_json(*args)] == ["VPC215"]  # off by default
    found = lint_json("--extend-select", "VPC320", *args)
    assert places(found, "services.json") == [("VPC320", 27, 21)]  # the service_id of "reports"
    [unused] = [d for d in found if d["code"] == "VPC320"]
    assert unused["severity"] == "info"
    assert unused["pointer"] == "/result/2/service_id"
    assert '"reports"' in unused["message"]
    full = vpclint("--isolated", "--extend-select", "VPC320", *args, "--format", "full")
    assert f'27 |       "service_id": "{REPORTS}",' in full.stdout


def test_long_lines_of_a_minified_inventory_are_cut_around_the_finding(tmp_path: Path):
    config = write(tmp_path / "wrangler.toml", 'name = "w"\n')
    result = vpclint(
        "--isolated", "--extend-select", "VPC320", "--inventory", "services-bare.json",
        str(config),
    )  # fmt: skip
    lines = result.stdout.splitlines()
    snippet = [line for line in lines if line.startswith("1 | ")]
    assert len(snippet) == 3 and all(len(line) < 220 for line in snippet)
    assert snippet[1].startswith("1 | …") and snippet[1].endswith("…")


# ---------------------------------------------------------------------------- VPC006


def test_doubtful_inventories_are_warnings_at_the_place(tmp_path: Path):
    config = write(tmp_path / "wrangler.toml", 'name = "w"\n')
    no_id = write(
        tmp_path / "no-id.json",
        '{"result": [\n  {"name": "orphan", "type": "http", "host": {}},\n'
        f'  {{"service_id": "{BILLING}", "name": "billing-api"}}\n],\n'
        ' "success": true,\n'
        ' "result_info": {"page": 1, "per_page": 2, "count": 2, "total_count": 5}}\n',
    )
    found = lint_json("--inventory", str(no_id), str(config))
    assert places(found) == [("VPC006", 2, 3), ("VPC006", 6, 71)]
    assert '"orphan" has no `service_id`: skipped' in found[0]["message"]
    assert "the API counts 5 entries but the file holds 2" in found[1]["message"]
    assert found[0]["path"] == str(no_id)
    result = vpclint("--isolated", "--inventory", str(no_id), str(config))
    assert result.returncode == 0


def test_a_plan_creating_a_service_warns_and_prior_ids_count(tmp_path: Path):
    config = write(
        tmp_path / "wrangler.toml",
        f'[[vpc_services]]\nbinding = "A"\nservice_id = "{ORDERS}"\nremote = true\n',
    )
    found = lint_json("--inventory", "terraform-plan.json", str(config))
    assert [(d["code"], d["path"], d["pointer"]) for d in found] == [
        ("VPC006", "terraform-plan.json", "/planned_values/root_module/resources/1/values")
    ]
    assert "is created by this plan" in found[0]["message"]


def test_more_services_than_an_account_holds_is_a_warning(tmp_path: Path):
    services = [
        {"service_id": f"01992960-0000-7000-8000-{index:012d}", "name": f"s{index}"}
        for index in range(1001)
    ]
    inventory = write(tmp_path / "many.json", json.dumps({"result": services, "success": True}))
    config = write(tmp_path / "wrangler.toml", 'name = "w"\n')
    result = vpclint("--isolated", "--format", "json", "--inventory", str(inventory), str(config))
    assert result.returncode == 0
    [warning] = json.loads(result.stdout)["diagnostics"]
    assert (warning["code"], warning["severity"]) == ("VPC006", "warning")
    assert "1,001 VPC services, more than the 1,000 an account can hold" in warning["message"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"result": [{"service_id": "x"}, {"id": "y", "status": "healthy"}]}', "mixes"),
        ("[]", "every list in this file is empty"),
        ('[{"result": [], "success": true}]', "every list in this file is empty"),
        ('{"format_version": "1.0", "terraform_version": "1.9.8"}', "no `cloudflare_"),
    ],
)
def test_unusable_lists(tmp_path: Path, text: str, message: str):
    inventory = write(tmp_path / "inventory.json", text)
    config = write(tmp_path / "wrangler.toml", 'name = "w"\n')
    result = vpclint(
        "--isolated", "--format", "concise", "--inventory", str(inventory), str(config)
    )
    assert message in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_an_inventory_in_a_searched_folder_is_not_linted_as_payloads(tmp_path: Path):
    write(tmp_path / "services.json", (CASES / "services-bare.json").read_text())
    write(
        tmp_path / "wrangler.toml", f'[[vpc_services]]\nbinding = "A"\nservice_id = "{BILLING}"\n'
    )
    without = lint_json(".", cwd=tmp_path)
    assert "VPC314" in {d["code"] for d in without}  # the bare array looks like payloads
    found = lint_json("--inventory", "services.json", ".", cwd=tmp_path)
    assert {d["path"] for d in found} == {"wrangler.toml"}


# ---------------------------------------------------------------------------- bad files


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("text.json", "not json at all\n", "text.json:1:1: the inventory is not valid JSON"),
        ("empty.json", "  \n", "empty.json: the inventory file is empty; expected"),
        ("other.json", '{"name": "w"}', "other.json: not an inventory: expected the Cloudflare"),
        ("numbers.json", "[1, 2]", "numbers.json: not an inventory: expected"),
        ("string.json", '{"result": "x", "success": true}', "string.json: `result` is a string"),
        (
            "failure.json",
            '{"success": false, "errors": [{"code": 10000, "message": "Authentication error"}],'
            ' "messages": [], "result": null}',
            'failure.json: the saved API response is a failure ("success": false): '
            "Authentication error (code 10000)",
        ),
        ("utf16.json", "\ufeff[]".encode("utf-16"), "utf16.json: cannot read the inventory"),
        ("missing.json", None, "missing.json: cannot read the inventory: no such file"),
        ("folder", "folder", "folder: cannot read the inventory: this is a folder"),
    ],
)
def test_a_bad_inventory_file_is_one_line_and_exit_2(tmp_path: Path, name, content, message):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content == "folder":
        path.mkdir()
    elif content is not None:
        write(path, content)
    write(tmp_path / "wrangler.toml", 'name = "w"\n')
    for command in ([], ["inventory"]):
        result = vpclint(*command, "--isolated", "--inventory", name, "wrangler.toml", cwd=tmp_path)
        assert result.returncode == 2, result
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith(f"vpclint: {message}"), result.stderr
        assert "Traceback" not in result.stderr


# ---------------------------------------------------------------------------- the report


REPORT_CONFIGS = [
    "configs/wrangler-vpc215-top-and-envs.toml",
    "configs/wrangler-vpc216-networks.jsonc",
]
SNAPSHOTS = CASES / "expected"


@pytest.mark.parametrize(
    ("format_name", "suffix"), [("table", "txt"), ("json", "json"), ("markdown", "md")]
)
def test_report_formats(format_name: str, suffix: str):
    """Regenerate with VPCLINT_UPDATE_SNAPSHOTS=1."""
    args = inventory_args("services.json", "tunnels.json")
    result = vpclint("inventory", "--isolated", "--format", format_name, *args, *REPORT_CONFIGS)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    snapshot = SNAPSHOTS / f"report.{suffix}"
    output = result.stdout.replace(f'"version": "{version()}"', '"version": "X.Y.Z"')
    if os.environ.get("VPCLINT_UPDATE_SNAPSHOTS") == "1":
        write(snapshot, output)
    assert output == snapshot.read_text(encoding="utf-8")


def version() -> str:
    from vpclint import __version__

    return __version__


def test_report_json_contract():
    args = inventory_args("services.json", "tunnels.json")
    result = vpclint("inventory", "--isolated", "--format", "json", *args, *REPORT_CONFIGS)
    report = json.loads(result.stdout)
    assert report["version"] == 1
    assert report["configs"] == REPORT_CONFIGS
    assert report["inventory"] == ["services.json", "tunnels.json"]
    rows = report["bindings"]
    assert [(r["worker"], r["env"], r["previews"], r["binding"]) for r in rows[:3]] == [
        ("billing-worker", None, False, "BILLING_API"),
        ("billing-worker", None, False, "ORDERS_DB"),
        ("billing-worker", None, False, "REPORTS"),
    ]
    reports = rows[2]
    assert reports["status"] == "found"  # an id in capitals is the same id
    assert reports["service"]["ports"] == {"http_port": 8080, "https_port": 8443}
    assert reports["service"]["host"]["ipv6"] == "fd00::20"
    staging = [r for r in rows if r["env"] == "staging" and not r["previews"]]
    assert {r["worker"] for r in staging} == {"billing-staging"}
    assert [r["status"] for r in staging] == ["not-in-inventory", "found", "not-in-inventory"]
    networks = [r for r in rows if r["kind"] == "vpc_network"]
    assert [(r["env"], r["status"]) for r in networks] == [
        (None, "not-in-inventory"),
        (None, "not-in-inventory"),
        ("production", "found"),
        ("production", "deleted"),
    ]
    assert networks[2]["tunnel"]["name"] == "corp-dc1"
    assert (rows[0]["line"], rows[0]["column"]) == (5, 1)


def test_report_without_inventory_has_no_target_columns_and_discovers_folders(tmp_path):
    for name in ("wrangler-vpc216-networks.toml", "wrangler-vpc215-top-and-envs.jsonc"):
        folder = tmp_path / "apps" / name.split(".")[0]
        write(folder / f"wrangler.{name.split('.')[1]}", (CASES / "configs" / name).read_text())
    result = vpclint("inventory", "--isolated", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("apps/wrangler-vpc215-top-and-envs/wrangler.jsonc\n  WORKER")
    assert "\napps/wrangler-vpc216-networks/wrangler.toml\n  WORKER" in result.stdout
    assert "NAME" not in result.stdout
    assert "  corp-staging  staging      MESH     vpc_network  cf1:network\n" in result.stdout


def test_report_names_an_unreadable_config_and_exits_1(tmp_path: Path):
    write(tmp_path / "a" / "wrangler.toml", "name = \n")
    write(tmp_path / "b" / "wrangler.json", '{"name": "b", "vpc_services": []}')
    result = vpclint("inventory", "--isolated", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("vpclint: error: a/wrangler.toml:1:8: VPC001 ")
    assert result.stdout == "b/wrangler.json\n  (no VPC bindings)\n"


def test_rules_listing_has_the_inventory_rules():
    result = vpclint("rules")
    for code, name in [
        ("VPC006", "suspicious-inventory"),
        ("VPC215", "unknown-service-id"),
        ("VPC216", "unknown-tunnel-id"),
        ("VPC319", "payload-name-exists"),
        ("VPC320", "unused-service"),
    ]:
        assert re.search(rf"^{code}  {name} ", result.stdout, re.MULTILINE), code


# ---------------------------------------------------------------------------- README

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("marker", ["inventory-example", "inventory-report"])
def test_readme_inventory_examples_are_what_vpclint_prints(marker: str):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split(f"<!-- {marker}-start -->")[1].split(f"<!-- {marker}-end -->")[0]
    lines = block.strip().removeprefix("```console").removesuffix("```").strip("\n").split("\n")
    command = lines[0].removeprefix("$ vpclint ").split()
    result = (
        vpclint("--isolated", *command, cwd=REPO)
        if command[0] != "inventory"
        else (vpclint("inventory", "--isolated", *command[1:], cwd=REPO))
    )
    assert result.stdout == "\n".join(lines[1:]) + "\n"


def test_readme_json_contract_example_is_what_vpclint_prints():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("`--format json` is a stable contract:\n\n```json\n")[1].split("```")[0]
    documented = json.loads(block)
    result = vpclint(
        "inventory", "--isolated", "--format", "json",
        "--inventory", "examples/account/inventory/services.json", "examples/account",
        cwd=REPO,
    )  # fmt: skip
    actual = json.loads(result.stdout)
    assert actual["bindings"][: len(documented["bindings"])] == documented["bindings"]
    assert {**actual, "bindings": None, "tool": None} == {
        **documented,
        "bindings": None,
        "tool": None,
    }


def test_a_bad_inventory_fails_even_with_nothing_to_lint(tmp_path: Path):
    write(tmp_path / "bad.json", '{"name": "w"}')
    (tmp_path / "empty").mkdir()
    for command in ([], ["inventory"]):
        result = vpclint(*command, "--isolated", "--inventory", "bad.json", "empty", cwd=tmp_path)
        assert result.returncode == 2
        last = result.stderr.splitlines()[-1]
        assert last.startswith("vpclint: bad.json: not an inventory: expected the Cloudflare")
        assert "warning: no wrangler config" in result.stderr


def test_an_empty_page_among_others_is_no_warning(tmp_path: Path):
    pages = [
        json.loads((CASES / "services.json").read_text()),
        {"result": [], "success": True, "errors": [], "messages": []},
    ]
    inventory = write(tmp_path / "pages.json", json.dumps(pages))
    config = write(tmp_path / "wrangler.toml", CONFIG)
    assert places(lint_json("--inventory", str(inventory), str(config))) == [
        ("VPC215", 5, 14),
        ("VPC215", 10, 14),
    ]


def test_terraform_provider_v4_tunnel_resources_count(tmp_path: Path):
    state = json.loads((CASES / "terraform-state.json").read_text())
    tunnel = state["values"]["root_module"]["resources"][1]
    tunnel["type"] = "cloudflare_tunnel"
    inventory = write(tmp_path / "state.json", json.dumps(state))
    config = write(
        tmp_path / "wrangler.toml",
        f'[[vpc_networks]]\nbinding = "A"\ntunnel_id = "{CORP_TUNNEL}"\nremote = true\n',
    )
    assert lint_json("--inventory", str(inventory), str(config)) == []


def test_fix_writes_the_id_for_a_name_and_unsafe_fixes_the_typo(tmp_path: Path):
    config = write(tmp_path / "wrangler.toml", CONFIG)
    inventory = ["--inventory", str(CASES / "services.json")]
    fixed = vpclint("--isolated", "--fix", *inventory, str(config))
    assert fixed.returncode == 1  # the typo is left: its fix is unsafe
    text = config.read_text()
    assert f'service_id = "{BILLING}"' in text
    assert f'service_id = "{ORDERS[:-1]}8"' in text
    vpclint("--isolated", "--fix", "--unsafe-fixes", *inventory, str(config))
    assert f'service_id = "{ORDERS}"' in config.read_text()
    assert lint_json(*inventory, str(config)) == []
    jsonc = write(
        tmp_path / "wrangler.jsonc",
        '{\n  "vpc_networks": [{ "binding": "CORP", "tunnel_id": "corp-dc1", "remote": true }]\n}\n',
    )
    result = vpclint("--isolated", "--fix", "--inventory", str(CASES / "tunnels.json"), str(jsonc))
    assert result.returncode == 0, result.stdout
    assert f'"tunnel_id": "{CORP_TUNNEL}"' in jsonc.read_text()


def services_file(folder: Path, *names: str) -> Path:
    """A bare list of services named ``names``, with made-up ids (index in the last digit)."""
    services = [
        {"service_id": f"0199295b-b3ac-7760-8246-bca40877b3e{index}", "name": name}
        for index, name in enumerate(names)
    ]
    return write(folder / "services.json", json.dumps(services))


def binding_to(service_id: str) -> str:
    return f'[[vpc_services]]\nbinding = "API"\nservice_id = "{service_id}"\nremote = true\n'


def test_a_near_miss_of_a_name_names_the_id_and_only_unsafe_fixes_write_it(tmp_path: Path):
    inventory = ["--inventory", str(services_file(tmp_path, "billing-api", "orders-db"))]
    config = write(tmp_path / "wrangler.toml", binding_to("Biling_API"))
    [finding] = lint_json(*inventory, str(config))
    assert (finding["code"], finding["start"]["line"], finding["start"]["column"]) == (
        "VPC215",
        3,
        14,
    )
    assert '"Biling_API" is not a VPC service in the inventory' in finding["message"]
    assert 'the service "billing-api" (a binding refers' in (finding["message"])
    assert finding["fix"] == 'write "0199295b-b3ac-7760-8246-bca40877b3e0"'
    assert vpclint("--isolated", "--fix", *inventory, str(config)).returncode == 1
    assert 'service_id = "Biling_API"' in config.read_text()  # a guess: not a safe fix
    fixed = vpclint("--isolated", "--fix", "--unsafe-fixes", *inventory, str(config))
    assert fixed.returncode == 0, fixed.stdout
    assert 'service_id = "0199295b-b3ac-7760-8246-bca40877b3e0"' in config.read_text()


@pytest.mark.parametrize(
    ("names", "written"),
    [
        (("billing-api", "billing_api"), "Billing-API"),  # two services fold to one name
        (("billing-api1", "billing-api2"), "billing-api"),  # as close to both
        (("db", "api"), "dc"),  # one edit in a two-letter name is no near-miss
        (("billing-api",), "shipping-app"),  # too many edits
    ],
)
def test_no_guess_when_the_name_is_ambiguous_or_far(tmp_path: Path, names, written):
    inventory = ["--inventory", str(services_file(tmp_path, *names))]
    config = write(tmp_path / "wrangler.toml", binding_to(written))
    found = lint_json(*inventory, str(config))
    assert [d["code"] for d in found] == ["VPC206"]  # not a UUID, and nothing more to say

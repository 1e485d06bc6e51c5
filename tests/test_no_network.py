"""No network and no execution: the whole command line, in process, with every socket
call and every way of starting a program made to fail.

It runs over every fixture of the repository (tests/cases/**, examples/**) in every
output format, through the fast entry point (``vpclint.cli.main``) and through click's
CLI, and over configs whose ``$schema`` is a URL. A blocked call raises *and* is
recorded, so a caller that swallowed the exception would still fail the test.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from vpclint.cli import cli, main
from vpclint.report import FORMATS

REPO = Path(__file__).resolve().parent.parent
UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"
SUFFIXES = (".toml", ".json", ".jsonc")


class Blocked(RuntimeError):
    pass


@pytest.fixture
def sealed(monkeypatch):
    """Make sockets and program execution fail; return the list of attempts."""
    attempts: list[str] = []

    def refuse(name):
        def refused(*args, **kwargs):
            attempts.append(name)
            raise Blocked(f"{name} is blocked in this test")

        return refused

    for name in ("socket", "create_connection", "getaddrinfo", "socketpair", "fromfd"):
        monkeypatch.setattr(socket, name, refuse(f"socket.{name}"))
    monkeypatch.setattr(subprocess, "Popen", refuse("subprocess.Popen"))
    for name in ("system", "popen", "execv", "execve", "execvp", "posix_spawn", "fork"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, refuse(f"os.{name}"))
    return attempts


def fixture_files(kind: str) -> list[str]:
    """Fixture files (relative to the repository) to lint as ``kind``."""
    files = []
    for folder in ("tests", "examples"):
        for path in sorted((REPO / folder).rglob("*")):
            if not path.is_file() or path.suffix not in SUFFIXES:
                continue
            relative = path.relative_to(REPO)
            is_payload = path.suffix == ".json" and not path.name.startswith("wrangler")
            is_payload = is_payload and "wrangler" not in relative.parts
            if (kind == "payload") == is_payload:
                files.append(str(relative))
    return files


def run_main(args: list[str], capsysbinary) -> tuple[int, bytes, bytes]:
    with pytest.raises(SystemExit) as ended:
        main(args)
    out, err = capsysbinary.readouterr()
    return ended.value.code, out, err


def check_output(format_name: str, out: bytes) -> None:
    if format_name in ("json", "sarif"):
        json.loads(out)


def test_every_fixture_is_found():
    assert len(fixture_files("wrangler")) >= 40
    assert len(fixture_files("payload")) >= 3


@pytest.mark.parametrize("format_name", FORMATS)
def test_every_fixture_lints_without_network_or_execution(
    format_name, sealed, capsysbinary, monkeypatch
):
    monkeypatch.chdir(REPO)
    runs = [
        ["--kind", "wrangler", *fixture_files("wrangler")],
        ["--kind", "payload", *fixture_files("payload")],
        ["tests", "examples"],  # folder search: kinds by name and content
    ]
    for args in runs:
        status, out, err = run_main(["--format", format_name, *args], capsysbinary)
        assert status in (0, 1), err
        assert err == b""
        assert out
        check_output(format_name, out)
    assert sealed == []


@pytest.mark.parametrize("format_name", FORMATS)
def test_the_click_command_lints_without_network(format_name, sealed, monkeypatch):
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(
        cli, ["check", "--format", format_name, "tests", "examples"], catch_exceptions=False
    )
    assert result.exit_code in (0, 1), result.output
    check_output(format_name, result.stdout_bytes)
    assert sealed == []


SCHEMA_URL = "https://example.com/x.json"


def test_a_schema_url_is_never_fetched(tmp_path, sealed, capsysbinary, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = {
        "$schema": SCHEMA_URL,
        "name": "w",
        "vpc_services": [{"binding": "API", "service_id": UUID, "remote": True}],
    }
    Path("wrangler.json").write_text(json.dumps(config), encoding="utf-8")
    Path("wrangler.toml").write_text(f'"$schema" = "{SCHEMA_URL}"\nname = "w"\n', encoding="utf-8")
    payload = {
        "$schema": SCHEMA_URL,
        "name": "db",
        "type": "tcp",
        "tcp_port": 5432,
        "host": {"hostname": "db.internal", "resolver_network": {"tunnel_id": UUID}},
    }
    Path("service.json").write_text(json.dumps(payload), encoding="utf-8")
    for format_name in FORMATS:
        status, out, err = run_main(
            ["--isolated", "--format", format_name, "wrangler.json", "wrangler.toml"],
            capsysbinary,
        )
        assert (status, err) == (0, b"")
        check_output(format_name, out)
    status, out, _ = run_main(
        ["--isolated", "--format", "json", "--kind", "payload", "service.json"], capsysbinary
    )
    codes = [d["code"] for d in json.loads(out)["diagnostics"]]
    assert "VPC315" in codes  # `$schema` is an unknown payload key: a finding, not a fetch
    assert sealed == []


def test_code_beside_a_config_is_never_imported(tmp_path, sealed, capsysbinary, monkeypatch):
    marker = tmp_path / "imported"
    planted = f"open({str(marker)!r}, 'w').close()\n"
    for name in ("conftest.py", "__init__.py", "wrangler.py", "vpclint.py", "sitecustomize.py"):
        (tmp_path / name).write_text(planted, encoding="utf-8")
    (tmp_path / "wrangler.toml").write_text(
        'name = "w"\nmain = "wrangler.py"\n[build]\ncommand = "python wrangler.py"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    status, _, err = run_main(["--format", "concise", "."], capsysbinary)
    assert (status, err) == (0, b"")
    assert not marker.exists()
    assert "wrangler" not in sys.modules
    assert sealed == []


INVENTORY = ["services.json", "tunnels.json", "terraform-plan.json"]


@pytest.mark.parametrize("format_name", FORMATS)
def test_checking_against_an_inventory_is_offline(format_name, sealed, capsysbinary, monkeypatch):
    monkeypatch.chdir(REPO / "tests" / "cases" / "inventory")
    inventory = [arg for name in INVENTORY for arg in ("--inventory", name)]
    configs = sorted(str(path) for path in Path("configs").iterdir())
    args = ["--isolated", "--extend-select", "VPC320", "--format", format_name, *inventory]
    status, out, err = run_main([*args, *configs], capsysbinary)
    assert status == 1, err
    check_output(format_name, out)
    for report in ("table", "json", "markdown"):
        status, out, err = run_main(
            ["inventory", "--format", report, *inventory, *configs], capsysbinary
        )
        assert status == 0, err
        assert b"VPC006" in err  # the plan creates a service: a warning on stderr
    assert sealed == []


def test_jobs_fork_only_lint_workers(tmp_path, sealed, capsysbinary, monkeypatch):
    """``--jobs``: the one process creation allowed is multiprocessing forking its lint
    workers (which inherit the blocked calls); the findings are the serial run's."""
    import multiprocessing.popen_fork

    forks = []
    real_fork = __import__("posix").fork  # os.fork is already blocked by `sealed`
    blocked_fork = os.fork

    def fork_for_workers():
        caller = sys._getframe(1).f_code
        if caller is not multiprocessing.popen_fork.Popen._launch.__code__:
            return blocked_fork()
        forks.append(caller.co_name)
        return real_fork()

    monkeypatch.setattr(os, "fork", fork_for_workers)
    for index in range(80):
        folder = tmp_path / f"app{index:02d}"
        folder.mkdir()
        service_id = "" if index % 7 else f'service_id = "{UUID}"\n'
        (folder / "wrangler.toml").write_text(
            f'name = "w{index}"\n[[vpc_services]]\nbinding = "API"\nremote = true\n{service_id}',
            encoding="utf-8",
        )
    monkeypatch.chdir(tmp_path)
    serial = run_main(["--isolated", "--format", "json", "."], capsysbinary)
    parallel = run_main(["--isolated", "--format", "json", "--jobs", "2", "."], capsysbinary)
    assert parallel == serial
    codes = {d["code"] for d in json.loads(serial[1])["diagnostics"]}
    assert serial[0] == 1 and codes == {"VPC104"}
    assert forks == ["_launch", "_launch"]
    assert sealed == []

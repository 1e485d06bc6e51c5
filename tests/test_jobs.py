"""``--jobs N`` and the ``jobs`` config key: the same output as one process, in order.

Run as the installed executable (a subprocess), since the workers are forked processes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"
VPCLINT = str(Path(sys.executable).parent / "vpclint")


def vpclint(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([VPCLINT, *args], capture_output=True, cwd=cwd, timeout=300)


def wrangler_fixtures() -> list[str]:
    files = sorted(REPO.glob("tests/cases/wrangler/**/*"))
    return [str(p.relative_to(REPO)) for p in files if p.suffix in (".toml", ".json", ".jsonc")]


def configs(folder: Path, count: int) -> None:
    """Configs, every third one with findings (a binding without `service_id`, an
    unknown key, a duplicate binding name)."""
    for index in range(count):
        entry = f'binding = "API"\nservice_id = "{UUID}"\nremote = true\n'
        if index % 3 == 1:
            entry = 'binding = "API"\nremote = true\nserviceid = "x"\n'
        if index % 3 == 2:
            entry += f'[[vpc_services]]\nbinding = "API"\nservice_id = "{UUID}"\nremote = true\n'
        path = folder / f"app{index:03d}" / "wrangler.toml"
        path.parent.mkdir(parents=True)
        path.write_text(f'name = "w{index}"\n[[vpc_services]]\n{entry}', encoding="utf-8")


@pytest.mark.parametrize("format_name", ["full", "json", "sarif", "github"])
def test_jobs_output_is_the_serial_output_on_every_fixture(format_name):
    files = wrangler_fixtures()
    assert len(files) >= 64  # enough for the workers to be used (32 files a worker)
    args = ["--kind", "wrangler", "--color", "never", "--output-format", format_name, *files]
    serial = vpclint(*args)
    parallel = vpclint("--jobs", "2", *args)
    assert serial.returncode == 1
    assert (parallel.returncode, parallel.stdout, parallel.stderr) == (
        serial.returncode,
        serial.stdout,
        serial.stderr,
    )


def test_jobs_from_the_config_file_and_payload_names_across_files(tmp_path):
    configs(tmp_path / "apps", 90)
    for index in range(3):  # one payload name in three files: VPC317 twice, across files
        payload = {"name": "db", "type": "tcp", "tcp_port": 5432}
        payload["host"] = {"hostname": "db.internal", "resolver_network": {"tunnel_id": UUID}}
        path = tmp_path / "vpc-services" / f"db{index}.json"
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(payload), encoding="utf-8")
    serial = vpclint("--output-format", "json", ".", cwd=tmp_path)
    (tmp_path / "vpclint.toml").write_text("jobs = 2\n", encoding="utf-8")
    parallel = vpclint("--output-format", "json", ".", cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 1
    assert parallel.stdout == serial.stdout
    codes = [d["code"] for d in json.loads(serial.stdout)["diagnostics"]]
    assert codes.count("VPC317") == 2 and "VPC104" in codes and "VPC201" in codes


@pytest.mark.parametrize("value", ["0", "65", "two", "-1", "1.5"])
def test_a_bad_jobs_option_is_a_one_line_usage_error(tmp_path, value):
    configs(tmp_path, 1)
    done = vpclint("--jobs", value, ".", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == b""
    assert done.stderr.decode().splitlines() == [
        f"vpclint: --jobs: {value!r} is not a whole number from 1 to 64"
    ]


@pytest.mark.parametrize("value", ["0", "true", '"2"', "100"])
def test_a_bad_jobs_key_names_the_file_and_line(tmp_path, value):
    configs(tmp_path, 1)
    (tmp_path / "vpclint.toml").write_text(f'select = ["VPC1"]\njobs = {value}\n')
    done = vpclint(".", cwd=tmp_path)
    assert done.returncode == 2
    message = done.stderr.decode()
    assert message.startswith("vpclint: vpclint.toml:2:1: jobs: must be a whole number from 1")
    assert len(message.splitlines()) == 1

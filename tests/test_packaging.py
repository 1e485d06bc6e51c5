"""Packaging facts: one version everywhere, the licence metadata, and no project address
that nothing serves (none is published, so vpclint prints none and the docs claim none)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from importlib.metadata import version as installed_version
from pathlib import Path

import vpclint
from vpclint import __version__, project_url

REPO = Path(__file__).resolve().parent.parent
CLEAN = 'name = "w"\n'

# Every address the shipped text may name: each serves what it names.
REAL_ADDRESSES = {
    "https://json.schemastore.org/sarif-2.1.0.json",  # SARIF's $schema
    "https://json-schema.org/draft/2020-12/schema",  # the schemas' $schema
    "https://pre-commit.com",
    "https://api.internal/v1",  # an example payload's own URL, in a rule's example
    # the Cloudflare API (its documented base URL), in the README's `curl` commands
    "https://api.cloudflare.com/client/v4/accounts/$CLOUDFLARE_ACCOUNT_ID",
}
SHIPPED = ["README.md", "CHANGELOG.md", ".pre-commit-hooks.yaml", "pyproject.toml", "action.yml"]
SHIPPED_FOLDERS = ["vpclint", "schemas", "docs", "examples", ".github"]


def shipped_texts():
    for name in SHIPPED:
        if (REPO / name).is_file():
            yield REPO / name
    for folder in SHIPPED_FOLDERS:
        for path in sorted((REPO / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".md", ".json", ".toml", ".yml", ".yaml"}:
                yield path


def test_no_invented_address_anywhere():
    found = {}
    for path in shipped_texts():
        for address in re.findall(r"https?://[^\s\"'`)<>\]]+", path.read_text(encoding="utf-8")):
            if address.rstrip(".,;") not in REAL_ADDRESSES:
                found.setdefault(str(path.relative_to(REPO)), []).append(address)
    assert found == {}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "vpclint", *args], cwd=cwd, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip


def test_one_version_read_everywhere(tmp_path):
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "vpclint.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)
    assert installed_version("vpclint") == __version__
    (tmp_path / "wrangler.toml").write_text(CLEAN, encoding="utf-8")
    assert run("--version", cwd=tmp_path).stdout == f"vpclint {__version__}\n"
    report = json.loads(run("--isolated", "--format", "json", ".", cwd=tmp_path).stdout)
    assert report["tool"]["version"] == __version__
    sarif = json.loads(run("--isolated", "--format", "sarif", ".", cwd=tmp_path).stdout)
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["version"] == driver["semanticVersion"] == __version__
    assert f"## {__version__}" in (REPO / "CHANGELOG.md").read_text(encoding="utf-8")


def test_licence_and_python_versions():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert project["requires-python"] == ">=3.11"
    versions = {c.rsplit(" ", 1)[-1] for c in project["classifiers"] if ":: Python :: 3." in c}
    assert versions == {"3.11", "3.12", "3.13"}
    assert "urls" not in project  # no address is published yet
    licence = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n") and "WITHOUT WARRANTY OF ANY KIND" in licence


def test_sarif_names_an_address_only_when_the_metadata_has_one(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from vpclint.cli import cli

    (tmp_path / "wrangler.toml").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    plain = json.loads(CliRunner().invoke(cli, ["--isolated", "--format", "sarif"]).output)
    driver = plain["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver
    assert all("helpUri" not in rule for rule in driver["rules"])

    published = {"Homepage": "https://vpclint.test/", "Rules": "https://vpclint.test/rules"}
    monkeypatch.setattr(vpclint, "project_url", published.get)
    log = json.loads(CliRunner().invoke(cli, ["--isolated", "--format", "sarif"]).output)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://vpclint.test/"
    rule = next(rule for rule in driver["rules"] if rule["id"] == "VPC203")
    assert rule["helpUri"] == "https://vpclint.test/rules#vpc203"


def test_project_url_reads_the_metadata(monkeypatch):
    import importlib.metadata

    assert project_url("Homepage") is None

    class Metadata:
        @staticmethod
        def get_all(name):
            assert name == "Project-URL"
            return ["Homepage, https://vpclint.test/", "Issues , https://vpclint.test/issues"]

    monkeypatch.setattr(importlib.metadata, "metadata", lambda name: Metadata)
    assert project_url("homepage") == "https://vpclint.test/"
    assert project_url("Issues") == "https://vpclint.test/issues"
    assert project_url("Rules") is None

"""Snapshot of the full JSON output for one realistic multi-environment wrangler config.

tests/cases/wrangler/snapshot/wrangler.jsonc has a top level and two environments with
several mistakes (a misspelt `service_id`, an environment without `vpc_networks`, a
placeholder id, `remote: false`, a clash with a KV namespace, a network with both ids).
wrangler 4.164.0 errors on it with and without `--env`. To refresh the snapshot after an
intended change, run with VPCLINT_UPDATE_SNAPSHOTS=1 and review the diff.
"""

from __future__ import annotations

import json
import os

from click.testing import CliRunner

from vpclint import __version__
from vpclint.cli import cli

CONFIG = "tests/cases/wrangler/snapshot/wrangler.jsonc"
EXPECTED = "tests/cases/wrangler/snapshot/expected.json"


def test_json_output_snapshot(repo_dir, monkeypatch):
    monkeypatch.chdir(repo_dir)
    result = CliRunner().invoke(cli, ["--format", "json", CONFIG], catch_exceptions=False)
    assert result.exit_code == 1
    output = json.loads(result.output)
    assert output["tool"] == {"name": "vpclint", "version": __version__}
    output["tool"]["version"] = "<version>"
    expected_path = repo_dir / EXPECTED
    if os.environ.get("VPCLINT_UPDATE_SNAPSHOTS") == "1":
        expected_path.write_text(json.dumps(output, indent=2) + "\n", encoding="utf-8")
    assert output == json.loads(expected_path.read_text(encoding="utf-8"))


def test_snapshot_covers_every_scope(repo_dir):
    expected = json.loads((repo_dir / EXPECTED).read_text(encoding="utf-8"))
    pointers = [diagnostic["pointer"] for diagnostic in expected["diagnostics"]]
    assert any(p.startswith("/vpc_") for p in pointers)
    assert any(p.startswith("/env/staging/") for p in pointers)
    assert any(p.startswith("/env/production/") for p in pointers)
    assert expected["summary"] == {
        "files": 1,
        "errors": 5,
        "warnings": 3,
        "infos": 0,
        "fixed": 0,
        "fixable": 2,
    }

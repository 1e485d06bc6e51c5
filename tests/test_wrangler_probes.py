"""No config where wrangler errors leaves vpclint silent, over the generated probes.

``tests/wrangler_probes.py`` writes every key vpclint reads (each binding kind, ``env``,
``env.<name>``, ``previews``, ``name``, ``pages_build_output_dir``, the fields of grouped
kinds and of VPC entries) with a value of every JSON type, at the top level, in
``env.staging`` and in ``previews``, in JSONC and TOML. wrangler's verdicts on them, with
and without ``--env staging``, are recorded in ``tests/cases/probes/verdicts.json``;
``VPCLINT_ORACLE=1`` re-checks the record against wrangler itself
(``../shared/oracle/wrangler-check``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from wrangler_probes import VERDICTS, oracle_verdicts, probes

from vpclint.runner import lint_text

PROBES = probes()
RECORDED = json.loads(VERDICTS.read_text(encoding="utf-8"))


def _defines_staging(text: str, name: str) -> bool:
    """Whether the probe has an `env.staging` key: `--env staging` on a config without
    it is an error of the command line ("No environment found"), not of the file."""
    if name.endswith(".toml"):
        return '[env."staging"]' in text or '"staging" =' in text
    value = json.loads(text)
    return isinstance(value.get("env"), dict) and "staging" in value["env"]


def wrangler_errors(name: str, text: str) -> list[str]:
    verdicts = RECORDED[name]
    modes = ["top"] + (["staging"] if _defines_staging(text, name) else [])
    return [mode for mode in modes if verdicts[mode] == "error"]


def test_every_probe_has_a_recorded_verdict():
    assert sorted(RECORDED) == sorted(name for name, _ in PROBES)
    assert len(PROBES) > 4000
    errors = sum(1 for name, text in PROBES if wrangler_errors(name, text))
    assert errors > 3000  # most probes are configs wrangler refuses


def test_no_probe_wrangler_refuses_passes_vpclint():
    silent = []
    for name, text in PROBES:
        if not wrangler_errors(name, text):
            continue
        if not any(d.severity == "error" for d in lint_text(text, name, kind="wrangler")):
            silent.append(name)
    assert silent == []


def test_probes_wrangler_accepts_get_no_new_error():
    """Where wrangler accepts a probe in every mode, vpclint's new value rules stay quiet
    (VPC1xx/VPC2xx's own vpclint-only findings, such as VPC106, are tested elsewhere)."""
    alarms = []
    for name, text in PROBES:
        if any(verdict == "error" for verdict in RECORDED[name].values()):
            continue
        found = lint_text(text, name, kind="wrangler")
        alarms += [(name, d.code) for d in found if d.code in ("VPC217", "VPC218")]
    assert alarms == []


def test_the_cli_reports_a_null_wasm_modules(tmp_path: Path):
    """The silent pass this file guards against: wrangler crashes, vpclint said nothing."""
    config = tmp_path / "wrangler.json"
    config.write_text('{\n  "name": "w",\n  "wasm_modules": null\n}\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "vpclint", "--output-format", "concise", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert f"{config}:3:19: VPC217 [error] `wasm_modules` must be an object" in result.stdout


@pytest.mark.skipif(
    os.environ.get("VPCLINT_ORACLE") != "1", reason="set VPCLINT_ORACLE=1 to run wrangler"
)
def test_recorded_verdicts_match_wrangler(shared_dir: Path):
    assert oracle_verdicts(shared_dir / "oracle" / "wrangler-check") == RECORDED

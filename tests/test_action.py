"""The composite action in action.yml, run step by step as the runner would: each step's
`env:` with its `${{ ... }}` expressions substituted from the inputs (defaults from
action.yml, overridden like `with:`), `github.action_path` and `runner.temp`, then its
`run:` script under `bash --noprofile --norc -eo pipefail`, in a temporary git repository
as GITHUB_WORKSPACE with GITHUB_ACTIONS=true.

The action is a copy of this working tree; the install step pip-installs it (it needs a
package index for vpclint's dependencies, like the runner)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml", reason="PyYAML (installed with pre-commit) reads action.yml")

REPO = Path(__file__).resolve().parent.parent
UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"
CLEAN = f'name = "w"\n\n[[vpc_services]]\nbinding = "API"\nservice_id = "{UUID}"\nremote = true\n'
BROKEN = CLEAN.replace("remote = true", "remote = false")
OUTSIDE_THE_RUNNER = ("GITHUB_", "VPCLINT_", "PYTHONPATH", "PYTHONSAFEPATH")
EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
)


def action() -> dict:
    return yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))


def test_action_is_composite_and_takes_inputs_only_through_env():
    loaded = action()
    assert loaded["runs"]["using"] == "composite"
    assert set(loaded["inputs"]) == {"paths", "args", "sarif-file", "python"}
    assert loaded["inputs"]["paths"]["default"] == "."
    for step in loaded["runs"]["steps"]:
        assert step["shell"] == "bash"
        # an input pasted into a script could run code; the scripts read env vars only
        assert "${{" not in step["run"]


class Runner:
    """Runs the action's steps like the GitHub runner, with `with:` inputs."""

    def __init__(self, action_path: Path, temp: Path):
        self.action_path = action_path
        self.temp = temp

    def step(self, name: str, workspace: Path, **given: str) -> subprocess.CompletedProcess:
        loaded = action()
        inputs = {key: spec.get("default", "") for key, spec in loaded["inputs"].items()}
        inputs.update({key.replace("_", "-"): value for key, value in given.items()})
        context = {
            "github.action_path": str(self.action_path),
            "runner.temp": str(self.temp),
            **{f"inputs.{key}": value for key, value in inputs.items()},
        }
        [step] = [step for step in loaded["runs"]["steps"] if step["name"] == name]
        env = {k: v for k, v in os.environ.items() if not k.startswith(OUTSIDE_THE_RUNNER)}
        env.update(
            GITHUB_ACTIONS="true", GITHUB_WORKSPACE=str(workspace), RUNNER_TEMP=str(self.temp)
        )
        for key, value in step.get("env", {}).items():
            env[key] = EXPRESSION.sub(lambda match: context[match.group(1)], str(value))
        script = self.temp / "step.sh"
        script.write_text(step["run"], encoding="utf-8")
        return subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workspace, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip


@pytest.fixture(scope="module")
def runner(tmp_path_factory) -> Runner:
    action_path = tmp_path_factory.mktemp("actions") / "vpclint"
    shutil.copytree(REPO, action_path, ignore=NOT_COPIED)
    runner = Runner(action_path, tmp_path_factory.mktemp("runner-temp"))
    workspace = tmp_path_factory.mktemp("empty-workspace")
    installed = runner.step("Install vpclint", workspace)
    if installed.returncode != 0 and "No matching distribution" in installed.stderr:
        pytest.skip(f"no package index for vpclint's dependencies: {installed.stderr[-300:]}")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert re.fullmatch(r"vpclint \d+\.\d+\.\d+\n", installed.stdout), installed.stdout
    return runner


@pytest.fixture
def workspace(tmp_path) -> Path:
    root = tmp_path / "repo"
    (root / "apps" / "api").mkdir(parents=True)
    (root / "apps" / "web").mkdir(parents=True)
    (root / "apps" / "api" / "wrangler.toml").write_text(BROKEN, encoding="utf-8")
    (root / "apps" / "web" / "wrangler.toml").write_text(CLEAN, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True, timeout=60)
    return root


@pytest.mark.installs
def test_install_uses_its_own_environment_from_the_action_checkout(runner):
    venv = runner.temp / "vpclint-venv"
    shown = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import vpclint, sys; print(vpclint.__file__, sys.prefix)"],
        cwd=runner.temp, capture_output=True, text=True, timeout=60, check=True,
        env={k: v for k, v in os.environ.items() if not k.startswith(OUTSIDE_THE_RUNNER)},
    )  # fmt: skip
    module, prefix = shown.stdout.split()
    assert Path(prefix) == venv and Path(module).is_relative_to(venv)


@pytest.mark.installs
def test_run_annotates_findings_and_fails(runner, workspace):
    done = runner.step("Run vpclint", workspace)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        "::error file=apps/api/wrangler.toml,line=6,col=10,endLine=6,endColumn=15,title=VPC202::"
        "apps/api/wrangler.toml:6:10: VPC202 `remote` is false, but a VPC service binding has no "
        "local simulator: `wrangler dev` refuses to start (VPC service bindings do not support "
        "local development)"
    ]


@pytest.mark.installs
def test_run_with_paths_and_args(runner, workspace):
    clean = runner.step("Run vpclint", workspace, paths="apps/web", args="--fail-on warning")
    assert (clean.returncode, clean.stdout) == (0, "")
    both = runner.step(
        "Run vpclint", workspace, paths="apps/web\napps/api", args="--format concise"
    )
    assert both.returncode == 1
    assert both.stdout.startswith("apps/api/wrangler.toml:6:10: VPC202 [error] ")
    ignored = runner.step("Run vpclint", workspace, args="--ignore VPC202 --exit-zero")
    assert (ignored.returncode, ignored.stdout) == (0, "")


@pytest.mark.installs
def test_run_writes_sarif_for_code_scanning(runner, workspace):
    done = runner.step("Run vpclint", workspace, sarif_file="results/vpclint.sarif")
    assert done.returncode == 1  # the lint still fails the step; upload with `if: always()`
    assert "title=VPC202::" in done.stdout
    log = json.loads((workspace / "results" / "vpclint.sarif").read_text(encoding="utf-8"))
    [result] = log["runs"][0]["results"]
    assert result["ruleId"] == "VPC202"
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "apps/api/wrangler.toml", "uriBaseId": "%SRCROOT%"}


@pytest.mark.installs
def test_sarif_file_that_cannot_be_written_is_a_clear_error(runner, workspace):
    (workspace / "results").write_text("", encoding="utf-8")  # a file where a folder should be
    done = runner.step("Run vpclint", workspace, sarif_file="results/vpclint.sarif")
    assert done.returncode == 2
    assert done.stderr.startswith("vpclint: --output-file results/vpclint.sarif: cannot write")


@pytest.mark.installs
def test_too_old_python_is_refused_with_advice(runner, workspace):
    done = runner.step("Install vpclint", workspace, python="false")
    assert done.returncode == 2
    assert "::error title=vpclint::vpclint needs Python 3.11 or newer" in done.stdout
    assert "actions/setup-python" in done.stdout


def test_readme_workflow_uses_the_action_as_it_is(readme_block):
    workflow = yaml.safe_load(readme_block("workflow"))
    inputs = set(action()["inputs"])
    uses = []
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("OWNER/vpclint@"):
                assert set(step.get("with", {})) <= inputs, step
                uses.append(step)
    assert len(uses) == 2
    scanning = workflow["jobs"]["vpclint-code-scanning"]
    assert scanning["permissions"]["security-events"] == "write"
    upload = scanning["steps"][-1]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["if"] == "always()"  # the lint step fails on findings; upload anyway
    assert upload["with"]["sarif_file"] == uses[1]["with"]["sarif-file"]

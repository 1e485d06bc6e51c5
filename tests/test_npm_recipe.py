"""The README's husky + lint-staged recipe, run as written: its npm commands in a fresh git
repository, its `lint-staged` block as package.json, then real commits. A broken config
stops the commit with the finding; once fixed, the commit goes through.

It needs npm and the npm registry (like any npm user); without them it is skipped. vpclint
is put on PATH as the recipe says, as a small launcher for this interpreter."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"
BROKEN = f'name = "w"\n\n[[vpc_services]]\nbinding = "API"\nservice_id = "{UUID}"\nremote = false\n'
FIXED = BROKEN.replace("remote = false", "remote = true")


def shell(command: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def git_commit(cwd: Path, env: dict, message: str) -> subprocess.CompletedProcess:
    return shell(
        "git -c user.name=tests -c user.email=tests@vpclint.invalid -c commit.gpgsign=false "
        f"commit -q -m '{message}'",
        cwd,
        env,
    )


@pytest.fixture
def npm_project(tmp_path, readme_block) -> tuple[Path, dict]:
    if shutil.which("npm") is None or shutil.which("git") is None:
        pytest.skip("npm or git is not installed")
    launcher = tmp_path / "bin" / "vpclint"
    launcher.parent.mkdir()
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m vpclint "$@"\n', encoding="utf-8")
    launcher.chmod(launcher.stat().st_mode | stat.S_IXUSR)
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    env.update(PATH=f"{launcher.parent}{os.pathsep}{env.get('PATH', '')}", NO_COLOR="1", CI="1")
    env["npm_config_cache"] = str(tmp_path / "npm-cache")
    folder = tmp_path / "worker"
    folder.mkdir()
    for command in ("git init -q", "npm init -y > /dev/null"):
        assert shell(command, folder, env).returncode == 0
    setup = readme_block("npm-setup")
    for line in setup.splitlines():
        command = line.split("  #", 1)[0].strip()
        done = shell(command, folder, env)
        if done.returncode != 0 and command.startswith("npm install"):
            pytest.skip(f"npm could not install husky and lint-staged: {done.stderr[-300:]}")
        assert done.returncode == 0, done.stderr
    package = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    package.update(json.loads(readme_block("lint-staged")))
    (folder / "package.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    (folder / ".gitignore").write_text("node_modules\n", encoding="utf-8")
    return folder, env


@pytest.mark.installs
def test_lint_staged_recipe_stops_a_broken_commit(npm_project):
    folder, env = npm_project
    (folder / "apps" / "api").mkdir(parents=True)
    config = folder / "apps" / "api" / "wrangler.toml"
    config.write_text(BROKEN, encoding="utf-8")
    staging = folder / "apps" / "api" / "wrangler.staging.toml"  # environment-specific
    staging.write_text(BROKEN, encoding="utf-8")
    assert shell("git add -A", folder, env).returncode == 0
    refused = git_commit(folder, env, "broken")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert f"{config}:6:10: VPC202 [error] `remote` is false" in output
    assert f"{staging}:6:10: VPC202 [error] `remote` is false" in output
    assert shell("git rev-parse --verify -q HEAD", folder, env).returncode != 0  # no commit

    config.write_text(FIXED, encoding="utf-8")
    staging.write_text(FIXED, encoding="utf-8")
    assert shell("git add -A", folder, env).returncode == 0
    accepted = git_commit(folder, env, "fixed")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert shell("git rev-parse --verify -q HEAD", folder, env).returncode == 0

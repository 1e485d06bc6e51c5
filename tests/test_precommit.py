"""The pre-commit hooks in .pre-commit-hooks.yaml: their `files` patterns against good and
bad paths, their entries against the CLI, and a real `pre-commit try-repo` run.

`pre-commit try-repo` clones a repository at its HEAD, so the real run first copies this
working tree into a temporary git repository and commits it there: it tests the code as
it is on disk, committed or not. pre-commit then pip-installs that copy into a fresh
virtualenv (it needs PyPI or a configured wheel source, like any pre-commit user)."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from vpclint.cli import cli

yaml = pytest.importorskip("yaml", reason="PyYAML (installed with pre-commit) reads the hook file")

REPO = Path(__file__).resolve().parent.parent
UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"
CLEAN = f'name = "w"\n\n[[vpc_services]]\nbinding = "API"\nservice_id = "{UUID}"\nremote = true\n'
BROKEN = f'name = "w"\n\n[[vpc_services]]\nbinding = "API"\nservice_id = "{UUID}"\nremote = false\n'
PAYLOAD_BROKEN = (
    '{"name": "db", "type": "tcp", "host": {"hostname": "db.internal", "resolver_network": {"tunnel_id": "'
    + UUID
    + '"}}}\n'
)


def hooks() -> dict[str, dict]:
    loaded = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in loaded}


def test_hook_ids_and_settings():
    found = hooks()
    assert set(found) == {"vpclint", "vpclint-payload"}
    for hook in found.values():
        assert hook["language"] == "python"
        assert hook["entry"].split()[0] == "vpclint"
        assert "--force-exclude" in hook["entry"].split()
    assert found["vpclint-payload"]["entry"].split()[-2:] == ["--kind", "payload"]
    assert found["vpclint-payload"]["require_serial"] is True


WRANGLER_GOOD = [
    "wrangler.toml",
    "wrangler.json",
    "wrangler.jsonc",
    "apps/api/wrangler.toml",
    "a/b/c/wrangler.jsonc",
    "wrangler.staging.toml",
    "apps/web/wrangler.production.jsonc",
    "wrangler.dev.json",
]
WRANGLER_BAD = [
    "wrangler.yaml",
    "wrangler.toml.bak",
    "my-wrangler.toml",
    "apps/mywrangler.json",
    "wrangler.jsonc/notes.txt",
    "wrangler-staging.toml",
    "wrangler..toml",
    "pyproject.toml",
    "package.json",
    "node_modules/pkg/wrangler.toml",
    ".wrangler/deploy/wrangler.json",
    "apps/.cache/wrangler.staging.toml",
]
PAYLOAD_GOOD = [
    "vpc-services/orders.json",
    "vpc-service/orders.json",
    "infra/vpc-services/orders.json",
    "vpc-services/prod/orders.json",
    "vpc-services/orders.jsonc",
    "apps/api/vpc-service/db.jsonc",
]
PAYLOAD_BAD = [
    "services/orders.json",
    "vpc-services/orders.yaml",
    "vpc-services.json",
    "my-vpc-services/orders.json",
    "vpc-services/orders.json.bak",
    "wrangler.json",
    "vpc-services/wrangler.json",
    "vpc-services/wrangler.staging.jsonc",
    "node_modules/x/vpc-services/orders.json",
    ".github/vpc-services/orders.json",
]


def hook_selects(hook_id: str, path: str) -> bool:
    """What pre-commit passes to a hook: `files` matches and `exclude` does not (re.search
    on the path from the repository's root)."""
    hook = hooks()[hook_id]
    return bool(re.search(hook["files"], path)) and not re.search(hook.get("exclude", "^$"), path)


@pytest.mark.parametrize(
    ("hook_id", "path", "expected"),
    [("vpclint", path, True) for path in WRANGLER_GOOD]
    + [("vpclint", path, False) for path in WRANGLER_BAD]
    + [("vpclint-payload", path, True) for path in PAYLOAD_GOOD]
    + [("vpclint-payload", path, False) for path in PAYLOAD_BAD],
)
def test_hook_files_pattern(hook_id, path, expected):
    assert hook_selects(hook_id, path) is expected


def test_hooks_take_exactly_what_a_folder_search_takes(tmp_path):
    """Every path above, written as a file (content `{}`, so no payload by content): the
    folder search finds a path as a wrangler config exactly when the `vpclint` hook takes
    it, and as a payload exactly when the `vpclint-payload` hook takes it."""
    paths = sorted(set(WRANGLER_GOOD + WRANGLER_BAD + PAYLOAD_GOOD + PAYLOAD_BAD))
    paths = [path for path in paths if not path.startswith("wrangler.jsonc/")]
    for path in paths:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("{}\n", encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "vpclint", "--format", "json", "--exit-zero", "--isolated"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    found = {entry["path"]: entry["kind"] for entry in json.loads(completed.stdout)["files"]}
    for path in paths:
        assert (found.get(path) == "wrangler") is hook_selects("vpclint", path), path
        assert (found.get(path) == "payload") is hook_selects("vpclint-payload", path), path
    assert "wrangler.staging.toml" in found and "vpc-services/orders.jsonc" in found


@pytest.mark.parametrize(
    ("hook_id", "name", "text", "exit_code", "code"),
    [
        ("vpclint", "wrangler.toml", CLEAN, 0, None),
        ("vpclint", "wrangler.toml", BROKEN, 1, "VPC202"),
        ("vpclint-payload", "orders.json", PAYLOAD_BROKEN, 1, "VPC311"),
    ],
)
def test_hook_entry_runs_on_the_files_it_is_given(
    tmp_path, monkeypatch, hook_id, name, text, exit_code, code
):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = shlex.split(hooks()[hook_id]["entry"])[1:]
    result = CliRunner().invoke(cli, [*args, "--format", "concise", name])
    assert result.exit_code == exit_code, result.output
    if code:
        assert f"{name}:" in result.output and f" {code} " in result.output


# ---------------------------------------------------------------------------- try-repo


def pre_commit_command() -> list[str] | None:
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    found = shutil.which("pre-commit")
    return [found] if found else None


def git(folder: Path, *args: str) -> str:
    completed = subprocess.run(
        ["git", "-c", "user.name=vpclint tests", "-c", "user.email=tests@vpclint.invalid",
         "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=folder, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return completed.stdout


def working_tree_files() -> list[str]:
    """The repository's files as on disk: tracked and untracked, not ignored."""
    try:
        listed = git(REPO, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
    except (subprocess.CalledProcessError, OSError):
        listed = ""
    files = [name for name in listed.split("\0") if name and (REPO / name).is_file()]
    if files:
        return files
    skipped = {".git", ".venv", "build", "dist", "__pycache__", ".pytest_cache", ".ruff_cache"}
    return [
        str(path.relative_to(REPO))
        for path in REPO.rglob("*")
        if path.is_file()
        and not any(part in skipped or part.endswith(".egg-info") for part in path.parts)
    ]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """A committed copy of this working tree, for `pre-commit try-repo`."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    copy = tmp_path_factory.mktemp("hook-repo")
    for name in working_tree_files():
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    git(copy, "commit", "-q", "-m", "vpclint working tree")
    return copy


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A user's repository with a clean config, a broken one and a broken payload."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    folder = tmp_path_factory.mktemp("project")
    (folder / "clean").mkdir()
    (folder / "clean" / "wrangler.toml").write_text(CLEAN, encoding="utf-8")
    (folder / "broken").mkdir()
    (folder / "broken" / "wrangler.toml").write_text(BROKEN, encoding="utf-8")
    (folder / "vpc-services").mkdir()
    (folder / "vpc-services" / "orders.json").write_text(PAYLOAD_BROKEN, encoding="utf-8")
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    return folder


@pytest.fixture(scope="module")
def try_repo(hook_repo, project, tmp_path_factory):
    command = pre_commit_command()
    if command is None:
        pytest.skip("pre-commit is not installed")
    home = tmp_path_factory.mktemp("pre-commit-home")
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    env.update(PRE_COMMIT_HOME=str(home), NO_COLOR="1", PRE_COMMIT_COLOR="never")

    def run(hook_id: str, *files: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*command, "try-repo", str(hook_repo), hook_id, "--verbose", "--files", *files],
            cwd=project, env=env, capture_output=True, text=True, timeout=900,
        )  # fmt: skip

    return run


@pytest.mark.installs
def test_try_repo_passes_a_clean_config(try_repo):
    completed = try_repo("vpclint", "clean/wrangler.toml")
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    assert re.search(r"vpclint \(wrangler VPC bindings\)\.+Passed", output), output
    assert "no problems in 1 file" in output


@pytest.mark.installs
def test_try_repo_fails_a_broken_config_with_the_finding(try_repo):
    completed = try_repo("vpclint", "clean/wrangler.toml", "broken/wrangler.toml")
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output
    assert re.search(r"vpclint \(wrangler VPC bindings\)\.+Failed", output), output
    assert "broken/wrangler.toml:6:10: VPC202 [error] `remote` is false" in output
    assert "clean/wrangler.toml:" not in output


@pytest.mark.installs
def test_try_repo_payload_hook(try_repo):
    completed = try_repo("vpclint-payload", "vpc-services/orders.json", "broken/wrangler.toml")
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output
    assert "vpc-services/orders.json:1:1: VPC311 [error]" in output
    assert "broken/wrangler.toml" not in output  # outside the hook's files pattern


# ------------------------------------------------------------- the README's configuration


@pytest.mark.installs
def test_readme_pre_commit_config_works_as_written(hook_repo, project, tmp_path, readme_block):
    command = pre_commit_command()
    if command is None:
        pytest.skip("pre-commit is not installed")
    rev = git(hook_repo, "rev-parse", "HEAD").strip()
    config = readme_block("pre-commit-config")
    assert "GIT_URL" in config and "REF" in config
    config = config.replace("GIT_URL", str(hook_repo)).replace("REF", rev)
    folder = tmp_path / "user"
    shutil.copytree(project, folder)
    (folder / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    env.update(PRE_COMMIT_HOME=str(tmp_path / "home"), NO_COLOR="1", PRE_COMMIT_COLOR="never")
    completed = subprocess.run(
        [*command, "run", "--all-files"], cwd=folder, env=env, capture_output=True, text=True,
        timeout=900,
    )  # fmt: skip
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output
    assert re.search(r"vpclint \(wrangler VPC bindings\)\.+Failed", output), output
    assert "broken/wrangler.toml:6:10: VPC202 [error]" in output
    # the payload hook takes the payload locations: vpc-services/orders.json here
    assert re.search(r"vpclint \(VPC Service payloads\)\.+Failed", output), output
    assert "vpc-services/orders.json:1:1: VPC311 [error]" in output

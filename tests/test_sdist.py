"""The source distribution is the whole project: built from this tree, unpacked, built into
a wheel and installed, its own test suite passes against the installed package.

Everything it needs comes from the `test` extra (`build`, `setuptools`): the sdist and the
wheel are built without build isolation, so nothing is fetched. The suite inside runs
without ../shared (its reference-data tests skip, as in any fresh copy), without this
test (VPCLINT_SDIST_INNER) and without the tests marked `installs`, so it costs less than
one more run of the suite."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from vpclint import __version__

REPO = Path(__file__).resolve().parent.parent
REQUIRED = [
    "LICENSE",
    "CHANGELOG.md",
    "README.md",
    "pyproject.toml",
    ".pre-commit-hooks.yaml",
    "action.yml",
    ".github/vpclint-matcher.json",
    "docs/rules.md",
    "examples/wrangler.toml",
    "schemas/wrangler-vpc.schema.json",
    "schemas/vpc-service.schema.json",
    "tests/conftest.py",
    "tests/cases/cli/several",
    "vpclint/__init__.py",
]

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("VPCLINT_SDIST_INNER")), reason="already running inside the sdist"
)


def run(*args, cwd: Path, env: dict | None = None, timeout: int = 300):
    completed = subprocess.run(
        [str(arg) for arg in args], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    return completed


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory) -> Path:
    pytest.importorskip("build", reason="the test extra installs build")
    out = tmp_path_factory.mktemp("sdist")
    run(sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", out, REPO, cwd=REPO)
    [archive] = out.glob("vpclint-*.tar.gz")
    assert archive.name == f"vpclint-{__version__}.tar.gz"
    with tarfile.open(archive) as tar:
        tar.extractall(out, filter="data")
    return out / f"vpclint-{__version__}"


def tracked_files() -> list[str]:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, text=True, timeout=60
        )
    except OSError:
        return []
    if listed.returncode != 0:
        return []
    return [name for name in listed.stdout.split("\0") if name and (REPO / name).is_file()]


def test_sdist_holds_the_whole_project(unpacked):
    missing = [name for name in REQUIRED if not (unpacked / name).exists()]
    assert missing == []
    tracked = tracked_files()
    if not tracked:
        pytest.skip("not a git checkout: no list of tracked files to compare with")
    left_out = [name for name in tracked if name != ".gitignore" and not (unpacked / name).exists()]
    assert left_out == []
    metadata = (unpacked / "PKG-INFO").read_text(encoding="utf-8")
    assert f"\nVersion: {__version__}\n" in metadata
    assert "\nLicense-Expression: MIT\n" in metadata
    assert "\nLicense-File: LICENSE\n" in metadata
    for version in ("3.11", "3.12", "3.13"):
        assert f"Programming Language :: Python :: {version}\n" in metadata
    assert "Project-URL" not in metadata  # no address is published, so none is claimed


def test_unpacked_sdist_installs_and_passes_its_tests(unpacked, tmp_path):
    wheels = tmp_path / "wheels"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
        "-q", "-w", wheels, unpacked, cwd=tmp_path)  # fmt: skip
    [wheel] = wheels.glob("vpclint-*.whl")
    target = tmp_path / "site"
    run(sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
        "--target", target, wheel, cwd=tmp_path)  # fmt: skip
    env = {key: value for key, value in os.environ.items() if not key.startswith("VPCLINT_")}
    # the installed copy first; never the unpacked source folder (PYTHONSAFEPATH)
    env.update(PYTHONPATH=str(target), PYTHONSAFEPATH="1", VPCLINT_SDIST_INNER="1")
    where = run(
        sys.executable, "-c", "import vpclint; print(vpclint.__file__)", cwd=unpacked, env=env
    )
    assert Path(where.stdout.strip()).is_relative_to(target)
    # every test but those that install vpclint anew from a package index (the hooks, the
    # action, the npm recipe): they test those installs, which the outer run already does
    suite = run(sys.executable, "-m", "pytest", "-o", "addopts=", "-q", "-p", "no:cacheprovider",
                "-m", "not installs", cwd=unpacked, env=env, timeout=900)  # fmt: skip
    closing = suite.stdout.strip().splitlines()[-1]
    assert re.search(r"\b[1-9]\d{2,} passed", closing), closing  # hundreds of tests ran
    assert "failed" not in closing and "error" not in closing, closing

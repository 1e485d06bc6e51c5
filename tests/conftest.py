"""Shared test fixtures.

``shared_dir`` is the read-only reference folder ``../shared`` beside the repository
(conformance suites, real configs, wrangler's verdicts). A fresh clone does not have
it, so every test that uses it is skipped cleanly when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _find_shared() -> Path | None:
    candidates = [os.environ.get("VPCLINT_SHARED"), REPO.parent / "shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "spec").is_dir():
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    found = _find_shared()
    if found is None:
        pytest.skip("../shared is not present (fresh clone): reference data tests skipped")
    return found


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    return REPO


def readme_block(marker: str) -> str:
    """The code block of README.md between ``<!-- marker-start -->`` and
    ``<!-- marker-end -->``, without its fences: tests run the README's recipes as written."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text.split(f"<!-- {marker}-start -->\n", 1)[1].split(f"<!-- {marker}-end -->", 1)[0]
    return "\n".join(block.strip().splitlines()[1:-1]) + "\n"


@pytest.fixture(name="readme_block")
def readme_block_fixture():
    return readme_block


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    """Tests see the same environment locally and in CI: no CI-selected format or
    repository root, no colour variables from the developer's shell."""
    for name in (
        "GITHUB_ACTIONS",
        "GITHUB_WORKSPACE",
        "NO_COLOR",
        "FORCE_COLOR",
        "CLOUDFLARE_ENV",
        "VPCLINT_OUTPUT_FORMAT",
    ):
        monkeypatch.delenv(name, raising=False)

"""No input makes vpclint slow: every regular expression on file content runs in linear time.

benchmarks/adversarial.py holds one adversarial file per pattern (a `service_id` of
60,000 `{{` took 11 s when the placeholder pattern backtracked). This is not a timed
test: it checks the algorithmic property, that 16 times the input costs at most 4 times
16 times the work (quadratic growth would be 256 times), with a generous constant so a
busy machine cannot make it fail. benchmarks/bench.py reports the times at 1 MiB.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from vpclint.runner import lint_text
from vpclint.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from adversarial import CASES, case_text

SMALL = 16 * 1024
GROWTH = 16
SLACK_S = 0.25


def cost(name: str, size: int, rounds: int) -> float:
    """The least time of ``rounds`` lint runs of the case at ``size`` bytes."""
    file_name = CASES[name][0]
    text = case_text(name, size)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        diagnostics = lint_text(text, file_name, settings=Settings())
        best = min(best, time.perf_counter() - start)
    assert diagnostics or name.startswith("JSONC"), name  # the long value is really read
    return best


@pytest.mark.parametrize("name", sorted(CASES))
def test_cost_grows_linearly(name: str):
    small = cost(name, SMALL, rounds=3)
    big = cost(name, SMALL * GROWTH, rounds=2)
    assert big <= 4 * GROWTH * small + SLACK_S, (name, small, big)


def test_long_values_are_quoted_short_in_messages():
    text = case_text("service_id of `{{`", 64 * 1024)
    (diagnostic,) = lint_text(text, "wrangler.toml", settings=Settings())
    assert diagnostic.code == "VPC206"
    assert len(diagnostic.message) < 400

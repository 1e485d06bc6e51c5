"""The checks written as character tests instead of regular expressions (compiling a
pattern costs more at start-up than a clean file's lint) match exactly what the pattern
they stand for matches, on edge cases and random strings."""

from __future__ import annotations

import random
import re

import pytest

from vpclint.rules.wrangler.ids import is_hex32, is_uuid
from vpclint.rules.wrangler.names import is_upper_snake
from vpclint.rules.wrangler.values import is_worker_name

UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"
CHECKS = [
    (is_uuid, r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"),
    (is_hex32, r"[0-9a-fA-F]{32}"),
    (is_upper_snake, r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*"),
    (is_worker_name, r"(?:[a-z0-9_][a-z0-9_-]*)?"),
]
EDGES = [
    "", "-", "_", "A", "a", "0", "A_", "_A", "A__B", "A_B", "A1_2B", "ÄPI", "A\n", "a-b", "-ab",
    "my_worker-2", "Worker", "wörker", "a b", UUID, UUID.upper(), UUID + "\n", " " + UUID,
    UUID.replace("-", ""), UUID[:-1] + "g", UUID[:30] + "-" + UUID[31:], UUID.replace("-", "_"),
    "٠" * 32, "0199295b-b3ac-7760-8246-bca4087-b3e9", "ａ" * 8,
]  # fmt: skip


def random_texts(rng: random.Random, count: int) -> list[str]:
    alphabet = "aAfFgZz09_-\n ٠é" + "0123456789abcdef-"
    texts = []
    for _ in range(count):
        length = rng.choice([rng.randint(0, 6), 32, 36, rng.randint(0, 40)])
        texts.append("".join(rng.choice(alphabet) for _ in range(length)))
        if rng.random() < 0.3:  # a near-UUID: one character changed
            at = rng.randrange(36)
            texts.append(UUID[:at] + rng.choice(alphabet) + UUID[at + 1 :])
    return texts


@pytest.mark.parametrize(("check", "pattern"), CHECKS, ids=[c.__name__ for c, _ in CHECKS])
def test_a_character_check_matches_what_its_pattern_matches(check, pattern):
    texts = EDGES + random_texts(random.Random(pattern), 20_000)
    wrong = [t for t in texts if check(t) != bool(re.fullmatch(pattern, t))]
    assert wrong == []
    assert any(check(t) for t in texts) and not all(check(t) for t in texts)

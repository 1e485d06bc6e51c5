"""Property test of the payload fixes (and VPC004 in JSONC payloads) on generated and
mutated payloads: the seeds and mutations of tests/test_payload_schema.py plus seeds
with every fixable finding, rendered by tests/test_fuzz.py as strict JSON or as JSONC
with comments (some of them `vpclint: ignore` directives), trailing commas, CRLF, tabs
and one-line objects, or pretty-printed.

After `--fix` (and `--fix --unsafe-fixes`):
- a strict JSON file is still strict JSON (``json.loads``), a JSONC file still parses;
- no new error or warning code appears (the errors a valid `type` reveals were there
  already: they are linted from the payload with its `type` in lowercase);
- the parsed value differs only at the pointers of the findings that were fixed (a
  port moved out of a `hostname` adds that port field beside `host`);
- every pass parses as it is (without the engine's undo), and what was fixed is gone
  (no finding of that code at that pointer, no fixable finding left);
- a second run changes nothing.
"""

from __future__ import annotations

import copy
import json
import os
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_fuzz import FUZZ, WRANGLER_CONFIGS, canonical, render_json, render_toml
from test_payload_schema import SEEDS, T, mutated

from vpclint import fixes
from vpclint.runner import Target, lint_text
from vpclint.source.jsonc import parse_jsonc

FIX_SEEDS = [
    {
        "name": "a",
        "type": "TCP",
        "service_id": T,
        "tcp_port": 5432,
        "host": {
            "hostname": "db.internal:5432",
            "resolver_network": {"tunnel_id": T, "resolver_ips": []},
        },
        "created_at": "2025-01-01T00:00:00Z",
    },
    {
        "account_id": "acc",
        "name": "b",
        "type": "Http",
        "host": {"hostname": "https://api.internal:8443/v1", "resolver_network": {"tunnel_id": T}},
        "updated_at": "x",
    },
    {
        "name": "c",
        "type": "tcp",
        "host": {
            "hostname": "tcp://db.internal:5432",
            "resolver_network": {"resolver_ips": [], "tunnel_id": T},
        },
    },
    {
        "name": "d",
        "type": "http",
        "http_port": 8080,
        "host": {"hostname": "http://api.internal:8080/", "resolver_network": {"tunnel_id": T}},
    },
]
PORT_FIELDS = ("tcp_port", "http_port", "https_port")
RUNS = int(os.environ.get("VPCLINT_FIX_EXAMPLES", "250"))  # raise for a longer campaign


def generated(rnd: random.Random):
    """A payload or an array of payloads, and its text."""

    def one():
        seed = rnd.choice(FIX_SEEDS + SEEDS)
        return mutated(seed, rnd) if rnd.random() < 0.6 else copy.deepcopy(seed)

    value = one() if rnd.random() < 0.6 else [one() for _ in range(rnd.randint(1, 3))]
    style = rnd.random()
    if style < 0.3:
        text = json.dumps(value, indent=rnd.choice((2, 4, "\t")))
        text = text.replace("\n", rnd.choice(("\n", "\r\n"))) + rnd.choice(("", "\n"))
    else:
        text = render_json(value, rnd, comments=style > 0.65)
    return value, text


def differences(before, after, pointer: str = "") -> set[str]:
    """The JSON pointers where two parsed values differ (a key on one side only, an array
    of another length, another scalar)."""
    if isinstance(before, dict) and isinstance(after, dict):
        found = set()
        for key in {**before, **after}:
            child = f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"
            if key not in before or key not in after:
                found.add(child)
            else:
                found |= differences(before[key], after[key], child)
        return found
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        found = set()
        for index, (old, new) in enumerate(zip(before, after, strict=True)):
            found |= differences(old, new, f"{pointer}/{index}")
        return found
    return set() if canonical(before) == canonical(after) else {pointer}


def fix_passes(target: Target, unsafe: bool) -> tuple[bytes, set[str], set[tuple[str, str]]]:
    """The fixed bytes, the pointers every pass fixed at (VPC004's are comments: it may
    change no value) and the (code, pointer) of each fixed finding. Each pass's edits are
    applied without the engine's last line of defence (undoing a pass that breaks the
    file): the pass must parse as it is."""
    data, pointers, fixed = target.data, set(), set()
    for _ in range(fixes.MAX_PASSES):
        result = fixes.lint_one(target, data)
        chosen = fixes.choose(result.source, result.diagnostics, unsafe)
        if not chosen:
            break
        for diagnostic in result.diagnostics:
            if diagnostic.fixable(unsafe) and diagnostic.code != "VPC004":
                fixed.add((diagnostic.code, diagnostic.pointer))
                pointers.add(diagnostic.pointer)
                if diagnostic.pointer.endswith("/host/hostname"):
                    base = diagnostic.pointer.removesuffix("/host/hostname")
                    pointers |= {f"{base}/{field}" for field in PORT_FIELDS}
        data = fixes.encode(fixes.apply(result.source.text, chosen), data)
        assert fixes.parses(target, data), (target.data, data)
    return data, pointers, fixed


def lowercase_types(value):
    payloads = value if isinstance(value, list) else [value]
    for payload in payloads:
        written = payload.get("type") if isinstance(payload, dict) else None
        if isinstance(written, str) and written.lower() in ("http", "tcp"):
            payload["type"] = written.lower()
    return value


def serious_codes(text: str, name: str) -> set[str]:
    return {
        d.code for d in lint_text(text, name, kind="payload") if d.severity in ("error", "warning")
    }


def parsed(text: str, strict: bool):
    return json.loads(text) if strict else parse_jsonc(text).value


@pytest.mark.parametrize("unsafe", [False, True], ids=["fix", "unsafe-fixes"])
def test_fixes_keep_payloads_parsing_add_no_error_and_change_only_fixed_pointers(unsafe):
    rnd = random.Random(int(os.environ.get("VPCLINT_FIX_SEED", "20261201")) + unsafe)
    changed = 0
    for _ in range(RUNS):
        value, text = generated(rnd)
        try:
            json.loads(text)
            strict = True
        except ValueError:
            strict = False
        name = "payload.json" if strict else "payload.jsonc"
        target = Target(name, "payload", "json", data=text.encode("utf-8"))
        fixed_bytes, pointers, fixed_findings = fix_passes(target, unsafe)
        assert fixed_bytes == fixes.fix_target(target, unsafe).after
        if fixed_bytes == target.data:
            continue
        changed += 1
        fixed = fixed_bytes.decode("utf-8")
        fixed_value = parsed(fixed, strict)  # raises if the fix broke the file
        known = serious_codes(text, name)
        known |= serious_codes(json.dumps(lowercase_types(copy.deepcopy(value))), "p.json")
        assert serious_codes(fixed, name) <= known, (text, fixed)
        left = {(d.code, d.pointer) for d in lint_text(fixed, name, kind="payload")}
        assert not left & fixed_findings, (text, fixed)  # what was fixed is gone
        assert not [d for d in lint_text(fixed, name, kind="payload") if d.fixable(unsafe)]
        assert differences(parsed(text, strict), fixed_value) <= pointers, (text, fixed)
        again = Target(name, "payload", "json", data=fixed_bytes)
        assert fixes.fix_target(again, unsafe).after == fixed_bytes, (text, fixed)
    assert changed > RUNS // 4  # the generator does reach the fixes


@FUZZ
@given(config=WRANGLER_CONFIGS, rnd=st.randoms(use_true_random=False))
def test_vpc004_fixes_change_no_value_of_generated_wrangler_configs(config, rnd):
    """Removing unused suppressions (TOML `#`, JSONC `//` and `/* */` comments placed at
    random by the fuzz renderer) keeps the file parsing to the same value, adds no error
    or warning code and leaves no VPC004 with a fix."""
    for name, text in (
        ("wrangler.toml", render_toml(config, rnd)),
        ("wrangler.jsonc", render_json(config, rnd, comments=True)),
    ):
        target = Target(name, "wrangler", name.rsplit(".", 1)[1], data=text.encode("utf-8"))
        data = target.data
        for _ in range(fixes.MAX_PASSES):
            result = fixes.lint_one(target, data)
            unused = [d for d in result.diagnostics if d.code == "VPC004"]
            chosen = fixes.choose(result.source, unused, False)
            if not chosen:
                break
            data = fixes.encode(fixes.apply(result.source.text, chosen), data)
            assert fixes.parses(target, data), (text, data)
        fixed = data.decode("utf-8")
        before = fixes.lint_one(target, target.data)
        after = fixes.lint_one(target, data)
        assert canonical(after.document.value) == canonical(before.document.value), (text, fixed)
        serious = {"error", "warning"}
        assert {d.code for d in after.diagnostics if d.severity in serious} <= {
            d.code for d in before.diagnostics if d.severity in serious
        }, (text, fixed)
        assert not [d for d in after.diagnostics if d.code == "VPC004" and d.edits], fixed

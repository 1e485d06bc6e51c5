"""The wrangler rules' fixes, from files on disk through the command line.

Each case under tests/cases/wrangler/fixes/ is a config as a user writes it (comments
between keys, inline tables, CRLF, tabs, no trailing newline, environments), with
comment lines saying what its fixes are about:

    fixes: VPC203 VPC206        codes `vpclint --fix` fixes here (every finding of them)
    unsafe-fixes: VPC202        codes `--unsafe-fixes` fixes on top
    kept: VPC106                codes of which some findings stay: they have no fix
    wrangler: error             wrangler 4.164.0's verdict on the case, from the oracle

Beside it, ``NAME.fixed.EXT`` holds the exact bytes `--fix` writes and, when the case
has unsafe fixes, ``NAME.unsafe.EXT`` those `--fix --unsafe-fixes` writes
(``VPCLINT_UPDATE_SNAPSHOTS=1`` rewrites them; review the diff). For every case: lint,
`--diff` (exit 1, nothing written), `--fix` (the fixed codes gone, no new code, the
file as expected), a second `--fix` changes nothing; the same with `--unsafe-fixes`;
and wrangler's verdict on the fixed files is no worse than on the case.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases" / "wrangler" / "fixes"
CASE_FILES = sorted(
    path
    for path in CASES.iterdir()
    if path.suffix in (".toml", ".jsonc") and path.stem.count(".") == 0
)
META = re.compile(r"^\s*(?:#|//)\s*(fixes|unsafe-fixes|kept|wrangler):\s*(.*?)\s*$", re.M)
RANK = {"ok": 0, "warning": 1, "error": 2}


def meta(path: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"fixes": [], "unsafe-fixes": [], "kept": [], "wrangler": []}
    for key, value in META.findall(path.read_text(encoding="utf-8")):
        found[key] += value.split()
    return found


def vpclint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "vpclint", "--isolated", "--color", "never", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def codes_of(result: subprocess.CompletedProcess) -> list[str]:
    assert result.returncode in (0, 1), result.stderr
    return sorted(d["code"] for d in json.loads(result.stdout)["diagnostics"])


def place(case: Path, folder: Path) -> Path:
    """The case copied byte for byte as ``wrangler.<ext>`` in a folder of its own."""
    folder.mkdir()
    target = folder / f"wrangler{case.suffix}"
    shutil.copyfile(case, target)
    return target


def expected_path(case: Path, variant: str) -> Path:
    return case.with_name(f"{case.stem}.{variant}{case.suffix}")


def check_fixed(target: Path, case: Path, variant: str, flags: tuple[str, ...], gone, before):
    """`--fix` with ``flags``: the bytes written, what remains, and a second run."""
    result = vpclint("--fix", *flags, "--format", "json", target.name, cwd=target.parent)
    remaining = codes_of(result)
    after = target.read_bytes()
    expected = expected_path(case, variant)
    if os.environ.get("VPCLINT_UPDATE_SNAPSHOTS") == "1":
        expected.write_bytes(after)
    assert after == expected.read_bytes(), f"{case.name}: --fix {' '.join(flags)}"
    kept = meta(case)["kept"]
    for code in gone:
        left, was = remaining.count(code), before.count(code)
        assert left < was and (left == 0 or code in kept), (code, remaining)
    assert set(remaining) <= set(before), f"a new finding after the fix: {remaining}"
    again = vpclint("--fix", *flags, "--format", "json", target.name, cwd=target.parent)
    assert codes_of(again) == remaining
    assert json.loads(again.stdout)["summary"]["fixed"] == 0
    assert target.read_bytes() == after


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda path: path.name)
def test_fix_case_through_the_cli(case, tmp_path):
    info = meta(case)
    assert info["fixes"] or info["unsafe-fixes"], f"{case.name} names no fixed code"
    target = place(case, tmp_path / "safe")
    before = codes_of(vpclint("--format", "json", target.name, cwd=target.parent))
    assert set(info["fixes"] + info["unsafe-fixes"] + info["kept"]) <= set(before), before

    diff = vpclint("--diff", target.name, cwd=target.parent)
    assert diff.returncode == (1 if info["fixes"] else 0), diff.stderr
    assert diff.stdout.startswith(f"--- a/{target.name}\n+++ b/{target.name}\n") == bool(
        info["fixes"]
    )
    assert target.read_bytes() == case.read_bytes()

    check_fixed(target, case, "fixed", (), info["fixes"], before)
    for code in info["kept"]:
        assert code in codes_of(vpclint("--format", "json", target.name, cwd=target.parent))
    if info["unsafe-fixes"]:
        unsafe = place(case, tmp_path / "unsafe")
        gone = info["fixes"] + info["unsafe-fixes"]
        check_fixed(unsafe, case, "unsafe", ("--unsafe-fixes",), gone, before)
    else:
        assert not expected_path(case, "unsafe").exists()


def test_every_fixable_wrangler_rule_has_a_fix_case():
    from vpclint.rules.registry import RULES, load_every_rule

    load_every_rule()
    covered = {
        code for case in CASE_FILES for key in ("fixes", "unsafe-fixes") for code in meta(case)[key]
    }
    fixable = {
        code
        for code, rule in RULES.items()
        if "Fix (" in rule.what and rule.kinds == ("wrangler",)  # VPC004 has tests of its own
    }
    assert fixable <= covered, sorted(fixable - covered)
    syntaxes = {
        (code, case.suffix)
        for case in CASE_FILES
        for code in meta(case)["fixes"] + meta(case)["unsafe-fixes"]
    }
    for code in fixable:
        assert {(code, ".toml"), (code, ".jsonc")} <= syntaxes, code


def fixed_versions(case: Path) -> list[Path]:
    return [
        path for variant in ("fixed", "unsafe") if (path := expected_path(case, variant)).exists()
    ]


def oracle_verdicts(shared_dir: Path, paths: list[Path], tmp_path: Path, env=None) -> dict:
    """wrangler's verdict on each of ``paths`` (each placed as a wrangler config of its
    own), from one oracle call; with ``env``, read as `--env env`."""
    tmp_path.mkdir(exist_ok=True)
    files = [place(path, tmp_path / str(index)) for index, path in enumerate(paths)]
    result = subprocess.run(
        [str(shared_dir / "oracle" / "wrangler-check"), *map(str, files)]
        + (["--env", env] if env else []),
        capture_output=True,
        text=True,
        timeout=300,
    )
    records = {}
    for line in result.stdout.splitlines():
        record = json.loads(line)
        records[record["file"]] = record
    return {path: records[str(file)] for path, file in zip(paths, files, strict=True)}


def assert_no_worse(before: dict, after: dict, name: str) -> None:
    assert RANK[after["verdict"]] <= RANK[before["verdict"]], name
    assert len(after["errors"]) <= len(before["errors"]), name


def test_fixed_files_are_no_worse_for_wrangler(shared_dir, tmp_path):
    """wrangler's own verdict on every case (as recorded) and on its fixed versions."""
    fixed = [path for case in CASE_FILES for path in fixed_versions(case)]
    verdicts = oracle_verdicts(shared_dir, [*CASE_FILES, *fixed], tmp_path)
    for case in CASE_FILES:
        before = verdicts[case]
        assert meta(case)["wrangler"] == [before["verdict"]], case.name
        for path in fixed_versions(case):
            assert_no_worse(before, verdicts[path], path.name)


def env_names(case: Path) -> list[str]:
    from vpclint.runner import parse

    syntax = "toml" if case.suffix == ".toml" else "json"
    envs = parse(case.read_text(encoding="utf-8"), syntax, "wrangler").value.get("env")
    return sorted(envs) if isinstance(envs, dict) else []


def test_fixed_files_are_no_worse_for_wrangler_in_each_env(shared_dir, tmp_path):
    """The same with `--env NAME` for every environment of a case (wrangler checks an
    environment only when it is selected): one oracle call per environment name."""
    by_env: dict[str, list[Path]] = {}
    for case in CASE_FILES:
        if fixed_versions(case):
            for name in env_names(case):
                by_env.setdefault(name, []).append(case)
    assert by_env
    for number, (name, cases) in enumerate(sorted(by_env.items())):
        paths = [*cases, *(path for case in cases for path in fixed_versions(case))]
        verdicts = oracle_verdicts(shared_dir, paths, tmp_path / str(number), env=name)
        for case in cases:
            for path in fixed_versions(case):
                assert_no_worse(verdicts[case], verdicts[path], f"{path.name} --env {name}")


NOT_FIXED = re.compile(r"(?:#|//)\s*not fixed\b")
DECLINING = [path for path in CASE_FILES if NOT_FIXED.search(path.read_text(encoding="utf-8"))]


def test_declined_fixes_are_exercised():
    assert len(DECLINING) >= 5, [path.name for path in DECLINING]


@pytest.mark.parametrize("case", DECLINING, ids=lambda path: path.name)
def test_declined_fixes_keep_their_hint_and_no_edits(case, tmp_path):
    """A finding marked `not fixed` (on its line or the line above) is reported with
    its hint in words and no edits: its fix was declined (a new finding would follow,
    or the file is written in a way the fix cannot edit safely)."""
    lines = case.read_text(encoding="utf-8").splitlines()
    marked = {number for number, line in enumerate(lines, 1) if NOT_FIXED.search(line)}
    target = place(case, tmp_path / "case")
    result = vpclint("--format", "json", target.name, cwd=target.parent)
    kept = meta(case)["kept"]
    declined = set()
    for diagnostic in json.loads(result.stdout)["diagnostics"]:
        line = diagnostic["start"]["line"]
        no_edits = diagnostic["edits"] == [] and diagnostic["applicability"] is None
        if diagnostic["code"] in kept and diagnostic["fix"] and no_edits:
            declined.update({line, line - 1} & marked)
    assert declined == marked, (sorted(marked - declined), case.name)


def many_envs(count: int, clash: bool) -> str:
    """A top-level binding and ``count`` environments without it; with ``clash``, the
    first one has a KV namespace of that name (copying the binding there is VPC201)."""
    lines = [
        'name = "w"',
        "[[vpc_services]]",
        'binding = "API"',
        'service_id = "0199295b-b3ac-7760-8246-bca40877b3e9"',
        "remote = true",
    ]
    for index in range(count):
        lines += [f"[env.e{index}]", f'name = "w-{index}"']
        if clash and index == 0:
            lines += ["[[env.e0.kv_namespaces]]", 'binding = "API"', 'id = "k"']
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("clash", [False, True], ids=["all-fine", "one-clash"])
def test_many_fixes_on_trial_are_decided_in_a_few_lints_and_all_applied(tmp_path, clash):
    """Fixes on trial are tried all at once, then (when that raises an error) each alone
    up to vpclint.trials.MAX_ALONE in one lint: a config with 40 environments lacking the
    list gets its copies offered (one at a time only for the first ones when one clashes)
    and `--fix --unsafe-fixes` copies into every environment but the clashing one."""
    from vpclint.trials import MAX_ALONE

    config = tmp_path / "wrangler.toml"
    config.write_text(many_envs(40, clash), encoding="utf-8")
    result = vpclint("--format", "json", config.name, cwd=tmp_path)
    copies = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "VPC204"]
    assert len(copies) == 40
    offered = [bool(d["edits"]) for d in copies]
    if clash:
        assert "after that, fix what VPC201 reports" in copies[0]["fix"]
        assert offered == [False] + [True] * (MAX_ALONE - 1) + [False] * (40 - MAX_ALONE)
    else:
        assert all(offered)
    vpclint("--fix", "--unsafe-fixes", config.name, cwd=tmp_path)
    fixed = tomllib.loads(config.read_text(encoding="utf-8"))
    lacking = [name for name, env in fixed["env"].items() if "vpc_services" not in env]
    assert lacking == (["e0"] if clash else [])

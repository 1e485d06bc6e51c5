"""Example wrangler configs under tests/cases/wrangler/, each with its expected findings.

Every case file ends with a comment block (``#`` in TOML, ``//`` in JSONC):

    wrangler: error                   wrangler 4.164.0's verdict without --env
    wrangler --env staging: ok        ... and with each environment selected
    select: VPC211                    extra rules to select (off-by-default ones)
    expect: VPC201 9:11 phrase        one finding: code, start line:column, message phrase
    expect: none                      no finding at all
    vpclint-only: reason              vpclint errors where wrangler accepts, and why

The findings must match the ``expect`` lines exactly (same set of code, line, column).
The recorded wrangler verdicts come from ``../shared/oracle/wrangler-check``; this test
holds vpclint to them: where wrangler errors in any mode, vpclint reports an error; where
wrangler accepts in every mode, vpclint reports no error unless the case says why
(``vpclint-only``). With ``VPCLINT_ORACLE=1`` the recorded verdicts are re-checked against
wrangler itself (its first run installs wrangler 4.164.0 with npm; then it runs offline).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from vpclint.runner import lint_text
from vpclint.settings import Settings

CASES = Path(__file__).parent / "cases" / "wrangler"
CASE_FILES = sorted(CASES.glob("*.toml")) + sorted(CASES.glob("*.jsonc"))
LINE = re.compile(r"^\s*(?:#|//)\s*(wrangler(?: --env (\S+))?|expect|select|vpclint-only):\s*(.*)$")
EXPECT = re.compile(r"(VPC\d{3}) (\d+):(\d+)(?: (.*))?")


@dataclass
class Case:
    path: Path
    text: str
    verdicts: dict[str | None, str] = field(default_factory=dict)
    expected: list[tuple[str, int, int, str]] = field(default_factory=list)
    expects_none: bool = False
    select: tuple[str, ...] = ()
    vpclint_only: str | None = None


def read_case(path: Path) -> Case:
    case = Case(path, path.read_text(encoding="utf-8"))
    for line in case.text.splitlines():
        match = LINE.match(line)
        if match is None:
            continue
        key, env, rest = match.group(1), match.group(2), match.group(3).strip()
        if key.startswith("wrangler"):
            case.verdicts[env] = rest
        elif key == "select":
            case.select = tuple(rest.split())
        elif key == "vpclint-only":
            case.vpclint_only = rest
        elif rest == "none":
            case.expects_none = True
        else:
            found = EXPECT.fullmatch(rest)
            assert found, f"{path.name}: bad expect line {line!r}"
            code, row, column, phrase = found.groups()
            case.expected.append((code, int(row), int(column), phrase or ""))
    return case


def lint_case(case: Case):
    settings = Settings(extend_select=case.select)
    return lint_text(case.text, case.path.name, settings=settings)


def test_there_are_cases_for_every_rule():
    codes = {code for path in CASE_FILES for code, *_ in read_case(path).expected}
    wanted = {f"VPC{n}" for n in (*range(101, 108), *range(201, 215), 217, 218)}
    assert wanted <= codes
    assert sum(1 for path in CASE_FILES if read_case(path).expects_none) >= 8


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda path: path.name)
def test_case_findings(path: Path):
    case = read_case(path)
    assert case.expected or case.expects_none, f"{path.name} has no expectations"
    assert case.verdicts, f"{path.name} records no wrangler verdict"
    diagnostics = lint_case(case)
    found = sorted((d.code, d.start.line, d.start.column) for d in diagnostics)
    assert found == sorted((code, line, column) for code, line, column, _ in case.expected)
    for code, line, column, phrase in case.expected:
        messages = [
            d.message
            for d in diagnostics
            if (d.code, d.start.line, d.start.column) == (code, line, column)
        ]
        assert any(phrase in message for message in messages), (code, line, phrase, messages)


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda path: path.name)
def test_case_errors_agree_with_wrangler(path: Path):
    case = read_case(path)
    vpclint_errors = [d for d in lint_case(case) if d.severity == "error"]
    wrangler_errors = [env for env, verdict in case.verdicts.items() if verdict == "error"]
    if wrangler_errors:
        assert vpclint_errors, f"wrangler errors ({wrangler_errors}) but vpclint does not"
    elif case.vpclint_only:
        assert vpclint_errors, "marked vpclint-only but vpclint reports no error"
    else:
        assert not vpclint_errors, [d.message for d in vpclint_errors]


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda path: path.name)
def test_one_finding_per_root_cause(path: Path):
    """No two findings of one rule at one place, and never a raw oneOf/anyOf dump."""
    diagnostics = lint_case(read_case(path))
    places = [(d.code, d.start, d.message) for d in diagnostics]
    assert len(places) == len(set(places))
    for diagnostic in diagnostics:
        assert "valid under" not in diagnostic.message
        assert "is not of type" not in diagnostic.message
        assert diagnostic.fix, diagnostic


FIX_VALUES = re.compile(r'`[^`]*(?: = |": )[^`]*`|(?:rename it to|write) ("[^"]*")')


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda path: path.name)
def test_messages_do_not_repeat_their_fix(path: Path):
    """The advice is said once, in the fix (the `= fix:` line), not again in the message."""
    for diagnostic in lint_case(read_case(path)):
        assert diagnostic.fix not in diagnostic.message, diagnostic
        for found in FIX_VALUES.finditer(diagnostic.fix):
            value = found.group(1) or found.group(0)
            assert value not in diagnostic.message, (diagnostic.code, value, diagnostic.message)


def run_oracle(shared_dir: Path, files: list[Path], env: str | None) -> dict[str, str]:
    """wrangler's verdict per file name (wrangler-check: JSON Lines for several files)."""
    command = [str(shared_dir / "oracle" / "wrangler-check"), *map(str, files)]
    if env is not None:
        command += ["--env", env]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    records = [result.stdout] if len(files) == 1 else result.stdout.splitlines()
    verdicts = {}
    for record in filter(str.strip, records):
        parsed = json.loads(record)
        verdicts[Path(parsed["file"]).name] = parsed["verdict"]
    return verdicts


@pytest.mark.skipif(
    os.environ.get("VPCLINT_ORACLE") != "1", reason="set VPCLINT_ORACLE=1 to run wrangler"
)
def test_recorded_verdicts_match_wrangler(shared_dir: Path):
    cases = [read_case(path) for path in CASE_FILES]
    envs = sorted({env for case in cases for env in case.verdicts if env is not None})
    mismatches = []
    for env in [None, *envs]:
        chosen = [case for case in cases if env in case.verdicts]
        actual = run_oracle(shared_dir, [case.path for case in chosen], env)
        for case in chosen:
            name = case.path.name
            if actual.get(name) != case.verdicts[env]:
                mismatches.append((name, env, case.verdicts[env], actual.get(name)))
    assert mismatches == []

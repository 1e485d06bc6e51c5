"""The JSONC parser against wrangler's own parser on the shared conformance corpus.

``conformance/json/expected.jsonl`` records, for JSONTestSuite and the JSONC edge
cases, what node jsonc-parser 3.2.0 (``allowTrailingComma: true``, as wrangler
4.164.0 calls it) says: its errors, a span for every JSON pointer and the value.

Known, deliberate differences (each checked below, nothing else may differ):
- invalid UTF-8: wrangler decodes it with U+FFFD and reads on; vpclint refuses the
  file (``decode`` raises DecodeError). The parser itself is still checked on those
  files, decoded with replacement characters as node does.
- error offsets: inside a string vpclint points at the bad escape or control
  character, jsonc-parser at the opening quote; for ``01`` and ``0x1F`` vpclint points
  at the whole number, jsonc-parser at the character after the ``0``; nesting deeper
  than MAX_NESTING is refused where node crashes with RangeError.
- spans of a value replaced by a later duplicate key are dropped (the value no longer
  has them); the oracle still lists them.
- the oracle's offsets for a file with a BOM count the BOM; vpclint's are relative to
  the text after it, as editors show it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

import pytest

from vpclint.source.jsonc import MAX_NESTING, parse_jsonc
from vpclint.source.model import Parsed, ParseError, Path
from vpclint.source.text import DecodeError, decode

_BOM = b"\xef\xbb\xbf"
_ERRORS_INSIDE_STRINGS = {"InvalidEscapeCharacter", "InvalidUnicode", "InvalidCharacter"}


@dataclass
class Case:
    file: str
    data: bytes
    errors: list[list[Any]]
    spans: dict[str, list[int]]
    value: Any
    text: str | None = None
    parsed: Parsed | None = None
    error: Exception | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def wrangler_accepts(self) -> bool:
        return not self.errors

    @property
    def bom_shift(self) -> int:
        return 1 if self.data.startswith(_BOM) else 0


def _run(case: Case) -> Case:
    try:
        case.text = decode(case.data)
    except DecodeError as error:
        case.error = error
        return case
    try:
        case.parsed = parse_jsonc(case.text)
    except ParseError as error:
        case.error = error
    return case


@pytest.fixture(scope="module")
def cases(shared_dir: FilePath) -> list[Case]:
    folder = shared_dir / "conformance" / "json"
    expected = folder / "expected.jsonl"
    if not expected.is_file():
        pytest.skip("conformance/json/expected.jsonl is not present")
    found = []
    for line in expected.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        data = (folder / row["file"]).read_bytes()
        case = Case(row["file"], data, row["errors"], row["spans"], row.get("value"))
        found.append(_run(case))
    return found


def pointer_to_path(pointer: str, value: Any) -> Path | None:
    """An RFC 6901 pointer as a path, resolved against ``value`` (None if it does not resolve)."""
    path: list[str | int] = []
    node = value
    for raw in pointer.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            path.append(int(part))
            node = node[int(part)]
        else:
            return None
    return tuple(path)


def pointer_readings(pointer: str) -> list[Path]:
    """Every path a pointer can name when there is no value to resolve it against."""
    readings: list[list[str | int]] = [[]]
    for raw in pointer.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        choices: list[str | int] = [part, int(part)] if part.isdigit() else [part]
        readings = [[*reading, choice] for reading in readings for choice in choices]
    return [tuple(reading) for reading in readings]


def same_scalar(ours: Any, recorded: Any) -> bool:
    """A scalar equals the oracle's JSON.stringify output (numbers as JavaScript has them)."""
    if isinstance(ours, bool) or ours is None or isinstance(ours, str):
        return type(ours) is type(recorded) and ours == recorded
    try:
        as_float = float(ours)
    except OverflowError:
        as_float = math.inf
    if math.isinf(as_float):
        return recorded is None  # JSON.stringify(Infinity) is null
    return (
        not isinstance(recorded, bool)
        and isinstance(recorded, int | float)
        and as_float == float(recorded)
    )


def same_value(ours: Any, recorded: Any) -> bool:
    """Our value equals the oracle's; a loop, since some values nest 500 levels deep."""
    pending = [(ours, recorded)]
    while pending:
        ours, recorded = pending.pop()
        if isinstance(ours, list):
            if not isinstance(recorded, list) or len(ours) != len(recorded):
                return False
            pending.extend(zip(ours, recorded, strict=True))
        elif isinstance(ours, dict):
            if not isinstance(recorded, dict) or ours.keys() != recorded.keys():
                return False
            pending.extend((ours[key], recorded[key]) for key in ours)
        elif not same_scalar(ours, recorded):
            return False
    return True


def span_mismatches(case: Case, parsed: Parsed) -> tuple[int, list[str]]:
    """How many recorded spans were compared, and what differs."""
    problems = []
    compared = 0
    expected_paths = set()
    for pointer, recorded in case.spans.items():
        shifted = [offset - case.bom_shift for offset in recorded]
        path = pointer_to_path(pointer, case.value)
        if path is None:
            # A node of a value replaced by a later duplicate key: we drop it.
            leftovers = [p for p in pointer_readings(pointer) if p in parsed.spans]
            if leftovers:
                problems.append(f"{case.file} {pointer}: shadowed span kept")
            continue
        expected_paths.add(path)
        compared += 1
        ours = parsed.spans.get(path)
        if ours is None:
            problems.append(f"{case.file} {pointer}: missing")
        elif [ours.key_start, ours.key_end, ours.value_start, ours.value_end] != shifted:
            problems.append(f"{case.file} {pointer}: ours {ours}, wrangler {shifted}")
    extra = set(parsed.spans) - expected_paths - {()}
    problems.extend(f"{case.file} {path}: extra span" for path in sorted(extra, key=str))
    return compared, problems


def is_invalid_utf8(case: Case) -> bool:
    return isinstance(case.error, DecodeError) and "not valid UTF-8" in case.error.message


def test_accepts_and_rejects_as_wrangler_does(cases: list[Case]) -> None:
    disagreements = []
    invalid_utf8 = 0
    for case in cases:
        if (case.parsed is not None) == case.wrangler_accepts:
            continue
        if case.wrangler_accepts and is_invalid_utf8(case):
            invalid_utf8 += 1  # wrangler reads U+FFFD; vpclint refuses the file
            continue
        message = getattr(case.error, "message", None)
        disagreements.append(f"{case.file}: wrangler errors {case.errors[:2]}, ours {message}")
    assert disagreements == []
    # Only a handful of JSONTestSuite i_ files are not UTF-8.
    assert invalid_utf8 <= 12
    assert len(cases) >= 350


def test_files_not_in_utf8_parse_as_node_reads_them(cases: list[Case]) -> None:
    """On the bytes vpclint refuses, the parser still agrees once decoded as node decodes."""
    checked = 0
    problems = []
    for case in cases:
        if not (case.wrangler_accepts and is_invalid_utf8(case)):
            continue
        text = case.data.removeprefix(_BOM).decode("utf-8", "replace")
        parsed = parse_jsonc(text)
        checked += 1
        problems.extend(span_mismatches(case, parsed)[1])
        if not same_value(parsed.value, case.value):
            problems.append(f"{case.file}: value {parsed.value!r} != {case.value!r}")
    assert problems == []
    assert checked > 0


def test_spans_equal_wrangler_spans(cases: list[Case]) -> None:
    compared = 0
    problems: list[str] = []
    for case in cases:
        if case.parsed is None or not case.wrangler_accepts:
            continue
        count, found = span_mismatches(case, case.parsed)
        compared += count
        problems.extend(found)
    assert problems == []
    assert compared > 900  # the wrangler.jsonc fixture alone has hundreds


def test_values_equal_wrangler_values(cases: list[Case]) -> None:
    problems = [
        f"{case.file}: {case.parsed.value!r} != {case.value!r}"
        for case in cases
        if case.parsed is not None
        and case.wrangler_accepts
        and not same_value(case.parsed.value, case.value)
    ]
    assert problems == []


def _offset_difference_is_deliberate(case: Case, ours: ParseError) -> bool:
    code, expected = case.errors[0]
    text = case.text or ""
    if code.startswith("CRASH"):
        return "nesting deeper than" in ours.message
    if code in _ERRORS_INSIDE_STRINGS:
        # jsonc-parser points at the opening quote, we at the escape or character.
        line_break = text.find("\n", expected)
        return (
            text[expected] == '"'
            and expected < ours.offset
            and (line_break == -1 or ours.offset < line_break)
        )
    # `01`, `0x1F`: we point at the whole number, jsonc-parser just after the zero.
    return text[ours.offset : expected] in ("0", "-0") and (
        "leading zeros" in ours.message or "hexadecimal" in ours.message
    )


def test_error_offsets_match_jsonc_parser(cases: list[Case]) -> None:
    same = 0
    unexplained = []
    for case in cases:
        error = case.error
        if case.wrangler_accepts or not isinstance(error, ParseError):
            continue
        expected = case.errors[0][1] - case.bom_shift
        if error.offset == expected:
            same += 1
        elif not _offset_difference_is_deliberate(case, error):
            unexplained.append(f"{case.file}: ours {error.offset} ({error.message}), {case.errors}")
    assert unexplained == []
    assert same >= 160


def test_deep_oracle_files_crash_node_and_are_refused_here(cases: list[Case]) -> None:
    crashing = [case for case in cases if case.errors and case.errors[0][0].startswith("CRASH")]
    assert crashing
    for case in crashing:
        assert isinstance(case.error, ParseError)
        assert f"deeper than {MAX_NESTING}" in case.error.message

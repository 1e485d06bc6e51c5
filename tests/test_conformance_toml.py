"""The toml-test suite (TOML 1.1, what wrangler 4.164.0 reads) against parse_toml.

Every valid file must parse and every invalid one must be refused with a position
inside the text. For every valid file (also with CRLF line endings) every node of
the parsed value must have a span whose text says the same thing: a scalar's value
text re-parses to the same value, a key decodes to the same key, a header names the
same table. Skipped when ../shared is absent (a fresh clone).
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest
import tomli

from vpclint.source.model import Parsed, ParseError
from vpclint.source.text import DecodeError, SourceText, decode
from vpclint.source.toml import parse_toml

DUPLICATE_MESSAGES = (
    "Cannot declare ",
    "Cannot overwrite a value",
    "Cannot mutate immutable namespace",
    "Cannot redefine namespace",
    "Duplicate inline table key",
)


@pytest.fixture(scope="module")
def suite(shared_dir: Path) -> tuple[Path, list[str]]:
    root = shared_dir / "conformance" / "toml"
    listing = root / "files-toml-1.1.0"
    if not listing.is_file():
        pytest.skip("the toml-test suite is not in ../shared")
    names = [name for name in listing.read_text().split() if name.endswith(".toml")]
    return root, names


def valid_texts(suite) -> list[tuple[str, str]]:
    root, names = suite
    return [(n, decode((root / n).read_bytes())) for n in names if n.startswith("valid/")]


def test_valid_files_are_accepted(suite):
    texts = valid_texts(suite)
    refused = []
    for name, text in texts:
        try:
            parse_toml(text, wrangler=False)
        except ParseError as error:
            refused.append((name, error.message))
    assert refused == []
    assert len(texts) >= 200


def test_wrangler_refuses_only_the_integer_beyond_2_53(suite):
    """smol-toml 1.9.0 (wrangler) accepts every valid file but integer/long.toml."""
    refused = []
    for name, text in valid_texts(suite):
        try:
            parse_toml(text)
        except ParseError as error:
            refused.append((name, error.message.split(":")[0]))
    assert refused == [("valid/integer/long.toml", "wrangler cannot read this integer")]


def test_invalid_files_are_refused_with_a_position(suite):
    root, names = suite
    invalid = [n for n in names if n.startswith("invalid/")]
    accepted = []
    for name in invalid:
        try:
            text = decode((root / name).read_bytes())
        except DecodeError:
            continue  # not UTF-8: refused before parsing, as wrangler's reader does
        try:
            parse_toml(text)
        except ParseError as error:
            assert 0 <= error.offset <= len(text), name
            assert error.end >= error.offset, name
            assert "(at line" not in error.message, name
        else:
            accepted.append(name)
    assert accepted == []
    assert len(invalid) >= 400


def test_duplicates_point_at_the_second_definition_and_name_the_first(suite):
    """In every "defined twice" file, both definitions are found and name the same key."""
    root, names = suite
    checked = 0
    for name in names:
        if not name.startswith("invalid/"):
            continue
        try:
            text = decode((root / name).read_bytes())
            tomli.loads(text)
        except (DecodeError, RecursionError):
            continue
        except tomli.TOMLDecodeError as tomli_error:
            if not tomli_error.msg.startswith(DUPLICATE_MESSAGES):
                continue
        with pytest.raises(ParseError) as caught:
            parse_toml(text)
        error = caught.value
        assert len(error.related) == 1, (name, error.message)
        first = error.related[0]
        assert first.end <= error.offset, name
        assert decode_key(text[error.offset : error.end]) == decode_key(
            text[first.start : first.end]
        ), name
        line = SourceText(text).position(first.start).line
        assert f"on line {line}" in error.message, name
        checked += 1
    assert checked >= 60


@pytest.mark.parametrize("line_ending", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_every_node_of_every_valid_file_has_a_matching_span(suite, line_ending):
    problems: list[str] = []
    checked = 0
    for name, text in valid_texts(suite):
        if line_ending != "\n":
            if "\r" in text:
                continue
            text = text.replace("\n", line_ending)
        parsed = parse_toml(text, wrangler=False)
        for path, node in walk(parsed.value):
            checked += 1
            problem = span_problem(text, parsed, path, node)
            if problem:
                problems.append(f"{name} {path}: {problem}")
        problems.extend(f"{name}: {p}" for p in comment_problems(text, parsed))
    assert problems == []
    assert checked >= 1300


def test_research_fixture_spans(shared_dir):
    """The positions the research note measured (and tree-sitter agreed with)."""
    path = shared_dir / "conformance" / "json" / "fixtures" / "wrangler.toml"
    if not path.is_file():
        pytest.skip("fixture not present")
    text = decode(path.read_bytes())
    parsed = parse_toml(text)
    source = SourceText(text)

    def where(offset: int) -> str:
        position = source.position(offset)
        return f"{position.line}:{position.column}"

    expected = {
        ("vpc_services", 1): ("62:3", "62:1-62:17"),
        ("vpc_services", 1, "service_id"): ("64:1", "64:14-64:26"),
        ("vpc_services", 2, "service_id"): ("69:3", "69:16-69:54"),
        ("env", "staging", "vpc_services", 1, "binding"): ("145:1", "145:11-145:13"),
        ("env", "production-eu", "vpc_services", 0, "service_id"): ("161:1", "161:14-161:52"),
        ("env", "dev", "vars", "LOG_LEVEL"): ("170:6", "170:18-170:25"),
        ("observability", "head_sampling_rate"): ("13:15", "13:36-13:39"),
        ("durable_objects", "bindings", 1, "class_name"): ("75:20", "75:33-75:43"),
        ("description",): ("17:1", "17:15-22:4"),
        ("unicode_note",): ("27:1", "27:16-27:39"),
        ("env",): ("131:2", "131:1-131:14"),
    }
    for node_path, (key, value) in expected.items():
        span = parsed.spans[node_path]
        found = (where(span.key_start), f"{where(span.value_start)}-{where(span.value_end)}")
        assert found == (key, value), node_path


# -- generated documents (no ../shared needed) ---------------------------------------------------

GENERATED_KEYS = [
    "a",
    "b",
    "bin-ding",
    '"quoted.key"',
    "'lit#key'",
    '"é 😀"',
    '"esc\\"q"',
    '""',
    "1",
]
GENERATED_SCALARS = [
    "1", "-0.5", "true", '"s#x"', "'lit'", '"""ml\n[[x]]\n#c"""', "'''ml2\n'''''",
    "1979-05-27 07:32:00Z", "2025-01-15", "07:32", "inf", "0x1F", '"a\\"b\\\\"', '""',
    '"""a"""""', '"\\e\\x41"',
]  # fmt: skip


class DocumentMaker:
    """Random TOML 1.1 documents: headers, arrays of tables, dotted and quoted keys,
    inline tables over several lines, comments everywhere, odd spacing."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def blank(self) -> str:
        return self.rng.choice(["", " ", "  ", "\t"])

    def comment(self) -> str:
        return self.rng.choice(["", "", " # c", "#c#", ' # [[x]] "q"'])

    def value(self, depth: int = 0) -> str:
        roll = self.rng.random()
        if depth > 3 or roll < 0.6:
            return self.rng.choice(GENERATED_SCALARS)
        if roll < 0.8:
            items = [self.value(depth + 1) for _ in range(self.rng.randint(0, 3))]
            separator = self.rng.choice([",", ", ", " ,\n  ", ", # c\n"])
            trailing = self.rng.choice(["", ","]) if items else ""
            return f"[{self.blank()}{separator.join(items)}{trailing}{self.blank()}]"
        keys = self.rng.sample(GENERATED_KEYS, self.rng.randint(0, 3))
        pairs = [f"{k}{self.blank()}={self.blank()}{self.value(depth + 1)}" for k in keys]
        separator = self.rng.choice([", ", ",\n  ", ", # c\n"])
        trailing = "," if "\n" in separator and pairs and self.rng.random() < 0.5 else ""
        return f"{{{self.blank()}{separator.join(pairs)}{trailing}{self.blank()}}}"

    def key_values(self) -> list[str]:
        lines, used = [], set()
        for _ in range(self.rng.randint(0, 4)):
            key = self.rng.choice(GENERATED_KEYS)
            if key in used:
                continue
            if self.rng.random() < 0.3:  # a dotted key: key.other = ...
                other = self.rng.choice(GENERATED_KEYS)
                if other == key or (key, other) in used:
                    continue
                used.add((key, other))
                key = f"{key}{self.blank()}.{self.blank()}{other}"
            else:
                if any(isinstance(u, tuple) and u[0] == key for u in used):
                    continue
                used.add(key)
            value = self.value()
            lines.append(f"{self.blank()}{key}{self.blank()}={self.blank()}{value}{self.comment()}")
        return lines

    def document(self) -> str:
        lines = self.key_values()
        names = ["env", "vpc_services", '"production-eu"', "a", "b"]
        for _ in range(self.rng.randint(0, 6)):
            key = ".".join(self.rng.choice(names) for _ in range(self.rng.randint(1, 3)))
            key = f"{self.blank()}{key}{self.blank()}"
            header = f"[[{key}]]" if self.rng.random() < 0.5 else f"[{key}]"
            lines.append(f"{self.blank()}{header}{self.comment()}")
            lines.extend(self.key_values())
        endings = ["\n", "\n", "\n\n", "# c\n"]
        text = "".join(line + self.rng.choice(endings) for line in lines)
        return text.replace("\n", "\r\n") if self.rng.random() < 0.3 else text


def test_generated_documents_have_matching_spans():
    maker = DocumentMaker(seed=7)
    problems, documents, checked = [], 0, 0
    for _ in range(1500):
        text = maker.document()
        try:
            tomli.loads(text)
        except tomli.TOMLDecodeError:
            continue  # the maker can write a table twice; tomli decides
        documents += 1
        parsed = parse_toml(text, wrangler=False)
        for path, node in walk(parsed.value):
            checked += 1
            problem = span_problem(text, parsed, path, node)
            if problem:
                problems.append(f"{text!r} {path}: {problem}")
        problems.extend(f"{text!r}: {p}" for p in comment_problems(text, parsed))
    assert problems[:3] == []
    assert documents >= 800 and checked >= 10_000


# -- the span checker --------------------------------------------------------------------------


def walk(value, path=()):
    if path:
        yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, (*path, index))


def span_problem(text: str, parsed: Parsed, path: tuple, node) -> str | None:
    span = parsed.spans.get(path)
    if span is None:
        return "no span"
    if not (0 <= span.key_start <= span.key_end <= len(text)):
        return "key range outside the text"
    if not (0 <= span.value_start < span.value_end <= len(text)):
        return "value range empty or outside the text"
    key_text = text[span.key_start : span.key_end]
    value_text = text[span.value_start : span.value_end]
    if value_text != value_text.strip(" \t\r\n") or key_text != key_text.strip(" \t\r\n"):
        return f"blanks at the edge of {key_text!r} or {value_text[:60]!r}"
    if same(reparse_value(value_text), node):
        if isinstance(path[-1], int):
            return None if span.key_start == span.key_end == span.value_start else "element key"
        return None if decode_key(key_text) == path[-1] else f"key {key_text!r}"
    names = header_names(value_text)
    if names is not None:
        return header_problem(span, path, names, key_text)
    if isinstance(node, dict) and (span.key_start, span.key_end) == (
        span.value_start,
        span.value_end,
    ):  # a table made by a dotted key: its key part
        return None if decode_key(key_text) == path[-1] else f"dotted key {key_text!r}"
    return f"value text {value_text[:60]!r} does not give {node!r:.60}"


def header_problem(span, path: tuple, names: list[str], key_text: str) -> str | None:
    """A [table] or [[array]] header: it names the table (or, implicitly, a super-table)."""
    names_in_path = [part for part in path if isinstance(part, str)]
    if names[: len(names_in_path)] != names_in_path:
        return f"header names {names}"
    if decode_key(key_text) != names_in_path[-1]:
        return f"header key {key_text!r}"
    if not (span.value_start < span.key_start < span.key_end < span.value_end):
        return "header key outside the header"
    return None


def comment_problems(text: str, parsed: Parsed) -> list[str]:
    """Each comment is `#` to the line end; blanking them all leaves the same value."""
    problems = []
    blanked = list(text)
    for comment in parsed.comments:
        written = text[comment.start : comment.end]
        if written != comment.text or not written.startswith("#") or "\n" in written:
            problems.append(f"comment {written!r}")
        if text[comment.end : comment.end + 1] not in ("", "\n", "\r"):
            problems.append(f"comment {written!r} stops before the line end")
        blanked[comment.start : comment.end] = " " * (comment.end - comment.start)
    if not same(tomli.loads("".join(blanked)), parsed.value):
        problems.append("blanking the comments changes the value")
    # every other `#` is inside a string: cutting the line there changes the document
    in_comments = {o for c in parsed.comments for o in range(c.start, c.end)}
    for offset in (o for o, char in enumerate(text) if char == "#" and o not in in_comments):
        line_end = text.find("\n", offset)
        line_end = len(text) if line_end == -1 else line_end
        try:
            cut = tomli.loads(text[:offset] + " " * (line_end - offset) + text[line_end:])
        except tomli.TOMLDecodeError:
            continue
        if same(cut, parsed.value):
            problems.append(f"comment not found at offset {offset}")
    return problems


def reparse_value(value_text: str):
    try:
        return tomli.loads("x = " + value_text)["x"]
    except tomli.TOMLDecodeError:
        return _NOTHING


def header_names(value_text: str) -> list[str] | None:
    """The key names of a header such as ``[[a."b c"]]``, or None if it is not one."""
    if not value_text.startswith("["):
        return None
    try:
        table = tomli.loads(value_text)
    except tomli.TOMLDecodeError:
        return None
    names = []
    while isinstance(table, (dict, list)) and table:
        if isinstance(table, list):
            table = table[-1]
            continue
        (name, table), *_ = table.items()
        names.append(name)
    return names


def decode_key(key_text: str):
    try:
        (key,) = tomli.loads(key_text + " = 1")
    except (tomli.TOMLDecodeError, ValueError):
        return _NOTHING
    return key


_NOTHING = object()


def same(a, b) -> bool:
    """Equal values of the same types (NaN equals NaN; 1 is not True)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b

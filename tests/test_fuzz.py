"""Fuzz tests: the parsers and the whole pipeline on generated and mutated documents.

Valid documents are built from random JSON-like values (biased towards the keys and
values wrangler configs and VPC Service payloads use) and rendered as TOML and as
JSONC with random comments, whitespace, CRLF line ends, key and string styles and
trailing commas. Mutated documents are those, the repository's fixtures and (when
../shared is present) the real configs of ../shared/corpus/real, truncated, with
bytes flipped, brackets dropped and comments or stray tokens inserted.

What must hold for every input:
- the parsers raise nothing but ParseError (and ``decode`` nothing but DecodeError);
- the pipeline (``lint_text``) raises nothing;
- every span lies inside the text and its path resolves in the parsed value;
- every finding's start and end lie inside the text's lines and columns, and its
  JSON pointer resolves in the parsed value, except for a missing field (the last
  token), which is reported at its nearest written ancestor (``Document.offsets``);
- a valid document parses to the value it was built from, and to what ``tomli`` or
  ``json`` make of it where those accept it.

CI runs VPCLINT_FUZZ_EXAMPLES examples per test (default 150, about a thousand in
all); raise it for a longer local campaign: ``VPCLINT_FUZZ_EXAMPLES=20000 pytest
tests/test_fuzz.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
from pathlib import Path

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vpclint.runner import lint_text, parse
from vpclint.source.jsonc import parse_jsonc
from vpclint.source.model import Parsed, ParseError
from vpclint.source.text import DecodeError, SourceText, decode, decode_lossy
from vpclint.source.toml import parse_toml

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = int(os.environ.get("VPCLINT_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# ---------------------------------------------------------------------------------------
# Values

WRANGLER_KEYS = [
    "vpc_services",
    "vpc_networks",
    "binding",
    "service_id",
    "remote",
    "tunnel_id",
    "network_id",
    "env",
    "previews",
    "name",
    "main",
    "kv_namespaces",
    "d1_databases",
    "services",
    "vars",
    "durable_objects",
    "bindings",
    "queues",
    "producers",
    "pages_build_output_dir",
    "assets",
    "ratelimits",
    "send_email",
    "tail_consumers",
    "compatibility_date",
    "$schema",
    "service",
    "service_ID",
    "id",
]
PAYLOAD_KEYS = [
    "name",
    "type",
    "host",
    "ipv4",
    "ipv6",
    "hostname",
    "network",
    "resolver_network",
    "tunnel_id",
    "resolver_ips",
    "http_port",
    "https_port",
    "tcp_port",
    "app_protocol",
    "tls_settings",
    "cert_verification_mode",
    "certificate_authority",
    "client_certificate",
    "created_at",
    "account_id",
]
INTERESTING_STRINGS = (
    "API",
    "DB_1",
    "my-binding",
    "",
    "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    "0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0",
    "00000000-0000-0000-0000-000000000000",
    "REPLACE_ME",
    "${VPC_ID}",
    "10.0.0.1",
    "::1",
    "db.internal",
    "https://db.internal:5432/x",
    "http",
    "tcp",
    "postgresql",
    "verify_full",
    "disabled",
    "staging",
    "\x1b[31mred\x1b[0m",
    "a%0A::error file=x::forged",
    "line\nbreak",
    "vpclint: ignore[VPC203]",
)
KEYS = st.one_of(st.sampled_from(WRANGLER_KEYS + PAYLOAD_KEYS), st.text(max_size=8))
NUMBERS = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
)
PLAIN_TEXT = st.one_of(st.sampled_from(INTERESTING_STRINGS), st.text(max_size=12))
# Lone surrogates are valid in JSON text (as \uD800 escapes) but not in TOML or UTF-8.
SURROGATE_TEXT = st.text(
    st.one_of(st.characters(), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)),
    max_size=6,
)
TOML_DATES = st.one_of(
    st.datetimes(),
    st.datetimes(timezones=st.just(dt.UTC)),
    st.dates(),
    st.times(),
)


def nested(scalars, keys=KEYS, leaves: int = 25):
    return st.recursive(
        scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(keys, children, max_size=5),
        ),
        max_leaves=leaves,
    )


COMMON_SCALARS = st.one_of(st.booleans(), NUMBERS, PLAIN_TEXT)
COMMON_VALUES = nested(COMMON_SCALARS)
JSON_VALUES = nested(st.one_of(st.none(), COMMON_SCALARS, SURROGATE_TEXT))
TOML_VALUES = nested(st.one_of(COMMON_SCALARS, TOML_DATES))

ENTRY_KEYS = st.sampled_from(
    ("binding", "service_id", "remote", "tunnel_id", "network_id", "service_ID", "service")
)
ENTRY_VALUES = st.one_of(st.sampled_from(INTERESTING_STRINGS), st.booleans(), st.integers(-1, 2))
VPC_ENTRIES = st.lists(
    st.one_of(st.dictionaries(ENTRY_KEYS, ENTRY_VALUES, max_size=4), ENTRY_VALUES),
    max_size=4,
)
NAMED_ENTRIES = st.lists(
    st.fixed_dictionaries({"binding": st.sampled_from(INTERESTING_STRINGS[:4])}), max_size=2
)
SCOPE = st.fixed_dictionaries(
    {},
    optional={
        "vpc_services": VPC_ENTRIES,
        "vpc_networks": VPC_ENTRIES,
        "kv_namespaces": NAMED_ENTRIES,
        "vars": st.dictionaries(st.sampled_from(INTERESTING_STRINGS[:4]), PLAIN_TEXT, max_size=2),
        "pages_build_output_dir": st.just("dist"),
    },
)
WRANGLER_CONFIGS = st.builds(
    lambda top, envs, previews: {**top, **({"env": envs} if envs else {}), **previews},
    SCOPE,
    st.dictionaries(st.sampled_from(("staging", "production", "")), SCOPE, max_size=2),
    st.one_of(st.just({}), st.builds(lambda scope: {"previews": scope}, SCOPE)),
)
HOSTS = st.dictionaries(
    st.sampled_from(("ipv4", "ipv6", "hostname", "network", "resolver_network", "port")),
    st.one_of(
        st.sampled_from(INTERESTING_STRINGS),
        st.fixed_dictionaries({"tunnel_id": st.sampled_from(INTERESTING_STRINGS)}),
    ),
    max_size=4,
)
PAYLOAD = st.dictionaries(
    st.sampled_from(PAYLOAD_KEYS),
    st.one_of(st.sampled_from(INTERESTING_STRINGS), st.integers(-1, 70000), st.none(), HOSTS),
    max_size=8,
)
PAYLOADS = st.one_of(PAYLOAD, st.lists(PAYLOAD, max_size=3))


def joined_pairs(text: str) -> str:
    """Text with each surrogate pair joined (JSON reads ``"\\ud800\\udc00"`` as one character)."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")


def canonical(value):
    """The value with booleans told apart from numbers (``True == 1`` in Python)."""
    if isinstance(value, str):
        return ("str", joined_pairs(value))
    if isinstance(value, bool) or value is None:
        return (type(value).__name__, value)
    if isinstance(value, int | float):
        return ("number", value)
    if isinstance(value, list):
        return ("list", [canonical(item) for item in value])
    if isinstance(value, dict):
        return ("dict", {joined_pairs(key): canonical(item) for key, item in value.items()})
    return (type(value).__name__, value)


# ---------------------------------------------------------------------------------------
# Rendering as TOML

BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n"}
TOML_ESCAPES |= {"\f": "\\f", "\r": "\\r", "\x1b": "\\e"}


COMMENTS = ("", " note", " vpclint: ignore[VPC203]", " vpclint: ignore", " é ✓ 🚀", " */ //")


def comment_text(rnd: random.Random) -> str:
    """Comment text: TOML and JSONC comments may hold any character but controls."""
    if rnd.random() < 0.8:
        return rnd.choice(COMMENTS)
    chars = (
        chr(rnd.choice((9, rnd.randrange(0x20, 0x7F), rnd.randrange(0xA0, 0x2FFFF))))
        for _ in range(5)
    )
    return "".join(c for c in chars if not 0xD800 <= ord(c) <= 0xDFFF)


def toml_basic(text: str, rnd: random.Random) -> str:
    out = []
    for char in text:
        if char in TOML_ESCAPES and (char in '"\\' or ord(char) < 0x20 or rnd.random() < 0.5):
            out.append(TOML_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(rnd.choice((f"\\u{ord(char):04x}", f"\\x{ord(char):02x}")))
        elif rnd.random() < 0.05:
            out.append(f"\\U{ord(char):08X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_string(text: str, rnd: random.Random) -> str:
    plain = all(c == "\t" or (ord(c) >= 0x20 and ord(c) != 0x7F) for c in text)
    style = rnd.random()
    if plain and "'" not in text and style < 0.25:
        return "'" + text + "'"
    if plain and "'" not in text and style < 0.35:
        return "'''" + text + "'''"
    if style < 0.5:
        escaped = toml_basic(text, rnd)[1:-1]
        return '"""' + rnd.choice(("", "\n", "\r\n")) + escaped + '"""'
    return toml_basic(text, rnd)


def toml_key(key: str, rnd: random.Random) -> str:
    if BARE_KEY.fullmatch(key) and rnd.random() < 0.85:
        return key
    plain = all(ord(c) >= 0x20 and ord(c) != 0x7F for c in key)
    if plain and "'" not in key and rnd.random() < 0.3:
        return "'" + key + "'"
    return toml_basic(key, rnd)


def toml_dotted(path: tuple[str, ...], rnd: random.Random) -> str:
    dot = rnd.choice((".", " . ", "\t.\t"))
    return dot.join(toml_key(part, rnd) for part in path)


def toml_integer(number: int, rnd: random.Random) -> str:
    style = rnd.random()
    if number >= 0 and style < 0.1:
        return "0x" + rnd.choice((format(number, "x"), format(number, "X")))
    if number >= 0 and style < 0.15:
        return "0o" + format(number, "o")
    if number >= 0 and style < 0.2:
        return "0b" + format(number, "b")
    digits = str(abs(number))
    if style < 0.3 and len(digits) > 1:
        cut = rnd.randrange(1, len(digits))
        digits = digits[:cut] + "_" + digits[cut:]
    sign = "-" if number < 0 else rnd.choice(("", "", "+"))
    return sign + digits


def toml_scalar(value, rnd: random.Random) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return toml_integer(value, rnd)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return toml_string(value, rnd)
    if isinstance(value, dt.datetime):
        text = value.isoformat(sep=rnd.choice("T "))
        return text.replace("+00:00", "Z") if rnd.random() < 0.5 else text
    return value.isoformat()  # date, time


def toml_space(rnd: random.Random) -> str:
    return rnd.choice(("", " ", "  ", "\t"))


def toml_inline(value, rnd: random.Random, newline: str) -> str:
    """An inline value; arrays and (TOML 1.1) inline tables may span lines."""
    if isinstance(value, list):
        items = [toml_inline(item, rnd, newline) for item in value]
        return "[" + toml_separated(items, rnd, newline) + "]"
    if isinstance(value, dict):
        items = [
            f"{toml_key(key, rnd)}{toml_space(rnd)}={toml_space(rnd)}{toml_inline(item, rnd, newline)}"
            for key, item in value.items()
        ]
        return "{" + toml_separated(items, rnd, newline) + "}"
    return toml_scalar(value, rnd)


def toml_separated(items: list[str], rnd: random.Random, newline: str) -> str:
    def gap() -> str:
        if rnd.random() < 0.15:
            return f"{toml_space(rnd)}#{comment_text(rnd)}{newline}"
        return rnd.choice(("", " ", newline, "\t"))

    text = "".join(gap() + item + gap() + "," for item in items)
    if items and rnd.random() < 0.7:
        text = text[:-1]  # no trailing comma
    return text + gap()


def scalar_only(value: dict) -> bool:
    return bool(value) and not any(isinstance(item, dict | list) for item in value.values())


def render_toml(document: dict, rnd: random.Random) -> str:
    newline = rnd.choice(("\n", "\r\n"))
    lines: list[str] = []

    def line(text: str) -> None:
        if rnd.random() < 0.1:
            lines.append(f"{toml_space(rnd)}#{comment_text(rnd)}")
        if rnd.random() < 0.1:
            lines.append(toml_space(rnd))
        trailer = f"{toml_space(rnd)} #{comment_text(rnd)}" if rnd.random() < 0.15 else ""
        lines.append(toml_space(rnd) + text + trailer)

    def table(path: tuple[str, ...], value: dict) -> None:
        later = []
        for key, item in value.items():
            choice = rnd.random()
            is_table_list = (
                isinstance(item, list) and item and all(isinstance(i, dict) for i in item)
            )
            if isinstance(item, dict) and choice < 0.4:
                later.append(("table", key, item))
            elif is_table_list and choice < 0.5:
                later.append(("array", key, item))
            elif isinstance(item, dict) and scalar_only(item) and choice < 0.6:
                for sub, subvalue in item.items():
                    dotted = toml_dotted((key, sub), rnd)
                    line(f"{dotted}{toml_space(rnd)}={toml_space(rnd)}{toml_scalar(subvalue, rnd)}")
            else:
                inline = toml_inline(item, rnd, newline)
                line(f"{toml_key(key, rnd)}{toml_space(rnd)}={toml_space(rnd)}{inline}")
        for how, key, item in later:
            header = toml_dotted((*path, key), rnd)
            if how == "table":
                line(f"[{toml_space(rnd)}{header}{toml_space(rnd)}]")
                table((*path, key), item)
            else:
                for element in item:
                    line(f"[[{toml_space(rnd)}{header}{toml_space(rnd)}]]")
                    table((*path, key), element)

    table((), document)
    return newline.join(lines) + rnd.choice(("", newline))


# ---------------------------------------------------------------------------------------
# Rendering as JSON / JSONC


def render_json(value, rnd: random.Random, *, comments: bool) -> str:
    """JSON text for ``value``; with ``comments``, JSONC with comments and trailing commas."""
    newline = rnd.choice(("\n", "\r\n"))

    def space() -> str:
        choice = rnd.random()
        if comments and choice < 0.08:
            return f"//{comment_text(rnd)}{newline}"
        if comments and choice < 0.14:
            return f"/*{comment_text(rnd).replace('*/', '')}{newline}*/"
        return rnd.choice(("", "", " ", newline, "\t", newline + "  "))

    def string(text: str) -> str:
        has_surrogate = any(0xD800 <= ord(c) <= 0xDFFF for c in text)
        return json.dumps(text, ensure_ascii=has_surrogate or rnd.random() < 0.3)

    def members(items: list[str], opening: str, closing: str) -> str:
        body = ",".join(space() + item + space() for item in items)
        if comments and items and rnd.random() < 0.3:
            body += "," + space()
        return opening + body + space() + closing

    def node(item) -> str:
        if isinstance(item, dict):
            pairs = [string(key) + space() + ":" + space() + node(sub) for key, sub in item.items()]
            return members(pairs, "{", "}")
        if isinstance(item, list):
            return members([node(sub) for sub in item], "[", "]")
        if isinstance(item, str):
            return string(item)
        return json.dumps(item)

    return space() + node(value) + space()


# ---------------------------------------------------------------------------------------
# Checks


def check_spans(text: str, parsed: Parsed) -> None:
    """Every span is inside the text and names a node of the value."""
    length = len(text)
    missing = object()
    for path, span in parsed.spans.items():
        assert 0 <= span.key_start <= span.key_end <= length, (path, span)
        assert 0 <= span.value_start <= span.value_end <= length, (path, span)
        assert resolve(parsed.value, path, missing) is not missing, (path, span)


def resolve(value, path, default=None):
    for part in path:
        if isinstance(value, dict) and isinstance(part, str) and part in value:
            value = value[part]
        elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            value = value[part]
        else:
            return default
    return value


def every_path(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from every_path(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from every_path(item, (*path, index))


def check_span_texts(text: str, parsed: Parsed, syntax: str) -> None:
    """For a valid document: every node has a span, and a scalar's span is its literal."""
    for path in every_path(parsed.value):
        if not path and syntax == "toml":
            continue  # a TOML document has no written root
        assert path in parsed.spans, path
        span = parsed.spans[path]
        node = resolve(parsed.value, path)
        written = text[span.value_start : span.value_end]
        if isinstance(node, dict | list) and syntax == "json":
            assert written[:1] + written[-1:] in ("{}", "[]"), (path, written)
        elif isinstance(node, dict | list):  # inline, a [header] line, or a dotted key
            assert written, path
        elif syntax == "json":
            assert canonical(parse_jsonc(written).value) == canonical(node), (path, written)
        else:
            assert canonical(tomli.loads("x = " + written)["x"]) == canonical(node), written
        key = text[span.key_start : span.key_end]
        if path and isinstance(path[-1], str):
            if syntax == "json":
                assert json.loads(key) == path[-1], (path, key)
            else:
                assert list(tomli.loads(key + " = 1")) == [path[-1]], (path, key)


def pointer_tokens(pointer: str) -> list[str]:
    assert pointer == "" or pointer.startswith("/"), pointer
    parts = pointer.split("/")[1:]
    return [part.replace("~1", "/").replace("~0", "~") for part in parts]


def resolve_pointer(value, tokens: list[str]) -> int:
    """How many tokens of a JSON pointer resolve in ``value``."""
    for count, token in enumerate(tokens):
        if isinstance(value, dict) and token in value:
            value = value[token]
        elif isinstance(value, list) and re.fullmatch(r"0|[1-9][0-9]*", token):
            if int(token) >= len(value):
                return count
            value = value[int(token)]
        else:
            return count
    return len(tokens)


def reference_text(data: bytes) -> str:
    """The text that finding positions count in (the runner's view of the bytes)."""
    try:
        return decode(data)
    except DecodeError:
        return decode_lossy(data)


def check_pipeline(data: str | bytes, name: str, kind: str | None = None) -> list:
    """Lint through the whole pipeline; every finding must be positioned inside the text."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    diagnostics = lint_text(data, name, kind)
    source = SourceText(reference_text(data))
    parsed = parse_for_pointers(source.text, name, kind)
    for diagnostic in diagnostics:
        ranges = [(diagnostic.start, diagnostic.end)]
        ranges += [(related.start, related.end) for related in diagnostic.related]
        for start, end in ranges:
            assert start <= end, diagnostic
            for position in (start, end):
                assert 1 <= position.line <= source.line_count, diagnostic
                width = len(source.line_text(position.line))
                assert 1 <= position.column <= width + 1, diagnostic
        tokens = pointer_tokens(diagnostic.pointer)
        if diagnostic.code in ("VPC001", "VPC002"):
            assert tokens == [], diagnostic
        else:
            assert parsed is not None, diagnostic
            resolved = resolve_pointer(parsed.value, tokens)
            assert resolved >= len(tokens) - 1, diagnostic  # only a missing field is unwritten
            start, end = source.offset(diagnostic.start), source.offset(diagnostic.end)
            if diagnostic.code == "VPC004":  # an unused suppression: in its comment
                assert any(c.start <= start <= end <= c.end for c in parsed.comments)
            elif diagnostic.code == "VPC005":  # the first comment or trailing comma
                firsts = [c.start for c in parsed.comments[:1]] + parsed.trailing_commas[:1]
                assert start == min(firsts), diagnostic
            else:
                check_anchor(diagnostic, source, parsed, tokens)
    return diagnostics


def check_anchor(diagnostic, source: SourceText, parsed: Parsed, tokens: list[str]) -> None:
    """A finding lies within the node its pointer names, or within the nearest written
    ancestor of a missing field (Document.offsets)."""
    path = pointer_path(parsed.value, tokens)
    while path not in parsed.spans and path:
        path = path[:-1]
    span = parsed.spans.get(path)
    if span is None:  # the root of a TOML document is not written anywhere
        return
    low = min(span.key_start, span.value_start)
    high = max(span.key_end, span.value_end)
    start, end = source.offset(diagnostic.start), source.offset(diagnostic.end)
    assert low <= start <= end <= max(high, low + 1), (diagnostic, path, span)


def pointer_path(value, tokens: list[str]) -> tuple:
    """The path tuple a pointer names: list indices as ints, object keys as strings."""
    path = []
    for token in tokens:
        is_index = isinstance(value, list) and re.fullmatch(r"0|[1-9][0-9]*", token)
        part = int(token) if is_index else token
        path.append(part)
        value = resolve(value, (part,))
    return tuple(path)


def parse_for_pointers(text: str, name: str, kind: str | None) -> Parsed | None:
    syntax = "toml" if name.endswith(".toml") and kind != "payload" else "json"
    try:
        return parse(text, syntax, kind or "wrangler")
    except ParseError:
        return None


def check_toml(text: str, expected=None) -> Parsed:
    # tomli is the reference here: wrangler's extra refusals are tested in test_toml_parser.py
    parsed = parse_toml(text, wrangler=False)
    check_spans(text, parsed)
    check_span_texts(text, parsed, "toml")
    assert canonical(parsed.value) == canonical(tomli.loads(text))
    if expected is not None:
        assert canonical(parsed.value) == canonical(expected)
    return parsed


def check_jsonc(text: str, expected) -> Parsed:
    parsed = parse_jsonc(text)
    check_spans(text, parsed)
    check_span_texts(text, parsed, "json")
    assert canonical(parsed.value) == canonical(expected)
    assert not parsed.duplicate_keys
    return parsed


# ---------------------------------------------------------------------------------------
# Valid documents

TOP_LEVEL = st.one_of(st.dictionaries(KEYS, COMMON_VALUES, max_size=6), WRANGLER_CONFIGS)


@FUZZ
@given(document=TOP_LEVEL, rnd=st.randoms(use_true_random=False))
def test_one_value_in_toml_and_jsonc_parses_to_that_value(document, rnd):
    toml_text = render_toml(document, rnd)
    jsonc_text = render_json(document, rnd, comments=True)
    check_toml(toml_text, document)
    check_jsonc(jsonc_text, document)
    check_pipeline(toml_text, "wrangler.toml")
    check_pipeline(jsonc_text, "wrangler.jsonc")


@FUZZ
@given(
    document=st.dictionaries(KEYS, TOML_VALUES, max_size=6), rnd=st.randoms(use_true_random=False)
)
def test_toml_with_dates_parses_like_tomli(document, rnd):
    text = render_toml(document, rnd)
    check_toml(text, document)
    check_pipeline(text, "wrangler.toml")


LINE_NUMBER = re.compile(r"line \d+")


@FUZZ
@given(value=st.one_of(JSON_VALUES, PAYLOADS), rnd=st.randoms(use_true_random=False))
def test_json_parses_like_json_and_a_jsonc_payload_gets_the_same_findings_plus_vpc005(value, rnd):
    strict_text = render_json(value, rnd, comments=False)
    assert canonical(json.loads(strict_text)) == canonical(value)
    strict = check_jsonc(strict_text, value)
    assert strict.comments == [] and strict.trailing_commas == []
    strict_findings = check_pipeline(strict_text, "service.json", kind="payload")
    assert "VPC005" not in [d.code for d in strict_findings]
    check_pipeline(strict_text, "wrangler.json")
    jsonc_text = render_json(value, rnd, comments=True)
    jsonc = check_jsonc(jsonc_text, value)
    check_pipeline(jsonc_text, "wrangler.jsonc")
    jsonc_findings = check_pipeline(jsonc_text, "service.json", kind="payload")
    non_strict = [d for d in jsonc_findings if d.code == "VPC005"]
    assert len(non_strict) <= (1 if jsonc.comments or jsonc.trailing_commas else 0)
    has_directives = "vpclint" in "".join(c.text for c in jsonc.comments).lower()
    if not has_directives:  # a `vpclint: ignore` comment may suppress VPC005 itself
        assert len(non_strict) == (1 if jsonc.comments or jsonc.trailing_commas else 0)
    if not has_directives and not any(d.code in ("VPC001", "VPC002") for d in strict_findings):
        # the same content, so the same findings (positions, and the line numbers messages
        # name, move with the comments)
        same = sorted((d.code, LINE_NUMBER.sub("line N", d.message)) for d in strict_findings)
        found = (d for d in jsonc_findings if d.code != "VPC005")
        assert sorted((d.code, LINE_NUMBER.sub("line N", d.message)) for d in found) == same


# ---------------------------------------------------------------------------------------
# Mutated documents

STRAY = (
    "//", "/*", "*/", "#", "\n", "\r", "\r\n", "[", "]", "{", "}", "[[", "]]", '"', "'",
    "'''", '"""', ",", "=", ":", "\\", "\\u", "\\x", ".", "-", "0x", "1e", "\t", "\x00",
    "\x1b[2J", "\x7f", "\u2028", "\ud800", "\ufeff", "é", "🚀", "true", "null", "nan", "inf",
    "1979-05-27T07:32:00", "# vpclint: ignore[VPC201]", "// vpclint: ignore",
)  # fmt: skip
BRACKETS = re.compile(r"[\[\]{}]")


@st.composite
def mutated(draw, texts):
    """``texts`` changed one to four times: cut, characters dropped or replaced, brackets
    dropped, stray tokens inserted, a slice repeated."""
    text = draw(texts)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        operation = draw(st.sampled_from(("cut", "drop", "replace", "bracket", "insert", "repeat")))
        if operation == "cut":
            text = text[:at]
        elif operation == "drop":
            text = text[:at] + text[at + 1 :]
        elif operation == "replace":
            text = text[:at] + draw(st.sampled_from(STRAY) | st.characters()) + text[at + 1 :]
        elif operation == "bracket":
            brackets = [match.start() for match in BRACKETS.finditer(text)]
            if brackets:
                where = draw(st.sampled_from(brackets))
                text = text[:where] + text[where + 1 :]
        elif operation == "insert":
            text = text[:at] + draw(st.sampled_from(STRAY)) + text[at:]
        else:
            end = draw(st.integers(at, min(len(text), at + 40)))
            text = text[:end] + text[at:end] + text[end:]
    return text


def fixture_texts(*suffixes: str) -> list[str]:
    found = sorted(
        path
        for folder in ("tests/cases", "examples")
        for path in (REPO / folder).rglob("*")
        if path.is_file() and path.suffix in suffixes
    )
    return [path.read_text(encoding="utf-8") for path in found]


TOML_FIXTURES = fixture_texts(".toml")
JSON_FIXTURES = fixture_texts(".json", ".jsonc")
RENDERED_TOML = st.builds(render_toml, TOP_LEVEL, st.randoms(use_true_random=False))
RENDERED_JSONC = st.builds(
    lambda value, rnd: render_json(value, rnd, comments=True),
    st.one_of(TOP_LEVEL, PAYLOADS),
    st.randoms(use_true_random=False),
)


def check_mutated_toml(text: str) -> None:
    try:
        expected = tomli.loads(text)
    except (tomli.TOMLDecodeError, RecursionError, ValueError):
        expected = None
    try:
        parsed = parse_toml(text, wrangler=False)
    except ParseError as error:
        assert expected is None, "vpclint refuses what tomli reads"
        assert 0 <= error.offset <= len(text)
        assert all(0 <= r.start <= r.end <= len(text) for r in error.related)
    else:
        assert expected is not None, "vpclint reads what tomli refuses"
        assert canonical(parsed.value) == canonical(expected)
        check_spans(text, parsed)
        check_span_texts(text, parsed, "toml")
    check_pipeline(text, "wrangler.toml")


def json_reference(text: str):
    """What Python's json makes of the text (NaN and Infinity refused), or None."""

    def refuse(constant):
        raise ValueError(constant)

    try:
        return ("ok", json.loads(text, parse_constant=refuse))
    except (ValueError, RecursionError):
        return None


def check_mutated_jsonc(text: str) -> None:
    reference = json_reference(text)
    try:
        loose = parse_jsonc(text)
    except ParseError as error:
        loose = None
        assert 0 <= error.offset <= len(text)
        assert all(0 <= r.start <= r.end <= len(text) for r in error.related)
    if reference is not None:  # strict JSON is JSONC, without comments or trailing commas
        assert loose is not None, "vpclint refuses valid JSON"
        assert canonical(loose.value) == canonical(reference[1])
        assert loose.comments == [] and loose.trailing_commas == []
    if loose is not None:
        check_spans(text, loose)
        check_span_texts(text, loose, "json")
    check_pipeline(text, "wrangler.jsonc")
    check_pipeline(text, "service.json", kind="payload")


@FUZZ
@given(text=mutated(st.one_of(RENDERED_TOML, st.sampled_from(TOML_FIXTURES))))
def test_mutated_toml_is_read_like_tomli_or_refused_with_a_position(text):
    check_mutated_toml(text)


@FUZZ
@given(text=mutated(st.one_of(RENDERED_JSONC, st.sampled_from(JSON_FIXTURES))))
def test_mutated_jsonc_is_read_like_json_or_refused_with_a_position(text):
    check_mutated_jsonc(text)


@st.composite
def flipped_bytes(draw, texts):
    data = bytearray(draw(texts).encode("utf-8"))
    for _ in range(draw(st.integers(1, 3))):
        if data:
            at = draw(st.integers(0, len(data) - 1))
            data[at] ^= draw(st.integers(1, 255))
    if draw(st.booleans()):
        data[0:0] = draw(st.sampled_from((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"")))
    return bytes(data)


@FUZZ
@given(
    data=flipped_bytes(st.sampled_from(TOML_FIXTURES + JSON_FIXTURES)),
    name=st.sampled_from(("wrangler.toml", "wrangler.jsonc", "wrangler.json")),
)
def test_flipped_bytes_are_a_finding_never_a_crash(data, name):
    try:
        text = decode(data)
    except DecodeError as error:
        assert error.message
    else:
        if name.endswith(".toml"):
            check_mutated_toml(text)
        else:
            check_mutated_jsonc(text)
    check_pipeline(data, name)


def test_the_fixtures_seed_the_mutation_fuzz():
    assert len(TOML_FIXTURES) >= 10 and len(JSON_FIXTURES) >= 5


# ---------------------------------------------------------------------------------------
# Real configs (../shared/corpus/real)


@pytest.fixture(scope="module")
def real_configs(shared_dir) -> list[tuple[str, str]]:
    folder = shared_dir / "corpus" / "real"
    configs = []
    for path in sorted(folder.glob("*")):
        if path.suffix in (".toml", ".json", ".jsonc"):
            try:
                configs.append((path.suffix, path.read_bytes().decode("utf-8")))
            except UnicodeDecodeError:
                continue
    if not configs:
        pytest.skip("../shared/corpus/real holds no configs")
    return configs


def test_mutated_real_configs(real_configs):
    @FUZZ
    @given(data=st.data())
    def run(data):
        suffix, text = data.draw(st.sampled_from(real_configs))
        changed = data.draw(mutated(st.just(text)))
        if suffix == ".toml":
            check_mutated_toml(changed)
        else:
            check_mutated_jsonc(changed)

    run()


def test_real_configs_parse_like_the_reference_parsers(real_configs):
    for suffix, text in real_configs:
        if suffix == ".toml":
            check_mutated_toml(text)
        else:
            check_mutated_jsonc(text)


def test_nan_and_infinity_are_refused_as_wrangler_does():
    for text in ("NaN", "[Infinity]", '{"a": -Infinity}'):
        with pytest.raises(ParseError):
            parse_jsonc(text)

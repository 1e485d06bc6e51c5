"""TOML: values from tomli, a span for every key and value, comments, and clear errors.

Spans are asserted as ``line:column`` ranges (1-based, code points, end exclusive),
which is what a finding shows, and the text inside each range is asserted too.
"""

from __future__ import annotations

import datetime
import random
import re

import pytest
import tomli

from vpclint.source import toml
from vpclint.source.model import Parsed, ParseError
from vpclint.source.text import SourceText
from vpclint.source.toml import _Scanner, parse_toml


def at(text: str, offset: int) -> str:
    position = SourceText(text).position(offset)
    return f"{position.line}:{position.column}"


def key_of(text: str, parsed: Parsed, path: tuple) -> tuple[str, str]:
    """(the key's line:column range, the key's text)."""
    span = parsed.spans[path]
    return (
        f"{at(text, span.key_start)}-{at(text, span.key_end)}",
        text[span.key_start : span.key_end],
    )


def value_of(text: str, parsed: Parsed, path: tuple) -> tuple[str, str]:
    """(the value's line:column range, the value's text)."""
    span = parsed.spans[path]
    return (
        f"{at(text, span.value_start)}-{at(text, span.value_end)}",
        text[span.value_start : span.value_end],
    )


def error_of(text: str) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse_toml(text)
    return caught.value


# -- plain keys and values ---------------------------------------------------------


def test_key_value_spans_and_value():
    text = 'name = "my-worker"\nworkers_dev = true\n'
    parsed = parse_toml(text)
    assert parsed.value == {"name": "my-worker", "workers_dev": True}
    assert key_of(text, parsed, ("name",)) == ("1:1-1:5", "name")
    assert value_of(text, parsed, ("name",)) == ("1:8-1:19", '"my-worker"')
    assert key_of(text, parsed, ("workers_dev",)) == ("2:1-2:12", "workers_dev")
    assert value_of(text, parsed, ("workers_dev",)) == ("2:15-2:19", "true")


def test_empty_and_comment_only_text():
    assert parse_toml("").value == {}
    parsed = parse_toml("# only a comment\n\n")
    assert parsed.value == {}
    assert parsed.spans == {}
    assert [c.text for c in parsed.comments] == ["# only a comment"]


def test_indented_key_and_spaces_around_equals():
    text = '[a]\n   service_id   =   "x"   # note\n'
    parsed = parse_toml(text)
    assert key_of(text, parsed, ("a", "service_id")) == ("2:4-2:14", "service_id")
    assert value_of(text, parsed, ("a", "service_id")) == ("2:21-2:24", '"x"')


# -- tables and arrays of tables ------------------------------------------------------


def test_table_header_span_is_the_header_and_key_is_its_last_part():
    text = 'name = "w"\n\n[vars]\nAPI = "x"\n'
    parsed = parse_toml(text)
    assert value_of(text, parsed, ("vars",)) == ("3:1-3:7", "[vars]")
    assert key_of(text, parsed, ("vars",)) == ("3:2-3:6", "vars")
    assert key_of(text, parsed, ("vars", "API")) == ("4:1-4:4", "API")


def test_arrays_of_tables():
    text = (
        "[[vpc_services]]\n"
        'binding = "A"\n'
        "\n"
        "[[vpc_services]]   # second\n"
        'binding = "B"\n'
        '  service_id = "0199"\n'
    )
    parsed = parse_toml(text)
    assert parsed.value == {
        "vpc_services": [{"binding": "A"}, {"binding": "B", "service_id": "0199"}]
    }
    # the array itself: its first header
    assert value_of(text, parsed, ("vpc_services",)) == ("1:1-1:17", "[[vpc_services]]")
    assert key_of(text, parsed, ("vpc_services",)) == ("1:3-1:15", "vpc_services")
    # each element: its own header
    assert value_of(text, parsed, ("vpc_services", 1)) == ("4:1-4:17", "[[vpc_services]]")
    assert key_of(text, parsed, ("vpc_services", 1)) == ("4:3-4:15", "vpc_services")
    assert value_of(text, parsed, ("vpc_services", 0, "binding")) == ("2:11-2:14", '"A"')
    assert value_of(text, parsed, ("vpc_services", 1, "binding")) == ("5:11-5:14", '"B"')
    assert key_of(text, parsed, ("vpc_services", 1, "service_id")) == ("6:3-6:13", "service_id")


def test_array_of_tables_under_an_environment():
    text = (
        "[env.staging]\n"
        'name = "s"\n'
        "[[env.staging.vpc_services]]\n"
        'binding = "A"\n'
        "[[env.staging.vpc_services]]\n"
        "binding = 42\n"
    )
    parsed = parse_toml(text)
    path = ("env", "staging", "vpc_services")
    assert value_of(text, parsed, path) == ("3:1-3:29", "[[env.staging.vpc_services]]")
    assert key_of(text, parsed, path) == ("3:15-3:27", "vpc_services")
    assert value_of(text, parsed, (*path, 1)) == ("5:1-5:29", "[[env.staging.vpc_services]]")
    assert value_of(text, parsed, (*path, 1, "binding")) == ("6:11-6:13", "42")
    assert value_of(text, parsed, ("env", "staging")) == ("1:1-1:14", "[env.staging]")


def test_nested_array_of_tables_restarts_for_each_parent_element():
    text = "[[a]]\n[[a.b]]\nx = 1\n[[a.b]]\nx = 2\n[[a]]\n[[a.b]]\nx = 3\n"
    parsed = parse_toml(text)
    assert parsed.value == {"a": [{"b": [{"x": 1}, {"x": 2}]}, {"b": [{"x": 3}]}]}
    assert value_of(text, parsed, ("a", 0, "b", 1, "x")) == ("5:5-5:6", "2")
    assert value_of(text, parsed, ("a", 1, "b", 0, "x")) == ("8:5-8:6", "3")
    assert value_of(text, parsed, ("a", 1, "b")) == ("7:1-7:8", "[[a.b]]")
    assert value_of(text, parsed, ("a", 1, "b", 0)) == ("7:1-7:8", "[[a.b]]")
    assert value_of(text, parsed, ("a", 0, "b")) == ("2:1-2:8", "[[a.b]]")
    assert ("a", 0, "b", 2) not in parsed.spans


def test_sub_table_of_the_last_array_element():
    text = "[[a]]\n[[a]]\n[a.c]\ny = 1\n"
    parsed = parse_toml(text)
    assert value_of(text, parsed, ("a", 1, "c", "y")) == ("4:5-4:6", "1")
    assert value_of(text, parsed, ("a", 1, "c")) == ("3:1-3:6", "[a.c]")


def test_implicit_super_table_points_at_its_first_mention():
    text = '[env.staging]\nname = "s"\n[env.dev]\nname = "d"\n'
    parsed = parse_toml(text)
    assert value_of(text, parsed, ("env",)) == ("1:1-1:14", "[env.staging]")
    assert key_of(text, parsed, ("env",)) == ("1:2-1:5", "env")


def test_explicit_header_after_implicit_table_takes_over():
    text = '[env.staging]\nname = "s"\n[env]\nx = 1\n'
    parsed = parse_toml(text)
    assert parsed.value == {"env": {"staging": {"name": "s"}, "x": 1}}
    assert value_of(text, parsed, ("env",)) == ("3:1-3:6", "[env]")
    assert key_of(text, parsed, ("env",)) == ("3:2-3:5", "env")


def test_header_with_spaces_inside_brackets():
    text = "[ a . b ]\nx = 1\n[[ c ]]\n"
    parsed = parse_toml(text)
    assert value_of(text, parsed, ("a", "b")) == ("1:1-1:10", "[ a . b ]")
    assert key_of(text, parsed, ("a", "b")) == ("1:7-1:8", "b")
    assert value_of(text, parsed, ("c", 0)) == ("3:1-3:8", "[[ c ]]")


# -- dotted and quoted keys ---------------------------------------------------------------


def test_dotted_keys_give_intermediate_tables_their_key_part():
    text = (
        "observability.enabled = true\n"
        "observability.head_sampling_rate = 0.5\n"
        "[env.dev]\n"
        'vars.LOG_LEVEL = "trace"\n'
    )
    parsed = parse_toml(text)
    assert value_of(text, parsed, ("observability",)) == ("1:1-1:14", "observability")
    assert key_of(text, parsed, ("observability",)) == ("1:1-1:14", "observability")
    path = ("observability", "head_sampling_rate")
    assert key_of(text, parsed, path) == ("2:15-2:33", "head_sampling_rate")
    assert value_of(text, parsed, path) == ("2:36-2:39", "0.5")
    assert value_of(text, parsed, ("env", "dev", "vars")) == ("4:1-4:5", "vars")
    assert key_of(text, parsed, ("env", "dev", "vars", "LOG_LEVEL")) == ("4:6-4:15", "LOG_LEVEL")
    assert value_of(text, parsed, ("env", "dev", "vars", "LOG_LEVEL")) == ("4:18-4:25", '"trace"')


def test_quoted_keys_are_single_parts():
    text = (
        '"quoted.key" = 1\n'
        "'literal.key' = 2\n"
        '[env."production-eu"]\n'
        'name = "eu"\n'
        '[env."with space".x]\n'
    )
    parsed = parse_toml(text)
    assert parsed.value["quoted.key"] == 1
    assert key_of(text, parsed, ("quoted.key",)) == ("1:1-1:13", '"quoted.key"')
    assert key_of(text, parsed, ("literal.key",)) == ("2:1-2:14", "'literal.key'")
    assert key_of(text, parsed, ("env", "production-eu")) == ("3:6-3:21", '"production-eu"')
    assert value_of(text, parsed, ("env", "production-eu")) == ("3:1-3:22", '[env."production-eu"]')
    assert key_of(text, parsed, ("env", "with space")) == ("5:6-5:18", '"with space"')


def test_escaped_keys_are_decoded():
    text = '"a\\u0041\\"b" = 1\n"\\\\" = 2\n'
    parsed = parse_toml(text)
    assert parsed.value == {'aA"b': 1, "\\": 2}
    assert key_of(text, parsed, ('aA"b',)) == ("1:1-1:13", '"a\\u0041\\"b"')
    assert key_of(text, parsed, ("\\",)) == ("2:1-2:5", '"\\\\"')


def test_empty_quoted_key():
    text = '"" = 1\n'
    parsed = parse_toml(text)
    assert key_of(text, parsed, ("",)) == ("1:1-1:3", '""')


# -- inline tables and arrays ----------------------------------------------------------------


def test_inline_table_spans():
    text = 'route = { pattern = "example.com/*", zone_name = "example.com" }\n'
    parsed = parse_toml(text)
    assert value_of(text, parsed, ("route",))[0] == "1:9-1:65"
    assert key_of(text, parsed, ("route", "zone_name")) == ("1:38-1:47", "zone_name")
    assert value_of(text, parsed, ("route", "zone_name")) == ("1:50-1:63", '"example.com"')


def test_multiline_inline_table_with_comments_and_trailing_comma():
    text = (
        "placement = {\n"
        '  mode = "smart", # where to run\n'
        "  # a whole-line comment\n"
        "  hint.region = 'eu',\n"
        "}\n"
        "after = 1\n"
    )
    parsed = parse_toml(text)
    assert parsed.value == {"placement": {"mode": "smart", "hint": {"region": "eu"}}, "after": 1}
    assert value_of(text, parsed, ("placement",)) == ("1:13-5:2", text[12:-11])
    assert value_of(text, parsed, ("placement", "mode")) == ("2:10-2:17", '"smart"')
    assert value_of(text, parsed, ("placement", "hint")) == ("4:3-4:7", "hint")
    assert value_of(text, parsed, ("placement", "hint", "region")) == ("4:17-4:21", "'eu'")
    assert value_of(text, parsed, ("after",)) == ("6:9-6:10", "1")
    assert [(at(text, c.start), c.text) for c in parsed.comments] == [
        ("2:19", "# where to run"),
        ("3:3", "# a whole-line comment"),
    ]


def test_array_elements_have_an_empty_key_at_their_start():
    text = 'flags = [\n  "nodejs_compat", # trailing comment\n  "global_fetch",\n]\n'
    parsed = parse_toml(text)
    span = parsed.spans[("flags", 1)]
    assert span.key_start == span.key_end == span.value_start
    assert value_of(text, parsed, ("flags", 0)) == ("2:3-2:18", '"nodejs_compat"')
    assert value_of(text, parsed, ("flags", 1)) == ("3:3-3:17", '"global_fetch"')
    assert value_of(text, parsed, ("flags",)) == ("1:9-4:2", text[8:-1])


def test_array_of_inline_tables_and_nested_arrays():
    text = (
        "bindings = [\n"
        '  { name = "COUNTER", class_name = "Counter" },\n'
        '  { name = "ROOM", class_name = "ChatRoom" },\n'
        "]\n"
        "matrix = [[1, 2], [3, [4]]]\n"
    )
    parsed = parse_toml(text)
    assert value_of(text, parsed, ("bindings", 1)) == (
        "3:3-3:45",
        '{ name = "ROOM", class_name = "ChatRoom" }',
    )
    assert key_of(text, parsed, ("bindings", 1, "class_name")) == ("3:20-3:30", "class_name")
    assert value_of(text, parsed, ("bindings", 1, "class_name")) == ("3:33-3:43", '"ChatRoom"')
    assert value_of(text, parsed, ("matrix", 1)) == ("5:19-5:27", "[3, [4]]")
    assert value_of(text, parsed, ("matrix", 1, 1, 0)) == ("5:24-5:25", "4")
    assert value_of(text, parsed, ("matrix", 0, 1)) == ("5:15-5:16", "2")


def test_empty_containers():
    text = "a = []\nb = {}\nc = [ ]\n"
    parsed = parse_toml(text)
    assert value_of(text, parsed, ("a",)) == ("1:5-1:7", "[]")
    assert value_of(text, parsed, ("b",)) == ("2:5-2:7", "{}")
    assert value_of(text, parsed, ("c",)) == ("3:5-3:8", "[ ]")


# -- strings and scalars ----------------------------------------------------------------------


def test_multiline_strings_hide_header_like_text_and_comments():
    text = (
        'description = """\n'
        "[[vpc_services]]\n"
        'binding = "FAKE"\n'
        '"""\n'
        "literal = '''\n"
        "[env.staging]\n"
        "# not a comment\n"
        "'''\n"
        "[[vpc_services]]\n"
        'binding = "REAL"\n'
    )
    parsed = parse_toml(text)
    assert parsed.value["vpc_services"] == [{"binding": "REAL"}]
    assert value_of(text, parsed, ("description",))[0] == "1:15-4:4"
    assert value_of(text, parsed, ("literal",))[0] == "5:11-8:4"
    assert value_of(text, parsed, ("vpc_services", 0)) == ("9:1-9:17", "[[vpc_services]]")
    assert value_of(text, parsed, ("vpc_services", 0, "binding")) == ("10:11-10:17", '"REAL"')
    assert parsed.comments == []
    assert ("env",) not in parsed.spans


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ('"""a"""', "a"),
        ('"""a""""', 'a"'),
        ('"""a"""""', 'a""'),
        ("'''a'''''", "a''"),
        ('""""""', ""),
        ('"""\\""""', '"'),
        ('"a\\"b"', 'a"b'),
        ('"a\\\\"', "a\\"),
        ("'C:\\path\\'", "C:\\path\\"),
        ('"# not a comment"', "# not a comment"),
    ],
)
def test_string_ends(written, value):
    text = f"s = {written} # c\nnext = 1\n"
    parsed = parse_toml(text)
    assert parsed.value["s"] == value
    assert value_of(text, parsed, ("s",))[1] == written
    assert value_of(text, parsed, ("next",)) == ("2:8-2:9", "1")
    assert [c.text for c in parsed.comments] == ["# c"]


def test_multiline_basic_string_with_escaped_quotes_and_line_ending_backslash():
    text = 's = """one \\"""\\\n   two"""\nt = 2\n'
    parsed = parse_toml(text)
    assert parsed.value["s"] == 'one """two'
    assert value_of(text, parsed, ("s",))[0] == "1:5-2:10"
    assert value_of(text, parsed, ("t",)) == ("3:5-3:6", "2")


def test_date_times_with_a_space_and_other_scalars():
    text = (
        "odt = 1979-05-27 07:32:00Z   # with a space\n"
        "ld = 2025-01-15\n"
        "lt = 07:32\n"
        "dates = [1979-05-27 07:32:00, 2025-01-15]\n"
        "f = -inf\n"
        "h = 0xDEAD_BEEF\n"
    )
    parsed = parse_toml(text)
    assert parsed.value["ld"] == datetime.date(2025, 1, 15)
    assert parsed.value["lt"] == datetime.time(7, 32)
    assert value_of(text, parsed, ("odt",)) == ("1:7-1:27", "1979-05-27 07:32:00Z")
    assert value_of(text, parsed, ("dates", 0)) == ("4:10-4:29", "1979-05-27 07:32:00")
    assert value_of(text, parsed, ("dates", 1)) == ("4:31-4:41", "2025-01-15")
    assert value_of(text, parsed, ("f",)) == ("5:5-5:9", "-inf")
    assert value_of(text, parsed, ("h",)) == ("6:5-6:16", "0xDEAD_BEEF")


def test_non_ascii_before_a_span_counts_code_points():
    text = 'note = "héllo 😀 wörld" ; x = 1\n'.replace(" ; ", "\n")
    parsed = parse_toml(text)
    assert value_of(text, parsed, ("note",)) == ("1:8-1:23", '"héllo 😀 wörld"')
    text = 'v = { "ключ" = "значение", b = 2 }\n'
    parsed = parse_toml(text)
    assert key_of(text, parsed, ("v", "b")) == ("1:28-1:29", "b")
    assert value_of(text, parsed, ("v", "b")) == ("1:32-1:33", "2")


# -- line endings and comments ------------------------------------------------------------------

SAMPLE = (
    "# top comment\n"
    'name = "w"  # name\n'
    "[[vpc_services]]\n"
    'binding = "A" # binding\n'
    "flags = [\n"
    "  1, # one\n"
    "  2,\n"
    "]\n"
    'text = """\n'
    "# inside a string\n"
    '"""\n'
    "# last"
)


def test_comments_are_collected_without_the_line_break():
    parsed = parse_toml(SAMPLE)
    found = [(at(SAMPLE, c.start), at(SAMPLE, c.end), c.text) for c in parsed.comments]
    assert found == [
        ("1:1", "1:14", "# top comment"),
        ("2:13", "2:19", "# name"),
        ("4:15", "4:24", "# binding"),
        ("6:6", "6:11", "# one"),
        ("12:1", "12:7", "# last"),
    ]
    for comment in parsed.comments:
        assert SAMPLE[comment.start : comment.end] == comment.text


def test_crlf_gives_the_same_positions_as_lf():
    crlf = SAMPLE.replace("\n", "\r\n")
    lf_parsed, crlf_parsed = parse_toml(SAMPLE), parse_toml(crlf)
    assert crlf_parsed.value == lf_parsed.value
    assert crlf_parsed.spans.keys() == lf_parsed.spans.keys()
    for path in lf_parsed.spans:
        assert key_of(crlf, crlf_parsed, path)[0] == key_of(SAMPLE, lf_parsed, path)[0]
        assert value_of(crlf, crlf_parsed, path)[0] == value_of(SAMPLE, lf_parsed, path)[0]
    crlf_comments = [(at(crlf, c.start), at(crlf, c.end), c.text) for c in crlf_parsed.comments]
    lf_comments = [(at(SAMPLE, c.start), at(SAMPLE, c.end), c.text) for c in lf_parsed.comments]
    assert crlf_comments == lf_comments
    assert all("\r" not in c.text for c in crlf_parsed.comments)
    assert value_of(crlf, crlf_parsed, ("vpc_services", 0, "binding")) == ("4:11-4:14", '"A"')


# -- a key or table defined twice -----------------------------------------------------------------


def test_duplicate_key_points_at_the_second_and_names_the_first():
    text = 'name = "a"\nmain = "x"\nname = "b"\n'
    error = error_of(text)
    assert error.message.startswith("`name` is defined twice; the first definition is on line 1")
    assert (at(text, error.offset), at(text, error.end)) == ("3:1", "3:5")
    (related,) = error.related
    assert related.message == "first defined here"
    assert (at(text, related.start), at(text, related.end)) == ("1:1", "1:5")


def test_duplicate_key_with_crlf_line_endings():
    text = 'x = 1\r\n\r\n[a]\r\nname = "a"\r\nname = "b"\r\n'
    error = error_of(text)
    assert "`a.name` is defined twice; the first definition is on line 4" in error.message
    assert (at(text, error.offset), at(text, error.end)) == ("5:1", "5:5")
    assert at(text, error.related[0].start) == "4:1"


def test_duplicate_key_inside_one_array_of_tables_element():
    text = '[[vpc_services]]\nbinding = "A"\n[[vpc_services]]\nbinding = "B"\nbinding = "C"\n'
    error = error_of(text)
    assert "`vpc_services.binding` is defined twice; the first definition is on line 4" in (
        error.message
    )
    assert at(text, error.offset) == "5:1"
    assert at(text, error.related[0].start) == "4:1"


def test_table_declared_twice():
    text = '[vars]\nA = "1"\n\n[vars]\nB = "2"\n'
    error = error_of(text)
    assert error.message == (
        "`vars` is defined twice; the first definition is on line 1; "
        "put all its keys under one [vars] header"
    )
    assert (at(text, error.offset), at(text, error.end)) == ("4:2", "4:6")
    assert (at(text, error.related[0].start), at(text, error.related[0].end)) == ("1:2", "1:6")


def test_table_then_array_of_tables():
    text = "[vpc_services]\n\n[[vpc_services]]\n"
    error = error_of(text)
    assert "`vpc_services` is defined twice" in error.message
    assert "both a table and an array of tables" in error.message
    assert at(text, error.offset) == "3:3"
    assert at(text, error.related[0].start) == "1:2"


def test_dotted_key_table_then_header():
    text = "observability.enabled = true\n[observability]\n"
    error = error_of(text)
    assert "`observability` is defined twice; the first definition is on line 1" in error.message
    assert "dotted keys" in error.message
    assert at(text, error.offset) == "2:2"
    assert at(text, error.related[0].start) == "1:1"


def test_extending_an_inline_table():
    text = 'route = { pattern = "a" }\nroute.zone_name = "b"\n'
    error = error_of(text)
    assert error.message.startswith(
        "`route` is already defined on line 1 as an inline table, so `route.zone_name` "
        "cannot add to it"
    )
    assert "inside its braces" in error.message
    assert (at(text, error.offset), at(text, error.end)) == ("2:1", "2:6")
    assert at(text, error.related[0].start) == "1:1"


def test_array_value_then_array_of_tables_header():
    text = 'vpc_services = [{ binding = "A" }]\n[[vpc_services]]\n'
    error = error_of(text)
    assert "`vpc_services` is defined twice" in error.message
    assert "cannot also have a [[vpc_services]] header" in error.message
    assert at(text, error.offset) == "2:3"


def test_duplicate_in_an_inline_table_names_the_quoted_key():
    text = '[env."production eu"]\nroute = { a = 1, a = 2 }\n'
    error = error_of(text)
    assert '`env."production eu".route.a` is defined twice' in error.message
    assert (at(text, error.offset), at(text, error.related[0].start)) == ("2:18", "2:11")


def test_duplicate_after_non_ascii_text():
    text = 'note = "ünïcödé 😀"\nnote = 2\n'
    error = error_of(text)
    assert at(text, error.offset) == "2:1"
    assert (at(text, error.related[0].start), at(text, error.related[0].end)) == ("1:1", "1:5")


# -- syntax errors -----------------------------------------------------------------------------


def test_syntax_error_messages_carry_no_position_suffix():
    for text in ["a = 1 b = 2\n", "[a\n", "x = [1 2]\n", "= 1\n"]:
        error = error_of(text)
        assert "(at line" not in error.message and "end of document" not in error.message
        assert 0 <= error.offset <= len(text)


@pytest.mark.parametrize("line_break", ["\n", "\r\n"])
def test_string_not_closed_on_its_line_is_reported_as_the_whole_string(line_break):
    text = '[[vpc_services]]\nbinding = "API"\nservice_id = "0199295b\nremote = true\n'
    text = text.replace("\n", line_break)
    error = error_of(text)
    assert "string is not closed before the end of the line" in error.message
    assert (at(text, error.offset), at(text, error.end)) == ("3:14", "3:23")


def test_literal_string_not_closed_on_its_line():
    text = "a = 'open\nb = 'x'\n"
    error = error_of(text)
    assert "string is not closed before the end of the line" in error.message
    assert (at(text, error.offset), at(text, error.end)) == ("1:5", "1:10")


def test_unclosed_literal_string_is_reported_at_its_opening_quote():
    text = "a = 1\nb = 'open\nc = 2\n"
    error = error_of(text)
    assert error.message == "this string is not closed; add the closing '"
    assert (at(text, error.offset), at(text, error.end)) == ("2:5", "2:10")


def test_unclosed_multiline_string_is_reported_at_its_opening_quotes():
    text = 'a = 1\ndescription = """\nsome text\n'
    error = error_of(text)
    assert error.message == 'this string is not closed; add the closing """'
    assert at(text, error.offset) == "2:15"


def test_unquoted_text_value_gets_a_hint():
    text = "name = my-worker\n"
    error = error_of(text)
    assert error.message == 'invalid value `my-worker`; write text in quotes: "my-worker"'
    assert (at(text, error.offset), at(text, error.end)) == ("1:8", "1:17")


def test_capitalised_boolean_gets_a_hint():
    error = error_of("remote = True\n")
    assert "booleans are written `true` or `false`" in error.message


def test_colon_instead_of_equals():
    text = 'name: "x"\n'
    error = error_of(text)
    assert "TOML uses `=`, not `:`" in error.message
    assert at(text, error.offset) == "1:5"


def test_syntax_error_position_after_crlf_lines():
    text = "a = 1\r\nb = 2\r\nc = 3 d\r\n"
    error = error_of(text)
    assert "expected the end of the line" in error.message
    assert at(text, error.offset) == "3:7"
    assert text[error.offset] == "d"


def test_lone_carriage_return_is_explained():
    text = "a = 1\rb = 2\n"
    error = error_of(text)
    assert "carriage return" in error.message
    assert error.offset == 5


def test_control_character_is_named():
    text = 'a = "x\x01y"\n'
    error = error_of(text)
    assert "U+0001" in error.message
    assert error.offset == 6


def test_toml_1_1_syntax_is_accepted():
    parsed = parse_toml('a = "\\e\\x41"\nb = 10:30\nc = {\n  x = 1,\n}\n')
    assert parsed.value["a"] == "\x1bA"
    assert parsed.value["b"] == datetime.time(10, 30)


# -- valid TOML that wrangler's parser (smol-toml 1.9.0) refuses ---------------------------------


@pytest.mark.parametrize(
    ("written", "start", "end"),
    [
        ("9007199254740992", 4, 20),
        ("-9007199254740992", 4, 21),
        ("9223372036854775807", 4, 23),
        ("0x20000000000000", 4, 20),
        ("9_007_199_254_740_992", 4, 25),
    ],
)
def test_integer_beyond_2_53_is_refused_as_wrangler_refuses_it(written, start, end):
    error = error_of(f"a = {written}\n")
    assert "wrangler cannot read this integer" in error.message
    assert "2^53 - 1" in error.message
    assert (error.offset, error.end) == (start, end)


def test_largest_safe_integers_and_big_floats_are_accepted():
    parsed = parse_toml("a = 9007199254740991\nb = -9007199254740991\nc = 1e300\n")
    assert parsed.value == {"a": 2**53 - 1, "b": -(2**53 - 1), "c": 1e300}


def test_first_unsafe_integer_in_the_text_is_reported():
    text = "[t]\nx = [1, 2, 99999999999999999]\n[[u]]\ny = 88888888888888888\n"
    error = error_of(text)
    assert SourceText(text).position(error.offset) == (2, 12)
    assert "99999999999999999" in error.message


def test_dotted_key_adding_to_a_table_a_header_created_is_refused():
    text = "[a.b.c]\nx = 1\n[a]\nb.d = 1\n"
    error = error_of(text)
    assert error.message.startswith(
        "wrangler's TOML parser refuses a dotted key that adds to `a.b`, a table created "
        "by the header on line 1"
    )
    assert "[a.b] header" in error.message
    assert SourceText(text).position(error.offset) == (4, 1)
    assert error.end == error.offset + 1
    assert [(r.message, r.start, r.end) for r in error.related] == [
        ("`a.b` is created by this header", 0, 7)
    ]


def test_dotted_keys_that_wrangler_accepts_stay_accepted():
    # a table created by dotted keys, by an [[array]] header prefix, or a new one
    for text in (
        "[a]\nb.c = 1\nb.d = 2\n",
        "[[a.b.c]]\n[a]\nb.x = 1\n",
        "[a.b.c]\n[a.b]\nd.e = 1\n",
        "[a.b.c]\n[a]\nx.y = 1\n",
    ):
        parse_toml(text)


def test_wrangler_false_reads_plain_toml_1_1():
    text = "a = 9223372036854775807\n[x.y.z]\n[x]\ny.w = 1\n"
    assert parse_toml(text, wrangler=False).value == {
        "a": 2**63 - 1,
        "x": {"y": {"z": {}, "w": 1}},
    }


# -- hostile input ------------------------------------------------------------------------------


@pytest.mark.parametrize("opener", ["[", "{b="])
def test_deep_nesting_is_a_parse_error(opener):
    text = "a = " + opener * 100_000
    error = error_of(text)
    assert error.message.startswith("nesting too deep")
    # the first value nested more than 400 levels deep
    assert error.offset == 4 + 401 * len(opener)


def test_nesting_up_to_the_limit_is_accepted_with_spans():
    text = "a = " + "[" * 400 + "]" * 400 + "\n"
    parsed = parse_toml(text)
    deepest = ("a",) + (0,) * 399
    assert value_of(text, parsed, deepest) == ("1:404-1:406", "[]")


def test_key_with_too_many_parts_is_a_parse_error():
    text = "x = 1\n" + "a" + ".a" * 100_000 + " = 1\n"
    error = error_of(text)
    assert "dotted parts" in error.message
    assert error.offset == 6


def test_integer_with_too_many_digits_is_a_parse_error():
    text = "a = 1\nb = " + "1" * 5000 + "\n"
    error = error_of(text)
    assert "more than 4300 digits" in error.message
    assert (error.offset, error.end) == (10, 5010)


def test_many_tables_and_a_long_string():
    text = "".join(f"[t{i}]\nx = {i}\n" for i in range(20_000))
    text += 's = "' + 'a\\"' * 300_000 + '"\n'
    parsed = parse_toml(text)
    assert len(parsed.value) == 20_000
    assert value_of(text, parsed, ("t19999", "x")) == ("40000:5-40000:10", "19999")
    span = parsed.spans[("t19999", "s")]
    assert (span.value_end - span.value_start) == 900_002


MUTATION_PIECES = ['"', "'", '"""', "'''", "[", "]", "[[", "]]", "{", "}", "=", ".", ",", "#",
                   "\n", "\r", "\\", " ", "a", "1", "-", ":"]  # fmt: skip


def test_scanner_never_raises_and_parse_raises_only_parse_error():
    """Random edits of a realistic file: the scanner must survive any text."""
    source = (
        SAMPLE + "\n[env.x]\nroute = { a = [1, {b = 2}], c.d = 'x' }\nt = 1979-05-27 07:32:00Z\n"
    )
    rng = random.Random(20260101)
    for _ in range(3000):
        chars = list(source)
        for _ in range(rng.randint(1, 6)):
            index = rng.randrange(len(chars) + 1)
            roll = rng.random()
            if roll < 0.45:
                chars.insert(index, rng.choice(MUTATION_PIECES))
            elif roll < 0.75 and index < len(chars):
                del chars[index]
            elif index < len(chars):
                chars[index] = rng.choice(MUTATION_PIECES)
        text = "".join(chars)
        for stop_after in (None, rng.randrange(len(text) + 1)):
            _Scanner(text, stop_after).run()  # must not raise (no safety net here)
        try:
            parse_toml(text)
        except ParseError as error:
            assert 0 <= error.offset <= len(text)
            assert error.end >= error.offset


def scanned(text: str, stop_after: int | None) -> tuple:
    scanner = _Scanner(text, stop_after)
    scanner.run()
    found = vars(scanner)  # what it found, less the text and where it saw a line end last
    return tuple(found[name] for name in sorted(found) if name not in ("text", "next_line_feed"))


def mutated(rng: random.Random, source: str) -> str:
    chars = list(source)
    for _ in range(rng.randint(1, 4)):
        index = rng.randrange(len(chars) + 1)
        if rng.random() < 0.6:
            chars.insert(index, rng.choice([*MUTATION_PIECES, "\t", "\x0c", "\xa0", "\r\n"]))
        elif index < len(chars):
            del chars[index]
    return "".join(chars)


def test_the_one_step_paths_scan_as_the_general_path(repo_dir, monkeypatch):
    """A plain `key = value` and a plain dotted key are read in one step; on every TOML
    fixture and random edits of them, the scanner ends in the state the general path
    (part by part, value by value) gives: spans, comments, kinds, conflicts, limits."""
    fixtures = [SAMPLE] + [path.read_text() for path in sorted(repo_dir.rglob("*.toml"))
                           if ".venv" not in path.parts]  # fmt: skip
    rng = random.Random(15)
    texts = [
        text for source in fixtures for text in (source, *(mutated(rng, source) for _ in range(15)))
    ]
    stops = [(text, stop) for text in texts for stop in (None, len(text) // 2)]
    fast = [scanned(text, stop) for text, stop in stops]
    monkeypatch.setattr(_Scanner, "PLAIN_STATEMENT", re.compile(r"(?!)"))  # never matches
    monkeypatch.setattr(_Scanner, "plain_key", lambda self: None)
    general = [scanned(text, stop) for text, stop in stops]
    assert len(stops) > 1000
    assert [i for i, (a, b) in enumerate(zip(fast, general, strict=True)) if a != b] == []


@pytest.mark.parametrize(
    ("value", "token"),
    [
        ("2024-13-45", "2024-13-45"),
        ("2024-02-30", "2024-02-30"),
        ("2024-01-01T25:00:00", "2024-01-01T25:00:00"),
        ("2024-01-01 07:61", "2024-01-01 07:61"),
        ("1979-05-27T07:32:00+25:00", "1979-05-27T07:32:00+25:00"),
        ("07:99", "07:99"),
        ("2024-1-01", "2024-1-01"),
        ("[2024-13-45]", "2024-13-45"),
        ("{ a = 2024-13-45 }", "2024-13-45"),
    ],
)
def test_invalid_date_is_reported_at_the_start_of_the_value(value: str, token: str):
    """tomli stops inside a bad date (`2024` of `2024-13-45`) and complains about what
    follows; the error names the date and points at its first character."""
    text = f'name = "w"\nservice_id = {value}\n'
    error = error_of(text)
    start = text.index(token)
    assert (error.offset, error.end) == (start, start + len(token))
    assert error.message.startswith(f"invalid date or time `{token}`: a date is written")


def test_other_errors_after_a_value_are_not_dates():
    error = error_of("a = 12 3\n")
    assert error.message.startswith("expected the end of the line")
    assert error.offset == 7


@pytest.mark.parametrize(
    "text",
    [
        "a = { b = [1, { c = 0o400000000000000000 }] }\n",
        "a = [[1, 2], [3, 0b100000000000000000000000000000000000000000000000000000]]\n",
        'd = 2026-11-01T10:30:00.123456Z\ns = "99999999999999999"\n[[t]]\n[[t]]\nn = -9_007_199_254_740_992 # x\n',
        "x.y = 1\nx.z = 123456789012345678\n",
        '"quoted key" = 90071992547409920\n',
        "a = 1e300\nb = 123456789012345.5\nc = 12345678901234567\n",
    ],
)
def test_unsafe_integer_found_by_the_scanner_as_by_a_full_walk(text):
    import tomli

    from vpclint.source import toml

    scanner = toml._scan(text)
    value = tomli.loads(text)
    fast = toml._unsafe_integer_error(value, scanner)
    walked = toml._unsafe_integer_in_value(value, scanner)
    assert fast is not None and walked is not None
    assert (fast.message, fast.offset, fast.end) == (walked.message, walked.offset, walked.end)


# -- positions found on first use ----------------------------------------------------------------


def refused_when_scanned(text: str) -> ParseError | None:
    """What wrangler refuses in valid TOML, found by scanning every file (as before the
    scan was left for later)."""
    value = tomli.loads(text)
    return toml._refused_by_wrangler(text, value, toml._scan(text))


def refusable_texts(rng: random.Random) -> list[str]:
    """TOML that holds dotted keys after headers (bare, quoted, escaped, spaced, indented,
    CRLF) and integers near 2**53 in every base, with and without `_`."""
    parts = ["a", "b", "env", '"a"', "'b'", '"x\\"y"', '"a.b"', "'a=b'", '"#"', "c-d", "1"]
    numbers = [9007199254740991, 9007199254740992, 2**63 - 1, 12, 0]

    def key() -> str:
        dot = rng.choice([".", " . ", "\t.", ". "])
        return dot.join(rng.choice(parts) for _ in range(rng.randint(1, 3)))

    def number() -> str:
        value = rng.choice(numbers)
        base = rng.choice(["d", "x", "o", "b"])
        written = {"d": str, "x": hex, "o": oct, "b": bin}[base](value)
        if rng.random() < 0.3 and base == "d":
            written = f"{value:_}"
        return ("-" + written) if base == "d" and rng.random() < 0.2 else written

    def value() -> str:
        return rng.choice(
            [number(), f"[{number()}, 1]", f"{{ x.y = {number()} }}", '"9007199254740993"']
        )

    def refusable() -> str:  # a header implies `A.B`, then a dotted key adds to it
        a, b = rng.choice(parts), rng.choice(parts)
        dot = rng.choice([".", " . ", "\t."])
        indent = rng.choice(["", "  ", "\t"])
        return f"[{a}{dot}{b}.c]\nx = 1\n[{a}]\n{indent}{b}{dot}d = {value()}"

    texts = []
    while len(texts) < 1500:
        if rng.random() < 0.3:
            texts.append(refusable() + rng.choice(["\n", "\r\n", ""]))
            continue
        lines = []
        for _ in range(rng.randint(1, 6)):
            if rng.random() < 0.4:
                brackets = rng.choice([("[", "]"), ("[[", "]]")])
                lines.append(f"{brackets[0]}{key()}{brackets[1]}")
            else:
                lines.append(f"{rng.choice(['', '  ', chr(9)])}{key()} = {value()}")
        text = rng.choice(["\n", "\r\n"]).join(lines) + "\n"
        try:
            tomli.loads(text)
        except (tomli.TOMLDecodeError, RecursionError, ValueError):
            continue
        texts.append(text)
    return texts


def assert_refused_without_a_scan_as_with_one(texts: list[str]) -> int:
    """A file refused when scanned is never let through without a scan, and it is refused
    with the same error; a file let through has the spans a scan gives. How many of
    ``texts`` (the valid TOML among them) are refused."""
    refused = 0
    for text in texts:
        try:
            expected = refused_when_scanned(text)
        except (tomli.TOMLDecodeError, RecursionError, ValueError):
            continue
        if expected is None:
            assert parse_toml(text).spans == toml._scan(text).spans, text
            continue
        refused += 1
        got = error_of(text)
        assert (got.message, got.offset, got.end) == (
            expected.message,
            expected.offset,
            expected.end,
        )
    return refused


def test_a_file_is_refused_without_a_scan_exactly_as_with_one(repo_dir):
    """The scanner runs on a valid file only when a position is asked for, or when the
    text may hold what wrangler refuses: an unsafe integer or a dotted key. Checked on
    every TOML fixture and on generated texts."""
    fixtures = [path.read_text() for path in sorted(repo_dir.rglob("*.toml"))
                if ".venv" not in path.parts]  # fmt: skip
    generated = refusable_texts(random.Random(53))
    assert_refused_without_a_scan_as_with_one(fixtures)
    assert 300 < assert_refused_without_a_scan_as_with_one(generated) < len(generated) - 300


def test_toml_test_files_are_refused_without_a_scan_exactly_as_with_one(shared_dir):
    suite = shared_dir / "conformance" / "toml"
    texts = [path.read_text(encoding="utf-8") for path in sorted(suite.rglob("valid/**/*.toml"))]
    assert len(texts) > 200
    assert assert_refused_without_a_scan_as_with_one(texts) >= 1  # integer/long.toml


def test_a_clean_file_is_scanned_only_as_far_as_lookups_need():
    text = '[env.staging]\nname = "x" # note\nvars = { A = "1.2" }\n[[env.staging.vpc_services]]\n'
    parsed = parse_toml(text)
    spans = parsed.spans
    assert isinstance(spans, toml.ScannedSpans)
    assert spans.scanned is None
    assert ("env", "staging", "nothing") not in spans  # not in the value: no scan
    assert value_of(text, parsed, ("env", "staging", "name")) == ("2:8-2:11", '"x"')
    assert spans.scanned is None  # the rest is not scanned yet
    assert [c.text for c in parsed.comments] == ["# note"]
    assert spans.scanned == toml._scan(text).spans
    for dotted in ("a.b = 1\n", '[t]\n  "q" . r = 1\n', "x = 9007199254740992.0\ny = 2\n"):
        eager = "." in dotted.split("=")[0]
        assert isinstance(parse_toml(dotted).spans, dict) == eager, dotted


def lookups(rng: random.Random, full: dict) -> list[tuple]:
    """Every written path and, for each, a child that is not written, shuffled."""
    paths = list(full)
    paths += [(*path, "not-written") for path in full] + [(*path, 99) for path in full]
    paths += [(), ("not-written",)]
    rng.shuffle(paths)
    return paths


def assert_spans_on_demand_as_scanned_whole(texts: list[str]) -> int:
    """However lookups are ordered, a file's spans found as they are asked for are those
    a whole scan finds: the same span for every written path (the span of a table that
    a later header takes over included), no span for a path not written, and the same
    comments. How many of ``texts`` are valid TOML (and so checked)."""
    rng = random.Random(11)
    checked = 0
    for text in texts:
        try:
            value = tomli.loads(text)
        except (tomli.TOMLDecodeError, RecursionError, ValueError):
            continue
        whole = toml._scan(text)
        lazy = toml.ScannedSpans(text, value)
        for path in lookups(rng, whole.spans):
            assert lazy.get(path) == whole.spans.get(path), (text, path)
        assert dict(lazy) == whole.spans and lazy.comments() == whole.comments
        assert lazy.scanned == whole.spans
        checked += 1
    return checked


def test_spans_found_on_demand_are_the_spans_of_a_whole_scan(repo_dir):
    texts = [path.read_text() for path in sorted(repo_dir.rglob("*.toml"))
             if ".venv" not in path.parts]  # fmt: skip
    implied = ["[a.b.c]\n[a]\nx = 1\n[a.b]\ny = 2\n", "[a.b]\n[[c]]\n[a]\n", "[x.y]\n[x.z]\n[x]\n"]
    texts += implied + refusable_texts(random.Random(7))[:400]
    assert assert_spans_on_demand_as_scanned_whole(texts) > 300


def test_toml_test_spans_found_on_demand_are_the_spans_of_a_whole_scan(shared_dir):
    suite = shared_dir / "conformance" / "toml"
    texts = [path.read_text(encoding="utf-8") for path in sorted(suite.rglob("valid/**/*.toml"))]
    assert assert_spans_on_demand_as_scanned_whole(texts) > 200

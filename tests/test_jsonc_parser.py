"""The JSONC parser: values, exact spans, comments, duplicates, and every refusal."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vpclint.source.jsonc import MAX_NESTING, parse_jsonc
from vpclint.source.model import Comment, Parsed, ParseError, Span
from vpclint.source.text import SourceText, decode


def where(text: str, offset: int) -> str:
    position = SourceText(text).position(offset)
    return f"{position.line}:{position.column}"


def key_at(text: str, parsed: Parsed, path: tuple) -> tuple[str, str]:
    span = parsed.spans[path]
    return where(text, span.key_start), where(text, span.key_end)


def value_at(text: str, parsed: Parsed, path: tuple) -> tuple[str, str]:
    span = parsed.spans[path]
    return where(text, span.value_start), where(text, span.value_end)


def error_of(text: str, *, payload: bool = False) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse_jsonc(text, payload=payload)
    return caught.value


# ---------------------------------------------------------------- values and spans

CONFIG = """\
{
  "name": "my-worker", // the Worker
  "vpc_services": [
    { "binding": "API", "service_id": "0199..." },
    {
      "binding": "DB",
      "remote": true,
    },
  ],
  "limits": {"cpu_ms": 50, "ratio": 0.5, "off": null},
}
"""


def test_value_of_a_config_with_comments_and_trailing_commas():
    parsed = parse_jsonc(CONFIG)
    assert parsed.value == {
        "name": "my-worker",
        "vpc_services": [
            {"binding": "API", "service_id": "0199..."},
            {"binding": "DB", "remote": True},
        ],
        "limits": {"cpu_ms": 50, "ratio": 0.5, "off": None},
    }
    assert type(parsed.value["limits"]["cpu_ms"]) is int
    assert type(parsed.value["limits"]["ratio"]) is float


def test_spans_of_keys_and_values_by_line_and_column():
    parsed = parse_jsonc(CONFIG)
    assert key_at(CONFIG, parsed, ("name",)) == ("2:3", "2:9")
    assert value_at(CONFIG, parsed, ("name",)) == ("2:11", "2:22")
    assert key_at(CONFIG, parsed, ("vpc_services",)) == ("3:3", "3:17")
    assert value_at(CONFIG, parsed, ("vpc_services",)) == ("3:19", "9:4")
    assert value_at(CONFIG, parsed, ("vpc_services", 0)) == ("4:5", "4:50")
    assert key_at(CONFIG, parsed, ("vpc_services", 0, "service_id")) == ("4:25", "4:37")
    assert value_at(CONFIG, parsed, ("vpc_services", 0, "service_id")) == ("4:39", "4:48")
    assert value_at(CONFIG, parsed, ("vpc_services", 1)) == ("5:5", "8:6")
    assert value_at(CONFIG, parsed, ("vpc_services", 1, "remote")) == ("7:17", "7:21")
    assert value_at(CONFIG, parsed, ("limits", "ratio")) == ("10:37", "10:40")
    assert value_at(CONFIG, parsed, ("limits", "off")) == ("10:49", "10:53")


def test_array_elements_have_an_empty_key_range_at_the_value():
    text = '[10, "x", [], {}]'
    parsed = parse_jsonc(text)
    assert parsed.spans[(0,)] == Span(1, 1, 1, 3)
    assert parsed.spans[(1,)] == Span(5, 5, 5, 8)
    assert parsed.spans[(2,)] == Span(10, 10, 10, 12)
    assert parsed.spans[(3,)] == Span(14, 14, 14, 16)


def test_root_span_covers_the_value_without_surrounding_comments():
    text = '// head\n  {"a": 1}  /* tail */\n'
    parsed = parse_jsonc(text)
    assert parsed.spans[()] == Span(10, 10, 10, 18)
    assert set(parsed.spans) == {(), ("a",)}


def test_every_key_and_value_has_a_span():
    text = '{"a": {"b": [1, {"c": [true, false, null]}]}, "d": "e"}'
    parsed = parse_jsonc(text)
    assert set(parsed.spans) == {
        (),
        ("a",),
        ("a", "b"),
        ("a", "b", 0),
        ("a", "b", 1),
        ("a", "b", 1, "c"),
        ("a", "b", 1, "c", 0),
        ("a", "b", 1, "c", 1),
        ("a", "b", 1, "c", 2),
        ("d",),
    }


def test_keys_are_decoded_and_spans_cover_the_written_key():
    text = r'{"a\/b": 1, "\u00e9": 2, "q\"t": 3}'
    parsed = parse_jsonc(text)
    assert parsed.value == {"a/b": 1, "é": 2, 'q"t': 3}
    span = parsed.spans[("a/b",)]
    assert text[span.key_start : span.key_end] == r'"a\/b"'
    span = parsed.spans[('q"t',)]
    assert text[span.key_start : span.key_end] == r'"q\"t"'


def test_empty_containers_and_scalars_at_the_top_level():
    assert parse_jsonc("{}").value == {}
    assert parse_jsonc("[]").value == []
    assert parse_jsonc(' "just a string" ').value == "just a string"
    assert parse_jsonc("-12.5e1").value == -125.0
    parsed = parse_jsonc("\n true \n")
    assert parsed.value is True
    assert parsed.spans == {(): Span(2, 2, 2, 6)}


def test_numbers():
    parsed = parse_jsonc("[0, -0, 12, 1.5, 1e3, 2E-2, 1e400, 123456789012345678901234567890]")
    values = parsed.value
    assert values[:6] == [0, 0, 12, 1.5, 1000.0, 0.02]
    assert [type(value) for value in values[:6]] == [int, int, int, float, float, float]
    assert math.isinf(values[6])  # wrangler accepts 1e400 (JavaScript Infinity)
    assert values[7] == 123456789012345678901234567890


def test_strings_decode_escapes_and_surrogate_pairs():
    parsed = parse_jsonc(r'["\ud83d\ude00", "\n\t\"\\\/", "\u00e9", "😀"]')
    assert parsed.value == ["😀", '\n\t"\\/', "é", "😀"]


def test_lone_surrogate_escapes_are_accepted_as_wrangler_does():
    assert parse_jsonc(r'["\ud800", "\udc00x"]').value == ["\ud800", "\udc00x"]


def test_comment_markers_inside_strings_are_text():
    text = '{"url": "https://x/y//z", "glob": "src/**/*.ts", "a//b": "/* no */"}'
    parsed = parse_jsonc(text)
    assert parsed.value["url"] == "https://x/y//z"
    assert parsed.value["a//b"] == "/* no */"
    assert parsed.comments == []


# ---------------------------------------------------------------- comments


def test_block_comments_everywhere():
    text = '/*0*/{/*1*/"a"/*2*/:/*3*/1/*4*/,/*5*/"b"/*6*/:/*7*/[/*8*/2/*9*/,/*10*/3/*11*/]/*12*/}/*13*/'
    parsed = parse_jsonc(text)
    assert parsed.value == {"a": 1, "b": [2, 3]}
    assert [comment.text for comment in parsed.comments] == [f"/*{n}*/" for n in range(14)]
    assert parsed.spans[("a",)] == Span(11, 14, 25, 26)
    assert parsed.spans[("b", 1)] == Span(70, 70, 70, 71)
    assert text[70:71] == "3"


def test_line_comments_end_before_the_line_break():
    text = '// head\r\n{\r\n  "a": 1, // tail\r\n  // own line\n  "b": 2 //x\r}\n// end'
    parsed = parse_jsonc(text)
    assert parsed.value == {"a": 1, "b": 2}
    assert [comment.text for comment in parsed.comments] == [
        "// head",
        "// tail",
        "// own line",
        "//x",
        "// end",
    ]
    tail = parsed.comments[1]
    assert text[tail.start : tail.end] == "// tail"
    assert where(text, tail.start) == "3:11"
    assert parsed.comments[-1] == Comment(len(text) - 6, len(text), "// end")


def test_a_suppression_comment_is_recorded_with_its_position():
    text = '{\n  "service_id": "x" // vpclint: ignore[VPC206]\n}'
    parsed = parse_jsonc(text)
    (comment,) = parsed.comments
    assert comment.text == "// vpclint: ignore[VPC206]"
    assert where(text, comment.start) == "2:21"
    assert where(text, comment.end) == "2:47"


def test_multiline_block_comment_and_comment_without_space():
    text = '/* spans\n { "lines": [1,2,] } */\n{"a":1//x\n,"b":2}'
    parsed = parse_jsonc(text)
    assert parsed.value == {"a": 1, "b": 2}
    assert parsed.comments[0].text == '/* spans\n { "lines": [1,2,] } */'
    assert parsed.comments[1].text == "//x"


def test_comment_only_between_trailing_comma_and_closing():
    assert parse_jsonc('{"a": 1, /* c */ }').value == {"a": 1}
    assert parse_jsonc("[1, // c\n]").value == [1]


# ---------------------------------------------------------------- trailing commas


def test_trailing_commas_in_objects_and_arrays():
    text = '[1, [2, 3,], {"x": [],},]'
    parsed = parse_jsonc(text)
    assert parsed.value == [1, [2, 3], {"x": []}]
    assert parsed.spans[(1,)] == Span(4, 4, 4, 11)
    assert parsed.spans[(2, "x")] == Span(14, 17, 19, 21)
    assert parsed.trailing_commas == [9, 21, 23]
    assert [text[i] for i in parsed.trailing_commas] == [",", ",", ","]


def test_commas_between_members_are_not_trailing():
    assert parse_jsonc('{"a": [1, 2], "b": {"c": 3, "d": 4}}').trailing_commas == []


# ---------------------------------------------------------------- line breaks and encodings


def test_crlf_positions():
    text = '{\r\n  "a": 1,\r\n  "b": [\r\n    true\r\n  ]\r\n}\r\n'
    parsed = parse_jsonc(text)
    assert key_at(text, parsed, ("b",)) == ("3:3", "3:6")
    assert value_at(text, parsed, ("b",)) == ("3:8", "5:4")
    assert value_at(text, parsed, ("b", 0)) == ("4:5", "4:9")


def test_lone_cr_is_whitespace_and_a_line_break():
    text = '{\r  "a": 1,\r  "b": 2\r}'
    parsed = parse_jsonc(text)
    assert parsed.value == {"a": 1, "b": 2}
    assert value_at(text, parsed, ("b",)) == ("3:8", "3:9")


def test_positions_are_relative_to_the_text_after_the_bom():
    text = decode(b'\xef\xbb\xbf{"a": 1}')
    parsed = parse_jsonc(text)
    assert key_at(text, parsed, ("a",)) == ("1:2", "1:5")
    assert value_at(text, parsed, ("a",)) == ("1:7", "1:8")


def test_columns_count_code_points_after_non_ascii_and_astral_characters():
    text = '{"é": {"😀": [1, "ü"]}, "k": "𝄞 music", "z": 2}'
    parsed = parse_jsonc(text)
    assert parsed.value["k"] == "𝄞 music"
    assert key_at(text, parsed, ("é", "😀")) == ("1:8", "1:11")
    assert value_at(text, parsed, ("é", "😀")) == ("1:13", "1:21")
    assert value_at(text, parsed, ("é", "😀", 1)) == ("1:17", "1:20")
    assert value_at(text, parsed, ("k",)) == ("1:29", "1:38")
    assert key_at(text, parsed, ("z",)) == ("1:40", "1:43")


def test_tabs_count_as_one_column():
    text = '{\n\t"a":\t1\n}'
    parsed = parse_jsonc(text)
    assert value_at(text, parsed, ("a",)) == ("2:7", "2:8")


# ---------------------------------------------------------------- duplicate keys


def test_duplicate_key_keeps_the_last_value_and_both_spans():
    text = '{\n  "name": "a",\n  "main": "x",\n  "name": "b"\n}'
    parsed = parse_jsonc(text)
    assert parsed.value == {"name": "b", "main": "x"}
    (duplicate,) = parsed.duplicate_keys
    assert duplicate.path == ("name",)
    assert where(text, duplicate.first.key_start) == "2:3"
    assert where(text, duplicate.second.key_start) == "4:3"
    assert parsed.spans[("name",)] == duplicate.second


def test_duplicate_nested_key_has_its_full_path():
    text = '{"env": {"dev": {"x": 1, "x": 2}}}'
    parsed = parse_jsonc(text)
    (duplicate,) = parsed.duplicate_keys
    assert duplicate.path == ("env", "dev", "x")
    assert duplicate.first == Span(17, 20, 22, 23)
    assert duplicate.second == Span(25, 28, 30, 31)


def test_spans_inside_a_replaced_value_are_dropped():
    text = '{"env": {"x": {"k": 1}, "y": [1]}, "env": {"y": 2}}'
    parsed = parse_jsonc(text)
    assert parsed.value == {"env": {"y": 2}}
    assert set(parsed.spans) == {(), ("env",), ("env", "y")}
    assert parsed.spans[("env", "y")].value_start == text.rindex("2")


def test_three_times_the_same_key():
    parsed = parse_jsonc('{"a": 1, "a": [2], "a": 3}')
    assert parsed.value == {"a": 3}
    assert [dup.second.value_start for dup in parsed.duplicate_keys] == [14, 24]
    assert set(parsed.spans) == {(), ("a",)}


def test_same_key_in_different_objects_is_not_a_duplicate():
    parsed = parse_jsonc('[{"a": 1}, {"a": 2}]')
    assert parsed.duplicate_keys == []


# ---------------------------------------------------------------- refusals

REFUSALS = [
    # (text, offset, end, message fragment)
    ("{'a': 1}", 1, 4, "single quotes are not JSON: use double quotes"),
    ("{\"a\": 'b c'}", 6, 11, "single quotes are not JSON: use double quotes"),
    ("{a: 1}", 1, 2, 'unquoted keys are not allowed in JSON: write `"a"`'),
    ('{"a": 1, my-key: 2}', 9, 15, 'unquoted keys are not allowed in JSON: write `"my-key"`'),
    ('{"a": 0x1F}', 6, 10, "hexadecimal numbers are not JSON"),
    ('{"a": NaN}', 6, 9, "`NaN` is not JSON"),
    ('{"a": Infinity}', 6, 14, "`Infinity` is not JSON"),
    ('{"a": -Infinity}', 6, 15, "`-Infinity` is not JSON"),
    ('{"a": +1}', 6, 8, "a leading `+` is not allowed in JSON numbers: write `1`"),
    ('{"a": .5}', 6, 8, "a JSON number needs a digit before the `.`: write `0.5`"),
    ('{"a": 5.}', 6, 8, "a number cannot end with `.`"),
    ('{"a": 1.e3}', 6, 10, "a number cannot end with `.`"),
    ('{"a": 1e}', 6, 8, "the exponent of this number has no digits"),
    ('{"a": 01}', 6, 8, "JSON numbers cannot have leading zeros: write `1`"),
    ('{"a": "x\\\ny"}', 8, 10, "a backslash before a line break (a line continuation) is not JSON"),
    ('{"a": "\\x41"}', 7, 9, "invalid escape `\\x`"),
    ('{"a": "\\u12"}', 7, 11, "`\\u` takes exactly four hex digits"),
    (
        '{"a": "x\ty"}',
        8,
        9,
        "a raw control character (U+0009) is not allowed in a JSON string: write `\\t`",
    ),
    ('{"a": "x\ny"}', 6, 8, "a JSON string cannot span lines"),
    ('{"a": "open', 6, 11, 'the string is not closed: expected `"`'),
    ('{"a": "x\ty\n"}', 6, 10, "the string is not closed on its line"),
    ('["\\q', 1, 4, 'the string is not closed: expected `"`'),
    ('["a\\\r\nb"]', 3, 6, "(a line continuation) is not JSON"),
    ('["\\ud83d\\ude0"]', 8, 13, "`\\u` takes exactly four hex digits"),
    ('{"a": True}', 6, 10, "JSON literals are lowercase: write `true`"),
    ('{"a": tru}', 6, 9, "did you mean `true`?"),
    ('{"a": undefined}', 6, 15, "`undefined` is not JSON: write `null`"),
    ('{"a": hello}', 6, 11, 'strings must be in double quotes, `"hello"`'),
    ("# hash\n{}", 0, 6, "`#` does not start a comment in JSONC: use `//`"),
    ("[,]", 1, 2, "expected a value"),
    ("[1,,2]", 3, 4, "expected a value"),
    ("{,}", 1, 2, "expected a property name in double quotes or `}`, found `,`"),
    ('{"a": 1,,}', 8, 9, "expected a property name in double quotes or `}`, found `,`"),
    ('{"a" 1}', 5, 6, "expected `:` after the property name, found `1`"),
    ('{"a": }', 6, 7, "expected a value"),
    ('{"a": 1 "b": 2}', 8, 11, 'expected `,` or `}` after a property value, found `"b"`'),
    ("[1 2]", 3, 4, "expected `,` or `]` after an array element, found `2`"),
    ('{"a": [1, 2}', 11, 12, "expected `,` or `]` after an array element, found `}`"),
    ("{} {}", 3, 4, "expected the end of the file after the top-level value, found `{`"),
    ('{"a": 1} /', 9, 10, "found `/` (a comment starts with `//` or `/*`)"),
    ('{"a": 1} /* open', 9, 16, "the block comment is not closed: expected `*/`"),
    ('{"a": /* open 1}', 6, 16, "the block comment is not closed"),
    ("{\f}", 1, 2, "expected a property name"),
    ("[\u00a01]", 1, 3, "expected a value"),
]


@pytest.mark.parametrize(("text", "offset", "end", "message"), REFUSALS)
def test_refusals_say_what_is_wrong_and_where(text, offset, end, message):
    error = error_of(text)
    assert message in error.message
    assert (error.offset, error.end) == (offset, end)


@pytest.mark.parametrize(
    ("text", "what"),
    [("{", "object"), ('{"a": 1', "object"), ('{"a":', "object"), ("[", "array"), ("[1,", "array")],
)
def test_unclosed_containers_point_at_the_end_and_their_start(text, what):
    error = error_of(text)
    assert error.offset == len(text)
    assert f"the {what} is not closed" in error.message
    (related,) = error.related
    assert related.message == f"the {what} starts here"
    assert related.start == 0


def test_error_position_through_source_text():
    text = '{\n  "a": 1,\n  "b": \'x\'\n}'
    error = error_of(text)
    assert where(text, error.offset) == "3:8"
    assert where(text, error.end) == "3:11"


def test_empty_input():
    error = error_of("")
    assert error.message == "the file is empty: a JSON config needs at least `{}`"
    assert (error.offset, error.end) == (0, 0)


@pytest.mark.parametrize("text", [" ", "\n\n", "\r\n\t ", "// nothing\n", "/* a */ // b"])
def test_whitespace_or_comment_only_input(text):
    error = error_of(text)
    assert "a JSON config needs at least `{}`" in error.message
    assert error.offset == len(text)


def test_only_space_tab_and_line_breaks_are_whitespace():
    for space in ["\f", "\v", "\u00a0", "\u2028", "\ufeff"]:
        error = error_of(f"{space}{{}}")
        assert error.offset == 0


def test_parse_error_is_a_value_error_with_the_message():
    error = error_of("[1 2]")
    assert isinstance(error, ValueError)
    assert str(error) == error.message


# ---------------------------------------------------------------- payloads (VPC005 reads these)


@pytest.mark.parametrize(
    ("text", "value", "comments", "commas"),
    [
        ("// c\n{}", {}, [(0, 4)], []),
        ('{"a": 1 /* b */}', {"a": 1}, [(8, 15)], []),
        ("[1] // after", [1], [(4, 12)], []),
        ('{"a": 1,}', {"a": 1}, [], [7]),
        ('{"a": [1,] , // c\n}', {"a": [1]}, [(13, 17)], [8, 11]),
    ],
)
def test_comments_and_trailing_commas_are_recorded_where_they_are(text, value, comments, commas):
    parsed = parse_jsonc(text, payload=True)
    assert parsed.value == value
    assert [(c.start, c.end) for c in parsed.comments] == comments
    assert parsed.trailing_commas == commas


def test_empty_payload_says_what_a_payload_needs():
    assert "VPC Service payload" in error_of("", payload=True).message
    assert "VPC Service payload" in error_of("// only a comment\n", payload=True).message
    assert "JSON config" in error_of("").message


# ---------------------------------------------------------------- depth and size


def test_200000_levels_of_nesting_give_a_parse_error_not_a_recursion_error():
    error = error_of("[" * 200_000 + "]" * 200_000)
    assert f"nesting deeper than {MAX_NESTING} levels" in error.message
    assert error.offset == MAX_NESTING


def test_200000_unclosed_objects_give_a_parse_error():
    error = error_of('{"a":' * 200_000)
    assert "nesting deeper than" in error.message
    assert error.offset == 5 * MAX_NESTING


def test_nesting_up_to_the_limit_is_read():
    text = '{"a":' * (MAX_NESTING - 1) + "[7]" + "}" * (MAX_NESTING - 1)
    parsed = parse_jsonc(text)
    seven = text.index("7")
    deepest = ("a",) * (MAX_NESTING - 1) + (0,)
    assert parsed.spans[deepest] == Span(seven, seven, seven, seven + 1)
    assert parsed.spans[deepest[:-1]].value_start == seven - 1
    node = parsed.value
    for _ in range(MAX_NESTING - 1):
        node = node["a"]
    assert node == [7]


def test_a_long_string_and_a_long_array():
    long_string = "x" * 30_000_000
    parsed = parse_jsonc(f'{{"s": "{long_string}", "n": [{", ".join(["1"] * 20_000)}]}}')
    assert parsed.value["s"] == long_string
    assert len(parsed.value["n"]) == 20_000
    assert parsed.spans[("n", 19_999)].value_end == parsed.spans[("n",)].value_end - 1


def test_a_long_unterminated_string_is_reported_at_its_quote():
    error = error_of('["' + "x" * 1_000_000)
    assert error.offset == 1
    assert "not closed" in error.message


# ---------------------------------------------------------------- against Python's json

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=25,
)


def _walk(value, path=()):
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _walk(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _walk(child, (*path, index))


@settings(max_examples=300, deadline=None)
@given(value=json_values, indent=st.sampled_from([None, 0, 2, "\t"]), ascii=st.booleans())
def test_any_json_reads_like_json_loads_and_spans_hold_each_node(value, indent, ascii):
    text = json.dumps(value, indent=indent, ensure_ascii=ascii)
    parsed = parse_jsonc(text)
    assert parsed.value == json.loads(text)
    for path, node in _walk(parsed.value):
        span = parsed.spans[path]
        assert json.loads(text[span.value_start : span.value_end]) == node
        if path and isinstance(path[-1], str):
            assert json.loads(text[span.key_start : span.key_end]) == path[-1]
        else:
            assert span.key_start == span.key_end == span.value_start
    assert len(parsed.spans) == sum(1 for _ in _walk(parsed.value))

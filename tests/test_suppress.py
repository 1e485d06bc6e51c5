"""Inline suppression: `# vpclint: ignore[...]` (TOML), `// ...` and `/* ... */` (JSONC),
on the line or alone on the line above, bare `ignore`, and VPC004 for unused ones."""

from __future__ import annotations

import pytest

from vpclint.runner import lint_text
from vpclint.settings import DEFAULT_SETTINGS, Settings
from vpclint.source.model import Comment
from vpclint.source.text import SourceText
from vpclint.suppress import covered_line, parse_directive

UUID = "0199295b-b3ac-7760-8246-bca40877b3e9"


def findings(text: str, path: str = "wrangler.toml", settings: Settings = DEFAULT_SETTINGS):
    return [
        (d.code, d.start.line, d.start.column, d.end.line, d.end.column)
        for d in lint_text(text, path, settings=settings)
    ]


def messages(text: str, path: str = "wrangler.toml", settings: Settings = DEFAULT_SETTINGS):
    return [(d.code, d.message, d.fix) for d in lint_text(text, path, settings=settings)]


# The unsuppressed baseline: VPC203 at the header (line 1), VPC206 at the value (line 3).
TOML = '[[vpc_services]]\nbinding = "API"\nservice_id = "nope"\n'


def test_baseline_without_comments():
    assert findings(TOML) == [("VPC203", 1, 1, 1, 17), ("VPC206", 3, 14, 3, 20)]


# ---------------------------------------------------------------------------- TOML


def test_trailing_comment_suppresses_its_line():
    text = TOML.replace('"nope"', '"nope"  # vpclint: ignore[VPC206]')
    assert findings(text) == [("VPC203", 1, 1, 1, 17)]


def test_own_line_comment_suppresses_the_next_line():
    text = TOML.replace("service_id", "# vpclint: ignore[VPC206]\nservice_id")
    assert findings(text) == [("VPC203", 1, 1, 1, 17)]


def test_own_line_comment_does_not_reach_two_lines_down():
    text = TOML.replace("binding", "# vpclint: ignore[VPC206]\nbinding")
    assert findings(text) == [
        ("VPC203", 1, 1, 1, 17),
        ("VPC004", 2, 3, 2, 26),
        ("VPC206", 4, 14, 4, 20),
    ]


def test_comment_on_the_header_line_covers_findings_at_the_header():
    text = TOML.replace("[[vpc_services]]", "[[vpc_services]]  # vpclint: ignore[VPC203]")
    assert findings(text) == [("VPC206", 3, 14, 3, 20)]


def test_comment_above_the_header_covers_findings_at_the_header():
    text = "# vpclint: ignore[VPC203]\n" + TOML
    assert findings(text) == [("VPC206", 4, 14, 4, 20)]


def test_several_codes_in_one_comment():
    text = (
        'pages_build_output_dir = "dist"\n[[vpc_services]] # vpclint: ignore[VPC203, VPC209]\n'
        'binding = "API"\nservice_id = "0199295b-b3ac-7760-8246-bca40877b3e9"\n'
    )
    assert findings(text) == []


def test_bare_ignore_suppresses_every_code_on_its_line():
    text = (
        "[[vpc_services]]\n"
        'binding = "API"\n'
        'service_id = "nope"\n'
        "[[vpc_services]]\n"
        'binding = "API"  # vpclint: ignore\n'
        f'service_id = "{UUID}"\nremote = true\n'
    )
    assert findings(text) == [("VPC203", 1, 1, 1, 17), ("VPC206", 3, 14, 3, 20)]
    assert "VPC201" in [code for code, *_ in findings(text.replace("  # vpclint: ignore", ""))]


def test_directive_may_carry_an_explanation_and_follow_other_words():
    text = TOML.replace('"nope"', '"nope"  # vpclint: ignore[VPC206] -- filled in by CI')
    assert findings(text) == [("VPC203", 1, 1, 1, 17)]
    text = TOML.replace('"nope"', '"nope"  # filled in by CI # vpclint: ignore[VPC206]')
    assert findings(text) == [("VPC203", 1, 1, 1, 17)]


def test_a_hash_inside_a_string_is_not_a_comment():
    text = TOML.replace('"nope"', '"nope # vpclint: ignore[VPC206]"')
    assert [code for code, *_ in findings(text)] == ["VPC203", "VPC206"]


# ---------------------------------------------------------------------------- unused (VPC004)


def test_unused_suppression_is_vpc004_at_the_directive():
    text = 'name = "w"  # vpclint: ignore[VPC203]\n'
    assert findings(text) == [("VPC004", 1, 15, 1, 38)]
    [(code, message, fix)] = messages(text)
    assert code == "VPC004"
    assert message == "this suppression matches nothing: no VPC203 finding on line 1"
    assert fix == "remove the comment"


def test_unused_code_in_a_used_list_is_vpc004_at_that_code():
    text = TOML.replace('"nope"', '"nope"  # vpclint: ignore[VPC206, VPC201]')
    assert findings(text) == [("VPC203", 1, 1, 1, 17), ("VPC004", 3, 48, 3, 54)]
    message, fix = messages(text)[1][1:]
    assert message == "VPC201 is not reported on line 3, so ignoring it there does nothing"
    assert fix == "remove VPC201 from the list"


def test_unused_bare_ignore_is_vpc004():
    text = '# vpclint: ignore\nname = "w"\n'
    assert findings(text) == [("VPC004", 1, 3, 1, 18)]
    assert "there is no finding on line 2" in messages(text)[0][1]


def test_unknown_code_is_reported():
    text = TOML.replace('"nope"', '"nope"  # vpclint: ignore[VPC206, VPC999]')
    [unknown] = messages(text)[1:]
    assert unknown[0] == "VPC004"
    assert "VPC999 is not a vpclint rule code" in unknown[1]


def test_empty_code_list_is_reported():
    text = 'name = "w"  # vpclint: ignore[]\n'
    [(code, message, _)] = messages(text)
    assert code == "VPC004"
    assert "lists no codes" in message


def test_no_vpc004_when_vpc004_is_not_enabled():
    text = 'name = "w"  # vpclint: ignore[VPC203]\n'
    assert findings(text, settings=Settings(ignore=("VPC004",))) == []


def test_a_disabled_code_is_not_called_stale():
    # VPC206 does not run, so whether the comment is still needed cannot be known
    text = TOML.replace('"nope"', '"nope"  # vpclint: ignore[VPC206]')
    assert findings(text, settings=Settings(ignore=("VPC206",))) == [("VPC203", 1, 1, 1, 17)]


def test_vpc004_severity_follows_the_config_override():
    text = 'name = "w"  # vpclint: ignore[VPC203]\n'
    [diagnostic] = lint_text(text, "wrangler.toml", settings=Settings(severity={"VPC004": "error"}))
    assert diagnostic.severity == "error"


def test_vpc004_cannot_be_suppressed_inline():
    text = 'name = "w"  # vpclint: ignore[VPC203, VPC004]\n'
    assert [code for code, *_ in findings(text)] == ["VPC004"]


def test_syntax_errors_are_not_suppressible():
    text = 'name = "w\n# vpclint: ignore[VPC001]\n'
    assert [code for code, *_ in findings(text)] == ["VPC001"]


# ---------------------------------------------------------------------------- JSONC

JSONC = '{\n  "vpc_services": [\n    { "binding": "API", "service_id": "nope" }\n  ]\n}\n'


def test_jsonc_baseline():
    assert findings(JSONC, "wrangler.jsonc") == [("VPC203", 3, 5, 3, 6), ("VPC206", 3, 39, 3, 45)]


def test_jsonc_line_comment_on_the_line():
    text = JSONC.replace('"nope" }', '"nope" } // vpclint: ignore[VPC203,VPC206]')
    assert findings(text, "wrangler.jsonc") == []


def test_jsonc_line_comment_above():
    text = JSONC.replace("    {", "    // vpclint: ignore[VPC206]\n    {")
    assert findings(text, "wrangler.jsonc") == [("VPC203", 4, 5, 4, 6)]


def test_jsonc_block_comment_forms():
    after = JSONC.replace('"nope" }', '"nope" } /* vpclint: ignore[VPC203] */')
    assert findings(after, "wrangler.jsonc") == [("VPC206", 3, 39, 3, 45)]
    before = JSONC.replace("    {", "    /* vpclint: ignore[VPC206] */ {")
    assert findings(before, "wrangler.jsonc") == [("VPC203", 3, 35, 3, 36)]
    above = JSONC.replace("    {", "    /*\n     vpclint: ignore[VPC206]\n    */\n    {")
    assert findings(above, "wrangler.jsonc") == [("VPC203", 6, 5, 6, 6)]


def test_jsonc_unused_suppression():
    text = JSONC.replace('"vpc_services": [', '"vpc_services": [ // vpclint: ignore[VPC201]')
    assert ("VPC004", 2, 24, 2, 47) in findings(text, "wrangler.jsonc")


def test_duplicate_json_key_is_suppressible():
    text = '{\n  "name": "a",\n  "name": "b" // vpclint: ignore[VPC003]\n}\n'
    assert findings(text, "wrangler.json") == []


# ---------------------------------------------------------------------------- units


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("# vpclint: ignore[VPC203]", {"VPC203"}),
        ("#vpclint:ignore[vpc203 , VPC206]", {"VPC203", "VPC206"}),
        ("// vpclint: ignore [VPC203]", {"VPC203"}),
        ("/* vpclint: ignore[VPC203] */", {"VPC203"}),
        ("# vpclint: ignore", None),
        ("# vpclint: ignored", "none"),
        ("# a note about vpclint: ignore[VPC203]", "none"),
        ("# note # vpclint: ignore[VPC203]", {"VPC203"}),
    ],
)
def test_parse_directive(text, codes):
    parsed = parse_directive(Comment(0, len(text), text))
    if codes == "none":
        assert parsed is None
    else:
        assert parsed is not None
        assert (set(parsed[2]) if parsed[2] is not None else None) == codes


def test_covered_line():
    source = SourceText("a = 1 # x\n# y\nb = 2\n/* z */ c\n")
    assert covered_line(source, Comment(6, 9, "# x")) == 1
    assert covered_line(source, Comment(10, 13, "# y")) == 3
    assert covered_line(source, Comment(20, 27, "/* z */")) == 4

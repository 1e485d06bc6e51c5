"""The position model: any JSON pointer -> key and value ranges, in TOML and JSONC alike."""

from __future__ import annotations

import pytest

from vpclint.document import Document
from vpclint.source.jsonc import parse_jsonc
from vpclint.source.text import Position, SourceText
from vpclint.source.toml import parse_toml

TOML = """name = "w"

[[env.staging.vpc_services]]
binding = "API"
"service/id" = "x"
"""

JSONC = """{
  // staging
  "env": {"staging": {"vpc_services": [{"binding": "API", "service/id": "x"}]}},
  "0": [10, 20]
}
"""


def document(text: str, syntax: str) -> Document:
    parsed = parse_toml(text) if syntax == "toml" else parse_jsonc(text)
    return Document("f", "wrangler", syntax, SourceText(text), parsed.value, parsed.spans)


def test_pointer_tokens_are_unescaped_and_typed_by_their_container():
    doc = document(JSONC, "json")
    assert doc.path_of("") == ()
    assert doc.path_of("/env/staging/vpc_services/0/service~1id") == (
        "env",
        "staging",
        "vpc_services",
        0,
        "service/id",
    )
    assert doc.path_of("/0/1") == ("0", 1)  # "0" is an object key here, 1 an index
    with pytest.raises(ValueError):
        doc.path_of("env")


def test_toml_pointer_ranges():
    doc = document(TOML, "toml")
    key, value = doc.locate("/env/staging/vpc_services/0/binding")
    assert key == (Position(4, 1), Position(4, 8))
    assert value == (Position(4, 11), Position(4, 16))
    key, value = doc.locate("/env/staging/vpc_services/0/service~1id")
    assert key == (Position(5, 1), Position(5, 13))
    # the entry itself: its [[header]]
    assert doc.locate("/env/staging/vpc_services/0")[1] == (Position(3, 1), Position(3, 29))


def test_jsonc_pointer_ranges_and_missing_fields():
    doc = document(JSONC, "json")
    key, value = doc.locate("/env/staging/vpc_services/0/binding")
    assert key == (Position(3, 41), Position(3, 50))
    assert value == (Position(3, 52), Position(3, 57))
    assert doc.locate("/0/1")[1] == (Position(4, 13), Position(4, 15))
    # a field that is not written: at the `{` of the entry that lacks it
    missing = doc.locate("/env/staging/vpc_services/0/remote")
    assert missing[1] == (Position(3, 40), Position(3, 41))

"""Decoding and offset -> line:column."""

from __future__ import annotations

import pytest

from vpclint.source.text import DecodeError, Position, SourceText, decode


def test_utf8_bom_is_stripped():
    assert decode(b"\xef\xbb\xbfname = 1\n") == "name = 1\n"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"\xff\xfen\x00", "UTF-16 LE"),
        (b"\xfe\xff\x00n", "UTF-16 BE"),
        (b"\xff\xfe\x00\x00n\x00\x00\x00", "UTF-32 LE"),
        (b"\x00\x00\xfe\xff\x00\x00\x00n", "UTF-32 BE"),
    ],
)
def test_other_boms_are_refused(data, name):
    with pytest.raises(DecodeError, match=name):
        decode(data)


def test_invalid_utf8_names_line_and_byte():
    with pytest.raises(DecodeError) as caught:
        decode(b'a = 1\nb = "\xff"\n')
    assert "line 2" in caught.value.message
    assert "0xff" in caught.value.message
    assert caught.value.offset == 11


def test_nul_byte_is_refused():
    with pytest.raises(DecodeError, match="NUL"):
        decode(b"a = 1\x00")


def test_positions_lf_crlf_and_lone_cr():
    source = SourceText("ab\r\ncd\ne\rf")
    assert source.position(0) == Position(1, 1)
    assert source.position(2) == Position(1, 3)  # the \r of CRLF ends line 1
    assert source.position(4) == Position(2, 1)
    assert source.position(7) == Position(3, 1)
    assert source.position(9) == Position(4, 1)  # after a lone CR
    assert source.line_text(1) == "ab"
    assert source.line_text(4) == "f"


def test_columns_count_code_points_not_bytes_or_utf16():
    text = '{"é": {"😀": [1, "ü"]}}'
    source = SourceText(text)
    assert source.position(text.index("[1")) == Position(1, 13)  # 0-based code point 12


def test_form_feed_and_unicode_separators_are_not_line_breaks():
    source = SourceText("a\x0cb\u2028c\nd")
    assert source.position(6) == Position(2, 1)
    assert source.line_count == 2

"""Bytes to text, and the refusals with reasons."""

from __future__ import annotations

import gzip

import pytest

from dateline.ingest.decode import DecodeError, decode_text, gunzip, looks_binary


def test_utf8_with_and_without_bom() -> None:
    assert decode_text("Café talks".encode()) == "Café talks"
    assert decode_text(b"\xef\xbb\xbfHello") == "Hello"


def test_utf16_with_bom() -> None:
    assert decode_text("Reyl spoke".encode("utf-16")) == "Reyl spoke"


def test_plausible_cp1252_is_accepted() -> None:
    text = "The minister\x92s office said the talks would resume on Monday."
    assert decode_text(text.encode("latin-1")) == text.replace("\x92", "’")


def test_random_high_bytes_are_refused_with_reason() -> None:
    with pytest.raises(DecodeError, match="undecodable bytes"):
        decode_text(bytes(range(128, 256)) * 4)


def test_binary_is_refused() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(DecodeError, match="binary"):
        decode_text(b"\x00\x01\x02\x03" * 100)


def test_gunzip_round_trip_and_limits() -> None:
    packed = gzip.compress(b"x" * 1000)
    assert gunzip(packed, max_bytes=2000) == b"x" * 1000
    with pytest.raises(DecodeError, match="size limit"):
        gunzip(packed, max_bytes=500)
    with pytest.raises(DecodeError, match="truncated"):
        gunzip(packed[: len(packed) // 2], max_bytes=2000)

"""Bytes to text: UTF-8 first, then the encodings news sites really use, else a clear error.

Real corpora mix UTF-8 with Windows-1252 pages and the odd UTF-16 export. We accept those when
the result looks like text, and refuse anything else with a reason the user can act on, rather
than feeding mojibake to every later stage.
"""

from __future__ import annotations

import gzip
import zlib

GZIP_MAGIC = b"\x1f\x8b"
BINARY_SNIFF_BYTES = 8192
MAX_CONTROL_RATIO = 0.01
"""Above this share of C0 control characters (other than whitespace) a file is binary."""
MAX_CP1252_HIGH_RATIO = 0.05
"""A cp1252 reading is plausible for Western text only when few characters are non-ASCII."""


class DecodeError(ValueError):
    """The bytes cannot be read as text; the message says why."""


def is_gzip(data: bytes) -> bool:
    """True when the bytes start with the gzip magic number."""
    return data[:2] == GZIP_MAGIC


def gunzip(data: bytes, *, max_bytes: int) -> bytes:
    """Decompress a gzip stream, refusing truncated streams and outputs over ``max_bytes``."""
    decompressor = zlib.decompressobj(wbits=31)
    try:
        out = decompressor.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise DecodeError(f"corrupt gzip stream ({exc})") from exc
    if len(out) > max_bytes:
        raise DecodeError(f"decompressed size is over the size limit of {max_bytes} bytes")
    if not decompressor.eof:
        raise DecodeError("truncated gzip stream")
    if decompressor.unused_data and is_gzip(decompressor.unused_data):
        # Concatenated gzip members (as WARC writers make): read them all.
        try:
            out = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise DecodeError(f"corrupt gzip stream ({exc})") from exc
        if len(out) > max_bytes:
            raise DecodeError(f"decompressed size is over the size limit of {max_bytes} bytes")
    return out


def peek_gzip(data: bytes, size: int) -> bytes:
    """The first ``size`` decompressed bytes of a gzip stream, or b"" if it does not inflate."""
    try:
        return zlib.decompressobj(wbits=31).decompress(data[:65536], size)
    except zlib.error:
        return b""


def looks_binary(data: bytes) -> bool:
    """True for NUL bytes or many control characters in the first few kilobytes."""
    head = data[:BINARY_SNIFF_BYTES]
    if not head:
        return False
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return controls / len(head) > MAX_CONTROL_RATIO


def decode_text(data: bytes) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or plausible cp1252.

    Raises:
        DecodeError: binary content, or bytes that are neither UTF-8 nor plausible cp1252.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"undecodable bytes in UTF-16 text ({exc.reason})") from exc
    if looks_binary(data):
        raise DecodeError("binary file (not text)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = ""
        high = sum(1 for char in text if ord(char) > 127)
        if text and high / len(text) <= MAX_CP1252_HIGH_RATIO:
            return text
        raise DecodeError(
            f"undecodable bytes: not UTF-8 (byte {utf8_error.start}) and not plausible cp1252 text"
        ) from utf8_error

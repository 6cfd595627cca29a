"""Bytes to text: a BOM, UTF-8, a declared charset, plausible cp1252, else a clear error.

Real corpora mix UTF-8 with Windows-1252 pages, pages that declare their charset (cp1251,
Shift-JIS, GB18030) and the odd UTF-16 export. We accept those when the result looks like text,
and refuse anything else with a reason the user can act on, rather than feeding mojibake to
every later stage.

Decompression lives here too, and is always bounded: every gzip member, zlib or raw deflate
stream is inflated a chunk at a time against a byte budget, so a decompression bomb stops at
the limit instead of being inflated in memory first and measured afterwards.
"""

from __future__ import annotations

import codecs
import re
import zlib

from dateline.ingest.reasons import one_line

GZIP_MAGIC = b"\x1f\x8b"
BINARY_SNIFF_BYTES = 8192
MAX_CONTROL_RATIO = 0.01
"""Above this share of C0 control characters (other than whitespace) a file is binary."""
MAX_FOREIGN_LETTER_RATIO = 0.4
"""A cp1252 reading is plausible when at most this share of its letters are non-ASCII: French,
Spanish or Portuguese text has 3-10%, Icelandic about 20%, while Cyrillic or Greek bytes read
as cp1252 come out as nearly all accented letters ("Ìèíèñòðû")."""
MIN_CP1252_TEXTLIKE_RATIO = 0.9
"""And when at least this share of its non-ASCII characters are letters or the punctuation
Western text uses (curly quotes, dashes, the euro sign); random bytes give many symbols."""
CP1252_SAMPLE_BYTES = 256 * 1024
"""How much of a file the cp1252 plausibility test reads (every byte is checked to be defined
in cp1252; the letter counts come from this much)."""
CHARSET_SNIFF_BYTES = 8192
"""A page's ``<meta charset>`` (or XML encoding declaration) is looked for this far in."""
MAX_REPLACEMENT_RATIO = 0.005
"""Text in its declared charset may hold this share of undecodable bytes (a damaged page)."""

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_DECLARED_CHARSET = re.compile(
    rb"<meta\b[^>]{0,500}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})"
    rb"|<\?xml\b[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]{1,40})",
    re.IGNORECASE,
)
_CHARSET_ALIASES = {
    # What browsers actually use for these labels (the WHATWG Encoding Standard).
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
}
_TEXT_CODECS = re.compile(
    r"(cp\d+|iso8859-\d+|koi8-[a-z]+|mac-[a-z]+|shift_jis\w*|euc_\w+|gb18030|gb2312|gbk|big5\w*"
    r"|iso2022_\w+|johab|hz|tis-620|ptcp154|kz1048|hp-roman8)"
)
"""Codecs a declared charset may name; never a transform (unicode_escape, idna, utf-7)."""
_CP1252_PUNCTUATION = frozenset("’‘“”„‚–—…•€«»°·§©®™\u00a0¡¿ªº±²³µ¶×÷¢£¥½¼¾†‡‰‹›")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


class DecodeError(ValueError):
    """The bytes cannot be read as text (or decompressed); the message says why."""


def is_gzip(data: bytes) -> bool:
    """True when the bytes start with the gzip magic number."""
    return data[:2] == GZIP_MAGIC


def gunzip(data: bytes, *, max_bytes: int) -> bytes:
    """Decompress a gzip stream (every member, as WARC writers and ``cat a.gz b.gz`` make).

    Raises:
        DecodeError: a corrupt or truncated stream, or more than ``max_bytes`` of output
            (checked as it inflates: a bomb is never inflated past the limit).
    """
    return _inflate(data, 31, max_bytes, "gzip")


def inflate(data: bytes, encoding: str, *, max_bytes: int) -> bytes:
    """Undo an HTTP Content-Encoding (gzip, deflate, or several in order), bounded by
    ``max_bytes`` of output.

    Raises:
        DecodeError: an encoding we cannot undo (br needs a library we do not ship), a corrupt
            stream, or output over ``max_bytes``.
    """
    for coding in reversed([part.strip().lower() for part in encoding.split(",")]):
        if coding in ("", "identity"):
            continue
        if coding in ("gzip", "x-gzip"):
            data = _inflate(data, 31, max_bytes, "gzip")
        elif coding == "deflate":
            # "deflate" should be a zlib stream; many servers send raw deflate instead.
            try:
                data = _inflate(data, 15, max_bytes, "deflate")
            except DecodeError as exc:
                if "size limit" in str(exc):
                    raise
                data = _inflate(data, -15, max_bytes, "deflate")
        else:
            raise DecodeError(f"unsupported HTTP Content-Encoding '{one_line(coding, 40)}'")
    if len(data) > max_bytes:
        raise DecodeError(over_limit(max_bytes))
    return data


def over_limit(max_bytes: int, what: str = "decompressed size") -> str:
    """The one-line reason for an input over ``max_bytes``."""
    return f"{what} is over the size limit of {max_bytes} bytes (--max-bytes)"


def _inflate(data: bytes, wbits: int, max_bytes: int, name: str) -> bytes:
    """Inflate ``data`` (every member if ``wbits`` says gzip), never past the budget."""
    parts: list[bytes] = []
    size = 0
    rest = data
    while True:
        inflater = zlib.decompressobj(wbits=wbits)
        try:
            # max_length is at least 1 (size never exceeds max_bytes here), and bounds the
            # output zlib allocates: the bomb stops inflating at the limit.
            part = inflater.decompress(rest, max_bytes + 1 - size)
        except zlib.error as exc:
            raise DecodeError(f"corrupt {name} stream ({exc})") from exc
        parts.append(part)
        size += len(part)
        if size > max_bytes:
            raise DecodeError(over_limit(max_bytes))
        if not inflater.eof:
            raise DecodeError(f"truncated {name} stream")
        rest = inflater.unused_data
        if wbits != 31 or not is_gzip(rest):
            return parts[0] if len(parts) == 1 else b"".join(parts)


def peek_gzip(data: bytes, size: int) -> bytes:
    """The first ``size`` decompressed bytes of a gzip stream, or b"" if it does not inflate."""
    try:
        return zlib.decompressobj(wbits=31).decompress(data[:65536], size)
    except zlib.error:
        return b""


_CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in (9, 10, 12, 13))
"""Control characters but tab, newline, form feed and carriage return: counted by deleting them
(``bytes.translate``, 60x faster than a loop over the bytes)."""


def looks_binary(data: bytes) -> bool:
    """True for NUL bytes or many control characters in the first few kilobytes."""
    head = data[:BINARY_SNIFF_BYTES]
    if not head:
        return False
    if b"\x00" in head and bom_encoding(head) is None:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / len(head) > MAX_CONTROL_RATIO


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark names, and the mark's length; None without one."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return encoding, len(mark)
    return None


def utf8_from_bom(data: bytes) -> bytes:
    """UTF-16 or UTF-32 text (with its BOM) re-encoded as UTF-8, so format sniffing and the
    readers see it as they see any text; other bytes are returned as they are.

    Raises:
        DecodeError: the bytes after the BOM are not valid in the encoding it names.
    """
    found = bom_encoding(data)
    if found is None or found[0] == "utf-8":
        return data
    return decode_text(data).encode("utf-8", errors="surrogatepass")


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its head (``<meta charset>``, ``<meta http-equiv>``, or
    an XML declaration), or None."""
    match = _DECLARED_CHARSET.search(data[:CHARSET_SNIFF_BYTES])
    if match is None:
        return None
    return (match.group(1) or match.group(2)).decode("ascii")


def usable_charset(label: str | None) -> str | None:
    """The Python codec for a declared charset label, or None when it names none we trust."""
    if not label:
        return None
    name = label.strip().lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return codec if _TEXT_CODECS.fullmatch(codec) else None


def decode_text(data: bytes, *, declared: str | None = None) -> str:
    """Decode bytes as text, trying in order: the encoding a BOM names; UTF-8; the charset
    ``declared`` (say by an HTTP header) or declared in the page itself; plausible cp1252.

    Raises:
        DecodeError: binary content, or bytes that are none of the above.
    """
    found = bom_encoding(data)
    if found is not None:
        encoding, skip = found
        try:
            text = data[skip:].decode(encoding)
        except UnicodeDecodeError as exc:
            raise DecodeError(
                f"undecodable bytes in {encoding.upper()} text ({exc.reason})"
            ) from exc
        if _text_looks_binary(text):
            raise DecodeError("binary file (not text)")
        return text
    if looks_binary(data):
        raise DecodeError("binary file (not text)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        charset = usable_charset(declared) or usable_charset(declared_charset(data))
        guess = _decode_declared(data, charset) if charset else None
        if guess is None:
            guess = _plausible_cp1252(data)
        if guess is not None:
            return guess
        where = f"not UTF-8 (byte {utf8_error.start})"
        if charset:
            where += f", not {charset} as declared,"
        raise DecodeError(
            f"undecodable bytes: {where} and not plausible cp1252 text"
        ) from utf8_error


def _decode_declared(data: bytes, charset: str) -> str | None:
    """``data`` in its declared charset, allowing a few damaged bytes; None if it is not."""
    try:
        return data.decode(charset)
    except UnicodeDecodeError:
        pass
    except LookupError:
        return None
    text = data.decode(charset, errors="replace")
    if text.count("\ufffd") > MAX_REPLACEMENT_RATIO * max(len(text), 1):
        return None
    return text


def _plausible_cp1252(data: bytes) -> str | None:
    """``data`` read as cp1252 when that reads as Western text, else None."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    sample = data[:CP1252_SAMPLE_BYTES]
    high = _NON_ASCII.findall(text[:CP1252_SAMPLE_BYTES])
    foreign_letters = sum(1 for char in high if char.isalpha())
    textlike = foreign_letters + sum(1 for char in high if char in _CP1252_PUNCTUATION)
    ascii_letters = len(sample) - len(sample.translate(None, _ASCII_LETTERS))
    letters = ascii_letters + foreign_letters
    if not letters or foreign_letters > MAX_FOREIGN_LETTER_RATIO * letters:
        return None
    if high and textlike < MIN_CP1252_TEXTLIKE_RATIO * len(high):
        return None
    return text


def _text_looks_binary(text: str) -> bool:
    head = text[:BINARY_SNIFF_BYTES]
    return bool(head) and len(_CONTROL.findall(head)) / len(head) > MAX_CONTROL_RATIO

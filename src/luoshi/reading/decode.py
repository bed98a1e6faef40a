"""Bytes to text: UTF-8, GB18030/GBK/GB2312 or Big5, decided by the bytes themselves.

A page's ``<meta charset>`` is often wrong on Chinese portals (a GBK page that
declares UTF-8, a UTF-8 page left with ``gb2312``), so the bytes decide:
strict UTF-8 first (it almost never decodes text in another encoding), then the
GB family when the result reads as simplified Chinese, then Big5, then GB18030
for anything it decodes into plausible text. Nothing is decoded with
replacement characters: text that fits no encoding is refused.
"""

from __future__ import annotations

import codecs

from luoshi import compiled
from luoshi.errors import ReadError

# Byte-order marks and the codec that drops them: (mark, codec).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters that no text file holds (tab, newlines, form feed and escape excepted).
CONTROL = compiled.pattern(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
HAN = compiled.pattern(r"[\u4e00-\u9fff]")
PRIVATE_USE = compiled.pattern(r"[\ue000-\uf8ff]")
MAX_CONTROL_SHARE = 0.01
MIN_GB2312_SHARE = 0.97  # of Han characters, in simplified Chinese text decoded as GB18030
MAX_PRIVATE_USE_SHARE = 0.01
MIN_GOOD_PER_BAD_UTF8 = 20  # UTF-8 characters per bad sequence for text to count as damaged UTF-8


def decode(data: bytes, label: str) -> tuple[str, str]:
    """``data`` as text and the name of the encoding it was in."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), label), codec
            except UnicodeDecodeError:
                break
    if b"\x00" in data:
        raise ReadError(label, "is binary data, not a text report")
    try:
        return _checked(data.decode("utf-8"), label), "utf-8"
    except UnicodeDecodeError as error:
        _refuse_damaged_utf8(data, label, error)
    gb = _strict(data, "gb18030")
    if gb is not None and _gb2312_share(gb) >= MIN_GB2312_SHARE:
        return _checked(gb, label), "gb18030"
    big5 = _strict(data, "big5")
    if big5 is not None and _plausible(big5):
        return _checked(big5, label), "big5"
    if gb is not None and _plausible(gb):
        return _checked(gb, label), "gb18030"
    raise ReadError(label, "is not text in a Chinese encoding (tried UTF-8, GB18030/GBK and Big5)")


def _refuse_damaged_utf8(data: bytes, label: str, error: UnicodeDecodeError) -> None:
    """UTF-8 text with a few bad bytes is refused as such, not read in another encoding."""
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    decoded = sum(1 for char in lenient if char > "\x7f") - bad
    if decoded >= MIN_GOOD_PER_BAD_UTF8 * bad:
        raise ReadError(
            label,
            f"is UTF-8 text with {bad} invalid byte sequence(s), the first at byte {error.start}; "
            "repair it or save it again as UTF-8",
        )


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _gb2312_share(text: str) -> float:
    """Share of the Han characters that GB2312 (the simplified Chinese core set) holds."""
    han = "".join(HAN.findall(text))
    if not han:
        return 1.0
    kept = han.encode("gb2312", errors="ignore").decode("gb2312")
    return len(kept) / len(han)


def _plausible(text: str) -> bool:
    private = len(PRIVATE_USE.findall(text))
    return private <= MAX_PRIVATE_USE_SHARE * len(text) and _control_share(text) <= 0


def _control_share(text: str) -> float:
    return len(CONTROL.findall(text)) / max(len(text), 1)


def _checked(text: str, label: str) -> str:
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise ReadError(label, "is binary data, not a text report")
    return text

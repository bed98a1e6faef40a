"""Numbers as reports write them: Arabic (half- or full-width, with thousands separators and
decimals) and Chinese numerals (四, 两, 一百二十, 十五), each parsed to ``Decimal``.

    >>> parse_number("1,234.5")
    Decimal('1234.5')
    >>> parse_number("１２．５")
    Decimal('12.5')
    >>> parse_number("一百二十")
    Decimal('120')
    >>> parse_number("两")
    Decimal('2')
"""

from __future__ import annotations

from decimal import Decimal

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                  "七": 7, "八": 8, "九": 9}  # fmt: skip
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_NUMERAL_CHARS = "".join(CHINESE_DIGITS) + "".join(CHINESE_UNITS)


def to_half_width(text: str) -> str:
    """Full-width digits, point and comma as their ASCII forms (same length, offsets kept)."""
    return text.translate(_FULL_WIDTH)


def parse_arabic(written: str) -> Decimal:
    """``1,234.5`` / ``１２．５`` → Decimal."""
    return Decimal(to_half_width(written).replace(",", ""))


def parse_chinese(written: str) -> Decimal:
    """A Chinese numeral below 万 (一百二十, 十五, 两, 三千) → Decimal.

    Digit strings without unit characters (二〇二二) read digit by digit.
    """
    if written and all(ch in CHINESE_DIGITS for ch in written) and len(written) > 1:
        return Decimal("".join(str(CHINESE_DIGITS[ch]) for ch in written))
    total, digit = 0, None
    for ch in written:
        if ch in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[ch]
        elif ch in CHINESE_UNITS:
            total += (1 if digit is None else digit) * CHINESE_UNITS[ch]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {written!r}")
    return Decimal(total + (digit or 0))


def parse_number(written: str) -> Decimal:
    """Either form → Decimal; raises ValueError when ``written`` is neither."""
    if written.isdigit() and written.isascii():
        return Decimal(written)  # the common case, without the width and separator passes
    if written and written[0] in CHINESE_NUMERAL_CHARS:
        return parse_chinese(written)
    try:
        return parse_arabic(written)
    except ArithmeticError as error:
        raise ValueError(f"not a number: {written!r}") from error

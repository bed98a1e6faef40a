"""Character classes shared by the reading modules.

Reports mix full-width and half-width forms (``(一)`` and ``（一）``, ``1.`` and
``１．``, ``:`` and ``：``); every class here holds both, so that a rule written
once reads either.
"""

from __future__ import annotations

# Ends a sentence: 。！？； and their ASCII forms (the ASCII full stop is handled
# apart, since ``1.5`` and ``1.`` are not sentence ends).
SENTENCE_END = "。！？；!?;｡"
# A paragraph ending in one of these is closed; otherwise a line break inside it is a page break.
CLOSED_END = SENTENCE_END + ":：…"
# Closing quotes and brackets that may follow a sentence end.
CLOSERS = "”’」』）)】》〕]"
# Leading and trailing white space of a line, the ideographic space and no-break space included.
SPACE = " \t\r\n\f\v\u3000\xa0\ufeff"
COMMAS = ",，"
ENUMERATION_COMMA = "、"
COLONS = ":："
DIGITS = "0-9０-９"
HAN = "\u4e00-\u9fff"

# Opening and closing characters of each kind of quote or bracket; full-width and
# half-width brackets pair with each other, as typists mix them.
PAIRS: dict[str, str] = {
    "“": "quote",
    "”": "quote",
    "‘": "single",
    "’": "single",
    "「": "corner",
    "」": "corner",
    "『": "white-corner",
    "』": "white-corner",
    "(": "paren",
    "（": "paren",
    ")": "paren",
    "）": "paren",
    "《": "title",
    "》": "title",
    "【": "lenticular",
    "】": "lenticular",
    "〔": "tortoise",
    "〕": "tortoise",
    "[": "square",
    "]": "square",
}
OPENERS = "“‘「『(（《【〔["


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` of ``text`` without leading and trailing white space."""
    while start < end and text[start] in SPACE:
        start += 1
    while end > start and text[end - 1] in SPACE:
        end -= 1
    return start, end

"""Where sentences and clauses break: positions found once per text, then bisected."""

from __future__ import annotations

import bisect
import re

SENTENCE_BREAKS = "。！!？?\n"
CLAUSE_BREAKS = "，,：:；;。！!？?\n"

_BREAKS: dict[str, tuple[str, list[int]]] = {}


def rfind_any(text: str, chars: str, end: int, floor: int = 0) -> int:
    """Index of the last of ``chars`` in ``text[floor:end]``, or ``floor - 1``.

    The positions of each break set are found once per text (one regex pass) and bisected.
    """
    cached = _BREAKS.get(chars)
    if cached is None or cached[0] is not text:
        pattern = "[" + re.escape(chars) + "]"
        cached = (text, [m.start() for m in re.finditer(pattern, text)])
        _BREAKS[chars] = cached
    positions = cached[1]
    i = bisect.bisect_left(positions, end) - 1
    if i >= 0 and positions[i] >= floor:
        return positions[i]
    return floor - 1


def first_break(text: str, start: int, end: int) -> int:
    """Index of the first clause break in ``text[start:end]``, or ``end``."""
    for i in range(start, end):
        if text[i] in CLAUSE_BREAKS:
            return i
    return end

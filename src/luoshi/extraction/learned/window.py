"""The stretch of text a figure's indicator is read from, and the gold indicator laid onto it.

A window is the sentence around the number, at most ``LEFT_MAX`` characters before it and
``RIGHT_MAX`` after it. The model tags each character of the window as part of the indicator
(``I``) or not (``O``); the indicator is the tagged characters in text order. A gold indicator
is a normalised string (scope and framing dropped, a shared subject spelled out), so it is laid
onto the window as a subsequence of as few contiguous pieces as possible, nearest the number.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

LEFT_MAX = 80
RIGHT_MAX = 30
SENTENCE_ENDS = frozenset("。！？!?\n")
MAX_PIECES = 3  # a gold indicator scattered over more pieces is a coincidence, not a reading
INSIDE = "I"
OUTSIDE = "O"


@dataclass(frozen=True, slots=True)
class Window:
    """``text[start:end]`` around the figure ``text[number_start:number_end]``."""

    text: str
    start: int
    number_start: int
    number_end: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def is_number(self, index: int) -> bool:
        """Whether the window's character ``index`` is part of the figure's number."""
        return self.number_start <= self.start + index < self.number_end


def window(text: str, number_start: int, number_end: int) -> Window:
    """The sentence around ``text[number_start:number_end]``, clipped to the window size."""
    start = number_start
    floor = max(0, number_start - LEFT_MAX)
    while start > floor and text[start - 1] not in SENTENCE_ENDS:
        start -= 1
    end = number_end
    ceiling = min(len(text), number_end + RIGHT_MAX)
    while end < ceiling and text[end] not in SENTENCE_ENDS:
        end += 1
    return Window(text[start:end], start, number_start, number_end)


def fold(char: str) -> str:
    """One character as the scorer compares it (NFKC: full-width digits and letters folded)."""
    return unicodedata.normalize("NFKC", char)


def tags_for(win: Window, indicator: str) -> list[str] | None:
    """The window's ``I``/``O`` tags that spell ``indicator``, or None when it cannot be laid.

    Cost of a placement: 1000 per contiguous piece, plus the characters skipped between pieces,
    plus the distance of the last piece from the number; the cheapest wins. Characters of the
    number itself are never part of the indicator. The scorer compares characters, not their
    order, so an indicator whose two halves stand the other way round in the text (获批上市创新药
    for 13个创新药获批上市) is laid as the text has them, one piece dearer.
    """
    target = [fold(c) for c in indicator if not c.isspace()]
    if not target:
        return None
    best = _lay(win, target)
    if best is None:
        for k in range(1, len(target)):
            swapped = _lay(win, target[k:] + target[:k])
            if swapped is not None and (best is None or swapped[0] < best[0]):
                best = (swapped[0] + 1000, swapped[1])
    if best is None or best[0] >= 1000 * (MAX_PIECES + 1):
        return None
    return best[1]


def _lay(win: Window, target: list[str]) -> tuple[float, list[str]] | None:
    """The cheapest placement of ``target`` as a subsequence of the window, with its cost."""
    chars = [fold(c) for c in win.text]
    n, m = len(chars), len(target)
    infinite = float("inf")
    # cost[j]: cheapest placement of target[: i + 1] whose last character is chars[j]
    cost = [
        1000.0 if chars[j] == target[0] and not win.is_number(j) else infinite for j in range(n)
    ]
    back: list[list[int]] = [[-1] * n]
    for i in range(1, m):
        new = [infinite] * n
        came = [-1] * n
        best, best_at = infinite, -1  # min over j' < j - 1 of cost[j'] - j'
        for j in range(n):
            if j >= 2 and cost[j - 2] - (j - 2) < best:
                best, best_at = cost[j - 2] - (j - 2), j - 2
            if chars[j] != target[i] or win.is_number(j):
                continue
            if j >= 1 and cost[j - 1] < infinite:
                new[j], came[j] = cost[j - 1], j - 1
            jump = best + j - 1 + 1000
            if jump < new[j]:
                new[j], came[j] = jump, best_at
        cost = new
        back.append(came)
    number_at = win.number_start - win.start
    number_end = win.number_end - win.start
    best_total, last = infinite, -1
    for j in range(n):
        if cost[j] == infinite:
            continue
        distance = number_at - 1 - j if j < number_at else j - number_end
        if cost[j] + distance < best_total:
            best_total, last = cost[j] + distance, j
    if last < 0:
        return None
    tags = [OUTSIDE] * n
    j = last
    for i in range(m - 1, -1, -1):
        tags[j] = INSIDE
        j = back[i][j]
    return best_total, tags


def spelled(win: Window, tags: list[str]) -> str:
    """The indicator the tags spell: the tagged characters in text order."""
    return "".join(c for c, tag in zip(win.text, tags, strict=True) if tag == INSIDE)

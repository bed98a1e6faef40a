"""Character features of a window: the characters, the words a segmenter finds, their parts of
speech, where the figure's number stands, and the rules' vocabulary (scope, framing, predicate,
action words) found in the window.

The segmenter is rjieba (jieba's dictionary, compiled into the package: nothing is fetched).
"""

from __future__ import annotations

from functools import lru_cache

from luoshi.extraction.learned.window import INSIDE, Window, tags_for
from luoshi.extraction.vocabulary import vocabulary

CLAUSE_MARKS = frozenset("，,；;：:")
LIST_MARKS = frozenset("、")
Features = list[str]


def char_class(char: str) -> str:
    if char.isdigit() or char in "０１２３４５６７８９.．%％":
        return "digit"
    if "\u4e00" <= char <= "\u9fff":
        return "han"
    if char.isascii() and char.isalpha():
        return "latin"
    if char in '“”"‘’《》':
        return "quote"
    return "mark"


def distance_bucket(distance: int) -> str:
    """Distance from the number, coarse past ten characters."""
    if distance <= 5:
        return str(distance)
    if distance <= 10:
        return "6-10"
    if distance <= 20:
        return "11-20"
    return "21+"


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[str, ...]]:
    """The rules' word lists the model sees as features, by name."""
    words = vocabulary().indicator
    return {
        "scope": words.scopes,
        "framing": words.framing,
        "predicate": words.predicates,
        "action": words.actions,
        "attribute": words.attributes,
    }


def lexicon_marks(text: str) -> list[list[str]]:
    """For each character, the word lists one of whose words covers it (B-/I- by position)."""
    marks: list[list[str]] = [[] for _ in text]
    for name, words in lexicon().items():
        for word in words:
            if not word:
                continue
            found = text.find(word)
            while found >= 0:
                marks[found].append(f"lex={name}:B")
                for k in range(found + 1, found + len(word)):
                    marks[k].append(f"lex={name}:I")
                found = text.find(word, found + 1)
    return [sorted(set(m)) for m in marks]


def segment(text: str) -> list[tuple[str, str]]:
    """Words and parts of speech (jieba's tag set)."""
    import rjieba  # lazy: the dictionary takes most of a second to build

    return [(word, pos) for word, pos in rjieba.tag(text)]


def char_features(win: Window, rule_indicator: str | None = None) -> list[Features]:
    """One feature list per character of the window; with the rules' indicator laid onto it
    when one is given (the model as a second opinion)."""
    text = win.text
    n = len(text)
    number_at = win.number_start - win.start
    number_end = win.number_end - win.start
    word_of: list[tuple[str, str, str]] = []  # (position in word, word, part of speech)
    for word, pos in segment(text):
        if len(word) == 1:
            word_of.append(("S", word, pos))
            continue
        for k in range(len(word)):
            place = "B" if k == 0 else "E" if k == len(word) - 1 else "M"
            word_of.append((place, word, pos))
    marks = lexicon_marks(text)
    # clause and list marks between each character and the number
    clauses = [0] * n
    items = [0] * n
    for j in range(number_at - 1, -1, -1):
        after = j + 1
        clauses[j] = (clauses[after] if after < number_at else 0) + (text[j] in CLAUSE_MARKS)
        items[j] = (items[after] if after < number_at else 0) + (text[j] in LIST_MARKS)
    for j in range(number_end, n):
        before = j - 1
        clauses[j] = (clauses[before] if before >= number_end else 0) + (text[j] in CLAUSE_MARKS)
        items[j] = (items[before] if before >= number_end else 0) + (text[j] in LIST_MARKS)
    other_number = [char_class(c) == "digit" for c in text]

    def at(j: int) -> str:
        return text[j] if 0 <= j < n else "#"

    rows: list[Features] = []
    for j in range(n):
        char = text[j]
        place, word, pos = word_of[j] if j < len(word_of) else ("S", char, "x")
        if j < number_at:
            side, distance = "L", number_at - j
        elif j >= number_end:
            side, distance = "R", j - number_end + 1
        else:
            side, distance = "N", 0
        row = [
            "bias",
            f"c={char}",
            f"c-1={at(j - 1)}",
            f"c+1={at(j + 1)}",
            f"c-2={at(j - 2)}",
            f"c+2={at(j + 2)}",
            f"c-1c={at(j - 1)}{char}",
            f"cc+1={char}{at(j + 1)}",
            f"class={char_class(char)}",
            f"side={side}",
            f"dist={side}{distance_bucket(distance)}",
            f"clauses={side}{min(clauses[j], 3)}",
            f"items={side}{min(items[j], 3)}",
            f"wpos={place}",
            f"pos={pos}",
            f"pos.place={pos}:{place}",
            f"word={word}" if len(word) <= 4 else "word=long",
        ]
        if side != "N" and other_number[j]:
            row.append("other_number")
        row.extend(marks[j])
        rows.append(row)
    if rule_indicator is not None:
        rule_tags = tags_for(win, rule_indicator) if rule_indicator else None
        if rule_tags is None:
            for row in rows:
                row.append("rule=unlaid")
        else:
            for j, row in enumerate(rows):
                here = rule_tags[j] == INSIDE
                row.append(f"rule={rule_tags[j]}")
                row.append(f"rule.c={rule_tags[j]}:{text[j]}")
                left = rule_tags[j - 1] if j else "#"
                right = rule_tags[j + 1] if j + 1 < n else "#"
                row.append(f"rule.edge={left}{rule_tags[j]}{right}")
                if here:
                    row.append(f"rule.pos={word_of[j][2] if j < len(word_of) else 'x'}")
    # the neighbours' parts of speech
    for j in range(n):
        rows[j].append(f"pos-1={word_of[j - 1][2] if 0 < j <= len(word_of) else '#'}")
        rows[j].append(f"pos+1={word_of[j + 1][2] if j + 1 < len(word_of) else '#'}")
    return rows

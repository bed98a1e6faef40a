"""A figure being read: its fields while the sentence around it is still being read."""

from __future__ import annotations

from dataclasses import dataclass, field

from luoshi.extraction.figure import Comparator, Kind, Measure
from luoshi.extraction.scanner import Candidate


@dataclass(slots=True)
class Draft:
    """A figure being read: mutable until the sentence is done."""

    candidate: Candidate
    subject: str  # the indicator before a shared subject is split
    indicator: str
    measure: Measure
    kind: Kind
    comparator: Comparator
    period: str
    quote_start: int
    comparator_end: int  # end of the unit and any comparator word after it
    group: list[Draft] = field(default_factory=list)  # list items sharing one subject
    pair_role: str = ""  # "from" / "to" in 由A增加到B
    change: str = ""  # 增加 of 转移支付增加1.5万亿元: an amount stated as a change
    rule: str = ""  # ids of the rules that read it: scanner; indicator; period
    adjusted: str = ""  # ids of the list rules that changed it afterwards

"""Small reports written for the tests, in the reports' own words."""

from __future__ import annotations

from luoshi.reading import read
from luoshi.reading.document import Document


def targets(*clauses: str, year: int = 2024) -> Document:
    """A report whose plan part sets ``clauses`` as the targets of ``year``."""
    body = "；".join(clauses)
    text = f"二、{year}年主要目标任务\n{year}年全省经济社会发展主要预期目标是：{body}。\n"
    return read(text.encode(), name=f"targets-{year}.txt")


def outcomes(*sentences: str, year: int = 2024) -> Document:
    """A report whose review of ``year`` says ``sentences``, followed by a short plan part."""
    review = "".join(f"{s}。" for s in sentences)
    text = (
        f"一、{year}年工作回顾\n过去一年，{review}\n"
        f"二、{year + 1}年主要目标任务\n{year + 1}年主要预期目标是：城镇新增就业100万人以上。\n"
    )
    return read(text.encode(), name=f"outcomes-{year + 1}.txt")

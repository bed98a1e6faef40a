"""Two versions of a report compared target by target."""

from __future__ import annotations

from functools import cache

import luoshi
from luoshi.reconcile import DiffEntry, diff
from tests.reconcile._docs import targets
from tests.reconcile._gold import PAIRS


@cache
def _national() -> dict[str, DiffEntry]:
    before, after, _ = PAIRS["national-2022-2023"]
    entries = diff(luoshi.read(before), luoshi.read(after))
    return {side.figure.indicator: e for e in entries for side in [e.before or e.after] if side}


def test_two_years_main_targets_pair_and_show_what_changed() -> None:
    entries = _national()
    assert entries["国内生产总值"].reason == "国内生产总值 5.5%左右 → 5%左右"
    assert entries["国内生产总值"].what == ("value",)
    assert entries["城镇新增就业"].what == ("value", "comparator")
    assert entries["城镇调查失业率"].what == ("comparator",)
    assert entries["居民消费价格"].change == "unchanged"
    assert entries["地方政府专项债券"].reason == "地方政府专项债券 3.65万亿元 → 3.8万亿元"
    assert entries["中央本级支出"].change == "removed"


def test_draft_and_final() -> None:
    draft = targets("地区生产总值增长6%左右", "城镇新增就业1100万人以上", "新增高新技术企业2000家")
    final = targets("GDP增长6.5%左右", "新增城镇就业1100万人以上", "城镇调查失业率控制在5.5%以内")
    entries = diff(draft, final)
    assert [(e.change, e.what) for e in entries] == [
        ("changed", ("value",)),
        ("unchanged", ()),
        ("removed", ()),
        ("added", ()),
    ]
    assert entries[0].reason == "GDP 6%左右 → 6.5%左右"
    assert entries[2].reason == "新增高新技术企业 2000家: removed"
    assert entries[3].reason == "城镇调查失业率 5.5%以内: added"


def test_a_target_stated_twice_pairs_once_each() -> None:
    before = targets("城镇新增就业1100万人以上", "城镇新增就业1100万人以上")
    after = targets("城镇新增就业1200万人以上")
    entries = diff(before, after)
    assert sorted(e.change for e in entries) == ["changed", "removed"]


def test_a_fall_that_becomes_a_rise_is_a_change_of_direction() -> None:
    entries = diff(
        targets("单位地区生产总值能耗下降3%左右"), targets("单位地区生产总值能耗上升3%左右")
    )
    assert entries[0].what == ("direction",)
    assert entries[0].reason == "单位地区生产总值能耗 下降3%左右 → 3%左右"

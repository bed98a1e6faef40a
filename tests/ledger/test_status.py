"""The status engine, case by case: inputs → status code, colour and explanation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.ledger import status
from luoshi.ledger.status import Inputs, Tolerance, compute

D = Decimal
JULY = dt.date(2022, 7, 2)  # half of 2022 has passed (183/365)


@dataclass(frozen=True)
class Case:
    id: str
    inputs: Inputs
    code: str
    words: str = ""  # a phrase the explanation must hold


def level(value: str | None, target: str = "100", **fields: object) -> Inputs:
    base = Inputs(
        today=JULY,
        period="2022",
        measure="level",
        cumulative=True,
        comparator=">=",
        target=D(target),
        value=None if value is None else D(value),
        reported_as_of=JULY if value is not None else None,
        last_filed=JULY if value is not None else None,
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def rate(
    value: str | None, target: str, comparator: str, direction: str, **fields: object
) -> Inputs:
    return replace(
        level(value, target, measure="rate", cumulative=False, comparator=comparator),
        direction=direction,  # type: ignore[arg-type]
        **fields,  # type: ignore[arg-type]
    )


CASES = [
    # Accumulating levels (新增就业 1.5 万人): progress against the elapsed share of the period.
    Case("level-on-track", level("50"), "达进度", "应有值"),
    Case("level-within-tolerance", level("48"), "达进度"),
    Case("level-behind", level("40"), "欠进度"),
    Case("level-ahead", level("60"), "超进度"),
    Case("level-reached-early", level("100"), "已完成", "提前"),
    Case("level-with-baseline", level("75", baseline=D(50)), "达进度", "起点 50"),
    Case("level-period-ended-met", level("100", today=dt.date(2023, 1, 5)), "已完成"),
    Case("level-period-ended-missed", level("90", today=dt.date(2023, 1, 5)), "未完成"),
    Case("level-no-value", level(None), "无法评估"),
    Case("level-no-value-after-end", level(None, today=dt.date(2023, 2, 1)), "未完成"),
    Case(
        "multi-year-level",
        level(
            "20", period="2022-2026", today=dt.date(2023, 1, 1), reported_as_of=dt.date(2023, 1, 1)
        ),
        "达进度",
    ),
    # Levels read at a point in time (生产总值突破800亿元): the line from the start, when known.
    Case("point-level-no-baseline", level("60", cumulative=False), "欠进度", "时点"),
    Case(
        "point-level-on-its-line",
        level("550", "800", cumulative=False, baseline=D(300), period="2022-2026"),
        "超进度",
        "进度线",
    ),
    Case(
        "point-level-falling-line",
        level("0.94", "0.9", cumulative=False, baseline=D(1), direction="lower"),
        "超进度",
    ),
    Case(
        "point-level-falling-behind",
        level("0.99", "0.9", cumulative=False, baseline=D(1), direction="lower"),
        "欠进度",
    ),
    # Rates read at a point in time, higher is better (地区生产总值增长 7% 左右).
    Case("growth-about-met", rate("6.8", "7", "~", "higher"), "达进度"),
    Case("growth-about-ahead", rate("8", "7", "~", "higher"), "超进度"),
    Case("growth-about-behind", rate("6", "7", "~", "higher"), "欠进度"),
    Case(
        "growth-end-about-met", rate("6.7", "7", "~", "higher", today=dt.date(2023, 1, 2)), "已完成"
    ),
    Case("growth-end-missed", rate("6", "7", "~", "higher", today=dt.date(2023, 1, 2)), "未完成"),
    # Lower is better (失业率 控制在 5.5% 以内, 能耗, PM2.5).
    Case("unemployment-under-cap", rate("5.2", "5.5", "<=", "lower"), "达进度", "越低越好"),
    Case("unemployment-well-under", rate("4.5", "5.5", "<=", "lower"), "超进度"),
    Case("unemployment-over-cap", rate("6.5", "5.5", "<=", "lower"), "欠进度"),
    Case("unemployment-just-over", rate("5.6", "5.5", "<=", "lower"), "达进度"),
    Case("pm25-end-met", rate("30", "35", "<=", "lower", today=dt.date(2023, 1, 2)), "已完成"),
    Case("pm25-end-missed", rate("40", "35", "<=", "lower", today=dt.date(2023, 1, 2)), "未完成"),
    # A range (增长 6%-7%).
    Case("range-inside", rate("6.5", "6", ">=", "higher", target_max=D(7)), "达进度"),
    Case(
        "range-end-above",
        rate("8", "6", ">=", "higher", target_max=D(7), today=dt.date(2023, 1, 2)),
        "未完成",
    ),
    # Ranks: 1 is best.
    Case("rank-better", rate("3", "5", "=", "lower", measure="rank"), "超进度"),
    # Time.
    Case("before-period", level(None, today=dt.date(2021, 12, 1)), "未开始"),
    Case("unreadable-period", level("50", period="十四五"), "无法评估", "无法识别"),
    Case("no-target", level("50", target="0") and replace(level("50"), target=None), "无法评估"),
    # Reporting: a monthly report 15 days late is overdue, whatever the numbers say.
    Case(
        "monthly-overdue",
        level(
            "50",
            today=dt.date(2022, 7, 20),
            cycle="monthly",
            reporting_starts=dt.date(2022, 1, 1),
            last_filed=dt.date(2022, 5, 31),
        ),
        "逾期未报",
        "2022-06-30",
    ),
    Case(
        "monthly-within-grace",
        level(
            "50",
            today=dt.date(2022, 7, 10),
            cycle="monthly",
            reporting_starts=dt.date(2022, 1, 1),
            last_filed=dt.date(2022, 5, 31),
        ),
        "达进度",
    ),
    Case(
        "completed-needs-no-more-reports",
        level(
            "100",
            today=dt.date(2022, 9, 20),
            cycle="monthly",
            reporting_starts=dt.date(2022, 1, 1),
            last_filed=dt.date(2022, 5, 31),
        ),
        "已完成",
    ),
    Case(
        "quarterly-first-not-yet-due",
        level(
            None,
            today=dt.date(2022, 4, 10),
            cycle="quarterly",
            reporting_starts=dt.date(2022, 1, 1),
        ),
        "无法评估",
    ),
    Case(
        "quarterly-first-due",
        level(
            None,
            today=dt.date(2022, 4, 20),
            cycle="quarterly",
            reporting_starts=dt.date(2022, 1, 1),
        ),
        "逾期未报",
    ),
    # Qualitative tasks by milestone.
    Case(
        "task-started-criterion-met",
        Inputs(JULY, "2022", True, criterion="started", milestone="started", reported_as_of=JULY),
        "已完成",
    ),
    Case(
        "task-completed-needs-completion",
        Inputs(JULY, "2022", True, criterion="completed", milestone="started", reported_as_of=JULY),
        "达进度",
    ),
    Case(
        "task-completed",
        Inputs(
            JULY, "2022", True, criterion="completed", milestone="completed", reported_as_of=JULY
        ),
        "已完成",
    ),
    Case(
        "task-early-no-report",
        Inputs(dt.date(2022, 3, 1), "2022", True, criterion="completed"),
        "未开始",
    ),
    Case(
        "task-late-no-report",
        Inputs(dt.date(2022, 9, 1), "2022", True, criterion="completed"),
        "欠进度",
    ),
    Case(
        "task-late-not-started",
        Inputs(dt.date(2022, 9, 1), "2022", True, criterion="completed", reported_as_of=JULY),
        "欠进度",
        "尚未开工",
    ),
    Case(
        "task-ended-unfinished",
        Inputs(
            dt.date(2023, 1, 2),
            "2022",
            True,
            criterion="completed",
            milestone="started",
            reported_as_of=JULY,
        ),
        "未完成",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_status(case: Case) -> None:
    result = compute(case.inputs)
    assert result.code == case.code, result.explanation
    assert result.colour == status.STATUSES[case.code][0]
    assert case.words in result.explanation
    assert result.explanation


COLOURS = {
    "未开始": "green",
    "达进度": "green",
    "超进度": "green",
    "已完成": "green",
    "欠进度": "amber",
    "无法评估": "amber",
    "未完成": "red",
    "逾期未报": "red",
}


def test_every_status_has_its_colour() -> None:
    assert {code: colour for code, (colour, _) in status.STATUSES.items()} == COLOURS


def test_tolerance_bands_come_from_settings() -> None:
    strict = Tolerance(lag=D(0), ahead=D("0.5"))
    assert compute(level("48"), strict).code == "欠进度"
    assert compute(level("60"), strict).code == "达进度"
    assert "容差 0%" in compute(level("48"), strict).explanation


@pytest.mark.parametrize(
    ("indicator", "comparator", "measure", "direction"),
    [
        ("单位GDP能耗", "=", "rate", "lower"),
        ("城镇调查失业率", "~", "rate", "lower"),
        ("PM2.5平均浓度", "=", "level", "lower"),
        ("企业社会保险费率", "=", "rate", "lower"),
        ("地区生产总值", "~", "rate", "higher"),
        ("城镇新增就业", ">=", "level", "higher"),
        ("营商环境评价", "=", "rank", "lower"),
        ("任何指标", "<=", "level", "lower"),
        ("能耗", ">=", "rate", "higher"),  # 下降3%以上: the comparator says which way
        ("单位GDP能耗下降", "=", "rate", "higher"),  # the figure is the cut itself
        ("PM2.5平均浓度降幅", "~", "rate", "higher"),
    ],
)
def test_direction(indicator: str, comparator: str, measure: str, direction: str) -> None:
    assert status.direction_of(indicator, comparator, measure) == direction


def test_a_cut_in_the_quote_reads_as_more_is_better() -> None:
    assert status.direction_of("单位GDP能耗", "=", "rate", "单位GDP能耗下降3%") == "higher"
    assert status.direction_of("单位GDP能耗", "=", "rate", "单位GDP能耗0.5吨标准煤") == "lower"


@pytest.mark.parametrize(
    ("text", "criterion"),
    [
        ("开工建设民勤通用机场", "started"),
        ("建成武威市全民健身中心", "completed"),
        ("推进改革", "completed"),
    ],
)
def test_criterion_from_verb(text: str, criterion: str) -> None:
    assert status.criterion_of(text) == criterion


def test_vocabulary_is_well_formed() -> None:
    words = [word for word, _ in status.LOWER_IS_BETTER]
    assert len(words) == len(set(words)) and all(words)
    assert all(c in status.MILESTONE_ORDER for _, c in status.CRITERION_VERBS)
    assert set(status.CYCLE_MONTHS) == {"monthly", "quarterly"}


def test_roll_up_takes_the_worst_and_reports_the_share() -> None:
    done = status.make("已完成", "")
    behind = status.make("欠进度", "")
    rolled = status.roll_up([(D("0.7"), done), (D("0.3"), behind)])
    assert rolled.code == "欠进度" and "70%" in rolled.explanation
    assert status.roll_up([(D("0.5"), done), (D("0.5"), done)]).code == "已完成"


@given(
    value=st.decimals(min_value=0, max_value=10_000, places=2),
    target=st.decimals(min_value=1, max_value=10_000, places=2),
    day=st.dates(min_value=dt.date(2021, 6, 1), max_value=dt.date(2023, 6, 1)),
)
def test_any_inputs_give_a_known_status_with_words(
    value: Decimal, target: Decimal, day: dt.date
) -> None:
    for inputs in (
        level(str(value), str(target), today=day, reported_as_of=min(day, dt.date(2022, 12, 31))),
        rate(str(value), str(target), "<=", "lower", today=day),
    ):
        result = compute(inputs)
        assert result.code in status.STATUSES and result.explanation


@given(value=st.decimals(min_value=0, max_value=1000, places=1))
def test_more_is_never_worse_for_higher_is_better(value: Decimal) -> None:
    severity = [status.STATUSES[compute(level(str(v))).code][1] for v in (value, value + 10)]
    assert severity[1] <= severity[0]

"""The status engine: a commitment's inputs → its status, colour and explanation.

Pure: no database, no clock. The service layer gathers the inputs (the target,
the latest approved report, the assignment's reporting cycle, today) and calls
``compute``. Each result explains itself in words: the inputs and the formula.

>>> import datetime as dt
>>> from decimal import Decimal
>>> jobs = Inputs(today=dt.date(2022, 7, 2), period="2022", measure="level", comparator=">=",
...               target=Decimal("1.5"), value=Decimal("0.6"), reported_as_of=dt.date(2022, 6, 30))
>>> status = compute(jobs)
>>> status.code, status.colour
('欠进度', 'amber')
>>> status.explanation.split("；")[1]
'已过时间 49.6%，应有值 = 0 + (1.5 − 0) × 49.6% = 0.7438'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from typing import Literal

Direction = Literal["higher", "lower"]

# Status code → (colour, severity used to roll sub-tasks up: the worst one wins).
STATUSES: dict[str, tuple[str, int]] = {
    "未开始": ("green", 0),
    "已完成": ("green", 0),
    "超进度": ("green", 0),
    "达进度": ("green", 1),
    "无法评估": ("amber", 2),
    "欠进度": ("amber", 3),
    "未完成": ("red", 4),
    "逾期未报": ("red", 5),
}

# Indicator words for which a smaller number is better. Columns: word, why.
LOWER_IS_BETTER: tuple[tuple[str, str], ...] = (
    ("能耗", "单位GDP能耗 and other energy intensities"),
    ("能源消耗", "energy consumption"),
    ("碳排放", "carbon emissions"),
    ("二氧化碳", "CO2 per unit of GDP"),
    ("排放", "pollutant emissions"),
    ("费率", "fees and insurance rates"),
    ("PM2.5", "fine particulate concentration"),
    ("PM10", "particulate concentration"),
    ("细颗粒物", "PM2.5 by its Chinese name"),
    ("失业率", "unemployment"),
    ("物价", "consumer price rise (控制在…以内)"),
    ("居民消费价格", "CPI rise"),
    ("赤字", "deficit"),
    ("死亡率", "mortality"),
    ("发生率", "incidence"),
    ("事故", "accidents"),
    ("重污染天数", "days of heavy pollution"),
    ("贫困发生率", "poverty incidence"),
    ("负债率", "debt ratio"),
    ("不良贷款率", "non-performing loans"),
)

# Words saying the figure is the size of a cut (下降3%), not the level of the indicator.
REDUCTION_WORDS = ("下降", "降低", "减少", "压减", "削减", "降幅")

# Milestones of a qualitative task, in order: reaching one reaches those before it.
MILESTONE_ORDER: dict[str, int] = {"none": 0, "started": 1, "completed": 2}

# Completion criteria read from a task's verb. Columns: verb at the task's start, criterion.
CRITERION_VERBS: tuple[tuple[str, str], ...] = (
    ("开工建设", "started"),
    ("开工", "started"),
    ("启动", "started"),
    ("建成", "completed"),
    ("完成", "completed"),
    ("竣工", "completed"),
    ("投运", "completed"),
    ("投产", "completed"),
)

CYCLE_MONTHS: dict[str, int] = {"monthly": 1, "quarterly": 3}

PERIOD = re.compile(r"^(?P<first>\d{4})(?:-(?P<last>\d{4}))?$")


@dataclass(frozen=True, slots=True)
class Tolerance:
    """Bands from settings: lag allowed for 达进度, lead for 超进度, grace days for reports."""

    lag: Decimal = Decimal("0.05")
    ahead: Decimal = Decimal("0.10")
    grace_days: int = 15


@dataclass(frozen=True, slots=True)
class Inputs:
    """What a status is computed from."""

    today: dt.date
    period: str  # "2022" / "2022-2026"
    qualitative: bool = False
    measure: str | None = None  # level / rate / share / rank
    cumulative: bool = True  # a level that accumulates over the period
    comparator: str | None = None  # = >= <= ~
    target: Decimal | None = None
    target_max: Decimal | None = None
    baseline: Decimal | None = None  # where an accumulating level starts (0 when None)
    direction: Direction = "higher"
    criterion: str | None = None  # qualitative: started / completed
    value: Decimal | None = None  # latest approved reported value
    milestone: str = "none"  # latest approved milestone
    reported_as_of: dt.date | None = None  # as-of date of the latest approved report
    last_filed: dt.date | None = None  # as-of date of the latest submitted or approved report
    cycle: str | None = None  # monthly / quarterly; None: not assigned, no report is due
    reporting_starts: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Status:
    code: str
    colour: str
    explanation: str
    inputs: Inputs | None = field(default=None, compare=False)


def make(code: str, explanation: str, inputs: Inputs | None = None) -> Status:
    """A Status with the colour of its code."""
    return Status(code, STATUSES[code][0], explanation, inputs)


def direction_of(
    indicator: str, comparator: str | None, measure: str | None, quote: str = ""
) -> Direction:
    """Which way is better: the comparator says it when it can, else the vocabulary.

    A figure that states a cut (能耗下降3%) counts the cut itself: more is better.
    """
    if comparator == "<=":
        return "lower"
    if comparator == ">=":
        return "higher"
    if measure == "rank":
        return "lower"
    if any(word in indicator for word, _ in LOWER_IS_BETTER):
        if any(word in indicator or word in quote for word in REDUCTION_WORDS):
            return "higher"
        return "lower"
    return "higher"


def criterion_of(text: str) -> str:
    """A qualitative task's completion criterion from its verb (建成 → completed)."""
    for verb, criterion in CRITERION_VERBS:
        if verb in text[:12]:
            return criterion
    return "completed"


@lru_cache(maxsize=1024)
def period_bounds(period: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of a period like "2022" or "2022-2026"; None if unreadable."""
    match = PERIOD.match(period.strip())
    if not match:
        return None
    first = int(match["first"])
    last = int(match["last"] or first)
    if last < first:
        return None
    return dt.date(first, 1, 1), dt.date(last, 12, 31)


def elapsed_share(start: dt.date, end: dt.date, today: dt.date) -> Decimal:
    """Share of the period passed by the end of ``today``, between 0 and 1."""
    total = (end - start).days + 1
    passed = min(max((today - start).days + 1, 0), total)
    return Decimal(passed) / Decimal(total)


def report_due(inputs: Inputs, tolerance: Tolerance) -> dt.date | None:
    """The as-of date of the latest report that should be filed by ``today``, or None."""
    if inputs.cycle is None or inputs.reporting_starts is None:
        return None
    return _due_dates(inputs.cycle, inputs.reporting_starts, inputs.today, tolerance.grace_days)[0]


@lru_cache(maxsize=4096)
def _due_dates(
    cycle: str, starts: dt.date, today: dt.date, grace_days: int
) -> tuple[dt.date | None, dt.date]:
    """The report due by ``today`` (None: none yet) and the last day it stays the one due.

    Cycles end on the last day of every ``months``-th month after reporting starts; the
    report of a cycle is due ``grace_days`` after its end. Assignments share their cycles
    and start dates, hence the cache.
    """
    months = CYCLE_MONTHS[cycle]
    first = starts.year * 12 + starts.month - 1  # months since year 0 of reporting's start
    # Cycle k (k >= 1) ends on the last day of month first + k·months − 1; the first cycle
    # whose end plus the grace days is not yet past is the one still open today.
    late = today - dt.timedelta(days=grace_days)
    late_month = late.year * 12 + late.month - 1
    open_cycle = max(1, -(-(late_month - first + 1) // months))
    due = _cycle_end(first, open_cycle - 1, months) if open_cycle > 1 else None
    return due, _cycle_end(first, open_cycle, months) + dt.timedelta(days=grace_days)


def _cycle_end(first: int, cycle: int, months: int) -> dt.date:
    after = first + cycle * months  # the month after the cycle's last
    return dt.date(after // 12, after % 12 + 1, 1) - dt.timedelta(days=1)


def compute(inputs: Inputs, tolerance: Tolerance | None = None) -> Status:
    """The status of one commitment."""
    tolerance = tolerance or Tolerance()
    bounds = period_bounds(inputs.period)
    if bounds is None:
        return make("无法评估", f"时期“{inputs.period}”无法识别，无法计算应有进度。", inputs)
    start, end = bounds
    if inputs.today < start and inputs.reported_as_of is None:
        return make("未开始", f"时期 {start} 起，今天 {inputs.today} 尚未开始。", inputs)
    if inputs.qualitative:
        found = _qualitative(inputs, start, end)
    else:
        found = _quantitative(inputs, start, end, tolerance)
    if found.code in ("已完成", "未完成"):
        return found  # done, or the period is over: no report is due any more
    due = report_due(inputs, tolerance)
    if due is not None and (inputs.last_filed is None or inputs.last_filed < due):
        last = inputs.last_filed or "无"
        return make(
            "逾期未报",
            f"报送周期 {inputs.cycle}，截至 {due} 的进度应在 {tolerance.grace_days} 天内报送；"
            f"最近报送截至 {last}。按已审核的数据：{found.code}——{found.explanation}",
            inputs,
        )
    return found


def _qualitative(inputs: Inputs, start: dt.date, end: dt.date) -> Status:
    criterion = inputs.criterion or "completed"
    reached = MILESTONE_ORDER.get(inputs.milestone, 0)
    needed = MILESTONE_ORDER[criterion]
    words = (
        f"完成标准：{_MILESTONE_WORDS[criterion]}；"
        f"经审核的最新进展：{_MILESTONE_WORDS[inputs.milestone]}"
    )
    if reached >= needed:
        return make("已完成", f"{words}，已达到完成标准。", inputs)
    if inputs.today > end:
        return make("未完成", f"{words}；时期 {end} 已结束，未达到完成标准。", inputs)
    if inputs.reported_as_of is None:
        share = elapsed_share(start, end, inputs.today)
        if share <= Decimal("0.5"):
            return make("未开始", f"{words}；尚无经审核的进度报告，时期已过 {share:.0%}。", inputs)
        return make("欠进度", f"{words}；时期已过 {share:.0%}，仍无经审核的进度报告。", inputs)
    if reached == 0 and needed == 2 and elapsed_share(start, end, inputs.today) > Decimal("0.5"):
        return make("欠进度", f"{words}；时期已过一半，尚未开工。", inputs)
    return make("达进度", f"{words}；进展经审核，按里程碑推进。", inputs)


_MILESTONE_WORDS = {"none": "尚未开工", "started": "已开工/启动", "completed": "已建成/完成"}


def _met(inputs: Inputs, value: Decimal, target: Decimal, lag: Decimal) -> bool:
    """Whether ``value`` meets the target (``~`` allows the lag band on the bad side)."""
    slack = abs(target) * lag if inputs.comparator == "~" else Decimal(0)
    if inputs.target_max is not None:
        return target - slack <= value <= inputs.target_max + slack
    if inputs.direction == "lower":
        return value <= target + slack
    return value >= target - slack


def _quantitative(inputs: Inputs, start: dt.date, end: dt.date, tolerance: Tolerance) -> Status:
    target = inputs.target
    if target is None:
        return make("无法评估", "没有目标值，无法比较。", inputs)
    if inputs.value is None:
        if inputs.today > end:
            return make("未完成", f"时期 {end} 已结束，没有经审核的报送值。", inputs)
        return make("无法评估", "尚无经审核的报送值。", inputs)
    value = inputs.value
    goal = f"目标 {inputs.comparator or '='} {_num(target)}" + (
        f"–{_num(inputs.target_max)}" if inputs.target_max is not None else ""
    )
    seen = f"截至 {inputs.reported_as_of} 报送值 {_num(value)}"
    better = "越低越好" if inputs.direction == "lower" else "越高越好"
    met = _met(inputs, value, target, tolerance.lag)
    if inputs.today > end:
        code = "已完成" if met else "未完成"
        explanation = f"{goal}（{better}），{seen}；时期 {end} 已结束，{_yes(met)}达到目标。"
        return make(code, explanation, inputs)
    accumulating = inputs.measure == "level" and inputs.cumulative
    if accumulating and met and inputs.direction == "higher":
        return make("已完成", f"累计型指标，{goal}，{seen}，已提前达到目标。", inputs)
    # A level read at a point in time, with a known starting level, follows the line
    # from that start to the target; without one it can only be compared with the target.
    trajectory = inputs.measure == "level" and not inputs.cumulative and inputs.baseline is not None
    if accumulating or trajectory:
        return _accumulating(inputs, start, end, tolerance, value, target, goal, seen)
    return _point(inputs, tolerance, value, target, goal, seen, better, met)


def _accumulating(
    inputs: Inputs,
    start: dt.date,
    end: dt.date,
    tolerance: Tolerance,
    value: Decimal,
    target: Decimal,
    goal: str,
    seen: str,
) -> Status:
    base = inputs.baseline or Decimal(0)
    day = inputs.reported_as_of or inputs.today
    share = elapsed_share(start, end, day)
    expected = base + (target - base) * share
    kind = "累计型指标" if inputs.cumulative else "时点型指标，按起点到目标的进度线"
    if expected == base:
        return make("达进度", f"{kind}，{goal}，{seen}；时期刚开始，应有进度为 0。", inputs)
    if inputs.direction == "higher" or not inputs.cumulative:
        ratio = (value - base) / (expected - base)  # both negative when the line falls
    else:  # a cap on what accumulates: staying under the path is ahead of it
        ratio = (expected - base) / (value - base) if value > base else Decimal(99)
    formula = (
        f"{kind}，{goal}，起点 {_num(base)}；已过时间 {share:.1%}，"
        f"应有值 = {_num(base)} + ({_num(target)} − {_num(base)}) × {share:.1%}"
        f" = {_num(expected)}；"
        f"{seen}，为应有进度的 {ratio:.1%}"
        f"（容差 {tolerance.lag:.0%}，超前阈值 {tolerance.ahead:.0%}）"
    )
    return make(_band(ratio, tolerance), formula + "。", inputs)


def _point(
    inputs: Inputs,
    tolerance: Tolerance,
    value: Decimal,
    target: Decimal,
    goal: str,
    seen: str,
    better: str,
    met: bool,
) -> Status:
    kind = {"rate": "速度", "share": "比重", "rank": "位次"}.get(inputs.measure or "", "时点")
    if target == 0:
        code = "达进度" if met else "欠进度"
        return make(
            code, f"{kind}型指标，{goal}（{better}），{seen}，{_yes(met)}达到目标。", inputs
        )
    ratio = value / target if inputs.direction == "higher" else target / value if value else None
    if ratio is None:
        return make("超进度", f"{kind}型指标，{goal}（{better}），{seen}。", inputs)
    formula = (
        f"{kind}型指标，按时点比较：{goal}（{better}），{seen}，"
        f"为目标的 {ratio:.1%}（容差 {tolerance.lag:.0%}，超前阈值 {tolerance.ahead:.0%}）"
    )
    code = _band(ratio, tolerance)
    if met and code == "欠进度":
        code = "达进度"
    return make(code, formula + "。", inputs)


def _band(ratio: Decimal, tolerance: Tolerance) -> str:
    if ratio >= 1 + tolerance.ahead:
        return "超进度"
    if ratio >= 1 - tolerance.lag:
        return "达进度"
    return "欠进度"


def roll_up(children: list[tuple[Decimal, Status]]) -> Status:
    """A split commitment's status from its weighted sub-tasks: the worst, and the share done."""
    if not children:
        return make("无法评估", "没有子任务。")
    total = sum((weight for weight, _ in children), Decimal(0)) or Decimal(1)
    done = sum((w for w, s in children if s.code == "已完成"), Decimal(0)) / total
    lines = "；".join(f"子任务（权重 {_num(w)}）{s.code}" for w, s in children)
    if done == 1:
        return make("已完成", f"全部子任务已完成：{lines}。")
    worst = max(children, key=lambda item: STATUSES[item[1].code][1])[1]
    code = worst.code if worst.code != "已完成" else "达进度"
    return make(code, f"按权重完成 {done:.0%}；取最差的子任务状态：{lines}。")


def _num(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{round(value, 4).normalize():f}"


def _yes(flag: bool) -> str:
    return "已" if flag else "未"


# How far ahead ``stable_until`` looks for the day a qualitative task's elapsed share shows a
# new percentage; a task whose text has not changed by then is simply computed again.
SHARE_HORIZON_DAYS = 62


def stable_until(inputs: Inputs, code: str, tolerance: Tolerance | None = None) -> dt.date | None:
    """The last day ``compute`` gives the same status for these inputs (None: every day on).

    Conservative: it may name an earlier day than the true one, never a later one. ``code`` is
    the status computed for ``inputs.today``. Reports dated after ``today`` are the caller's to
    account for (they are not in the inputs until their day comes).
    """
    tolerance = tolerance or Tolerance()
    bounds = period_bounds(inputs.period)
    if bounds is None:
        return None
    start, end = bounds
    today = inputs.today
    if today < start and inputs.reported_as_of is None:
        return today  # the explanation names today
    limits: list[dt.date] = []
    if today <= end:
        limits.append(end)  # the next day the period is over
        if inputs.qualitative:
            limits.append(_qualitative_until(inputs, start, end))
    if code not in ("已完成", "未完成"):
        due = _due_until(inputs, tolerance)
        if due is not None:
            limits.append(due)
    return min(limits, default=None)


def _due_until(inputs: Inputs, tolerance: Tolerance) -> dt.date | None:
    """The last day ``report_due`` gives the answer it gives today (None: not assigned)."""
    if inputs.cycle is None or inputs.reporting_starts is None:
        return None
    return _due_dates(inputs.cycle, inputs.reporting_starts, inputs.today, tolerance.grace_days)[1]


def _qualitative_until(inputs: Inputs, start: dt.date, end: dt.date) -> dt.date:
    """The last day in the period a qualitative task's status reads as it does today."""
    reached = MILESTONE_ORDER.get(inputs.milestone, 0)
    needed = MILESTONE_ORDER[inputs.criterion or "completed"]
    if reached >= needed:
        return end
    if inputs.reported_as_of is not None:
        if reached != 0 or needed != 2:
            return end
        total = (end - start).days + 1
        half_passed = start + dt.timedelta(days=total // 2)  # first day past half the period
        return half_passed - dt.timedelta(days=1) if inputs.today < half_passed else end
    # No report yet: the text shows the share passed, so look for the day it next changes.
    now = _qualitative(inputs, start, end)
    day = inputs.today
    last = min(end, inputs.today + dt.timedelta(days=SHARE_HORIZON_DAYS))
    while day < last:
        following = day + dt.timedelta(days=1)
        later = _qualitative(replace(inputs, today=following), start, end)
        if (later.code, later.explanation) != (now.code, now.explanation):
            return day
        day = following
    return last

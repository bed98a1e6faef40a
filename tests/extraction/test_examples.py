"""Example tables: sentences of work reports and the figures the spec says they hold.

In the manner of price-parser's ``tests/test_price_parsing.py``: one example type,
lists grouped by where the sentence came from, each case its own test with a readable
id. The expectations follow ``shared/spec/figures.md`` and the annotators' notes in
``shared/gold/notes/``, not what the extractor happens to do; known misses are marked
``xfail(strict=True)`` at the end of this file.

A sentence alone has no plan year and no part, so each case is set inside a tiny
synthetic report (``build_report``): the speech's header line, the part heading its
context names, then the sentence. Expected spans are found in the sentence and shifted
to the wrapped text.

Sources: STATE_COUNCIL_2022 / STATE_COUNCIL_2023 are sentences of
``shared/corpus/national``; PROVINCES_2025 of ``shared/corpus/provinces-2025`` (some
trimmed to the clause that matters); CITY, FULL_WIDTH and NEGATIVES are written for
these tests in the genre of city and county reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, NamedTuple

import pytest

import luoshi
from luoshi.extraction.figure import COMPARATORS, KINDS, MEASURES, Figure
from tests.extraction._shared import indicator_f1, indicator_ok, same_number, same_unit

Part = Literal["review", "plan", "term_review", "term_plan", "appendix", "glossary"]
Body = Literal["national", "province", "city", "county"]


@dataclass(frozen=True)
class Context:
    """Where a sentence stands: the report's plan year, its part, who speaks."""

    plan_year: int
    part: Part
    body: Body = "province"

    def default_kind(self) -> str:
        return "actual" if self.part in ("review", "term_review") else "target"

    def closing(self) -> bool:
        """Whether the sentence stands after the speech, in an appendix or a glossary."""
        return self.part in CLOSING_HEADINGS

    def default_period(self) -> str:
        year = self.plan_year
        return {
            "review": str(year - 1),  # 2023年工作回顾 in the 2024 report
            "plan": str(year),  # 2024年工作安排
            "term_review": f"{year - 5}-{year - 1}",  # 过去五年: the congress term
            "term_plan": f"{year}-{year + 4}",  # 今后五年: five years from the plan year
            "appendix": str(year),  # 附件1 2025年十件民生实事: the plan year's targets
            "glossary": str(year),  # an entry's goal with no period of its own
        }[self.part]


class Fig(NamedTuple):
    """One expected figure. ``kind``/``period`` None: the context's default."""

    written: str  # the number as written, magnitude included: text[start:end]
    value: float
    unit: str
    indicator: str
    measure: str = "level"
    comparator: str = "="
    kind: str | None = None
    period: str | None = None
    value_max: float | None = None
    after: str = ""  # find ``written`` only after this text (when it occurs earlier)


@dataclass(frozen=True)
class Example:
    sentence: str
    context: Context
    figures: tuple[Fig, ...] = ()


F = Fig
NAT22_REVIEW = Context(2022, "review", "national")
NAT22_PLAN = Context(2022, "plan", "national")
NAT23_REVIEW = Context(2023, "review", "national")
NAT23_TERM = Context(2023, "term_review", "national")
NAT23_PLAN = Context(2023, "plan", "national")
PROV_REVIEW = Context(2025, "review")
PROV_PLAN = Context(2025, "plan")
CITY_REVIEW = Context(2024, "review", "city")
CITY_PLAN = Context(2024, "plan", "city")
CITY_TERM = Context(2024, "term_review", "city")
CITY_TERM_PLAN = Context(2024, "term_plan", "city")
COUNTY_REVIEW = Context(2024, "review", "county")
COUNTY_PLAN = Context(2024, "plan", "county")
PROV_APPENDIX = Context(2025, "appendix")
PROV_GLOSSARY = Context(2025, "glossary")

HEADERS: dict[Body, str] = {
    "national": "政府工作报告\n——{y}年3月5日在第十四届全国人民代表大会第一次会议上\n国务院总理",
    "province": (
        "{y}年XX省政府工作报告\n——{y}年1月20日在XX省第十四届人民代表大会第三次会议上\nXX省省长"
    ),
    "city": "政府工作报告\n——{y}年1月10日在XX市第五届人民代表大会第四次会议上\nXX市市长",
    "county": "政府工作报告\n——{y}年1月8日在XX县第十八届人民代表大会第四次会议上\nXX县县长",
}
PART_HEADINGS: dict[Part, str] = {
    "review": "一、{last}年工作回顾",
    "plan": "二、{y}年工作安排",
    "term_review": "一、过去五年工作回顾",
    "term_plan": "二、今后五年奋斗目标",
}
# After the speech: an appendix's marker and title, a glossary's heading.
CLOSING_HEADINGS: dict[Part, str] = {
    "appendix": "附件1\n{y}年省十件民生实事",
    "glossary": "附件2 名词解释",
}
CLOSING_ADDRESS = "各位代表！让我们团结一心，开拓进取。"


def build_report(sentence: str, context: Context) -> tuple[str, int]:
    """A minimal report around ``sentence``; returns the text and the sentence's offset."""
    year = context.plan_year
    header = HEADERS[context.body].format(y=year)
    if context.closing():
        plan = PART_HEADINGS["plan"].format(y=year)
        closing = CLOSING_HEADINGS[context.part].format(y=year)
        before = f"{header}\n\n各位代表：\n\n{plan}\n\n{CLOSING_ADDRESS}\n\n{closing}\n"
        text = f"{before}{sentence}\n"
        return text, text.index(sentence, len(before) - 1)
    heading = PART_HEADINGS[context.part].format(y=year, last=year - 1)
    before = f"{header}\n\n各位代表：\n\n{heading}\n\n"
    text = f"{before}{sentence}\n\n{CLOSING_ADDRESS}\n"
    offset = text.index(sentence, len(before) - 1)
    return text, offset


# --- State Council, report of 2022 (reviews 2021, plans 2022) -------------------------------

STATE_COUNCIL_2022 = {
    "gdp-114-trillion": Example(
        "国内生产总值达到114万亿元，增长8.1%。",
        NAT22_REVIEW,
        (F("114万亿", 114, "万亿元", "国内生产总值"), F("8.1", 8.1, "%", "国内生产总值", "rate")),
    ),
    "revenue-breaks-20-trillion": Example(
        "全国财政收入突破20万亿元，增长10.7%。",
        NAT22_REVIEW,
        (
            F("20万亿", 20, "万亿元", "财政收入", "level", ">="),
            F("10.7", 10.7, "%", "财政收入", "rate"),
        ),
    ),
    "jobs-and-unemployment": Example(
        "城镇新增就业1269万人，城镇调查失业率平均为5.1%。",
        NAT22_REVIEW,
        (
            F("1269万", 1269, "万人", "城镇新增就业"),
            F("5.1", 5.1, "%", "城镇调查失业率", "share"),
        ),
    ),
    "cpi-up": Example(
        "居民消费价格上涨0.9%。", NAT22_REVIEW, (F("0.9", 0.9, "%", "居民消费价格", "rate"),)
    ),
    "grain-trillion-jin": Example(
        "粮食产量1.37万亿斤，创历史新高。",
        NAT22_REVIEW,
        (F("1.37万亿", 1.37, "万亿斤", "粮食产量"),),
    ),
    "market-entities-over": Example(
        "市场主体总量超过1.5亿户。",
        NAT22_REVIEW,
        (F("1.5亿", 1.5, "亿户", "市场主体总量", "level", ">="),),
    ),
    "pm25-is-a-name": Example(
        "地级及以上城市细颗粒物（PM2.5）平均浓度下降9.1%。",
        NAT22_REVIEW,
        (F("9.1", 9.1, "%", "地级及以上城市细颗粒物（PM2.5）平均浓度", "rate"),),
    ),
    "old-estates-renovated": Example(
        "新开工改造城镇老旧小区5.6万个。",
        NAT22_REVIEW,
        (F("5.6万", 5.6, "万个", "新开工改造城镇老旧小区"),),
    ),
    "vaccination-coverage": Example(
        "疫苗全程接种覆盖率超过85%。",
        NAT22_REVIEW,
        (F("85", 85, "%", "疫苗全程接种覆盖率", "share", ">="),),
    ),
    "direct-funds": Example(
        "将2.8万亿元中央财政资金纳入直达范围。",
        NAT22_REVIEW,
        (F("2.8万亿", 2.8, "万亿元", "中央财政资金纳入直达范围"),),
    ),
    "tax-cuts-over-a-trillion": Example(
        "去年新增减税降费超过1万亿元。",
        NAT22_REVIEW,
        (F("1万亿", 1, "万亿元", "新增减税降费", "level", ">="),),
    ),
    "small-business-loans": Example(
        "银行业金融机构普惠小微企业贷款增长27.3%，大型商业银行普惠小微企业贷款增幅超过40%。",
        NAT22_REVIEW,
        (
            F("27.3", 27.3, "%", "银行业金融机构普惠小微企业贷款", "rate"),
            F("40", 40, "%", "大型商业银行普惠小微企业贷款", "rate", ">="),
        ),
    ),
    "grain-farmer-subsidy": Example(
        "对种粮农民一次性发放200亿元补贴。",
        NAT22_REVIEW,
        (F("200亿", 200, "亿元", "种粮农民一次性补贴"),),
    ),
    "key-assistance-counties": Example(
        "确定160个国家乡村振兴重点帮扶县。",
        NAT22_REVIEW,
        (F("160", 160, "个", "国家乡村振兴重点帮扶县"),),
    ),
    "renewable-capacity": Example(
        "可再生能源发电装机规模突破10亿千瓦。",
        NAT22_REVIEW,
        (F("10亿", 10, "亿千瓦", "可再生能源发电装机规模", "level", ">="),),
    ),
    "duo-between-number-and-magnitude": Example(
        "提高学生营养改善计划补助标准，3700多万学生受益。",
        NAT22_REVIEW,
        (F("3700多万", 3700, "万", "学生营养改善计划受益学生", "level", "~"),),
    ),
    "settlement-rate": Example(
        "住院费用跨省直接结算率达到60%。",
        NAT22_REVIEW,
        (F("60", 60, "%", "住院费用跨省直接结算率", "share"),),
    ),
    "bills-and-regulations": Example(
        "提请全国人大常委会审议法律议案10件，制定修订行政法规15部。",
        NAT22_REVIEW,
        (
            F("10", 10, "件", "提请全国人大常委会审议法律议案"),
            F("15", 15, "部", "制定修订行政法规"),
        ),
    ),
    "new-pilot-zones": Example(
        "新增4个服务业扩大开放综合试点。",
        NAT22_REVIEW,
        (F("4", 4, "个", "新增服务业扩大开放综合试点"),),
    ),
    "change-as-amount": Example(
        "国家助学贷款每人每年最高额度增加4000元。",
        NAT22_REVIEW,
        (F("4000", 4000, "元", "国家助学贷款每人每年最高额度增加"),),
    ),
    "main-targets-2022": Example(
        "今年发展主要预期目标是：国内生产总值增长5.5%左右；城镇新增就业1100万人以上，"
        "城镇调查失业率全年控制在5.5%以内；居民消费价格涨幅3%左右；"
        "居民收入增长与经济增长基本同步；粮食产量保持在1.3万亿斤以上。",
        NAT22_PLAN,
        (
            F("5.5", 5.5, "%", "国内生产总值", "rate", "~"),
            F("1100万", 1100, "万人", "城镇新增就业", "level", ">="),
            F("5.5", 5.5, "%", "城镇调查失业率", "share", "<="),
            F("3", 3, "%", "居民消费价格", "rate", "~"),
            F("1.3万亿", 1.3, "万亿斤", "粮食产量", "level", ">="),
        ),
    ),
    "deficit-ratio-about": Example(
        "今年赤字率拟按2.8%左右安排、比去年有所下调。",
        NAT22_PLAN,
        (F("2.8", 2.8, "%", "赤字率", "share", "~"),),
    ),
    "spending-up-2-trillion": Example(
        "支出规模比去年扩大2万亿元以上，可用财力明显增加。",
        NAT22_PLAN,
        (F("2万亿", 2, "万亿元", "支出规模扩大", "level", ">="),),
    ),
    "central-spending-growth": Example(
        "今年安排中央本级支出增长3.9%。",
        NAT22_PLAN,
        (F("3.9", 3.9, "%", "中央本级支出", "rate"),),
    ),
    "transfers-about-and-near": Example(
        "中央对地方转移支付增加约1.5万亿元、规模近9.8万亿元，增长18%。",
        NAT22_PLAN,
        (
            F("1.5万亿", 1.5, "万亿元", "中央对地方转移支付增加", "level", "~"),
            F("9.8万亿", 9.8, "万亿元", "中央对地方转移支付规模", "level", "~"),
            F("18", 18, "%", "中央对地方转移支付", "rate"),
        ),
    ),
    "special-bonds": Example(
        "今年拟安排地方政府专项债券3.65万亿元。",
        NAT22_PLAN,
        (F("3.65万亿", 3.65, "万亿元", "地方政府专项债券"),),
    ),
    "budget-investment": Example(
        "中央预算内投资安排6400亿元。",
        NAT22_PLAN,
        (F("6400亿", 6400, "亿元", "中央预算内投资"),),
    ),
    "new-farmland-and-a-batch": Example(
        "加强中低产田改造，新建1亿亩高标准农田，新建改造一批大中型灌区。",
        NAT22_PLAN,
        (F("1亿", 1, "亿亩", "新建高标准农田"),),
    ),
    "subsidies-raised-respectively": Example(
        "居民医保和基本公共卫生服务经费人均财政补助标准分别再提高30元和5元。",
        NAT22_PLAN,
        (
            F("30", 30, "元", "居民医保人均财政补助标准提高"),
            F("5", 5, "元", "基本公共卫生服务经费人均财政补助标准提高"),
        ),
    ),
}

# --- State Council, report of 2023 (reviews 2022 and the term 2018-2022, plans 2023) ------

STATE_COUNCIL_2023 = {
    "year-2022-headline": Example(
        "全年国内生产总值增长3%，城镇新增就业1206万人，年末城镇调查失业率降到5.5%，"
        "居民消费价格上涨2%。",
        NAT23_REVIEW,
        (
            F("3", 3, "%", "国内生产总值", "rate"),
            F("1206万", 1206, "万人", "城镇新增就业"),
            F("5.5", 5.5, "%", "城镇调查失业率", "share"),
            F("2", 2, "%", "居民消费价格", "rate"),
        ),
    ),
    "deficit-held-at": Example(
        "财政赤字率控制在2.8%，中央财政收支符合预算、支出略有结余。",
        NAT23_REVIEW,
        (F("2.8", 2.8, "%", "财政赤字率", "share"),),
    ),
    "grain-and-increase": Example(
        "粮食产量1.37万亿斤，增产74亿斤。",
        NAT23_REVIEW,
        (F("1.37万亿", 1.37, "万亿斤", "粮食产量"), F("74亿", 74, "亿斤", "粮食增产")),
    ),
    "tax-refunds-over-and-duo": Example(
        "全年增值税留抵退税超过2.4万亿元，新增减税降费超过1万亿元，缓税缓费7500多亿元。",
        NAT23_REVIEW,
        (
            F("2.4万亿", 2.4, "万亿元", "增值税留抵退税", "level", ">="),
            F("1万亿", 1, "万亿元", "新增减税降费", "level", ">="),
            F("7500多亿", 7500, "亿元", "缓税缓费", "level", "~"),
        ),
    ),
    "investment-respectively": Example(
        "全年基础设施、制造业投资分别增长9.4%、9.1%，带动固定资产投资增长5.1%。",
        NAT23_REVIEW,
        (
            F("9.4", 9.4, "%", "基础设施投资", "rate"),
            F("9.1", 9.1, "%", "制造业投资", "rate"),
            F("5.1", 5.1, "%", "固定资产投资", "rate"),
        ),
    ),
    "migrant-work-over": Example(
        "脱贫人口务工规模超过3200万人、实现稳中有增。",
        NAT23_REVIEW,
        (F("3200万", 3200, "万人", "脱贫人口务工规模", "level", ">="),),
    ),
    "gdp-term-and-decade": Example(
        "国内生产总值增加到121万亿元，五年年均增长5.2%，十年增加近70万亿元、年均增长6.2%。",
        NAT23_TERM,
        (
            F("121万亿", 121, "万亿元", "国内生产总值"),
            F("5.2", 5.2, "%", "国内生产总值", "rate"),
            F("70万亿", 70, "万亿元", "国内生产总值增加", "level", "~", period="2013-2022"),
            F("6.2", 6.2, "%", "国内生产总值", "rate", period="2013-2022"),
        ),
    ),
    "term-pair-without-years": Example(
        "制造业贷款余额从16.3万亿元增加到27.4万亿元。",
        NAT23_TERM,
        (
            F("16.3万亿", 16.3, "万亿元", "制造业贷款余额", period="2017"),
            F("27.4万亿", 27.4, "万亿元", "制造业贷款余额", period="2022"),
        ),
    ),
    "share-of-spending-for-livelihoods": Example(
        "财政支出70%以上用于民生。",
        NAT23_TERM,
        (F("70", 70, "%", "财政支出用于民生比重", "share", ">="),),
    ),
    "years-of-schooling": Example(
        "新增劳动力平均受教育年限从13.5年提高到14年。",
        NAT23_TERM,
        (
            F("13.5", 13.5, "年", "新增劳动力平均受教育年限", period="2017"),
            F("14", 14, "年", "新增劳动力平均受教育年限", period="2022"),
        ),
    ),
    "price-subsidy-beneficiaries": Example(
        "向更多低收入群众发放价格补贴，约6700万人受益。",
        NAT23_REVIEW,
        (F("6700万", 6700, "万人", "价格补贴受益", comparator="~"),),
    ),
    "many-years-cumulative": Example(
        "多年累计改造棚户区住房4200多万套。",
        NAT23_TERM,
        (F("4200多万", 4200, "万套", "改造棚户区住房", comparator="~"),),
    ),
    "threshold-qualified-on-both-ends": Example(
        "阶段性将小规模纳税人增值税起征点从月销售额3万元提高到15万元。",
        NAT23_TERM,
        (
            F("3万", 3, "万元", "小规模纳税人增值税起征点", period="2017"),
            F("15万", 15, "万元", "小规模纳税人增值税起征点", period="2022"),
        ),
    ),
    "costs-named-after-their-examples": Example(
        "完全化解了历史上承担的国有商业银行和农村信用社等14486亿元金融改革成本。",
        NAT23_TERM,
        (F("14486亿", 14486, "亿元", "化解金融改革成本"),),
    ),
    "revenue-rose-to": Example(
        "财政收入增加到20.4万亿元。",
        NAT23_TERM,
        (F("20.4万亿", 20.4, "万亿元", "财政收入"),),
    ),
    "industry-breaks-40-trillion": Example(
        "工业增加值突破40万亿元。",
        NAT23_TERM,
        (F("40万亿", 40, "万亿元", "工业增加值", "level", ">="),),
    ),
    "jobs-yearly-average-duo": Example(
        "城镇新增就业年均1270多万人。",
        NAT23_TERM,
        (F("1270多万", 1270, "万人", "城镇新增就业", "level", "~"),),
    ),
    "reserves-in-dollars": Example(
        "外汇储备稳定在3万亿美元以上。",
        NAT23_TERM,
        (F("3万亿", 3, "万亿美元", "外汇储备", "level", ">="),),
    ),
    "contribution-share-over": Example(
        "科技进步贡献率提高到60%以上。",
        NAT23_TERM,
        (F("60", 60, "%", "科技进步贡献率", "share", ">="),),
    ),
    "value-added-respectively-yearly": Example(
        "高技术制造业、装备制造业增加值年均分别增长10.6%、7.9%。",
        NAT23_TERM,
        (
            F("10.6", 10.6, "%", "高技术制造业增加值", "rate"),
            F("7.9", 7.9, "%", "装备制造业增加值", "rate"),
        ),
    ),
    "rural-roads-wan-km": Example(
        "新建改建农村公路125万公里。",
        NAT23_TERM,
        (F("125万", 125, "万公里", "新建改建农村公路"),),
    ),
    "airport-person-times": Example(
        "新增机场容量4亿人次。",
        NAT23_TERM,
        (F("4亿", 4, "亿人次", "新增机场容量"),),
    ),
    "capacity-rate-over": Example(
        "发电装机容量增长40%以上。",
        NAT23_TERM,
        (F("40", 40, "%", "发电装机容量", "rate", ">="),),
    ),
    "energy-and-carbon-intensity": Example(
        "单位国内生产总值能耗下降8.1%、二氧化碳排放下降14.1%。",
        NAT23_TERM,
        (
            F("8.1", 8.1, "%", "单位国内生产总值能耗", "rate"),
            F("14.1", 14.1, "%", "单位国内生产总值二氧化碳排放", "rate"),
        ),
    ),
    "parks-and-reserves-duo": Example(
        "设立首批5个国家公园，建立各级各类自然保护地9000多处。",
        NAT23_TERM,
        (
            F("5", 5, "个", "设立首批国家公园"),
            F("9000", 9000, "处", "建立各级各类自然保护地", "level", "~"),
        ),
    ),
    "cpi-yearly-average": Example(
        "居民消费价格年均上涨2.1%。",
        NAT23_TERM,
        (F("2.1", 2.1, "%", "居民消费价格", "rate"),),
    ),
    "deficit-within-debt-about": Example(
        "合理把握赤字规模，五年总体赤字率控制在3%以内，政府负债率控制在50%左右。",
        NAT23_TERM,
        (
            F("3", 3, "%", "总体赤字率", "share", "<="),
            F("50", 50, "%", "政府负债率", "share", "~"),
        ),
    ),
    "tax-cuts-cumulative": Example(
        "减税降费公平普惠、高效直达，五年累计减税5.4万亿元、降费2.8万亿元。",
        NAT23_TERM,
        (F("5.4万亿", 5.4, "万亿元", "减税"), F("2.8万亿", 2.8, "万亿元", "降费")),
    ),
    "innovation-week-sessions": Example(
        "连续举办8届全国双创活动周、超过5.2亿人次参与。",
        NAT23_TERM,
        (
            F("8", 8, "届", "举办全国双创活动周"),
            F("5.2亿", 5.2, "亿人次", "全国双创活动周参与", "level", ">="),
        ),
    ),
    "vocational-enrolment": Example(
        "实施高职扩招和职业技能提升三年行动，累计扩招413万人。",
        NAT23_TERM,
        (F("413万", 413, "万人", "高职扩招"),),
    ),
    "year-end-stocks-dated": Example(
        "去年底企业数量超过5200万户、个体工商户超过1.1亿户，市场主体总量超过1.6亿户。",
        NAT23_TERM,
        (
            F("5200万", 5200, "万户", "企业数量", "level", ">=", period="2022"),
            F("1.1亿", 1.1, "亿户", "个体工商户", "level", ">=", period="2022"),
            F("1.6亿", 1.6, "亿户", "市场主体总量", "level", ">=", period="2022"),
        ),
    ),
    "basic-research-doubled": Example(
        "全国基础研究经费五年增长1倍。",
        NAT23_TERM,
        (F("1", 1, "倍", "基础研究经费", "rate"),),
    ),
    "specialised-firms-wan-duo": Example(
        "专精特新中小企业达7万多家。",
        NAT23_TERM,
        (F("7万", 7, "万家", "专精特新中小企业", "level", "~"),),
    ),
    "export-rebate-days-within": Example(
        "企业出口退税办理时间压缩至6个工作日以内。",
        NAT23_TERM,
        (F("6", 6, "个工作日", "企业出口退税办理时间", "level", "<="),),
    ),
    "new-pilot-zones-and-a-batch": Example(
        "新设152个跨境电商综试区，支持建设一批海外仓。",
        NAT23_TERM,
        (F("152", 152, "个", "新设跨境电商综试区"),),
    ),
    "customs-time-cut-respectively": Example(
        "进口、出口通关时间分别压减67%和92%。",
        NAT23_TERM,
        (
            F("67", 67, "%", "进口通关时间", "rate"),
            F("92", 92, "%", "出口通关时间", "rate"),
        ),
    ),
    "air-quality-share-and-points": Example(
        "地级及以上城市空气质量优良天数比例达86.5%、上升4个百分点。",
        NAT23_TERM,
        (
            F("86.5", 86.5, "%", "地级及以上城市空气质量优良天数比例", "share"),
            F("4", 4, "个百分点", "地级及以上城市空气质量优良天数比例", "rate"),
        ),
    ),
    "cheng-tenths-chinese": Example(
        "重污染天数下降超过五成。",
        NAT23_TERM,
        (F("五", 5, "成", "重污染天数", "rate", ">="),),
    ),
    "one-share-two-indicators": Example(
        "森林覆盖率达到24%，草原综合植被盖度和湿地保护率均达50%以上。",
        NAT23_TERM,
        (
            F("24", 24, "%", "森林覆盖率", "share"),
            F("50", 50, "%", "草原综合植被盖度和湿地保护率", "share", ">="),
        ),
    ),
    "unit-written-once-for-a-list": Example(
        "水土流失、荒漠化、沙化土地面积分别净减少10.6万、3.8万、3.3万平方公里。",
        NAT23_TERM,
        (
            F("10.6万", 10.6, "万平方公里", "水土流失面积净减少"),
            F("3.8万", 3.8, "万平方公里", "荒漠化土地面积净减少"),
            F("3.3万", 3.3, "万平方公里", "沙化土地面积净减少"),
        ),
    ),
    "medical-centres": Example(
        "设置13个国家医学中心，布局建设76个国家区域医疗中心。",
        NAT23_TERM,
        (
            F("13", 13, "个", "设置国家医学中心"),
            F("76", 76, "个", "布局建设国家区域医疗中心"),
        ),
    ),
    "bills-and-jianci": Example(
        "提请全国人大常委会审议法律议案50件，制定修订行政法规180件次。",
        NAT23_TERM,
        (
            F("50", 50, "件", "提请全国人大常委会审议法律议案"),
            F("180", 180, "件次", "制定修订行政法规"),
        ),
    ),
    "relief-person-times": Example(
        "年均临时救助1100万人次。",
        NAT23_TERM,
        (F("1100万", 1100, "万人次", "临时救助"),),
    ),
    "procurement-savings-over": Example(
        "推行药品和医用耗材集中带量采购，降低费用负担超过4000亿元。",
        NAT23_TERM,
        (F("4000亿", 4000, "亿元", "降低费用负担", "level", ">="),),
    ),
    "main-targets-2023": Example(
        "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人左右，"
        "城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；居民收入增长与经济增长基本同步；"
        "进出口促稳提质，国际收支基本平衡；粮食产量保持在1.3万亿斤以上。",
        NAT23_PLAN,
        (
            F("5", 5, "%", "国内生产总值", "rate", "~"),
            F("1200万", 1200, "万人", "城镇新增就业", "level", "~"),
            F("5.5", 5.5, "%", "城镇调查失业率", "share", "~"),
            F("3", 3, "%", "居民消费价格", "rate", "~"),
            F("1.3万亿", 1.3, "万亿斤", "粮食产量", "level", ">="),
        ),
    ),
    "deficit-ratio-planned": Example(
        "赤字率拟按3%安排。", NAT23_PLAN, (F("3", 3, "%", "赤字率", "share"),)
    ),
    "special-bonds-2023": Example(
        "今年拟安排地方政府专项债券3.8万亿元，加快实施“十四五”重大工程。",
        NAT23_PLAN,
        (F("3.8万亿", 3.8, "万亿元", "地方政府专项债券"),),
    ),
}

# --- Provinces, reports of 2025 (review 2024, plan 2025) -------------------------------------

PROVINCES_2025 = {
    "anhui-main-targets": Example(
        "经济社会发展的主要预期目标是：全省地区生产总值增长5.5%以上，在实际工作中争取更好结果；"
        "全员劳动生产率16.8万元/人左右，研究与试验发展经费投入强度2.85%左右，"
        "固定资产投资增长5%左右。",
        PROV_PLAN,
        (
            F("5.5", 5.5, "%", "地区生产总值", "rate", ">="),
            F("16.8万", 16.8, "万元/人", "全员劳动生产率", "level", "~"),
            F("2.85", 2.85, "%", "研究与试验发展经费投入强度", "share", "~"),
            F("5", 5, "%", "固定资产投资", "rate", "~"),
        ),
    ),
    "guizhou-three-sectors-respectively": Example(
        "主要预期目标是：全省地区生产总值增长5.5%左右，其中一、二、三产增加值分别增长3.5%以上、"
        "7%左右、5%以上。",
        PROV_PLAN,
        (
            F("5.5", 5.5, "%", "地区生产总值", "rate", "~"),
            F("3.5", 3.5, "%", "一产增加值", "rate", ">="),
            F("7", 7, "%", "二产增加值", "rate", "~"),
            F("5", 5, "%", "三产增加值", "rate", ">="),
        ),
    ),
    "guizhou-income-jobs-urbanisation": Example(
        "城镇和农村常住居民人均可支配收入分别增长5%左右、7%左右；居民消费价格涨幅2%左右；"
        "城镇新增就业60万人左右，城镇调查失业率5.5%左右；常住人口城镇化率达到58%左右。",
        PROV_PLAN,
        (
            F("5", 5, "%", "城镇常住居民人均可支配收入", "rate", "~"),
            F("7", 7, "%", "农村常住居民人均可支配收入", "rate", "~"),
            F("2", 2, "%", "居民消费价格", "rate", "~"),
            F("60万", 60, "万人", "城镇新增就业", "level", "~"),
            F("5.5", 5.5, "%", "城镇调查失业率", "share", "~"),
            F("58", 58, "%", "常住人口城镇化率", "share", "~"),
        ),
    ),
    "hubei-full-width-percent": Example(
        "经济社会发展的主要预期目标是：经济增长6％左右；城镇调查失业率5.5％左右，"
        "城镇新增就业70万人以上；居民消费价格涨幅2％左右；粮食产量继续保持500亿斤以上。",
        PROV_PLAN,
        (
            F("6", 6, "％", "经济增长", "rate", "~"),  # the devgold's Hubei call 1
            F("5.5", 5.5, "％", "城镇调查失业率", "share", "~"),
            F("70万", 70, "万人", "城镇新增就业", "level", ">="),
            F("2", 2, "％", "居民消费价格", "rate", "~"),
            F("500亿", 500, "亿斤", "粮食产量", "level", ">="),
        ),
    ),
    "jilin-explicit-year": Example(
        "2025年经济社会发展主要预期目标是：地区生产总值增长5.5％左右，粮食产量880亿斤以上，"
        "固定资产投资增长5％左右，单位GDP能耗下降2％左右。",
        PROV_PLAN,
        (
            F("5.5", 5.5, "％", "地区生产总值", "rate", "~"),
            F("880亿", 880, "亿斤", "粮食产量", "level", ">="),
            F("5", 5, "％", "固定资产投资", "rate", "~"),
            F("2", 2, "％", "单位GDP能耗", "rate", "~"),
        ),
    ),
    "qinghai-person-times-and-tonnes": Example(
        "城镇新增就业6万人以上，农牧区劳动力转移就业106万人次以上，城镇调查失业率5.5%左右；"
        "粮食总产量保持在110万吨以上。",
        PROV_PLAN,
        (
            F("6万", 6, "万人", "城镇新增就业", "level", ">="),
            F("106万", 106, "万人次", "农牧区劳动力转移就业", "level", ">="),
            F("5.5", 5.5, "%", "城镇调查失业率", "share", "~"),
            F("110万", 110, "万吨", "粮食总产量", "level", ">="),
        ),
    ),
    "qinghai-roman-class-is-not-a-figure": Example(
        "长江、黄河干流、澜沧江出省境断面水质稳定保持在Ⅱ类及以上，空气质量优良天数比例96.3%以上。",
        PROV_PLAN,
        (F("96.3", 96.3, "%", "空气质量优良天数比例", "share", ">="),),
    ),
    "xinjiang-within-and-over": Example(
        "实现城镇新增就业46万人以上，城镇调查失业率控制在5.5%以内；"
        "城镇居民人均可支配收入增长6%左右，农村居民人均可支配收入增长7%左右；"
        "粮食产量476亿斤以上；单位地区生产总值能耗降低3%以上。",
        PROV_PLAN,
        (
            F("46万", 46, "万人", "城镇新增就业", "level", ">="),
            F("5.5", 5.5, "%", "城镇调查失业率", "share", "<="),
            F("6", 6, "%", "城镇居民人均可支配收入", "rate", "~"),
            F("7", 7, "%", "农村居民人均可支配收入", "rate", "~"),
            F("476亿", 476, "亿斤", "粮食产量", "level", ">="),
            F("3", 3, "%", "单位地区生产总值能耗", "rate", ">="),
        ),
    ),
    "xinjiang-respectively-within": Example(
        "“乌—昌—石”“奎—独—乌”区域重污染天数比例分别控制在5%和2%以内，"
        "全区优良天数比例达到75.5%以上。",
        PROV_PLAN,
        (
            # 控制在…以内 frames the whole list: both are ceilings
            F("5", 5, "%", "“乌—昌—石”区域重污染天数比例", "share", "<="),
            F("2", 2, "%", "“奎—独—乌”区域重污染天数比例", "share", "<="),
            F("75.5", 75.5, "%", "优良天数比例", "share", ">="),
        ),
    ),
    "beijing-green-power-kwh": Example(
        "外调绿电规模力争达到400亿千瓦时。",
        PROV_PLAN,
        (F("400亿", 400, "亿千瓦时", "外调绿电规模"),),
    ),
    "beijing-not-lower-than": Example(
        "面向民间资本推介重大项目总投资不低于2000亿元。",
        PROV_PLAN,
        (F("2000亿", 2000, "亿元", "面向民间资本推介重大项目总投资", "level", ">="),),
    ),
    "shaanxi-not-more-than-concentration": Example(
        "全省PM2.5平均浓度不超过35微克每立方米。",
        PROV_PLAN,
        (F("35", 35, "微克每立方米", "PM2.5平均浓度", "level", "<="),),
    ),
    "tianjin-teu": Example(
        "集装箱吞吐量突破2400万标准箱，打造智慧绿色枢纽港口升级版。",
        PROV_PLAN,
        (F("2400万", 2400, "万标准箱", "集装箱吞吐量", "level", ">="),),
    ),
    "hebei-industry-scale-breaks": Example(
        "高端装备产业规模突破1.2万亿元，电子信息产业规模突破5000亿元。",
        PROV_PLAN,
        (
            F("1.2万亿", 1.2, "万亿元", "高端装备产业规模", "level", ">="),
            F("5000亿", 5000, "亿元", "电子信息产业规模", "level", ">="),
        ),
    ),
    "anhui-schools-suo": Example(
        "重点建设新优质学校112所，完成皖北28个县（市、区）地下水水源替换。",
        PROV_PLAN,
        (
            F("112", 112, "所", "建设新优质学校"),
            F("28", 28, "个", "皖北县（市、区）地下水水源替换"),
        ),
    ),
    "anhui-shares-and-points": Example(
        "战略性新兴产业产值占规上工业比重43.6%、提高0.7个百分点，"
        "高技术制造业增加值占规上工业比重16.1%、提高2.1个百分点。",
        PROV_REVIEW,
        (
            F("43.6", 43.6, "%", "战略性新兴产业产值占规上工业比重", "share"),
            F("0.7", 0.7, "个百分点", "战略性新兴产业产值占规上工业比重", "rate"),
            F("16.1", 16.1, "%", "高技术制造业增加值占规上工业比重", "share"),
            F("2.1", 2.1, "个百分点", "高技术制造业增加值占规上工业比重", "rate"),
        ),
    ),
    "anhui-gap-above-national": Example(
        "制造业技改投资增长20.4%、高于全国12.4个百分点。",
        PROV_REVIEW,
        (
            F("20.4", 20.4, "%", "制造业技改投资", "rate"),
            F("12.4", 12.4, "个百分点", "制造业技改投资增速高于全国", "rate", "="),
        ),
    ),
    "anhui-national-ranks": Example(
        "光储产业综合竞争力评价居全国第3位，人工智能产业发展评价居全国第6位。",
        PROV_REVIEW,
        (
            F("3", 3, "位", "光储产业综合竞争力评价", "rank"),
            F("6", 6, "位", "人工智能产业发展评价", "rank"),
        ),
    ),
    "anhui-listed-firms-and-rank": Example(
        "境内上市公司数量增至184家、居全国第7位。",
        PROV_REVIEW,
        (
            F("184", 184, "家", "境内上市公司数量"),
            F("7", 7, "位", "境内上市公司数量", "rank"),
        ),
    ),
    "anhui-revenue-trillion": Example(
        "规上数字经济核心产业营收达1.2万亿元。",
        PROV_REVIEW,
        (F("1.2万亿", 1.2, "万亿元", "规上数字经济核心产业营收"),),
    ),
    "anhui-cubic-metres-and-tonnes": Example(
        "现代水网工程加快建设，“引江济淮”全年共调水4.75亿立方米，过闸总吨位1.3亿吨。",
        PROV_REVIEW,
        (
            F("4.75亿", 4.75, "亿立方米", "“引江济淮”调水"),
            F("1.3亿", 1.3, "亿吨", "“引江济淮”过闸总吨位"),
        ),
    ),
    "chongqing-countries-ports-respectively": Example(
        "西部陆海新通道通达127个国家和地区的555个港口，重庆经通道货运量、货运值分别增长41%、67%。",
        PROV_REVIEW,
        (
            F("127", 127, "个", "西部陆海新通道通达国家和地区"),
            F("555", 555, "个", "西部陆海新通道通达港口"),
            F("41", 41, "%", "重庆经通道货运量", "rate"),
            F("67", 67, "%", "重庆经通道货运值", "rate"),
        ),
    ),
    "chongqing-bei-duo": Example(
        "新能源汽车产量达到95.3万辆，集成电路产量增长1倍多。",
        PROV_REVIEW,
        (
            F("95.3万", 95.3, "万辆", "新能源汽车产量"),
            F("1", 1, "倍", "集成电路产量", "rate", "~"),
        ),
    ),
    "beijing-about-and-near-times": Example(
        "在京生产新能源汽车约30万辆、增长近3倍。",
        PROV_REVIEW,
        (
            F("30万", 30, "万辆", "在京生产新能源汽车", "level", "~"),
            F("3", 3, "倍", "在京生产新能源汽车", "rate", "~"),
        ),
    ),
    "beijing-magnitude-alone-unit": Example(
        "举办群众赛事活动3.8万场，冰雪运动参与人次超630万。",
        PROV_REVIEW,
        (
            F("3.8万", 3.8, "万场", "举办群众赛事活动"),
            F("630万", 630, "万", "冰雪运动参与人次", "level", ">="),
        ),
    ),
    "beijing-elderly-care": Example(
        "健全养老服务体系，新建105家街道乡镇区域养老服务中心、240个农村邻里互助养老服务点，"
        "新增9829张家庭养老床位，老楼加装电梯876部。",
        PROV_REVIEW,
        (
            F("105", 105, "家", "新建街道乡镇区域养老服务中心"),
            F("240", 240, "个", "新建农村邻里互助养老服务点"),
            F("9829", 9829, "张", "新增家庭养老床位"),
            F("876", 876, "部", "老楼加装电梯"),
        ),
    ),
    "beijing-metro-line-names": Example(
        "开通3号线一期、12号线、昌平线南延一期等3条轨道新线，新增地铁运营里程43公里、"
        "总里程达到879公里。",
        PROV_REVIEW,
        (
            F("3", 3, "条", "开通轨道新线", after="等"),
            F("43", 43, "公里", "新增地铁运营里程"),
            F("879", 879, "公里", "地铁运营总里程"),
        ),
    ),
    "beijing-threshold-inside-name": Example(
        "公交与轨道50米内换乘比例达到88%。",
        PROV_REVIEW,
        (F("88", 88, "%", "公交与轨道50米内换乘比例", "share"),),
    ),
    "beijing-index-from-to": Example(
        "中心城区高峰时段道路交通指数从6.32下降至6.08。",
        PROV_REVIEW,
        (
            F("6.32", 6.32, "", "中心城区高峰时段道路交通指数", period="2023"),
            F("6.08", 6.08, "", "中心城区高峰时段道路交通指数"),
        ),
    ),
    "liaoning-hectares": Example(
        "推动商品住房去库存，筹集保障房1.6万套，盘活存量房地产用地4043公顷。",
        PROV_REVIEW,
        (
            F("1.6万", 1.6, "万套", "筹集保障房"),
            F("4043", 4043, "公顷", "盘活存量房地产用地"),
        ),
    ),
    "hunan-computing-power": Example(
        "总算力突破7000PF、增长34.6%，智能算力达2000PF，超算算力达223PF、居全国第3位，"
        "建成5G基站17万个。",
        PROV_REVIEW,
        (
            F("7000", 7000, "PF", "总算力", "level", ">="),
            F("34.6", 34.6, "%", "总算力", "rate"),
            F("2000", 2000, "PF", "智能算力"),
            F("223", 223, "PF", "超算算力"),
            F("3", 3, "位", "超算算力", "rank"),
            F("17万", 17, "万个", "建成5G基站"),
        ),
    ),
    "shandong-gdp-and-gap": Example(
        "实现地区生产总值9.86万亿元、增长5.7%，增速高于全国0.7个百分点。",
        PROV_REVIEW,
        (
            F("9.86万亿", 9.86, "万亿元", "地区生产总值"),
            F("5.7", 5.7, "%", "地区生产总值", "rate"),
            F("0.7", 0.7, "个百分点", "地区生产总值增速高于全国", "rate"),
        ),
    ),
    "neimenggu-from-to-below": Example(
        "在17个旗县开展试点，天然草原草畜平衡指数由23.9%降至10%以下。",
        PROV_REVIEW,
        (
            F("17", 17, "个", "开展试点旗县"),
            F("23.9", 23.9, "%", "天然草原草畜平衡指数", "share", period="2023"),
            F("10", 10, "%", "天然草原草畜平衡指数", "share", "<="),
        ),
    ),
    "guangxi-schools-and-places": Example(
        "新建、改扩建中小学和幼儿园8427所，新增学位7.54万个。",
        PROV_REVIEW,
        (
            F("8427", 8427, "所", "新建、改扩建中小学和幼儿园"),
            F("7.54万", 7.54, "万个", "新增学位"),
        ),
    ),
    "guangxi-capacity-spelled-out": Example(
        "开工建设白龙核电一期以及6座抽水蓄能电站等项目，新增统调煤电装机198万千瓦、核电装机118万千瓦。",
        PROV_REVIEW,
        (
            F("6", 6, "座", "开工建设抽水蓄能电站"),
            F("198万", 198, "万千瓦", "新增统调煤电装机"),
            F("118万", 118, "万千瓦", "新增核电装机"),
        ),
    ),
    "hainan-estimate-in-review": Example(
        "预计研发经费投入增长25%、投入强度提升至1.4%。",
        PROV_REVIEW,
        (
            F("25", 25, "%", "研发经费投入", "rate", kind="estimate"),
            F("1.4", 1.4, "%", "研发经费投入强度", "share", kind="estimate"),
        ),
    ),
    "hainan-universities": Example(
        "新设立4所高校。", PROV_REVIEW, (F("4", 4, "所", "新设立高校"),)
    ),
    "shanxi-respectively-mixed-units": Example(
        "5G基站、标准机架分别达到10.8万个、101.2万架。",
        PROV_REVIEW,
        (F("10.8万", 10.8, "万个", "5G基站"), F("101.2万", 101.2, "万架", "标准机架")),
    ),
    "shanxi-mines-zuo": Example(
        "深化能源革命综合改革试点，智能化煤矿达到268座，排全国前列。",
        PROV_REVIEW,
        (F("268", 268, "座", "智能化煤矿"),),
    ),
    "shanxi-concentration-fell-to": Example(
        "PM2.5年均浓度降至36微克/立方米，PM10年均浓度首次达到国家二级标准。",
        PROV_REVIEW,
        (F("36", 36, "微克/立方米", "PM2.5年均浓度"),),
    ),
    "zhejiang-estimate-and-rank": Example(
        "新增全国重点实验室18家，新增重大科技成果110项，获国家科技奖30项，"
        "全社会研发投入强度预计达3.2%，区域创新能力继续保持全国第4位。",
        PROV_REVIEW,
        (
            F("18", 18, "家", "新增全国重点实验室"),
            F("110", 110, "项", "新增重大科技成果"),
            F("30", 30, "项", "获国家科技奖"),
            F("3.2", 3.2, "%", "全社会研发投入强度", "share", kind="estimate"),
            F("4", 4, "位", "区域创新能力", "rank"),
        ),
    ),
    "zhejiang-exports-share": Example(
        "货物贸易出口达3.9万亿元、增长9.5%，占全国份额提高到15.3%。",
        PROV_REVIEW,
        (
            F("3.9万亿", 3.9, "万亿元", "货物贸易出口"),
            F("9.5", 9.5, "%", "货物贸易出口", "rate"),
            F("15.3", 15.3, "%", "货物贸易出口占全国份额", "share"),
        ),
    ),
    "zhejiang-grain-area-and-output": Example(
        "和美乡村覆盖率达51.7%，粮食播种面积1570.5万亩、总产130亿斤。",
        PROV_REVIEW,
        (
            F("51.7", 51.7, "%", "和美乡村覆盖率", "share"),
            F("1570.5万", 1570.5, "万亩", "粮食播种面积"),
            F("130亿", 130, "亿斤", "粮食总产"),
        ),
    ),
    "jiangsu-high-tech-firms": Example(
        "高新技术企业超5.7万家。",
        PROV_REVIEW,
        (F("5.7万", 5.7, "万家", "高新技术企业", "level", ">="),),
    ),
    "hunan-quarters-then-year": Example(
        "实现三季度增长4.6%、追平全国，四季度增长5.6%、高于全国0.2个百分点，全年增长4.8%。",
        PROV_REVIEW,
        (
            F("4.6", 4.6, "%", "生产总值", "rate", period="2024Q3"),
            F("5.6", 5.6, "%", "生产总值", "rate", period="2024Q4"),
            F("0.2", 0.2, "个百分点", "生产总值增速高于全国", "rate", period="2024Q4"),
            F("4.8", 4.8, "%", "生产总值", "rate", period="2024"),
        ),
    ),
    "shandong-transport-water-respectively": Example(
        "今年力争交通、水利分别完成投资2500亿元、800亿元。",
        PROV_PLAN,
        (
            F("2500亿", 2500, "亿元", "交通投资"),
            F("800亿", 800, "亿元", "水利投资"),
        ),
    ),
    "beijing-rank-from-to": Example(
        "天竺综保区在国家绩效评估中从第9名提升至第2名。",
        PROV_REVIEW,
        (
            F("9", 9, "名", "天竺综保区在国家绩效评估中", "rank", period="2023"),
            F("2", 2, "名", "天竺综保区在国家绩效评估中", "rank"),
        ),
    ),
    "beijing-top-three": Example(
        "跻身全球百强科技集群前三位。",
        PROV_REVIEW,
        (F("三", 3, "位", "跻身全球百强科技集群", "rank", "<="),),
    ),
    "beijing-gap-by-bi": Example(
        "农村居民人均可支配收入增长6.7%，增速比城镇居民高2.4个百分点。",
        PROV_REVIEW,
        (
            F("6.7", 6.7, "%", "农村居民人均可支配收入", "rate"),
            F("2.4", 2.4, "个百分点", "农村居民人均可支配收入增速比城镇居民高", "rate"),
        ),
    ),
    "beijing-sibling-rates": Example(
        "12345市民服务热线诉求解决率、满意率分别达96.7%、97%。",
        PROV_REVIEW,
        (
            F("96.7", 96.7, "%", "12345市民服务热线诉求解决率", "share"),
            F("97", 97, "%", "12345市民服务热线诉求满意率", "share"),
        ),
    ),
    "shandong-sector-named-before-its-works": Example(
        "高速公路，开工长深高速改扩建等2个项目，提速高青至商河等34个续建项目，建成临沂至滕州等15个项目。",
        PROV_PLAN,
        (
            F("2", 2, "个", "开工高速公路项目"),
            F("34", 34, "个", "提速高速公路续建项目"),
            F("15", 15, "个", "建成高速公路项目"),
        ),
    ),
    "sector-already-named-by-the-noun": Example(
        "铁路，建设德州至商河等6条高铁。",
        PROV_PLAN,
        (F("6", 6, "条", "建设高铁"),),
    ),
    "beijing-first-in-the-country": Example(
        "污染防治攻坚战成效考核全国第一，三分之二的公园实现无界融通。",
        PROV_REVIEW,
        (
            F("一", 1, "", "污染防治攻坚战成效考核", "rank"),
            F("三分之二", 2 / 3, "", "公园实现无界融通", "share"),
        ),
    ),
    "hebei-two-places-one-unit": Example(
        "抽水蓄能规划建设总规模、风电光伏装机总量居全国第1、第2位。",
        PROV_REVIEW,
        (
            F("1", 1, "位", "抽水蓄能规划建设总规模", "rank"),
            F("2", 2, "位", "风电光伏装机总量", "rank"),
        ),
    ),
    "jiangsu-increment-first": Example(
        "地区生产总值达13.7万亿元、增长5.8%、增量全国第一。",
        PROV_REVIEW,
        (
            F("13.7万亿", 13.7, "万亿元", "地区生产总值"),
            F("5.8", 5.8, "%", "地区生产总值", "rate"),
            F("一", 1, "", "地区生产总值增量", "rank"),
        ),
    ),
    "jiangsu-first-for-years-running": Example(
        "制造业高质量发展指数连续4年全国第一。",
        PROV_REVIEW,
        (
            F("4", 4, "年", "制造业高质量发展指数连续全国第一"),
            F("一", 1, "", "制造业高质量发展指数", "rank"),
        ),
    ),
    "jiangsu-shares-as-slashes-and-ratios": Example(
        "船舶海工出口规模占全国1/3，实际使用外资规模占全国近1/6，城乡居民收入比缩小至2.04∶1。",
        PROV_REVIEW,
        (
            F("1/3", 1 / 3, "", "船舶海工出口规模占全国比重", "share"),
            F("1/6", 1 / 6, "", "实际使用外资规模占全国比重", "share", "~"),
            F("2.04", 2.04, "", "城乡居民收入比", "share"),
        ),
    ),
    "magnitudes-reached": Example(
        "一般公共预算收入再次达到万亿级规模，旅游业总收入迈上万亿新台阶，旅客吞吐量再次破亿。",
        PROV_REVIEW,
        (
            F("万亿", 1, "万亿", "一般公共预算收入", comparator=">="),
            F("万亿", 1, "万亿", "旅游业总收入", comparator=">=", after="迈上"),
            F("亿", 1, "亿", "旅客吞吐量", comparator=">="),
        ),
    ),
    "guangxi-who-a-pilot-reaches": Example(
        "长期护理保险制度试点惠及1.7万个家庭，改造城镇老旧小区5.3万个，惠及居民900万户。",
        PROV_REVIEW,
        (
            F("1.7万", 1.7, "万个", "长期护理保险制度试点惠及家庭"),
            F("5.3万", 5.3, "万个", "改造城镇老旧小区"),
            F("900万", 900, "万户", "城镇老旧小区惠及居民"),
        ),
    ),
    "guangxi-ten-thousand-trains": Example(
        "海铁联运班列开行突破万列，在建项目投资超万亿元。",
        PROV_REVIEW,
        (
            F("万", 1, "万列", "海铁联运班列开行", comparator=">="),
            F("万亿", 1, "万亿元", "在建项目投资", comparator=">="),
        ),
    ),
    "jiangsu-size-of-a-fund": Example(
        "设立总规模500亿元的省战略性新兴产业母基金。",
        PROV_REVIEW,
        (F("500亿", 500, "亿元", "省战略性新兴产业母基金总规模"),),
    ),
    "jiangsu-new-and-total": Example(
        "新获批国家先进制造业集群4个，累计14个、总数全国第一。",
        PROV_REVIEW,
        (
            F("4", 4, "个", "新获批国家先进制造业集群"),
            F("14", 14, "个", "国家先进制造业集群"),
            F("一", 1, "", "国家先进制造业集群总数", "rank"),
        ),
    ),
    "jiangsu-home-care-and-funded-projects": Example(
        "为358万居家老年人提供专业上门服务，247个项目得到国家超长期特别国债资金支持。",
        PROV_REVIEW,
        (
            F("358万", 358, "万", "提供专业上门服务居家老年人"),
            F("247", 247, "个", "得到国家超长期特别国债资金支持项目"),
        ),
    ),
    "beijing-next-step-of-the-same-works": Example(
        "老旧小区改造开工742个、完工548个。",
        PROV_REVIEW,
        (
            F("742", 742, "个", "老旧小区改造开工"),
            F("548", 548, "个", "老旧小区改造完工"),
        ),
    ),
    "beijing-share-of-what-follows": Example(
        "建成9个紧密型城市医疗集团，50%以上村卫生室实现与乡镇卫生院一体化管理。",
        PROV_REVIEW,
        (
            F("9", 9, "个", "建成紧密型城市医疗集团"),
            F("50", 50, "%", "村卫生室实现与乡镇卫生院一体化管理", "share", ">="),
        ),
    ),
    "beijing-funds-won": Example(
        "积极争取超长期特别国债等各类中央支持资金2083亿元。",
        PROV_REVIEW,
        (F("2083亿", 2083, "亿元", "争取中央支持资金"),),
    ),
    "anhui-growth-written-after-the-rate": Example(
        "汽车产量继续保持40%以上增长、达357万辆。",
        PROV_REVIEW,
        (
            F("40", 40, "%", "汽车产量", "rate", ">="),
            F("357万", 357, "万辆", "汽车产量"),
        ),
    ),
    "jilin-new-revenue-for-livelihoods": Example(
        "新增财力80%以上用于民生领域。",
        PROV_REVIEW,
        (F("80", 80, "%", "新增财力用于民生领域", "share", ">="),),
    ),
    "guangxi-three-sectors-and-loans": Example(
        "一、二、三产业增加值分别增长4%、5.3%、6%，制造业、战略性新兴产业贷款分别增长12.7%、15%。",
        PROV_REVIEW,
        (
            F("4", 4, "%", "第一产业增加值", "rate"),
            F("5.3", 5.3, "%", "第二产业增加值", "rate"),
            F("6", 6, "%", "第三产业增加值", "rate"),
            F("12.7", 12.7, "%", "制造业贷款", "rate"),
            F("15", 15, "%", "战略性新兴产业贷款", "rate"),
        ),
    ),
    "guangxi-contribution-is-a-share": Example(
        "工业对GDP增长贡献率45%，八成左右的财政支出用于民生领域。",
        PROV_REVIEW,
        (
            F("45", 45, "%", "工业对GDP增长贡献率", "share"),
            F("八", 8, "成", "财政支出用于民生领域", "share", "~"),
        ),
    ),
    "hubei-visitors-and-income": Example(
        "全省接待游客数增长12.8%、旅游收入增长15.2%，接待游客1.2亿人次、旅游收入1500亿元。",
        PROV_REVIEW,
        (
            F("12.8", 12.8, "%", "接待游客数", "rate"),
            F("15.2", 15.2, "%", "旅游收入", "rate"),
            F("1.2亿", 1.2, "亿人次", "接待游客"),
            F("1500亿", 1500, "亿元", "旅游收入"),
        ),
    ),
    "zhejiang-accidents-and-deaths": Example(
        "生产安全事故起数、死亡人数分别下降16.8%、13.4%。",
        PROV_REVIEW,
        (
            F("16.8", 16.8, "%", "生产安全事故起数", "rate"),
            F("13.4", 13.4, "%", "生产安全事故死亡人数", "rate"),
        ),
    ),
    "hunan-gap-list-unit-once": Example(
        "园区规模工业增加值、税收增速分别高于全省2.2个和3.7个百分点。",
        PROV_REVIEW,
        (
            F("2.2", 2.2, "个百分点", "园区规模工业增加值增速高于全省", "rate"),
            F("3.7", 3.7, "个百分点", "园区税收增速高于全省", "rate"),
        ),
    ),
    "hunan-value-added-is-a-noun": Example(
        "贡献了全省74.6%的规模工业增加值和40%左右的税收。",
        PROV_REVIEW,
        (
            F("74.6", 74.6, "%", "规模工业增加值", "share"),
            F("40", 40, "%", "税收", "share", "~"),
        ),
    ),
    "hunan-consequence-of-a-list": Example(
        "汽车、家电以旧换新分别达23.6万辆、269.8万台，拉动消费超500亿元。",
        PROV_REVIEW,
        (
            F("23.6万", 23.6, "万辆", "汽车以旧换新"),
            F("269.8万", 269.8, "万台", "家电以旧换新"),
            F("500亿", 500, "亿元", "以旧换新拉动消费", comparator=">="),
        ),
    ),
    "jiangsu-consequence-of-a-clause-without-figure": Example(
        "完成工业领域设备更新33.6万台套；大力实施消费品以旧换新，带动家电销售735.4万件。",
        PROV_REVIEW,
        (
            F("33.6万", 33.6, "万台套", "完成工业领域设备更新"),
            F("735.4万", 735.4, "万件", "以旧换新带动家电销售"),
        ),
    ),
    "guizhou-town-and-country-incomes": Example(
        "城镇和农村常住居民人均可支配收入分别增长5%和7%左右。",
        PROV_PLAN,
        (
            F("5", 5, "%", "城镇常住居民人均可支配收入", "rate"),
            F("7", 7, "%", "农村常住居民人均可支配收入", "rate", "~"),
        ),
    ),
    "shaanxi-two-whole-indicators-joined": Example(
        "信访总量和刑事立案量分别下降32.4%、19.9%。",
        PROV_REVIEW,
        (
            F("32.4", 32.4, "%", "信访总量", "rate"),
            F("19.9", 19.9, "%", "刑事立案量", "rate"),
        ),
    ),
    "guizhou-industry-named-with-he": Example(
        "软件和信息技术服务业收入突破1200亿元、增长20%。",
        PROV_PLAN,
        (
            F("1200亿", 1200, "亿元", "软件和信息技术服务业收入", comparator=">="),
            F("20", 20, "%", "软件和信息技术服务业收入", "rate"),
        ),
    ),
    "zhejiang-share-that-gets-something": Example(
        "为持有居住证的农民工随迁子女100%提供义务教育公办学位。",
        PROV_PLAN,
        (F("100", 100, "%", "持有居住证的农民工随迁子女提供义务教育公办学位", "share"),),
    ),
    "zhejiang-means-before-the-action": Example(
        "利用城乡“金角银边”场地新改建群众身边的体育场地、设施1万个。",
        PROV_PLAN,
        (F("1万", 1, "万个", "新改建群众身边的体育场地、设施"),),
    ),
    "guangdong-capacities-per-time": Example(
        "新增改造污水处理能力30万吨/日，提升改造城市排涝能力600立方米/秒。",
        PROV_PLAN,
        (
            F("30万", 30, "万吨/日", "新增改造污水处理能力"),
            F("600", 600, "立方米/秒", "提升改造城市排涝能力"),
        ),
    ),
    "shaanxi-bound-before-a-class-without-de": Example(
        "开展能耗超5000吨标准煤重点企业在线监测，参与全国碳市场交易10.8亿元。",
        PROV_REVIEW,
        (F("10.8亿", 10.8, "亿元", "参与全国碳市场交易"),),
    ),
}

# --- City and county reports (written for these tests; plan year 2024) ---------------------

CITY = {
    "share-over-a-bound-that-does-something": Example(
        "乡镇污水处理设施95%以上实现稳定运行。",
        CITY_PLAN,
        (F("95", 95, "%", "乡镇污水处理设施实现稳定运行", "share", ">="),),
    ),
    "means-through-a-programme": Example(
        "通过实施土地综合整治新增耕地1.2万亩。",
        CITY_REVIEW,
        (F("1.2万", 1.2, "万亩", "新增耕地"),),
    ),
    "means-kept-when-it-brings-along": Example(
        "依托龙头企业带动农户2.3万户增收。",
        CITY_REVIEW,
        (F("2.3万", 2.3, "万户", "依托龙头企业带动农户"),),
    ),
    "opening-words-are-not-a-topic": Example(
        "同时，新建5G基站1200个。就业方面，城镇新增就业1.2万人。",
        CITY_PLAN,
        (F("1200", 1200, "个", "新建5G基站"), F("1.2万", 1.2, "万人", "城镇新增就业")),
    ),
    "manner-before-the-works": Example(
        "清单化项目化改造燃气管网650公里、供热管网800公里、供水管网100公里。",
        CITY_PLAN,
        (
            F("650", 650, "公里", "改造燃气管网"),
            F("800", 800, "公里", "改造供热管网"),
            F("100", 100, "公里", "改造供水管网"),
        ),
    ),
    "land-policy-in-chinese-numerals": Example(
        "推进第二轮土地承包到期后再延长三十年6个整镇试点。",
        CITY_PLAN,
        (F("6", 6, "个", "整镇试点"),),
    ),
    "projects-pushed-on": Example(
        "滚动推进重大项目500个，推进89个平急两用公共基础设施项目，推进片区更新120个。",
        CITY_PLAN,
        (
            F("500", 500, "个", "滚动推进重大项目"),
            F("89", 89, "个", "推进平急两用公共基础设施项目"),
            F("120", 120, "个", "片区更新"),
        ),
    ),
    "kinds-before-deng-say-what-is-counted": Example(
        "新增医养结合、康复护理等机构100家，建成黄花滩等93个集中安置区。",
        CITY_PLAN,
        (
            F("100", 100, "家", "新增医养结合、康复护理等机构"),
            F("93", 93, "个", "建成集中安置区"),
        ),
    ),
    "months-are-times": Example(
        "今年4月贯通实战应用超过200个、年底超过260个，1—11月规模以上工业能耗强度下降8.9%。",
        CITY_PLAN,
        (
            F("200", 200, "个", "贯通实战应用", comparator=">="),
            F("260", 260, "个", "贯通实战应用", comparator=">="),
            F("8.9", 8.9, "%", "规模以上工业能耗强度", "rate"),
        ),
    ),
    "works-started-and-finished": Example(
        "新开工项目120个、竣工80个。",
        CITY_REVIEW,
        (F("120", 120, "个", "新开工项目"), F("80", 80, "个", "竣工项目")),
    ),
    "consequence-of-the-clause-before": Example(
        "新建标准化厂房32万平方米，带动就业4500人。",
        CITY_REVIEW,
        (
            F("32万", 32, "万平方米", "新建标准化厂房"),
            F("4500", 4500, "人", "标准化厂房带动就业"),
        ),
    ),
    "from-dated-to-dated-and-average": Example(
        "全市生产总值由2020年的386.2亿元增加到2023年的468.5亿元，年均增长6.7%。",
        CITY_TERM,
        (
            F("386.2亿", 386.2, "亿元", "生产总值", period="2020"),
            F("468.5亿", 468.5, "亿元", "生产总值", period="2023"),
            F("6.7", 6.7, "%", "生产总值", "rate", period="2020-2023"),
        ),
    ),
    "first-three-quarters-rank-gap": Example(
        "前三季度，全市规上工业增加值增长9.2%，增速居全省第3位，高于全省2.1个百分点。",
        CITY_REVIEW,
        (
            F("9.2", 9.2, "%", "规上工业增加值", "rate", period="2023Q1-Q3"),
            F("3", 3, "位", "规上工业增加值增速", "rank", period="2023Q1-Q3"),
            F("2.1", 2.1, "个百分点", "规上工业增加值增速高于全省", "rate", period="2023Q1-Q3"),
        ),
    ),
    "estimate-whole-year": Example(
        "预计全年实现地区生产总值512亿元、增长6.5%，一般公共预算收入完成31.6亿元。",
        CITY_REVIEW,
        (
            F("512亿", 512, "亿元", "地区生产总值", kind="estimate"),
            F("6.5", 6.5, "%", "地区生产总值", "rate", kind="estimate"),
            F("31.6亿", 31.6, "亿元", "一般公共预算收入", kind="estimate"),
        ),
    ),
    "cumulative-with-thousands-separator": Example(
        "五年累计新建高标准农田86.3万亩，改造农村公路1,234.5公里，建成乡镇卫生院12所。",
        CITY_TERM,
        (
            F("86.3万", 86.3, "万亩", "新建高标准农田"),
            F("1,234.5", 1234.5, "公里", "改造农村公路"),
            F("12", 12, "所", "建成乡镇卫生院"),
        ),
    ),
    "jobs-and-registered-unemployment": Example(
        "新增城镇就业2.36万人，城镇登记失业率控制在3.2%以内。",
        CITY_REVIEW,
        (
            F("2.36万", 2.36, "万人", "新增城镇就业"),
            F("3.2", 3.2, "%", "城镇登记失业率", "share", "<="),
        ),
    ),
    "tourism-respectively": Example(
        "接待游客1856.3万人次、实现旅游综合收入98.7亿元，分别增长36.5%、41.2%。",
        CITY_REVIEW,
        (
            F("1856.3万", 1856.3, "万人次", "接待游客"),
            F("98.7亿", 98.7, "亿元", "旅游综合收入"),
            F("36.5", 36.5, "%", "接待游客", "rate"),
            F("41.2", 41.2, "%", "旅游综合收入", "rate"),
        ),
    ),
    "4a-name-and-chinese-count": Example(
        "全市4A级景区达到9家，新增省级文明村镇15个，举办四届马拉松赛事。",
        CITY_TERM,
        (
            F("9", 9, "家", "4A级景区"),
            F("15", 15, "个", "新增省级文明村镇"),
            F("四", 4, "届", "举办马拉松赛事"),
        ),
    ),
    "livestock-respectively": Example(
        "牛、羊、猪、禽饲养量分别达到62万头、510万只、98万头、860万只。",
        CITY_REVIEW,
        (
            F("62万", 62, "万头", "牛饲养量"),
            F("510万", 510, "万只", "羊饲养量"),
            F("98万", 98, "万头", "猪饲养量"),
            F("860万", 860, "万只", "禽饲养量"),
        ),
    ),
    "main-targets-city": Example(
        "2024年全市经济社会发展的主要预期目标是：地区生产总值增长6.5%左右，规上工业增加值增长10%以上，"
        "固定资产投资增长8%，城镇新增就业1.6万人，居民消费价格涨幅控制在3%左右。",
        CITY_PLAN,
        (
            F("6.5", 6.5, "%", "地区生产总值", "rate", "~"),
            F("10", 10, "%", "规上工业增加值", "rate", ">="),
            F("8", 8, "%", "固定资产投资", "rate"),
            F("1.6万", 1.6, "万人", "城镇新增就业"),
            F("3", 3, "%", "居民消费价格", "rate", "~"),
        ),
    ),
    "trailing-above-binds-last-only": Example(
        "力争粮食种植面积稳定在150万亩、产量62万吨以上，新建高标准农田8万亩。",
        CITY_PLAN,
        (
            F("150万", 150, "万亩", "粮食种植面积"),
            F("62万", 62, "万吨", "粮食产量", "level", ">="),
            F("8万", 8, "万亩", "新建高标准农田"),
        ),
    ),
    "income-and-allowance-respectively": Example(
        "确保城乡居民人均可支配收入分别增长7%、8.5%，城乡低保标准分别提高到每月820元、每年6200元。",
        CITY_PLAN,
        (
            F("7", 7, "%", "城镇居民人均可支配收入", "rate"),
            F("8.5", 8.5, "%", "农村居民人均可支配收入", "rate"),
            F("820", 820, "元", "城市低保标准"),
            F("6200", 6200, "元", "农村低保标准"),
        ),
    ),
    "projects-and-investment-floor": Example(
        "全年实施重点项目300项以上，完成投资不低于260亿元。",
        CITY_PLAN,
        (
            F("300", 300, "项", "实施重点项目", "level", ">="),
            F("260亿", 260, "亿元", "重点项目完成投资", "level", ">="),
        ),
    ),
    "air-share-and-fell-below": Example(
        "城区空气优良天数比例达到88%以上，PM2.5平均浓度降至32微克/立方米以下。",
        CITY_PLAN,
        (
            F("88", 88, "%", "城区空气优良天数比例", "share", ">="),
            F("32", 32, "微克/立方米", "PM2.5平均浓度", "level", "<="),
        ),
    ),
    "range-zhi-with-threshold-name": Example(
        "引进投资亿元以上项目20至25个，新培育规上工业企业30户。",
        CITY_PLAN,
        (
            F("20至25", 20, "个", "引进投资亿元以上项目", value_max=25),
            F("30", 30, "户", "新培育规上工业企业"),
        ),
    ),
    "range-hyphen-with-magnitude": Example(
        "新增城市绿地2-3万平方米。",
        CITY_PLAN,
        (F("2-3万", 2, "万平方米", "新增城市绿地", value_max=3),),
    ),
    "range-percent-both-ends": Example(
        "地区生产总值增长5.5%-6%，一般公共预算收入增长5%左右。",
        CITY_PLAN,
        (
            F("5.5%-6", 5.5, "%", "地区生产总值", "rate", value_max=6),
            F("5", 5, "%", "一般公共预算收入", "rate", "~"),
        ),
    ),
    "range-chinese-liang-dao-san": Example(
        "每个县区培育两到三个特色产业集群。",
        CITY_PLAN,
        (F("两到三", 2, "个", "每个县区培育特色产业集群", value_max=3),),
    ),
    "5g-stations-planned": Example(
        "年内新建5G基站600个，实现乡镇以上区域5G网络全覆盖。",
        CITY_PLAN,
        (F("600", 600, "个", "新建5G基站"),),
    ),
    "five-year-goals-with-year": Example(
        "今后五年，全市生产总值年均增长6%左右，到2028年突破700亿元，常住人口城镇化率提高到60%。",
        CITY_TERM_PLAN,
        (
            F("6", 6, "%", "生产总值", "rate", "~"),
            F("700亿", 700, "亿元", "生产总值", "level", ">=", period="2028"),
            F("60", 60, "%", "常住人口城镇化率", "share"),
        ),
    ),
    "by-2027-in-plan": Example(
        "到2027年，新能源装机规模达到1000万千瓦。",
        CITY_PLAN,
        (F("1000万", 1000, "万千瓦", "新能源装机规模", period="2027"),),
    ),
    "fourteenth-plan-target-in-review": Example(
        "“十四五”期间规划建设抽水蓄能电站2座，总装机240万千瓦。",
        CITY_REVIEW,
        (
            F("2", 2, "座", "规划建设抽水蓄能电站", kind="target", period="2021-2025"),
            F("240万", 240, "万千瓦", "抽水蓄能电站总装机", kind="target", period="2021-2025"),
        ),
    ),
    "revenue-and-tax-share": Example(
        "一般公共预算收入31.6亿元，其中税收收入占比达到68.5%。",
        CITY_REVIEW,
        (
            F("31.6亿", 31.6, "亿元", "一般公共预算收入"),
            F("68.5", 68.5, "%", "税收收入占比", "share"),
        ),
    ),
    "county-review-yi-shi-er-shi": Example(
        "一是产业发展提质增效，新建日光温室1200座，发展食用菌2.3万亩，培育农民专业合作社45家。"
        "二是基础设施持续完善，新改建农村公路186公里，实施农村饮水安全工程7项，新建村级文化广场23个。",
        COUNTY_REVIEW,
        (
            F("1200", 1200, "座", "新建日光温室"),
            F("2.3万", 2.3, "万亩", "发展食用菌"),
            F("45", 45, "家", "培育农民专业合作社"),
            F("186", 186, "公里", "新改建农村公路"),
            F("7", 7, "项", "实施农村饮水安全工程"),
            F("23", 23, "个", "新建村级文化广场"),
        ),
    ),
    "county-plan-yi-shi-er-shi": Example(
        "一是抓实稳粮保供，全年粮食播种面积稳定在45万亩以上，蔬菜种植面积达到12万亩。"
        "二是壮大特色产业，肉牛饲养量达到8万头，新建标准化养殖小区6个。",
        COUNTY_PLAN,
        (
            F("45万", 45, "万亩", "粮食播种面积", "level", ">="),
            F("12万", 12, "万亩", "蔬菜种植面积"),
            F("8万", 8, "万头", "肉牛饲养量"),
            F("6", 6, "个", "新建标准化养殖小区"),
        ),
    ),
    "county-forest-and-points": Example(
        "全县完成造林3.2万亩，森林覆盖率达到18.6%，比上年提高0.4个百分点。",
        COUNTY_REVIEW,
        (
            F("3.2万", 3.2, "万亩", "造林"),
            F("18.6", 18.6, "%", "森林覆盖率", "share"),
            F("0.4", 0.4, "个百分点", "森林覆盖率", "rate"),
        ),
    ),
    "incomes-in-yuan-and-ratio": Example(
        "城镇居民人均可支配收入达到38562元，农村居民人均可支配收入达到14216元，城乡收入比缩小到2.71。",
        CITY_REVIEW,
        (
            F("38562", 38562, "元", "城镇居民人均可支配收入"),
            F("14216", 14216, "元", "农村居民人均可支配收入"),
            F("2.71", 2.71, "", "城乡收入比", "share"),
        ),
    ),
    "loans-and-yu": Example(
        "发放创业担保贷款3.5亿元，扶持创业1260人，带动就业3800余人。",
        CITY_REVIEW,
        (
            F("3.5亿", 3.5, "亿元", "发放创业担保贷款"),
            F("1260", 1260, "人", "扶持创业"),
            F("3800", 3800, "人", "带动就业", "level", "~"),
        ),
    ),
    "market-entities-of-which": Example(
        "新增市场主体4632户，其中企业1085户，市场主体总数达到5.8万户。",
        CITY_REVIEW,
        (
            F("4632", 4632, "户", "新增市场主体"),
            F("1085", 1085, "户", "新增企业"),
            F("5.8万", 5.8, "万户", "市场主体总数"),
        ),
    ),
    "proposals-and-completion-rate": Example(
        "承办省市人大代表建议和政协委员提案共98件，按期办结率100%。",
        CITY_REVIEW,
        (
            F("98", 98, "件", "承办省市人大代表建议和政协委员提案"),
            F("100", 100, "%", "按期办结率", "share"),
        ),
    ),
    "qian-after-digits": Example(
        "培训高素质农民3千人次。",
        CITY_REVIEW,
        (F("3千", 3, "千人次", "培训高素质农民"),),
    ),
    "thousands-separator-with-wan": Example(
        "城区集中供热面积达到1,050万平方米，燃气普及率提高到96%。",
        CITY_REVIEW,
        (
            F("1,050万", 1050, "万平方米", "城区集中供热面积"),
            F("96", 96, "%", "燃气普及率", "share"),
        ),
    ),
    "chinese-one-hundred-twenty": Example(
        "全年开展送文化下乡演出一百二十场。",
        CITY_PLAN,
        (F("一百二十", 120, "场", "开展送文化下乡演出"),),
    ),
    "chinese-liang-and-shi-yu": Example(
        "改造提升农贸市场两个，新建社区食堂十余个。",
        CITY_PLAN,
        (
            F("两", 2, "个", "改造提升农贸市场"),
            F("十", 10, "个", "新建社区食堂", "level", "~"),
        ),
    ),
    "at-least-per-village": Example(
        "每个乡镇建设标准化卫生院1所，每个村配备村医至少1名。",
        CITY_PLAN,
        (
            F("1", 1, "所", "每个乡镇建设标准化卫生院"),
            F("1", 1, "名", "每个村配备村医", "level", ">="),
        ),
    ),
    "wan-yuan-gdp-is-a-name": Example(
        "工业用水重复利用率不低于92%，万元生产总值用水量下降3%。",
        CITY_PLAN,
        (
            F("92", 92, "%", "工业用水重复利用率", "share", ">="),
            F("3", 3, "%", "万元生产总值用水量", "rate"),
        ),
    ),
    "livestock-heads-and-birds": Example(
        "奶牛存栏达到5.6万头，生猪出栏达到80万头，家禽饲养量达到600万只。",
        CITY_PLAN,
        (
            F("5.6万", 5.6, "万头", "奶牛存栏"),
            F("80万", 80, "万头", "生猪出栏"),
            F("600万", 600, "万只", "家禽饲养量"),
        ),
    ),
    "water-supply-shares": Example(
        "农村自来水普及率达到95%以上，规模化供水工程覆盖农村人口比例达到70%。",
        CITY_PLAN,
        (
            F("95", 95, "%", "农村自来水普及率", "share", ">="),
            F("70", 70, "%", "规模化供水工程覆盖农村人口比例", "share"),
        ),
    ),
    "zero-employment-is-not-a-figure": Example(
        "城镇调查失业率控制在5.5%以内，确保零就业家庭动态清零。",
        CITY_PLAN,
        (F("5.5", 5.5, "%", "城镇调查失业率", "share", "<="),),
    ),
    "times-over-term": Example(
        "农产品网络零售额达到18.6亿元，是五年前的2.5倍。",
        CITY_TERM,
        (
            F("18.6亿", 18.6, "亿元", "农产品网络零售额"),
            F("2.5", 2.5, "倍", "农产品网络零售额", "rate"),
        ),
    ),
    "cheng-share-over": Example(
        "民生支出占财政支出比重超过八成。",
        CITY_REVIEW,
        (F("八", 8, "成", "民生支出占财政支出比重", "share", ">="),),
    ),
    "about-shangxia": Example(
        "粮食总产量稳定在100万吨上下。",
        CITY_PLAN,
        (F("100万", 100, "万吨", "粮食总产量", "level", "~"),),
    ),
    "near-and-about-review": Example(
        "城镇新增就业近1.8万人，带动农户增收约2.3亿元。",
        CITY_REVIEW,
        (
            F("1.8万", 1.8, "万人", "城镇新增就业", "level", "~"),
            F("2.3亿", 2.3, "亿元", "带动农户增收", "level", "~"),
        ),
    ),
    "growth-higher-than-threshold": Example(
        "确保县域经济增速高于6%。",
        COUNTY_PLAN,
        (F("6", 6, "%", "县域经济", "rate", ">="),),
    ),
    "below-cubic-metres": Example(
        "单位生产总值能耗下降3.2%，重点行业用水量控制在1.8亿立方米以下。",
        CITY_PLAN,
        (
            F("3.2", 3.2, "%", "单位生产总值能耗", "rate"),
            F("1.8亿", 1.8, "亿立方米", "重点行业用水量", "level", "<="),
        ),
    ),
    "not-more-than-debt-ratio": Example(
        "政府债务率不超过120%，旅游综合收入突破120亿元。",
        CITY_PLAN,
        (
            F("120", 120, "%", "政府债务率", "share", "<="),
            F("120亿", 120, "亿元", "旅游综合收入", "level", ">="),
        ),
    ),
    "heads-birds-unit-in-brackets": Example(
        "畜禽饲养总量稳定在860万头(只)以上。",
        CITY_PLAN,
        (F("860万", 860, "万头(只)", "畜禽饲养总量", "level", ">="),),
    ),
    "good-air-days": Example(
        "县城空气质量优良天数保持在300天以上。",
        COUNTY_PLAN,
        (F("300", 300, "天", "县城空气质量优良天数", "level", ">="),),
    ),
    "teachers-and-mu": Example(
        "招聘特岗教师120名，新增教育用地85亩。",
        CITY_PLAN,
        (F("120", 120, "名", "招聘特岗教师"), F("85", 85, "亩", "新增教育用地")),
    ),
    "per-capita-wan-yuan-and-rank": Example(
        "人均生产总值达到5.8万元，居全省第4位。",
        CITY_REVIEW,
        (
            F("5.8万", 5.8, "万元", "人均生产总值"),
            F("4", 4, "位", "人均生产总值", "rank"),
        ),
    ),
    "kilowatts-plain": Example(
        "建成分布式光伏电站装机8500千瓦。",
        CITY_REVIEW,
        (F("8500", 8500, "千瓦", "建成分布式光伏电站装机"),),
    ),
    "range-zhi-plain": Example(
        "每个乡镇打造2至3个示范村。",
        CITY_PLAN,
        (F("2至3", 2, "个", "每个乡镇打造示范村", value_max=3),),
    ),
    "share-from-dated-to-dated": Example(
        "常住人口城镇化率由2018年的45.2%提高到2023年的51.6%。",
        CITY_TERM,
        (
            F("45.2", 45.2, "%", "常住人口城镇化率", "share", period="2018"),
            F("51.6", 51.6, "%", "常住人口城镇化率", "share", period="2023"),
        ),
    ),
    "will-build-shared-verb": Example(
        "今年将新建城市书房20个、口袋公园15个。",
        CITY_PLAN,
        (F("20", 20, "个", "新建城市书房"), F("15", 15, "个", "新建口袋公园")),
    ),
    "yuan-per-month": Example(
        "城乡居民基础养老金最低标准提高到每人每月143元。",
        COUNTY_REVIEW,
        (F("143", 143, "元", "城乡居民基础养老金最低标准"),),
    ),
    "yi-yuan-and-wan-yuan": Example(
        "兑现各类惠农补贴资金2.6亿元，发放稳岗返还资金1860万元。",
        CITY_REVIEW,
        (
            F("2.6亿", 2.6, "亿元", "兑现各类惠农补贴资金"),
            F("1860万", 1860, "万元", "发放稳岗返还资金"),
        ),
    ),
    "five-years-sentence-in-year-review": Example(
        "过去五年，全市生产总值年均增长6.1%，累计完成固定资产投资5000亿元。",
        CITY_REVIEW,
        (
            F("6.1", 6.1, "%", "生产总值", "rate", period="2019-2023"),
            F("5000亿", 5000, "亿元", "固定资产投资", period="2019-2023"),
        ),
    ),
}

# --- Full-width digits and punctuation (written for these tests; plan year 2025) ------------

FULL_WIDTH = {
    "digits-and-percent": Example(
        "地区生产总值增长６％左右，城镇新增就业５．５万人以上。",
        PROV_PLAN,
        (
            F("６", 6, "％", "地区生产总值", "rate", "~"),
            F("５．５万", 5.5, "万人", "城镇新增就业", "level", ">="),
        ),
    ),
    "ranges-dash-and-tilde": Example(
        "固定资产投资增长６％－６．５％，社会消费品零售总额增长５％～６％。",
        PROV_PLAN,
        (
            F("６％－６．５", 6, "％", "固定资产投资", "rate", value_max=6.5),
            F("５％～６", 5, "％", "社会消费品零售总额", "rate", value_max=6),
        ),
    ),
    "range-tilde-unit-in-brackets": Example(
        "每个园区引进企业２～３户（家）。",
        PROV_PLAN,
        (F("２～３", 2, "户（家）", "每个园区引进企业", value_max=3),),
    ),
    "year-and-decimal": Example(
        "２０２４年，全省粮食总产量达到１２３４．５万吨，增长２．３％。",
        PROV_REVIEW,
        (
            F("１２３４．５万", 1234.5, "万吨", "粮食总产量"),
            F("２．３", 2.3, "％", "粮食总产量", "rate"),
        ),
    ),
    "full-width-5g-name": Example(
        "新建５Ｇ基站１．２万个，行政村通达率１００％。",
        PROV_REVIEW,
        (
            F("１．２万", 1.2, "万个", "新建５Ｇ基站"),
            F("１００", 100, "％", "行政村通达率", "share"),
        ),
    ),
    "within-and-about": Example(
        "居民消费价格涨幅控制在３％左右，城镇调查失业率控制在５．５％以内。",
        PROV_PLAN,
        (
            F("３", 3, "％", "居民消费价格", "rate", "~"),
            F("５．５", 5.5, "％", "城镇调查失业率", "share", "<="),
        ),
    ),
    "bracket-marker-and-rank": Example(
        "（一）经济运行稳中向好。全年地区生产总值增长５．８％，居全国第８位。",
        PROV_REVIEW,
        (
            F("５．８", 5.8, "％", "地区生产总值", "rate"),
            F("８", 8, "位", "地区生产总值增速", "rank"),
        ),
    ),
    "incomes-respectively": Example(
        "城镇居民人均可支配收入４５６７８元、农村居民人均可支配收入１８９０１元，分别增长４．６％、６．５％。",
        PROV_REVIEW,
        (
            F("４５６７８", 45678, "元", "城镇居民人均可支配收入"),
            F("１８９０１", 18901, "元", "农村居民人均可支配收入"),
            F("４．６", 4.6, "％", "城镇居民人均可支配收入", "rate"),
            F("６．５", 6.5, "％", "农村居民人均可支配收入", "rate"),
        ),
    ),
    "grain-area-and-output": Example(
        "粮食播种面积稳定在３３００万亩以上，产量达到７１０亿斤。",
        PROV_PLAN,
        (
            F("３３００万", 3300, "万亩", "粮食播种面积", "level", ">="),
            F("７１０亿", 710, "亿斤", "粮食产量"),
        ),
    ),
    "full-width-colon": Example(
        "主要预期目标：研发经费投入强度达到２．８５％左右。",
        PROV_PLAN,
        (F("２．８５", 2.85, "％", "研发经费投入强度", "share", "~"),),
    ),
}

# --- Not figures: times, names, slogans, markers, metadata ------------------------------------

NEGATIVES = {
    "several-plenums-of-a-congress": Example(
        "按照省委十一届七次、八次、九次全会部署，坚持稳中求进。", PROV_PLAN
    ),
    "second-round-without-di": Example(
        "高质量推进二轮土地承包到期延包整省试点，启动二期工程。",
        PROV_PLAN,
    ),
    "land-contract-extension-policy": Example(
        "国家关于土地承包期再延长30年的政策，务必扎实落实到位。开展好第二轮土地承包到期后再延长30年整县试点。",
        NAT23_PLAN,
    ),
    "extension-by-years-is-a-count": Example(
        "将高速公路收费期限延长5年。", CITY_PLAN, (F("5", 5, "年", "高速公路收费期限延长"),)
    ),
    "grades-programmes-and-vehicle-types": Example(
        "消除黑臭水体和劣五类水体，实施促进高校毕业生就业创业十项行动，违规电动三四轮车实现动态清零。",
        PROV_REVIEW,
    ),
    "magnitude-classes-are-names": Example(
        "培育万亿级产业，建设百亿企业，实施亿元以上项目，产业链加快跨过千亿级。", PROV_PLAN
    ),
    "first-sector-secretary-and-moment": Example(
        "全省第一产业稳步发展，选派第一书记，第一时间响应群众诉求。", PROV_PLAN
    ),
    "two-legs-and-two-subsidies-are-names": Example(
        "坚持迈开两条腿，连续提高残疾人两项补贴标准。", PROV_PLAN
    ),
    "outline-and-plant-sizes": Example(
        "重点做好以下9项工作。建成50万吨甲醇制乙醇项目，榆能西南70万千瓦热电项目投产。", PROV_PLAN
    ),
    "two-rounds-is-a-count": Example(
        "开展两轮安全生产大检查。", CITY_REVIEW, (F("两", 2, "轮", "开展安全生产大检查"),)
    ),
    "date": Example("2023年12月28日，市委召开经济工作会议。", CITY_PLAN),
    "date-in-chinese-numerals": Example("二〇二四年一月十日，市政府召开全体会议。", CITY_PLAN),
    "5g-and-gigabit": Example("加快5G网络建设，推进千兆光网进小区。", CITY_PLAN),
    "4a-level-name": Example(
        "新晋4A级旅游景区3家。", CITY_REVIEW, (F("3", 3, "家", "新晋4A级旅游景区"),)
    ),
    "fourteenth-plan-name": Example("编制完成“十四五”规划中期评估报告。", CITY_PLAN),
    "plus-n-frameworks": Example("构建“3+N”现代产业体系，打造“8+N”重点产业链。", CITY_PLAN),
    "voltage-in-project-name": Example("开工建设750千伏输变电工程。", PROV_PLAN),
    "voltage-threshold-in-indicator": Example(
        "新建35千伏及以下线路286公里。",
        CITY_PLAN,
        (F("286", 286, "公里", "新建35千伏及以下线路"),),
    ),
    "slogan-six-new": Example("奋力建设“六个新武威”。", CITY_PLAN),
    "slogan-two-no-worries": Example("巩固拓展“两不愁三保障”成果。", CITY_PLAN),
    "three-great-belts": Example("打造三大特色产业带。", CITY_PLAN),
    "list-marker-arabic": Example("1.稳定扩大就业。", CITY_PLAN),
    "list-marker-bracket": Example("(一)着力扩大有效需求。", CITY_PLAN),
    "list-marker-full-width-bracket": Example("（二）持续深化改革开放。", PROV_PLAN),
    "list-marker-yi-shi": Example("一是扎实推进乡村振兴。", COUNTY_PLAN),
    "index-number": Example("索引号：11622300013930944B/2024-00123", CITY_PLAN),
    "phone-and-postcode": Example("联系电话：0935-2212345，邮编：733000。", CITY_PLAN),
    "a-batch-and-integration": Example("培育一批专精特新企业，推进城乡供水一体化。", CITY_PLAN),
    "party-congress-ordinal": Example("全面贯彻落实市第五次党代会精神。", CITY_PLAN),
    "class-labels": Example("培育百亿级产业集群和十亿级龙头企业。", CITY_PLAN),
    "threshold-category-only": Example(
        "对小微企业年应纳税所得额100万元至300万元部分，再减半征收企业所得税。", NAT22_PLAN
    ),
    "threshold-in-project-class": Example(
        "新开工亿元以上项目156个。",
        CITY_REVIEW,
        (F("156", 156, "个", "新开工亿元以上项目"),),
    ),
    "belt-and-road-and-road-name": Example(
        "积极融入“一带一路”建设，推进G312线改扩建工程。", CITY_PLAN
    ),
    "slogans-two-and-four": Example("坚持“两个毫不动摇”，落实“四个最严”要求。", CITY_PLAN),
    "five-years-is-a-time": Example("今后五年是全面建设社会主义现代化的关键时期。", CITY_TERM_PLAN),
    "edition-ordinal": Example("成功举办第三届丝绸之路国际文化博览会。", CITY_REVIEW),
    "pm25-name": Example("持续开展PM2.5和臭氧协同治理。", CITY_PLAN),
    "policy-system-name": Example("落实“1+6+N”政策体系，推行“一网通办”。", CITY_PLAN),
    "three-year-action-name": Example("深入实施国有企业改革深化提升三年行动。", PROV_PLAN),
    "twentieth-congress": Example("深入学习贯彻党的二十届三中全会精神。", PROV_PLAN),
    "speech-outline-count": Example("重点抓好以下八个方面工作。", PROV_PLAN),
    "speech-outline-count-arabic": Example("认真抓好11方面重点工作：", PROV_PLAN),
    "per-capita-denominator": Example(
        "公共场所配置AED达每10万人45台。",
        PROV_PLAN,
        (F("45", 45, "台", "公共场所配置AED达每10万人"),),
    ),
    "age-group-and-opening-hours": Example(
        "为0-6岁儿童免费开展孤独症筛查，建设24小时便民服务站。", PROV_PLAN
    ),
    "place-name-with-numeral": Example("积极推进三门核电三期项目建设。", PROV_PLAN),
    "party-session-in-numerals": Example(
        "按照省委十一届七次、八次全会部署，扎实做好各项工作。", PROV_PLAN
    ),
    "spare-parts-not-zero": Example("加强原材料、关键零部件等供给保障。", NAT22_PLAN),
    "numbered-slogan-in-quotes": Example("要牢牢把握五个“必须统筹好”的科学方法论。", PROV_PLAN),
    "count-naming-what-a-share-is-of": Example(
        "147个国考断面水质优良率达98.6%。",
        PROV_REVIEW,
        (F("98.6", 98.6, "%", "国考断面水质优良率", "share"),),
    ),
    "threshold-after-a-count": Example(
        "对全省957个50户以上农村木质房屋连片村寨实施“水改”“电改”。",
        PROV_PLAN,
        (F("957", 957, "个", "50户以上农村木质房屋连片村寨实施“水改”“电改”"),),
    ),
}

# Appendices and glossaries after the speech (spec: glossaries and appendices). Sentences of the
# Guangdong and Sichuan 2025 appendices and glossaries, and entries written in their shape.
STRUCTURE = {
    "sichuan-glossary-goal-in-five-years": Example(
        "28.“三级百圈”：四川开展的标志性商圈提质行动，力争用5年时间，分层级打造世界级、都市级、"
        "区域级标志性商圈100个，构建业态品质优良、消费环境优质、绿色低碳智慧的商圈生态体系。",
        PROV_GLOSSARY,
        (F("100", 100, "个", "打造世界级、都市级、区域级标志性商圈", period="2025-2029"),),
    ),
    "glossary-goal-with-its-heading-years": Example(
        "3.“智造强省”行动（2026—2028年）：力争培育智能工厂200家、数字化车间1000个。",
        PROV_GLOSSARY,
        (
            F("200", 200, "家", "培育智能工厂", period="2026-2028"),
            F("1000", 1000, "个", "培育数字化车间", period="2026-2028"),
        ),
    ),
    "glossary-goal-by-a-year": Example(
        "4.“数字乡村”工程：到2027年，建成数字乡村示范村500个。",
        PROV_GLOSSARY,
        (F("500", 500, "个", "建成数字乡村示范村", period="2027"),),
    ),
    "glossary-goal-in-three-years-in-chinese": Example(
        "5.“百校”工程：用三年时间，改造薄弱学校100所。",
        PROV_GLOSSARY,
        (F("100", 100, "所", "改造薄弱学校", period="2025-2027"),),
    ),
    "sichuan-glossary-structure-is-not-a-figure": Example(
        "14.“天府峨眉计划”：四川实施的一项引进聚集类人才计划，支持对象为近3年从国（境）外、"
        "省外引进的高层次人才，常规项目包括个人引进、专项引进、团队引进3个类别9个项目。",
        PROV_GLOSSARY,
    ),
    "sichuan-glossary-history-is-not-a-figure": Example(
        "37.“千万工程”：“千村示范、万村整治”工程的简称。于2003年6月作出了实施“千万工程”的重大决策，"
        "从全省选择1万个左右的行政村进行全面整治，把其中1000个左右的中心村建成全面小康示范村。",
        PROV_GLOSSARY,
    ),
    "sichuan-glossary-existing-set-is-not-a-figure": Example(
        "30.国家级战略性新兴产业集群：四川现有成都市生物医药、轨道交通装备和自贡市节能环保3个"
        "国家级战略性新兴产业集群。",
        PROV_GLOSSARY,
    ),
    "guangdong-glossary-name-spelled-out": Example(
        "13.“1+3+N”低空经济发展平台：“1”是1个省级综合飞行服务站，“3”是广州、深圳、珠海3个A类"
        "飞行服务站，“N”是若干个B类飞行服务站。",
        PROV_GLOSSARY,
    ),
    "glossary-programme-name-spelled-out": Example(
        "6.“百村千户”工程：建设100个美丽乡村、1000户庭院经济示范户。", PROV_GLOSSARY
    ),
    "glossary-rule-is-not-a-figure": Example(
        "7.“一月一督”机制：每季度至少督查1次，每年通报2次。", PROV_GLOSSARY
    ),
    "glossary-model-is-not-a-figure": Example(
        "8.“龙头+合作社”模式：企业占40%、农户占60%。", PROV_GLOSSARY
    ),
    "guangdong-appendix-item-is-a-target": Example(
        "一、为老年人提供医养结合服务。创新医养深度融合模式，新增护理型床位超过1000张，"
        "65岁及以上老年人医养结合服务率超过40%。",
        PROV_APPENDIX,
        (
            F("1000", 1000, "张", "新增护理型床位", comparator=">="),
            F("40", 40, "%", "65岁及以上老年人医养结合服务率", "share", ">="),
        ),
    ),
    "appendix-annual-target": Example(
        "年度目标：新增普惠托位1万个。",
        PROV_APPENDIX,
        (F("1万", 1, "万个", "新增普惠托位"),),
    ),
    "years-to-use-in-the-plan": Example(
        "用三年时间，完成城镇老旧小区改造300个。",
        CITY_PLAN,
        (F("300", 300, "个", "完成城镇老旧小区改造", period="2024-2026"),),
    ),
    "end-of-the-five-year-plan": Example(
        "到“十四五”末，全市森林覆盖率达到25%。",
        CITY_PLAN,
        (F("25", 25, "%", "森林覆盖率", "share", period="2025"),),
    ),
    "five-years-ahead-inside-the-plan-year": Example(
        "坚持稳中求进。今后五年，全市城镇新增就业累计达到8万人。",
        CITY_PLAN,
        (F("8万", 8, "万人", "城镇新增就业", period="2024-2028"),),
    ),
    "five-years-ahead-inside-a-task-is-the-year": Example(
        "统筹谋划未来五年发展目标，新建学校5所。",
        CITY_PLAN,
        (F("5", 5, "所", "新建学校"),),
    ),
    "appendix-responsible-units-are-not-figures": Example(
        "牵头单位：省卫生健康委；配合单位：省直12个部门。", PROV_APPENDIX
    ),
}

# The spec's later conventions (shared/spec/figures.md, the last items), with negatives.
CONVENTIONS = {
    "state-council-budget-under-estimate-is-a-target": Example(
        "预计今年财政收入继续增长，加之特定国有金融机构和专营机构依法上缴近年结存的利润、"
        "调入预算稳定调节基金等，支出规模比去年扩大2万亿元以上。",
        NAT22_PLAN,
        (F("2万亿", 2, "万亿元", "支出规模扩大", comparator=">="),),
    ),
    "state-council-estimate-in-its-own-clause-and-its-breakdown": Example(
        "预计全年退税减税约2.5万亿元，其中留抵退税约1.5万亿元。",
        NAT22_PLAN,
        (
            F("2.5万亿", 2.5, "万亿元", "退税减税", comparator="~", kind="estimate"),
            F("1.5万亿", 1.5, "万亿元", "留抵退税", comparator="~", kind="estimate"),
        ),
    ),
    "estimate-opening-a-review-sentence-covers-it": Example(
        "预计全年地区生产总值增长5%，一般公共预算收入增长3%。",
        PROV_REVIEW,
        (
            F("5", 5, "%", "地区生产总值", "rate", kind="estimate"),
            F("3", 3, "%", "一般公共预算收入", "rate", kind="estimate"),
        ),
    ),
    "one-number-of-several-indicators-ge": Example(
        "开工、建成保障性住房各5000套以上。",
        PROV_PLAN,
        (F("5000", 5000, "套", "开工、建成保障性住房", comparator=">="),),
    ),
    "one-number-of-several-indicators-shared-verb": Example(
        "建设和改造城市燃气、供水管网各1000公里。",
        PROV_PLAN,
        (F("1000", 1000, "公里", "建设和改造城市燃气、供水管网"),),
    ),
    "one-number-of-several-indicators-jun": Example(
        "城乡居民医保和基本公共卫生服务人均财政补助标准均提高30元。",
        PROV_PLAN,
        (F("30", 30, "元", "城乡居民医保和基本公共卫生服务人均财政补助标准提高"),),
    ),
    "capacity-of-an-unnamed-group-of-projects": Example(
        "加快推进永新、浙江宁海等抽水蓄能电站和300万千瓦风电项目建设。",
        PROV_PLAN,
        (F("300万", 300, "万千瓦", "风电项目建设"),),
    ),
    "capacity-of-solar-projects-built": Example(
        "建成300万千瓦光伏项目。", PROV_PLAN, (F("300万", 300, "万千瓦", "建成光伏项目"),)
    ),
    "capacity-in-one-plants-name-is-not-a-figure": Example(
        "建成50万吨甲醇制乙醇项目，榆能西南70万千瓦热电项目投产。", PROV_PLAN
    ),
    "of-which-after-a-colon-takes-the-totals-verb": Example(
        "新增城镇就业60万人，其中：高校毕业生20万人、农民工10万人。",
        PROV_PLAN,
        (
            F("60万", 60, "万人", "新增城镇就业"),
            F("20万", 20, "万人", "新增高校毕业生"),
            F("10万", 10, "万人", "新增农民工"),
        ),
    ),
    "of-which-after-a-colon-qualifier": Example(
        "新建充电桩2万个，其中：农村1万个。",
        PROV_PLAN,
        (F("2万", 2, "万个", "新建充电桩"), F("1万", 1, "万个", "新建农村充电桩")),
    ),
    "threshold-with-a-bound-defines-the-class-counted": Example(
        "培育年营收超100亿元的企业10家。",
        PROV_PLAN,
        (F("10", 10, "家", "培育年营收超100亿元的企业"),),
    ),
    "threshold-above-defines-the-class-counted": Example(
        "新开工总投资10亿元以上的项目200个。",
        PROV_PLAN,
        (F("200", 200, "个", "新开工总投资10亿元以上的项目"),),
    ),
    "size-of-one-fund-is-a-figure": Example(
        "设立总规模500亿元的省战略性新兴产业母基金。",
        PROV_PLAN,
        (F("500亿", 500, "亿元", "省战略性新兴产业母基金总规模"),),
    ),
    "bound-with-no-count-after-is-a-figure": Example(
        "全年完成投资超100亿元的目标。",
        PROV_PLAN,
        (F("100亿", 100, "亿元", "完成投资", comparator=">="),),
    ),
    "speech-outline-in-arabic-numerals": Example("实施“515”行动，抓好8个方面重点工作。", PROV_PLAN),
    "commitment-count-in-arabic-numerals-stays": Example(
        "办好10个方面民生实事。", PROV_PLAN, (F("10", 10, "个", "办好方面民生实事"),)
    ),
    "unit-in-brackets": Example(
        "生猪出栏1000万头（只）。", PROV_PLAN, (F("1000万", 1000, "万头(只)", "生猪出栏"),)
    ),
    "list-numbers-with-a-full-width-dot": Example(
        "1．新增普惠托位1万个；2．改造老旧小区300个。",
        PROV_PLAN,
        (F("1万", 1, "万个", "新增普惠托位"), F("300", 300, "个", "改造老旧小区")),
    ),
    "verb-shared-along-a-list": Example(
        "新建、改扩建公办幼儿园100所、中小学50所。",
        PROV_PLAN,
        (
            F("100", 100, "所", "新建、改扩建公办幼儿园"),
            F("50", 50, "所", "新建、改扩建中小学"),
        ),
    ),
}

# General causes read off the weakest development-gold stretches (issue 12): each rule with
# the sentence it came from and negatives from other reports of the corpus.
UNSEEN = {
    "hubei-economic-growth-target-restated": Example(
        "经济增长目标设定为6％左右，既考虑了需要，也考虑了可能。",
        PROV_PLAN,
        (F("6", 6, "％", "经济增长", "rate", "~"),),
    ),
    "shaanxi-county-economy-growth-gap-is-unchanged": Example(
        "县域经济增速高于全省1个百分点。",
        PROV_REVIEW,
        (F("1", 1, "个百分点", "县域经济增速高于全省", "rate"),),
    ),
    "hubei-years-to-use-a-range-counts-to-its-outer-bound": Example(
        "用3—5年时间，培养引进10名战略科学家、100名科技领军人才。",
        PROV_PLAN,
        (
            F("10", 10, "名", "培养引进战略科学家", period="2025-2029"),
            F("100", 100, "名", "培养引进科技领军人才", period="2025-2029"),
        ),
    ),
    "chongqing-five-relations-are-a-name": Example(
        "实现上述目标，要全面加强党对经济工作的领导，深刻领会“必须统筹好”的五对重要关系。",
        PROV_PLAN,
    ),
    "jilin-five-relations-are-a-name": Example(
        "我们要把习近平总书记强调的必须统筹好五对重要关系作为做好今年工作的“金钥匙”。",
        PROV_PLAN,
    ),
    "tianjin-designated-zones-worked-on-are-a-stock": Example(
        "健全市场化管理体制，加快完善6个国家级经开区“管委会＋公司”运营模式。",
        PROV_PLAN,
        (F("6", 6, "个", "国家级经开区", kind="actual", period="2024"),),
    ),
    "hubei-designated-zones-supported-are-a-stock": Example(
        "支持103个国家级省级开发区集约集聚发展。",
        PROV_PLAN,
        (F("103", 103, "个", "国家级省级开发区", kind="actual", period="2024"),),
    ),
    "chongqing-designated-platforms-deepened-are-a-stock": Example(
        "深化10个川渝毗邻地区合作功能平台建设，提质发展35个川渝产业合作示范园区。",
        PROV_PLAN,
        (
            F("10", 10, "个", "川渝毗邻地区合作功能平台", kind="actual", period="2024"),
            F("35", 35, "个", "川渝产业合作示范园区", kind="actual", period="2024"),
        ),
    ),
    "guangdong-platforms-built-are-a-target": Example(
        "坚持产城一体、城产融合，高质量建设15个承接产业转移主平台。",
        PROV_PLAN,
        (F("15", 15, "个", "高质量建设承接产业转移主平台"),),
    ),
    "shanxi-new-platforms-are-a-target": Example(
        "新增6个省级特色专业镇、8个公共服务平台。",
        PROV_PLAN,
        (F("6", 6, "个", "新增省级特色专业镇"), F("8", 8, "个", "新增公共服务平台")),
    ),
    "jilin-demonstration-projects-pushed-are-a-target": Example(
        "大力推动10个以上“好房子”示范项目建设。",
        PROV_PLAN,
        (F("10", 10, "个", "“好房子”示范项目建设", comparator=">="),),
    ),
    "tianjin-standing-class-worked-on-is-not-a-figure": Example(
        "创成100个乡村振兴示范村，巩固368个经济薄弱村扶持成效。",
        PROV_PLAN,
        (F("100", 100, "个", "创成乡村振兴示范村"),),
    ),
    "hubei-grain-counties-supported-are-not-a-figure": Example(
        "建设高标准农田300万亩，支持55个产粮大县提升粮食生产能力。",
        PROV_PLAN,
        (F("300万", 300, "万亩", "建设高标准农田"),),
    ),
    "shaanxi-key-counties-are-not-a-figure": Example(
        "优先在25个粮食产能提升重点县布局高标准农田项目。", PROV_PLAN
    ),
    "shandong-chains-founded-are-a-target": Example(
        "整合建立18条标志性产业链。",
        PROV_PLAN,
        (F("18", 18, "条", "整合建立标志性产业链"),),
    ),
    "shandong-chain-pilots-are-a-target": Example(
        "抓好滨州对虾、济宁食用菌、临沂生猪、菏泽肉羊等14个优势特色农业全产业链提质增效试点。",
        PROV_PLAN,
        (F("14", 14, "个", "优势特色农业全产业链提质增效试点"),),
    ),
    "shaanxi-new-cluster-is-a-target": Example(
        "新增1个国家级优势特色产业集群。",
        PROV_PLAN,
        (F("1", 1, "个", "新增国家级优势特色产业集群"),),
    ),
    "hubei-people-a-task-is-for-are-a-present-stock": Example(
        "重点面向全省两百多万高校师生大规模推进以科技为支撑的创新创业。",
        PROV_PLAN,
        (F("两百多万", 200, "万", "高校师生", comparator="~", kind="actual", period="2024"),),
    ),
    "xinjiang-people-are-a-present-stock": Example(
        "共同构筑新疆2600多万各族儿女共有的精神家园。",
        PROV_PLAN,
        (F("2600多万", 2600, "万", "各族儿女", comparator="~", kind="actual", period="2024"),),
    ),
    "state-council-2022-people-are-a-present-stock": Example(
        "把14亿多中国人的饭碗牢牢端在自己手中。",
        NAT22_PLAN,
        (F("14亿", 14, "亿", "中国人", comparator="~", kind="actual", period="2021"),),
    ),
    "chongqing-people-a-task-serves-are-a-target": Example(
        "为200万中小学生开展心理健康测评。",
        PROV_PLAN,
        (F("200万", 200, "万", "中小学生开展心理健康测评"),),
    ),
    # the State Council 2023's wording, set in a plan: a count the task reaches is its own
    "people-a-task-reaches-are-a-target": Example(
        "每年惠及3700多万学生。",
        NAT23_PLAN,
        (F("3700多万", 3700, "万", "惠及学生", comparator="~"),),
    ),
    "hubei-quota-per-unit-keeps-the-unit-and-at-least": Example(
        "支持每个乡镇至少办好1所优质初中、每个县至少办好1所优质高中、每个市州办好1所特殊教育学校。",
        PROV_PLAN,
        (
            F("1", 1, "所", "每个乡镇办好优质初中", comparator=">="),
            F("1", 1, "所", "每个县办好优质高中", comparator=">=", after="初中"),
            F("1", 1, "所", "每个市州办好特殊教育学校", after="高中"),
        ),
    ),
    "hainan-at-least-before-a-verb-is-a-floor": Example(
        "各市县至少建设1家公立型或普惠性婴幼儿照护服务机构。",
        PROV_PLAN,
        (F("1", 1, "家", "各市县建设公立型或普惠性婴幼儿照护服务机构", comparator=">="),),
    ),
    "shanxi-quota-per-county": Example(
        "每个县办好1所公办高中。",
        PROV_PLAN,
        (F("1", 1, "所", "每个县办好公办高中"),),
    ),
    "hubei-commitments-in-classes-and-items": Example(
        "今年继续实施10大类55项民生实事。",
        PROV_PLAN,
        (F("10", 10, "大类", "民生实事类别"), F("55", 55, "项", "民生实事")),
    ),
    "jiangsu-commitments-done-are-named-alone": Example(
        "以普惠性基础性兜底性民生建设为重点，12类55件民生实事保质保量完成。",
        PROV_REVIEW,
        (F("12", 12, "类", "民生实事"), F("55", 55, "件", "民生实事")),
    ),
    "chongqing-key-commitments-keep-their-key": Example(
        "15件重点民生实事年度任务如期完成。",
        PROV_REVIEW,
        (F("15", 15, "件", "重点民生实事"),),
    ),
    "guizhou-other-concrete-matters-keep-their-name": Example(
        "扎实抓好15件群众身边具体实事集中整治。",
        PROV_REVIEW,
        (F("15", 15, "件", "群众身边具体实事集中整治"),),
    ),
    "tianjin-full-width-slash-in-a-unit": Example(
        "PM2.5年均浓度降至38微克／立方米以下，优良天数比率达到72％以上。",
        PROV_PLAN,
        (
            F("38", 38, "微克／立方米", "PM2.5年均浓度", comparator="<="),
            F("72", 72, "％", "优良天数比率", "share", ">="),
        ),
    ),
    "guangdong-half-width-slash-in-a-unit": Example(
        "新增污水管网超2000公里、污水处理能力超30万吨/日。",
        PROV_PLAN,
        (
            F("2000", 2000, "公里", "新增污水管网", comparator=">="),
            F("30万", 30, "万吨/日", "新增污水处理能力", comparator=">="),
        ),
    ),
    "jiangsu-total-and-rank-of-a-list": Example(
        "新入选国家5G工厂113家、累计210家，均居全国第一。",
        PROV_REVIEW,
        (
            F("113", 113, "家", "新入选国家5G工厂"),
            F("210", 210, "家", "国家5G工厂"),
            F("一", 1, "", "新入选国家5G工厂、国家5G工厂", "rank"),
        ),
    ),
    "hunan-rank-of-two-counts": Example(
        "新增硬质合金等7个国家中小企业特色产业集群，国家级制造业单项冠军企业总数达72个，均居中部第1位。",
        PROV_REVIEW,
        (
            F("7", 7, "个", "新增国家中小企业特色产业集群"),
            F("72", 72, "个", "国家级制造业单项冠军企业总数"),
            F("1", 1, "位", "新增国家中小企业特色产业集群、国家级制造业单项冠军企业总数", "rank"),
        ),
    ),
    "guangdong-total-after-additions": Example(
        "新增1个省级境外经贸合作区、累计达8个。",
        PROV_REVIEW,
        (F("1", 1, "个", "新增省级境外经贸合作区"), F("8", 8, "个", "省级境外经贸合作区")),
    ),
    "jiangsu-counts-of-a-policy-named-before": Example(
        "率先出台制造业设备更新贷款贴息政策，支持项目684个、撬动银行贷款1470亿元。",
        PROV_REVIEW,
        (
            F("684", 684, "个", "制造业设备更新贷款贴息政策支持项目"),
            F("1470亿", 1470, "亿元", "制造业设备更新贷款贴息政策撬动银行贷款"),
        ),
    ),
    "jiangsu-counts-of-a-three-year-plan-named-before": Example(
        "如期完成制造业智能化改造和数字化转型三年行动计划，累计诊断企业超6万家、改造项目5.6万余个。",
        PROV_REVIEW,
        (
            F(
                "6万",
                6,
                "万家",
                "智能化改造和数字化转型诊断企业",
                comparator=">=",
                period="2022-2024",
            ),
            F(
                "5.6万",
                5.6,
                "万个",
                "智能化改造和数字化转型改造项目",
                comparator="~",
                period="2022-2024",
            ),
        ),
    ),
    "state-council-2023-fund-named-before-its-size": Example(
        "同时充实全国社保基金，储备规模从1.8万亿元增加到2.5万亿元以上。",
        NAT23_TERM,
        (
            F("1.8万亿", 1.8, "万亿元", "全国社保基金储备规模", period="2017"),
            F("2.5万亿", 2.5, "万亿元", "全国社保基金储备规模", comparator=">=", period="2022"),
        ),
    ),
    "hebei-works-after-a-project-group-keep-their-name": Example(
        "推进塞罕坝林场“二次创业”，抓好“三北”六期等重大生态工程，完成营造林600万亩，"
        "修复退化草原50万亩。",
        PROV_PLAN,
        (F("600万", 600, "万亩", "营造林"), F("50万", 50, "万亩", "修复退化草原")),
    ),
    "hunan-sister-city-pairs-are-counts": Example(
        "新结对国际友好城市4对。",
        PROV_REVIEW,
        (F("4", 4, "对", "新结对国际友好城市"),),
    ),
}

GROUPS = {
    "state-council-2022": STATE_COUNCIL_2022,
    "state-council-2023": STATE_COUNCIL_2023,
    "provinces-2025": PROVINCES_2025,
    "city": CITY,
    "full-width": FULL_WIDTH,
    "negatives": NEGATIVES,
    "structure": STRUCTURE,
    "conventions": CONVENTIONS,
    "unseen": UNSEEN,
}

# Known misses: case id -> reason. The lead decides which belong here; each becomes
# ``xfail(strict=True)``, so a case that starts to pass must be taken off the list.
KNOWN_FAILURES: dict[str, str] = {
    "state-council-2023/innovation-week-sessions": (
        "a number before its verb (5.2亿人次参与) does not take the event named before it"
    ),
    "state-council-2023/vocational-enrolment": (
        "扩招 does not take 高职 from the programme named in the clause before"
    ),
    "provinces-2025/zhejiang-accidents-and-deaths": (
        "死亡人数 after 生产安全事故起数 does not take the owner: where 起数 starts is not known"
    ),
    "provinces-2025/anhui-cubic-metres-and-tonnes": (
        "过闸总吨位 does not take the project “引江济淮” named in the clause before"
    ),
    "provinces-2025/chongqing-countries-ports-respectively": (
        "two counters in a row (127个国家和地区的555个港口) share the verb before the first"
    ),
}


# --- How a case is judged ------------------------------------------------------------------

NUMBER_CHARS = "0123456789.０１２３４５６７８９．零〇一二两三四五六七八九十百千万亿"
RANGE_SEPARATORS = "至到-－～~—"


def expected_spans(example: Example) -> list[tuple[int, int]]:
    """Where each expected number stands in the sentence (searched in order)."""
    spans: list[tuple[int, int]] = []
    position = 0
    for fig in example.figures:
        if fig.after:
            position = max(position, example.sentence.index(fig.after, position) + len(fig.after))
        pattern = rf"(?<![{NUMBER_CHARS}]){re.escape(fig.written)}(?![0-9０-９.．,，]?[0-9０-９])"
        found = re.compile(pattern).search(example.sentence, position)
        if found is None:
            raise AssertionError(f"{fig.written!r} is not in {example.sentence!r} after {position}")
        spans.append((found.start(), found.end()))
        position = found.end()
    return spans


def describe(figure: Figure, text: str) -> str:
    return (
        f"{text[figure.start : figure.end]!r}@{figure.start}: {figure.value} {figure.unit!r} "
        f"{figure.indicator!r} {figure.measure} {figure.kind} {figure.comparator} {figure.period!r}"
    )


def field_problems(fig: Fig, got: Figure, context: Context) -> list[str]:
    """The fields of ``got`` that differ from ``fig``, each as one readable line."""
    want_kind = fig.kind or context.default_kind()
    want_period = fig.period if fig.period is not None else context.default_period()
    checks = [
        ("value", same_number(fig.value, got.value), fig.value, got.value),
        (
            "value_max",
            same_number(fig.value_max, None if got.value_max is None else got.value_max),
            fig.value_max,
            got.value_max,
        ),
        ("unit", same_unit(fig.unit, got.unit), fig.unit, got.unit),
        ("measure", fig.measure == got.measure, fig.measure, got.measure),
        ("kind", want_kind == got.kind, want_kind, got.kind),
        ("comparator", fig.comparator == got.comparator, fig.comparator, got.comparator),
        ("period", want_period == got.period, want_period, got.period),
    ]
    problems = [
        f"  {fig.written!r} {name}: expected {want!r}, got {have!r}"
        for name, ok, want, have in checks
        if not ok
    ]
    if not indicator_ok(fig.indicator, got.indicator):
        problems.append(
            f"  {fig.written!r} indicator: expected {fig.indicator!r}, got {got.indicator!r} "
            f"(character F1 {indicator_f1(fig.indicator, got.indicator):.2f} < 0.8)"
        )
    return problems


def check_example(example: Example) -> None:
    text, offset = build_report(example.sentence, example.context)
    figures = luoshi.extract(luoshi.read(text.encode()))
    inside = [f for f in figures if offset <= f.start < offset + len(example.sentence)]
    got_by_span = {(f.start - offset, f.end - offset): f for f in inside}
    want = dict(zip(expected_spans(example), example.figures, strict=True))

    problems: list[str] = []
    for (start, end), fig in want.items():
        got = got_by_span.get((start, end))
        if got is None:
            problems.append(f"  missed {fig.written!r} at {start}-{end} ({fig.indicator})")
            continue
        assert text[got.start : got.end] == fig.written
        problems.extend(field_problems(fig, got, example.context))
    for span, got in got_by_span.items():
        if span not in want:
            problems.append(f"  extra  {describe(got, text)}")
    assert not problems, f"in {example.sentence!r}:\n" + "\n".join(problems)


def _cases() -> list[object]:
    cases: list[object] = []
    for group, examples in GROUPS.items():
        for name, example in examples.items():
            case_id = f"{group}/{name}"
            marks = ()
            if case_id in KNOWN_FAILURES:
                marks = (pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[case_id]),)
            cases.append(pytest.param(example, id=case_id, marks=marks))
    return cases


@pytest.mark.parametrize("example", _cases())
def test_example(example: Example) -> None:
    check_example(example)


# --- The tables themselves ----------------------------------------------------------------


def test_tables_are_consistent() -> None:
    """Every expectation is findable, uses the spec's enums, and reads as its number."""
    seen_known = set()
    for group, examples in GROUPS.items():
        for name, example in examples.items():
            case_id = f"{group}/{name}"
            seen_known.add(case_id)
            spans = expected_spans(example)
            assert len(set(spans)) == len(spans), case_id
            for fig in example.figures:
                assert fig.measure in MEASURES, (case_id, fig)
                assert fig.comparator in COMPARATORS, (case_id, fig)
                assert fig.kind is None or fig.kind in KINDS, (case_id, fig)
                is_range = any(sep in fig.written for sep in RANGE_SEPARATORS)
                assert (fig.value_max is None) != is_range, (
                    f"{case_id}: {fig.written!r} has value_max {fig.value_max} "
                    "but ranges, and only ranges, carry a separator"
                )
    assert set(KNOWN_FAILURES) <= seen_known, set(KNOWN_FAILURES) - seen_known


def test_table_size() -> None:
    """The tables cover enough ground to judge an extractor beyond one report."""
    sentences = sum(len(examples) for examples in GROUPS.values())
    figures = sum(len(e.figures) for examples in GROUPS.values() for e in examples.values())
    assert sentences >= 100
    assert figures >= 150


@pytest.mark.parametrize(
    "context",
    [
        NAT22_REVIEW,
        NAT23_TERM,
        PROV_PLAN,
        CITY_TERM_PLAN,
        COUNTY_REVIEW,
        PROV_APPENDIX,
        PROV_GLOSSARY,
    ],
    ids=lambda c: f"{c.body}-{c.part}-{c.plan_year}",
)
def test_frame_alone_has_no_figures(context: Context) -> None:
    """The synthetic header and headings hold no figure, so a case sees only its sentence."""
    text, _ = build_report("各位代表，我们将继续努力。", context)
    figures = luoshi.extract(luoshi.read(text.encode()))
    assert figures == [], [describe(f, text) for f in figures]

"""Metadata: the 政务公开 fields of the page and the speech's own header.

Portals give the fields as "label: value" runs, several to a line
(``索引号: 11622300013930944B/2021-06808 公开方式: 主动公开``), or as table
cells (``<td>索引号：</td><td>…</td>``); both end up as (label, value) pairs
that ``apply_fields`` maps onto ``Metadata`` through the ``LABELS`` table.
The speech's header (``——2021年12月7日在武威市第五届人民代表大会第一次会议上``,
``武威市代市长 王国斌``) gives the delivery date, session and speaker.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Literal

from luoshi import compiled
from luoshi.extraction.numerals import parse_number
from luoshi.reading.chars import HAN, SPACE
from luoshi.reading.document import Metadata, Span

ValueKind = Literal["text", "date", "int"]

# The labels portals use: (label as written, Metadata field or None to keep it in
# ``fields`` only, how to read the value). Where two labels fill one field, the first found wins.
LABELS: tuple[tuple[str, str | None, ValueKind], ...] = (
    ("索引号", "index_number", "text"),
    ("公开方式", "disclosure", "text"),
    ("发布机构", "publisher", "text"),
    ("发文机关", "issuing_authority", "text"),
    ("发文机构", "issuing_authority", "text"),
    ("组配分类", "category", "text"),
    ("主题分类", "topic", "text"),
    ("文件编号", "document_number", "text"),
    ("发文字号", "document_number", "text"),
    ("文号", "document_number", "text"),
    ("发文日期", "issued", "date"),
    ("成文日期", "written", "date"),
    ("有效性", "validity", "text"),
    ("信息来源", "source", "text"),
    ("来源", "source", "text"),
    ("发布日期", "published", "date"),
    ("发布时间", "published", "date"),
    ("标题", "title", "text"),
    ("浏览次数", "views", "int"),
    ("访问量", "views", "int"),
    ("点击数", "views", "int"),
    ("体裁分类", None, "text"),
    ("主题词", None, "text"),
    ("公开时限", None, "text"),
    ("公开范围", None, "text"),
    ("生成日期", None, "date"),
    ("废止日期", None, "date"),
    ("责任部门", None, "text"),
)
LABEL_FIELDS = {label: (field, kind) for label, field, kind in LABELS}
# Portals space a label out to the width of the longest (索 引 号, 标　　题), with ASCII,
# ideographic (U+3000) or no-break (U+00A0) spaces between its characters.
LABEL_SPACE = "[ \t\u3000\xa0]"
_LABEL_WORDS = "|".join(
    f"{LABEL_SPACE}*".join(label) for label in sorted(LABEL_FIELDS, key=len, reverse=True)
)
LABEL = compiled.pattern(
    rf"""
    (?:^|(?<=[\s|｜】\]]))          # at a line start or after a space or separator
    (?P<label>{_LABEL_WORDS})       # a known label, maybe spaced (longest first: 信息来源, 来源)
    {LABEL_SPACE}*[:：]             # its colon, ASCII or full-width
    """,
    re.VERBOSE,
)
LABEL_SPACES = compiled.pattern(f"{LABEL_SPACE}+")
# Any other "word:" after a space ends the value before it (来源：xx 字号：[大 中 小]).
OTHER_LABEL = compiled.pattern(rf"\s+[{HAN}]{{2,6}}\s*[:：]")
DATE = compiled.pattern(
    r"""
    (?P<year>\d{4}) \s* [-/.年] \s*     # 2021- / 2021年
    (?P<month>\d{1,2}) \s* [-/.月] \s*  # 12- / 12月
    (?P<day>\d{1,2}) (?!\d)             # 07 / 7日
    """,
    re.VERBOSE,
)
INDEX_NUMBER = compiled.pattern(
    r"""
    (?P<prefix>[0-9A-Za-z]+(?:-[0-9A-Za-z])?)  # the publisher: credit code or organisation code
    \s* [/／] \s*
    (?P<year>\d{4}) \s* [-－—/] \s*         # the year
    (?P<serial>\d+)                         # the serial within the year
    """,
    re.VERBOSE,
)
# GB 32100-2015: the 31 characters of a unified social credit code and the weights of its 17 first.
CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
CREDIT_CODE = compiled.pattern(f"[{CREDIT_CHARSET}]{{18}}")
# Where the organisation code stands inside a credit code (its characters 9 to 17).
CREDIT_ORGANISATION = slice(8, 17)
# GB 11714-1997: an organisation code is 8 digits or capitals and a check character
# (00001434-9 or 000014349, the State Council's), its 8 first weighted by these.
ORGANISATION_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ORGANISATION_CODE = compiled.pattern(r"(?P<body>[0-9A-Z]{8})-?(?P<check>[0-9X])")

BREADCRUMB_SEPARATORS = "[>＞»›→]"
BREADCRUMB = compiled.pattern(
    rf"""
    ^(?:(?:当前位置|您的位置|您现在的位置|您所在的位置|位置)\s*[:：]\s*)?  # an optional lead-in
    (?P<trail>
      [^>＞»›→:：]{{0,20}}                                        # the first crumb, maybe empty
      (?:\s*{BREADCRUMB_SEPARATORS}\s*[^>＞»›→:：]{{1,30}}){{1,8}}  # then > crumb, once or more
    )\s*$
    """,
    re.VERBOSE,
)
DELIVERY = compiled.pattern(
    r"""
    (?P<year>\d{4}|[〇零一二三四五六七八九]{4}) \s* 年                  # 2024年, 二〇二四年
    \s* (?P<month>\d{1,2}|[一二三四五六七八九十]{1,3}) \s* 月               # 12月, 十二月
    \s* (?P<day>\d{1,2}|[一二三四五六七八九十]{1,3}) \s* 日                 # 7日, 七日
    [^\n在]{0,30}?                                   # the speaker, in some headers (省长 刘小明)
    \s* 在 \s* (?P<session>[^\n。，,]{4,60}?会议) \s* 上  # 在…会议上
    """,
    re.VERBOSE,
)
OFFICE = rf"[{HAN}]{{0,16}}?(?:总理|省长|市长|主席|州长|县长|区长|旗长|盟长)"  # 武威市代市长
NAME = rf"[{HAN}]{{2,4}}(?:[·•][{HAN}]{{1,8}})*"  # 王国斌 / 艾尔肯·吐尼亚孜
SPEAKERS = (
    compiled.pattern(  # on a line of its own, after the delivery line: 武威市代市长 王国斌
        rf"""
        ^[ \t\u3000\xa0]* (?P<office>{OFFICE})
        [\s\u3000\xa0]+                          # a space, or a line break (国务院总理 / 李克强)
        (?P<name>{NAME}) [ \t\u3000\xa0]*$
        """,
        re.VERBOSE | re.MULTILINE,
    ),
    compiled.pattern(  # inside the delivery line: …会议上河北省人民政府省长王正谱作政府工作报告
        rf"""
        (?:会议上|日|——)                          # after the session or the date
        [ \t\u3000\xa0]* (?P<office>{OFFICE.replace("16", "12")})
        [ \t\u3000\xa0]* (?P<name>[{HAN}]{{2,3}}) (?:同志)?
        (?=作|在)                                  # 作政府工作报告 / 在…会议上的讲话
        """,
        re.VERBOSE,
    ),
)
SALUTATION = compiled.pattern(r"各位代表\s*[:：]")
REPORT_TITLE = compiled.pattern(r"政府工作报告")
YEAR_OF_TITLE = compiled.pattern(r"(?P<year>\d{4})\s*年")
# A part heading that names the year of the tasks: 2022年工作任务, 2025年工作安排, 2025年重点工作.
PLAN_HEADING = compiled.pattern(
    r"(?P<year>\d{4})年(?:政府)?(?:工作任务|工作安排|重点工作|目标任务|主要任务|工作建议)"
)
HEADER_SEARCH = 3000  # characters from the start in which the speech header is looked for
HEADER_PARAGRAPHS = 40  # paragraphs from the start in which the salutation is looked for
SPEECH_IN_AUTUMN = 9  # a speech from this month on sets the next year's tasks


def label_pairs(lines: Iterable[str]) -> list[tuple[str, str]]:
    """Every (label, value) of "label: value" runs in ``lines``, several to a line."""
    pairs: list[tuple[str, str]] = []
    for line in lines:
        matches = list(LABEL.finditer(line))
        for match, following in zip(matches, [*matches[1:], None], strict=False):
            end = following.start() if following else len(line)
            other = OTHER_LABEL.search(line, match.end(), end)
            value = line[match.end() : other.start() if other else end]
            label = LABEL_SPACES.sub("", match["label"])
            pairs.append((label, value.strip(SPACE + "|｜")))
    return pairs


def known_label(text: str) -> str | None:
    """The label ``text`` is, spaces between its characters and a colon after it ignored."""
    label = LABEL_SPACES.sub("", text.strip(SPACE).rstrip(":：").strip(SPACE))
    return label if label in LABEL_FIELDS else None


def apply_fields(metadata: Metadata, pairs: Iterable[tuple[str, str]]) -> None:
    """Fill ``metadata`` from (label, value) pairs; the first value of a field wins."""
    for label, value in pairs:
        metadata.fields.setdefault(label, value)
        field, kind = LABEL_FIELDS[label]
        if field is None or not value or getattr(metadata, field) not in (None, []):
            continue
        parsed: object = value
        if kind == "date":
            parsed = parse_date(value)
        elif kind == "int":
            parsed = int(value) if value.isdecimal() else None
        setattr(metadata, field, parsed)
    if metadata.index_number:
        _read_index_number(metadata, metadata.index_number)


def parse_date(value: str) -> dt.date | None:
    """The first date written in ``value`` (2021-12-07, 2021年12月7日, 2021/12/07 …)."""
    match = DATE.search(value)
    if not match:
        return None
    try:
        return dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def credit_code_is_valid(code: str) -> bool:
    """Whether the 18th character of ``code`` is its GB 32100-2015 check character."""
    if not CREDIT_CODE.fullmatch(code):
        return False
    total = sum(CREDIT_CHARSET.index(c) * w for c, w in zip(code, CREDIT_WEIGHTS, strict=False))
    return CREDIT_CHARSET[(31 - total % 31) % 31] == code[17]


def organisation_code_is_valid(code: str) -> bool:
    """Whether the 9th character of ``code`` (``-`` before it or not) is its GB 11714 check."""
    match = ORGANISATION_CODE.fullmatch(code)
    if not match:
        return False
    total = sum(int(c, 36) * w for c, w in zip(match["body"], ORGANISATION_WEIGHTS, strict=True))
    check = (11 - total % 11) % 11
    return match["check"] == ("X" if check == 10 else str(check))


def _read_index_number(metadata: Metadata, value: str) -> None:
    """The publisher's code, year and serial of an 索引号: a credit code or an organisation code."""
    match = INDEX_NUMBER.search(value)
    if not match:
        return
    metadata.index_year = int(match["year"])
    metadata.index_serial = match["serial"]
    prefix = match["prefix"].upper()
    if len(prefix) == 18:
        metadata.credit_code = prefix
        metadata.credit_code_valid = credit_code_is_valid(prefix)
        organisation = prefix[CREDIT_ORGANISATION]
    elif ORGANISATION_CODE.fullmatch(prefix):
        organisation = prefix
    else:
        return
    metadata.organisation_code = organisation.replace("-", "")
    metadata.organisation_code_valid = organisation_code_is_valid(organisation)


def breadcrumb(lines: list[str]) -> list[str]:
    """The catalogue trail (首页 >政府信息公开>…) among ``lines``, or []."""
    for i, line in enumerate(lines):
        match = BREADCRUMB.match(line.strip())
        if not match:
            continue
        trail = match["trail"]
        if re.match(rf"\s*{BREADCRUMB_SEPARATORS}", trail) and i and len(lines[i - 1]) <= 10:
            # 首页 on its own line, >政府信息公开>… on the next
            trail = lines[i - 1].strip() + trail
        crumbs = [c.strip() for c in re.split(BREADCRUMB_SEPARATORS, trail)]
        return [c for c in crumbs if c]
    return []


def body_start(text: str, paragraphs: list[Span]) -> int:
    """Where the speech begins: after the salutation 各位代表：, or after the header lines."""
    for paragraph in paragraphs[:HEADER_PARAGRAPHS]:
        match = SALUTATION.match(text, paragraph.start, paragraph.end)
        if match:
            return match.end()
    start = 0
    for paragraph in paragraphs[:HEADER_PARAGRAPHS]:
        line = text[paragraph.start : paragraph.end]
        if _is_header_line(line):
            start = paragraph.end
    return start


def _is_header_line(line: str) -> bool:
    return bool(
        LABEL.search(line)
        or BREADCRUMB.match(line)
        or DELIVERY.search(line)
        or any(pattern.search(line) for pattern in SPEAKERS)
        or (len(line) <= 40 and REPORT_TITLE.search(_unspaced(line)))
    )


def title_line(lines: Iterable[str]) -> str | None:
    """The report's title among header lines: the first that names 政府工作报告."""
    for line in lines:
        candidate = _unspaced(line.strip())
        if (
            len(candidate) <= 40
            and REPORT_TITLE.search(candidate)
            and not LABEL.search(line)
            and not BREADCRUMB.match(candidate)
        ):
            return candidate
    return None


def _unspaced(line: str) -> str:
    """``政 府 工 作 报 告`` as ``政府工作报告``: spaces between Han characters dropped."""
    return re.sub(rf"(?<=[{HAN}])[ \u3000]+(?=[{HAN}])", "", line)


def read_speech_header(metadata: Metadata, head: str) -> None:
    """Delivery date, session and speaker from the text before the speech begins."""
    delivery = DELIVERY.search(head)
    if delivery:
        try:
            metadata.delivered = dt.date(
                *(int(parse_number(delivery[part])) for part in ("year", "month", "day"))
            )
        except ValueError:
            metadata.delivered = None
        metadata.session = re.sub(r"\s+", "", delivery["session"])
    for pattern in SPEAKERS:
        speaker = pattern.search(head)
        if speaker:
            metadata.speaker_office = speaker["office"]
            metadata.speaker = speaker["name"]
            return


def plan_year(metadata: Metadata, heading_titles: Iterable[str]) -> int | None:
    """The year whose tasks the report sets: from the delivery date, the title or a heading."""
    if metadata.delivered:
        year = metadata.delivered.year
        return year + 1 if metadata.delivered.month >= SPEECH_IN_AUTUMN else year
    if metadata.title and REPORT_TITLE.search(metadata.title):
        match = YEAR_OF_TITLE.search(metadata.title)
        if match:
            return int(match["year"])
    for title in heading_titles:
        match = PLAN_HEADING.search(title)
        if match:
            return int(match["year"])
    return None

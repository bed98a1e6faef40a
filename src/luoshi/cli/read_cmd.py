"""``luoshi read FILE [--json]``: a report's metadata and outline, or the whole Document as JSON."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING

import click

from luoshi.cli import app
from luoshi.reading import read
from luoshi.reading.document import Document, Metadata, OutlineNode

if TYPE_CHECKING:
    from rich.table import Table
    from rich.tree import Tree

# Metadata fields shown in the table, with their Chinese labels as portals write them.
FIELD_LABELS: dict[str, str] = {
    "title": "标题",
    "index_number": "索引号",
    "credit_code": "统一社会信用代码",
    "credit_code_valid": "校验位正确",
    "organisation_code": "组织机构代码",
    "organisation_code_valid": "机构代码校验位正确",
    "index_year": "索引号年份",
    "index_serial": "索引号序号",
    "disclosure": "公开方式",
    "publisher": "发布机构",
    "issuing_authority": "发文机关",
    "category": "组配分类",
    "topic": "主题分类",
    "document_number": "文件编号",
    "issued": "发文日期",
    "written": "成文日期",
    "validity": "有效性",
    "source": "信息来源",
    "published": "发布日期",
    "views": "浏览次数",
    "breadcrumb": "栏目",
    "delivered": "报告日期",
    "session": "会议",
    "speaker_office": "职务",
    "speaker": "报告人",
    "plan_year": "计划年度",
}


@app.command("read")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the whole Document as JSON.")
def read_command(file: Path, as_json: bool) -> None:
    """Read a report FILE (.txt, .html, .docx, .pdf): show its metadata and outline."""
    document = read(file)
    if as_json:
        click.echo(json.dumps(document.to_dict(), ensure_ascii=False, indent=2))
        return
    from rich.console import Console  # rich only for people: not for --json
    from rich.markup import escape

    console = Console(highlight=False, soft_wrap=True)
    console.print(
        escape(f"{file}: {document.format}")
        + (f" ({document.encoding})" if document.encoding else "")
        + f", {len(document.text)} characters, {len(document.paragraphs)} paragraphs, "
        f"{len(document.sentences)} sentences"
    )
    console.print(metadata_table(document.metadata))
    console.print(outline_tree(document))


def metadata_table(metadata: Metadata) -> Table:
    """The metadata fields that are present, one per row."""
    from rich.markup import escape
    from rich.table import Table

    table = Table("字段", "值", title="Metadata", show_header=False)
    shown = 0
    for item in fields(metadata):
        label = FIELD_LABELS.get(item.name)
        value = getattr(metadata, item.name)
        if label is None or value in (None, [], ""):
            continue
        table.add_row(label, escape(_shown(value)))
        shown += 1
    if not shown:
        table.add_row("—", "no metadata found")
    return table


def outline_tree(document: Document) -> Tree:
    """The outline as an indented tree, each heading with its kind and offsets."""
    from rich.tree import Tree

    tree = Tree(f"Outline ({_count(document.outline)} headings)")
    _grow(tree, document.outline)
    return tree


def _grow(branch: Tree, nodes: list[OutlineNode]) -> None:
    from rich.markup import escape

    for node in nodes:
        leaf = branch.add(f"{escape(node.title)}  [dim]{node.kind} {node.start}–{node.end}[/dim]")
        _grow(leaf, node.children)


def _count(nodes: list[OutlineNode]) -> int:
    return sum(1 + _count(node.children) for node in nodes)


def _shown(value: object) -> str:
    if isinstance(value, list):
        return " > ".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)

"""The two tables of a corpus run, as Arrow schemas (imported only by a run or a load).

documents — one row per input file:

=====================  ==========================  ===========================================
column                 type                        what
=====================  ==========================  ===========================================
id                     string                      sha256 (hex) of ``Document.text``; null when
                                                   the file could not be read
path                   string                      the file, as the inputs named it
status                 string                      ok, failed, or duplicate (the same text as
                                                   ``duplicate_of``; its figures are not
                                                   written twice)
error                  string                      why a failed file failed, one line
duplicate_of           string                      path of the first file with the same text
format                 string                      txt, html, docx or pdf
encoding               string                      the text's encoding (txt and html)
bytes                  int64                       size of the file
chars                  int64                       length of ``Document.text``
government             string                      as the manifest gives it, else as read from
                                                   the report (its session or title)
government_from        string                      manifest or report
plan_year              int32                       as the manifest gives it, else as read
plan_year_from         string                      manifest or report
figures                int32                       figures extracted
targets                int32                       of them, targets
title … speaker_office                             every 政务公开 metadata field of
                                                   ``luoshi.reading.Metadata`` (dates as date32,
                                                   breadcrumb as list<string>, the raw
                                                   ``fields`` as map<string, string>)
=====================  ==========================  ===========================================

figures — one row per figure of an ok document, in text order:

=====================  ==========================  ===========================================
document_id            string                      documents.id
seq                    int32                       0, 1, … within the document
start, end             int64                       offsets into ``Document.text``
value, value_max       decimal128(38, 10)          the number as written (exact; a repeating
                                                   fraction such as 三分之一 rounded at the 10th
                                                   place)
base_value,            decimal128(38, 10)          the value in ``base_unit`` (15000 for 1.5万人,
base_value_max                                     0.07 for 7%)
unit, base_unit        string
indicator, measure,    string                      the spec's fields (../shared/spec/figures.md)
kind, comparator,
period
section                list<string>                the headings above the figure
quote                  string                      the clause the figure was read from
rules                  list<string>                ids of the rules that read it
=====================  ==========================  ===========================================

The schemas carry ``luoshi.schema`` = SCHEMA_VERSION in their metadata and nothing that
changes from run to run, so the same inputs give byte-identical Parquet.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

SCHEMA_VERSION = "1"
DECIMAL = pa.decimal128(38, 10)
DECIMAL_SCALE = 10

METADATA_STRINGS = (
    "title", "index_number", "credit_code", "index_serial", "disclosure", "publisher",
    "issuing_authority", "category", "topic", "document_number", "validity", "source",
    "session", "speaker", "speaker_office",
)  # fmt: skip
METADATA_DATES = ("issued", "written", "published", "delivered")

_META: dict[bytes | str, bytes | str] = {"luoshi.schema": SCHEMA_VERSION}

_DOCUMENT_FIELDS: list[pa.Field[Any]] = [
    pa.field("id", pa.string()),
    pa.field("path", pa.string(), nullable=False),
    pa.field("status", pa.string(), nullable=False),
    pa.field("error", pa.string()),
    pa.field("duplicate_of", pa.string()),
    pa.field("format", pa.string()),
    pa.field("encoding", pa.string()),
    pa.field("bytes", pa.int64()),
    pa.field("chars", pa.int64()),
    pa.field("government", pa.string()),
    pa.field("government_from", pa.string()),
    pa.field("plan_year", pa.int32()),
    pa.field("plan_year_from", pa.string()),
    pa.field("figures", pa.int32()),
    pa.field("targets", pa.int32()),
    *(pa.field(name, pa.string()) for name in METADATA_STRINGS),
    pa.field("credit_code_valid", pa.bool_()),
    pa.field("index_year", pa.int32()),
    pa.field("views", pa.int64()),
    *(pa.field(name, pa.date32()) for name in METADATA_DATES),
    pa.field("breadcrumb", pa.list_(pa.string())),
    pa.field("fields", pa.map_(pa.string(), pa.string())),
]

_FIGURE_FIELDS: list[pa.Field[Any]] = [
    pa.field("document_id", pa.string(), nullable=False),
    pa.field("seq", pa.int32(), nullable=False),
    pa.field("start", pa.int64(), nullable=False),
    pa.field("end", pa.int64(), nullable=False),
    pa.field("value", DECIMAL, nullable=False),
    pa.field("value_max", DECIMAL),
    pa.field("unit", pa.string(), nullable=False),
    pa.field("base_value", DECIMAL),
    pa.field("base_value_max", DECIMAL),
    pa.field("base_unit", pa.string(), nullable=False),
    pa.field("indicator", pa.string(), nullable=False),
    pa.field("measure", pa.string(), nullable=False),
    pa.field("kind", pa.string(), nullable=False),
    pa.field("comparator", pa.string(), nullable=False),
    pa.field("period", pa.string(), nullable=False),
    pa.field("section", pa.list_(pa.string()), nullable=False),
    pa.field("quote", pa.string(), nullable=False),
    pa.field("rules", pa.list_(pa.string()), nullable=False),
]

DOCUMENTS = pa.schema(_DOCUMENT_FIELDS, metadata=_META)
FIGURES = pa.schema(_FIGURE_FIELDS, metadata=_META)

TABLES = {"documents": DOCUMENTS, "figures": FIGURES}

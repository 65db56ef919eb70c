"""Markdown report -> `ReportDocument`: the two sections of a report joined by paper number.

Parsing is pure (`parse_report`); only `read_report` touches the file system. Every record keeps the
1-based source line of what it was read from, and anything odd becomes a `ParseWarning` instead of
being repaired by invention: a gap stays a gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graph.ids import report_id
from graph.model import ParseWarning, ReportInfo
from ingest.titles import clean_title, report_vocabulary, with_brief_spelling

# Warning codes (ParseWarning.code).
EMPTY_TITLE = "empty-title"
UNFILLED_TEMPLATE = "unfilled-template"
EMPTY_ABSTRACT = "empty-abstract"
EMPTY_INSTITUTIONS = "empty-institutions"
ZERO_AUTHORS = "zero-authors"
MISSING_AUTHOR_COUNT = "missing-author-count"
BAD_AUTHOR_COUNT = "bad-author-count"
COUNT_MISMATCH = "count-mismatch"
MISSING_BRIEF = "missing-brief"
MISSING_DETAILS = "missing-details"
DUPLICATE_NUMBER = "duplicate-number"
MISSING_SECTION = "missing-section"
ORPHAN_SECTION = "orphan-section"
TITLE_MISMATCH = "title-mismatch"
EMPTY_BRIEF = "empty-brief"

BRIEF, DETAILS = "brief", "details"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")
_PAPER_HEADING = re.compile(r"^(\d{1,5})\s*[.．、)）:：]\s*(.*)$")
_GENERATED = re.compile(r"^\s*生成时间\s*[:：]\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?[ T]*"
                        r"(\d{1,2})?[:：]?(\d{2})?[:：]?(\d{2})?")
_DECLARED = re.compile(r"^\s*(?:分析)?论文数量\s*[:：]\s*(\d+)")
# A field line such as "**主要机构**: ...", "**主要机构:** ...", "- 主要机构：..." (bold optional).
_FIELD = re.compile(r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?\s*(主要机构|机构|作者数量|作者人数|摘要)\s*"
                    r"(?:(?:\*\*|__)\s*[:：]|[:：]\s*(?:\*\*|__)?)\s*(.*?)\s*$")
_FIELD_KEYS = {"主要机构": "institutions", "机构": "institutions", "作者数量": "authors",
               "作者人数": "authors", "摘要": "abstract"}
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
# Unfilled template slots: "[主要机构]", "[论文标题]", "[关键效果或性能提升]"...
_PLACEHOLDER = re.compile(r"\[[\u3400-\u9fff]{2,12}\]")
_AUTHOR_COUNT = re.compile(r"^(\d+)\s*(?:人|位|名|authors?)?\.?$", re.IGNORECASE)


# The longest line a report may hold. Real abstracts are a few thousand characters; a longer line is not a
# report's, and the extraction rules are not built to scan megabyte lines quickly.
MAX_LINE_CHARS = 20_000


class ReportFormatError(Exception):
    """The file is not a report we can read; says where and why so the user can fix it."""

    def __init__(self, path: str, line: int, reason: str):
        super().__init__(f"{path}:{line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


@dataclass(frozen=True)
class PaperRecord:
    index: int
    heading_line: int
    raw_title: str
    title: str
    brief: str
    brief_line: int | None
    institutions_raw: str
    institutions_line: int | None
    author_count: int | None
    abstract: str
    abstract_line: int | None
    warnings: tuple[ParseWarning, ...] = ()


@dataclass(frozen=True)
class ReportDocument:
    info: ReportInfo
    papers: tuple[PaperRecord, ...]
    warnings: tuple[ParseWarning, ...] = ()


@dataclass
class _Block:
    """Lines under one `### N.` heading, before they are interpreted."""

    index: int
    line: int
    title: str
    section: str | None
    body: list[tuple[int, str]]


def read_report(path: str | Path) -> ReportDocument:
    """Read and parse a report file; raises ReportFormatError for anything that is not one."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportFormatError(str(path), 0, f"cannot read file: {exc.strerror or exc}") from exc
    return parse_report(decode_report(data, str(path)), str(path))


def decode_report(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM) to text; binary or mis-encoded input names its first bad line."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ReportFormatError(source, data.count(b"\n", 0, nul) + 1,
                                "binary data (NUL byte); a report is UTF-8 Markdown text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ReportFormatError(source, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                                              f"{exc.start}); save the report as UTF-8") from exc
    return text.removeprefix("\ufeff")


def parse_report(text: str, source: str) -> ReportDocument:
    """Parse report text; `source` (a path or file name) is used in ids, warnings and errors."""
    if "\x00" in text:
        raise ReportFormatError(source, text.count("\n", 0, text.index("\x00")) + 1,
                                "binary data (NUL byte); a report is UTF-8 Markdown text")
    lines = _LINE_BREAK.split(text.removeprefix("\ufeff"))
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_LINE_CHARS:
            raise ReportFormatError(source, number, f"line of {len(line):,} characters; a report line (a title, an "
                                                    f"abstract) holds at most {MAX_LINE_CHARS:,}")
    name = source.replace("\\", "/").rsplit("/", 1)[-1]
    title, generated_at, declared, blocks, sections = _scan(lines)
    if not blocks:
        raise ReportFormatError(source, _first_content_line(lines),
                                "no paper headings ('### N. Title') found; not a paper-analysis report")
    if not sections:
        raise ReportFormatError(source, blocks[0].line, "neither a brief section (## 论文技术简报) nor a "
                                                        "details section (## 论文详细信息) found")
    warnings: list[ParseWarning] = []
    for kind, label in ((BRIEF, "brief (论文技术简报)"), (DETAILS, "details (论文详细信息)")):
        if kind not in sections:
            warnings.append(ParseWarning(name, 1, MISSING_SECTION, f"no {label} section in the report"))
    briefs, details = _split_blocks(blocks, name, warnings)
    vocabulary = report_vocabulary(text)
    papers = tuple(_paper(index, briefs.get(index), details.get(index), name, sections, vocabulary)
                   for index in sorted(set(briefs) | set(details)))
    if declared is not None and declared[0] != len(papers):
        warnings.append(ParseWarning(name, declared[1], COUNT_MISMATCH,
                                     f"report declares {declared[0]} papers, found {len(papers)}"))
    info = ReportInfo(id=report_id(name, generated_at), title=title, source=name, generated_at=generated_at,
                      declared_papers=declared[0] if declared else None)
    return ReportDocument(info=info, papers=papers, warnings=tuple(warnings))


def _first_content_line(lines: list[str]) -> int:
    return next((i for i, line in enumerate(lines, 1) if line.strip()), 1)


def _scan(lines: list[str]):
    """One pass over the lines: report header fields, section headings and paper blocks."""
    title, generated_at, declared = "", None, None
    blocks: list[_Block] = []
    sections: dict[str, int] = {}
    section: str | None = None
    current: _Block | None = None
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip()
        heading = _HEADING.match(line) if line.startswith("#") else None
        if heading:
            paper = _PAPER_HEADING.match(heading.group(2))
            if paper and len(heading.group(1)) >= 2:
                current = _Block(int(paper.group(1)), number, paper.group(2).strip(), section, [])
                blocks.append(current)
                continue
            kind = _section_kind(heading.group(2))
            if kind:
                section = kind
                sections.setdefault(kind, number)
                current = None
                continue
            if len(heading.group(1)) == 1 and not title and not blocks:
                title = heading.group(2)
                continue
            if current is not None and len(heading.group(1)) <= 2:
                current = None  # an unrelated section ends the paper block
                section = None
                continue
        if current is not None:
            current.body.append((number, line))
            continue
        if generated_at is None and (match := _GENERATED.match(line)):
            y, mo, d, h, mi, s = match.groups()
            generated_at = f"{y}-{int(mo):02d}-{int(d):02d}"
            if h is not None:
                generated_at += f"T{int(h):02d}:{mi or '00'}:{s or '00'}"
        elif declared is None and (match := _DECLARED.match(line)):
            declared = (int(match.group(1)), number)
    return title, generated_at, declared, blocks, sections


def _section_kind(text: str) -> str | None:
    if "简报" in text or "摘要汇总" in text or re.search(r"\bbriefs?\b", text, re.IGNORECASE):
        return BRIEF
    if "详细" in text or "详情" in text or re.search(r"\bdetails?\b", text, re.IGNORECASE):
        return DETAILS
    return None


def _split_blocks(blocks: list[_Block], name: str, warnings: list[ParseWarning]):
    """Blocks by section and number; a block outside any section is classified by its content."""
    briefs: dict[int, _Block] = {}
    details: dict[int, _Block] = {}
    for block in blocks:
        kind = block.section
        if kind is None:
            kind = DETAILS if any(_FIELD.match(text) for _, text in block.body) else BRIEF
            warnings.append(ParseWarning(name, block.line, ORPHAN_SECTION,
                                         f"paper {block.index} is outside any known section; read as {kind}"))
        target = briefs if kind == BRIEF else details
        if block.index in target:
            warnings.append(ParseWarning(name, block.line, DUPLICATE_NUMBER,
                                         f"paper number {block.index} appears again in the {kind} section "
                                         f"(first at line {target[block.index].line}); kept the first"))
            continue
        target[block.index] = block
    return briefs, details


def _paper(index: int, brief: _Block | None, detail: _Block | None, name: str, sections: dict[str, int],
           vocabulary: frozenset[str]) -> PaperRecord:
    warnings: list[ParseWarning] = []
    heading = detail or brief
    assert heading is not None
    raw_title = (detail.title if detail and detail.title else brief.title if brief else "")
    title = clean_title(raw_title, vocabulary)

    def warn(line: int, code: str, message: str) -> None:
        warnings.append(ParseWarning(name, line, code, f"paper {index}: {message}"))

    if not title:
        warn(heading.line, EMPTY_TITLE, "heading has no title")
    if brief and detail and brief.title and detail.title and brief.title != detail.title and \
            clean_title(brief.title, vocabulary) != title:  # `title` is the details heading cleaned
        warn(detail.line, TITLE_MISMATCH, f"brief heading (line {brief.line}) and details heading differ")

    brief_text, brief_line = "", None
    if brief is None:
        if BRIEF in sections:
            warn(heading.line, MISSING_BRIEF, "number present in the details section but not in the briefs")
    else:
        texts = [(n, t.strip()) for n, t in brief.body if t.strip() and not _RULE.match(t)]
        if texts:
            brief_line = texts[0][0]
            brief_text = " ".join(t for _, t in texts)
            if len(_PLACEHOLDER.findall(brief_text)) >= 2:
                warn(brief_line, UNFILLED_TEMPLATE, "brief is an unfilled template; its text is not used")
                brief_text = ""
        else:
            warn(brief.line, EMPTY_BRIEF, "brief is empty")

    if title and brief_text and (" 2" in raw_title or " 3" in raw_title):
        title = clean_title(with_brief_spelling(raw_title, brief_text), vocabulary)  # "ReLU 2 Wins" -> "ReLU² Wins"
    if not title and (named := _TITLE_IN_BRIEF.search(brief_text)):
        title = clean_title(named.group(1), vocabulary)  # "发布了《Title》论文": the brief names the paper

    fields = _details_fields(detail) if detail else {}
    if detail is None:
        if DETAILS in sections:
            warn(heading.line, MISSING_DETAILS, "number present in the briefs but not in the details section")
        institutions, institutions_line, authors, abstract, abstract_line = "", None, None, "", None
    else:
        institutions, institutions_line = fields.get("institutions", ("", None))
        authors_raw, authors_line = fields.get("authors", ("", None))
        abstract, abstract_line = fields.get("abstract", ("", None))
        if not institutions:
            warn(institutions_line or detail.line, EMPTY_INSTITUTIONS, "no institutions given")
        if not abstract:
            warn(fields["abstract_label"][1] or detail.line, EMPTY_ABSTRACT, "abstract is empty")
            abstract_line = None
        authors = _author_count(authors_raw, authors_line or detail.line, warn)
    return PaperRecord(index=index, heading_line=heading.line, raw_title=raw_title, title=title,
                       brief=brief_text, brief_line=brief_line, institutions_raw=institutions,
                       institutions_line=institutions_line, author_count=authors, abstract=abstract,
                       abstract_line=abstract_line, warnings=tuple(warnings))


# A title in book-title marks after "发布了" (with a few characters of co-authors' "等" in between).
_TITLE_IN_BRIEF = re.compile(r"发布了?[^《》，。]{0,4}《([^《》]{4,300})》")


def _details_fields(block: _Block) -> dict[str, tuple[str, int | None]]:
    """Field values with their lines; the abstract runs from its label to the next field or the block end."""
    fields: dict[str, tuple[str, int | None]] = {}
    abstract: list[tuple[int, str]] = []
    in_abstract = False
    for number, text in block.body:
        match = _FIELD.match(text)
        if match:
            key = _FIELD_KEYS[match.group(1)]
            in_abstract = False
            if key in fields:
                continue  # a repeated label keeps the first value
            value = match.group(2).strip()
            if key == "abstract":
                in_abstract = True
                if value:
                    abstract.append((number, value))
            fields[key] = (value, number)
            continue
        if in_abstract and text.strip() and not _RULE.match(text):
            abstract.append((number, text.strip()))
    label_line = fields["abstract"][1] if "abstract" in fields else None
    fields["abstract_label"] = ("", label_line)
    fields["abstract"] = (" ".join(t for _, t in abstract), abstract[0][0] if abstract else None)
    return fields


def _author_count(raw: str, line: int, warn) -> int | None:
    if not raw:
        warn(line, MISSING_AUTHOR_COUNT, "no author count given")
        return None
    match = _AUTHOR_COUNT.match(raw.strip())
    if not match:
        warn(line, BAD_AUTHOR_COUNT, f"author count {raw!r} is not a number")
        return None
    count = int(match.group(1))
    if count == 0:
        warn(line, ZERO_AUTHORS, "author count is 0")
        return None
    return count

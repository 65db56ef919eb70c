"""Report parsing through `parse_report` / `read_report` with small hand-written reports."""

from pathlib import Path

import pytest

from ingest.report import ReportFormatError, parse_report, read_report

SAMPLE = Path(__file__).resolve().parents[3] / "shared/data/reports/ai-inference-acceleration-2025-10-15.md"

HEADER = "# 测试报告\n生成时间: 2025-01-02 03:04:05\n分析论文数量: {n}篇\n\n"


def report(briefs: str, details: str, declared: int = 1) -> str:
    return HEADER.format(n=declared) + "## 论文技术简报\n\n" + briefs + "\n## 论文详细信息\n\n" + details


ONE_BRIEF = "### 1. Fast Things\n\n清华大学发布了Fast论文，使用剪枝技术，达成了加速2倍的效果。\n"
ONE_DETAIL = ("### 1. Fast Things\n\n**主要机构**: Tsinghua University\n**作者数量**: 3人\n\n"
              "**摘要**:\nWe make things fast.\nSecond line.\n")


def codes(doc, index=None):
    if index is None:
        return {w.code for w in doc.warnings}
    return {w.code for w in doc.papers[index].warnings}


def test_joins_sections_by_number_and_keeps_line_numbers():
    text = report(ONE_BRIEF, ONE_DETAIL)
    doc = parse_report(text, "reports/test-report.md")
    assert doc.info.id == "report:test-report-2025-01-02"  # stem plus its generation date
    assert doc.info.source == "test-report.md"
    assert doc.info.generated_at == "2025-01-02T03:04:05"
    assert doc.info.declared_papers == 1
    assert doc.info.title == "测试报告"
    (paper,) = doc.papers
    lines = text.split("\n")
    assert lines[paper.heading_line - 1].startswith("### 1.") and paper.heading_line > 10
    assert lines[paper.brief_line - 1].startswith("清华大学发布了")
    assert lines[paper.institutions_line - 1].startswith("**主要机构**")
    assert lines[paper.abstract_line - 1] == "We make things fast."
    assert paper.abstract == "We make things fast. Second line."
    assert paper.institutions_raw == "Tsinghua University"
    assert paper.author_count == 3
    assert paper.title == "Fast Things"
    assert paper.warnings == () and doc.warnings == ()


def test_papers_ordered_by_number_whatever_the_section_order():
    briefs = ONE_BRIEF.replace("1.", "2.") + "\n" + ONE_BRIEF
    details = ONE_DETAIL + "\n" + ONE_DETAIL.replace("1.", "2.")
    doc = parse_report(report(briefs, details, declared=2), "r.md")
    assert [p.index for p in doc.papers] == [1, 2]
    assert all(p.brief and p.abstract for p in doc.papers)


def test_bom_crlf_fullwidth_colon_and_heading_level_variations():
    details = ONE_DETAIL.replace("**主要机构**:", "**主要机构**：").replace("### 1.", "#### 1.")
    text = "\ufeff" + report(ONE_BRIEF, details).replace("\n", "\r\n").replace("\r\n\r\n", "\r\n  \r\n\r\n")
    doc = parse_report(text, "r.md")
    (paper,) = doc.papers
    assert paper.institutions_raw == "Tsinghua University"
    assert paper.abstract == "We make things fast. Second line."
    assert text.split("\r\n")[paper.abstract_line - 1] == "We make things fast."


def test_empty_title_template_brief_and_empty_fields_are_warnings_not_content():
    brief = "### 1. \n\n[主要机构]发布了[论文标题]论文，使用[主要技术]技术，解决了[核心问题]问题\n"
    detail = "### 1. \n\n**主要机构**: \n**作者数量**: 0人\n\n**摘要**:\n\n"
    doc = parse_report(report(brief, detail), "r.md")
    (paper,) = doc.papers
    assert paper.title == "" and paper.brief == "" and paper.abstract == ""
    assert paper.author_count is None and paper.institutions_raw == ""
    assert codes(doc, 0) == {"empty-title", "unfilled-template", "empty-institutions", "zero-authors",
                             "empty-abstract"}
    template = next(w for w in paper.warnings if w.code == "unfilled-template")
    assert template.line == paper.brief_line and template.file == "r.md"


def test_count_mismatch_missing_number_and_duplicates():
    briefs = ONE_BRIEF + "\n" + ONE_BRIEF.replace("1.", "3.") + "\n" + ONE_BRIEF
    doc = parse_report(report(briefs, ONE_DETAIL, declared=5), "r.md")
    assert [p.index for p in doc.papers] == [1, 3]
    assert {"count-mismatch", "duplicate-number"} <= codes(doc)
    assert "missing-details" in codes(doc, 1)
    only_details = parse_report(report(ONE_BRIEF, ONE_DETAIL + "\n" + ONE_DETAIL.replace("1.", "2.")), "r.md")
    assert "missing-brief" in codes(only_details, 1)
    assert only_details.papers[1].brief == "" and only_details.papers[1].abstract


def test_a_missing_section_is_a_warning():
    text = HEADER.format(n=1) + "## 论文详细信息\n\n" + ONE_DETAIL
    doc = parse_report(text, "r.md")
    assert "missing-section" in codes(doc)
    assert doc.papers[0].abstract and doc.papers[0].brief == ""
    assert "missing-brief" not in codes(doc, 0)


def test_binary_file_is_rejected_with_line(tmp_path):
    path = tmp_path / "bin.md"
    path.write_bytes(b"# Title\nline two\n\x00\x01\x02")
    with pytest.raises(ReportFormatError) as err:
        read_report(path)
    assert err.value.line == 3 and err.value.path == str(path)
    assert str(err.value).startswith(f"{path}:3:") and "binary" in err.value.reason


def test_bad_utf8_names_the_line_of_the_first_bad_byte(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes(report(ONE_BRIEF, ONE_DETAIL).encode("utf-8") + "\nCaf\xe9\n".encode("latin-1"))
    with pytest.raises(ReportFormatError) as err:
        read_report(path)
    expected = report(ONE_BRIEF, ONE_DETAIL).count("\n") + 2
    assert err.value.line == expected and "UTF-8" in err.value.reason


def test_text_without_paper_headings_is_not_a_report():
    with pytest.raises(ReportFormatError) as err:
        parse_report("\n\nJust some notes\n## 论文技术简报\n", "notes.md")
    assert err.value.line == 3 and "notes.md:3:" in str(err.value)


def test_paper_headings_without_either_section_are_rejected():
    with pytest.raises(ReportFormatError) as err:
        parse_report("# Notes\n\n### 1. A title\nsome text\n", "notes.md")
    assert err.value.line == 3


def test_missing_file_is_a_report_format_error(tmp_path):
    with pytest.raises(ReportFormatError):
        read_report(tmp_path / "absent.md")


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample report not available")
def test_sample_report_parses_with_its_known_defects():
    doc = read_report(SAMPLE)
    assert len(doc.papers) == 88 == doc.info.declared_papers
    assert [p.index for p in doc.papers] == list(range(1, 89))
    found = {w.code for p in doc.papers for w in p.warnings}
    assert {"empty-title", "unfilled-template", "empty-abstract", "empty-institutions", "zero-authors"} <= found
    assert "count-mismatch" not in codes(doc)
    assert all(p.abstract or any(w.code == "empty-abstract" for w in p.warnings) for p in doc.papers)
    text = SAMPLE.read_text(encoding="utf-8").split("\n")
    assert all(text[p.heading_line - 1].startswith("### ") for p in doc.papers)


def test_an_empty_heading_takes_the_title_the_brief_names_in_book_title_marks():
    brief = "### 1. \n\n马里兰大学发布了《Quick: Low-rank Keys for Sparse Attention》论文，使用低秩技术，达成了加速2倍的效果。\n"
    detail = "### 1. \n\n**主要机构**: University of Maryland\n**作者数量**: 3人\n\n**摘要**:\nWe make things fast.\n"
    (paper,) = parse_report(report(brief, detail), "r.md").papers
    assert paper.title == "Quick: Low-rank Keys for Sparse Attention"
    # a brief that names only the method leaves the title empty
    brief = "### 1. \n\n马里兰大学发布了Quick论文，使用低秩技术，达成了加速2倍的效果。\n"
    (paper,) = parse_report(report(brief, detail), "r.md").papers
    assert paper.title == ""


def test_a_fragment_after_a_spaced_hyphen_is_not_a_word_of_the_report():
    heading = "### 1. Fast Distil- lation of Models\n\n"
    brief = heading + "清华大学发布了Fast论文，使用蒸馏技术，达成了加速2倍的效果。\n"
    detail = heading + "**主要机构**: Tsinghua University\n**作者数量**: 3人\n\n**摘要**:\nWe use distillation.\n"
    (paper,) = parse_report(report(brief, detail), "r.md").papers
    assert paper.title == "Fast Distillation of Models"


@pytest.mark.parametrize(("heading", "brief", "title"), [
    ("ReLU 3 Rules: Sparse Activations", "某大学发布了《ReLU³ Rules》论文，使用稀疏激活技术", "ReLU³ Rules: Sparse Activations"),
    ("C 2 F: Coarse to Fine Caching", "某大学发布了C2F论文，使用缓存技术", "C2F: Coarse to Fine Caching"),
    ("Numbat 2 : Faster Numbats", "某大学发布了Numbat²论文", "Numbat²: Faster Numbats"),
    ("Scaling to 2 GPUs", "某大学发布了Bilby论文", "Scaling to 2 GPUs"),  # the brief writes no such name
])
def test_a_digit_the_heading_split_off_a_name_is_joined_as_the_brief_writes_it(heading, brief, title):
    text = report(f"### 1. {heading}\n\n{brief}\n", ONE_DETAIL.replace("Fast Things", heading))
    assert parse_report(text, "r.md").papers[0].title == title

"""Identities that never collide, on every store: names in any script and reports that share a file
name. The reports are extracted from Markdown as `papergraph import` does, then upserted."""

from __future__ import annotations

from pathlib import Path

from graph.store import GraphStore
from ingest.pipeline import extract_report


def _report(date: str, papers: list[tuple[str, str, str]]) -> str:
    """A small report; each paper is (title, brief, details institutions line)."""
    briefs = "".join(f"### {i}. {title}\n\n{brief}\n\n" for i, (title, brief, _) in enumerate(papers, 1))
    details = "".join(f"### {i}. {title}\n\n**主要机构**: {line}\n**作者数量**: 3人\n\n**摘要**:\n"
                      f"We study {title.lower()}.\n\n" for i, (title, _, line) in enumerate(papers, 1))
    return (f"# AI推理加速技术论文分析报告\n生成时间: {date} 09:00:00\n分析论文数量: {len(papers)}篇\n\n"
            f"## 论文技术简报\n\n{briefs}## 论文详细信息\n\n{details}")


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _papers_of(store: GraphStore, report: str) -> set[str]:
    return {p["title"] for p in store.related([report], "FROM_REPORT", "in")[report]}


def test_names_in_korean_japanese_and_cyrillic_are_three_institutions(store: GraphStore, tmp_path: Path) -> None:
    text = _report("2025-10-22", [("Fast Decoding on Phones", "研究团队发布了X论文，使用推测解码技术。",
                                   "서울대학교, カラス株式会社, МГУ")])
    store.upsert(extract_report(_write(tmp_path / "asia.md", text)))
    institutions = store.list_nodes("Institution", limit=100).items
    assert sorted(i["name"] for i in institutions) == sorted(["서울대학교", "カラス株式会社", "МГУ"])
    assert len({i["id"] for i in institutions}) == 3


def test_brief_names_in_chinese_join_the_details_names_in_other_scripts(store: GraphStore,
                                                                         tmp_path: Path) -> None:
    text = _report("2025-10-22", [("Fast Decoding on Phones", "首尔大学、索尼和莫斯科国立大学发布了X论文。",
                                   "서울대학교, ソニー株式会社, МГУ")])
    store.upsert(extract_report(_write(tmp_path / "asia.md", text)))
    institutions = {i["name"]: i for i in store.list_nodes("Institution", limit=100).items}
    assert sorted(institutions) == ["Lomonosov Moscow State University", "Seoul National University", "Sony"]
    assert "ソニー株式会社" in institutions["Sony"]["aliases"]


def test_two_reports_with_one_file_name_stay_two_reports(store: GraphStore, tmp_path: Path) -> None:
    first = extract_report(_write(tmp_path / "a" / "weekly.md", _report("2025-10-15", [
        ("Pruning Heads", "清华大学发布了X论文。", "Tsinghua University"),
        ("Caching Keys", "北京大学发布了X论文。", "Peking University")])))
    second = extract_report(_write(tmp_path / "b" / "weekly.md", _report("2025-10-22", [
        ("Drafting Tokens", "清华大学发布了X论文。", "Tsinghua University")])))
    assert (first.report.id, second.report.id) == ("report:weekly-2025-10-15", "report:weekly-2025-10-22")
    store.upsert(first)
    store.upsert(second)
    assert store.counts()["nodes"]["Report"] == 2
    assert _papers_of(store, first.report.id) == {"Pruning Heads", "Caching Keys"}
    assert _papers_of(store, second.report.id) == {"Drafting Tokens"}


def test_the_same_report_corrected_still_replaces_its_content(store: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "a" / "weekly.md"
    store.upsert(extract_report(_write(path, _report("2025-10-15", [
        ("Pruning Heads", "清华大学发布了X论文。", "Tsinghua University"),
        ("Caching Keys", "北京大学发布了X论文。", "Peking University")]))))
    other = extract_report(_write(tmp_path / "b" / "weekly.md", _report("2025-10-22", [
        ("Drafting Tokens", "清华大学发布了X论文。", "Tsinghua University")])))
    store.upsert(other)
    corrected = extract_report(_write(path, _report("2025-10-15", [
        ("Pruning Heads", "清华大学发布了X论文。", "Tsinghua University"),
        ("Caching Values", "北京大学发布了X论文。", "Peking University")])))
    assert corrected.report.id == "report:weekly-2025-10-15"
    summary = store.upsert(corrected)
    assert summary.removed["Paper"] == 1 and summary.created["Paper"] == 1
    assert store.counts()["nodes"]["Report"] == 2
    assert _papers_of(store, corrected.report.id) == {"Pruning Heads", "Caching Values"}
    assert _papers_of(store, other.report.id) == {"Drafting Tokens"}

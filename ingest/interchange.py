"""The interchange JSON (`papergraph/1`, see shared/docs/interchange.md): the domain model serialised.

`extract` and `export` write it; `import` reads it back to the same graph. A paper listed by several
reports appears once, with one source per report, and is given back to each of those reports.
Fields added after the format was written (`resolved` on models and hardware, a hardware's `family`)
are optional on import: a file without them reads as resolved entities with no family.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graph.ids import entity_id
from graph.model import (
    Evidence,
    Hardware,
    ImportBatch,
    Institution,
    Model,
    Paper,
    ParseWarning,
    ReportInfo,
    SourceRef,
    Technique,
)

FORMAT = "papergraph/1"


class InterchangeError(ValueError):
    """The JSON is not a papergraph interchange document; `where` points at the offending element."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


def dump_batches(batches: list[ImportBatch]) -> dict[str, Any]:
    reports = [_report_json(b.report) for b in batches]
    papers: dict[str, dict[str, Any]] = {}
    for batch in batches:
        for paper in batch.papers:
            if paper.id in papers:
                known = papers[paper.id]["sources"]
                known.extend(s for s in _sources_json(paper) if s not in known)
            else:
                papers[paper.id] = _paper_json(paper)
    warnings = [_warning_json(w) for b in batches for w in b.warnings]
    doc: dict[str, Any] = {"format": FORMAT, "reports": reports, "papers": list(papers.values())}
    if warnings:
        doc["warnings"] = warnings
    return doc


def load_batches(doc: Any) -> list[ImportBatch]:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise InterchangeError("$.format", f"expected {FORMAT!r}")
    reports: dict[str, ReportInfo] = {}
    for i, item in enumerate(_list(doc, "reports", "$")):
        info = _report(item, f"$.reports[{i}]")
        reports[info.id] = info
    by_report: dict[str, list[Paper]] = defaultdict(list)
    for i, item in enumerate(_list(doc, "papers", "$")):
        paper = _paper(item, f"$.papers[{i}]")
        for source in paper.sources:
            if source.report not in reports:
                raise InterchangeError(f"$.papers[{i}].sources", f"unknown report {source.report!r}")
            by_report[source.report].append(paper)
    report_warnings: dict[str, list[ParseWarning]] = defaultdict(list)
    for item in doc.get("warnings", []):
        warning = _warning(item)
        for info in reports.values():
            if info.source == warning.file:
                report_warnings[info.id].append(warning)
    return [
        ImportBatch(report=info, papers=tuple(by_report[rid]), warnings=tuple(report_warnings[rid]))
        for rid, info in reports.items()
    ]


def _report_json(info: ReportInfo) -> dict[str, Any]:
    return {"id": info.id, "title": info.title, "generated_at": info.generated_at, "source": info.source,
            "declared_papers": info.declared_papers}


def _sources_json(paper: Paper) -> list[dict[str, Any]]:
    return [{"report": s.report, "index": s.index, "line": s.line} for s in paper.sources]


def _paper_json(paper: Paper) -> dict[str, Any]:
    model_names = {m.id: m.name for m in paper.models}
    hardware_names = {h.id: h.name for h in paper.hardware}
    return {
        "id": paper.id,
        "title": paper.title,
        "abstract": paper.abstract,
        "brief": paper.brief,
        "author_count": paper.author_count,
        "sources": _sources_json(paper),
        "proposed": list(paper.proposed),
        "institutions": [
            {"id": i.id, "name": i.name, "aliases": list(i.aliases), "parent": i.parent,
             "parent_name": i.parent_name, "resolved": i.resolved, "country": i.country}
            for i in paper.institutions
        ],
        "techniques": [
            {"id": t.id, "name": t.name, "category": category, "label_zh": t.label_zh}
            for t in paper.techniques for category in t.categories
        ],
        "models": [{"id": m.id, "name": m.name, "family": m.family, "resolved": m.resolved}
                   for m in paper.models],
        "hardware": [{"id": h.id, "name": h.name, "class": h.hw_class, "family": h.family,
                      "resolved": h.resolved} for h in paper.hardware],
        "evidence": [
            {"id": e.id, "metric": e.metric, "value": e.value, "value_max": e.value_max, "unit": e.unit,
             "direction": e.direction, "baseline": e.baseline, "condition": e.condition, "scope": e.scope,
             "model": model_names.get(e.model or ""), "model_id": e.model,
             "hardware": hardware_names.get(e.hardware or ""), "hardware_id": e.hardware,
             "quote": e.quote, "source": e.source, "line": e.line}
            for e in paper.evidence
        ],
        "warnings": [_warning_json(w) for w in paper.warnings],
    }


def _warning_json(warning: ParseWarning) -> dict[str, Any]:
    return {"file": warning.file, "line": warning.line, "code": warning.code, "message": warning.message}


def _list(doc: dict[str, Any], key: str, where: str) -> list[Any]:
    value = doc.get(key, [])
    if not isinstance(value, list):
        raise InterchangeError(f"{where}.{key}", "expected a list")
    return value


def _require(item: Any, key: str, where: str) -> Any:
    if not isinstance(item, dict) or key not in item:
        raise InterchangeError(where, f"missing {key!r}")
    return item[key]


def _report(item: Any, where: str) -> ReportInfo:
    return ReportInfo(
        id=str(_require(item, "id", where)),
        title=str(item.get("title") or ""),
        source=str(_require(item, "source", where)),
        generated_at=item.get("generated_at"),
        declared_papers=item.get("declared_papers"),
    )


def _warning(item: Any) -> ParseWarning:
    if isinstance(item, str):  # tolerate "file:line: message" strings from hand-written files
        file, _, rest = item.partition(":")
        line, _, message = rest.partition(":")
        return ParseWarning(file, int(line) if line.strip().isdigit() else 0, "note", message.strip())
    return ParseWarning(str(item.get("file", "")), int(item.get("line") or 0), str(item.get("code", "")),
                        str(item.get("message", "")))


def _paper(item: Any, where: str) -> Paper:
    try:
        techniques: dict[str, Technique] = {}
        for t in item.get("techniques", []):
            known = techniques.get(t["id"])
            categories = (known.categories if known else ()) + (t["category"],)
            techniques[t["id"]] = Technique(t["id"], t["name"], categories, t.get("label_zh"))
        models = tuple(Model(m.get("id") or entity_id("model", m["name"]), m["name"], m.get("family"),
                             bool(m.get("resolved", True)))
                       for m in item.get("models", []))
        hardware = tuple(Hardware(h.get("id") or entity_id("hw", h["name"]), h["name"], h.get("class", "other"),
                                  h.get("family"), bool(h.get("resolved", True)))
                         for h in item.get("hardware", []))
        return Paper(
            id=str(_require(item, "id", where)),
            title=item.get("title") or "",
            abstract=item.get("abstract") or "",
            brief=item.get("brief") or "",
            author_count=item.get("author_count"),
            sources=tuple(SourceRef(s["report"], int(s["index"]), int(s.get("line") or 0))
                          for s in _require(item, "sources", where)),
            proposed=tuple(item.get("proposed", [])),
            institutions=tuple(
                Institution(i.get("id") or entity_id("inst", i["name"]), i["name"], tuple(i.get("aliases", [])),
                            i.get("parent"), i.get("parent_name"), bool(i.get("resolved", True)),
                            i.get("country"))
                for i in item.get("institutions", [])
            ),
            techniques=tuple(techniques.values()),
            models=models,
            hardware=hardware,
            evidence=tuple(_evidence(e, models, hardware) for e in item.get("evidence", [])),
            warnings=tuple(_warning(w) for w in item.get("warnings", [])),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InterchangeError(where, f"malformed paper: {exc!r}") from exc


def _evidence(e: dict[str, Any], models: tuple[Model, ...], hardware: tuple[Hardware, ...]) -> Evidence:
    def entity(id_key: str, name_key: str, known: tuple[Any, ...], kind: str) -> str | None:
        if e.get(id_key):
            return str(e[id_key])
        name = e.get(name_key)
        if not name:
            return None
        return next((k.id for k in known if k.name == name), entity_id(kind, name))

    return Evidence(
        id=e["id"], metric=e["metric"], value=float(e["value"]),
        value_max=None if e.get("value_max") is None else float(e["value_max"]),
        unit=e.get("unit"), direction=e.get("direction"), baseline=e.get("baseline"),
        condition=e.get("condition"), scope=e.get("scope"),
        model=entity("model_id", "model", models, "model"),
        hardware=entity("hardware_id", "hardware", hardware, "hw"),
        quote=e.get("quote", ""), source=e.get("source", "abstract"), line=int(e.get("line") or 0),
    )

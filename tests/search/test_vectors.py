"""The vector index switches from exact to IVF at a threshold and stays correct through changes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import graph.vectors
from graph.vectors import VectorIndex


def _unit_vectors(count: int, dimension: int = 32, seed: int = 0) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(count, dimension)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.fixture()
def ivf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[VectorIndex, np.ndarray]:
    monkeypatch.setattr(graph.vectors, "IVF_THRESHOLD", 500)
    vectors = _unit_vectors(800)
    index = VectorIndex.open(tmp_path / "vectors.faiss", 32)
    index.upsert(list(range(100, 900)), vectors)
    assert not index.approximate
    assert index.retune() and index.approximate
    return index, vectors


def test_ivf_finds_each_stored_vector_and_forgets_removed_ones(ivf) -> None:
    index, vectors = ivf
    assert [index.search(vectors[i], 1)[0][0] for i in range(0, 800, 97)] == list(range(100, 900, 97))
    index.remove([100])
    assert index.vector(100) is None and len(index) == 799
    assert all(slot != 100 for slot, _ in index.search(vectors[0], 5))
    index.upsert([101], vectors[5:6])
    assert np.allclose(index.vector(101), vectors[5])


def test_small_allowed_set_is_searched_exactly(ivf) -> None:
    index, vectors = ivf
    allowed = np.arange(300, 340, dtype=np.int64)  # 5% of the collection
    query = _unit_vectors(1, seed=7)[0]
    scores = vectors[allowed - 100] @ query
    expected = allowed[np.argsort(-scores)[:5]].tolist()
    assert [slot for slot, _ in index.search(query, 5, allowed)] == expected


def test_ivf_survives_save_and_reopen(ivf, tmp_path: Path) -> None:
    index, vectors = ivf
    index.save()
    reopened = VectorIndex.open(tmp_path / "vectors.faiss", 32)
    assert reopened.approximate and len(reopened) == 800
    assert reopened.slots() == set(range(100, 900))
    assert np.allclose(reopened.vector(450), vectors[350])
    assert not reopened.retune()  # not grown since it was trained

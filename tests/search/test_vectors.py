"""The vector index switches from exact to IVF at a threshold and stays correct through changes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import graph.vectors
from graph.vector_files import VectorFiles
from graph.vectors import VectorIndex


def _unit_vectors(count: int, dimension: int = 32, seed: int = 0) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(count, dimension)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.fixture()
def ivf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[VectorIndex, np.ndarray]:
    monkeypatch.setattr(graph.vectors, "IVF_THRESHOLD", 500)
    vectors = _unit_vectors(800)
    index = VectorIndex.open(tmp_path, 32, "test")
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
    reopened = VectorIndex.open(tmp_path, 32, "test")
    assert reopened.approximate and len(reopened) == 800
    assert reopened.slots() == set(range(100, 900))
    assert np.allclose(reopened.vector(450), vectors[350])
    assert not reopened.retune()  # not grown since it was trained


def test_changes_are_appended_to_the_log_not_rewritten(tmp_path: Path) -> None:
    vectors = _unit_vectors(50)
    index = VectorIndex.open(tmp_path, 32, "test")
    index.upsert(list(range(40)), vectors[:40])
    index.save()  # the first save writes a snapshot
    snapshot = next(tmp_path.glob("vectors.*.faiss"))
    written = snapshot.stat().st_mtime_ns
    index.upsert(list(range(40, 50)), vectors[40:])
    index.remove([3])
    index.upsert([7], vectors[0:1])
    index.save()
    assert snapshot.stat().st_mtime_ns == written
    assert next(tmp_path.glob("vectors.*.log")).stat().st_size == 12 * (8 + 4 * 32)
    reopened = VectorIndex.open(tmp_path, 32, "test")
    assert reopened.slots() == set(range(50)) - {3}
    assert np.allclose(reopened.vector(7), vectors[0]) and np.allclose(reopened.vector(45), vectors[45])
    reopened.compact()
    assert not next(tmp_path.glob("vectors.*.log")).stat().st_size
    assert VectorIndex.open(tmp_path, 32, "test").slots() == set(range(50)) - {3}


def test_a_record_torn_by_a_crash_is_dropped(tmp_path: Path) -> None:
    vectors = _unit_vectors(3)
    index = VectorIndex.open(tmp_path, 32, "test")
    index.upsert([0], vectors[:1])
    index.save()
    index.upsert([1, 2], vectors[1:])
    index.save()
    log = next(tmp_path.glob("vectors.*.log"))
    log.write_bytes(log.read_bytes()[:-10])
    reopened = VectorIndex.open(tmp_path, 32, "test")
    assert reopened.slots() == {0, 1}
    reopened.upsert([2], vectors[2:])
    reopened.save()
    assert VectorIndex.open(tmp_path, 32, "test").slots() == {0, 1, 2}


def test_vectors_of_another_backend_are_not_loaded(tmp_path: Path) -> None:
    index = VectorIndex.open(tmp_path, 32, "onnx")
    index.upsert([0, 1], _unit_vectors(2))
    index.save()
    assert len(VectorIndex.open(tmp_path, 32, "onnx")) == 2
    assert len(VectorIndex.open(tmp_path, 32, "torch")) == 0


def test_an_index_saved_whole_before_the_log_is_read_as_torch_vectors(tmp_path: Path) -> None:
    import faiss

    legacy = faiss.IndexIDMap2(faiss.IndexFlatIP(32))
    legacy.add_with_ids(_unit_vectors(3), np.array([5, 6, 7], dtype=np.int64))
    faiss.write_index(legacy, str(tmp_path / "vectors.faiss"))
    assert len(VectorIndex.open(tmp_path, 32, "onnx-int8")) == 0
    index = VectorIndex.open(tmp_path, 32, "torch")
    assert index.slots() == {5, 6, 7}
    index.remove([6])
    index.save()  # the first save writes the new files and drops the old one
    assert not (tmp_path / "vectors.faiss").exists()
    assert VectorIndex.open(tmp_path, 32, "torch").slots() == {5, 7}


def test_an_embedding_cache_from_before_backends_is_torch_s(tmp_path: Path) -> None:
    import sqlite3

    from graph.vectors import EmbeddingCache, text_hash

    vector = _unit_vectors(1)[0]
    with sqlite3.connect(tmp_path / "embeddings.sqlite") as db:
        db.execute("CREATE TABLE embedding (hash TEXT PRIMARY KEY, vector BLOB NOT NULL)")
        db.execute("INSERT INTO embedding VALUES (?, ?)", (text_hash("a text"), vector.tobytes()))

    class Model:
        backend = "torch"
        dimension = 32

        def encode(self, texts: list[str]) -> np.ndarray:
            raise AssertionError("the cached text was embedded again")

    cache = EmbeddingCache(tmp_path / "embeddings.sqlite", Model())
    assert np.array_equal(cache.embed(["a text"])[0], vector) and cache.embedded == 0
    Model.backend = "onnx"
    assert EmbeddingCache(tmp_path / "embeddings.sqlite", Model()).lookup([text_hash("a text")]) == {}


def test_replaying_a_log_leaves_each_slot_at_its_last_record() -> None:
    from graph.vector_files import log_records, replay

    rng = np.random.default_rng(3)
    vectors = _unit_vectors(200, dimension=4)
    expected: dict[int, np.ndarray | None] = {}
    log = b""
    for step in range(200):
        slots = rng.choice(30, size=rng.integers(1, 4), replace=False)
        if rng.random() < 0.3:
            log += log_records(slots, None, 4)
            expected.update((int(s), None) for s in slots)
        else:
            chosen = vectors[[step] * len(slots)]
            log += log_records(slots, chosen, 4)
            expected.update((int(s), vectors[step]) for s in slots)
    result = replay(log, 4)
    assert set(result.removed.tolist()) == set(expected)
    kept = {s: v for s, v in expected.items() if v is not None}
    assert sorted(result.upserted.tolist()) == sorted(kept)
    for slot, vector in zip(result.upserted.tolist(), result.vectors, strict=True):
        assert np.array_equal(vector, kept[slot])


def _index_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.glob("vectors.*") if not p.name.endswith(".lock"))


def _snapshot_and_log(directory: Path, vectors: np.ndarray, first: int, second: int) -> VectorIndex:
    """An index whose slots 0..first-1 are in its first save and first..second-1 in a second one."""
    index = VectorIndex.open(directory, 32, "test")
    index.upsert(list(range(first)), vectors[:first])
    index.save()
    index.upsert(list(range(first, second)), vectors[first:second])
    index.save()
    return index


def test_a_compaction_cut_short_loses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vectors = _unit_vectors(30)
    index = _snapshot_and_log(tmp_path, vectors, 10, 20)

    def crash(*args: object) -> None:
        raise OSError("killed")

    # Cut short after the new snapshot was written to its temporary file, before the switch to it.
    monkeypatch.setattr(VectorFiles, "_switch", crash)
    with pytest.raises(OSError):
        index.compact()
    monkeypatch.undo()
    index.upsert(list(range(20, 30)), vectors[20:])
    index.remove([0])
    index.save()  # appended to the log the cut-short compaction started
    assert VectorIndex.open(tmp_path, 32, "test").slots() == set(range(1, 30))  # as after a crash here
    done = index.compact()
    assert done.compacted and done.records_folded == 21
    reopened = VectorIndex.open(tmp_path, 32, "test")
    assert reopened.slots() == set(range(1, 30)) and np.allclose(reopened.vector(25), vectors[25])
    # The left-overs (the first snapshot and logs, the temporary file) are gone.
    assert _index_files(tmp_path) == [f"vectors.{done.generation}.faiss", f"vectors.{done.generation}.log",
                                      "vectors.json"]
    assert not index.compact().compacted  # nothing left to fold: nothing written


def test_readers_and_writers_go_on_during_a_compaction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While the new snapshot is being written, another index opened on the files sees everything, and
    changes saved meanwhile land in the new log and survive the switch."""
    vectors = _unit_vectors(40)
    index = _snapshot_and_log(tmp_path, vectors, 20, 30)
    seen: list[set[int]] = []
    write = VectorFiles._write_temporary

    def write_meanwhile(files: VectorFiles, snapshot: object) -> Path:
        temporary = write(files, snapshot)
        seen.append(VectorIndex.open(tmp_path, 32, "test").slots())
        index.upsert(list(range(30, 40)), vectors[30:])
        index.remove([1])
        index.save()
        seen.append(VectorIndex.open(tmp_path, 32, "test").slots())
        return temporary

    monkeypatch.setattr(VectorFiles, "_write_temporary", write_meanwhile)
    done = index.compact()
    assert seen == [set(range(30)), set(range(40)) - {1}]
    assert done.compacted and done.records_folded == 10
    reopened = VectorIndex.open(tmp_path, 32, "test")
    assert reopened.slots() == set(range(40)) - {1} and np.allclose(reopened.vector(35), vectors[35])
    assert (tmp_path / f"vectors.{done.generation}.log").stat().st_size == 11 * (8 + 4 * 32)


def test_a_grown_log_is_compacted_on_a_thread_while_changes_go_on(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import graph.vector_files

    monkeypatch.setattr(graph.vector_files, "COMPACT_MIN_BYTES", 1000)
    vectors = _unit_vectors(40)
    index = VectorIndex.open(tmp_path, 32, "test")
    index.upsert([0], vectors[:1])
    index.save()
    first = next(tmp_path.glob("vectors.*.faiss")).name
    index.upsert(list(range(1, 20)), vectors[1:20])
    index.save()  # 19 records, 3 kB of log: past the threshold
    assert index.compacting or next(tmp_path.glob("vectors.*.faiss")).name != first
    index.upsert(list(range(20, 40)), vectors[20:])
    index.save()
    index.wait()
    assert next(tmp_path.glob("vectors.*.faiss")).name != first
    assert VectorIndex.open(tmp_path, 32, "test").slots() == set(range(40))

"""The texts the search index covers and which report lists which paper, in one SQLite file.

This is the search index's own record (the graph store may be Neo4j, in another process), so that
the lexical index can catch up at start, replacement can tell which papers a report dropped, and a
paper listed by two reports survives the removal of one. Each paper has an integer slot (its rowid)
that the FAISS and BM25 indexes use as its key, and the revision of the commit that last wrote it:
a saved index stamped with revision R needs only the papers written after R (`changed_since`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS paper (
    slot INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL,
    title TEXT NOT NULL, abstract TEXT NOT NULL, brief TEXT NOT NULL, keywords TEXT NOT NULL,
    text_hash TEXT NOT NULL, revision INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS listing (
    report TEXT NOT NULL, paper TEXT NOT NULL, PRIMARY KEY (report, paper)
);
CREATE INDEX IF NOT EXISTS listing_paper ON listing (paper);
"""
_COLUMNS = "slot, id, title, abstract, brief, keywords, text_hash"


def lexical_text(title: str, abstract: str, brief: str, keywords: str) -> str:
    """What BM25 indexes for a paper: every text field, both languages."""
    return f"{title}\n{abstract}\n{brief}\n{keywords}"


@dataclass(frozen=True)
class PaperText:
    slot: int
    id: str
    title: str
    abstract: str
    brief: str
    keywords: str  # entity names and aliases (institutions, techniques, models, hardware), both languages
    text_hash: str  # sha1 of the embedded text: a changed hash means re-embed and re-index

    @property
    def lexical_text(self) -> str:
        return lexical_text(self.title, self.abstract, self.brief, self.keywords)


class Corpus:
    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(paper)")}
        if "revision" not in columns:  # a corpus written before revisions: every row counts as revision 0
            self._db.execute("ALTER TABLE paper ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")
        self._db.execute("CREATE INDEX IF NOT EXISTS paper_revision ON paper (revision)")

    def commit(self, report: str, listed: set[str], upserts: list[tuple[str, str, str, str, str, str]],
               deletes: set[str]) -> dict[str, int]:
        """In one transaction: make `listed` the report's papers, write `upserts` (id, title, abstract,
        brief, keywords, text_hash) and delete `deletes`. Returns the slot of each upserted paper."""
        db = self._db
        db.execute("BEGIN")
        try:
            revision = self._next_revision()
            db.execute("DELETE FROM listing WHERE report = ?", (report,))
            db.executemany("INSERT INTO listing VALUES (?, ?)", [(report, p) for p in listed])
            db.executemany(
                "INSERT INTO paper (id, title, abstract, brief, keywords, text_hash, revision) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET title = excluded.title, abstract = excluded.abstract, "
                "brief = excluded.brief, keywords = excluded.keywords, text_hash = excluded.text_hash, "
                "revision = excluded.revision",
                [(*row, revision) for row in upserts],
            )
            db.executemany("DELETE FROM paper WHERE id = ?", [(p,) for p in deletes])
            slots = {p.id: p.slot for p in self.by_ids([u[0] for u in upserts]).values()}
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        return slots

    def _next_revision(self) -> int:
        """Bump and return the commit counter (inside the caller's transaction). It lives in its own
        table so deleting the newest rows never hands an old revision out again."""
        self._db.execute("INSERT INTO counter VALUES ('revision', 1) "
                         "ON CONFLICT (name) DO UPDATE SET value = value + 1")
        return self.revision()

    def revision(self) -> int:
        """The revision of the last commit (0 for a corpus never written)."""
        row = self._db.execute("SELECT value FROM counter WHERE name = 'revision'").fetchone()
        return int(row[0]) if row else 0

    def slot_ids(self) -> list[tuple[int, str]]:
        """(slot, paper id) of every paper, without reading the texts."""
        return self._db.execute("SELECT slot, id FROM paper").fetchall()

    def changed_since(self, revision: int) -> Iterator[PaperText]:
        """Papers written by a commit after `revision`."""
        query = f"SELECT {_COLUMNS} FROM paper WHERE revision > ?"
        for row in self._db.execute(query, (revision,)):
            yield PaperText(*row)

    def clear(self) -> None:
        with self._db:
            self._db.execute("DELETE FROM listing")
            self._db.execute("DELETE FROM paper")

    def papers(self) -> Iterator[PaperText]:
        for row in self._db.execute(f"SELECT {_COLUMNS} FROM paper"):
            yield PaperText(*row)

    def by_ids(self, ids: list[str]) -> dict[str, PaperText]:
        return self._select("id", ids)

    def by_slots(self, slots: list[int]) -> dict[int, PaperText]:
        return {p.slot: p for p in self._select("slot", slots).values()}

    def _select(self, column: str, keys: list) -> dict[str, PaperText]:
        found: dict[str, PaperText] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT {_COLUMNS} FROM paper WHERE {column} IN ({marks})"
            for row in self._db.execute(query, chunk):
                found[row[1]] = PaperText(*row)
        return found

    def listed_by(self, report: str) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT paper FROM listing WHERE report = ?", (report,))}

    def listed_elsewhere(self, ids: set[str], report: str) -> set[str]:
        """Those of `ids` that some report other than `report` lists."""
        wanted = sorted(ids)
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            query = (f"SELECT DISTINCT paper FROM listing WHERE report != ? "
                     f"AND paper IN ({','.join('?' * len(chunk))})")
            found.update(r[0] for r in self._db.execute(query, [report, *chunk]))
        return found

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM paper").fetchone()[0])

    def close(self) -> None:
        self._db.close()


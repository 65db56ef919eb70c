"""The review list: entities papers name that the ontology does not know, for a curator to resolve.

Read through the GraphStore protocol (`GraphStore.unresolved`), so it is the same on every store. A
curator adds what the list shows to the user ontology (`Settings.ontology_dir`); re-importing the
reports then resolves those names, and entities no paper names any more leave the graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.store import GraphStore

# The labels the review lists, as the kinds it calls them.
REVIEW_KINDS: dict[str, str] = {"Institution": "institution", "Model": "model", "Hardware": "hardware"}


@dataclass(frozen=True)
class ReviewItem:
    """An unresolved entity: how many papers name it and where (report, `### N.` number, line)."""

    kind: str  # institution, model, hardware
    id: str
    name: str
    paper_count: int
    sources: tuple[dict[str, Any], ...]  # {"paper", "report", "index", "line"}

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "name": self.name, "paper_count": self.paper_count,
                "sources": [dict(s) for s in self.sources]}


def unresolved_entities(store: GraphStore) -> list[ReviewItem]:
    """Unresolved institutions, models and hardware with at least one paper, most papers first, then
    by name and id."""
    items = [ReviewItem(kind, m.node["id"], str(m.node.get("name", "")), m.papers, m.sources)
             for label, kind in REVIEW_KINDS.items() for m in store.unresolved(label)]
    return sorted(items, key=lambda i: (-i.paper_count, i.name.casefold(), i.id))

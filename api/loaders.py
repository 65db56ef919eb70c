"""Per-request DataLoaders over the GraphStore, so resolvers batch their reads.

A resolver asks for one node or one node's neighbours; the loader collects every such request made
while one level of the query resolves and answers them with a single `store.get` or `store.related`
call. A page of 50 papers with institutions, techniques and evidence therefore costs one call per
relation, not one per paper. Loaders live for one request only, so they never serve stale data, and
run their store call in a worker thread so a slow backend does not stall the event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from graph.store import Direction, GraphStore, Node


class StoreLoaders:
    """Lazily created loaders: one per node label, one per (relationship type, direction)."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._nodes: dict[str, DataLoader[str, Node | None]] = {}
        self._related: dict[tuple[str, str], DataLoader[str, list[Node]]] = {}

    def node(self, label: str) -> DataLoader[str, Node | None]:
        loader = self._nodes.get(label)
        if loader is None:
            async def load(ids: Sequence[str]) -> list[Node | None]:
                return await asyncio.to_thread(self.store.get, label, list(ids))

            loader = self._nodes[label] = DataLoader(load_fn=load)
        return loader

    def related(self, rel_type: str, direction: Direction) -> DataLoader[str, list[Node]]:
        key = (rel_type, direction)
        loader = self._related.get(key)
        if loader is None:
            async def load(ids: Sequence[str]) -> list[list[Node]]:
                found = await asyncio.to_thread(self.store.related, list(ids), rel_type, direction)
                return [found.get(node_id, []) for node_id in ids]

            loader = self._related[key] = DataLoader(load_fn=load)
        return loader

    async def get(self, label: str, node_id: str) -> Node | None:
        return await self.node(label).load(node_id)

    async def neighbours(self, node_id: str, rel_type: str, direction: Direction) -> list[Node]:
        return await self.related(rel_type, direction).load(node_id)

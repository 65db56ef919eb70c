"""Hardware platforms a paper reports results on, resolved to ontology/hardware.ttl entries.

Named devices ("NVIDIA 5090 GPU" -> NVIDIA RTX 5090) always count. A kind of device ("GPU", "NPU")
counts only when no named device of its class (nor a narrower kind: "mobile NPU" over "NPU") is
present, and the vaguest kinds (edge devices,
mobile devices) only when the text runs something on them ("on edge devices", "在边缘设备上").
"""

from __future__ import annotations

import re

from graph.ids import entity_id
from graph.model import Hardware
from ontology.load import HardwareEntry, load_ontology

_WEAK_CLASSES = ("edge-device", "mobile")
_ON_BEFORE = re.compile(r"(?:\b(?:on|onto|across)\s+(?:the\s+|a\s+|an\s+)?|在|于)$", re.IGNORECASE)


def find_hardware(sentence: str) -> list[Hardware]:
    """Hardware named in one piece of text, in order of first mention."""
    onto = load_ontology()
    entries: dict[str, HardwareEntry] = {}
    for hit in onto.hardware_index.find(sentence):
        entry = onto.hardware[hit.target]
        if entry.generic and entry.hw_class in _WEAK_CLASSES and not _ON_BEFORE.search(sentence[:hit.start]):
            continue
        entries.setdefault(entry.id, entry)
    specific_classes = {e.hw_class for e in entries.values() if not e.generic}
    names = [e.name.casefold() for e in entries.values()]
    kept = [e for e in entries.values() if not e.generic or (
        e.hw_class not in specific_classes and not any(e.name.casefold() in n != e.name.casefold() for n in names))]
    return [_hardware(e) for e in kept]


def extract_hardware(title: str, brief: str, abstract: str) -> tuple[Hardware, ...]:
    """Hardware platforms of a paper, from title, brief and abstract together."""
    return tuple(find_hardware(f"{title}\n{brief}\n{abstract}"))


def _hardware(entry: HardwareEntry) -> Hardware:
    return Hardware(entity_id("hw", entry.name), entry.name, entry.hw_class)

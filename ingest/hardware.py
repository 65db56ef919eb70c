"""Named hardware devices a paper reports results on, as named, linked to their family and class.

Readers, over the same text:
- the labels of ontology/hardware.ttl ("NVIDIA 5090 GPU" -> NVIDIA RTX 5090);
- the device grammar: a family stem from the ontology ("Snapdragon", "Jetson", "Galaxy", "NVIDIA")
  followed by a model number ("8 Gen 2", "AGX Orin", "S24 Ultra", "L20"), or a model number followed by a
  family's suffix word ("A14 Bionic"). A device so named keeps its model number ("Qualcomm Snapdragon 8 Gen
  2", not "Qualcomm Snapdragon"); one the ontology does not list is kept as written, marked unresolved, with
  its family and the family's class. A vendor followed by one of its product lines takes that line's family
  ("AMD Ryzen ..." is a CPU, not one of AMD's GPUs);
- model codes listed before one class word ("A100, L4 and T4 GPUs") or right after a device named with its
  vendor ("NVIDIA H100 and L4 servers"), and a part number before its kind of device ("the MAX78000
  microcontroller"), unresolved when the ontology has no family for it. A stem glued to a parameter count
  ("M2M100-418M") starts a model's name, not a device's; a company's name that labels its chips, in English or
  Chinese, names the company before a name of its own or a company word ("Cerebras-GPT", "Graphcore Research",
  "寒武纪发布了"), and a vendor with a process node ("Samsung 4nm") names no device;
- a supercomputer named by its own name ("the Summit supercomputer", "Frontier超算"), not by its kind or country;
- a part number before its kind right after a vendor with one line of that class is a device of that line ("a
  Xilinx VU9P FPGA"), and a stem that is a whole model number names its chip before a kind of chip ("with the M1
  chip").
A machine named only by its line gives way to the chip it is named with ("a MacBook Pro with an Apple M1 Max
chip"); of two devices side by side that name one, the more precise stays: a line restated by its generation in
parentheses ("Intel Xeon (Sapphire Rapids) CPUs") and a system named after its GPU ("an A100 DGX system").
Kinds of device ("GPU", "edge devices", "DRAM": `pg:generic`) are classes, not devices, and are not
returned; a family ("Qualcomm Snapdragon") counts only when none of its members is named.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from graph.ids import entity_id
from graph.model import Hardware
from ingest.numbers import LIST_GAP
from ontology.graph import ontology_cache
from ontology.load import HardwareEntry, Ontology, device_key, hardware_by_node_id, load_ontology

# A memory size right after a device ("A100-80GB", "A100 80GB", "A100-40G", "A100 (80GB)").
_MEMORY = r"(?:-|\s|\s?\()(\d{2,3})\s?GB?"
_MEMORY_AFTER = re.compile(rf"{_MEMORY}\b\)?")
_MEMORY_AT_END = re.compile(rf"{_MEMORY}\)?$")  # ... or inside a label's span ("A100 80GB")
# (a bare "G" is a memory size only up to 256: "A100-40G"; "Snapdragon 778G" is a model number)
_MEMORY_SIZE = re.compile(r"^(?:\d+(?:\.\d+)?\s*(?:GB|TB|MB)|(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-6])\s*G)$", re.IGNORECASE)
_HAS_DIGIT = re.compile(r"\d")
_GLUED_MEMORY = re.compile(r"(?<=\w)-\d{2,3}GB?$")
_PLURAL = re.compile(r"^[A-Za-z]*\d+s$")
_DEVICE_COUNT = re.compile(r"(?<![A-Za-z0-9])(\d{1,4})[x×](?=[A-Z])")
_DEVICE_COUNT_CUE = re.compile(r"\d[x×][A-Z]")
_PARAMETER_COUNT_PART = re.compile(r"-\d+(?:\.\d+)?[MB](?![A-Za-z])")  # a glued parameter count ends a model's name


def find_hardware(sentence: str) -> list[Hardware]:
    """Named devices in one piece of text, in order of first mention."""
    onto = load_ontology()
    if _DEVICE_COUNT_CUE.search(sentence):  # (a pattern that begins with a look-behind scans slowly)
        sentence = _DEVICE_COUNT.sub(r"\1 ", sentence)  # "8xA800": eight A800s (same length, same offsets)
    grammar = _grammar_devices(onto, sentence)
    companies = _company_names()
    labelled = [(hit.start, hit.end, _labelled(onto, hit.target))
                for hit in onto.hardware_index.find(sentence) if not onto.hardware[hit.target].generic
                and not (hit.surface in companies and _COMPANY_CONTEXT.match(sentence, hit.end))]
    # Where two readings overlap, the one reaching further wins ("Snapdragon" inside "Snapdragon 8 Gen 2"),
    # then the longer; the grammar's reading first, since it also knows the family.
    kept: list[tuple[int, int, Hardware]] = []
    for span in sorted(grammar + labelled, key=lambda s: (-s[1], s[0], not s[2].resolved)):
        if not any(span[0] < k[1] and k[0] < span[1] for k in kept):
            kept.append(span)
    kept += _listed_before_class_word(onto, sentence, kept)
    kept += _listed_after_vendor_device(onto, sentence, kept)
    kept += _parts_named_by_kind(sentence, kept)
    kept += _named_supercomputers(sentence, kept)
    kept += _numbered_stems_before_kind(onto, sentence, kept)
    kept = _without_hosts_of_named_chips(sentence, kept)
    kept = _without_restated_lines(sentence, kept)
    found: dict[str, Hardware] = {}
    for start, end, device in sorted(kept, key=lambda s: s[0]):
        entry = hardware_by_node_id().get(device.id) if device.resolved else None
        memory = (_MEMORY_AFTER.match(sentence, end) or _MEMORY_AT_END.search(sentence, start, end)
                  if entry is not None and entry.memory_variants else None)
        if memory and f"{memory.group(1)}GB" in entry.memory_variants:
            # "A100-80GB", "A100 (40GB)": a device sold in several memory sizes, named with one, is that variant
            name = f"{device.name} {memory.group(1)}GB"  # the id's spelling: "A100-40G" is the A100 40GB
            written = f"{device.name} {memory.group(0).strip(' -()')}"
            device = Hardware(entity_id("hw", name), written, device.hw_class, family=device.id)
        found.setdefault(device.id, device)
    families = {d.family for d in found.values() if d.family}
    return [d for d in found.values() if d.id not in families]


# "a MacBook Pro with an Apple M1 Max chip": the chip a machine is named with is the device measured on.
_WITH_CHIP = re.compile(r"\s+with\s+(?:the\s+|an?\s+|its\s+)?")


def _without_hosts_of_named_chips(sentence: str, kept: list[tuple[int, int, Hardware]]) -> list[tuple[int, int, Hardware]]:
    """A machine named only by its line ("MacBook Pro" is an Apple Mac) drops out when the next words name the
    chip it runs on with a model number; a machine named with its own model number stays ("Pixel 8 Pro")."""
    if " with " not in sentence:
        return kept
    starts = {start for start, _, device in kept if _HAS_DIGIT.search(device.name)}
    return [(start, end, device) for start, end, device in kept
            if _HAS_DIGIT.search(device.name) or not device.resolved
            or not ((chip := _WITH_CHIP.match(sentence, end)) and chip.end() in starts)]


def _without_restated_lines(sentence: str, kept: list[tuple[int, int, Hardware]]) -> list[tuple[int, int, Hardware]]:
    """Two devices side by side name one: a line restated by the generation in its parentheses ("Intel Xeon
    (Sapphire Rapids) CPUs") is that generation, and a system named after its GPU's model number ("an A100 DGX
    system", "H100 DGX nodes") is that GPU's host; the more precise of the two stays."""
    drop = set()
    ordered = sorted(kept, key=lambda span: span[0])
    for (_, end, first), (start, _, second) in pairwise(ordered):
        gap = sentence[end:start]
        if gap.strip() == "(" and len(gap) <= 2 and not _HAS_DIGIT.search(first.name):
            drop.add(first.id)
        elif gap == " " and _HAS_DIGIT.search(first.name) and not _HAS_DIGIT.search(second.name) \
                and second.hw_class == first.hw_class:
            drop.add(second.id)
    return [span for span in kept if span[2].id not in drop] if drop else kept


# "A100, L4 and T4 GPUs": model codes listed before one class word, each of them named with it.
_CLASS_WORD = re.compile(r"(GPU|NPU)s?\b")  # no look-behind first: `re` then scans for G and N only
_CODE = re.compile(r"[A-Z]{1,3}\d{1,4}(?:[A-Z]{1,3}|[A-Za-z])?")  # "L4", "A100", "RX7900XTX"
_CODES_BEFORE_CLASS = re.compile(rf"(?<![\w-])((?:{_CODE.pattern}(?:{LIST_GAP.pattern}))+{_CODE.pattern})\s*$")


def _listed_before_class_word(onto: Ontology, sentence: str,
                              kept: list[tuple[int, int, Hardware]]) -> list[tuple[int, int, Hardware]]:
    """Devices of a list that only the shared class word names: "L4" in "A100, L4 and T4 GPUs"."""
    if "GPU" not in sentence and "NPU" not in sentence:
        return []
    out = []
    for word_match in _CLASS_WORD.finditer(sentence):
        at = max(0, word_match.start() - 60)
        if not any(at <= k[1] and k[0] <= word_match.end() for k in kept):
            continue  # a list of codes names at least one device the index knows
        listed = _CODES_BEFORE_CLASS.search(sentence, at, word_match.start())
        if listed is None:
            continue
        word = word_match.group(1)
        for code in _CODE.finditer(listed.group(1)):
            start, end = listed.start(1) + code.start(), listed.start(1) + code.end()
            if any(start < k[1] and k[0] < end for k in kept):
                continue
            hit = next((h for h in onto.hardware_index.find(f"{code.group()} {word}")
                        if not onto.hardware[h.target].generic and h.start == 0), None)
            if hit is not None:
                out.append((start, end, _labelled(onto, hit.target)))
    return out


# "NVIDIA H100 and L4 servers", "on NVIDIA H800 and L20 clusters": bare model codes listed right after a device
# named with its vendor are that vendor's devices, when the vendor and the code name one.
_LISTED_CODE = re.compile(rf"(?:{LIST_GAP.pattern})({_CODE.pattern})(?![\w-])")


def _listed_after_vendor_device(onto: Ontology, sentence: str,
                                kept: list[tuple[int, int, Hardware]]) -> list[tuple[int, int, Hardware]]:
    vendors = _vendor_names()
    out: list[tuple[int, int, Hardware]] = []
    for _, end, device in sorted(kept, key=lambda k: k[0]):
        vendor = device.name.split(" ", 1)[0]
        if vendor not in vendors:
            continue
        at = end
        while (item := _LISTED_CODE.match(sentence, at)) is not None:
            start, stop = item.span(1)
            if any(start < k[1] and k[0] < stop for k in kept + out):
                break
            named = f"{vendor} {item.group(1)}"
            whole = [d for s, e, d in _grammar_devices(onto, named) if s == 0 and e == len(named)] or [
                _labelled(onto, h.target) for h in onto.hardware_index.find(named)
                if h.start == 0 and h.end == len(named) and not onto.hardware[h.target].generic]
            if not whole:
                break
            out.append((start, stop, whole[0]))
            at = item.end()
    return out


# A company's name that labels its chips ("Groq", "Cerebras", "Graphcore") names the company, not a device, where a
# name of its own or a company word follows: "Cerebras-GPT", "Cambricon-LLM", "Graphcore Research", "Groq发布了".
_CJK = re.compile(r"[\u3400-\u9fff]")
# (no "\b": Chinese may follow at once, "Cerebras Systems发布了", and is a word character to `re`)
_COMPANY_CONTEXT = re.compile(r"-[A-Za-z]|\s*(?:(?:Research|Inc|Technologies|Systems|Labs?|Corporation|Corp|AI)(?![A-Za-z])"
                              r"|公司|发布)")


@ontology_cache
def _company_names() -> frozenset[str]:
    """Labels that may be a company's name: an entry's vendor, the first word of its name standing alone as a
    label, or a Chinese label ("寒武纪" is the company, "寒武纪发布了" its paper; a product line is never followed
    by a company word)."""
    names = set(_vendor_names())
    for entry in hardware_by_node_id().values():
        first = entry.name.split(" ", 1)[0]
        if first in entry.labels and not entry.generic:
            names.add(first)
        if entry.vendor and not entry.generic:
            names.update(label for label in entry.labels if _CJK.search(label))
    return frozenset(names)


@ontology_cache
def _vendor_names() -> frozenset[str]:
    """Vendors of the ontology's families, the shipped and the user's (rebuilt when the user's files change)."""
    return frozenset(entry.vendor for entry in hardware_by_node_id().values() if entry.vendor)


# A part number the kind of device that follows names as hardware: "the MAX78000 microcontroller", "a
# QZ5284 SoC", "a QK123 board". Letters then at least two digits, so sizes ("28nm chip") and counts are not.
_KINDS = ("microcontroller", "MCU", "SoC", "board", "FPGA", "chip")
# One digit will do when letters close the part ("VU9P"); number formats ("INT8", "FP16") are no parts.
_PART_BEFORE_KIND = re.compile(
    rf"(?<![\w\-.])(?!(?:INT|FP|BF|UINT)\d)([A-Za-z]{{1,6}}(?:\d{{2,6}}[A-Za-z0-9]{{0,4}}|\d[A-Za-z]{{1,3}}\d{{0,2}}))(?:'s)?\s+"
    rf"(?:[A-Z]{{2,4}}\s+|[a-z]+-[a-z]+\s+)?({'|'.join(_KINDS)})s?\b")  # "the VS680 smart-home board"
_KIND_CLASS = {"FPGA": "accelerator"}  # the others are edge devices
# ... or by a name and a number apart: "an edge-class HiKey 970 board", "the Kirin 9000 SoC"
_NAMED_NUMBER_BEFORE_KIND = re.compile(
    rf"(?<![\w\-.])((?!(?:INT|FP|BF|Figure|Table|Section|Version|Step|Stage|Layer|Block|Level|Type|Model)\s)[A-Z][A-Za-z]{{2,10}}"
    rf"\s\d{{2,4}}[A-Za-z]?)\s+({'|'.join(_KINDS)})s?\b")


def _unclaimed(pattern: re.Pattern[str], sentence: str,
               kept: list[tuple[int, int, Hardware]]) -> Iterator[re.Match[str]]:
    """The pattern's matches whose first group no device already read overlaps."""
    for match in pattern.finditer(sentence):
        start, end = match.span(1)
        if not any(start < k[1] and k[0] < end for k in kept):
            yield match


def _parts_named_by_kind(sentence: str, kept: list[tuple[int, int, Hardware]]) -> list[tuple[int, int, Hardware]]:
    """Devices the ontology does not know, named by a part number and their kind (marked unresolved)."""
    if not any(kind in sentence for kind in _KINDS):
        return []
    out = []
    matches = list(_unclaimed(_PART_BEFORE_KIND, sentence, kept))
    taken = [m.span(1) for m in matches]
    matches += [m for m in _unclaimed(_NAMED_NUMBER_BEFORE_KIND, sentence, kept)
                if not any(m.start(1) < e and s < m.end(1) for s, e in taken)]
    for match in matches:
        start, end = match.span(1)
        name, hw_class, family = match.group(1), _KIND_CLASS.get(match.group(2), "edge-device"), None
        vendor = _VENDOR_BEFORE.search(sentence, max(0, start - 24), start)
        line = _vendor_line(vendor.group(1), hw_class) if vendor else None
        if line is not None:  # "a Xilinx VU9P FPGA": the vendor's one line of that class, the vendor named
            name, family = f"{line.vendor} {name}", entity_id("hw", line.name)
        out.append((start, end, Hardware(entity_id("hw", name), name, hw_class, family=family, resolved=False)))
    return out


_VENDOR_BEFORE = re.compile(r"(?<![\w-])([A-Z][A-Za-z]+)\s+$")


def _vendor_line(vendor: str, hw_class: str) -> HardwareEntry | None:
    """The one family of `vendor` with that class, if the vendor has exactly one."""
    lines = [e for e in hardware_by_node_id().values()
             if e.vendor == vendor and not e.generic and e.hw_class == hw_class]
    return lines[0] if len(lines) == 1 else None


@ontology_cache
def _numbered_stem_pattern() -> re.Pattern[str] | None:
    """Stems that end in a number of their own ("M1", "M2"), before a kind of chip."""
    stems = sorted((s for s in load_ontology().device_grammar.family_of_stem if s[-1].isdigit()), key=len, reverse=True)
    if not stems:
        return None
    return re.compile(rf"(?<![\w-])({'|'.join(map(re.escape, stems))})\s+(?:chip|SoC|processor)s?\b")


def _numbered_stems_before_kind(onto: Ontology, sentence: str,
                                kept: list[tuple[int, int, Hardware]]) -> list[tuple[int, int, Hardware]]:
    """"with the M1 chip": a stem that is a whole model number names its device when a kind of chip follows."""
    pattern = _numbered_stem_pattern()
    if pattern is None or ("chip" not in sentence and "SoC" not in sentence and "processor" not in sentence):
        return []
    out = []
    for match in _unclaimed(pattern, sentence, kept):
        start, end = match.span(1)
        family = onto.hardware[onto.device_grammar.family_of_stem[match.group(1)]]
        device = _device(onto, family, match.group(1), match.group(1), [match.group(1)])
        if device is not None:
            out.append((start, end, device))
    return out


# "the Summit supercomputer", "TSUBAME 4.0 supercomputer": a machine named by its own name, one device of its own
_SUPERCOMPUTER = re.compile(r"(?<![A-Za-z0-9-])((?:[A-Z][A-Za-z]+|[A-Z]{2,})(?:[\s-](?:[A-Z][A-Za-z]+|[A-Z]{2,}|\d+(?:\.\d+)?)){0,2})"
                            r"(?:\s+(?:super-?computer|exascale\s+system)s?\b|\s*(?:超算|超级计算机))")
_NOT_A_MACHINE_NAME = frozenset({"The", "A", "An", "Our", "This", "Each", "One", "NVIDIA", "AMD", "Intel", "GPU", "CPU",
                                 "HPC", "Exascale", "Modern", "Large", "AI", "ML", "ASIC", "FPGA", "TPU", "Cloud",
                                 # where a machine stands, not its name ("the Japanese supercomputer Fugaku")
                                 "American", "Chinese", "Japanese", "European", "Korean", "German", "French",
                                 "British", "Swiss", "Italian", "Spanish", "Indian", "Canadian", "Russian", "Taiwanese",
                                 "Australian", "National", "New", "Next", "Leading", "Existing", "Current"})


def _named_supercomputers(sentence: str, kept: list[tuple[int, int, Hardware]]) -> list[tuple[int, int, Hardware]]:
    if "upercomputer" not in sentence and "xascale" not in sentence and "超算" not in sentence and "超级计算机" not in sentence:
        return []
    out = []
    for match in _SUPERCOMPUTER.finditer(sentence):
        words = match.group(1).split()
        while words and words[0] in _NOT_A_MACHINE_NAME:
            words.pop(0)
        if not words:
            continue
        start, end = match.end(1) - len(" ".join(words)), match.end()
        if any(start < k[1] and k[0] < end for k in kept):
            continue
        # a machine named with its generation's number is known by it ("MareNostrum 5", "TSUBAME 4.0"); a bare word
        # names it only with its kind ("the Summit supercomputer")
        name = " ".join(words) if len(words) > 1 and words[-1][0].isdigit() else f"{' '.join(words)} supercomputer"
        out.append((start, end, Hardware(entity_id("hw", name), name, "other", resolved=False)))
    return out


def extract_hardware(title: str, brief: str, abstract: str) -> tuple[Hardware, ...]:
    """Named devices of a paper, from title, brief and abstract together."""
    return tuple(find_hardware(f"{title}\n{brief}\n{abstract}"))


_PROCESS_NODE = re.compile(r"\d+(?:\.\d+)?nm", re.IGNORECASE)


def _grammar_devices(onto: Ontology, text: str) -> list[tuple[int, int, Hardware]]:
    grammar = onto.device_grammar
    out = []
    for match in grammar.finditer(text):
        before = text[match.start() - 1] if match.start() else " "
        if before.isascii() and (before.isalnum() or before in "-_"):  # glued to a Latin word, not to Chinese
            continue
        if "-" in match.group("number") and _PARAMETER_COUNT_PART.search(text, match.start("number"),
                                                                           match.end() + 8):
            continue  # "M2M100-418M": a model named with its parameter count, not an Apple M2
        family = onto.hardware[grammar.family_of_stem[match.group("stem")]]
        parts = re.split(r"[ \t]+", match.group("number").strip(" \t"))
        inner = grammar.family_of_stem.get(parts[0]) if family.vendor == match.group("stem") else None
        vendor_written = inner is not None and len(parts) > 1
        if vendor_written:
            family = onto.hardware[inner]  # "AMD Ryzen 5 1234X" is a Ryzen CPU, "Intel Arria 99" an FPGA
        if parts and _PROCESS_NODE.fullmatch(parts[-1]):
            continue  # "Samsung 4nm", "TSMC 7 nm": a manufacturing process, no device
        while parts and _MEMORY_SIZE.match(parts[-1]):
            parts.pop()  # a memory size is no model number; find_hardware reads it after the device
        glued_memory = _GLUED_MEMORY.search(parts[-1]) if parts else None
        if glued_memory:  # "A100-80GB": the memory is read after the device, as for "A100 80GB"
            parts[-1] = parts[-1][:glued_memory.start()]
        if parts and _PLURAL.match(parts[-1]):
            parts[-1] = parts[-1][:-1]  # "A100s", "H100s": the device, not a model number
        if not parts:
            continue
        end = match.start("number") + match.group("number").find(parts[-1]) + len(parts[-1])
        surface = " ".join(text[match.start():end].split())
        stem = match.group("stem")
        if len(stem) > 3 and stem[-1].islower() and surface[len(stem):len(stem) + 1].isdigit():
            surface = f"{stem} {surface[len(stem):]}"  # "iPhone12" is the iPhone 12
        if surface.endswith("Laptop") and text.startswith(" GPU", end):
            surface, end = f"{surface} GPU", end + 4  # NVIDIA's own name: "RTX 4090 Laptop GPU"
        device = _device(onto, family, stem, surface, parts, vendor_written)
        if device is not None:
            out.append((match.start(), end, device))
    for match in grammar.suffix_pattern.finditer(text) if any(s in text for s in grammar.family_of_suffix) else ():
        # "its A14 Bionic chip": a model number and a family's suffix word name the device without its vendor
        family = onto.hardware[grammar.family_of_suffix[match.group("suffix")]]
        surface = " ".join(match.group().split())
        device = _device(onto, family, match.group("suffix"), surface, surface.split()[:-1])
        if device is not None:
            out.append((match.start(), match.end(), device))
    return out


def _device(onto: Ontology, family: HardwareEntry, stem: str, surface: str, parts: list[str],
            vendor_written: bool = False) -> Hardware | None:
    """The device a stem and model number name: a known entry when a label spells it, else a new one.
    `vendor_written`: the surface begins with its vendor already, which may not be the family's ("AMD Alveo")."""
    name = surface
    if family.vendor and not vendor_written and not name.casefold().startswith(family.vendor.casefold()) \
            and name.isascii():
        name = f"{family.vendor} {name}"
    family_id = None if family.generic else entity_id("hw", family.name)
    words = device_key(surface).split()
    whole = {device_key(name), device_key(surface)}
    # the name, the surface, then shorter tails a label may spell, only past product-line words
    # ("GeForce RTX 4090" -> "RTX 4090"; "DGX-A100" is no A100)
    skippable = onto.device_grammar.folded_designators | set(device_key(family.vendor or "").split())
    tails = [" ".join(words[i:]) for i in range(1, len(words) - 1) if all(w in skippable for w in words[:i])]
    for key in (*whole, *tails):
        known = onto.device_grammar.label_ids.get(key)
        if known is not None and (key in whole or _HAS_DIGIT.search(key)):
            entry = onto.hardware[known]
            return None if entry.generic else _known(onto, entry, family_id if known != family.id else None)
    if stem == family.vendor and all(p.isdigit() for p in parts):
        return None  # "NVIDIA 2": a vendor and a bare number name no device
    numbered = any(_HAS_DIGIT.search(p) for p in parts) or bool(_HAS_DIGIT.search(surface[:len(surface) - len(" ".join(parts))]))
    if not numbered and sum(p in onto.device_grammar.designators for p in parts) < 2 \
            and not (len(parts) == 1 and len(parts[0]) <= 2 and parts[0].isupper()):
        return None  # "Jetson Nano" is a label; "Galaxy Pro" alone is no model number; "iPhone XS" is one
    return Hardware(entity_id("hw", name), name, family.hw_class, family=family_id, resolved=False)


def _labelled(onto: Ontology, entry_id: str) -> Hardware:
    """The device a label of the index names, with its family."""
    return _known(onto, onto.hardware[entry_id], _family_by_name(onto, entry_id))


def _family_by_name(onto: Ontology, entry_id: str) -> str | None:
    """The family whose stem a known device's name contains ("NVIDIA Jetson AGX Orin": Jetson)."""
    family = onto.device_grammar.family_of_entry.get(entry_id)
    return entity_id("hw", onto.hardware[family].name) if family else None


def _known(onto: Ontology, entry: HardwareEntry, family: str | None) -> Hardware:
    return Hardware(entity_id("hw", entry.name), entry.name, entry.hw_class, family=family)

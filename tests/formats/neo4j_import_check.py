"""A checker of what `neo4j-admin database import full` accepts: the header grammar of its node and
relationship CSV files, and the rows under them. Written from the Neo4j 5 operations manual
("Import: CSV header format"), as the tests' oracle for `graph/formats.py`; it is deliberately strict
where the tool is lenient only behind flags (duplicate ids, dangling relationships).

Header fields: `name:type`, `name` (a string property) or `:type` for the special columns
- nodes: `[name]:ID[(group)]` exactly once, `:LABEL` at most once;
- relationships: `:START_ID[(group)]`, `:END_ID[(group)]` and `:TYPE` exactly once each;
- properties: `name[:type]` with type one of TYPES, optionally `[]` for an array; names unique; `:IGNORE`.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

TYPES = frozenset({"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point",
                   "date", "localtime", "time", "localdatetime", "datetime", "duration"})
_FIELD = re.compile(r"^(?P<name>[^:]*)(?::(?P<type>[A-Za-z_]+)(?P<group>\([^()]*\))?(?P<array>\[\])?)?$")
_SPECIAL = {"ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE"}
_BOOLEAN = {"true", "false"}


class HeaderError(ValueError):
    pass


def parse_header(fields: list[str], kind: str) -> list[tuple[str, str, str | None, bool]]:
    """(name, type, id group, is_array) per field of a `kind` ("nodes" or "relationships") file;
    raise HeaderError naming the first field that breaks the grammar."""
    if kind not in ("nodes", "relationships"):
        raise ValueError(kind)
    parsed = []
    counts: dict[str, int] = defaultdict(int)
    names: set[str] = set()
    for field in fields:
        match = _FIELD.match(field)
        if match is None or not field:
            raise HeaderError(f"{field!r}: not name, name:type or :TYPE")
        name, type_, group, array = match["name"], match["type"], match["group"], bool(match["array"])
        if type_ is None:
            type_ = "string"
        if type_ in _SPECIAL:
            if array:
                raise HeaderError(f"{field!r}: {type_} cannot be an array")
            if group and type_ not in ("ID", "START_ID", "END_ID"):
                raise HeaderError(f"{field!r}: only ID columns take an id group")
            allowed = {"ID", "LABEL", "IGNORE"} if kind == "nodes" else {"START_ID", "END_ID", "TYPE", "IGNORE"}
            if type_ not in allowed:
                raise HeaderError(f"{field!r}: {type_} does not belong in a {kind} file")
            if name and type_ not in ("ID", "IGNORE"):
                raise HeaderError(f"{field!r}: {type_} takes no property name")
            counts[type_] += 1
        else:
            if type_ not in TYPES:
                raise HeaderError(f"{field!r}: unknown type {type_!r}")
            if group:
                raise HeaderError(f"{field!r}: a property takes no id group")
            if not name:
                raise HeaderError(f"{field!r}: a property needs a name")
        if name:
            if name in names:
                raise HeaderError(f"{field!r}: property {name!r} appears twice")
            names.add(name)
        parsed.append((name, type_, group[1:-1] if group else None, array))
    # A relationship file's type could come from the command line instead; ours carry it in :TYPE.
    required = ("ID",) if kind == "nodes" else ("START_ID", "END_ID", "TYPE")
    for special in required:
        if counts[special] != 1:
            raise HeaderError(f"a {kind} file needs exactly one :{special} column, found {counts[special]}")
    for special in ("LABEL", "TYPE"):
        if counts[special] > 1:
            raise HeaderError(f":{special} appears {counts[special]} times")
    return parsed


def _check_value(value: str, type_: str, array: bool, array_delimiter: str) -> bool:
    if value == "":
        return True  # an empty field is an absent property
    for item in value.split(array_delimiter) if array else [value]:
        if type_ in ("int", "long", "byte", "short") and not re.fullmatch(r"-?\d+", item):
            return False
        if type_ in ("float", "double") and not re.fullmatch(r"-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?|NaN|-?Infinity", item):
            return False
        if type_ == "boolean" and item.lower() not in _BOOLEAN:
            return False
    return True


def check_import_folder(folder: Path, array_delimiter: str = ";") -> dict[str, int]:
    """Check every `nodes-*.csv` and `relationships-*.csv` file of `folder`: header grammar, row widths,
    typed values, unique node ids per group, relationships between existing nodes, a type on every
    relationship. Returns the number of rows per file; raises HeaderError / ValueError on the first
    problem."""
    ids: dict[str | None, set[str]] = defaultdict(set)
    rows_per_file: dict[str, int] = {}
    node_files = sorted(folder.glob("nodes-*.csv"))
    rel_files = sorted(folder.glob("relationships-*.csv"))
    if not node_files:
        raise ValueError(f"{folder}: no node files")
    for kind, files in (("nodes", node_files), ("relationships", rel_files)):
        for path in files:
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle)
                header = parse_header(next(reader), kind)
                count = 0
                for line, row in enumerate(reader, start=2):
                    if len(row) != len(header):
                        raise ValueError(f"{path.name}:{line}: {len(row)} fields, header has {len(header)}")
                    for value, (name, type_, group, array) in zip(row, header, strict=True):
                        if type_ == "ID":
                            if not value or value in ids[group]:
                                raise ValueError(f"{path.name}:{line}: missing or duplicate id {value!r}")
                            ids[group].add(value)
                        elif type_ in ("START_ID", "END_ID"):
                            if value not in ids[group]:
                                raise ValueError(f"{path.name}:{line}: {type_} {value!r} names no node")
                        elif type_ in ("TYPE", "LABEL"):
                            if not value:
                                raise ValueError(f"{path.name}:{line}: empty :{type_}")
                        elif type_ != "IGNORE" and not _check_value(value, type_, array, array_delimiter):
                            raise ValueError(f"{path.name}:{line}: {value!r} is not a {type_}{'[]' * array}")
                    count += 1
            rows_per_file[path.name] = count
    return rows_per_file

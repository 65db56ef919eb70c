"""The neo4j-admin import checker must be able to fail: it is tried on good and bad headers and rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.formats.neo4j_import_check import HeaderError, check_import_folder, parse_header


def test_accepts_the_header_forms_of_the_manual() -> None:
    assert parse_header(["id:ID(Paper)", ":LABEL", "title", "year:int", "tags:string[]", "score:double"],
                        "nodes")[0] == ("id", "ID", "Paper", False)
    assert parse_header([":ID", "name:string", "ok:boolean"], "nodes")[0] == ("", "ID", None, False)
    assert [f[1] for f in parse_header([":START_ID(Paper)", ":END_ID", ":TYPE", "pos:long"], "relationships")] \
        == ["START_ID", "END_ID", "TYPE", "long"]


@pytest.mark.parametrize(("fields", "kind"), [
    ([":LABEL", "name"], "nodes"),  # no :ID
    (["id:ID", "other:ID"], "nodes"),  # two ids
    (["id:ID", "value:decimal"], "nodes"),  # unknown type
    (["id:ID", ":long"], "nodes"),  # a property without a name
    (["id:ID", "name", "name:string"], "nodes"),  # a name twice
    (["id:ID", ":START_ID"], "nodes"),  # a relationship column in a node file
    (["id:ID", "tags:string[", ":LABEL"], "nodes"),  # malformed array
    (["id:ID", "x:LABEL"], "nodes"),  # :LABEL takes no name
    ([":START_ID", ":TYPE"], "relationships"),  # no :END_ID
    ([":START_ID", ":END_ID"], "relationships"),  # no :TYPE
    ([":START_ID", ":END_ID", ":TYPE", ":LABEL"], "relationships"),
    ([":START_ID", ":END_ID", ":TYPE", "w:int(Group)"], "relationships"),  # a group on a property
])
def test_refuses_bad_headers(fields: list[str], kind: str) -> None:
    with pytest.raises(HeaderError):
        parse_header(fields, kind)


def _folder(tmp_path: Path, nodes: str, rels: str) -> Path:
    (tmp_path / "nodes-Paper.csv").write_text(nodes, encoding="utf-8")
    (tmp_path / "relationships-CITES.csv").write_text(rels, encoding="utf-8")
    return tmp_path


def test_accepts_a_good_folder(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 'id:ID,:LABEL,n:long,tags:string[]\na,Paper,1,x;y\nb,Paper,,"q,r"\n',
                     ":START_ID,:END_ID,:TYPE\na,b,CITES\n")
    assert check_import_folder(folder) == {"nodes-Paper.csv": 2, "relationships-CITES.csv": 1}


@pytest.mark.parametrize(("nodes", "rels"), [
    ("id:ID,:LABEL,n:long\na,Paper,one\n", ":START_ID,:END_ID,:TYPE\n"),  # not a long
    ("id:ID,:LABEL\na,Paper\na,Paper\n", ":START_ID,:END_ID,:TYPE\n"),  # duplicate id
    ("id:ID,:LABEL\na,Paper\n", ":START_ID,:END_ID,:TYPE\na,zz,CITES\n"),  # dangling end
    ("id:ID,:LABEL\na,Paper,extra\n", ":START_ID,:END_ID,:TYPE\n"),  # row wider than header
    ("id:ID,:LABEL,ok:boolean\na,Paper,yes\n", ":START_ID,:END_ID,:TYPE\n"),  # not a boolean
])
def test_refuses_bad_rows(tmp_path: Path, nodes: str, rels: str) -> None:
    with pytest.raises(ValueError):
        check_import_folder(_folder(tmp_path, nodes, rels))

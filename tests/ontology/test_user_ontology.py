"""The user's ontology folder: loaded after the shipped files, swapped at run time, checked on load."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ontology.graph import OntologyFileError, use_user_ontology, user_ontology_files
from ontology.institutions import institution_registry

QUOKKA = """\
# no @prefix lines needed: the ontology's prefixes are declared for user files
org:quokka-robotics-institute a pg:ResearchInstitute ;
    skos:prefLabel "Quokka Robotics Institute"@en, "袋鼠机器人研究所"@zh ;
    skos:altLabel "QRI" ;
    pg:partOf org:tsinghua-university .
"""


@pytest.fixture(autouse=True)
def shipped_ontology_afterwards() -> Iterator[None]:
    yield
    use_user_ontology(None)


def test_additions_are_loaded_and_dropped(tmp_path: Path) -> None:
    (tmp_path / "mine.ttl").write_text(QUOKKA, encoding="utf-8")
    assert institution_registry().lookup("QRI") is None
    assert use_user_ontology(tmp_path)
    entry = institution_registry().lookup("QRI")
    assert entry is not None and entry.id == "inst:quokka-robotics-institute"
    assert institution_registry().lookup("袋鼠机器人研究所") == entry
    assert entry.parent_name == "Tsinghua University"
    assert not use_user_ontology(tmp_path)  # same folder, same files: nothing rebuilt
    assert user_ontology_files() == (tmp_path / "mine.ttl",)
    assert use_user_ontology(tmp_path / "missing")
    assert institution_registry().lookup("QRI") is None


def test_a_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "a-good.ttl").write_text(QUOKKA, encoding="utf-8")
    bad = tmp_path / "b-bad.ttl"
    bad.write_text('org:x a pg:University ;\n    skos:prefLabel "Unclosed@en .\n', encoding="utf-8")
    with pytest.raises(OntologyFileError) as error:
        use_user_ontology(tmp_path)
    assert str(error.value).startswith(f"{bad}:2: bad Turtle:")
    assert user_ontology_files() == ()  # the ontology stays as it was
    assert institution_registry().lookup("QRI") is None


def test_a_label_another_institution_holds_is_refused(tmp_path: Path) -> None:
    clash = tmp_path / "clash.ttl"
    clash.write_text(QUOKKA.replace('"QRI"', '"Tsinghua University"'), encoding="utf-8")
    with pytest.raises(OntologyFileError) as error:
        use_user_ontology(tmp_path)
    assert str(error.value).startswith(f"{clash}: ") and "Tsinghua University" in str(error.value)
    assert user_ontology_files() == ()
    assert institution_registry().lookup("Tsinghua University").id == "inst:tsinghua-university"

"""Ids: distinct names in any script stay distinct, the same name always gives the same id."""

from __future__ import annotations

from graph.ids import entity_id, normalise_title, paper_id, report_id, slug

NAMES = ["서울대학교", "한양대학교", "ソニー株式会社", "ソニー", "ゾニー", "東京大学", "トヨタ自動車株式会社",
         "МГУ", "МФТИ", "Московский государственный университет", "йод", "иод", "Δ-DiT", "Λ-DiT"]


def test_names_in_korean_japanese_and_cyrillic_keep_distinct_ids() -> None:
    ids = [entity_id("inst", name) for name in NAMES]
    assert len(set(ids)) == len(NAMES)
    assert entity_id("inst", "서울대학교") == "inst:서울대학교"
    assert entity_id("inst", "ソニー株式会社") == "inst:ソニー株式会社"  # kana kept beside the kanji
    assert entity_id("inst", "МГУ") == "inst:мгу"
    assert entity_id("inst", "Московский государственный университет") == \
        "inst:московский-государственный-университет"


def test_ids_are_stable_across_forms_of_the_same_name() -> None:
    assert [entity_id("inst", name) for name in NAMES] == [entity_id("inst", name) for name in NAMES]
    assert slug("ＭＧＵ") == slug("mgu") and slug("ｿﾆｰ") == slug("ソニー")  # width folded (NFKC)
    assert slug("Мгу") == slug("МГУ")  # case folded in every script


def test_ascii_chinese_and_accented_latin_ids_are_what_they_always_were() -> None:
    assert entity_id("inst", "Shanghai Jiao Tong University") == "inst:shanghai-jiao-tong-university"
    assert entity_id("hw", "NVIDIA RTX 5090") == "hw:nvidia-rtx-5090"
    assert entity_id("model", "Qwen2.5-7B+") == "model:qwen2-5-7bplus"
    assert entity_id("inst", "ETH Zürich") == "inst:eth-zurich"
    assert entity_id("inst", "École Polytechnique") == "inst:ecole-polytechnique"
    assert entity_id("inst", "上海交通大学 (SJTU)") == "inst:上海交通大学-sjtu"


def test_a_name_without_letters_gets_its_own_hash_never_a_shared_id() -> None:
    assert slug("---") != slug("***") and slug("---").startswith("_")
    assert "unnamed" not in slug("…")
    assert slug("---") == slug("---")


def test_titles_in_other_scripts_keep_their_letters() -> None:
    assert normalise_title("서울 캐시: 빠른 추론") == "서울 캐시 빠른 추론"
    assert paper_id("서울 캐시", "") != paper_id("부산 캐시", "")
    assert paper_id("Быстрый вывод", "") != paper_id("Медленный вывод", "")
    assert normalise_title("Fast  Decoding: A Study!") == "fast decoding a study"
    assert normalise_title("量化：一种方法") == "量化 一种方法"


def test_report_id_is_the_stem_plus_its_generation_date() -> None:
    assert report_id("2025-10-15/weekly.md", "2025-10-15T09:00:00") == "report:weekly-2025-10-15"
    assert report_id("2025-10-22/weekly.md", "2025-10-22") == "report:weekly-2025-10-22"
    # A stem that already names its date keeps it once, in either spelling.
    assert report_id("ai-inference-acceleration-2025-10-15.md", "2025-10-15T18:50:54") == \
        "report:ai-inference-acceleration-2025-10-15"
    assert report_id("weekly_20251015.md", "2025-10-15") == "report:weekly-20251015"
    assert report_id("weekly.md", None) == "report:weekly"  # no date: the stem alone

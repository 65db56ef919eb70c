"""Institution extraction from a paper's details line and brief, resolved against the registry."""

import pytest

from ingest.institutions import extract_institutions, split_institution_line
from ingest.report import PaperRecord
from ontology.institutions import normalise_name


def paper(institutions: str = "", brief: str = "") -> PaperRecord:
    return PaperRecord(index=1, heading_line=1, raw_title="T", title="T", brief=brief, brief_line=2,
                       institutions_raw=institutions, institutions_line=3, author_count=2, abstract="A",
                       abstract_line=4)


def names(record: PaperRecord) -> list[str]:
    return [i.name for i in extract_institutions(record)]


def test_split_reattaches_corporate_suffixes_and_drops_footnotes():
    assert split_institution_line("University of California, Apple, Inc") == ["University of California",
                                                                            "Apple Inc"]
    assert split_institution_line("Purdue University, Institute X *Equal Contribution, Dept of CS") == \
        ["Purdue University", "Institute X", "Dept of CS"]
    assert split_institution_line("Fudan University (ISTBI), Lab (Shanghai, China)") == \
        ["Fudan University (ISTBI)", "Lab (Shanghai, China)"]


def test_departments_labs_places_and_authors_roll_up_or_drop():
    assert names(paper("Dept of Medical Physics & Biomedical Engineering, University College London")) == \
        ["University College London"]
    assert names(paper("School of Computing, KAIST, Seoul")) == ["Korea Advanced Institute of Science and Technology"]
    assert names(paper("Sun Yat-sen University Guangzhou, CSE, Xianwei Zhang, Tianming Xu")) == \
        ["Sun Yat-sen University"]
    assert names(paper("Nanyang Technological University, ARC Lab, Equal contribution. Project")) == \
        ["Nanyang Technological University"]
    assert names(paper("Zheqi Lv Juncheng Li Siliang Tang")) == []


def test_sub_unit_followed_by_parent_is_one_organisation():
    (inst,) = extract_institutions(paper("DL, Institute of Automation, Chinese Academy of Sciences"))
    assert inst.name == "Institute of Automation, Chinese Academy of Sciences"
    assert inst.parent_name == "Chinese Academy of Sciences" and inst.parent == "inst:chinese-academy-of-sciences"


def test_run_together_names_are_found_inside_the_text():
    assert names(paper("Khoury College of Computer Sciences Northeastern University Boston")) == \
        ["Northeastern University"]
    assert names(paper("Huawei Noah's Ark Lab UCL Centre for Artificial Intelligence")) == \
        ["Huawei Noah's Ark Lab", "University College London"]


def test_truncated_and_misspelt_names_are_repaired_only_when_unambiguous():
    assert names(paper("University of Notre")) == ["University of Notre Dame"]
    assert names(paper("Tsinghua University, Tsinghua Univeristy")) == ["Tsinghua University"]
    (unknown,) = extract_institutions(paper("University of Central"))
    assert unknown.resolved is False and unknown.name == "University of Central"
    assert unknown.id == "inst:university-of-central"


def test_chinese_brief_names_merge_into_the_details_organisation():
    (inst,) = extract_institutions(paper("Shanghai Jiao Tong University", "上海交通大学发布了X论文，使用Y技术"))
    assert inst.id == "inst:shanghai-jiao-tong-university" and "上海交通大学" in inst.aliases
    assert inst.country == "CN" and inst.resolved


def test_brief_fills_in_when_details_are_empty_and_placeholders_are_ignored():
    assert names(paper("", "香港科技大学、阿里云发布了X论文")) == ["The Hong Kong University of Science and Technology",
                                                         "Alibaba Cloud"]
    assert names(paper("", "研究团队发布了X论文")) == []
    assert names(paper("", "[主要机构]发布了[论文标题]论文")) == []
    unknown = extract_institutions(paper("", "火星大学发布了X论文"))
    assert [(i.name, i.resolved) for i in unknown] == [("火星大学", False)]


def test_mistranslated_brief_loses_to_the_details_line():
    (inst,) = extract_institutions(paper("Khoury College of Computer Sciences Northeastern University Boston",
                                         "东北大学发布了论文，使用电路蒸馏技术"))
    assert inst.name == "Northeastern University" and inst.country == "US"
    assert "东北大学" in inst.aliases


def test_unknown_chinese_name_aligns_with_the_only_unmatched_details_organisation():
    insts = extract_institutions(paper("Tsinghua University, Zorblax Research Institute",
                                       "清华大学与佐布拉克斯研究院发布了X论文"))
    assert [i.name for i in insts] == ["Tsinghua University", "Zorblax Research Institute"]
    assert "佐布拉克斯研究院" in insts[1].aliases and not insts[1].resolved


def test_subsidiary_keeps_its_parent_link_and_parent_is_not_duplicated():
    insts = extract_institutions(paper("Alibaba Cloud Computing, Alibaba Group", "阿里巴巴发布了X论文"))
    assert [i.name for i in insts] == ["Alibaba Cloud"]
    assert insts[0].parent_name == "Alibaba Group"


def test_names_in_other_scripts_are_kept_whole_and_apart():
    insts = extract_institutions(paper("서울대학교, カラス株式会社, МГУ"))
    assert [(i.name, i.resolved) for i in insts] == [("서울대학교", False), ("カラス株式会社", False),
                                                     ("МГУ", False)]
    assert len({i.id for i in insts}) == 3


def test_brief_name_aligns_with_the_only_unmatched_details_name_in_another_script():
    (sony,) = extract_institutions(paper("ソニー株式会社", "索尼发布了X论文"))
    assert sony.id == "inst:sony" and {"ソニー株式会社", "索尼"} <= set(sony.aliases)
    insts = extract_institutions(paper("Tsinghua University, 서울대학교", "清华大学与首尔大学发布了X论文"))
    assert [i.name for i in insts] == ["Tsinghua University", "Seoul National University"]
    assert "서울대학교" in insts[1].aliases
    # Two registered organisations are never merged into one, whatever the counts.
    assert names(paper("Tsinghua University", "北京大学发布了X论文")) == ["Tsinghua University", "Peking University"]


def test_kana_voicing_marks_and_hangul_syllables_keep_names_apart():
    assert names(paper("カラス株式会社, ガラス株式会社")) == ["カラス株式会社", "ガラス株式会社"]
    assert normalise_name("ゾニー") != normalise_name("ソニー") and normalise_name("서울") == "서울"
    assert normalise_name("The ETH Zürich") == normalise_name("eth zurich")


def test_places_and_address_parts_from_the_ontology_and_by_shape_are_no_organisations():
    record = paper("Quokka Robotics Institute, Yongin-si, Gyeonggi-do, Republic of Korea; "
                   "Wombat Systems Inc., Cupertino, CA, USA; Numbat University, Haidian District, Beijing")
    assert names(record) == ["Quokka Robotics Institute", "Wombat Systems", "Numbat University"]
    # a Japanese or Chinese city or prefecture named by its administrative suffix alone
    record = paper("株式会社クオッカ研究所, 和光市, 埼玉県; 袋熊大学, 绵阳市")
    assert names(record) == ["株式会社クオッカ研究所", "袋熊大学"]


def test_a_named_school_of_a_university_rolls_up():
    record = paper("University of Washington, Paul G. Allen School of Computer Science & Engineering, Seattle, WA")
    assert names(record) == ["University of Washington"]


def test_a_native_name_glossed_in_latin_letters_is_known_by_the_latin_name():
    record = paper("Quokka Kabushiki (Quokka KK), Вомбат Лаб (Wombat Lab), Москва, 東京, 日本")
    insts = extract_institutions(record)
    assert [i.name for i in insts if i.name.startswith("Wombat")] == ["Wombat Lab"]
    assert "Вомбат Лаб" in next(i for i in insts if i.name == "Wombat Lab").aliases
    assert not {"Москва", "東京", "日本"} & {i.name for i in insts}


def test_a_legal_form_in_any_script_does_not_hide_a_registered_company():
    (sony,) = extract_institutions(paper("ソニーグループ株式会社"))
    assert sony.id == "inst:sony"


def test_units_of_an_organisation_and_noise_in_affiliation_lines():
    assert names(paper("University of California, Berkeley, Sky Computing Lab, Correspondence to")) == [
        "University of California, Berkeley"]
    assert names(paper("GenAI at Meta")) == ["Meta"]


def test_units_abbreviations_and_addresses_in_parentheses_and_native_script():
    record = paper("Quokka Univ (Department of Computer Science), USA (Wombat team), "
                   "Numbat Computer Science Institute (NCSI), Beijing 100084, 東京都港区")
    insts = extract_institutions(record)
    assert [i.name for i in insts] == ["Quokka Univ", "Numbat Computer Science Institute"]
    assert "NCSI" in insts[1].aliases


def test_a_joint_lab_named_after_two_parents_is_one_organisation() -> None:
    assert names(paper("Stanford-Intel Visual Computing Lab")) == ["Stanford-Intel Visual Computing Lab"]


def test_a_city_between_an_organisation_and_its_region_is_no_organisation() -> None:
    assert names(paper("Example Polytechnic University, Springvale, BC, Canada")) == [
        "Example Polytechnic University"]
    assert names(paper("Huawei Cloud, DeepFlowAI, Beijing, China"))[-1] == "DeepFlowAI"  # a brand stays


def test_joint_labs_and_national_laboratories_are_organisations_of_their_own() -> None:
    assert names(paper("Princeton University, MIT-IBM Watson AI Lab")) == ["Princeton University",
                                                                          "MIT-IBM Watson AI Lab"]
    assert names(paper("UC Berkeley, Lawrence Berkeley National Laboratory")) == [
        "University of California, Berkeley", "Lawrence Berkeley National Laboratory"]


def test_two_word_companies_and_academies_are_not_author_names() -> None:
    assert names(paper("Academia Sinica, Brave Software, Jane Doe")) == ["Academia Sinica", "Brave Software"]


def test_places_and_units_in_other_scripts_and_places_in_parentheses() -> None:
    record = paper("Квокка институт (КВИ), Долгопрудный; Numbat University (Chicago, IL); "
                   "웜뱃대학교, 전산학부, 수원; Wombat Labs (横浜市); Example University, Institut für Informatik")
    insts = extract_institutions(record)
    assert [i.name for i in insts] == ["Квокка институт", "Numbat University", "웜뱃대학교", "Wombat Labs",
                                       "Example University"]
    assert "КВИ" in insts[0].aliases


def test_a_chinese_name_that_holds_a_registered_one_after_more_characters_is_another_organisation() -> None:
    record = paper("Washington University in St. Louis, Harvard University",
                   brief="圣路易斯华盛顿大学与哈佛大学发布了X论文")
    assert names(record) == ["Washington University in St. Louis", "Harvard University"]
    # a country before the name is only where it stands
    assert names(paper("", brief="美国麻省理工学院发布了X论文")) == ["Massachusetts Institute of Technology"]


def test_laboratories_known_by_their_abbreviation_alone_are_organisations() -> None:
    assert names(paper("University of California, Berkeley, ICSI, LBNL")) == [
        "University of California, Berkeley", "International Computer Science Institute",
        "Lawrence Berkeley National Laboratory"]


def test_the_ministry_accrediting_a_key_laboratory_is_no_affiliation():
    found = names(paper("Key Laboratory of Intelligent Sensing, Ministry of Education of China, Anhui Polytechnic"))
    assert not any("Ministry" in name for name in found) and found


def test_cities_and_states_written_in_their_own_language_are_places():
    assert names(paper("Uniwersytet Łódzki, Warszawa, Iowa State University, Ames, Iowa")) == [
        "Uniwersytet Łódzki", "Iowa State University"]


@pytest.mark.parametrize("line", [
    "Technische Universität Kappa, München, Deutschland",
    "Universidade Kappa, Departamento de Computação, Brasil",
    "Università Kappa, Milano, Italia",
    "Kappa Institut, Wien, Österreich",
])
def test_countries_and_cities_in_their_own_language_are_places(line: str) -> None:
    assert len(names(paper(line))) == 1


def test_a_chinese_city_named_alone_is_a_place_not_an_organisation() -> None:
    assert names(paper("南京, Kappa University")) == ["Kappa University"]


def test_a_laboratory_or_centre_beside_its_university_rolls_up_into_it():
    found = names(paper("Coordinated Robotics Laboratory, University of Michigan, "
                        "Signal Processing Research Center, Tsinghua University"))
    assert not any("Laboratory" in name or "Center" in name for name in found) and len(found) == 2


@pytest.mark.parametrize("line", [
    "MoE Key Lab of Kappa Intelligence, Shanghai Jiao Tong University",
    "Guangdong Key Laboratory of Kappa Sensing, Sun Yat-sen University",
])
def test_a_ministry_s_or_province_s_key_lab_beside_its_university_is_a_unit(line: str) -> None:
    assert len(names(paper(line))) == 1


def test_traditional_characters_and_kanji_find_the_registered_simplified_name():
    # A details line in traditional characters or Japanese kanji, a brief in simplified ones: one organisation.
    record = paper("東京大学, 國立臺灣大學電機工程學系", "东京大学与国立台湾大学发布了X论文")
    insts = extract_institutions(record)
    assert [(i.name, i.resolved) for i in insts] == [("The University of Tokyo", True),
                                                     ("National Taiwan University", True)]
    assert normalise_name("清華大學") == normalise_name("清华大学")


def test_street_addresses_postcodes_after_a_city_and_accented_towns_are_no_organisations():
    record = paper("Zorblax Research, Säumerstrasse 4, Rüschlikon, Switzerland; Numbat College, "
                   "London SW7 2AZ, United Kingdom; Quokka Labs, St. Gallen, Switzerland; "
                   "Wombat Systems, 12 Marsupial Avenue, Jülich, Germany")
    assert sorted(names(record)) == ["Numbat College", "Quokka Labs", "Wombat Systems", "Zorblax Research"]
    # one word and a short number: a street and its house number, a town and its three-digit postcode
    assert names(paper("Numbat Institute, Sand 1, 72076 Tübingen, Germany; Quokka Center, Taipei 115, Taiwan")) == [
        "Numbat Institute", "Quokka Center"]


def test_a_city_before_a_registered_university_name_names_another_university():
    # 电子科技大学 is registered; 成都 + it is another university, 美国 + a registered name is that one.
    insts = extract_institutions(paper("Chengdu Numbat University", "成都电子科技大学发布了X论文"))
    assert [(i.name, i.resolved) for i in insts] == [("Chengdu Numbat University", False)]
    assert "成都电子科技大学" in insts[0].aliases
    assert names(paper("", "美国麻省理工学院发布了X论文")) == ["Massachusetts Institute of Technology"]
    # the same in traditional characters, which the registry's keys fold to simplified ones
    assert [i.resolved for i in extract_institutions(paper("", "成都電子科技大學发布了X论文"))] == [False]


def test_a_name_in_its_own_language_in_parentheses_is_the_same_organisation():
    (quokka,) = extract_institutions(paper("Quokka University of Technology (Politechnika Kwokkowa)"))
    assert quokka.name == "Quokka University of Technology" and "Politechnika Kwokkowa" in quokka.aliases
    (bilby,) = extract_institutions(paper("Bilby Vision Center (Centre de Visió Bilby)"))
    assert bilby.name == "Bilby Vision Center" and "Centre de Visió Bilby" in bilby.aliases
    (tampa,) = extract_institutions(paper("Quokka University (Quokkan yliopisto)"))  # Finnish: university
    assert tampa.name == "Quokka University" and "Quokkan yliopisto" in tampa.aliases
    # an English name in parentheses may be a parent or a partner: not taken as the same organisation
    assert names(paper("Numbat Lab (Wombat University)")) == ["Numbat Lab (Wombat University)"]


def test_a_city_is_not_completed_to_a_university_named_after_it():
    # "New York" would complete to the registered "New York University"; in an address it is the city
    assert names(paper("Wombat Systems Inc., New York, NY")) == ["Wombat Systems"]


def test_korean_districts_and_us_state_postcodes_are_addresses():
    record = paper("주식회사 웜뱃, 성남시 분당구, 쿼카연구, 서울 강남구; Numbat College, College Park, MD 20742")
    assert names(record) == ["주식회사 웜뱃", "쿼카연구", "Numbat College"]
    # an Australian town and state, and a postcode after them
    assert names(paper("Numbat College, Wombatville VIC 3800, Australia")) == ["Numbat College"]
    # a Korean road and its number, and a Canadian postcode after the country
    assert names(paper("Quokka Institute of Science, 123 Wombat-ro, Bilby-gu, Daejeon")) == ["Quokka Institute of Science"]
    assert names(paper("Numbat College, Wombatville, ON, Canada N3K 2B7")) == ["Numbat College"]



def test_a_unit_named_for_a_list_of_fields_is_one_unit_not_several_organisations():
    line = "Centre for Vision, Sound and Wombat Studies (CVSWS), Numbat University, Bilbyton, UK"
    assert split_institution_line(line)[0] == "Centre for Vision, Sound and Wombat Studies (CVSWS)"
    assert names(paper(line)) == ["Numbat University"]


def test_a_name_in_another_script_after_the_english_one_of_the_same_kind_is_an_alias():
    (quokka,) = extract_institutions(paper("Quokka University of Science, جامعة كوكا للعلوم"))
    assert quokka.name == "Quokka University of Science" and "جامعة كوكا للعلوم" in quokka.aliases
    (numbat,) = extract_institutions(paper("Numbat Institute of Technology, מכון נומבט"))
    assert "מכון נומבט" in numbat.aliases
    # a list of organisations in mixed scripts names different ones: not the same kind, or no kind at all
    assert len(names(paper("Wombat Research, 쿼카대학교"))) == 2
    assert len(names(paper("Bilby Labs, Квокка"))) == 2
    # a semicolon ends one organisation; a registered one of a country that does not write the script is another
    assert len(names(paper("Numbat University; 쿼카대학교"))) == 2
    assert len(names(paper("Tsinghua University, 쿼카대학교"))) == 2
    # a company's own-language name often says no kind, and a company has offices in other countries
    (wombat,) = extract_institutions(paper("Wombat Inc., 웜뱃, Seoul"))
    assert wombat.name == "Wombat" and "웜뱃" in wombat.aliases
    (intel,) = extract_institutions(paper("Intel Corporation, АО «Интел», Нижний Новгород"))
    assert intel.name == "Intel" and "АО «Интел»" in intel.aliases


def test_unlisted_towns_before_a_known_country_in_parentheses_are_an_address():
    assert names(paper("Wombat Systems (Quokkaville, Israel)")) == ["Wombat Systems"]


def test_a_japanese_graduate_school_or_division_alone_is_a_unit():
    assert names(paper("Wombat University, 情報学研究科")) == ["Wombat University"]
    assert names(paper("Wombat University, 情報科学領域")) == ["Wombat University"]


def test_a_registered_company_s_own_research_lab_is_the_company():
    assert names(paper("Huawei Quokka Research Institute, Shandong University")) == ["Huawei", "Shandong University"]
    assert names(paper("Intel Wombat Labs")) == ["Intel"]
    # an unknown company's institute stays an organisation of its own
    assert "Quokka Systems Research Institute" in names(paper("Quokka Systems Research Institute"))


def test_an_institute_written_beside_a_registered_university_is_its_unit():
    assert names(paper("Quokka Studies Institute, Carnegie Mellon University, Pittsburgh")) == ["Carnegie Mellon University"]
    assert names(paper("Tsinghua University, Institute for Wombat Science")) == ["Tsinghua University"]
    # research institutes and institutes named after their city are organisations of their own
    assert len(names(paper("Quokka Research Institute, Carnegie Mellon University"))) == 2
    assert len(names(paper("Shanghai Wombat Institute, Tsinghua University"))) == 2


def test_a_company_s_labs_named_together_or_beside_the_company_are_the_company():
    (nvidia,) = extract_institutions(paper("NVIDIA Research, Santa Clara, NVIDIA"))
    assert nvidia.name == "NVIDIA" and "NVIDIA Research" in nvidia.aliases
    # a subsidiary with an identity of its own is not its parent's lab: Google DeepMind beside Google Research
    deepmind_and_research = extract_institutions(paper("Google DeepMind, London; Google Research, Mountain View"))
    assert [(i.name, i.parent_name) for i in deepmind_and_research] == [
        ("Google DeepMind", "Google"), ("Google Research", "Google")]
    (meta,) = extract_institutions(paper("Meta Quokka Lab, Meta, Menlo Park"))
    assert meta.name == "Meta" and "Meta Quokka Lab" in meta.aliases
    # a lab named alone stays the lab, linked to its company
    (deepmind,) = extract_institutions(paper("Google DeepMind, London"))
    assert deepmind.name == "Google DeepMind" and deepmind.parent_name == "Google"


@pytest.mark.parametrize("address", ["75431 Wombatville", "8123 Zürichsee", "20011 San Numbato", "Numbat 3200123",
                                     "Wombat 380-8553", "3 rue des Quokkas", "Via Bilby 12", "Paseo de Numbat 170",
                                     "1200 Quokka Parkway", "1 Wombatopolis Place", "#05-12 Nexus Tower",
                                     # an Australian state and postcode, a Canadian postcode, a Japanese block
                                     # number before its town, a Dutch street and its number
                                     "ACT 2613", "BC V5K 0A1", "5-3-2 Numbat-cho", "Wombatlaan 7", "Kasteelpark Bilby 12",
                                     # a French postcode with its country's letter, a French street, an American
                                     # street with its direction, a Catalan street with no number
                                     "F-75431", "CH-8123 Wombatville", "4 Place Quokka", "6045 S Bilby Ave",
                                     "Camí de Numbat s/n"])
def test_postcodes_before_a_town_street_numbers_and_unit_numbers_are_addresses(address: str) -> None:
    assert names(paper(f"Numbat Research, {address}, Germany")) == ["Numbat Research"]


def test_a_lab_at_an_organisation_and_a_university_joined_by_an_ampersand() -> None:
    assert names(paper("KAPN Labs @ University of Numbat & UIUC; Quokka AI Research (QAR)")) == [
        "University of Numbat", "University of Illinois Urbana-Champaign", "Quokka AI Research"]
    # two labs of one institute joined by "&" stay that institute's units
    found = names(paper("CRIPAC & MAIS, Institute of Automation, Chinese Academy of Sciences"))
    assert "CRIPAC" not in found and "MAIS" not in found


def test_organisations_with_a_number_or_a_street_word_in_their_name_are_not_addresses() -> None:
    assert names(paper("Via Numbat Technologies, Quokka 360")) == ["Via Numbat Technologies", "Quokka 360"]


def test_the_english_name_and_its_own_language_name_in_parentheses_in_either_order_are_one_organisation() -> None:
    (numbat,) = extract_institutions(paper("Numbat Ekonomi Üniversitesi (Numbat University of Economics), Ankara"))
    assert numbat.name == "Numbat University of Economics" and "Numbat Ekonomi Üniversitesi" in numbat.aliases
    (wombat,) = extract_institutions(paper("Wombat University (Wombats universitet)"))
    assert wombat.name == "Wombat University" and "Wombats universitet" in wombat.aliases
    (bilby_tech,) = extract_institutions(paper("Bilby University of Technology (Bilby tekniska högskola)"))
    assert bilby_tech.name == "Bilby University of Technology" and "Bilby tekniska högskola" in bilby_tech.aliases
    # a dash is no letter: the English name with one is still in Latin script, its Hebrew name is not
    (quokka,) = extract_institutions(paper("Quokka – Institute of Technology (קווקה – מכון טכנולוגי)"))
    assert quokka.name == "Quokka – Institute of Technology" and "קווקה – מכון טכנולוגי" in quokka.aliases
    # an abbreviation with digits after a name is the name's abbreviation
    (bilby,) = extract_institutions(paper("Bilby Institute (BI-14)"))
    assert bilby.name == "Bilby Institute" and "BI-14" in bilby.aliases


def test_an_unknown_acronym_before_a_university_within_one_affiliation_is_its_unit() -> None:
    assert names(paper("WMBT-LAB, Numbat University, 33619 Numbatville, Germany; Bilby Labs")) == [
        "Numbat University", "Bilby Labs"]
    # acronyms in a row before a university and its town, in a line of commas only
    assert names(paper("QLAB, WMBT, Numbat University, Belgium, Bilby Semiconductors, the Netherlands")) == [
        "Numbat University", "Bilby Semiconductors"]
    # a university the registry knows, named without the word
    assert names(paper("WMBTQ, ETH Zurich, Switzerland; Bilby Robotics")) == ["ETH Zurich", "Bilby Robotics"]
    assert names(paper("WMBTQ, MIT, Cambridge, USA; Bilby Robotics")) == ["Massachusetts Institute of Technology",
                                                                         "Bilby Robotics"]
    # in a plain list of affiliations the acronym is an organisation of its own
    assert names(paper("WOMBIX, Numbat University")) == ["WOMBIX", "Numbat University"]
    assert names(paper("WOMBIX, Numbat University; Bilby Labs")) == ["WOMBIX", "Numbat University", "Bilby Labs"]


def test_a_company_s_legal_form_in_any_language_is_no_author_name() -> None:
    (numbat,) = extract_institutions(paper("Numbat Srl, Roma, Italia"))
    assert numbat.name == "Numbat" and "Numbat Srl" in numbat.aliases
    assert names(paper("Bilby B.V., Amsterdam")) == ["Bilby"]


def test_chairs_and_units_written_with_their_abbreviation_roll_up() -> None:
    assert names(paper("Chair of Numbat Systems, Bilby University, Germany")) == ["Bilby University"]
    assert names(paper("Numbat Geometry Group (NGG), Department of Engineering Science, University of Oxford")) == [
        "University of Oxford"]
    # a department's name cut at its commas
    assert names(paper("Department of Electrical, Numbat and Information Engineering (DNIE), Bilby University")) == [
        "Bilby University"]
    # an acronym, then a department, then the university
    assert names(paper("NMBT, Department of Electrical Engineering (ESAT), KU Leuven, Kasteelpark Bilby 10, "
                       "3001 Leuven, Belgium")) == ["KU Leuven"]
    # a Catalan university name, with its acronym unit before it and its street after it
    assert names(paper("WMBT, Universitat Politècnica de Numbat (UPN), Camí de Bilby s/n, 46022 Numbat, Spain")) == [
        "Universitat Politècnica de Numbat"]


def test_an_institute_or_centre_named_right_before_its_university_is_its_unit() -> None:
    assert names(paper("Numbat Institute of Computer Technology, Peking University, Beijing 100871, China")) == [
        "Peking University"]
    assert names(paper("Bilby Centre for the Future of Wombats, University of Cambridge, UK")) == [
        "University of Cambridge"]
    # after another organisation in a list, or named as a university is, it is an organisation of its own
    assert names(paper("University of Cambridge, Bilby Centre for Wombats, Peking University")) == [
        "University of Cambridge", "Bilby Centre for Wombats", "Peking University"]
    assert names(paper("Numbat Institute of Technology, Peking University")) == [
        "Numbat Institute of Technology", "Peking University"]


def test_units_roll_up_into_a_university_the_registry_does_not_know_named_after_them() -> None:
    assert names(paper("Numbat Laboratory, Faculty of Physics, Bilby University, Greece")) == ["Bilby University"]
    assert names(paper("WMBT Lab, Institute for Wombats, Johannes Bilby Universität Linz, Austria")) == [
        "Johannes Bilby Universität Linz"]
    # a lab after the university is no unit of it
    assert names(paper("Bilby University, Numbat Labs")) == ["Bilby University", "Numbat Labs"]


def test_a_lab_alone_in_its_affiliation_is_an_organisation() -> None:
    assert names(paper("Numbat Lab, Hangzhou; Zhejiang University")) == ["Zhejiang University", "Numbat Lab"]
    # of labs and centres alone in one affiliation, the last is the organisation
    assert names(paper("Institute of Wombats, Numbat Comprehensive Science Center; Peking University")) == [
        "Peking University", "Numbat Comprehensive Science Center"]
    # a lab in an organisation's affiliation is its unit
    assert names(paper("Numbat Lab, Zhejiang University; Peking University")) == [
        "Zhejiang University", "Peking University"]


def test_a_team_in_parentheses_after_a_place_is_no_organisation() -> None:
    assert names(paper("Microsoft Corporation, Redmond, WA, USA (Numbat)")) == ["Microsoft"]


def test_cnrs_is_registered_beside_a_university() -> None:
    assert names(paper("Numbat Université, CNRS, F-75431 Paris")) == ["Numbat Université", "CNRS"]


def test_towns_and_prefectures_of_the_gazetteer_are_places() -> None:
    assert names(paper("Numbat Research, Wako, Saitama, Japan")) == ["Numbat Research"]
    assert names(paper("Bilby University, Jinhua, Numbat Labs, Kgs. Lyngby, Denmark")) == [
        "Bilby University", "Numbat Labs"]
    assert names(paper("Wombat Institute (新竹)")) == ["Wombat Institute"]


def test_a_plain_word_opening_an_affiliation_before_its_town_is_the_organisation() -> None:
    assert names(paper("Bilby University, Kyoto; Numbat, Genova, Italy")) == ["Bilby University", "Numbat"]
    assert names(paper("Bilby University, Burnaby, BC, Canada")) == ["Bilby University"]
    assert names(paper("Bilby University, Marina del Wombat, CA")) == ["Bilby University"]  # with its particle


@pytest.mark.parametrize("line", [
    "Wombat Systems, Sunnyvale, CA / Toronto, ON",
    "Numbat Lab, Shenzhen / Hong Kong",
    "Wombat Institute, 東京都三鷹市 (Mitaka-shi, Tokyo 181-8585), Japan",
    "Wombat Institute, Spreeufer 12, 10178 Berlin, Germany",
    "Wombat Institute, Science Park Campus 14, 5656 AE Eindhoven, the Netherlands",
])
def test_places_joined_by_a_slash_glossed_addresses_and_street_numbers_are_no_organisations(line: str) -> None:
    assert names(paper(line)) == [line.split(",")[0]]


def test_a_corporate_suffix_with_a_gloss_joins_its_company() -> None:
    assert split_institution_line("Numbat Research, Inc. (ナンバット), Sunnyvale, CA")[0] == "Numbat Research Inc. (ナンバット)"


def test_a_unit_named_for_a_list_of_fields_with_a_serial_comma_is_one_unit():
    line = "Department of Electrical, Computer, and Energy Engineering, Numbat University, Bilby, NY, USA"
    assert names(paper(line)) == ["Numbat University"]
    assert split_institution_line("Department for AI in Music, Art, and Design, Numbat Institute")[0] == \
        "Department for AI in Music, Art, and Design"
    # a university after a department is no field of its list
    assert split_institution_line("Department of Physics, Numbat University, and Bilby Institute")[:2] == [
        "Department of Physics", "Numbat University"]


def test_a_thrust_is_a_unit_and_a_suburb_before_an_australian_state_a_place():
    assert names(paper("Quokka Systems Thrust, Numbat University, Guangzhou, China")) == ["Numbat University"]
    assert names(paper("Numbat University, Wombatville, NSW, Australia")) == ["Numbat University"]


def test_a_joint_lab_listed_before_its_parent_university_is_its_unit_there():
    assert names(paper("Tsinghua-Wombat Joint AI Center, Tsinghua University, Beijing, China")) == ["Tsinghua University"]
    # alone in its affiliation, a joint lab is an organisation of its own
    assert names(paper("Numbat-IBM Watson AI Lab, Cambridge; Tsinghua University")) == [
        "Numbat-IBM Watson AI Lab", "Tsinghua University"]


def test_a_registered_company_with_a_two_word_name_is_no_author():
    assert names(paper("Graphcore Research, Bristol, UK; Aleph Alpha, Heidelberg, Germany"))[-1] == "Aleph Alpha"
    assert names(paper("The Swiss AI Lab IDSIA, Lugano, Switzerland")) == ["IDSIA"]


def test_a_group_named_by_a_proper_name_is_a_company_and_by_a_field_a_research_group():
    assert names(paper("Quokkadia Group, Shanghai, China; Tsinghua University")) == ["Quokkadia Group", "Tsinghua University"]
    assert names(paper("Zhejiang University, Quokkadia Group, Nanyang Technological University")) == [
        "Zhejiang University", "Quokkadia Group", "Nanyang Technological University"]
    assert names(paper("Vision Group, Tsinghua University")) == ["Tsinghua University"]


def test_a_lab_named_by_a_proper_name_is_an_organisation_and_by_a_field_a_unit():
    assert names(paper("South China University of Technology, Quokkadia Lab, Peking University")) == [
        "South China University of Technology", "Quokkadia Lab", "Peking University"]
    assert names(paper("Quokkadia AI Lab, Shenzhen, City University of Hong Kong")) == [
        "Quokkadia AI Lab", "City University of Hong Kong"]
    assert names(paper("Vision Lab, Tsinghua University")) == ["Tsinghua University"]


def test_a_registered_university_s_name_going_on_with_fields_is_another_university():
    assert names(paper("School of AI, Peking University of Wombat Science and Technology, Beijing")) == [
        "Peking University of Wombat Science and Technology"]
    assert names(paper("Peking University, Beijing")) == ["Peking University"]


def test_a_misspelling_never_changes_the_city_in_a_name():
    assert names(paper("Nanjing University of Posts and Telecommunications")) == [
        "Nanjing University of Posts and Telecommunications"]
    assert names(paper("Beijing Univeristy of Posts and Telecommunications")) == [
        "Beijing University of Posts and Telecommunications"]


def test_a_campus_named_with_its_system_and_abbreviation_is_the_campus():
    assert names(paper("University of California, Berkeley; University of California, San Francisco (UCSF)")) == [
        "University of California, Berkeley", "University of California, San Francisco"]
    assert names(paper("Dept. of CSE, University at Buffalo, State University of New York, Buffalo, NY")) == [
        "University at Buffalo"]


def test_a_city_written_in_its_own_language_is_a_place():
    assert names(paper("Numbat Labs, Freiburg im Breisgau, Deutschland")) == ["Numbat Labs"]
    assert names(paper("Queen's University Belfast, Belfast, Northern Ireland, UK")) == ["Queen's University Belfast"]


def test_a_vietnamese_name_in_parentheses_is_the_same_organisation():
    found = extract_institutions(paper("Numbat Research (Viện Nghiên cứu Numbat), Hanoi, Vietnam"))
    assert [(i.name, "Viện Nghiên cứu Numbat" in i.aliases) for i in found] == [("Numbat Research", True)]


def test_a_key_laboratory_a_university_hosts_rolls_up_into_it():
    assert names(paper("School of AI, Numbat University, Beijing; Beijing Key Laboratory of Wombat Methods; "
                       "Bilby Group, Hangzhou")) == ["Numbat University", "Bilby Group"]
    assert names(paper("Numbat University, School of Computer Science, Key Laboratory of Wombat Modeling, Hangzhou")) \
        == ["Numbat University"]


def test_graduate_institutes_and_named_colleges_are_units():
    assert names(paper("National Taiwan University, Graduate Institute of Communication Engineering, Taipei, Taiwan")) \
        == ["National Taiwan University"]
    assert names(paper("Department of ECE, Numbat University; Wombat College of Computer Sciences, Numbat University")) \
        == ["Numbat University"]


def test_a_street_address_and_a_swedish_city_are_no_organisations():
    assert names(paper("Numbat Labs Europe, 6-8 chemin des Wombats, 38240 Meylan, France")) == ["Numbat Labs Europe"]
    assert sorted(names(paper("Bilby Laboratory (BiLab), Solna; Numbat Institutet, Stockholm"))) == [
        "Bilby Laboratory", "Numbat Institutet"]


def test_the_institute_of_information_engineering_is_a_cas_institute():
    assert names(paper("Institute of Information Engineering, Chinese Academy of Sciences; Baidu Inc., Beijing")) == [
        "Institute of Information Engineering, Chinese Academy of Sciences", "Baidu"]


def test_a_polish_name_and_a_note_on_what_an_organisation_belongs_to_are_not_its_name():
    assert names(paper("Numbat Academy of Sciences (Instytut Numbatowy PAN), Warsaw")) == ["Numbat Academy of Sciences"]
    assert names(paper("Wombat Project (under Bilby Foundation AI & Data)")) == ["Wombat Project"]
    assert names(paper("Numbat University, Bellingham, WA")) == ["Numbat University"]


def test_a_details_line_cut_off_after_a_places_first_word_leaves_no_organisation():
    assert names(paper("Wombat Institute of Technology; University of California, Los")) == [
        "Wombat Institute of Technology", "University of California"]
    assert names(paper("Numbat Labs, San")) == ["Numbat Labs"]


def test_an_authors_chair_or_fellowship_is_no_organisation():
    assert names(paper("Wombat AI Institute; Polytechnique Montréal; Canada CIFAR AI Chair")) == [
        "Wombat AI Institute", "Polytechnique Montréal"]


def test_a_korean_business_division_rolls_up_and_a_cyrillic_name_resolves():
    assert names(paper("SK텔레콤 (SK Telecom), AI 서비스 사업부, 서울, 대한민국")) == ["SK Telecom"]
    assert names(paper("Яндекс, NeuralMagic")) == ["Yandex", "Neural Magic"]

"""Institutions of a paper: the details line and the brief's Chinese names resolved to one node each.

The details line (`**主要机构**`) is split into organisations; departments, labs, places, author names
and footnote fragments are dropped (a department or lab rolls up to the organisation of its affiliation; a lab
alone in its affiliation is an organisation), and each organisation is resolved against the registry in
`ontology/institutions.ttl`. The
brief's names (before 发布了) are matched to those, which adds their Chinese form as an alias, and fill
in when the details line is empty. When the two disagree, the details line wins: it is copied from the
paper, the brief is a translation. Names left over on both sides, as many on each, are the same
organisations in the same order, whatever script the details line writes them in. A name in another script
right after the English one, saying the same kind of organisation (or, for a company, no kind), is its alias; a
company's labs named beside the company or each other are the company.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from graph.ids import entity_id
from graph.model import Institution
from ingest.report import PaperRecord
from ingest.titles import english_words
from ontology.institutions import (
    InstitutionRegistry,
    RegisteredInstitution,
    city_keys,
    institution_registry,
    normalise_name,
    place_keys,
    place_opening_words,
)

_CORPORATE_SUFFIX = re.compile(r"^(?:inc|ltd|llc|co|corp|corporation|gmbh|plc|limited|pte\.?\s*ltd|s\.?a)\.?$",
                               re.IGNORECASE)
_FOOTNOTES = re.compile(r"[*†‡§]*\s*(?:equal\s+contributions?|corresponding\s+authors?|project\s+lead)\.?"
                        r"|\S+@\S+|https?://\S+|[*†‡§]+", re.IGNORECASE)
_SEPARATOR_CHARS = ",;，；、"
_BROKEN_WORD = re.compile(r"(\w)-\s+([a-z])")
_BROKEN_COMPOUND = re.compile(r"(\w)-\s+([A-Z])")
_SEPARATOR = re.compile(f"[{_SEPARATOR_CHARS}]")
# A unit inside an organisation: rolled up, never a node of its own. Korean schools, departments, graduate
# schools and labs end in 학부, 학과, 대학원, 연구실; German ones open with "Institut für", "Fakultät für".
_UNIT = re.compile(r"^(?:the\s+)?(?:dept\b|department|school|college|faculty|division|programme|program|"
                   r"graduate\s+(?:school|institute)|key\s+lab)|\b(?:department|dept|group|team|division|program|thrust)\.?$"
                   r"|\b(?:school|faculty) of\b"
                   # a college named after a donor: "Khoury College of Computer Sciences"
                   r"|^[A-Z]\w+\s+college\s+of\s+(?:computer|computing|engineering|information|electrical|sciences?)\b"
                   r"|(?:학부|학과|대학원|연구실|사업부|본부)$|^\S*(?:研究科|学部|専攻|学科|領域|研究室)$"  # Korean and Japanese units
                   r"|^(?:institut|fakultät|fachbereich|lehrstuhl)\s+für\b|^chair\s+(?:of|for)\b"
                   r"|^(?:departamento|departament|département|departement|dipartimento)\b",
                   re.IGNORECASE)
# "Institute for X", "State Key Laboratory of Y", "ARC Lab", "Numbat Laboratory": units of an organisation named in
# their affiliation (on a line without ";", of a registered one anywhere or one named after them that says what it
# is); with none, organisations of their own (see `details_mentions`).
_SUB_UNIT = re.compile(r"^(?:(?:the|state|national|joint|key)\s+)*(?:lab|labs|laboratory|laboratories|center|"
                       r"centre|institute|initiative)\b|^\S*lab$|^(?:\S+\s+){1,4}(?:labs?|laboratory|center|centre|school)$"
                       # a ministry's, province's or city's key lab ("MoE Key Lab of ...", "Shenzhen Key Laboratory of")
                       r"|^(?:\S+\s+){1,2}key\s+lab(?:oratory)?\s+(?:of|for)\b",
                       re.IGNORECASE)
# A ministry's, province's or city's key laboratory (not a state one): hosted by a university, named with it or not
_HOSTED_KEY_LAB = re.compile(r"^(?!state\b|national\b)(?:\S+\s+){0,2}key\s+lab(?:oratory)?\s+(?:of|for)\b", re.IGNORECASE)
# A discipline naming a department without saying so: "Biological & Environmental Engineering".
_DISCIPLINE = re.compile(r"\b(?:engineering|sciences?|informatics|medicine|physics|mathematics|studies|"
                         r"statistics|computing)$", re.IGNORECASE)
_ORG_WORD = re.compile(r"\b(?:univ\w*|institut\w*|college|school|academy|inc|ltd|llc|corp\w*|company|tech\w*|"
                       r"ai|labs?|laborator\w*|research|systems?|group|hospital|foundation|cloud|centre|"
                       r"center|politecnico|polytechnic|hochschule|academia|software|robotics|semiconductors?|"
                       r"electronics|telecom\w*|analytics|solutions|data|"
                       # legal forms of a company: "Numbat Srl" is no author's name
                       r"gmbh|ag|srl|s\.r\.l|spa|s\.p\.a|bv|b\.v|nv|n\.v|sarl|oy|pty)\b", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[A-Z][a-z]{1,12}(?:-[A-Z]?[a-z]+)?$")
_HONOUR = re.compile(r"\b(?:Chair|Fellow|Chairholder)$")
_NOISE = frozenset({"project", "independent researcher", "researcher", "equal", "contribution", "and",
                    "correspondence to", "corresponding author", "correspondence",
                    "研究团队", "团队", "相关机构", "研究机构", "作者", "研究人员", "科研团队"})
# Places (ontology/places.ttl) trail or stand in for an organisation name in affiliation lines; so do
# address shapes no list holds: Korean and Japanese administrative units and Korean roads ("Yongin-si",
# "Gangnam-gu", "291 Daehak-ro", "和光市", "埼玉県", "성남시 분당구"), "Haidian District", "Zhejiang Province",
# "Republic of Korea", postcodes ("MD 20742", "Canada N2L 3G1").
_STREET_WORD = (r"(?i:rue|chemin|avenue|boulevard|place|quai|all[ée]e|impasse|via|viale|corso|piazza|calle|paseo|avenida|"
                r"rua|carrer|cam[ií]|pla[cç]a|jalan)")
_TOWN = r"[A-ZÀ-Þ][\w'.-]+(?:\s+[A-ZÀ-Þ][\w'.-]+){0,2}"  # "San Sebastián", "Saint-Étienne"
_ADDRESS = re.compile(
    r"^(?:(?:\d+(?:-\d+)?\s+)?[A-Z][a-z]+-(?:si|gu|gun|do|dong|shi|ku|ken|ro|gil|daero|eup|myeon)(?:\s+\d+(?:-\d+)?)?|(?:[A-Z][a-z]+\s+){1,2}(?:District|Province|Prefecture|County|"
    r"City|State|Region)|Republic of [A-Z][a-z]+|(?:[A-Z][a-z]+\s+)?[A-Z]{1,2}\d[\dA-Z]?\s*\d[A-Z]{2}"
    r"|(?:[A-Z][a-z]+\s+)?\d{4,6}(?:-\d{3,4})?"
    # a German or Dutch street and its number ("Hauptstraße 5", "Kasteelpark Arenberg 10")
    r"|[A-ZÀ-Þ][a-zß-ÿ]+(?:strasse|straße|str\.|weg|gasse|platz|allee|ufer|damm|ring|straat|laan|plein|kade|park|gracht|"
    r"singel|dreef)"
    r"(?:\s+[A-Z][a-z]+)?\s+\d+\w?"
    # an English street, its direction and its abbreviation ("6045 S Kenwood Ave", "12 Bilby Rd.")
    r"|\d+\w?\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\s+){1,3}(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Boulevard|Blvd\.?|"
    r"Drive|Dr\.?|Way|Lane|Ln\.?)"
    # a European postcode with its country's letter, and its town ("F-75005", "CH-8092 Zürich")
    r"|[A-Z]{1,2}-\d{4,5}(?:\s+" + _TOWN + r")?"
    r"|(?:[\u4e00-\u9fff]{1,4}[都道府県省市])?[\u4e00-\u9fff]{1,4}[都道府県省市区町村县]"
    r"|(?:[\uac00-\ud7a3]{1,5}\s+)?[\uac00-\ud7a3]{1,3}(?:시|(?<!연)구|군)|[A-Z]{2}\s+\d{5}(?:-\d{4})?"
    r"|(?:[A-Z][a-z]+\s+){1,2}(?:VIC|NSW|QLD|ACT|TAS|NT|SA|WA)(?:\s+\d{4})?"  # "Clayton VIC 3800"
    r"|(?:VIC|NSW|QLD|ACT|TAS|NT|SA|WA)\s+\d{4}|(?:(?:[A-Z]{2}|[A-Z][a-z]+)\s+)?[A-Z]\d[A-Z]\s?\d[A-Z]\d"  # "BC V6T 1Z4"
    # a Japanese block number before its town ("2-12-1 Ookayama", "8916-5 Takayama-cho")
    r"|\d{1,5}(?:-\d{1,4}){1,3}\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?"
    # a postcode before its town, or a long or hyphenated one after it ("75005 Paris", "Nagano 380-8553")
    r"|\d{4,7}\s+" + _TOWN + r"|" + _TOWN + r"\s+(?:\d{7}|\d{3}-\d{4})"
    # a number and a street word in either order, in English and the Romance languages ("3 rue des Lilas",
    # "Via Roma 12", "10 Wombat Parkway"), and a Singapore unit number ("#05-12 Nexus Tower")
    # (and "s/n", no number: "Camí de Bilby s/n")
    r"|\d+\w?,?\s+" + _STREET_WORD + r"\s+\S.{0,40}|" + _STREET_WORD + r"\s+\S.{0,40}?,?\s+(?:\d+\w?|s/n)"
    r"|\d+\w?\s+(?:\S+\s+){1,3}(?:Parkway|Place|Plaza|Square|Court|Highway|Crescent|Terrace)"
    r"|(?:[A-Z][a-z]+\s+){1,3}Campus\s+\d+\w?"  # "High Tech Campus 31": a campus and its building number
    # one word and a house number of one or two digits: a street ("Sand 1"; "Qihoo 360" is a company)
    r"|[A-ZÀ-Þ][a-zß-ÿ]+\s+\d{1,2}[a-z]?"
    r"|#\d{1,3}-\d{1,4}(?:\s+\S+){0,3})$")


_REGION_CODE = re.compile(r"[A-Z]{2}|NSW|VIC|QLD|TAS")  # "CA", "IL", "BC", "NSW" after a city


def _is_place(text: str) -> bool:
    text = _UNIT_NOTE.sub("", text).strip()  # "USA (DeepSpeed team)"
    if text.endswith(")") and (note := _NOTE.search(text)):  # "USA (Numbat)": the team of the place's affiliation;
        # "東京都武蔵野市 (Musashino-shi, Tokyo 180-8585)": an address glossed
        return normalise_name(text[:note.start()]) in place_keys() or bool(_ADDRESS.match(text[:note.start()]))
    if "/" in text and all(_REGION_CODE.fullmatch(part) or _is_place(part) for part in _SLASHED.split(text)):
        return True  # "Shenzhen / Hong Kong", "CA / Toronto": one affiliation in two places
    key = normalise_name(text)
    if (postcode := _THREE_DIGIT_POSTCODE.fullmatch(text)) and normalise_name(postcode.group(1)) in place_keys():
        return True  # "Taipei 115", "Hsinchu 300": a known town and its three-digit postcode
    return key in place_keys() or bool(_ADDRESS.match(text)) or key in place_opening_words()


_THREE_DIGIT_POSTCODE = re.compile(r"(.+?)\s+\d{3}")


_NOTE = re.compile(r"\s*\([^()]*\)$")
_SLASHED = re.compile(r"\s*/\s*")


_BRIEF_VERB = re.compile(r"发布了|发布|提出了|推出了|提出|推出|开发了|研发了")
_BRIEF_SPLIT = re.compile(r"\s*(?:、|与|和|及|以及|联合|,|，|;|；|/|&|\band\b)\s*")
_BRIEF_TRIM = re.compile(r"(?:等机构|等单位|等团队|等研究团队|的研究团队|研究团队|团队|等|的)$")
_PLACEHOLDER = re.compile(r"\[[^\]]*\]")
_QUALIFIER = re.compile(r"\s*\([^)]*\)$")


@dataclass
class Mention:
    """One organisation as written, and what it resolved to (None: not in the registry)."""

    text: str
    entry: RegisteredInstitution | None
    seen: list[str] = field(default_factory=list)


def extract_institutions(record: PaperRecord,
                         registry: InstitutionRegistry | None = None) -> tuple[Institution, ...]:
    """Institutions of one paper, one per real organisation, canonical names where known."""
    registry = registry or institution_registry()
    details = details_mentions(record.institutions_raw, registry)
    brief = brief_mentions(record.brief, registry)
    return tuple(_institution(m) for m in _with_company_units_rolled_up(_merge(details, brief, registry), registry))


# A unit named for its fields, and the end of their list after a comma: one name, not two organisations
_UNIT_OF_FIELD = re.compile(r"\b(?:Centre|Center|Department|School|Laboratory|Lab|Institute|Faculty|Division|Group)\s+"
                            r"(?:for|of)\s+[A-Z][\w-]*(?:\s+(?:in\s+)?[A-Z][\w-]*)?$")
_LIST_END = re.compile(r"(?:[A-Z][\w-]*\s+){0,3}(?:and|&)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}(?:\s*\([A-Z][\w-]{1,10}\))?$")
# "Computer" in "Electrical, Computer, and Systems Engineering": a field, not an organisation
_LIST_ITEM = re.compile(r"(?!.*\b(?:University|Universit[éä]t|Institute|College|Academy|Laborator(?:y|ies)|Lab|Inc|"
                        r"Corporation|Company|Group|School|Cent(?:er|re)|Research)\b)[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}$")


def split_institution_line(text: str) -> list[str]:
    """Affiliation line -> candidate organisation strings (footnotes removed, "Inc" re-attached)."""
    return [fragment for fragment, _ in _fragments_and_affiliations(text)]


def _fragments_and_affiliations(text: str) -> list[tuple[str, int]]:
    """Each fragment with the number of its affiliation: a ";" starts the next one, a "," does not."""
    if "-" in text:  # most lines have no hyphen to rejoin
        text = _BROKEN_WORD.sub(r"\1\2", text)  # "Communica- tions" -> "Communications"
        text = _BROKEN_COMPOUND.sub(r"\1-\2", text)  # "Brain- Inspired" -> "Brain-Inspired"
    text = _FOOTNOTES.sub(",", text)
    text = _balance_parentheses(text)
    fragments: list[tuple[str, int]] = []
    parts = [(piece.strip(" .:\t"), affiliation) for part, affiliation in _split_outside_parentheses(text)
             for piece in _joined_parts(part)]
    in_fields = False  # inside a unit's list of fields, before its "and" item
    for at, (part, affiliation) in enumerate(parts):
        if not part:
            continue
        if fragments and _CORPORATE_SUFFIX.match(_NOTE.sub("", part)):  # "Inc.", "Inc. (NTTリサーチ)"
            fragments[-1] = (f"{fragments[-1][0]} {part}", fragments[-1][1])
            continue
        if fragments and fragments[-1][1] == affiliation and (in_fields or _UNIT_OF_FIELD.search(fragments[-1][0])) \
                and (_LIST_END.match(part) or _LIST_ITEM.match(part) and _list_ends(parts, at + 1, affiliation)):
            # "Centre for Vision, Speech and Signal Processing", "Department of Electrical, Computer, and Systems
            # Engineering": the unit's fields, one name
            fragments[-1] = (f"{fragments[-1][0]}, {part}", affiliation)
            in_fields = not _LIST_END.match(part)
            continue
        in_fields = False
        fragments.append((part, affiliation))
    return fragments


# "SHI Labs @ University of Oregon": a lab at an organisation; "University of Oregon & UIUC": two organisations
# joined by "&" when one is a university ("CRIPAC & MAIS" are two labs of one institute, "Johnson & Johnson" one name)
_LAB_AT = re.compile(r"^((?:[A-Z][\w-]*\s+){0,3}(?:Labs?|Group|Team|Cent(?:er|re)))\s+@\s+(.+)$")
_UNIVERSITY_AND = re.compile(r"^(University\s+of\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+&\s+([A-Z]{2,})$"
                             r"|^([A-Z]{2,})\s+&\s+(University\s+of\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)$")


def _joined_parts(part: str) -> list[str]:
    """A fragment's parts when it names a lab at an organisation or a university and another joined by "&"."""
    lab = _LAB_AT.match(part) if " @ " in part else None
    pieces = list(lab.groups()) if lab else [part]
    out = []
    for piece in pieces:
        joined = _UNIVERSITY_AND.match(piece.strip()) if " & " in piece else None
        out += [name for name in joined.groups() if name] if joined else [piece]
    return out


def _coined(word: str) -> bool:
    """A proper name: no English word (the embedding model's vocabulary) and no place ("Midea", "Pazhou"), unlike
    a field ("Vision") or a city ("Shenzhen") that names a university's unit."""
    return word.casefold() not in english_words() and not _is_place(word)


_NAMED_GROUP = re.compile(r"([A-Z][a-z]{2,14}) Group")


def _company_group(fragments: list[str], i: int) -> bool:
    """"Midea Group", "Finvolution Group": a coined name and "Group" is a company; a research group is named by its
    field ("Vision Group, Bilby University")."""
    named = _NAMED_GROUP.fullmatch(fragments[i])
    return named is not None and _coined(named.group(1))


_NAMED_LAB = re.compile(r"([A-Z][a-z]+(?:[A-Z][a-z]+)?)(?: A[Ii])? Lab(?:oratory)?")


def _proper_lab(fragments: list[str], affiliation_of: list[int], i: int, after_organisation: bool) -> bool:
    """"..., Pazhou Lab", "Meetyou AI Lab, Xiamen": a lab with a coined name, listed after an organisation or before a
    place, is an organisation of its own; one that opens an address ("Numbat Laboratory, Faculty of Physics, Bilby
    University"), or is named by its field ("Vision Lab") or city, is a unit of the university there. Alone in its
    affiliation, it is its own organisation anyway (see `details_mentions`)."""
    named = _NAMED_LAB.fullmatch(fragments[i])
    if named is None or not _coined(named.group(1)):
        return False
    others = [j for j in range(len(fragments)) if j != i and affiliation_of[j] == affiliation_of[i]
              and not _is_place(fragments[j])]
    following = next((j for j in range(i + 1, len(fragments)) if affiliation_of[j] == affiliation_of[i]), None)
    return bool(others) and (after_organisation or following is None or _is_place(fragments[following]))


def _joint_unit_of_following(fragments: list[str], affiliation_of: list[int], i: int,
                             registry: InstitutionRegistry) -> bool:
    """A joint lab listed before one of its parents in the same affiliation is that parent's unit there
    ("Tsinghua-Bosch Joint ML Center, THBI Lab, Tsinghua University"); alone it is an organisation of its own."""
    first = re.split(r"\s?[-/–]\s?", fragments[i], maxsplit=1)[0].casefold()
    for j in range(i + 1, len(fragments)):
        if affiliation_of[j] != affiliation_of[i]:
            return False
        entry = registry.lookup(fragments[j])
        if entry is not None and first in entry.name.casefold():
            return True
    return False


def _list_ends(parts: list[tuple[str, int]], start: int, affiliation: int) -> bool:
    """A list of fields goes on from `start` to its "and" item in the same affiliation."""
    for part, part_affiliation in parts[start:start + 3]:
        if part_affiliation != affiliation:
            return False
        if part.startswith(("and ", "& ")) and _LIST_END.match(part) and _LIST_ITEM.match(part.split(" ", 1)[1]):
            return True
        if not _LIST_ITEM.match(part):
            return False
    return False


def details_mentions(line: str, registry: InstitutionRegistry) -> list[Mention]:
    fragments_and_affiliations = _fragments_and_affiliations(line)
    fragments = [fragment for fragment, _ in fragments_and_affiliations]
    affiliation_of = [affiliation for _, affiliation in fragments_and_affiliations]
    mentions: list[Mention] = []
    mention_positions: list[int] = []  # the fragment each mention came from
    unit_positions: list[int] = []  # labs, institutes and centres that roll up into an organisation if there is one
    i, named_by, count = 0, -1, 0  # named_by: the fragment that gave the last mention
    while i < len(fragments):
        pair = f"{fragments[i]}, {fragments[i + 1]}" if i + 1 < len(fragments) else None
        entry = registry.lookup(pair) if pair else None
        if entry is None and pair and (abbreviated := _ABBREVIATION_NOTE.search(pair)):
            entry = registry.lookup(pair[:abbreviated.start()])  # "University of California, San Francisco (UCSF)"
        if entry is not None:  # "Institute of Automation, Chinese Academy of Sciences"
            mentions.append(Mention(pair, entry, [pair]))
            mention_positions.append(i)
            i += 2
            continue
        found = resolve_fragment(fragments[i], registry)
        if found and not (_NATIONAL_LAB.search(fragments[i]) and not any(
                m.text == fragments[i] for m in found)):
            mentions.extend(found)
        elif _JOINT_UNIT.match(fragments[i]) and _joint_unit_of_following(fragments, affiliation_of, i, registry):
            unit_positions.append(i)  # "Tsinghua-Bosch Joint ML Center, ..., Tsinghua University": its unit there
        elif _JOINT_UNIT.match(fragments[i]) or _NATIONAL_LAB.search(fragments[i]):
            # "MIT-IBM Watson AI Lab", "Lawrence Berkeley National Laboratory": organisations of their own,
            # not units of the names inside them
            mentions.append(_unknown(fragments[i]))
        elif _unit_acronym_of_university(fragments, i, unit_positions, registry):
            pass
        elif _company_group(fragments, i) or _proper_lab(fragments, affiliation_of, i, i > 0 and named_by == i - 1):
            mentions.append(_unknown(fragments[i]))  # "Midea Group", "Pazhou Lab": organisations of their own
        elif _SUB_UNIT.search(_without_abbreviation(fragments[i])) or _named_unit_of_university(
                fragments, affiliation_of, i, i > 0 and named_by == i - 1, registry):
            unit_positions.append(i)  # "Language Technologies Institute, Carnegie Mellon University"
        elif mentions and named_by == i - 1 and _is_native_name_of_previous(line, fragments, i, mentions[-1],
                                                                             registry):
            mentions[-1].seen.append(_unknown(fragments[i]).text)  # "Technion – Israel ..., הטכניון – ..."
        elif not _is_droppable(fragments[i]) and not (i > 0 and affiliation_of[i - 1] == affiliation_of[i]
                                                       and _city_before_place(fragments, i)):
            mentions.append(_unknown(fragments[i]))
        if len(mentions) > count:
            named_by, count = i, len(mentions)
            mention_positions.extend([i] * (len(mentions) - len(mention_positions)))
        i += 1
    several = bool(fragments) and affiliation_of[-1] > 0
    units_alone = []
    for u in unit_positions:
        if several:  # "Numbat Lab, Hangzhou; Bilby University": a lab alone in its affiliation is its organisation,
            # and of labs and centres alone the last ("Institute of X, Numbat Science Center; ...")
            has_parent = any(affiliation_of[at] == affiliation_of[u] for at in mention_positions) or any(
                v > u and affiliation_of[v] == affiliation_of[u] for v in unit_positions)
        else:  # a registered organisation, or one after the unit that says what it is ("..., Universität Numbat")
            has_parent = any(m.entry is not None or (at > u and _kinds(m.text))
                             for m, at in zip(mentions, mention_positions, strict=True))
        if not has_parent and _HOSTED_KEY_LAB.match(fragments[u]) and any(
                "universit" in m.text.casefold() for m in mentions):
            continue  # "Beijing Key Laboratory of ...; Ant Group" beside a university: a key lab the university hosts
        if not has_parent:
            units_alone.append(_unknown(fragments[u]))
    return mentions + units_alone


# Legal forms of a company in any script, before or after its name.
_CORPORATE_FORM = re.compile(r"^(?:株式会社|有限会社|주식회사|\(주\)|㈜)\s*|\s*(?:株式会社|有限会社|주식회사|\(주\)|㈜|"
                             r",?\s+(?:Co\.,?\s*Ltd\.?|Ltd\.?|Inc\.?|Corporation|Corp\.?|GmbH|AG|S\.A\.|LLC|Srl|S\.r\.l\.?|"
                             r"S\.p\.A\.?|SpA|B\.V\.?|BV|N\.V\.?|NV|SARL|Oy))$")
# A parenthesised unit or team after a name: "SUNY (Department of Computer Science)", "USA (DeepSpeed team)".
_UNIT_NOTE = re.compile(r"\s*[(（](?:[^()（）]*\b(?:Department|Dept|School|Faculty|team|Team|Lab|Group)\b[^()（）]*"
                        # what an organisation belongs to: "RWKV Project (under Linux Foundation AI & Data)"
                        r"|(?:under|part\s+of|formerly|hosted\s+by)\b[^()（）]*)[)）]$")
# An abbreviation in parentheses after a name: "International Computer Science Institute (ICSI)",
# "Московский физико-технический институт (МФТИ)".
_ABBREVIATION_NOTE = re.compile(r"\s*[(（]([A-Z][A-Za-z0-9&.-]{1,9}|[А-ЯЁ][А-ЯЁа-яё&.-]{1,9})[)）]$")


def _without_abbreviation(name: str) -> str:
    return _ABBREVIATION_NOTE.sub("", name) if name.endswith((")", "）")) else name


_GLOSS = re.compile(r"^(.+?)\s*[（(]([^()（）]+)[)）]$")
# An organisation's name in its own language, in parentheses after the English one: the same organisation.
_OWN_LANGUAGE_NAME = re.compile(r"\b(?:Universit(?:ät|é|à|at\b)\w*|[Uu]niversitet\w*|Universitas|Üniversitesi|Universidad\w*|Universidade|Uniwersytet\w*|"
                                r"Universiteit|Politechnika|Politecnico|Polit[eéè]cnica|Technische|Hochschule|"
                                r"Institut|Instituto|Istituto|Instytut|[ÉE]cole|Escola|Escuela|[Hh]ögskola|[Tt]ekniska|Akademie|Akademia|"
                                r"Forschungs\w*|Centro|Centre\s+(?:de|d'|per|pour|national)|Centrum|Zentrum|"
                                r"Laboratoire|Laboratorio|Consiglio|Consejo|Fundaci[óo]n?|Fondazione|"
                                r"Viện|Đại\s+học|Trường|"  # Vietnamese: institute, university, school
                                # Finnish, Hungarian, Czech and Slovak, Greek: university, polytechnic
                                r"[Yy]liopisto|[Kk]orkeakoulu|[Ee]gyetem\w*|Univerzit\w*|Vysok\w+\s+u[čc]en\w*|Πανεπιστήμιο\w*)(?!\w)")


# A department's acronym ("CITEC", "ESAT-MICAS", "DAUIN"), for `details_mentions`.
_UNIT_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,7}(?:-[A-Z][A-Z0-9]{1,7})?")


def _a_university(fragment: str, registry: InstitutionRegistry) -> bool:
    """Named as a university, in English or its own language, or registered as one ("KU Leuven", "ETH Zürich")."""
    if "University" in fragment or _OWN_LANGUAGE_NAME.search(fragment):
        return True
    entry = registry.lookup(fragment)
    return entry is not None and entry.kind == "university"


def _unit_acronym_of_university(fragments: list[str], i: int, unit_positions: list[int],
                                registry: InstitutionRegistry) -> bool:
    """"CITEC, Universität Bielefeld, Germany; ...", "MICAS, ESAT, KU Leuven, Leuven, Belgium", "Institute of X,
    SEIEE, Shanghai Jiao Tong University": unknown acronyms before a university, within one affiliation, are its
    units. In a plain list of affiliations ("ASAPP, Carnegie Mellon University") the acronym is an organisation of
    its own: one affiliation shows by a unit before the acronym or a place after the university."""
    if not _UNIT_ACRONYM.fullmatch(fragments[i]):
        return False
    j = i + 1
    while j < len(fragments) and not _a_university(fragments[j], registry) and (
            _UNIT_ACRONYM.fullmatch(fragments[j]) or _UNIT.search(_without_abbreviation(fragments[j]))):
        j += 1  # "MICAS, ESAT, KU Leuven": acronyms and departments in a row, up to the university ("KAIST" is one)
    if j >= len(fragments) or not _a_university(fragments[j], registry):
        return False
    return bool(unit_positions and i and unit_positions[-1] == i - 1) or (
        j + 1 < len(fragments) and _is_place(fragments[j + 1]))


def _unknown(fragment: str) -> Mention:
    """An organisation the registry does not know, as written; "Яндекс (Yandex)", a name glossed in Latin
    letters, is known by the Latin name with the other as an alias; a unit or abbreviation in parentheses
    after a name is set aside ("SUNY (Department of ...)", "Foo Institute (FI)"), and so is a Latin legal
    form ("Useful Sensors Inc")."""
    gloss = _GLOSS.match(fragment)
    if gloss and _is_address_note(gloss.group(2)):
        return _unknown(gloss.group(1).strip())  # "Foo Institute (Chicago, IL)", "エヌビディア合同会社 (東京都港区)"
    if gloss:
        first, second = gloss.group(1).strip(), gloss.group(2).strip()
        if _in_latin_script(first) != _in_latin_script(second):
            latin, native = (first, second) if _in_latin_script(first) else (second, first)
            return Mention(latin, None, [latin, native])
        if _ORG_WORD.search(first) and _OWN_LANGUAGE_NAME.search(second):
            return Mention(first, None, [first, second])  # "Warsaw University of Technology (Politechnika ...)"
        if _OWN_LANGUAGE_NAME.search(first) and _ORG_WORD.search(second) and not _OWN_LANGUAGE_NAME.search(second):
            return Mention(second, None, [second, first])  # "Universität Foo (University of Foo)": the English
    unit = _UNIT_NOTE.search(fragment)
    if unit and unit.start() > 0:
        return _unknown(fragment[:unit.start()])
    abbreviation = _ABBREVIATION_NOTE.search(fragment)
    if abbreviation and abbreviation.start() > 0:
        name = fragment[:abbreviation.start()].strip()
        return Mention(name, None, [name, abbreviation.group(1), fragment])
    bare = _CORPORATE_FORM.sub("", fragment).strip(" ,")
    if bare and bare != fragment and fragment.isascii():
        return Mention(bare, None, [bare, fragment])  # "Useful Sensors Inc" is Useful Sensors
    return Mention(fragment, None, [fragment])


def _in_latin_script(text: str) -> bool:
    """Every letter Latin, accents included: "Technion – Israel ..." with its dash is, "הטכניון" is not."""
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 for c in text if c.isalpha())


# What kind of organisation a name says it is, in English and in the scripts below: a university, an institute or
# a company. A name in another script is the previous one's only when both say the same kind.
_KIND_WORDS = (
    ("university", re.compile(r"Universit|College|大学|대학|[Уу]ниверситет|אוניברסיט|جامعة", re.IGNORECASE)),
    ("institute", re.compile(r"Institut|研究所|研究院|연구소|연구원|[Ии]нститут|מכון|معهد", re.IGNORECASE)),
    ("company", re.compile(r"\b(?:Inc|Corp|Corporation|Co|Ltd|LLC|GmbH)\b|株式会社|合同会社|주식회사|㈜|\b(?:АО|ООО|ПАО)\b"
                           r"|בע\"מ|شركة")),
)


def _kinds(name: str) -> set[str]:
    return {kind for kind, words in _KIND_WORDS if words.search(name)}


# The countries whose organisations write their own names in each script (Latin letters aside).
_SCRIPT_COUNTRIES = (
    (re.compile(r"[\uac00-\ud7a3]"), {"KR"}), (re.compile(r"[\u3040-\u30ff]"), {"JP"}),
    (re.compile(r"[\u0590-\u05ff]"), {"IL"}), (re.compile(r"[\u0e00-\u0e7f]"), {"TH"}),
    (re.compile(r"[\u0900-\u097f]"), {"IN", "NP"}),
    (re.compile(r"[\u0400-\u04ff]"), {"RU", "UA", "BY", "KZ", "BG", "RS", "MK", "KG", "MN"}),
    (re.compile(r"[\u0600-\u06ff]"), {"SA", "AE", "QA", "EG", "JO", "KW", "OM", "BH", "LB", "MA", "DZ", "TN",
                                       "IQ", "IR", "PK", "AF"}),
)
# Those scripts are the ones an organisation's own-language name is written in after its English one, Chinese
# characters aside (a Chinese name after an English one is as often another organisation, and the registry knows
# most of them).
_NATIVE_SCRIPT = re.compile("|".join(script.pattern for script, _ in _SCRIPT_COUNTRIES))


def _is_native_name_of_previous(line: str, fragments: list[str], i: int, previous: Mention,
                                registry: InstitutionRegistry) -> bool:
    """A fragment in another script with no Latin letters, after a comma that follows a Latin-script organisation
    name saying it is the same kind of organisation, is that organisation's name in its own language ("King
    Abdullah University ... (KAUST), جامعة الملك ...", "Hanyang University, 한양대학교"). A list of organisations in
    mixed scripts names different ones: not the same kind ("Adobe Research, 서울대학교"), no kind at all ("ETH
    Zürich, Яндекс"), or a registered organisation of a country that does not write that script ("Tsinghua
    University, 서울대학교"). A place is none."""
    text, before = fragments[i], fragments[i - 1]
    if _NATIVE_SCRIPT.search(text) is None or re.search(r"[A-Za-z]", text) or _NATIVE_SCRIPT.search(before) \
            or not re.search(r"[A-Za-z]", before) or _is_place(text):
        return False
    kinds, company = _kinds(text), _a_company(previous, before, registry)
    if not (kinds and kinds == _kinds(before)) and not (company and kinds <= {"company"}):
        return False  # a company's own-language name often says no kind ("NAVER Cloud, 네이버 클라우드")
    country = previous.entry.country if previous.entry else None
    if country and not company and any(script.search(text) and country not in countries
                                       for script, countries in _SCRIPT_COUNTRIES):
        return False  # a company has offices in other countries ("Intel Corporation, АО «Интел»"), a university not
    return re.search(rf"{re.escape(before)}\.?\s*[,，]\s*{re.escape(text)}", line) is not None


def _a_company(mention: Mention, written: str, registry: InstitutionRegistry) -> bool:
    """Registered as a company or a company's lab, or saying it is one ("Numbat Inc.")."""
    if mention.entry is not None:
        return _registered_company(mention.entry, registry) is not None
    return _kinds(written) == {"company"}


def _registered_company(entry: RegisteredInstitution, registry: InstitutionRegistry) -> RegisteredInstitution | None:
    """The company a registered organisation is, or whose lab it is; None for any other."""
    if entry.kind == "company":
        return entry
    parent = registry.get(entry.parent_id) if entry.kind == "lab" and entry.parent_id else None
    return parent if parent is not None and parent.kind == "company" else None


def _is_address_note(note: str) -> bool:
    """A place in parentheses after a name: every comma part a known place, an address or a region code, or
    plain place-like words before a known place ("Habana Labs (Caesarea, Israel)": a town no list holds)."""
    parts = [p.strip() for p in re.split(r"[,，]", note)]
    if all(p and (_is_place(p) or _REGION_CODE.fullmatch(p)) for p in parts):
        return True
    return len(parts) > 1 and _is_place(parts[-1]) and all(
        _PLACE_NAME.fullmatch(p) and not _ORG_WORD.search(p) for p in parts[:-1])


def brief_mentions(brief: str, registry: InstitutionRegistry) -> list[Mention]:
    """Organisations named before 发布了 in the Chinese brief."""
    verb = _BRIEF_VERB.search(brief)
    if not verb or verb.start() > 80:
        return []
    head = _PLACEHOLDER.sub("", brief[:verb.start()]).strip()
    mentions = []
    for part in _BRIEF_SPLIT.split(head):
        part = _BRIEF_TRIM.sub("", part.strip()).strip()
        if not part or normalise_name(part) in _NOISE or part in _NOISE:
            continue
        found = resolve_fragment(part, registry)
        if found:
            mentions.extend(found)
        elif not _is_droppable(part) and not (_SUB_UNIT.search(part) or _UNIT.search(part)):
            mentions.append(Mention(part, None, [part]))
    return mentions


def resolve_fragment(fragment: str, registry: InstitutionRegistry) -> list[Mention]:
    """Registry matches for one fragment: exact, without "(ABBR)" or a trailing place, a cut-off or
    misspelt name, a unit "at" its organisation ("GenAI at Meta"), else every registered name inside a
    run-together string. [] when none."""
    entry = registry.lookup(fragment)
    if entry is None and " at " in fragment:
        entry = registry.lookup(fragment.rsplit(" at ", 1)[1])
    if entry is None and (match := re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", fragment)):
        entry = registry.lookup(match.group(1)) or registry.lookup(match.group(2))
    if entry is None:
        stripped = _strip_places(fragment)
        if stripped != fragment and stripped:
            entry = registry.lookup(stripped)
    if entry is None and (bare := _CORPORATE_FORM.sub("", fragment).strip()) and bare != fragment:
        entry = registry.lookup(bare)  # "ソニーグループ株式会社", "주식회사 카카오", "Foo Co., Ltd."
    if entry is None and not _is_place(fragment):  # "New York" is the city, not a cut-off "New York University"
        entry = registry.complete(fragment) or registry.closest(fragment)
    if entry is None and (unit := _COMPANY_UNIT.match(fragment)):
        company = registry.lookup(unit.group(1))  # "Huawei Russian Research Institute": a company's own lab
        entry = company if company is not None and company.kind == "company" else None
    if entry is not None:
        return [Mention(fragment, entry, [fragment])]
    if _JOINT_UNIT.match(fragment):
        return []  # "MIT-IBM Watson AI Lab": a joint lab is an organisation of its own, not its parents
    contained = _contained_names(fragment, registry)
    if contained and _named_after_more(fragment, contained[0][0]):
        return []  # "圣路易斯华盛顿大学" (Washington University in St. Louis) is not 华盛顿大学
    if contained and _LONGER_UNIVERSITY.match(fragment, len(contained[0][0])) and fragment.startswith(contained[0][0]):
        return []  # "Nanjing University of Information Science and Technology" is another university
    return [Mention(text, e, [text]) for text, e in contained]


# "Language Technologies Institute", "Institute of Information Science", "Numbat Institute of Computer Technology",
# "Bilby Centre for the Study of X": an institute's or centre's own name, a unit of the university written right
# beside it (an institute of its own, "Vector Institute", is in the registry).
_NAMED_INSTITUTE = re.compile(r"(?:[A-Z][\w-]*\s+){1,4}Institute|Institute\s+(?:of|for)\s+(?:[A-Z][\w-]*\s*(?:and\s+)?){1,5}")
_NAMED_UNIT = re.compile(r"(?:[A-Z][\w-]*\s+){1,4}(?:Institute|Centre|Center)(?:\s+(?:of|for)(?:\s+(?:[A-Z][\w-]*|and|of|the|in|"
                         r"on|&))+)")


def _named_unit_of_university(fragments: list[str], affiliation_of: list[int], i: int, after_organisation: bool,
                              registry: InstitutionRegistry) -> bool:
    """An institute's name next to a registered university or institute in the same affiliation, and not named
    as one of its own: a research institute or centre ("Toyota Research Institute"), one named after its city
    ("Shanghai Qi Zhi Institute") or one with a university's name ("Numbat Institute of Technology"). A longer
    name ("Numbat Institute of Computer Technology", "Bilby Centre for the Study of X") opens its university's
    affiliation: right before the university, and not right after another organisation in a list."""
    name = _without_abbreviation(fragments[i])
    if _NAMED_INSTITUTE.fullmatch(name):
        sides = (i - 1, i + 1)
    elif _NAMED_UNIT.fullmatch(name) and not after_organisation:
        sides = (i + 1,)
    else:
        return False
    if re.search(r"Research (?:Institute|Cent(?:er|re))|Institute of (?:Science|Technology)\b", name) or \
            _is_place(name.split(" ", 1)[0]):
        return False
    for j in sides:
        if 0 <= j < len(fragments) and affiliation_of[j] == affiliation_of[i]:
            entry = registry.lookup(fragments[j])
            if entry is not None and entry.kind in {"university", "institute"}:
                return True
    return False


# A registered company's name, then at most three words and a research unit's: the company's own lab or institute.
_COMPANY_UNIT = re.compile(r"^([A-Z][\w.&-]*)\s+(?:[\w'-]+\s+){0,3}?(?:Research\s+(?:Institute|Center|Centre|Labs?)|"
                           r"Research|Labs?|Institute)$")


_HAN = re.compile(r"[\u4e00-\u9fff]+")


def _named_after_more(fragment: str, first_label: str) -> bool:
    """A Chinese name that holds a registered one after more Chinese characters names another organisation,
    unless those characters are a place ("美国麻省理工学院", "上海商汤科技"); a city before a university's
    name makes another university ("杭州电子科技大学" is not "电子科技大学")."""
    folded = normalise_name(fragment)  # as the registry matched it: 杭州電子科技大學 holds 电子科技大学 too
    at = folded.find(normalise_name(first_label))
    key = folded[:at]
    if at <= 0 or not _HAN.fullmatch(key):
        return False
    return key not in place_keys() or (key in city_keys() and _UNIVERSITY_ZH.search(first_label) is not None)


_UNIVERSITY_ZH = re.compile(r"(?:大学|大學|学院|學院)$")
# A registered university's name going on with its own fields: "... University of Information Science and Technology"
_LONGER_UNIVERSITY = re.compile(r"(?<=University)\s+(?:of|for)\s+(?:[A-Z][\w-]*\s+(?:and\s+|&\s+)?){0,4}[A-Z][\w-]*$")


_NATIONAL_LAB = re.compile(r"\bNational\s+(?:Laboratory|Lab)\b")
# Two names joined by a hyphen or slash opening a lab's, institute's or centre's own name.
_JOINT_UNIT = re.compile(r"^[A-Z][\w.&]+\s?[-/–]\s?[A-Z][\w.&]+\s+(?:\S+\s+){0,5}?"
                         r"(?:Lab|Laboratory|Institute|Center|Centre|Joint\s+Research\s+\w+)\b")


def _contained_names(text: str, registry: InstitutionRegistry) -> list[tuple[str, RegisteredInstitution]]:
    """Registered names inside a longer string, longest first, without overlaps."""
    long_labels, short_labels, by_first = _label_patterns(registry)
    key = f" {normalise_name(text)} "
    found: list[tuple[int, str, RegisteredInstitution]] = []
    taken: list[tuple[int, int]] = []
    for label_key, label, entry in _candidate_labels(key, long_labels, by_first):
        if label_key.isascii():
            start = key.find(f" {label_key} ")
        else:
            start = key.replace(" ", "").find(label_key)
        if start < 0 or any(a < start + len(label_key) and start < b for a, b in taken):
            continue
        taken.append((start, start + len(label_key) + 1))
        found.append((start, label, entry))
    for pattern, label, entry in short_labels:  # `label in text` first: a substring test costs far less
        if label in text and pattern.search(text) and all(entry.id != e.id for _, _, e in found):
            found.append((len(key), label, entry))
    seen: set[str] = set()
    result = []
    for _, label, entry in sorted(found, key=lambda f: f[0]):
        if entry.id not in seen:
            seen.add(entry.id)
            result.append((label, entry))
    return result


def _candidate_labels(key: str, long_labels: list, by_first: dict[str, list[int]]) -> list:
    """Only labels whose first word (first character for Chinese) occurs in the text, longest first."""
    starts = set(key.split()) | set(key.replace(" ", ""))
    picked = {i for s in starts for i in by_first.get(s, ())}
    return [long_labels[i] for i in sorted(picked)]


@lru_cache(maxsize=4)
def _label_patterns(registry: InstitutionRegistry):
    """Long names match case-insensitively; abbreviations ("UCL", "PolyU") only as written."""
    long_labels, short_labels = [], []
    for label, entry in registry.labels():
        key = normalise_name(label)
        if not key:
            continue
        ascii_key = key.isascii()
        if (ascii_key and (" " in key or len(key) >= 7)) or (not ascii_key and len(key) >= 2):
            long_labels.append((key, label, entry))
        elif ascii_key and len(label) >= 3 and any(c.isupper() for c in label[1:]):
            short_labels.append((re.compile(rf"(?<!\w){re.escape(label)}(?!\w)"), label, entry))
    long_labels.sort(key=lambda item: -len(item[0]))
    by_first: dict[str, list[int]] = {}
    for i, (label_key, _, _) in enumerate(long_labels):
        by_first.setdefault(label_key.split()[0] if label_key.isascii() else label_key[0], []).append(i)
    return long_labels, short_labels, by_first


def _merge(details: list[Mention], brief: list[Mention], registry: InstitutionRegistry) -> list[Mention]:
    merged = _dedupe(details)
    unmatched_details = [m for m in merged]
    unaligned_brief: list[Mention] = []  # brief names with no counterpart on the details line, in order
    for b in brief:
        target = _counterpart(b, merged, registry) if b.entry else None
        if target is not None:
            target.seen.extend(b.seen)
            if target in unmatched_details:
                unmatched_details.remove(target)
        else:
            unaligned_brief.append(b)
    extra = [b for b in unaligned_brief if b.entry is not None]
    unresolved_brief = [b for b in unaligned_brief if b.entry is None]
    if _alignable(unaligned_brief, unmatched_details):  # as many left on each side: same order
        _align(unaligned_brief, unmatched_details)
        extra = []
    elif _alignable(unresolved_brief, unmatched_details):
        _align(unresolved_brief, unmatched_details)
    elif not merged:
        extra.extend(unresolved_brief)
    merged = _dedupe(merged + extra)
    present = {m.entry.id for m in merged if m.entry}
    covered = {a for i in present for a in registry.ancestors(i)}
    return [m for m in merged if not (m.entry and m.entry.id in covered)]


def _alignable(brief: list[Mention], details: list[Mention]) -> bool:
    """Same count on both sides, and no pair would join two different registered organisations."""
    return bool(brief) and len(brief) == len(details) and \
        all(b.entry is None or d.entry is None for b, d in zip(brief, details, strict=True))


def _align(brief: list[Mention], details: list[Mention]) -> None:
    """Each brief name is the details name at its position. A registered brief name gives its
    organisation to a details name the registry does not know in that script (索尼 / ソニー株式会社)."""
    for b, d in zip(brief, details, strict=True):
        d.seen.extend(b.seen)
        if b.entry is not None:
            d.entry = b.entry


def _counterpart(brief: Mention, details: list[Mention], registry: InstitutionRegistry) -> Mention | None:
    """The details mention a resolved brief name stands for: same, related, or a mistranslation
    (东北大学 = Northeastern University (China), but the details say Northeastern University)."""
    entry = brief.entry
    assert entry is not None
    base = normalise_name(_QUALIFIER.sub("", entry.name))
    for d in details:
        if d.entry is None:
            if base.startswith(normalise_name(d.text) + " "):  # details cut off, brief complete
                d.entry = entry
                return d
            continue
        if d.entry.id == entry.id or entry.id in registry.ancestors(d.entry.id) or \
                d.entry.id in registry.ancestors(entry.id) or \
                normalise_name(_QUALIFIER.sub("", d.entry.name)) == base:
            return d
    return None


def _with_company_units_rolled_up(mentions: list[Mention], registry: InstitutionRegistry) -> list[Mention]:
    """A company's labs named beside the company itself or beside each other ("NVIDIA Research, NVIDIA",
    "Meta GenAI, Meta") are the company: one organisation, the labs' names its aliases. A lab named alone
    stays the lab (linked to its company); a subsidiary registered as a company of its own (Google DeepMind)
    is never rolled up."""
    company_of: dict[int, RegisteredInstitution] = {}
    for i, m in enumerate(mentions):
        if m.entry is not None:
            if (company := _registered_company(m.entry, registry)) is not None:
                company_of[i] = company
        elif " " in m.text:
            # an unregistered unit named after a company: "Meta GenAI", "Tencent PCG"
            parent = registry.lookup(m.text.split(" ", 1)[0])
            if parent is not None and parent.kind == "company":
                company_of[i] = parent
    groups: dict[str, list[int]] = {}
    for i, company in company_of.items():
        groups.setdefault(company.id, []).append(i)
    replacement: dict[int, Mention] = {}
    absorbed: set[int] = set()
    for company_id, members in groups.items():
        named_itself = any(mentions[i].entry is not None and mentions[i].entry.id == company_id for i in members)
        registered = sum(1 for i in members if mentions[i].entry is not None)
        if len(members) < 2 or not (named_itself or registered >= 2):
            continue
        seen: list[str] = []
        for i in members:
            seen += mentions[i].seen
            if mentions[i].entry is not None and mentions[i].entry.id != company_id:
                seen.append(mentions[i].entry.name)  # a registered lab's own name becomes an alias
        company = company_of[members[0]]
        replacement[members[0]] = Mention(company.name, company, seen)
        absorbed.update(members[1:])
    return [replacement.get(i, m) for i, m in enumerate(mentions) if i not in absorbed]


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    result: list[Mention] = []
    for m in mentions:
        key = m.entry.id if m.entry else normalise_name(m.text)
        same = next((r for r in result if (r.entry.id if r.entry else normalise_name(r.text)) == key), None)
        if same is None:
            result.append(m)
        else:
            same.seen.extend(m.seen)
    return result


def _institution(m: Mention) -> Institution:
    if m.entry is None:
        name = m.text
        aliases = tuple(dict.fromkeys(s for s in m.seen if s != name))
        # Not in the registry: unresolved even when the brief's name aligned with it, so that review
        # lists it and a curator can add it (the alignment still gives the node both names).
        return Institution(id=entity_id("inst", name), name=name, aliases=aliases, resolved=False)
    entry = m.entry
    abbreviations = [a for a in entry.aliases if a.isupper() and len(a) <= 8]
    aliases = [s for s in m.seen if s != entry.name]
    aliases += [entry.name_zh] if entry.name_zh else []
    aliases += abbreviations
    return Institution(id=entry.id, name=entry.name, aliases=tuple(dict.fromkeys(aliases)),
                       parent=entry.parent_id, parent_name=entry.parent_name, resolved=True,
                       country=entry.country)


# "Burnaby", "Santa Clara", "Jülich", "St. Gallen"; not "SiliconFlow"
_PLACE_NAME = re.compile(r"(?:St\.\s?)?[A-ZÀ-Þ][a-zß-ÿ]+(?:[ -](?:(?:del|de|la|le|di|da|am|an|sur|upon)[ -])?[A-ZÀ-Þ][a-zß-ÿ]+)?")


def _city_before_place(fragments: list[str], i: int) -> bool:
    """"Burnaby" in "Simon Fraser University, Burnaby, BC, Canada": one or two plain capitalised words (a particle
    between them: "Marina del Rey") with no organisation word, after another fragment of the same affiliation and
    before a region code or a known place, are a city ("...; Numbat, Wrocław, Poland" opens an affiliation: the
    organisation)."""
    text = fragments[i]
    if i == 0 or i + 1 >= len(fragments) or _ORG_WORD.search(text) or not _PLACE_NAME.fullmatch(text):
        return False
    following = fragments[i + 1].strip()
    return _is_place(following) or _REGION_CODE.fullmatch(following) is not None


# "Key Laboratory of ..., Ministry of Education": the ministry that accredits a key laboratory, not an
# affiliation of the authors.
_SUPERVISING_MINISTRY = re.compile(r"Ministry of Education\b(?:\s+of\s+(?:the\s+)?(?:P\.?\s?R\.?\s?)?China)?$"
                                   r"|教育部$", re.IGNORECASE)


_STREET_ADDRESS = re.compile(r"\d+(?:-\d+)?[a-z]?,?\s+(?:(?:rue|chemin|avenue|via|calle|rua)\b|.{0,40}\b(?:street|st\.|road|rd\.|"
                             r"avenue|ave\.?|boulevard|blvd\.?|drive|dr\.|lane|way|parkway|straße|strasse|weg|platz)$)",
                             re.IGNORECASE)


def _is_droppable(fragment: str) -> bool:
    """Departments, places, author names, abbreviations of units and footnote words."""
    text = fragment.strip()
    key = normalise_name(text)
    named = _without_abbreviation(text)  # "Visual Geometry Group (VGG)" is a group
    if not key or key in _NOISE or _is_place(text) or _UNIT.search(named) or _SUPERVISING_MINISTRY.match(text):
        return True
    if re.fullmatch(r"[A-Z]{1,4}", text):  # "CSE", "DL": a unit's abbreviation
        return True
    if _HONOUR.search(text):  # "Canada CIFAR AI Chair", "ELLIS Fellow": an author's title, not an organisation
        return True
    if _STREET_ADDRESS.match(text):  # "6-8 chemin de Maupertuis", "77 Massachusetts Avenue": an address
        return True
    if _DISCIPLINE.search(named) and not _ORG_WORD.search(named):
        return True
    words = text.split()
    return len(words) >= 2 and not _ORG_WORD.search(text) and all(_NAME_WORD.match(w) for w in words)


def _strip_places(fragment: str) -> str:
    words = fragment.split()
    while len(words) > 1:
        for size in (2, 1):
            if len(words) > size and _is_place(" ".join(words[-size:])):
                words = words[:-size]
                break
        else:
            break
    return " ".join(words)


def _balance_parentheses(text: str) -> str:
    """An unclosed "(" or a stray ")" separates names ("Key Laboratory ... (Southeast University")."""
    if "(" not in text and ")" not in text:
        return text
    out, depth_open = [], []
    for ch in text:
        if ch == "(":
            depth_open.append(len(out))
        elif ch == ")":
            if not depth_open:
                ch = ","
            else:
                depth_open.pop()
        out.append(ch)
    for position in depth_open:
        out[position] = ","
    return "".join(out)


def _split_outside_parentheses(text: str) -> list[tuple[str, int]]:
    parts, depth, start, affiliation = [], 0, 0, 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and ch in _SEPARATOR_CHARS:
            parts.append((text[start:i], affiliation))
            affiliation += ch in ";；"
            start = i + 1
    parts.append((text[start:], affiliation))
    return parts

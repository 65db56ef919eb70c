"""The query's words marked in a search hit's matched sentence, as HTML: every piece of text escaped,
each match wrapped in <mark>. Pure; the search itself decides which sentence matched."""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING

from markupsafe import Markup

if TYPE_CHECKING:
    from graph.search import QueryExpander

_LATIN_WORD = re.compile(r"[0-9A-Za-z][0-9A-Za-z+\-.]*")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_STOP = frozenset({"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "is", "of", "on", "or", "the",
                   "to", "via", "with"})


@lru_cache(maxsize=1)
def _expander() -> QueryExpander:
    """The ontology's label expansion, loaded on first use."""
    from graph.search import ontology_expander

    return lru_cache(maxsize=4096)(ontology_expander())


def query_terms(query: str, expand: bool = True) -> list[str]:
    """What to mark: the query's Latin words (not stop words), its CJK runs and their two-character
    pieces, and (with `expand`) the other-language labels of the concepts it names, as search expands
    them (推测解码 also marks "speculative decoding"); longest first."""
    terms = [w for w in _LATIN_WORD.findall(query) if w.lower() not in _STOP]
    for run in _CJK_RUN.findall(query):
        terms.append(run)
        terms.extend(run[i:i + 2] for i in range(len(run) - 1))
    if expand:
        from graph.search import expand_query

        terms.extend(expand_query(query[:500], _expander()))
    return sorted(dict.fromkeys(t for t in terms if t.strip()), key=len, reverse=True)


def highlight(text: str, terms: list[str]) -> Markup:
    """`text` escaped, with every case-insensitive occurrence of a term inside <mark></mark>."""
    if not terms:
        return Markup(escape(text))
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    out: list[str] = []
    position = 0
    for found in pattern.finditer(text):
        out.append(escape(text[position:found.start()]))
        out.append(f"<mark>{escape(found.group())}</mark>")
        position = found.end()
    out.append(escape(text[position:]))
    return Markup("".join(out))

"""The query's words marked in a search hit's matched sentence, as HTML: every piece of text escaped,
each match wrapped in <mark>. Pure; the search itself decides which sentence matched."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from markupsafe import Markup

from graph.lexical import STOP_WORDS

_LATIN_WORD = re.compile(r"[0-9A-Za-z][0-9A-Za-z+\-.]*")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def query_terms(query: str, expansions: Sequence[str] = ()) -> list[str]:
    """What to mark: the query's Latin words (not the words search leaves out), its CJK runs and their
    two-character pieces, and the `expansions` search added (the other-language labels of the concepts it
    names: 推测解码 also marks "speculative decoding"); longest first."""
    terms = [w for w in _LATIN_WORD.findall(query) if w.lower() not in STOP_WORDS]
    for run in _CJK_RUN.findall(query):
        terms.append(run)
        terms.extend(run[i:i + 2] for i in range(len(run) - 1))
    terms.extend(expansions)
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

"""Hostile input, generated (Hypothesis): whatever bytes arrive, reading a report either gives a batch or
a ReportFormatError naming the file and a line inside it; never another exception. Quantities found in
any text lie inside it, in order."""

from __future__ import annotations

import math
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.numbers import find_quantities
from ingest.pipeline import extract_document
from ingest.report import ReportFormatError, decode_report, parse_report

SAMPLE = Path(__file__).resolve().parents[3] / "shared/data/reports/ai-inference-acceleration-2025-10-15.md"
HOSTILE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def small_report() -> str:
    """The sample cut to its first three papers in each section (so each example extracts quickly)."""
    text = SAMPLE.read_text(encoding="utf-8")
    details = text.index("## 论文详细信息")
    head, tail = text[:details], text[details:]
    cut = lambda part: part[:part.index("### 4.")]
    return cut(head) + cut(tail)


REPORT = small_report()


def read(data: bytes, source: str = "hostile.md") -> None:
    """Decode, parse and extract like an import; only a ReportFormatError may escape."""
    try:
        extract_document(parse_report(decode_report(data, source), source))
    except ReportFormatError as exc:
        assert str(exc).startswith(f"{source}:")
        assert 0 <= exc.line <= data.count(b"\n") + data.count(b"\r") + 1, exc
        assert exc.reason


@st.composite
def mutated_reports(draw: st.DrawFn) -> bytes:
    """The small report, then some of: cut short, random Unicode spliced in, a huge line, other line
    ends, a NUL byte, invalid UTF-8."""
    text = REPORT
    if draw(st.booleans()):
        text = text[:draw(st.integers(0, len(text)))]
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.text(max_size=40)) + text[at:]
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(["x", "9", "加", "### ", "**"])) * 200_000 + text[at:]
    text = text.replace("\n", draw(st.sampled_from(["\n", "\r\n", "\r"])))
    data = text.encode("utf-8")
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"\x00", b"\xff\xfe", b"\xc3", b"\xed\xa0\x80"])) + data[at:]
    return data


@HOSTILE
@given(mutated_reports())
def test_a_mutated_report_is_read_or_refused_with_its_line(data: bytes) -> None:
    read(data)


@HOSTILE
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_are_read_or_refused_with_their_line(data: bytes) -> None:
    read(data)


@HOSTILE
@given(st.text(max_size=300) | st.from_regex(
    r"(up to |约|over )?[0-9]{1,4}(\.[0-9]{1,3})?(x|×|%| ms| s|倍| tokens/s| GB)( faster| lower latency)?",
    fullmatch=False))
def test_quantities_lie_inside_the_text_in_order(text: str) -> None:
    found = find_quantities(text)
    end = 0
    for q in found:
        assert end <= q.start < q.end <= len(text), (q, text)
        assert math.isfinite(q.value) and (q.value_max is None or math.isfinite(q.value_max))
        end = q.end


def test_the_small_report_is_a_report() -> None:
    batch = extract_document(parse_report(REPORT, "small.md"))
    assert len(batch.papers) == 3 and re.search(r"Skin Lesion", batch.papers[0].title)

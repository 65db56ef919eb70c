"""Quantities as papers write them, in Chinese and English: pure parsing, no judgement of relevance.

`find_quantities(text)` returns every number with its unit, range end and modifier, e.g.
`111.9倍` -> 111.9 x; `1.70-2.10×` -> 1.70..2.10 x; `最高3倍` / `up to 3x` -> 3 x "up to";
`60倍以上` / `over 60x` -> 60 x "at least"; `亚20ms` / `sub-20 ms` -> 20 ms "less than";
`8.8 WSIs/分钟` -> 8.8 "WSIs/min"; `10,000 tokens/s` -> 10000 "tokens/s"; `Dice = 0.855` -> 0.855, no unit.

Decisions (documented because they are policy, not parsing):
- Chinese numerals are read only where they carry a result: before 倍 (三倍 -> 3 x, 两倍 -> 2 x),
  一半/减半 (-> 50 %) and 数量级 (一个数量级 -> 10 x, 四个数量级 -> 10,000 x; not 数个数量级). Elsewhere (七个数据集, 三个任务) they are
  counts and are not returned. English multiples in words are read the same way ("doubles", "twice as
  fast", "three times faster", "an order of magnitude", "halves", "four GPU hours", "in under one second",
  "within a single day": "a" only after a bound); the adjective "double" ("double quantization") is not.
- Each scale of a unit is a unit of its own (ps, ns, µs, ms, s; fJ, pJ, nJ, µJ, mJ, J, kJ; µW, mW, W, kW; Wh, kWh, MWh;
  g, kg, t CO2e), so "3 mW" is never 3 W; figures listed before one unit share it ("3.7, 1.0 and 2.9 points",
  "124 / 78 FPS"), two of one unit after "between" are one range ("between 10% and 37%"), but two figures side by
  side after one comma are no list ("a real-time factor of 0.09, 17x faster").
- Identifier digits are not quantities: a number glued to a letter or to `letter-`/`digit-`
  (LLaVA-1.5-7B, Wan2.1, W1.58A2, top-1, FP8) is skipped, as are resolutions (2160×3840) and
  ratios (2:4).
- `kind` classifies the unit (ratio, percent, time, rate, bitrate, memory, flops, energy, area, count, bits,
  steps, score, cost, tokens-per, None) so the evidence step can decide without re-parsing unit strings. A sum of
  money ("$200k") is a cost, its value as written and its scale in the unit ("K USD"). Bits per second are a
  bitrate and bytes per second a rate, told apart by case ("Mb/s", "MB/s"), never a size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ontology.load import POINTS_ZH

# "GPU hours", "A100-GPU hours", "offline GPU hours", "A100 GPU training hours": the device and a word on
# what the time was spent on may stand around "GPU".
_GPU_TIME_HEAD = (r"(?:(?:NVIDIA\s+)?[A-Z]\d{2,4}[A-Za-z]?[\s-])?(?:(?:offline|training|compute)\s+)?"
                  r"GPU[\s-](?:training\s+)?")

# Canonical unit -> (kind, regex alternatives). Order matters inside the compiled alternation: longer
# spellings first, so "frames per second" wins over "s" and "GPU days" over "days".
_UNITS: tuple[tuple[str, str, str], ...] = (
    ("tokens/s", "rate", r"tokens?\s*/\s*s(?:ec)?|tokens?\s+per\s+second|tok/s"),
    ("fps", "rate", r"frames?\s+per\s+second|fps|帧\s*/\s*秒|帧每秒"),
    ("GPU days", "gpu-time", rf"{_GPU_TIME_HEAD}days?|[A-Z]\d{{2,4}}[A-Za-z]?[\s-]days?|GPU天"),
    ("GPU hours", "gpu-time", rf"{_GPU_TIME_HEAD}hours?|GPU小时"),
    ("TFLOPs/s", "rate", r"TFLOPs?/s|TFLOPS/s"),
    # energy efficiency ("3.3 Top/s/W", "18.1 TFLOPs/W")
    ("TOPS/W", "energy", r"(?:[TG]OP(?:S|/s)|[TG]FLOP[Ss]?)\s*/\s*W(?![A-Za-z0-9])"),
    # operations per joule ("8.84 TOp/J"): the same measure
    ("TOP/J", "energy", r"TOPS?\s*/\s*J(?![A-Za-z0-9])"),
    ("GOP/J", "energy", r"GOPS?\s*/\s*J(?![A-Za-z0-9])"),
    ("TOPS/mm²", "area", r"[TG]OPS\s*/\s*mm(?:²|2|\^2)"),  # area efficiency
    ("mm²", "area", r"mm(?:²|2|\^2)(?![A-Za-z0-9])"),  # a chip's area
    ("MAC/cycle", "rate", r"(?:MACs?|FLOPs?|ops?)\s*(?:/\s*|per\s+)cycle"),  # work done per clock cycle
    ("TOPS", "rate", r"TOPS(?![A-Za-z0-9])|TOPs/s"),
    ("GOPS", "rate", r"GOPS(?![A-Za-z0-9])|GOPs/s"),
    # tokens per unit of work, not of time: what a decoder produces per step, what an answer spends
    ("tokens/step", "tokens-per", r"(?:more\s+)?tokens?\s+per\s+(?:decoding\s+|forward\s+)?step"),
    ("tokens/iteration", "tokens-per", r"(?:more\s+)?tokens?\s+per\s+(?:target[\s-]model\s+|decoding\s+)?iteration"),
    ("tokens/answer", "tokens-per", r"tokens?\s+per\s+(?:answer|response)"),
    # "取得66.3分", "a 4.3-point gain", "about 1 BLEU point"
    ("points", "points", rf"percentage\s+points?|{POINTS_ZH}|pp(?![A-Za-z0-9])|(?:(?<=\s)(?-i:[A-Z][A-Za-z0-9@-]{{0,9}})\s+)?-?points?(?![A-Za-z0-9])(?!\s+clouds?)"),
    ("%", "percent", r"%|％|percent(?![A-Za-z0-9])"),
    ("x", "ratio", r"[×xX](?![A-Za-z0-9])|倍|times(?![A-Za-z0-9])|-?fold(?![A-Za-z0-9])"),
    ("GFLOPs", "flops", r"GFLOPs?|GFLOPS|G\s+FLOPs?"),
    ("MFLOPs", "flops", r"MFLOPs?|MFLOPS|M\s+FLOPs?|MMACs?|M\s+MACs"),
    ("TFLOPs", "flops", r"TFLOPs?|TFLOPS"),
    ("FLOPs", "flops", r"FLOPs?|FLOPS|MACs"),
    # data rates, not sizes (bits and bytes told apart by case): a bitrate (a codec's, a link's), a bandwidth
    *((f"{unit}b/s", "bitrate", rf"(?-i:{written}i?b(?:it)?(?:/s|ps))(?![A-Za-z0-9])")
      for unit, written in (("T", "T"), ("G", "G"), ("M", "M"), ("K", "[kK]"))),
    *((f"{unit}B/s", "rate", rf"(?-i:{unit}i?B/s)(?![A-Za-z0-9])") for unit in "TGMK"),
    ("TB", "memory", r"TB(?![A-Za-z0-9])|TiB"),
    ("GB", "memory", r"GB(?![A-Za-z0-9])|GiB"),
    ("MB", "memory", r"MB(?![A-Za-z0-9])|MiB"),
    ("KB", "memory", r"KB(?![A-Za-z0-9])|KiB"),
    ("ms", "time", r"ms(?![A-Za-z0-9])|毫秒|milliseconds?"),
    ("us", "time", r"[μµu]s(?![A-Za-z0-9])|微秒|microseconds?"),
    ("ns", "time", r"(?-i:ns)(?![A-Za-z0-9])|纳秒|nanoseconds?"),
    ("ps", "time", r"(?-i:ps)(?![A-Za-z0-9])|皮秒|picoseconds?"),
    ("s", "time", r"s(?![A-Za-z0-9])|secs?(?![A-Za-z0-9])|seconds?|秒"),
    ("min", "time", r"min(?![A-Za-z0-9])|minutes?|分钟"),
    ("h", "time", r"h(?![A-Za-z0-9])|hours?|hrs?(?![A-Za-z0-9])|小时"),
    ("days", "time", r"days?(?![A-Za-z0-9])|天(?!内)"),
    # energy in watt-hours and the carbon it emits; power in watts, each scale a unit of its own ("3 mW" is not 3 W)
    ("MWh", "energy", r"(?-i:MWh)"),
    ("kWh", "energy", r"kWh"),
    ("Wh", "energy", r"(?-i:Wh)(?![A-Za-z0-9])|watt-hours?"),
    ("t CO2e", "energy", r"(?:tonnes?|tons?|t)\s+(?:of\s+)?CO2(?:-?eq?)?(?:\s+equivalent)?(?![A-Za-z0-9])"),
    ("kg CO2e", "energy", r"(?:kg|kilograms?)\s+(?:of\s+)?CO2(?:-?eq?)?(?:\s+equivalent)?(?![A-Za-z0-9])"),
    ("g CO2e", "energy", r"(?:g|grams?)\s+(?:of\s+)?CO2(?:-?eq?)?(?:\s+equivalent)?(?![A-Za-z0-9])"),
    ("fJ", "energy", r"(?-i:fJ)(?![A-Za-z0-9])|femtojoules?"),
    ("pJ", "energy", r"(?-i:pJ)(?![A-Za-z0-9])|picojoules?"),
    ("nJ", "energy", r"(?-i:nJ)(?![A-Za-z0-9])|nanojoules?"),
    ("µJ", "energy", r"[μµu]J(?![A-Za-z0-9])|microjoules?"),
    ("mJ", "energy", r"mJ(?![A-Za-z0-9])|millijoules?"),
    ("kJ", "energy", r"kJ(?![A-Za-z0-9])|kilojoules?"),
    ("J", "energy", r"J(?![A-Za-z0-9&])|joules?"),  # not "J&F", a segmentation score
    ("µW", "energy", r"[μµu]W(?![A-Za-z0-9])|microwatts?"),
    ("mW", "energy", r"(?-i:mW)(?![A-Za-z0-9])|milliwatts?"),
    ("kW", "energy", r"(?-i:kW)(?![A-Za-z0-9])|kilowatts?"),
    ("W", "energy", r"W(?![A-Za-z0-9])|watts?"),
    ("dB", "score", r"dB(?![A-Za-z0-9])"),
    ("px", "score", r"px(?![A-Za-z0-9])|pixels?"),
    # (not "bits per byte", a compression score: "0.99 bits per byte on Enwik8")
    ("bit", "bits", r"-?bits?(?![A-Za-z0-9])(?![ -]per[ -](?:byte|character|dimension|pixel)|/dim)|位(?!置)|比特"),
    ("steps", "steps", r"-?steps?(?![A-Za-z0-9])|步"),
    ("B", "count", r"B(?![A-Za-z0-9])|[Bb]illion"),
    ("M", "count", r"M(?![A-Za-z0-9])|[Mm]illion"),
    ("K", "count", r"[Kk](?![A-Za-z0-9])|[Tt]housand"),
)
_UNIT_KIND = {canonical: kind for canonical, kind, _ in _UNITS}

# A rate written as "<things>/<time>" or "<things> per <time>": 8.8 WSIs/分钟, 120 images/s.
_RATE = r"[A-Za-z][A-Za-z-]*\s*/\s*(?:s|sec|second|min|minute|h|hour|秒|分钟|小时)(?![A-Za-z0-9])" \
        r"|[A-Za-z][A-Za-z-]*\s+per\s+(?:second|minute|hour)"
_UNIT_RE = "|".join(f"(?P<u{i}>{alt})" for i, (_, _, alt) in enumerate(_UNITS))

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_ZH_DIGITS = "零一二两三四五六七八九十百"
_PRE = {  # every alternative opens with a plain character: `_PRE_FIRST` is read from them
    "up to": r"up\s+to|at\s+most|as\s+much\s+as|as\s+high\s+as|最高可?达?|高达|最多|多达|可达",
    "at least": r"over|more\s+than|greater\s+than|exceeding|exceeds?|above|at\s+least"
                r"|超过|超|至少|逾|大于|>=?|≥",
    "less than": r"sub-?|less\s+than|below|fewer\s+than|不到|小于|低于|亚|<=?|≤",
    "about": r"about|around|approximately|approx\.|nearly|almost|roughly|~|≈|约|大约|接近|近",
}
_POST = {"at least": r"以上", "less than": r"以下|以内|之内", "about": r"左右"}

_PRE_RE = "|".join(f"(?P<pre_{k.replace(' ', '_')}>{v})" for k, v in _PRE.items())
_POST_RE = "|".join(f"(?P<post_{k.replace(' ', '_')}>{v})" for k, v in _POST.items())
_UNIT2_RE = _UNIT_RE.replace("(?P<u", "(?P<w")

# The number and what follows it; a modifier before it is read separately (`_PRE_TAIL`), so the scan
# only starts at digits instead of trying every modifier word at every position of the text.
_QUANTITY = re.compile(
    rf"(?P<num>{_NUM})(?P<plus>\+(?=\s*[A-Za-z%倍×]))?(?:\s*(?P<unit>{_UNIT_RE}|(?P<rate>{_RATE})))?"
    rf"(?:\s*(?:--|-|–|—|~|～|to|到|至)\s*(?P<num2>{_NUM})(?:\s*(?P<unit2>{_UNIT2_RE}|(?P<rate2>{_RATE})))?)?"
    rf"(?:{_POST_RE})?",
    re.IGNORECASE,
)
# Characters a modifier can open with: one class test rejects most positions of the window before the ~45
# alternatives are tried there (the search is 2.5x faster; CJK text has no word boundaries to skip by).
_PRE_FIRST = "".join(sorted({alternative[0] for alternatives in _PRE.values()
                             for alternative in alternatives.split("|")}))
_PRE_TAIL = re.compile(rf"(?<![A-Za-z])(?=[{re.escape(_PRE_FIRST)}])(?:{_PRE_RE})\s*$", re.IGNORECASE)
_NUMBER_RUN = re.compile(r"\d+(?:[.,]\d+)*")  # starts of numbers; no look-behind, so `re` can skip ahead fast
_ZH_QUANTITY = re.compile(
    rf"(?:(?:{_PRE_RE})\s*)?(?P<zh>[{_ZH_DIGITS}]+)倍(?:{_POST_RE})?|(?P<half>一半|减半)")
# "每秒3000个token", "每秒生成约12个token": the rate comes first in Chinese.
_ZH_RATE = re.compile(
    rf"每(?P<per>秒|分钟|小时)(?:可|能)?(?:处理|生成|输出|解码)?\s*(?:约|近|超过|可达)?\s*(?P<num>{_NUM})(?:\s*[-~～到至]\s*(?P<num2>{_NUM}))?"
    r"\s*(?:个|张|帧|条)?\s*"
    r"(?P<thing>tokens?|令牌|帧|图像|图片|images?|请求|requests?|样本|samples?)?", re.IGNORECASE)
_ZH_RATE_UNIT = {"秒": "s", "分钟": "min", "小时": "h"}
_ZH_RATE_THING = {"token": "tokens", "tokens": "tokens", "令牌": "tokens", "帧": "frames", "图像": "images",
                  "图片": "images", "image": "images", "images": "images", "请求": "requests",
                  "request": "requests",
                  "requests": "requests", "样本": "samples", "sample": "samples", "samples": "samples"}
# Spans that look numeric but are settings or identifiers: resolutions, ratios, versions, dates.
_MASK_CUE = re.compile(r"\d(?:[-×xX*:.^]\d|\s*[×xX*]\s*\d)")  # cheap test: is there anything to mask
# ... dimensions ("1024x1024"), times of day, versions, dates and powers ("10^25 FLOPs": no figure of 25)
_MASK = re.compile(r"\d+(?:\s*[×xX*]\s*\d+(?!\.\d)(?:\s*[×xX*]\s*\d+)?|:\d+|\.\d+\.\d+|-\d{2}-\d{2}|\^\d+)")


# Each pattern's modifier groups in pattern order, so `_modifier` need not build a dict of all groups.
_QUANTITY_MODIFIERS, _PRE_MODIFIERS, _ZH_MODIFIERS = (
    tuple(name for name, _ in sorted(pattern.groupindex.items(), key=lambda item: item[1])
          if name.startswith(("pre_", "post_")))
    for pattern in (_QUANTITY, _PRE_TAIL, _ZH_QUANTITY)
)


@dataclass(frozen=True)
class Quantity:
    start: int  # offsets in the text, modifier included
    end: int
    value: float
    value_max: float | None
    unit: str | None  # canonical: "x", "%", "ms", "s", "tokens/s", "GB", "GFLOPs", "B", ...
    kind: str | None  # ratio, percent, points, time, gpu-time, rate, memory, flops, energy, area, score, count, ...
    modifier: str | None  # "up to", "at least", "less than", "about"
    text: str


def _canonical_rate(text: str) -> str:
    things, _, per = re.split(r"\s*(/|\s+per\s+)\s*", text.strip(), maxsplit=1)
    per = per.strip().lower()
    short = {"sec": "s", "second": "s", "秒": "s", "minute": "min", "分钟": "min", "hour": "h", "小时": "h"}
    per = short.get(per, per)
    return f"{things}/{per}"


def _modifier(match: re.Match[str], names: tuple[str, ...]) -> str | None:
    """The first of the pattern's modifier groups `names` that matched: "up to", "at least", ..."""
    for name, value in zip(names, match.group(*names), strict=True):  # every pattern has several
        if value:
            return name.split("_", 1)[1].replace("_", " ")
    return None


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _zh_number(text: str) -> float | None:
    """Chinese numerals up to 999 (三 -> 3, 十二 -> 12, 两百 -> 200)."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
    total, current = 0, 0
    for char in text:
        if char in digits:
            current = digits[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
    total += current
    return float(total) if total else None


def _is_identifier(text: str, start: int) -> bool:
    """Digits that belong to a name: LLaVA-1.5-7B, Wan2.1, top-1, FP8, v2, Pass@1, ViT-L/14's patch size."""
    before = text[max(0, start - 2):start]
    if not before:
        return False
    if before[-1].isascii() and (before[-1].isalpha() or before[-1] in "._@"):
        return True
    if before[-1] == "/" and len(before) == 2 and "A" <= before[0] <= "Z":
        return True
    return before[-1] == "-" and len(before) == 2 and before[0].isascii() and before[0].isalnum()


_UNIT_GROUPS = {prefix: tuple(f"{prefix}{i}" for i in range(len(_UNITS))) for prefix in ("u", "w")}


def _unit_of(match: re.Match[str], prefix: str, rate_group: str) -> str | None:
    if not match.group("unit" if prefix == "u" else "unit2"):
        return None
    rate = match.group(rate_group)
    if rate:
        return _canonical_rate(rate)
    groups = match.group(*_UNIT_GROUPS[prefix])
    return next(_UNITS[i][0] for i, text in enumerate(groups) if text)


# "from" right before a figure: the start of a change ("from 92.1 to 197.6 FPS", "从4.2秒"), unless the
# figures span a range ("ranging from 2 to 12 tokens/s", "speedups from 1.2x to 3.4x": several of one kind).
# Evidence reads it too.
FROM_BEFORE = re.compile(r"(?:(?<![A-Za-z])(?<!range )(?<!ranges )(?<!ranging )(?<!vary )(?<!varies )"
                         r"(?<!varying )(?<!speedups )(?<!speed-ups )(?<!gains )(?<!improvements )(?<!savings )"
                         r"from\s+|[从由]\s*)$", re.IGNORECASE)  # "由45秒降至22秒"


def _quantity(text: str, match: re.Match[str]) -> Quantity | None:
    pre = _PRE_TAIL.search(text, max(0, match.start() - 24), match.start())
    start = pre.start() if pre else match.start()
    if _is_identifier(text, start):
        return None
    unit, unit2 = _unit_of(match, "u", "rate"), _unit_of(match, "w", "rate2")
    value_max = _number(match.group("num2")) if match.group("num2") else None
    if value_max is not None and unit and unit2 and unit != unit2:
        return None  # "3x to 20 ms" is not one range; its first part is read on its own
    if value_max is not None and value_max <= _number(match.group("num")):
        return None  # "2024-2025" style pairs or "5-3" scores, not a range of one figure
    if value_max is not None and FROM_BEFORE.search(text, max(0, start - 16), start) and \
            "to" in text[match.end("num"):match.start("num2")]:
        return None  # "from 92.1 to 197.6 FPS": a change from one figure to another, not a range
    final_unit = (unit2 or unit) if value_max is not None else unit
    end = match.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quantity(
        start=start, end=end, value=_number(match.group("num")), value_max=value_max,
        unit=final_unit, kind=_UNIT_KIND.get(final_unit, "rate") if final_unit else None,
        modifier=_modifier(pre, _PRE_MODIFIERS) if pre else _modifier(match, _QUANTITY_MODIFIERS) or (
            "at least" if match.group("plus") else None),  # "90+ FPS"
        text=text[start:end],
    )


# A sum of money: "$5.6", "nearly $300,000", "only $200k", "less than $0.1 million". Its value as written, the scale
# in its unit ("K USD"), as gold-format.md asks of scaled figures.
_DOLLAR_SCALES = {None: "USD", "K": "K USD", "M": "M USD", "B": "B USD"}


def _with_dollar_costs(text: str, found: list[Quantity]) -> list[Quantity]:
    out = []
    for q in found:
        if text[q.start - 1:q.start] != "$" or q.unit not in _DOLLAR_SCALES:
            out.append(q)
            continue
        pre = _PRE_TAIL.search(text, max(0, q.start - 25), q.start - 1)
        start = pre.start() if pre else q.start - 1
        out.append(Quantity(start, q.end, q.value, q.value_max, _DOLLAR_SCALES[q.unit], "cost",
                            _modifier(pre, _PRE_MODIFIERS) if pre else q.modifier, text[start:q.end]))
    return out


# A count scaled by K or million and then a rate ("45K tokens per second", "2.5 million requests per second")
# or GPU time ("3.2K A100 GPU hours"): one quantity, its value as written and the scale in its unit
# ("K tokens/s", "K GPU hours"), as gold-format.md asks.
_SCALES = {"K", "M"}
_UNIT_SPELLINGS = {canonical: spellings for canonical, _, spellings in _UNITS}
_UNIT_AFTER_SCALE = re.compile(rf"\s*(?:(?P<tokens>{_UNIT_SPELLINGS['tokens/s']})|(?P<fps>{_UNIT_SPELLINGS['fps']})|(?P<rate>{_RATE})"
                               rf"|(?P<gpu_days>{_UNIT_SPELLINGS['GPU days']})|(?P<gpu_hours>{_UNIT_SPELLINGS['GPU hours']}))",
                               re.IGNORECASE)
_SCALED_UNITS = (("tokens", "tokens/s"), ("fps", "fps"), ("gpu_days", "GPU days"), ("gpu_hours", "GPU hours"))


def _with_scaled_units(text: str, found: list[Quantity]) -> list[Quantity]:
    out = []
    for q in found:
        after = _UNIT_AFTER_SCALE.match(text, q.end) if q.unit in _SCALES else None
        if after is None:
            out.append(q)
            continue
        unit = next((name for group, name in _SCALED_UNITS if after.group(group)), None) \
            or _canonical_rate(after.group("rate"))
        kind = "gpu-time" if unit.startswith("GPU") else "rate"
        out.append(Quantity(q.start, after.end(), q.value, q.value_max, f"{q.unit} {unit}", kind, q.modifier,
                            text[q.start:after.end()]))
    return out


def _with_chinese_rates(text: str, found: list[Quantity]) -> list[Quantity]:
    """Replace the bare number of "每秒3000个token" by one rate quantity (3000 tokens/s)."""
    for match in _ZH_RATE.finditer(text):
        thing = _ZH_RATE_THING.get((match.group("thing") or "").lower(), "items")
        unit = "fps" if thing == "frames" and match.group("per") == "秒" else \
            f"{thing}/{_ZH_RATE_UNIT[match.group('per')]}"
        found = [q for q in found if not match.start() <= q.start < match.end()]
        value = _number(match.group("num"))
        value_max = _number(match.group("num2")) if match.group("num2") else None
        found.append(Quantity(match.start(), match.end(), value, value_max, unit, "rate", None, match.group(0)))
    return found


# Multiples written in words: "doubles throughput", "twice as fast", "three times faster", "an order of
# magnitude", "halves the memory", 一个数量级. The adjective "double" ("double quantization") is no claim.
_WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "an": 1, "one": 1, "a": 1, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                 "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100}
# "by about", "to roughly", ...: one fixed-width look-behind each (Python's look-behinds cannot vary in width)
_AFTER_APPROXIMATE_BY_OR_TO = "|".join(rf"(?<=\b{bound}\s{approximate}\s)" for bound in ("by", "to")
                                       for approximate in ("about", "roughly", "nearly", "almost", "around"))
_WORD_MULTIPLE = re.compile(
    r"(?<![A-Za-z-])(?:(?P<pre>up\s+to|more\s+than|over|nearly|almost|about|roughly)\s+)?(?:"
    r"(?P<double>doubl(?:es|ed|ing)|double(?=\s+(?:the|its|their|our)\b)|(?<=nearly\s)double|(?<=almost\s)double)"
    r"|(?P<twice>twice)(?=\s+(?:as|the|its|their|faster|higher|more|lower|fewer|less|that|over)\b)"
    r"|(?P<by_twice>(?<=\bby\s)twice|(?<=\bby\smore\sthan\s)twice)"  # "accelerates it by more than twice"
    r"|(?P<triple>tripl(?:es|ed|ing)|triple(?=\s+(?:the|its|their)\b)|thrice|(?<=nearly\s)triple|"
    r"(?<=almost\s)triple)"
    r"|(?P<quad>quadrupl(?:es|ed|ing))"
    r"|(?P<times>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"a\s+hundred)(?:\s+times|-fold|\s+fold)"
    r"(?=\s+(?:faster|higher|more|lower|fewer|less|smaller|larger|greater|speed|throughput|reduction|"
    r"improvement|acceleration|the|as|over|compared)\b|[\s,.;])"
    r"|(?P<order>an|one|two|three)\s+orders?\s+of\s+magnitude"
    r"|(?P<orders>(?:one|two|three)\s+(?:to|or)\s+(?:two|three|four))\s+orders\s+of\s+magnitude"  # a range
    r"|(?P<halve>halv(?:es|ed|ing)|halve(?=\s+(?:the|its|their)\s)|cuts?\s+in\s+half|by\s+half|half(?=\s+(?:the|its|their)\s)|in\s+half\b(?![- ]precision)"
    # "reduced by about half", "cuts the prompt to roughly half" (the approximation stays outside, the condition)
    rf"|(?:{_AFTER_APPROXIMATE_BY_OR_TO})half\b(?![- ]precision|\s+of\b)"
    # "less than half of its parameters", "only half of the data", "half as many GPUs": a share used; "removing
    # half of the weights" is how a model was made, and "the first half of the layers" a part
    r"|(?:(?<=\bthan\s)|(?<=\bonly\s)|(?<=\bjust\s)|(?<=\babout\s)|(?<=\broughly\s)|(?<=\bnearly\s)|(?<=\bunder\s)"
    r"|(?<=\baround\s))half(?=\s+of\s+(?:the|its|their|our)\s)|half(?=\s+as\s+(?:many|much)\b))"
    r"|(?P<quarter>(?<=by\s)(?:a|one)\s+quarter|(?<=by\s)(?:about|roughly|nearly)\s+(?:a|one)\s+quarter))(?![A-Za-z])",
    re.IGNORECASE)
# Plain substrings, one of which every word multiple or duration contains: a cheap test before the patterns.
_MULTIPLE_CUES = ("doubl", "twice", "tripl", "thrice", "quadrupl", "times", "fold", "magnitude", "halv", "half", "quarter")
_DURATION_CUES = ("hour", "day", "minute", "second")
_WORDS_CUES = (*_MULTIPLE_CUES, *_DURATION_CUES, "数量级", "point")
# "in under one second", "within a single day", "in less than a day": a duration in words; "a" only after a bound
_WORD_DURATION = re.compile(
    r"(?<![A-Za-z-])(?:(?P<pre>under|less\s+than|within|about|nearly|roughly|over|more\s+than)\s+)?"
    r"(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|(?<=within\s)a\s+single|(?<=under\s)a|(?<=within\s)a|"
    r"(?<=than\s)a)\s+"
    r"(?P<unit>(?:[A-Z]\d{2,4}\s+)?GPU[\s-](?:hours?|days?)|hours?|days?|minutes?|seconds?)(?![A-Za-z-])",
    re.IGNORECASE)
# "within one point", "within two percentage points": a score's margin in words
_WORD_MARGIN = re.compile(r"(?<![A-Za-z-])within\s+(?P<n>one|two|three|four|five)\s+(?:[A-Z][\w-]*\s+)?(?:percentage\s+)?"
                          r"points?(?![A-Za-z-])", re.IGNORECASE)
# "adds more than five points", "by about three BLEU points": a gain in points written in words
_WORD_POINTS_GAIN = re.compile(r"(?<![A-Za-z-])(?:adds?|gains?|by|of)\s+(?:(?P<pre>more\s+than|over|about|nearly|almost|"
                               r"roughly)\s+)?(?P<n>two|three|four|five|six|seven|eight|nine|ten)\s+(?:[A-Z][\w-]*\s+)?"
                               r"(?:percentage\s+)?points?(?![A-Za-z-])", re.IGNORECASE)
_DURATION_PRE = {"under": "less than", "less than": "less than", "within": "less than", "about": "about",
                 "nearly": "about", "roughly": "about", "over": "at least", "more than": "at least"}
_ZH_ORDER = re.compile(r"(?:(?P<n>一|两|二|三|四|五|六)(?:[到至~-](?P<m>两|二|三|四|五|六))?个?|(?<![数几多个]))数量级")
# (not "数个数量级": no figure; "一到两个数量级": a range)
_ZH_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_WORD_PRE = {"up to": "up to", "more than": "at least", "over": "at least", "nearly": "about", "almost": "about",
             "about": "about", "roughly": "about"}


def _word_quantities(text: str, lowered: str) -> list[Quantity]:
    found = []
    multiples = _WORD_MULTIPLE.finditer(text) if any(cue in lowered for cue in _MULTIPLE_CUES) else ()
    for match in multiples:
        kind = match.lastgroup
        word = (match.group(kind) or "").lower().split()[0].split("-")[0]
        if word == "a" and kind == "times":
            word = "hundred"  # "a hundred times"
        value_max = None
        if kind == "halve":
            value, unit, unit_kind = 50.0, "%", "percent"
        elif kind == "quarter":
            value, unit, unit_kind = 25.0, "%", "percent"
        elif kind == "order":
            value, unit, unit_kind = 10.0 ** _WORD_NUMBERS[word], "x", "ratio"
        elif kind == "orders":  # "one to two orders of magnitude": 10x to 100x
            value, unit, unit_kind = 10.0 ** _WORD_NUMBERS[word], "x", "ratio"
            value_max = 10.0 ** _WORD_NUMBERS[match.group(kind).lower().split()[-1]]
        else:
            value = {"double": 2, "twice": 2, "by_twice": 2, "triple": 3, "quad": 4}.get(kind) or _WORD_NUMBERS[word]
            unit, unit_kind = "x", "ratio"
        pre = match.group("pre")
        modifier = _WORD_PRE.get(" ".join(pre.lower().split())) if pre else None
        found.append(Quantity(match.start(), match.end(), float(value), value_max, unit, unit_kind, modifier,
                              match.group(0)))
    durations = _WORD_DURATION.finditer(text) if any(cue in lowered for cue in _DURATION_CUES) else ()
    for match in durations:
        written = match.group("unit").lower()
        gpu = "gpu" in written
        if "hour" in written:
            unit = "GPU hours" if gpu else "h"
        elif "day" in written:
            unit = "GPU days" if gpu else "days"
        elif "second" in written:
            unit = "s"
        else:
            unit = "min"
        pre = match.group("pre")
        modifier = _DURATION_PRE.get(" ".join(pre.lower().split())) if pre else None
        found.append(Quantity(match.start(), match.end(), float(_WORD_NUMBERS[match.group("n").lower().split()[0]]),
                              None, unit, "gpu-time" if unit.startswith("GPU") else "time", modifier, match.group(0)))
    margins = _WORD_MARGIN.finditer(text) if "point" in lowered else ()
    for match in margins:  # "keeps its accuracy within one point": a margin in words, modified as a bound
        found.append(Quantity(match.start(), match.end(), float(_WORD_NUMBERS[match.group("n").lower()]), None,
                              "points", "points", "less than", match.group(0)))
    gains = _WORD_POINTS_GAIN.finditer(text) if "point" in lowered else ()
    for match in gains:
        pre = match.group("pre")
        start = match.start("pre") if pre else match.start("n")
        found.append(Quantity(start, match.end(), float(_WORD_NUMBERS[match.group("n").lower()]), None, "points",
                              "points", _WORD_PRE.get(" ".join(pre.lower().split())) if pre else None,
                              text[start:match.end()]))
    if "数量级" in text:
        for match in _ZH_ORDER.finditer(text):
            count = _ZH_COUNTS.get(match.group("n") or "一", 1)
            most = 10.0 ** _ZH_COUNTS[match.group("m")] if match.group("m") else None
            found.append(Quantity(match.start(), match.end(), 10.0 ** count, most, "x", "ratio", None, match.group(0)))
    return found


# Sentence ends: 。！？, or .!? before a capital or the end, except after e.g./i.e./vs./al./Fig./Eq. Evidence reads
# claims sentence by sentence with it, and models the abstract's opening sentence.
SENTENCE_END = re.compile(r"[。！？.!?](?:(?<=[。！？])|(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<!\bal\.)"
                          r"(?<!\bFig\.)(?<!\bEq\.)(?=\s+[A-Z(\"'“]|\s*$))")
# What stands between two items of a list of figures or names: "12x, 9x and 4x", "7B/13B", "A、B和C". Evidence,
# hardware and this module's listed units read lists with it.
LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|(?:and|or)\s+|[、和与及])\s*")
_LISTED_KINDS = {"ratio", "percent", "points"}
# "108 / 74 FPS", "2.78/3.83/5.62 ms": one figure per variant, the unit written once, after the last
_SLASH_LISTED_KINDS = {"time", "rate", "memory", "flops", "energy"}
_SLASH = re.compile(r"\s*/\s*")
_RESPECTIVELY_AFTER = re.compile(r"[^.;。]{0,80}\brespectively\b")  # the rest of the clause says it is a list
_NAME_BEFORE = re.compile(r"\b[A-Z][\w-]*\s+$")  # "Snapdragon 865": a number in a name
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)


def _with_listed_units(text: str, found: list[Quantity]) -> list[Quantity]:
    """"by 3.7, 1.0 and 2.9 points", "by 12, 9 and 4 times": bare numbers listed before the one that carries
    the unit have that unit too. Other units' figures are listed so only before "respectively" ("35, 67 and 405
    fJ/op for binary, ternary and 8-bit, respectively"), or split by slashes."""
    out: list[Quantity | None] = list(found)
    for i in range(len(found) - 1, -1, -1):
        q = found[i]
        if q.kind not in _LISTED_KINDS and q.kind not in _SLASH_LISTED_KINDS:
            continue
        listed = q.kind in _LISTED_KINDS or _RESPECTIVELY_AFTER.match(text, q.end) is not None
        j = i
        while j > 0 and found[j - 1].unit is None and found[j - 1].value_max is None and \
                ((listed and LIST_GAP.fullmatch(text, found[j - 1].end, found[j].start))
                 or _SLASH.fullmatch(text, found[j - 1].end, found[j].start)) and \
                not _NAME_BEFORE.search(text, max(0, found[j - 1].start - 30), found[j - 1].start):
            j -= 1
            bare = found[j]
            if j == i - 1 and _BETWEEN_BEFORE.search(text, max(0, bare.start - 12), bare.start) and \
                    bare.value < q.value:  # "between 1.1 and 1.9 times": one range
                out[j], out[i] = Quantity(bare.start, q.end, bare.value, q.value, q.unit, q.kind, bare.modifier,
                                          text[bare.start:q.end]), None
                break
            out[j] = Quantity(bare.start, bare.end, bare.value, None, q.unit, q.kind, bare.modifier, bare.text)
        if j == i - 1 and out[j] is not None and _COMMA_ONLY.fullmatch(text, found[j].end, q.start):
            out[j] = found[j]  # "a real-time factor of 0.09, 17x faster": two figures side by side, not a list of two
    return [q for q in out if q is not None]


_COMMA_ONLY = re.compile(r"\s*,\s*")
_AND_ONLY = re.compile(r"\s+and\s+")


def _with_between_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """"between 10% and 37%": two figures of one unit after "between" are one range (a bare first figure is
    read with the second's unit by `_with_listed_units`)."""
    out: list[Quantity] = []
    for q in found:
        first = out[-1] if out else None
        if first is not None and first.unit is not None and first.unit == q.unit and first.value_max is None \
                and q.value_max is None and first.value < q.value and _AND_ONLY.fullmatch(text, first.end, q.start) \
                and _BETWEEN_BEFORE.search(text, max(0, first.start - 12), first.start):
            out[-1] = Quantity(first.start, q.end, first.value, q.value, q.unit, q.kind, first.modifier,
                               text[first.start:q.end])
            continue
        out.append(q)
    return out


# "with only 1/6 of the memory", "1/1000 of the memory of PyTorch": a fraction of what a baseline takes, N times less
_FRACTION = re.compile(r"(?<![\w./])1\s?/\s?(\d{1,4})(?![\w./%])(?=\s+(?:of|the)\b)")
_FRACTION_BEFORE = re.compile(r"\b(?:only|just|less\s+than|under|roughly|about|nearly|approximately|merely|mere|"
                              r"to|by)\s+(?:a\s+)?$", re.IGNORECASE)  # a result's, not "rank 1/16 of the width"


# "with less than one-thousandth of the memory": the same fraction in words
_WORD_FRACTION = re.compile(r"(?<![\w-])(?:one|a)[\s-](fifth|tenth|hundredth|thousandth)(?=\s+(?:of|the)\b)",
                            re.IGNORECASE)
_WORD_FRACTION_CUES = re.compile(r"(?:fif|ten|dred|sand)th", re.IGNORECASE)  # a cheap test before the full pattern
_FRACTION_WORDS = {"fifth": 5, "tenth": 10, "hundredth": 100, "thousandth": 1000}


def _with_fractions(text: str, found: list[Quantity]) -> list[Quantity]:
    # a half, a third or a quarter is read as the share it is (25%), a smaller part as how many times less (1/6: 6x)
    # (called only where "1/" or a fraction word stands, see `find_quantities`)
    written = [(m, int(m.group(1))) for m in _FRACTION.finditer(text)] if "1/" in text else []
    written += [(m, _FRACTION_WORDS[m.group(1).lower()]) for m in _WORD_FRACTION.finditer(text)]
    fractions = [Quantity(m.start(), m.end(), round(100 / n, 2), None, "%", "percent", None, m.group(0)) if n <= 4 else
                 Quantity(m.start(), m.end(), float(n), None, "x", "ratio", None, m.group(0))
                 for m, n in written
                 if n >= 2 and _FRACTION_BEFORE.search(text, max(0, m.start() - 24), m.start())]
    if not fractions:
        return found
    kept = [q for q in found if not any(f.start <= q.start < f.end or q.start <= f.start < q.end for f in fractions)]
    return sorted(kept + fractions, key=lambda q: q.start)


# "reduces latency by a factor of 6", "within a factor of two", "a compression factor of 8": a multiple written
# as a factor; a "real-time factor of 0.066" or a "scaling factor of 0.5" is a figure of its own or a setting.
_FACTOR_BEFORE = re.compile(r"(?:\b(?:by|within)\s+(?:a\s+)?|\b(?:speed-?up|compression|reduction|acceleration|"
                            r"improvement)\s+)factor\s+of\s+$", re.IGNORECASE)
# the number words and modifiers of the multiples in words above ("by a factor of about three")
_FACTOR_NUMBER = "|".join(w for w in _WORD_NUMBERS if w not in {"an", "one", "a", "hundred"}) + r"|a\s+hundred"
_FACTOR_PRE = "|".join(pre.replace(" ", r"\s+") for pre in _WORD_PRE)
_FACTOR_WORD = re.compile(rf"\b(?:by|within)\s+(?:a\s+)?factor\s+of\s+(?:(?P<pre>{_FACTOR_PRE})\s+)?(?P<n>{_FACTOR_NUMBER})"
                          r"(?![A-Za-z-])", re.IGNORECASE)


def _with_factors(text: str, found: list[Quantity]) -> list[Quantity]:
    """Bare numbers after "by a factor of" are multiples (x), and so are the number words there."""
    out = [Quantity(q.start, q.end, q.value, q.value_max, "x", "ratio", q.modifier, q.text)
           if q.unit is None and _FACTOR_BEFORE.search(text, max(0, q.start - 40), q.start) else q for q in found]
    for match in _FACTOR_WORD.finditer(text):
        word = match.group("n").lower().split()[-1]
        pre = match.group("pre")
        modifier = _WORD_PRE.get(" ".join(pre.lower().split())) if pre else None
        start = match.start("pre") if pre else match.start("n")
        out.append(Quantity(start, match.end(), float(_WORD_NUMBERS[word]), None, "x", "ratio", modifier,
                            text[start:match.end()]))
    return sorted(out, key=lambda q: q.start)


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, left to right; identifiers, resolutions and ratios excluded."""
    found: list[Quantity] = []
    masked = [(m.start(), m.end()) for m in _MASK.finditer(text)] if _MASK_CUE.search(text) else []
    cursor = 0
    for digit in _NUMBER_RUN.finditer(text):
        if digit.start() < cursor or any(s <= digit.start() < e for s, e in masked):
            continue
        match = _QUANTITY.match(text, digit.start())
        if match is None:
            continue
        cursor = match.end()
        quantity = _quantity(text, match)
        if quantity is None and match.group("num2"):
            # Not a range after all: read the first number alone ("3x to 20 ms", "2024-2025").
            single = _QUANTITY.match(text[:match.start("num2")], match.start())
            quantity = _quantity(text, single) if single and not single.group("num2") else None
            cursor = single.end() if single else cursor
        if quantity is not None:
            found.append(quantity)
    if any(q.unit is None for q in found):
        found = _with_listed_units(text, found)
    if "$" in text:
        found = _with_dollar_costs(text, found)
    if "etween" in text:
        found = _with_between_ranges(text, found)
    if "每" in text:
        found = _with_chinese_rates(text, found)
    if any(q.unit in _SCALES for q in found):
        found = _with_scaled_units(text, found)
    if "1/" in text or _WORD_FRACTION_CUES.search(text):
        found = _with_fractions(text, found)
    if "actor of" in text:
        found = _with_factors(text, found)
    lowered = text.lower()
    if any(cue in lowered for cue in _WORDS_CUES):
        found = sorted(found + _word_quantities(text, lowered), key=lambda q: q.start)
    if "倍" not in text and "半" not in text:
        return found
    for match in _ZH_QUANTITY.finditer(text):
        if match.group("half"):
            half = Quantity(match.start(), match.end(), 50.0, None, "%", "percent", None, match.group(0))
            found.append(half)
            continue
        value = _zh_number(match.group("zh"))
        if value is not None:
            found.append(Quantity(match.start(), match.end(), value, None, "x", "ratio",
                                  _modifier(match, _ZH_MODIFIERS),
                                  match.group(0)))
    return sorted(found, key=lambda q: q.start)

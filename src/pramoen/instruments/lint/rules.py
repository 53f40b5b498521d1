"""Analysis of each rule as the judge would apply it: bands that exceed the items, identical,
overlapping or gapped bands (every subset of up to ``EXHAUSTIVE_LIMIT`` items is tried), and
overlapping or gapped numeric ranges and tiers. Printed (defective) rules kept in a defect's
``printed_rule`` are analysed too, and their findings carry that defect's resolution."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pramoen.instruments.formatting import fmt_number
from pramoen.instruments.lint.linter import Linter, Sink
from pramoen.instruments.schema import (
    Band,
    CountPoints,
    Defect,
    Indicator,
    ItemCountBands,
    NumericThresholds,
)

EXHAUSTIVE_LIMIT = 12  # check every subset of items up to 2**12 = 4096 combinations


def check_rules(linter: Linter) -> None:
    inst = linter.instrument
    for path, _comp, ind in inst.iter_indicators():
        rule = inst.resolve_rule(ind.rule)
        if rule is not None:
            _rule(linter, path, ind, rule, None)
        for defect in linter.declared.get(path, []):
            if defect.printed_rule is not None:
                printed = inst.resolve_rule(defect.printed_rule)
                if printed is not None:
                    _rule(linter, path, ind, printed, defect)


def _rule(linter: Linter, path: str, ind: Indicator, rule: Any, defect: Defect | None) -> None:
    sink = Sink(linter, path, defect)
    if isinstance(rule, ItemCountBands):
        _lint_bands(sink, ind, rule.bands)
    elif isinstance(rule, CountPoints):
        case = rule.case_for(len(ind.items))
        if case is not None:
            _lint_bands(sink, ind, case.bands)
    elif isinstance(rule, NumericThresholds):
        field_spec = linter.instrument.field(rule.input) if rule.input else None
        domain = (field_spec.min, field_spec.max) if field_spec is not None else (None, None)
        _lint_ranges(sink, rule, domain, {lv.id: lv.label_th for lv in ind.levels})


def check_tiers(linter: Linter) -> None:
    tiers = linter.instrument.tiers
    if tiers is None:
        return
    ranges = [(t.min, t.max, t.min_inclusive, t.max_inclusive, t.id) for t in tiers.bands]
    names = {t.id: t.label_th for t in tiers.bands}
    _interval_checks(Sink(linter, "tiers", None), ranges, (None, None), "tier", "รางวัล", names)


def _mask_of(ind: Indicator, refs: list[Any]) -> int:
    mask = 0
    for position, item in enumerate(ind.items, start=1):
        if position in refs or item.id in refs:
            mask |= 1 << (position - 1)
    return mask


def _band_matches(band: Band, mask: int, req: int, among: int | None) -> bool:
    if req and mask & req != req:
        return False
    count = mask.bit_count() if among is None else (mask & among).bit_count()
    if band.min is not None and count < band.min:
        return False
    if band.max is not None and count > band.max:
        return False
    others = (mask & ~req).bit_count()
    if band.others_min is not None and others < band.others_min:
        return False
    return not (band.others_max is not None and others > band.others_max)


def _band_points(ind: Indicator, band: Band) -> Decimal | None:
    if band.points is not None:
        return band.points
    level = next((lv for lv in ind.levels if lv.id == band.level), None)
    return level.points if level is not None else None


def _band_label(band: Band) -> str:
    """The band as the English message names it (ids are fine for developers)."""
    return band.level or (fmt_number(band.points, thai=False) if band.points is not None else "?")


def _band_th(ind: Indicator, band: Band) -> str:
    """The band as an ESA author reads it: the level's printed label, never its id."""
    if band.level:
        level = next((lv for lv in ind.levels if lv.id == band.level), None)
        if level is not None:
            return f"ระดับ “{level.label_th}”"
        return "ที่อ้างถึงระดับที่ไม่มีอยู่"  # the missing level is its own finding
    if band.points is not None:
        return f"ที่ให้ {fmt_number(band.points)} คะแนน"
    return "ที่ไม่ระบุระดับ"


def _lint_bands(sink: Sink, ind: Indicator, bands: list[Band]) -> None:
    n = len(ind.items)
    compiled = []
    for band in bands:
        req = _mask_of(ind, band.requires)
        among = None if band.among is None else _mask_of(ind, band.among)
        compiled.append((band, req, among))
        countable = n if among is None else among.bit_count()
        if band.min is not None and band.min > countable:
            sink.warn(
                "band_exceeds_items",
                f"เกณฑ์{_band_th(ind, band)} ต้องทำได้ {fmt_number(band.min)} รายการ "
                f"แต่มีเพียง {fmt_number(countable)} รายการ",
                f"band {_band_label(band)!r} needs {band.min} items but only {countable} exist",
            )
        needed = req.bit_count() + (band.others_min or 0)
        if needed > n:
            sink.warn(
                "band_exceeds_items",
                f"เกณฑ์{_band_th(ind, band)} ต้องการ {fmt_number(needed)} รายการ "
                f"มีเพียง {fmt_number(n)}",
                f"band {_band_label(band)!r} needs {needed} items but only {n} exist",
            )
    for i, (a, _ra, _aa) in enumerate(compiled):
        for b, _rb, _ab in compiled[i + 1 :]:
            if a.model_dump(exclude={"level", "points", "printed_th"}) == b.model_dump(
                exclude={"level", "points", "printed_th"}
            ):
                sink.warn(
                    "identical_bands",
                    f"เกณฑ์{_band_th(ind, a)} และเกณฑ์{_band_th(ind, b)} เหมือนกันทุกประการ",
                    f"bands {_band_label(a)!r} and {_band_label(b)!r} are identical",
                )
    if n == 0 or n > EXHAUSTIVE_LIMIT:
        return
    overlaps: set[tuple[int, int]] = set()
    gaps: set[int] = set()
    for mask in range(1, 1 << n):
        hits = [
            k
            for k, (band, req, among) in enumerate(compiled)
            if _band_matches(band, mask, req, among)
        ]
        if not hits:
            gaps.add(mask.bit_count())
        for k in hits[1:]:
            overlaps.add((hits[0], k))
    for first, later in sorted(overlaps):
        a, b = compiled[first][0], compiled[later][0]
        if a.model_dump(exclude={"level", "points", "printed_th"}) == b.model_dump(
            exclude={"level", "points", "printed_th"}
        ):
            continue  # already reported as identical
        pa, pb = _band_points(ind, a), _band_points(ind, b)
        if pa is not None and pb is not None and pa >= pb:
            # Ordered bands such as "all 5 items" before "items 1, 2 and 2 others": the higher
            # band is listed first and wins, which is how the forms read; worth knowing only.
            sink.info(
                "overlapping_bands",
                f"เกณฑ์{_band_th(ind, a)} และเกณฑ์{_band_th(ind, b)} ซ้อนทับกัน ใช้เกณฑ์แรกซึ่งให้คะแนนสูงกว่า",
                f"bands {_band_label(a)!r} and {_band_label(b)!r} overlap; the first, "
                "higher band wins",
            )
            continue
        sink.warn(
            "overlapping_bands",
            f"เกณฑ์{_band_th(ind, a)} และเกณฑ์{_band_th(ind, b)} ซ้อนทับกัน (ใช้เกณฑ์แรกที่ตรง)",
            f"bands {_band_label(a)!r} and {_band_label(b)!r} overlap (the first match wins)",
        )
    if gaps:
        counts = sorted(gaps)
        sink.warn(
            "gapped_bands",
            f"ไม่มีเกณฑ์รองรับบางกรณีที่ทำได้ {', '.join(fmt_number(c) for c in counts)} รายการ",
            f"some answers with {counts} items checked match no band",
        )


def _lint_ranges(
    sink: Sink,
    rule: NumericThresholds,
    domain: tuple[Decimal | None, Decimal | None],
    names: Mapping[str, str],
) -> None:
    ranges = [
        (
            r.min,
            r.max,
            r.min_inclusive,
            r.max_inclusive,
            r.level or fmt_number(r.points or 0, False),
        )
        for r in rule.ranges
    ]
    _interval_checks(sink, ranges, domain, "range", "ช่วง", names)


def _interval_checks(
    sink: Sink,
    ranges: list[tuple[Decimal | None, Decimal | None, bool, bool, str]],
    domain: tuple[Decimal | None, Decimal | None],
    what_en_: str,
    what_th: str,
    names: Mapping[str, str] | None = None,
) -> None:
    def th(r: tuple[Any, ...]) -> str:
        # The Thai message names a level or tier by its label; the English one keeps the id.
        return (names or {}).get(r[4], r[4])

    def lo_key(r: tuple[Any, ...]) -> tuple[int, Decimal, int]:
        if r[0] is None:
            return (0, Decimal(0), 0)
        return (1, r[0], 0 if r[2] else 1)

    ordered = sorted(ranges, key=lo_key)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if _overlap(a, b):
                sink.warn(
                    f"overlapping_{what_en_}s",
                    f"{what_th} {th(a)} และ {th(b)} ซ้อนทับกัน (ใช้ช่วงแรกที่ตรง)",
                    f"{what_en_}s {a[4]!r} and {b[4]!r} overlap (the first match wins)",
                )
    for a, b in itertools.pairwise(ordered):
        if a[1] is None or b[0] is None:
            continue
        if a[1] < b[0] or (a[1] == b[0] and not a[3] and not b[2]):
            sink.warn(
                f"gapped_{what_en_}s",
                f"ช่องว่างระหว่าง{what_th} {th(a)} และ {th(b)}: ค่าระหว่าง {fmt_number(a[1])} ถึง "
                f"{fmt_number(b[0])} ไม่เข้าเกณฑ์ใด",
                f"gap between {what_en_}s {a[4]!r} and {b[4]!r}: values from {a[1]} to {b[0]} "
                "match nothing",
            )
    low, high = domain
    if ordered and low is not None:
        first = ordered[0]
        if first[0] is not None and (first[0] > low or (first[0] == low and not first[2])):
            sink.warn(
                f"gapped_{what_en_}s",
                f"ค่าตั้งแต่ {fmt_number(low)} ถึง {fmt_number(first[0])} ไม่เข้าเกณฑ์ใด",
                f"values from {low} to {first[0]} match no {what_en_}",
            )
    if ordered and high is not None:
        top = max(ordered, key=lambda r: (r[1] is None, r[1] or Decimal(0)))
        if top[1] is not None and (top[1] < high or (top[1] == high and not top[3])):
            sink.warn(
                f"gapped_{what_en_}s",
                f"ค่าตั้งแต่ {fmt_number(top[1])} ถึง {fmt_number(high)} ไม่เข้าเกณฑ์ใด",
                f"values from {top[1]} to {high} match no {what_en_}",
            )


def _overlap(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    # does there exist x inside both a and b?
    lo, lo_incl = a[0], a[2]
    if b[0] is not None and (lo is None or b[0] > lo or (b[0] == lo and not b[2])):
        lo, lo_incl = b[0], b[2]
    hi, hi_incl = a[1], a[3]
    if b[1] is not None and (hi is None or b[1] < hi or (b[1] == hi and not b[3])):
        hi, hi_incl = b[1], b[3]
    if lo is None or hi is None:
        return True
    if lo < hi:
        return True
    return bool(lo == hi and lo_incl and hi_incl)

"""Lint an instrument: everything that is ambiguous, inconsistent or unscorable.

Severity policy: **error** only when the instrument cannot be scored (undefined references, levels
without points that a rule uses, duplicate ids, unparsable expressions …); everything else is a
**warning** (overlapping/identical/gapped bands, unreachable bands, stated maxima ≠ computed,
proportions that do not add up, duplicate or skipped printed numbers, declared defects of the
official form, reported with their resolution) or **info**.

A finding detected on a node that already declares a defect with the same ``code`` is the
acknowledged defect: it is reported once, with that defect's resolution.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from pramoen.instruments.compiler import CompileError, compile_instrument
from pramoen.instruments.conditions import ConditionCompiler
from pramoen.instruments.formatting import fmt_number
from pramoen.instruments.schema import (
    Band,
    CountPoints,
    Defect,
    Indicator,
    Instrument,
    ItemCountBands,
    NumericThresholds,
    OverrideError,
    Rule,
    UseDefinition,
    check_override_key,
)
from pramoen.thai.digits import to_arabic_digits

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
EXHAUSTIVE_LIMIT = 12  # check every subset of items up to 2**12 = 4096 combinations


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str
    path: str  # stable path: "", "c1", "c1.i1", "c1.i1.3", "fields.x", "tiers", …
    location: str  # human: instrument › component › indicator › item
    message_th: str
    message_en: str
    resolution: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "path": self.path,
            "location": self.location,
            "message_th": self.message_th,
            "message_en": self.message_en,
            "resolution": self.resolution,
        }

    def render(self) -> str:
        head = f"{self.severity.upper()} {self.location} [{self.code}]"
        text = f"{head}: {self.message_en} / {self.message_th}"
        if self.resolution:
            text += f"\n    resolution: {self.resolution.get('reading_th')}"
            if self.resolution.get("esa_decision"):
                text += " (ESA decision)"
        return text


@dataclass
class _Linter:
    instrument: Instrument
    findings: list[Finding] = field(default_factory=list)
    declared: dict[str, list[Defect]] = field(default_factory=dict)
    acknowledged: set[tuple[str, str]] = field(default_factory=set)

    # -- helpers

    def location(self, path: str) -> str:
        parts = [self.instrument.id]
        if not path:
            return parts[0]
        segments = path.split(".")
        if segments[0] in ("fields", "evidence", "gates", "tiers", "aggregation", "definitions"):
            return " › ".join([*parts, *segments])
        comp = next((c for c in self.instrument.rubric.components if c.id == segments[0]), None)
        if comp is None:
            return " › ".join([*parts, *segments])
        parts.append(f"องค์ประกอบ {comp.number or comp.id}")
        if len(segments) >= 2:
            ind = next((i for i in comp.indicators if i.id == segments[1]), None)
            parts.append(f"ตัวชี้วัด {ind.number if ind and ind.number else segments[1]}")
            if len(segments) >= 3 and ind is not None:
                item = next((it for it in ind.items if it.id == segments[2]), None)
                parts.append(f"รายการ {item.number if item and item.number else segments[2]}")
        return " › ".join(parts)

    def add(
        self,
        severity: Severity,
        code: str,
        path: str,
        th: str,
        en: str,
        resolution: dict[str, Any] | None = None,
    ) -> None:
        if resolution is None:
            for defect in self.declared.get(path, []):
                if defect.code == code and defect.resolution is not None:
                    resolution = defect.resolution.model_dump(exclude_none=True)
                    self.acknowledged.add((path, defect.id))
                    if severity == "error":
                        severity = "error"  # an error stays an error: it cannot be scored
                    break
        self.findings.append(Finding(severity, code, path, self.location(path), th, en, resolution))

    # -- passes

    def collect_defects(self) -> None:
        inst = self.instrument
        self.declared[""] = list(inst.defects) + list(inst.rubric.defects) + list(inst.form.defects)
        if inst.tiers is not None:
            self.declared["tiers"] = list(inst.tiers.defects)
        for comp in inst.rubric.components:
            self.declared[comp.id] = list(comp.defects)
            for ind in comp.indicators:
                path = f"{comp.id}.{ind.id}"
                found = list(ind.defects)
                for level in ind.levels:
                    found.extend(level.defects)
                self.declared[path] = found
                for item in ind.items:
                    self.declared[f"{path}.{item.id}"] = list(item.defects)
        for f in inst.form.fields:
            self.declared[f"fields.{f.id}"] = list(f.defects)
        for e in inst.form.evidence:
            self.declared[f"evidence.{e.id}"] = list(e.defects)
        for g in inst.gates:
            self.declared[f"gates.{g.id}"] = list(g.defects)

    def duplicates(self) -> None:
        inst = self.instrument

        def dup(ids: Iterable[str], path: str, what: str) -> None:
            for value, count in Counter(ids).items():
                if count > 1:
                    self.add(
                        "error",
                        "duplicate_id",
                        path,
                        f"รหัส{what} {value!r} ซ้ำ {count} ครั้ง",
                        f"duplicate {what_en(what)} id {value!r} ({count}×)",
                    )

        dup((c.id for c in inst.rubric.components), "", "องค์ประกอบ")
        for comp in inst.rubric.components:
            dup((i.id for i in comp.indicators), comp.id, "ตัวชี้วัด")
            for ind in comp.indicators:
                path = f"{comp.id}.{ind.id}"
                dup((str(it.id) for it in ind.items), path, "รายการ")
                dup((lv.id for lv in ind.levels), path, "ระดับ")
        dup((f.id for f in inst.form.fields), "fields", "ช่องข้อมูล")
        dup((e.id for e in inst.form.evidence), "evidence", "หลักฐาน")
        dup((g.id for g in inst.gates), "gates", "ประตูผ่าน")
        if inst.tiers:
            dup((t.id for t in inst.tiers.bands), "tiers", "รางวัล")

    def compile(self) -> Any:
        try:
            return compile_instrument(self.instrument)
        except CompileError as exc:
            for path, th, en in exc.problems:
                self.add("error", "unscorable", path, th, en)
            return None

    def references(self) -> None:
        inst = self.instrument
        compiler = ConditionCompiler(inst)
        for f in inst.form.fields:
            if f.applies_when is not None:
                compiler.condition(f.applies_when, f"fields.{f.id}", set())
        for e in inst.form.evidence:
            if e.applies_when is not None:
                compiler.condition(e.applies_when, f"evidence.{e.id}", set())
            if e.indicator is not None and inst.indicator(e.indicator) is None:
                self.add(
                    "error",
                    "undefined_reference",
                    f"evidence.{e.id}",
                    f"ช่องหลักฐานอ้างถึงตัวชี้วัดที่ไม่มีอยู่: {e.indicator}",
                    f"evidence slot refers to an undefined indicator {e.indicator!r}",
                )
        for path, th, en in compiler.problems:
            self.add("error", "undefined_reference", path, th, en)
        components = {c.id for c in inst.rubric.components}
        for proportion in inst.aggregation.proportions or []:
            if proportion.component not in components:
                self.add(
                    "error",
                    "undefined_reference",
                    "aggregation",
                    f"สัดส่วนคะแนนอ้างถึงองค์ประกอบที่ไม่มีอยู่: {proportion.component}",
                    f"proportion refers to an undefined component {proportion.component!r}",
                )
        # parameters named by resolutions must be real override keys
        data = inst.model_dump(mode="json", by_alias=True, exclude_none=True)
        for path, defects in self.declared.items():
            for defect in defects:
                if defect.resolution is None:
                    continue
                for key in defect.resolution.parameters:
                    try:
                        check_override_key(data, key)
                    except OverrideError:
                        self.add(
                            "warning",
                            "bad_parameter",
                            path,
                            f"พารามิเตอร์ {key!r} ของข้อบกพร่อง {defect.id} ไม่มีอยู่จริง",
                            f"resolution parameter {key!r} of defect {defect.id!r} names nothing",
                        )

    def provenance(self) -> None:
        """Texts the form does not print: marked ``esa_text`` with a resolution, or reported."""
        from pramoen.instruments.provenance import check_provenance

        inst = self.instrument
        nodes: list[tuple[str, Any]] = []
        for comp in inst.rubric.components:
            nodes.append((comp.id, comp))
            for ind in comp.indicators:
                path = f"{comp.id}.{ind.id}"
                nodes.append((path, ind))
                nodes.extend((f"{path}.{item.id}", item) for item in ind.items)
                nodes.extend((path, level) for level in ind.levels)
        for path, node in nodes:
            if node.esa_text and not any(d.resolution is not None for d in node.defects):
                self.add(
                    "error",
                    "esa_text_unresolved",
                    path,
                    "ข้อความที่เขตพื้นที่กำหนดเอง (esa_text) ต้องมีข้อบกพร่องพร้อมแนวทางแก้ไขที่อธิบายที่มา",
                    "a text marked esa_text needs a defect with a resolution that explains it",
                )
        for check in check_provenance(inst):
            if check.document is None or check.ok:
                continue
            from pramoen.instruments.provenance import source_lines

            if source_lines(check.document, None) is None:
                continue  # a source we do not ship (an ESA's own form): nothing to compare with
            where = f"บรรทัด {check.lines}" if check.lines else "ต้นฉบับ"
            self.add(
                "warning",
                "text_not_in_source",
                check.path.split("/")[0],
                f"ไม่พบข้อความ “{check.text[:60]}” ใน{where}ที่อ้างถึง",
                f"text {check.text[:60]!r} not found in the cited source lines {check.lines}",
            )

    def levels(self) -> None:
        for path, _comp, ind in self.instrument.iter_indicators():
            for level in ind.levels:
                if level.points is None:
                    self.add(
                        "warning",
                        "missing_points",
                        path,
                        f"ระดับ {level.label_th} ไม่มีคะแนน",
                        f"level {level.id!r} has no points",
                    )

    def numbering(self) -> None:
        inst = self.instrument
        self.sequence("", [(c.id, c.number) for c in inst.rubric.components], "องค์ประกอบ")
        for comp in inst.rubric.components:
            self.sequence(comp.id, [(i.id, i.number) for i in comp.indicators], "ตัวชี้วัด")
            for ind in comp.indicators:
                path = f"{comp.id}.{ind.id}"
                self.sequence(path, [(str(it.id), it.number) for it in ind.items], "รายการ")

    def sequence(self, path: str, numbered: list[tuple[str, str | None]], what: str) -> None:
        values = []
        for _node_id, number in numbered:
            if number is None:
                continue
            digits = re.findall(r"\d+", to_arabic_digits(number))
            if digits:
                values.append(int(digits[-1]))
        if len(values) < 2:
            return
        for value, count in Counter(values).items():
            if count > 1:
                self.add(
                    "warning",
                    "numbering",
                    path,
                    f"เลข{what}ที่พิมพ์ {fmt_number(value)} ซ้ำ {fmt_number(count)} ครั้ง",
                    f"printed {what_en(what)} number {value} appears {count} times",
                )
        expected = list(range(values[0], values[0] + len(values)))
        if sorted(set(values)) != sorted(set(expected)) or values != sorted(values):
            missing = sorted(set(range(min(values), max(values) + 1)) - set(values))
            if missing:
                self.add(
                    "warning",
                    "numbering",
                    path,
                    f"เลข{what}ที่พิมพ์ข้าม: ไม่มี {', '.join(fmt_number(m) for m in missing)}",
                    f"printed {what_en(what)} numbers skip {missing}",
                )
            elif values != sorted(values):
                self.add(
                    "warning",
                    "numbering",
                    path,
                    f"เลข{what}ที่พิมพ์ไม่เรียงลำดับ",
                    f"printed {what_en(what)} numbers are out of order: {values}",
                )

    def rules(self) -> None:
        inst = self.instrument
        for path, _comp, ind in inst.iter_indicators():
            rule = _resolve(inst, ind.rule)
            if rule is not None:
                self.rule(path, ind, rule, None)
            for defect in self.declared.get(path, []):
                if defect.printed_rule is not None:
                    printed = _resolve(inst, defect.printed_rule)
                    if printed is not None:
                        self.rule(path, ind, printed, defect)

    def rule(self, path: str, ind: Indicator, rule: Any, defect: Defect | None) -> None:
        sink = _Sink(self, path, defect)
        if isinstance(rule, ItemCountBands):
            _lint_bands(sink, ind, rule.bands)
        elif isinstance(rule, CountPoints):
            n_items = len(ind.items)
            chosen = [c for c in rule.cases if c.when_items == n_items] or [
                c for c in rule.cases if c.when_items is None
            ]
            if chosen:
                _lint_bands(sink, ind, chosen[0].bands)
        elif isinstance(rule, NumericThresholds):
            field_spec = self.instrument.field(rule.input) if rule.input else None
            domain = (field_spec.min, field_spec.max) if field_spec is not None else (None, None)
            _lint_ranges(sink, rule, domain)

    def maxima(self, compiled: Any) -> None:
        if compiled is None:
            return
        inst = self.instrument
        total = Decimal(0)
        by_component: dict[str, Decimal] = {}
        for comp in compiled.components:
            raw_max = sum((i.maximum for i in comp.indicators), Decimal(0))
            for ind in comp.indicators:
                if ind.stated_max is not None and ind.stated_max != ind.maximum:
                    self.add(
                        "warning",
                        "stated_max_mismatch",
                        ind.path,
                        f"คะแนนเต็มที่พิมพ์ {fmt_number(ind.stated_max)} ไม่เท่ากับที่คำนวณได้ "
                        f"{fmt_number(ind.maximum)}",
                        f"stated maximum {ind.stated_max} ≠ computed {ind.maximum}",
                    )
            source = next(c for c in inst.rubric.components if c.id == comp.path)
            comp_max = comp.scale_to if comp.scale_to is not None else raw_max
            by_component[comp.path] = comp_max
            total += comp_max
            if source.stated_max is not None and source.stated_max != comp_max:
                self.add(
                    "warning",
                    "stated_max_mismatch",
                    comp.path,
                    f"คะแนนรวมองค์ประกอบที่พิมพ์ {fmt_number(source.stated_max)} ไม่เท่ากับที่คำนวณได้ "
                    f"{fmt_number(comp_max)}",
                    f"component stated maximum {source.stated_max} ≠ computed {comp_max}",
                )
            scale = source.scale
            if scale is not None:
                full = raw_max if scale.full == "computed" else scale.full
                if scale.stated_full is not None and scale.stated_full != raw_max:
                    self.add(
                        "warning",
                        "scale_mismatch",
                        comp.path,
                        f"คะแนนเต็มในสูตรที่พิมพ์ {fmt_number(scale.stated_full)} ไม่เท่ากับผลรวมคะแนนเต็ม"
                        f"ของตัวชี้วัด {fmt_number(raw_max)} (ใช้ {fmt_number(full)})",
                        f"formula full score printed {scale.stated_full} ≠ sum of indicator maxima "
                        f"{raw_max} (using {full})",
                    )
                elif scale.full != "computed" and scale.full != raw_max:
                    self.add(
                        "warning",
                        "scale_mismatch",
                        comp.path,
                        f"คะแนนเต็มในสูตร {fmt_number(full)} ไม่เท่ากับผลรวมคะแนนเต็ม "
                        f"{fmt_number(raw_max)}",
                        f"formula full {full} ≠ sum of indicator maxima {raw_max}",
                    )
        agg = inst.aggregation
        if agg.stated_max is not None and agg.stated_max != total:
            self.add(
                "warning",
                "stated_max_mismatch",
                "aggregation",
                f"คะแนนรวมที่พิมพ์ {fmt_number(agg.stated_max)} ไม่เท่ากับที่คำนวณได้ {fmt_number(total)}",
                f"stated total {agg.stated_max} ≠ computed {total}",
            )
        if agg.proportions:
            share = sum((p.points for p in agg.proportions), Decimal(0))
            if agg.stated_max is not None and share != agg.stated_max:
                self.add(
                    "warning",
                    "proportion_mismatch",
                    "aggregation",
                    f"สัดส่วนคะแนนรวมกันได้ {fmt_number(share)} ไม่เท่ากับ {fmt_number(agg.stated_max)}",
                    f"proportions add up to {share}, not {agg.stated_max}",
                )
            for p in agg.proportions:
                actual = by_component.get(p.component)
                if actual is not None and actual != p.points:
                    self.add(
                        "warning",
                        "proportion_mismatch",
                        p.component,
                        f"สัดส่วนที่พิมพ์ {fmt_number(p.points)} ไม่เท่ากับคะแนนเต็มองค์ประกอบ "
                        f"{fmt_number(actual)}",
                        f"proportion {p.points} ≠ component maximum {actual}",
                    )

    def tiers(self) -> None:
        tiers = self.instrument.tiers
        if tiers is None:
            return
        ranges = [(t.min, t.max, t.min_inclusive, t.max_inclusive, t.id) for t in tiers.bands]
        _interval_checks(_Sink(self, "tiers", None), ranges, (None, None), "tier", "รางวัล")

    def declared_defects(self) -> None:
        for path, defects in self.declared.items():
            for defect in defects:
                if (path, defect.id) in self.acknowledged:
                    continue
                if defect.resolution is None:
                    self.add(
                        "warning",
                        "unresolved_defect",
                        path,
                        f"ข้อบกพร่องของแบบฟอร์มยังไม่มีแนวทางแก้ไข: {defect.form_says_th}",
                        f"form defect {defect.id!r} ({defect.code}) has no resolution",
                    )
                    continue
                self.findings.append(
                    Finding(
                        "warning",
                        defect.code,
                        path,
                        self.location(path),
                        f"ข้อบกพร่องของแบบฟอร์ม: {defect.form_says_th}",
                        defect.note_en or f"form defect {defect.id!r} ({defect.code})",
                        defect.resolution.model_dump(exclude_none=True),
                    )
                )


def what_en(what: str) -> str:
    return {
        "องค์ประกอบ": "component",
        "ตัวชี้วัด": "indicator",
        "รายการ": "item",
        "ระดับ": "level",
        "ช่องข้อมูล": "field",
        "หลักฐาน": "evidence",
        "ประตูผ่าน": "gate",
        "รางวัล": "tier",
    }.get(what, what)


def _resolve(instrument: Instrument, rule: Rule) -> Any:
    if isinstance(rule, UseDefinition):
        return instrument.definitions.get(rule.name)
    return rule


class _Sink:
    """Routes findings of a rule analysis; for a printed (defective) rule, attaches its defect."""

    def __init__(self, linter: _Linter, path: str, defect: Defect | None) -> None:
        self.linter = linter
        self.path = path
        self.defect = defect

    def info(self, code: str, th: str, en: str) -> None:
        if self.defect is None:
            self.linter.add("info", code, self.path, th, en)
        else:
            self.warn(code, th, en)

    def warn(self, code: str, th: str, en: str) -> None:
        if self.defect is None:
            self.linter.add("warning", code, self.path, th, en)
            return
        resolution = (
            self.defect.resolution.model_dump(exclude_none=True) if self.defect.resolution else None
        )
        self.linter.acknowledged.add((self.path, self.defect.id))
        self.linter.findings.append(
            Finding(
                "warning",
                code,
                self.path,
                self.linter.location(self.path),
                f"ตามที่พิมพ์ในแบบฟอร์ม: {th}",
                f"as printed on the form: {en}",
                resolution,
            )
        )


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
    return band.level or (fmt_number(band.points, thai=False) if band.points is not None else "?")


def _lint_bands(sink: _Sink, ind: Indicator, bands: list[Band]) -> None:
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
                f"เกณฑ์ {_band_label(band)} ต้องทำได้ {fmt_number(band.min)} รายการ "
                f"แต่มีเพียง {fmt_number(countable)} รายการ",
                f"band {_band_label(band)!r} needs {band.min} items but only {countable} exist",
            )
        needed = req.bit_count() + (band.others_min or 0)
        if needed > n:
            sink.warn(
                "band_exceeds_items",
                f"เกณฑ์ {_band_label(band)} ต้องการ {fmt_number(needed)} รายการ "
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
                    f"เกณฑ์ {_band_label(a)} และ {_band_label(b)} เหมือนกันทุกประการ",
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
                f"เกณฑ์ {_band_label(a)} และ {_band_label(b)} ซ้อนทับกัน ใช้เกณฑ์แรกซึ่งให้คะแนนสูงกว่า",
                f"bands {_band_label(a)!r} and {_band_label(b)!r} overlap; the first, "
                "higher band wins",
            )
            continue
        sink.warn(
            "overlapping_bands",
            f"เกณฑ์ {_band_label(a)} และ {_band_label(b)} ซ้อนทับกัน (ใช้เกณฑ์แรกที่ตรง)",
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
    sink: _Sink, rule: NumericThresholds, domain: tuple[Decimal | None, Decimal | None]
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
    _interval_checks(sink, ranges, domain, "range", "ช่วง")


def _interval_checks(
    sink: _Sink,
    ranges: list[tuple[Decimal | None, Decimal | None, bool, bool, str]],
    domain: tuple[Decimal | None, Decimal | None],
    what_en_: str,
    what_th: str,
) -> None:
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
                    f"{what_th} {a[4]} และ {b[4]} ซ้อนทับกัน (ใช้ช่วงแรกที่ตรง)",
                    f"{what_en_}s {a[4]!r} and {b[4]!r} overlap (the first match wins)",
                )
    for a, b in itertools.pairwise(ordered):
        if a[1] is None or b[0] is None:
            continue
        if a[1] < b[0] or (a[1] == b[0] and not a[3] and not b[2]):
            sink.warn(
                f"gapped_{what_en_}s",
                f"ช่องว่างระหว่าง{what_th} {a[4]} และ {b[4]}: ค่าระหว่าง {fmt_number(a[1])} ถึง "
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
    return lo == hi and lo_incl and hi_incl


def lint(instrument: Instrument) -> list[Finding]:
    """All findings for ``instrument``, errors first."""
    linter = _Linter(instrument)
    linter.collect_defects()
    linter.duplicates()
    compiled = linter.compile()
    linter.references()
    linter.levels()
    linter.provenance()
    linter.numbering()
    linter.rules()
    linter.maxima(compiled)
    linter.tiers()
    linter.declared_defects()
    unique: dict[tuple[Any, ...], Finding] = {}
    for finding in linter.findings:
        unique.setdefault(
            (finding.severity, finding.code, finding.path, finding.message_en), finding
        )
    return sorted(unique.values(), key=lambda f: (SEVERITY_ORDER[f.severity], f.path, f.code))


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)

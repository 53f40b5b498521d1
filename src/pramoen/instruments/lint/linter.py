"""The linter's state: findings, the defects each node declares, and which of them a finding
acknowledged (reported once, with the defect's resolution)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pramoen.instruments.lint.findings import Finding, Severity
from pramoen.instruments.schema import Defect, Instrument


@dataclass
class Linter:
    """The findings of one instrument so far, and the defects its nodes declare."""

    instrument: Instrument
    findings: list[Finding] = field(default_factory=list)
    declared: dict[str, list[Defect]] = field(default_factory=dict)
    acknowledged: set[tuple[str, str]] = field(default_factory=set)

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
                    break  # the severity stays: an acknowledged error still cannot be scored
        self.findings.append(Finding(severity, code, path, self.location(path), th, en, resolution))

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


class Sink:
    """Routes findings of a rule analysis; for a printed (defective) rule, attaches its defect."""

    def __init__(self, linter: Linter, path: str, defect: Defect | None) -> None:
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

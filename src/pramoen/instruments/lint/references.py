"""Checks that what the instrument names exists: compilation, references in conditions,
evidence and proportions, resolution parameters, and the source lines texts cite."""

from __future__ import annotations

from typing import Any

from pramoen.instruments.compiled import CompiledInstrument
from pramoen.instruments.compiler import CompileError, compile_instrument
from pramoen.instruments.conditions import ConditionCompiler
from pramoen.instruments.lint.linter import Linter
from pramoen.instruments.provenance import check_provenance, source_lines
from pramoen.instruments.schema import ESA_AUTHORED_NOTICE_TH, OverrideError, check_override_key


def compile_or_report(linter: Linter) -> CompiledInstrument | None:
    try:
        return compile_instrument(linter.instrument)
    except CompileError as exc:
        for path, th, en in exc.problems:
            linter.add("error", "unscorable", path, th, en)
        return None


def check_references(linter: Linter) -> None:
    inst = linter.instrument
    compiler = ConditionCompiler(inst)
    for f in inst.form.fields:
        if f.applies_when is not None:
            compiler.condition(f.applies_when, f"fields.{f.id}", set())
    for e in inst.form.evidence:
        if e.applies_when is not None:
            compiler.condition(e.applies_when, f"evidence.{e.id}", set())
        if e.indicator is not None and inst.indicator(e.indicator) is None:
            linter.add(
                "error",
                "undefined_reference",
                f"evidence.{e.id}",
                f"ช่องหลักฐานอ้างถึงตัวชี้วัดที่ไม่มีอยู่: {e.indicator}",
                f"evidence slot refers to an undefined indicator {e.indicator!r}",
            )
    for path, th, en in compiler.problems:
        linter.add("error", "undefined_reference", path, th, en)
    components = {c.id for c in inst.rubric.components}
    for proportion in inst.aggregation.proportions or []:
        if proportion.component not in components:
            linter.add(
                "error",
                "undefined_reference",
                "aggregation",
                f"สัดส่วนคะแนนอ้างถึงองค์ประกอบที่ไม่มีอยู่: {proportion.component}",
                f"proportion refers to an undefined component {proportion.component!r}",
            )
    # parameters named by resolutions must be real override keys
    data = inst.model_dump(mode="json", by_alias=True, exclude_none=True)
    for path, defects in linter.declared.items():
        for defect in defects:
            if defect.resolution is None:
                continue
            for key in defect.resolution.parameters:
                try:
                    check_override_key(data, key)
                except OverrideError:
                    linter.add(
                        "warning",
                        "bad_parameter",
                        path,
                        f"พารามิเตอร์ {key!r} ของข้อบกพร่อง {defect.id} ไม่มีอยู่จริง",
                        f"resolution parameter {key!r} of defect {defect.id!r} names nothing",
                    )


def check_texts(linter: Linter) -> None:
    """Texts the form does not print: marked ``esa_text`` with a resolution, or reported."""
    inst = linter.instrument
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
            linter.add(
                "error",
                "esa_text_unresolved",
                path,
                "ข้อความที่เขตพื้นที่กำหนดเอง (esa_text) ต้องมีข้อบกพร่องพร้อมแนวทางแก้ไขที่อธิบายที่มา",
                "a text marked esa_text needs a defect with a resolution that explains it",
            )
    check_esa_authored(linter)
    for check in check_provenance(inst):
        if check.document is None or check.ok:
            continue
        if source_lines(check.document, None) is None:
            continue  # a source we do not ship (an ESA's own form): nothing to compare with
        where = f"บรรทัด {check.lines}" if check.lines else "ต้นฉบับ"
        linter.add(
            "warning",
            "text_not_in_source",
            check.path.split("/")[0],
            f"ไม่พบข้อความ “{check.text[:60]}” ใน{where}ที่อ้างถึง",
            f"text {check.text[:60]!r} not found in the cited source lines {check.lines}",
        )


def check_esa_authored(linter: Linter) -> None:
    """An ESA-authored instrument never presents itself as a printed form: no source on the
    instrument itself, and the standard notice (people must be told no form was printed)."""
    inst = linter.instrument
    if inst.esa_authored is None:
        return
    if inst.source is not None:
        linter.add(
            "error",
            "esa_authored_cites_source",
            "",
            "แบบที่เขตพื้นที่จัดทำขึ้นเองต้องไม่อ้างแหล่งที่มาทั้งฉบับ (ประกาศไม่มีแบบฟอร์ม)",
            "an ESA-authored instrument must not cite a source for the whole instrument",
        )
    if ESA_AUTHORED_NOTICE_TH not in inst.esa_authored.notice_th:
        linter.add(
            "error",
            "esa_authored_notice",
            "",
            f"ข้อความแจ้งผู้ใช้ต้องมีข้อความ “{ESA_AUTHORED_NOTICE_TH}”",
            f"the notice must contain {ESA_AUTHORED_NOTICE_TH!r}",
        )

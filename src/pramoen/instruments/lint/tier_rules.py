"""Tier rules and the tie-break order (``tiers.rules``, ``tiers.tie_break``): what they name
must exist, percentages must be percentages, and a rule must say something."""

from __future__ import annotations

from decimal import Decimal

from pramoen.instruments.lint.linter import Linter


def check_tier_rules(linter: Linter) -> None:
    tiers = linter.instrument.tiers
    if tiers is None:
        return
    bands = {t.id for t in tiers.bands}
    for n, rule in enumerate(tiers.rules or [], start=1):
        if rule.tier not in bands:
            linter.add(
                "error",
                "tier_rule_unknown_tier",
                "tiers",
                f"เงื่อนไขระดับรางวัลข้อ {n} อ้างถึงระดับรางวัลที่ไม่มีในเกณฑ์ ({rule.tier})",
                f"Tier rule {n} names tier {rule.tier!r}, which has no band.",
            )
        pct = rule.min_component_percent
        if pct is not None and not Decimal(0) <= pct <= Decimal(100):
            linter.add(
                "error",
                "tier_rule_percent_range",
                "tiers",
                f"เงื่อนไขระดับรางวัลข้อ {n}: ร้อยละขั้นต่ำขององค์ประกอบต้องอยู่ระหว่าง 0 ถึง 100",
                f"Tier rule {n}: min_component_percent {pct} is not between 0 and 100.",
            )
        if pct is None and not rule.all_gates_passed and rule.min_judges is None:
            linter.add(
                "warning",
                "tier_rule_empty",
                "tiers",
                f"เงื่อนไขระดับรางวัลข้อ {n} ไม่ได้กำหนดเงื่อนไขใด",
                f"Tier rule {n} sets no condition.",
            )
        if rule.all_gates_passed and not linter.instrument.gates:
            linter.add(
                "warning",
                "tier_rule_no_gates",
                "tiers",
                f"เงื่อนไขระดับรางวัลข้อ {n} ให้ผ่านเงื่อนไขทุกข้อ แต่เกณฑ์นี้ไม่มีเงื่อนไข (gate)",
                f"Tier rule {n} needs every gate passed, but the instrument has no gates.",
            )
    components = {c.id for c in linter.instrument.rubric.components}
    seen: set[str] = set()
    for cid in tiers.tie_break or []:
        if cid not in components:
            linter.add(
                "error",
                "tie_break_unknown_component",
                "tiers",
                f"ลำดับการตัดสินเมื่อคะแนนเท่ากันอ้างถึงองค์ประกอบที่ไม่มีในเกณฑ์ ({cid})",
                f"tie_break names component {cid!r}, which the rubric does not have.",
            )
        if cid in seen:
            linter.add(
                "warning",
                "tie_break_duplicate",
                "tiers",
                f"ลำดับการตัดสินเมื่อคะแนนเท่ากันระบุองค์ประกอบ {cid} ซ้ำ",
                f"tie_break lists component {cid!r} twice.",
            )
        seen.add(cid)


def check_gates(linter: Linter) -> None:
    """A pass/fail gate must check something: with no indicator to check it would pass every
    entry (an empty list, or no pass/fail indicator in the instrument to default to)."""
    inst = linter.instrument
    pass_fail = [
        ind
        for _path, _c, ind in inst.iter_indicators()
        if getattr(inst.resolve_rule(ind.rule), "kind", None) == "pass_fail"
    ]
    for gate in inst.gates:
        if gate.kind != "all_pass":
            continue
        if gate.indicators == [] or (gate.indicators is None and not pass_fail):
            linter.add(
                "error",
                "gate_without_indicators",
                f"gates.{gate.id}",
                f"เงื่อนไข “{gate.title_th}” ไม่มีตัวชี้วัดผ่าน/ไม่ผ่านให้ตรวจ จึงผ่านทุกผลงาน "
                "กรุณาระบุตัวชี้วัดที่ต้องผ่าน หรือลบเงื่อนไขนี้",
                f"Gate {gate.id!r} checks no pass/fail indicator, so every entry would pass it.",
            )

"""Compile an instrument once into :class:`~pramoen.instruments.compiled.CompiledInstrument`.

Every problem that makes an instrument unscorable (an undefined item, level, field, indicator or
definition, a bad expression, a level without points, a formula with ``full <= 0``, cyclic
references) is collected and raised together as :class:`CompileError`; lint reports the same
problems as errors.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from pramoen.instruments.compiled import CompiledInstrument
from pramoen.instruments.conditions import ConditionCompiler
from pramoen.instruments.evaluators import (
    bands_evaluator,
    choice_evaluator,
    condition_evaluator,
    level_evaluator,
    numeric_evaluator,
    pass_evaluator,
)
from pramoen.instruments.expr import ExpressionError, compile_expression
from pramoen.instruments.hashing import version_hash
from pramoen.instruments.schema import (
    Band,
    ConditionLevels,
    CountPoints,
    Indicator,
    Instrument,
    ItemChoice,
    ItemCountBands,
    LevelChoice,
    NumericThresholds,
    PassFail,
    UseDefinition,
    apply_overrides,
)
from pramoen.instruments.structure import (
    ZERO,
    CComponent,
    CGate,
    CIndicator,
    CTier,
    Ctx,
    Outcome,
    Target,
)


class CompileError(ValueError):
    """The instrument cannot be scored (lint reports the same problems as errors)."""

    def __init__(self, problems: list[tuple[str, str, str]]) -> None:
        self.problems = problems  # (path, message_th, message_en)
        super().__init__("; ".join(f"{p}: {en}" for p, _th, en in problems))


class _Compiler(ConditionCompiler):
    """Compiles each indicator's rule into its targets and evaluator closure."""

    def indicator(self, cpath: str, path: str, ind: Indicator) -> CIndicator:
        rule = ind.rule
        if isinstance(rule, UseDefinition):
            resolved = self.instrument.resolve_rule(rule)
            if resolved is None or isinstance(resolved, UseDefinition):
                self.problem(
                    path,
                    f"ไม่พบกฎชื่อ {rule.name} ใน definitions",
                    f"rule 'use' refers to an undefined definition {rule.name!r}",
                )
                rule = LevelChoice(kind="level_choice")
            else:
                rule = resolved
        bits = self.bits[path]
        deps: set[str] = set()
        levels = {lv.id: lv for lv in ind.levels}

        def target(level: str | None, points: Decimal | None, printed: str | None) -> Target:
            label = None
            if level is not None:
                lv = levels.get(level)
                if lv is None:
                    self.problem(path, f"ไม่มีระดับ {level} ในตัวชี้วัดนี้", f"undefined level {level!r}")
                else:
                    label = lv.label_th
                    if points is None:
                        points = lv.points
                    if points is None:
                        self.problem(
                            path,
                            f"ระดับ {lv.label_th} ไม่มีคะแนน",
                            f"level {level!r} has no points",
                        )
            return Target(points if points is not None else ZERO, level, label, printed)

        evaluate: Callable[[Any, Ctx], Outcome]
        targets: list[Target] = []
        case_items = None
        unit = unit_en = None
        if isinstance(rule, ItemCountBands | CountPoints):
            if isinstance(rule, CountPoints):
                n_items = len(ind.items)
                count_case = rule.case_for(n_items)
                if count_case is None:
                    self.problem(
                        path,
                        f"ไม่มีกรณีสำหรับ {n_items} ข้อปฏิบัติ",
                        f"count_points has no case for {n_items} items",
                    )
                    bands: list[Band] = []
                else:
                    bands = count_case.bands
                    case_items = count_case.when_items
            else:
                bands = rule.bands
            compiled = []
            for band in bands:
                targets.append(target(band.level, band.points, band.printed_th))
                req = self._mask(path, band.requires, bits)
                among = None if band.among is None else self._mask(path, band.among, bits)
                compiled.append((band.min, band.max, req, among, band.others_min, band.others_max))
            evaluate = bands_evaluator(tuple(compiled), tuple(targets), bits, len(ind.items))
        elif isinstance(rule, LevelChoice):
            for lv in ind.levels:
                targets.append(target(lv.id, None, lv.descriptor_th))
            if not ind.levels:
                self.problem(path, "ไม่มีระดับให้เลือก", "level_choice without levels")
            none = _none_target(rule, targets)
            evaluate = level_evaluator({lv.id: n for n, lv in enumerate(ind.levels)}, targets, none)
        elif isinstance(rule, ItemChoice):
            index: dict[Any, int] = {}
            for n, option in enumerate(rule.options):
                targets.append(target(option.level, option.points, option.printed_th))
                bit = bits.get(option.item)
                if bit is None:
                    self.problem(
                        path,
                        f"ตัวเลือกอ้างถึงรายการที่ไม่มีอยู่: {option.item}",
                        f"choice option refers to an undefined item {option.item!r}",
                    )
                    continue
                for ref, ref_bit in bits.items():
                    if ref_bit == bit:
                        index[ref] = n
            none = _none_target(rule, targets)
            evaluate = choice_evaluator(index, targets, none)
        elif isinstance(rule, NumericThresholds):
            unit = rule.unit_th
            unit_en = rule.unit_en
            source: Callable[[Mapping[str, Any]], Decimal | None] | None = None
            if rule.input is not None:
                try:
                    source = compile_expression(rule.input)
                    self.check_names(rule.input, path)
                except ExpressionError as exc:
                    self.problem(path, "นิพจน์ไม่ถูกต้อง", str(exc))
            ranges = []
            for rng in rule.ranges:
                targets.append(target(rng.level, rng.points, rng.printed_th))
                ranges.append((rng.min, rng.max, rng.min_inclusive, rng.max_inclusive))
            evaluate = numeric_evaluator(source, tuple(ranges), tuple(targets))
        elif isinstance(rule, ConditionLevels):
            cases = []
            for n, case in enumerate(rule.cases):
                targets.append(target(case.level, case.points, case.printed_th))
                cases.append((self.condition(case.when, path, deps), n))
            otherwise = -1
            if rule.otherwise is not None:
                targets.append(
                    target(rule.otherwise.level, rule.otherwise.points, rule.otherwise.printed_th)
                )
                otherwise = len(targets) - 1
            evaluate = condition_evaluator(tuple(cases), otherwise, tuple(targets))
        elif isinstance(rule, PassFail):
            all_mask = (1 << len(ind.items)) - 1
            among = all_mask if rule.among is None else self._mask(path, rule.among, bits)
            also = None if rule.also is None else self.condition(rule.also, path, deps)
            if rule.mode == "min" and rule.min is not None and rule.min > among.bit_count():
                self.problem(
                    path,
                    f"ต้องผ่าน {rule.min} รายการ แต่มีเพียง {among.bit_count()} รายการ",
                    f"pass_fail needs {rule.min} items but only {among.bit_count()} exist",
                )
            evaluate = pass_evaluator(rule.mode, rule.min or 1, among, also, bits)
        else:  # pragma: no cover - the discriminated union is closed
            raise AssertionError(rule)

        maximum = max((t.points for t in targets), default=ZERO)
        applies = self.applies_when(ind.applies_when, path)
        return CIndicator(
            path=path,
            component=cpath,
            number=ind.number,
            title_th=ind.title_th,
            kind=rule.kind,
            item_ids=tuple(str(item.id) for item in ind.items),
            ref_bits=bits,
            targets=tuple(targets),
            maximum=maximum,
            stated_max=ind.stated_max,
            evaluate=evaluate,
            applies=applies,
            unit_th=unit,
            unit_en=unit_en,
            case_items=case_items,
            deps=frozenset(deps),
        )

    def _mask(self, path: str, refs: list[Any], bits: dict[Any, int]) -> int:
        mask = 0
        for ref in refs:
            bit = bits.get(ref)
            if bit is None:
                self.problem(
                    path,
                    f"อ้างถึงรายการที่ไม่มีอยู่: {ref}",
                    f"refers to item {ref!r} which does not exist",
                )
                continue
            mask |= bit
        return mask


def _none_target(rule: LevelChoice | ItemChoice, targets: list[Target]) -> int:
    """Append the explicit "none applies" target of a choice rule; its index, or -1."""
    if rule.none is None:
        return -1
    targets.append(Target(rule.none.points, None, None, rule.none.label_th))
    return len(targets) - 1


def _order(indicators: list[CIndicator], problem: Callable[[str, str, str], None]) -> list[int]:
    """Topological order so that conditions on other indicators see their outcomes."""
    position = {ind.path: n for n, ind in enumerate(indicators)}
    order: list[int] = []
    state: dict[int, int] = {}

    def visit(n: int) -> None:
        if state.get(n) == 2:
            return
        if state.get(n) == 1:
            problem(indicators[n].path, "เงื่อนไขอ้างถึงกันเป็นวง", "cyclic indicator references")
            return
        state[n] = 1
        for dep in sorted(indicators[n].deps):
            if dep in position:
                visit(position[dep])
        state[n] = 2
        order.append(n)

    for n in range(len(indicators)):
        visit(n)
    return order


def compile_instrument(
    instrument: Instrument, overrides: Mapping[str, Any] | None = None
) -> CompiledInstrument:
    """Compile once; raise CompileError if the instrument cannot be scored."""
    if overrides:
        instrument = apply_overrides(instrument, dict(overrides))
    compiler = _Compiler(instrument)
    comps: list[CComponent] = []
    flat: list[CIndicator] = []
    for comp in instrument.rubric.components:
        cinds = []
        for ind in comp.indicators:
            path = f"{comp.id}.{ind.id}"
            cind = compiler.indicator(comp.id, path, ind)
            compiler.compiled_targets[path] = cind.targets
            cinds.append(cind)
            flat.append(cind)
        applies = compiler.applies_when(comp.applies_when, comp.id)
        scale_to = scale_full = None
        if comp.scale is not None:
            scale_to = comp.scale.to
            scale_full = None if comp.scale.full == "computed" else comp.scale.full
            if scale_full is not None and scale_full <= 0:
                compiler.problem(comp.id, "คะแนนเต็มของสูตรต้องมากกว่า ๐", "scale full must be > 0")
        comps.append(
            CComponent(
                comp.id, comp.number, comp.title_th, tuple(cinds), applies, scale_to, scale_full
            )
        )
    order = _order(flat, compiler.problem)
    pass_fail_paths = tuple(c.path for c in flat if c.kind == "pass_fail")
    gates: list[CGate] = []
    for gate in instrument.gates:
        paths = tuple(gate.indicators) if gate.indicators is not None else pass_fail_paths
        for path in paths:
            known = next((c for c in flat if c.path == path), None)
            if known is None:
                compiler.problem(
                    f"gates.{gate.id}",
                    f"ประตูผ่านอ้างถึงตัวชี้วัดที่ไม่มีอยู่: {path}",
                    f"gate refers to an undefined indicator {path!r}",
                )
            elif known.kind != "pass_fail" and gate.kind == "all_pass":
                compiler.problem(
                    f"gates.{gate.id}",
                    f"ตัวชี้วัด {path} ไม่ใช่แบบผ่าน/ไม่ผ่าน",
                    f"gate indicator {path!r} is not pass_fail",
                )
        gates.append(
            CGate(gate.id, gate.title_th, gate.kind, paths, gate.instrument, gate.blocks_tier)
        )
    if instrument.kind == "eligibility" and not instrument.gates and pass_fail_paths:
        # An eligibility form passes only if every pass/fail indicator passes.
        gates.append(
            CGate("eligibility", "ผ่านคุณสมบัติเบื้องต้นทุกตัวชี้วัด", "all_pass", pass_fail_paths, None, True)
        )
    tiers = tuple(
        CTier(t.id, t.label_th, t.min, t.max, t.min_inclusive, t.max_inclusive)
        for t in (instrument.tiers.bands if instrument.tiers else [])
    )
    computed = []
    for f in instrument.form.fields:
        if f.computed:
            try:
                computed.append((f.id, compile_expression(f.computed)))
                compiler.check_names(f.computed, f"fields.{f.id}")
            except ExpressionError as exc:
                compiler.problem(f"fields.{f.id}", "นิพจน์ไม่ถูกต้อง", str(exc))
    if compiler.problems:
        raise CompileError(compiler.problems)
    return CompiledInstrument(
        instrument=instrument,
        version_hash=version_hash(instrument),
        components=tuple(comps),
        indicators=tuple(flat),
        order=tuple(order),
        gates=tuple(gates),
        tiers=tiers,
        computed=tuple(computed),
        overrides=dict(overrides or {}),
    )

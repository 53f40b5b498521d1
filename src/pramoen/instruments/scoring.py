"""Exact scoring of answers against an instrument.

An instrument is compiled ONCE into tuples and closures (:func:`compile_instrument`); evaluating
answers then never walks the pydantic models. ``CompiledInstrument.evaluate`` is the fast path for
answers already checked by :func:`pramoen.instruments.answers.validate_answers`; :func:`score`
validates first and raises :class:`AnswersInvalid` with every problem.

Decimal throughout. The total used for tiers is the UNROUNDED total; display rounding is a
separate, explicit step (``ScoreResult.display_total``). Thai explanations ("ทำได้ ๗ รายการ →
ดีเยี่ยม → ๑๕ คะแนน") and warnings are rendered lazily from the recorded facts, so they cost
nothing on the hot path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import Any

from pramoen.instruments.expr import ExpressionError, compile_expression, to_decimal
from pramoen.instruments.hashing import version_hash
from pramoen.instruments.schema import (
    Band,
    Condition,
    ConditionLevels,
    CountPoints,
    EvidenceSlot,
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

ZERO = Decimal(0)
_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_ROUNDING = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "down": ROUND_DOWN}


def thai_digits(text: str) -> str:
    return text.translate(_TO_THAI)


def fmt_number(value: Decimal | int, thai: bool = True) -> str:
    """A number as plain text (no exponent, no trailing zeros), Thai digits by default."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f") if value == value.to_integral_value() else None
        if text is None:
            text = format(value.normalize(), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        text = str(value)
    return thai_digits(text) if thai else text


class CompileError(ValueError):
    """The instrument cannot be scored (lint reports the same problems as errors)."""

    def __init__(self, problems: list[tuple[str, str, str]]) -> None:
        self.problems = problems  # (path, message_th, message_en)
        super().__init__("; ".join(f"{p}: {en}" for p, _th, en in problems))


class AnswersInvalid(ValueError):
    """Answers that do not fit the instrument; ``errors`` carry answer paths and messages."""

    def __init__(self, errors: list[Any]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


# --------------------------------------------------------------------------- compiled structure


@dataclass(frozen=True, slots=True)
class Target:
    """Where a band/range/case/level leads: points, and the level if any."""

    points: Decimal
    level_id: str | None
    level_label_th: str | None
    printed_th: str | None


# outcome tuple layout (kept as a plain tuple on the hot path):
# (points, target index or -1, measure, passed, warning code or None)
Outcome = tuple[Decimal, int, Any, bool | None, str | None]
# (fields, indicator answers, outcomes so far, checked-mask cache)
Ctx = tuple[Mapping[str, Any], Mapping[str, Any], dict[str, Outcome], dict[str, int]]
_NA: Outcome = (ZERO, -1, None, None, "not_applicable")
_NA_COMPONENT = (ZERO, ZERO, ZERO, ZERO, False)
_EMPTY: Mapping[str, Any] = {}


@dataclass(slots=True)
class CIndicator:
    path: str
    component: str
    number: str | None
    title_th: str
    kind: str
    item_ids: tuple[str, ...]
    ref_bits: dict[Any, int]
    targets: tuple[Target, ...]
    maximum: Decimal
    stated_max: Decimal | None
    evaluate: Callable[[Any, Ctx], Outcome]
    applies: Callable[[Ctx], bool] | None
    unit_th: str | None = None
    unit_en: str | None = None
    case_items: int | None = None
    deps: frozenset[str] = frozenset()


@dataclass(slots=True)
class CComponent:
    path: str
    number: str | None
    title_th: str
    indicators: tuple[CIndicator, ...]
    applies: Callable[[Ctx], bool] | None
    scale_to: Decimal | None
    scale_full: Decimal | None  # None = computed


@dataclass(slots=True)
class CGate:
    id: str
    title_th: str
    kind: str
    indicators: tuple[str, ...]
    instrument: str | None
    blocks_tier: bool


@dataclass(slots=True)
class CTier:
    id: str
    label_th: str
    lo: Decimal | None
    hi: Decimal | None
    lo_incl: bool
    hi_incl: bool


def _checked_mask(answer: Any, ref_bits: dict[Any, int]) -> int:
    if not answer:
        return 0
    checked = answer.get("checked") if isinstance(answer, dict) else None
    if not checked:
        return 0
    mask = 0
    for ref in checked:
        mask |= ref_bits[ref]  # KeyError only for unvalidated answers
    return mask


def _ref_bits(indicator: Indicator) -> dict[Any, int]:
    bits: dict[Any, int] = {}
    for position, item in enumerate(indicator.items, start=1):
        bit = 1 << (position - 1)
        bits[position] = bit
        bits[str(item.id)] = bit
    return bits


class _Compiler:
    def __init__(self, instrument: Instrument) -> None:
        self.instrument = instrument
        self.problems: list[tuple[str, str, str]] = []
        self.indicators = {path: ind for path, _c, ind in instrument.iter_indicators()}
        self.bits = {path: _ref_bits(ind) for path, ind in self.indicators.items()}
        self.fields = {f.id: f for f in instrument.form.fields}
        # indicator path -> compiled targets, filled by compile_instrument; conditions on another
        # indicator's level look it up at evaluation time
        self.compiled_targets: dict[str, tuple[Target, ...]] = {}

    def problem(self, path: str, th: str, en: str) -> None:
        self.problems.append((path, th, en))

    # -- conditions

    def condition(self, cond: Condition, path: str, deps: set[str]) -> Callable[[Ctx], bool]:
        if cond.all is not None:
            parts = [self.condition(c, path, deps) for c in cond.all]
            return _all(parts)
        if cond.any is not None:
            parts = [self.condition(c, path, deps) for c in cond.any]
            return _any(parts)
        if cond.not_ is not None:
            inner = self.condition(cond.not_, path, deps)
            return lambda ctx: not inner(ctx)
        if cond.checked is not None:
            ind_path, _, item_id = cond.checked.rpartition(".")
            bits = self.bits.get(ind_path)
            if bits is None or item_id not in bits:
                self.problem(
                    path,
                    f"อ้างถึงรายการที่ไม่มีอยู่: {cond.checked}",
                    f"condition refers to an undefined item {cond.checked!r}",
                )
                return lambda ctx: False
            bit = bits[item_id]

            def checked(ctx: Ctx) -> bool:
                masks = ctx[3]
                mask = masks.get(ind_path)
                if mask is None:
                    try:
                        mask = _checked_mask(ctx[1].get(ind_path), bits)
                    except (KeyError, TypeError, AttributeError):
                        mask = 0
                    masks[ind_path] = mask
                return bool(mask & bit)

            return checked
        if cond.indicator is not None:
            target = cond.indicator
            if target not in self.indicators:
                self.problem(
                    path,
                    f"อ้างถึงตัวชี้วัดที่ไม่มีอยู่: {target}",
                    f"condition refers to an undefined indicator {target!r}",
                )
                return lambda ctx: False
            deps.add(target)
            if cond.passed is not None:
                want = cond.passed
                return lambda ctx: ctx[2].get(target, _NA)[3] is want
            level = cond.level
            levels = {lv.id for lv in self.indicators[target].levels}
            if level not in levels:
                self.problem(
                    path,
                    f"ตัวชี้วัด {target} ไม่มีระดับ {level}",
                    f"indicator {target!r} has no level {level!r}",
                )
            compiled_target = target

            def at_level(ctx: Ctx) -> bool:
                outcome = ctx[2].get(compiled_target, _NA)
                return self._level_of(compiled_target, outcome) == level

            return at_level
        return self._compare(cond, path)

    def _level_of(self, path: str, outcome: Outcome) -> str | None:
        # resolved after compile through the compiled table (set in compile())
        index = outcome[1]
        if index < 0:
            return None
        return self.compiled_targets[path][index].level_id

    def _compare(self, cond: Condition, path: str) -> Callable[[Ctx], bool]:
        expression = cond.field or ""
        simple = expression.isidentifier()
        if simple and expression not in self.fields:
            self.problem(
                path,
                f"อ้างถึงช่องข้อมูลที่ไม่มีอยู่: {expression}",
                f"condition refers to an undefined field {expression!r}",
            )
        try:
            numeric = compile_expression(expression)
        except ExpressionError as exc:
            self.problem(path, "นิพจน์ไม่ถูกต้อง", str(exc))
            return lambda ctx: False
        if not simple:
            self._check_names(expression, path)
        if cond.is_set is not None:
            want = cond.is_set

            def is_set(ctx: Ctx) -> bool:
                value = ctx[0].get(expression) if simple else numeric(ctx[0])
                return (value not in (None, "", [])) is want

            return is_set
        for op in ("gt", "gte", "lt", "lte"):
            bound = getattr(cond, op)
            if bound is not None:
                return _numeric_compare(numeric, op, bound)
        if cond.eq is not None or cond.ne is not None:
            expected = cond.eq if cond.eq is not None else cond.ne
            negate = cond.ne is not None
            match_eq = _matcher([expected])

            def equals(ctx: Ctx) -> bool:
                raw = ctx[0].get(expression) if simple else numeric(ctx[0])
                return match_eq(raw) is not negate

            return equals
        options = cond.in_ if cond.in_ is not None else cond.not_in or []
        negate_in = cond.in_ is None
        match_in = _matcher(list(options))

        def member(ctx: Ctx) -> bool:
            raw = ctx[0].get(expression) if simple else numeric(ctx[0])
            if isinstance(raw, list):
                hit = False
                for value in raw:
                    if match_in(value):
                        hit = True
                        break
            else:
                hit = match_in(raw)
            return hit is not negate_in

        return member

    def _check_names(self, expression: str, path: str) -> None:
        from pramoen.instruments.expr import names

        for name in names(expression):
            if name not in self.fields:
                self.problem(
                    path,
                    f"นิพจน์อ้างถึงช่องข้อมูลที่ไม่มีอยู่: {name}",
                    f"expression {expression!r} refers to an undefined field {name!r}",
                )

    # -- rules

    def indicator(self, cpath: str, path: str, ind: Indicator) -> CIndicator:
        rule = ind.rule
        if isinstance(rule, UseDefinition):
            resolved = self.instrument.definitions.get(rule.name)
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
                chosen = [c for c in rule.cases if c.when_items == n_items] or [
                    c for c in rule.cases if c.when_items is None
                ]
                if not chosen:
                    self.problem(
                        path,
                        f"ไม่มีกรณีสำหรับ {n_items} ข้อปฏิบัติ",
                        f"count_points has no case for {n_items} items",
                    )
                    bands: list[Band] = []
                else:
                    bands = chosen[0].bands
                    case_items = chosen[0].when_items
            else:
                bands = rule.bands
            compiled = []
            for band in bands:
                targets.append(target(band.level, band.points, band.printed_th))
                req = self._mask(path, band.requires, bits)
                among = None if band.among is None else self._mask(path, band.among, bits)
                compiled.append((band.min, band.max, req, among, band.others_min, band.others_max))
            evaluate = _bands_evaluator(tuple(compiled), tuple(targets), bits, len(ind.items))
        elif isinstance(rule, LevelChoice):
            for lv in ind.levels:
                targets.append(target(lv.id, None, lv.descriptor_th))
            if not ind.levels:
                self.problem(path, "ไม่มีระดับให้เลือก", "level_choice without levels")
            none = _none_target(rule, targets)
            evaluate = _level_evaluator(
                {lv.id: n for n, lv in enumerate(ind.levels)}, targets, none
            )
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
            evaluate = _choice_evaluator(index, targets, none)
        elif isinstance(rule, NumericThresholds):
            unit = rule.unit_th
            unit_en = rule.unit_en
            source: Callable[[Mapping[str, Any]], Decimal | None] | None = None
            if rule.input is not None:
                try:
                    source = compile_expression(rule.input)
                    self._check_names(rule.input, path)
                except ExpressionError as exc:
                    self.problem(path, "นิพจน์ไม่ถูกต้อง", str(exc))
            ranges = []
            for rng in rule.ranges:
                targets.append(target(rng.level, rng.points, rng.printed_th))
                ranges.append((rng.min, rng.max, rng.min_inclusive, rng.max_inclusive))
            evaluate = _numeric_evaluator(source, tuple(ranges), tuple(targets))
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
            evaluate = _condition_evaluator(tuple(cases), otherwise, tuple(targets))
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
            evaluate = _pass_evaluator(rule.mode, rule.min or 1, among, also, bits)
        else:  # pragma: no cover - the discriminated union is closed
            raise AssertionError(rule)

        maximum = max((t.points for t in targets), default=ZERO)
        applies = None
        if ind.applies_when is not None:
            applies_deps: set[str] = set()
            applies = self.condition(ind.applies_when, path, applies_deps)
            if applies_deps:
                self.problem(
                    path,
                    "applies_when อ้างถึงตัวชี้วัดไม่ได้",
                    "applies_when may refer to fields and items, not indicator results",
                )
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


def _all(parts: list[Callable[[Ctx], bool]]) -> Callable[[Ctx], bool]:
    # Specialised combinators: a generator per call would dominate the hot path.
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        a, b = parts
        return lambda ctx: a(ctx) and b(ctx)
    frozen = tuple(parts)

    def every(ctx: Ctx) -> bool:
        for part in frozen:  # noqa: SIM110 - a loop is faster than all(genexpr) here
            if not part(ctx):
                return False
        return True

    return every


def _any(parts: list[Callable[[Ctx], bool]]) -> Callable[[Ctx], bool]:
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        a, b = parts
        return lambda ctx: a(ctx) or b(ctx)
    frozen = tuple(parts)

    def some(ctx: Ctx) -> bool:
        for part in frozen:  # noqa: SIM110 - a loop is faster than any(genexpr) here
            if part(ctx):
                return True
        return False

    return some


def _matcher(options: list[Any]) -> Callable[[Any], bool]:
    """Membership test precomputed once: strings by set lookup, numbers exactly as Decimal,
    booleans by identity (so True never equals 1)."""
    texts = frozenset(o for o in options if isinstance(o, str))
    numbers = frozenset(
        d for o in options if not isinstance(o, bool) and (d := to_decimal(o)) is not None
    )
    bools = tuple(o for o in options if isinstance(o, bool))

    def match(value: Any) -> bool:
        if value is None:
            return False
        if isinstance(value, bool):
            return any(value is b for b in bools)
        if isinstance(value, str) and value in texts:
            return True
        if numbers:
            number = to_decimal(value)
            return number is not None and number in numbers
        return False

    return match


def _same(value: Any, expected: Any) -> bool:
    if isinstance(value, bool) or isinstance(expected, bool):
        return value is expected or value == expected
    a, b = to_decimal(value), to_decimal(expected)
    if a is not None and b is not None:
        return a == b
    return value == expected


def _numeric_compare(
    source: Callable[[Mapping[str, Any]], Decimal | None], op: str, bound: Decimal
) -> Callable[[Ctx], bool]:
    def compare(ctx: Ctx) -> bool:
        value = source(ctx[0])
        if value is None:
            return False
        if op == "gt":
            return value > bound
        if op == "gte":
            return value >= bound
        if op == "lt":
            return value < bound
        return value <= bound

    return compare


def _bands_evaluator(
    bands: tuple[tuple[Any, ...], ...],
    targets: tuple[Target, ...],
    bits: dict[Any, int],
    n_items: int,
) -> Callable[[Any, Ctx], Outcome]:
    points = tuple(t.points for t in targets)
    if all(
        req == 0 and among is None and omin is None and omax is None
        for _lo, _hi, req, among, omin, omax in bands
    ):
        # Plain count bands: the outcome depends on the count only, so precompute a table
        # count -> outcome (first matching band wins, as in the general path).
        table = []
        for count in range(n_items + 1):
            outcome: Outcome = (ZERO, -1, count, None, "no_band" if count else None)
            for n, (lo, hi, _req, _among, _omin, _omax) in enumerate(bands):
                if (lo is None or count >= lo) and (hi is None or count <= hi):
                    outcome = (points[n], n, count, None, None)
                    break
            table.append(outcome)
        lookup = tuple(table)

        def evaluate_plain(answer: Any, ctx: Ctx) -> Outcome:
            # a bit mask, not len(checked): an item given twice (unvalidated input) counts once
            if answer:
                checked = answer.get("checked")
                if checked:
                    mask = 0
                    for ref in checked:
                        mask |= bits[ref]
                    return lookup[mask.bit_count()]
            return lookup[0]

        return evaluate_plain

    def evaluate(answer: Any, ctx: Ctx) -> Outcome:
        mask = 0
        if answer:
            checked = answer.get("checked")
            if checked:
                for ref in checked:
                    mask |= bits[ref]
        total = mask.bit_count()
        for n, (lo, hi, req, among, omin, omax) in enumerate(bands):
            if req and mask & req != req:
                continue
            count = total if among is None else (mask & among).bit_count()
            if lo is not None and count < lo:
                continue
            if hi is not None and count > hi:
                continue
            if omin is not None or omax is not None:
                others = (mask & ~req).bit_count()
                if omin is not None and others < omin:
                    continue
                if omax is not None and others > omax:
                    continue
            return (points[n], n, total, None, None)
        return (ZERO, -1, total, None, "no_band" if total else None)

    return evaluate


def _none_target(rule: LevelChoice | ItemChoice, targets: list[Target]) -> int:
    """Append the explicit "none applies" target of a choice rule; its index, or -1."""
    if rule.none is None:
        return -1
    targets.append(Target(rule.none.points, None, None, rule.none.label_th))
    return len(targets) - 1


def _level_evaluator(
    index: dict[str, int], targets: list[Target], none: int
) -> Callable[[Any, Ctx], Outcome]:
    points = tuple(t.points for t in targets)

    def evaluate(answer: Any, ctx: Ctx) -> Outcome:
        level = answer.get("level") if isinstance(answer, dict) else None
        if none >= 0 and level is None and answer and answer.get("none") is True:
            return (points[none], none, "none", None, None)
        if level is None:
            return (ZERO, -1, None, None, "no_answer")
        n = index[level]
        return (points[n], n, level, None, None)

    return evaluate


def _choice_evaluator(
    index: dict[Any, int], targets: list[Target], none: int
) -> Callable[[Any, Ctx], Outcome]:
    points = tuple(t.points for t in targets)

    def evaluate(answer: Any, ctx: Ctx) -> Outcome:
        choice = answer.get("choice") if isinstance(answer, dict) else None
        if none >= 0 and choice is None and answer and answer.get("none") is True:
            return (points[none], none, "none", None, None)
        if choice is None:
            return (ZERO, -1, None, None, "no_answer")
        n = index.get(choice, -1)
        if n < 0:
            return (ZERO, -1, choice, None, "no_band")
        return (points[n], n, choice, None, None)

    return evaluate


def _numeric_evaluator(
    source: Callable[[Mapping[str, Any]], Decimal | None] | None,
    ranges: tuple[tuple[Any, ...], ...],
    targets: tuple[Target, ...],
) -> Callable[[Any, Ctx], Outcome]:
    points = tuple(t.points for t in targets)

    def evaluate(answer: Any, ctx: Ctx) -> Outcome:
        if source is not None:
            value = source(ctx[0])
        else:
            value = to_decimal(answer.get("value")) if isinstance(answer, dict) else None
        if value is None:
            return (ZERO, -1, None, None, "no_value")
        for n, (lo, hi, lo_incl, hi_incl) in enumerate(ranges):
            if lo is not None and (value < lo or (value == lo and not lo_incl)):
                continue
            if hi is not None and (value > hi or (value == hi and not hi_incl)):
                continue
            return (points[n], n, value, None, None)
        return (ZERO, -1, value, None, "no_band")

    return evaluate


def _condition_evaluator(
    cases: tuple[tuple[Callable[[Ctx], bool], int], ...],
    otherwise: int,
    targets: tuple[Target, ...],
) -> Callable[[Any, Ctx], Outcome]:
    points = tuple(t.points for t in targets)

    def evaluate(answer: Any, ctx: Ctx) -> Outcome:
        for test, n in cases:
            if test(ctx):
                return (points[n], n, n, None, None)
        if otherwise >= 0:
            return (points[otherwise], otherwise, None, None, None)
        return (ZERO, -1, None, None, "no_band")

    return evaluate


def _pass_evaluator(
    mode: str,
    minimum: int,
    among: int,
    also: Callable[[Ctx], bool] | None,
    bits: dict[Any, int],
) -> Callable[[Any, Ctx], Outcome]:
    needed = among.bit_count()

    def evaluate(answer: Any, ctx: Ctx) -> Outcome:
        if isinstance(answer, dict) and "pass" in answer and "checked" not in answer:
            passed = answer["pass"] is True
            count = needed if passed else 0
        elif not answer:
            return (ZERO, -1, 0, False, "no_answer")
        else:
            hits = (_checked_mask(answer, bits) & among).bit_count()
            count = hits
            if mode == "all":
                passed = hits == needed
            elif mode == "any":
                passed = hits >= 1
            else:
                passed = hits >= minimum
        if passed and also is not None and not also(ctx):
            return (ZERO, -1, count, False, "also_failed")
        return (ZERO, -1, count, passed, None)

    return evaluate


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


@dataclass(slots=True)
class CompiledInstrument:
    """An instrument ready to score many answers quickly."""

    instrument: Instrument
    version_hash: str
    components: tuple[CComponent, ...]
    indicators: tuple[CIndicator, ...]
    order: tuple[int, ...]
    gates: tuple[CGate, ...]
    tiers: tuple[CTier, ...]
    computed: tuple[tuple[str, Callable[[Mapping[str, Any]], Decimal | None]], ...]
    overrides: dict[str, Any] = field(default_factory=dict)
    _steps: tuple[Any, ...] = field(init=False, repr=False)
    _comp_steps: tuple[Any, ...] = field(init=False, repr=False)
    _gate_steps: tuple[Any, ...] = field(init=False, repr=False)
    _tier_steps: tuple[Any, ...] = field(init=False, repr=False)

    @property
    def id(self) -> str:
        return self.instrument.id

    @property
    def static_maximum(self) -> Decimal:
        total = ZERO
        for comp in self.components:
            total += (
                comp.scale_to
                if comp.scale_to is not None
                else sum((i.maximum for i in comp.indicators), ZERO)
            )
        return total

    def __post_init__(self) -> None:
        # Flat tuples for the hot path: no attribute walks per evaluation.
        self._steps = tuple(
            (self.indicators[n].path, self.indicators[n].applies, self.indicators[n].evaluate)
            for n in self.order
        )
        self._comp_steps = tuple(
            (
                comp.applies,
                tuple(i.path for i in comp.indicators),
                tuple((i.path, i.maximum) for i in comp.indicators),
                comp.scale_to,
                comp.scale_full,
                sum((i.maximum for i in comp.indicators), ZERO),
            )
            for comp in self.components
        )
        self._gate_steps = tuple(
            (g.kind == "eligibility", g.instrument, g.indicators, g.blocks_tier) for g in self.gates
        )
        self._tier_steps = tuple(
            (n, t.lo, t.hi, t.lo_incl, t.hi_incl) for n, t in enumerate(self.tiers)
        )

    def evaluate(self, answers: Mapping[str, Any]) -> ScoreResult:
        """Score answers that already passed validation (the fast path)."""
        fields = answers.get("fields") or _EMPTY
        if self.computed:
            fields = dict(fields)
            for name, fn in self.computed:
                value = fn(fields)
                if value is not None:
                    fields[name] = value
        given = answers.get("indicators") or _EMPTY
        outcomes: dict[str, Outcome] = {}
        ctx: Ctx = (fields, given, outcomes, {})
        any_na = False
        for path, applies, evaluate in self._steps:
            if applies is not None and not applies(ctx):
                outcomes[path] = _NA
                any_na = True
                continue
            outcomes[path] = evaluate(given.get(path), ctx)
        total = ZERO
        maximum = ZERO
        comp_values = []
        for applies, paths, members, scale_to, scale_full, static_max in self._comp_steps:
            if applies is not None and not applies(ctx):
                comp_values.append(_NA_COMPONENT)
                for path in paths:
                    outcomes[path] = _NA
                continue
            raw = ZERO
            if any_na:
                raw_max = ZERO
                for path, top in members:
                    outcome = outcomes[path]
                    if outcome is not _NA:
                        raw += outcome[0]
                        raw_max += top
            else:
                raw_max = static_max
                for path in paths:
                    raw += outcomes[path][0]
            if scale_to is not None:
                full = scale_full if scale_full is not None else raw_max
                points = scale_to * raw / full if full else ZERO
                comp_max = scale_to
            else:
                points = raw
                comp_max = raw_max
            total += points
            maximum += comp_max
            comp_values.append((raw, raw_max, points, comp_max, True))
        gate_status = []
        blocked = False
        if self._gate_steps:
            eligibility = answers.get("eligibility") or _EMPTY
            for is_eligibility, instrument, paths, blocks in self._gate_steps:
                if is_eligibility:
                    value = eligibility.get(instrument)
                    status = None if value is None else value is True
                else:
                    status = True
                    for path in paths:
                        outcome = outcomes.get(path, _NA)
                        if outcome is not _NA and outcome[3] is not True:
                            status = False
                            break
                gate_status.append(status)
                if status is False and blocks:
                    blocked = True
        tier = -1
        if not blocked:
            for n, lo, hi, lo_incl, hi_incl in self._tier_steps:
                if lo is not None and (total < lo or (total == lo and not lo_incl)):
                    continue
                if hi is not None and (total > hi or (total == hi and not hi_incl)):
                    continue
                tier = n
                break
        return ScoreResult(
            self,
            total,
            maximum,
            outcomes,
            tuple(comp_values),
            tuple(gate_status),
            tier,
            blocked,
            fields,
        )


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
        applies = None
        if comp.applies_when is not None:
            deps: set[str] = set()
            applies = compiler.condition(comp.applies_when, comp.id, deps)
            if deps:
                compiler.problem(
                    comp.id,
                    "applies_when อ้างถึงตัวชี้วัดไม่ได้",
                    "applies_when may refer to fields and items, not indicator results",
                )
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
                compiler._check_names(f.computed, f"fields.{f.id}")
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


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Message:
    path: str
    code: str
    message_th: str
    message_en: str

    def to_dict(self) -> dict[str, str]:
        return {
            "path": self.path,
            "code": self.code,
            "message_th": self.message_th,
            "message_en": self.message_en,
        }


@dataclass(frozen=True)
class IndicatorResult:
    path: str
    number: str | None
    title_th: str
    rule: str
    applicable: bool
    points: Decimal
    maximum: Decimal
    level: str | None
    level_label_th: str | None
    matched: int | None
    measure: Any
    passed: bool | None
    explanation_th: str

    def to_dict(self) -> dict[str, Any]:
        measure = self.measure
        if isinstance(measure, Decimal):
            measure = fmt_number(measure, thai=False)
        return {
            "path": self.path,
            "number": self.number,
            "title_th": self.title_th,
            "rule": self.rule,
            "applicable": self.applicable,
            "points": fmt_number(self.points, thai=False),
            "maximum": fmt_number(self.maximum, thai=False),
            "level": self.level,
            "level_label_th": self.level_label_th,
            "matched": self.matched,
            "measure": measure,
            "passed": self.passed,
            "explanation_th": self.explanation_th,
        }


@dataclass(frozen=True)
class ComponentResult:
    path: str
    number: str | None
    title_th: str
    applicable: bool
    raw: Decimal
    raw_maximum: Decimal
    points: Decimal
    maximum: Decimal
    indicators: tuple[IndicatorResult, ...]


@dataclass(frozen=True)
class GateResult:
    id: str
    title_th: str
    status: str  # passed | failed | unknown


class ScoreResult:
    """The outcome of one evaluation; details are rendered lazily from recorded facts."""

    __slots__ = (
        "_blocked",
        "_comp_values",
        "_compiled",
        "_fields",
        "_gate_status",
        "_outcomes",
        "_tier",
        "maximum",
        "total",
    )

    def __init__(
        self,
        compiled: CompiledInstrument,
        total: Decimal,
        maximum: Decimal,
        outcomes: dict[str, Outcome],
        comp_values: tuple[tuple[Decimal, Decimal, Decimal, Decimal, bool], ...],
        gate_status: tuple[bool | None, ...],
        tier: int,
        blocked: bool,
        fields: Mapping[str, Any],
    ) -> None:
        self._compiled = compiled
        self.total = total  # unrounded: the basis of the tier decision
        self.maximum = maximum
        self._outcomes = outcomes
        self._comp_values = comp_values
        self._gate_status = gate_status
        self._tier = tier
        self._blocked = blocked
        self._fields = fields

    # -- identity

    @property
    def instrument_id(self) -> str:
        return self._compiled.instrument.id

    @property
    def version_hash(self) -> str:
        return self._compiled.version_hash

    # -- gates and tier

    @property
    def gates(self) -> tuple[GateResult, ...]:
        return tuple(
            GateResult(g.id, g.title_th, "unknown" if s is None else ("passed" if s else "failed"))
            for g, s in zip(self._compiled.gates, self._gate_status, strict=True)
        )

    @property
    def passed(self) -> bool | None:
        """All gates passed (True), one failed (False), or some unknown (None)."""
        if any(s is False for s in self._gate_status):
            return False
        if any(s is None for s in self._gate_status):
            return None
        return True

    @property
    def tier(self) -> str | None:
        return self._compiled.tiers[self._tier].id if self._tier >= 0 else None

    @property
    def tier_label_th(self) -> str:
        instrument = self._compiled.instrument
        if self._tier >= 0:
            return self._compiled.tiers[self._tier].label_th
        if instrument.tiers is None:
            return ""
        if self._blocked:
            return instrument.tiers.failed_gate_label_th
        return instrument.tiers.none_label_th

    @property
    def tier_provisional(self) -> bool:
        """A tier was given while some gate result (e.g. eligibility) is still unknown."""
        return self._tier >= 0 and any(s is None for s in self._gate_status)

    # -- display

    def display_total(self, decimals: int | None = None, thai: bool | None = None) -> str:
        """The total rounded for display only (never used for the tier decision)."""
        display = self._compiled.instrument.display
        places = display.decimals if decimals is None else decimals
        quantum = Decimal(1).scaleb(-places)
        text = format(self.total.quantize(quantum, rounding=_ROUNDING[display.rounding]), "f")
        use_thai = display.thai_digits if thai is None else thai
        return thai_digits(text) if use_thai else text

    # -- details

    @property
    def computed_fields(self) -> dict[str, Decimal]:
        return {
            name: self._fields[name]
            for name, _fn in self._compiled.computed
            if name in self._fields
        }

    @property
    def indicators(self) -> tuple[IndicatorResult, ...]:
        return tuple(self._indicator(ind) for ind in self._compiled.indicators)

    def indicator(self, path: str) -> IndicatorResult:
        for ind in self._compiled.indicators:
            if ind.path == path:
                return self._indicator(ind)
        raise KeyError(path)

    def _indicator(self, ind: CIndicator) -> IndicatorResult:
        outcome = self._outcomes.get(ind.path, _NA)
        applicable = outcome is not _NA
        target = ind.targets[outcome[1]] if outcome[1] >= 0 else None
        return IndicatorResult(
            path=ind.path,
            number=ind.number,
            title_th=ind.title_th,
            rule=ind.kind,
            applicable=applicable,
            points=outcome[0],
            maximum=ind.maximum if applicable else ZERO,
            level=target.level_id if target else None,
            level_label_th=target.level_label_th if target else None,
            matched=outcome[1] if outcome[1] >= 0 else None,
            measure=outcome[2],
            passed=outcome[3],
            explanation_th=explain_outcome(ind, outcome),
        )

    @property
    def components(self) -> tuple[ComponentResult, ...]:
        results = []
        for comp, (raw, raw_max, points, comp_max, applicable) in zip(
            self._compiled.components, self._comp_values, strict=True
        ):
            results.append(
                ComponentResult(
                    comp.path,
                    comp.number,
                    comp.title_th,
                    applicable,
                    raw,
                    raw_max,
                    points,
                    comp_max,
                    tuple(self._indicator(i) for i in comp.indicators),
                )
            )
        return tuple(results)

    @property
    def warnings(self) -> tuple[Message, ...]:
        found = []
        for ind in self._compiled.indicators:
            outcome = self._outcomes.get(ind.path, _NA)
            code = outcome[4]
            if code is None or code == "not_applicable":
                continue
            found.append(_warning(ind, outcome))
        for gate, status in zip(self._compiled.gates, self._gate_status, strict=True):
            if status is None:
                found.append(
                    Message(
                        f"gates.{gate.id}",
                        "gate_unknown",
                        f"ไม่ทราบผล {gate.title_th} (ไม่ได้ส่งผล {gate.instrument})",
                        f"gate {gate.id!r} unknown: no result for {gate.instrument!r} supplied",
                    )
                )
        return tuple(found)

    def to_dict(self) -> dict[str, Any]:
        return {
            "instrument": self.instrument_id,
            "version": self._compiled.instrument.version,
            "version_hash": self.version_hash,
            "overrides": self._compiled.overrides,
            "total": fmt_number(self.total, thai=False),
            "total_display": self.display_total(),
            "maximum": fmt_number(self.maximum, thai=False),
            "passed": self.passed,
            "tier": self.tier,
            "tier_label_th": self.tier_label_th,
            "tier_provisional": self.tier_provisional,
            "gates": [{"id": g.id, "title_th": g.title_th, "status": g.status} for g in self.gates],
            "components": [
                {
                    "path": c.path,
                    "number": c.number,
                    "title_th": c.title_th,
                    "applicable": c.applicable,
                    "raw": fmt_number(c.raw, thai=False),
                    "raw_maximum": fmt_number(c.raw_maximum, thai=False),
                    "points": fmt_number(c.points, thai=False),
                    "maximum": fmt_number(c.maximum, thai=False),
                    "indicators": [i.to_dict() for i in c.indicators],
                }
                for c in self.components
            ],
            "computed_fields": {
                k: fmt_number(v, thai=False) for k, v in self.computed_fields.items()
            },
            "warnings": [w.to_dict() for w in self.warnings],
        }


# --------------------------------------------------------------------------- Thai explanations


def _points_th(points: Decimal) -> str:
    return f"{fmt_number(points)} คะแนน"


def explain_outcome(ind: CIndicator, outcome: Outcome) -> str:
    """ "ทำได้ ๗ รายการ → ดีเยี่ยม → ๑๕ คะแนน" and the like, from the recorded facts."""
    points, index, measure, passed, code = outcome
    if code == "not_applicable":
        return "ไม่ใช้กับผู้ส่งผลงานนี้"
    target = ind.targets[index] if index >= 0 else None
    level = f" → {target.level_label_th}" if target and target.level_label_th else ""
    if ind.kind in ("item_count_bands", "count_points"):
        unit = "ข้อ" if ind.kind == "count_points" else "รายการ"
        head = f"ทำได้ {fmt_number(measure or 0)} {unit}"
        if ind.case_items is not None:
            head += f" (กรณี {fmt_number(ind.case_items)} ข้อปฏิบัติ)"
        if target is None:
            return f"{head} → ไม่เข้าเกณฑ์ใด → {_points_th(points)}"
        printed = f" ({target.printed_th})" if target.printed_th else ""
        return f"{head}{printed}{level} → {_points_th(points)}"
    if measure == "none" and target is not None and ind.kind in ("level_choice", "item_choice"):
        return f"{target.printed_th}{_points_suffix(points)}"
    if ind.kind == "level_choice":
        if target is None:
            return "ยังไม่ได้เลือกระดับ → ๐ คะแนน"
        return f"เลือกระดับ {target.level_label_th or target.level_id}{_points_suffix(points)}"
    if ind.kind == "item_choice":
        if target is None:
            return "ยังไม่ได้เลือกรายการ → ๐ คะแนน"
        position = ind.ref_bits.get(measure, 0).bit_length()
        return f"ทำได้รายการที่ {fmt_number(position)}{level} → {_points_th(points)}"
    if ind.kind == "numeric_thresholds":
        unit = f" {ind.unit_th}" if ind.unit_th else ""
        if measure is None:
            return "ไม่มีข้อมูลตัวเลข → ๐ คะแนน"
        head = f"{fmt_number(measure)}{unit}"
        if ind.unit_th == "ร้อยละ":
            head = f"ร้อยละ {fmt_number(measure)}"
        if target is None:
            return f"{head} → ไม่เข้าเกณฑ์ใด → {_points_th(points)}"
        printed = f" ({target.printed_th})" if target.printed_th else ""
        return f"{head}{printed}{level} → {_points_th(points)}"
    if ind.kind == "condition_levels":
        if target is None:
            return f"ไม่เข้าเงื่อนไขใด → {_points_th(points)}"
        what = "ไม่เข้าเงื่อนไขข้างต้น" if measure is None else f"เข้าเงื่อนไขที่ {fmt_number(measure + 1)}"
        printed = f" ({target.printed_th})" if target.printed_th else ""
        return f"{what}{printed}{level} → {_points_th(points)}"
    if ind.kind == "pass_fail":
        verdict = "ผ่าน" if passed else "ไม่ผ่าน"
        if code == "no_answer":
            return "ยังไม่ได้ประเมิน → ไม่ผ่าน"
        if code == "also_failed":
            return f"ผ่าน {fmt_number(measure or 0)} รายการ แต่ไม่ครบเงื่อนไขเพิ่มเติม → ไม่ผ่าน"
        return (
            f"ผ่าน {fmt_number(measure or 0)} จาก {fmt_number(len(ind.item_ids))} รายการ → {verdict}"
        )
    return _points_th(points)


def _points_suffix(points: Decimal) -> str:
    return f" → {_points_th(points)}"


def _warning(ind: CIndicator, outcome: Outcome) -> Message:
    code = outcome[4] or ""
    measure = outcome[2]
    if code == "no_band":
        if ind.kind == "numeric_thresholds":
            unit_th = f" {ind.unit_th}" if ind.unit_th else ""
            unit_en = f" {ind.unit_en}" if ind.unit_en else ""
            return Message(
                ind.path,
                code,
                f"ไม่มีเกณฑ์ใดตรงกับ {fmt_number(measure)}{unit_th} → ๐ คะแนน",
                f"no band matches {fmt_number(measure, thai=False)}{unit_en} → 0 points",
            )
        return Message(
            ind.path,
            code,
            f"ไม่มีเกณฑ์ใดตรงกับ {fmt_number(measure or 0)} รายการ → ๐ คะแนน",
            f"no band matches {measure} items → 0 points",
        )
    if code == "no_value":
        return Message(
            ind.path, code, "ไม่มีข้อมูลตัวเลขสำหรับตัวชี้วัดนี้", "no numeric value for this indicator"
        )
    if code == "also_failed":
        return Message(
            ind.path, code, "ไม่ครบเงื่อนไขเพิ่มเติมของตัวชี้วัด", "the additional condition failed"
        )
    return Message(ind.path, code, "ยังไม่ได้ประเมินตัวชี้วัดนี้", "no answer for this indicator")


# --------------------------------------------------------------------------- public entry point

_CACHE: dict[int, tuple[Instrument, CompiledInstrument]] = {}


def compiled_for(instrument: Instrument) -> CompiledInstrument:
    """Compile with a small identity cache (instruments are treated as immutable)."""
    hit = _CACHE.get(id(instrument))
    if hit is not None and hit[0] is instrument:
        return hit[1]
    compiled = compile_instrument(instrument)
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[id(instrument)] = (instrument, compiled)
    return compiled


def score(
    instrument: Instrument | CompiledInstrument,
    answers: Mapping[str, Any],
    overrides: Mapping[str, Any] | None = None,
) -> ScoreResult:
    """Validate ``answers`` and score them; raises AnswersInvalid or CompileError."""
    from pramoen.instruments.answers import validate_answers

    if isinstance(instrument, CompiledInstrument):
        compiled = instrument
        if overrides:
            compiled = compile_instrument(compiled.instrument, overrides)
    elif overrides:
        compiled = compile_instrument(instrument, overrides)
    else:
        compiled = compiled_for(instrument)
    errors = validate_answers(compiled.instrument, answers)
    if errors:
        raise AnswersInvalid(errors)
    return compiled.evaluate(answers)


def applicable_evidence(instrument: Instrument, fields: Mapping[str, Any]) -> list[EvidenceSlot]:
    """The evidence slots whose ``applies_when`` holds for these form answers, in form order.

    Uses the same condition compiler as fields and indicators, so "which evidence does this
    submitter owe" (e.g. KPI 10's student-intake plan, asked only of secondary ESAs) has exactly
    the semantics the scoring has.
    """
    compiler = _Compiler(instrument)
    context = (dict(fields), {}, {})
    applicable: list[EvidenceSlot] = []
    for slot in instrument.form.evidence:
        if slot.applies_when is None:
            applicable.append(slot)
            continue
        holds = compiler.condition(slot.applies_when, f"evidence.{slot.id}", set())
        if compiler.problems:
            raise CompileError(compiler.problems)
        if holds(context):
            applicable.append(slot)
    return applicable

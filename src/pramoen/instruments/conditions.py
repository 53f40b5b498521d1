"""Conditions compiled to closures over an evaluation context (``Ctx``), never ``eval``.

:class:`ConditionCompiler` turns a :class:`~pramoen.instruments.schema.Condition` tree into a
``Callable[[Ctx], bool]`` and records every undefined reference as a problem (path, Thai,
English) instead of raising, so lint can report them all. Scoring, answer validation (which
fields and indicators apply) and the evidence a submitter owes share these semantics.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from pramoen.instruments.expr import ExpressionError, compile_expression, names, to_decimal
from pramoen.instruments.schema import Condition, Indicator, Instrument
from pramoen.instruments.structure import NOT_APPLICABLE, Ctx, Outcome, Target, checked_mask


def item_bits(indicator: Indicator) -> dict[Any, int]:
    """Each item reference (1-based position and id) → its bit in a checked-items mask."""
    bits: dict[Any, int] = {}
    for position, item in enumerate(indicator.items, start=1):
        bit = 1 << (position - 1)
        bits[position] = bit
        bits[str(item.id)] = bit
    return bits


class ConditionCompiler:
    """Compiles conditions of one instrument; undefined references go to ``problems``."""

    def __init__(self, instrument: Instrument) -> None:
        self.instrument = instrument
        self.problems: list[tuple[str, str, str]] = []
        self.indicators = {path: ind for path, _c, ind in instrument.iter_indicators()}
        self.bits = {path: item_bits(ind) for path, ind in self.indicators.items()}
        self.fields = {f.id: f for f in instrument.form.fields}
        # indicator path -> compiled targets, filled by compile_instrument; conditions on another
        # indicator's level look it up at evaluation time
        self.compiled_targets: dict[str, tuple[Target, ...]] = {}

    def problem(self, path: str, th: str, en: str) -> None:
        self.problems.append((path, th, en))

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
                        mask = checked_mask(ctx[1].get(ind_path), bits)
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
                return lambda ctx: ctx[2].get(target, NOT_APPLICABLE)[3] is want
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
                outcome = ctx[2].get(compiled_target, NOT_APPLICABLE)
                return self._level_of(compiled_target, outcome) == level

            return at_level
        return self._compare(cond, path)

    def applies_when(self, cond: Condition | None, path: str) -> Callable[[Ctx], bool] | None:
        """The ``applies_when`` test of an indicator or component (None: it always applies).
        It is decided before any indicator is scored, so it may not read indicator results."""
        if cond is None:
            return None
        deps: set[str] = set()
        applies = self.condition(cond, path, deps)
        if deps:
            self.problem(
                path,
                "applies_when อ้างถึงตัวชี้วัดไม่ได้",
                "applies_when may refer to fields and items, not indicator results",
            )
        return applies

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
            self.check_names(expression, path)
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

    def check_names(self, expression: str, path: str) -> None:
        for name in names(expression):
            if name not in self.fields:
                self.problem(
                    path,
                    f"นิพจน์อ้างถึงช่องข้อมูลที่ไม่มีอยู่: {name}",
                    f"expression {expression!r} refers to an undefined field {name!r}",
                )


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

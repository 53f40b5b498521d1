"""One closure per rule kind: ``evaluate(answer, ctx) -> Outcome``, built once per indicator.

The outcome tuple is ``(points, target index or -1, measure, passed, warning code or None)``;
explanations and warnings are rendered later from it (:mod:`pramoen.instruments.explanations`).
Hot path: no allocation beyond the tuple, no attribute walks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from pramoen.instruments.expr import to_decimal
from pramoen.instruments.structure import ZERO, Ctx, Outcome, Target, checked_mask


def bands_evaluator(
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


def level_evaluator(
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


def choice_evaluator(
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


def numeric_evaluator(
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


def condition_evaluator(
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


def pass_evaluator(
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
            hits = (checked_mask(answer, bits) & among).bit_count()
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

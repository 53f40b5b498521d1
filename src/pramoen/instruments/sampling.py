"""Random VALID answers for any instrument (benchmarks and property tests).

Deterministic for a given ``random.Random``; every document it returns passes
:func:`pramoen.instruments.answers.validate_answers` (a test checks this for every shipped
instrument).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from pramoen.instruments.answers import answer_key
from pramoen.instruments.schema import FormField, Instrument, ItemChoice, LevelChoice


def _number(spec: FormField, rng: random.Random) -> Any:
    low = spec.min if spec.min is not None else Decimal(0)
    high = spec.max if spec.max is not None else low + Decimal(200)
    if spec.type == "integer":
        return rng.randint(int(low), int(high))
    # two decimals, given as a string so the value stays exact
    cents = rng.randint(int(low * 100), int(high * 100))
    return str(Decimal(cents) / 100)


def _value(spec: FormField, rng: random.Random) -> Any:
    kind = spec.type
    if kind in ("integer", "decimal", "percent"):
        return _number(spec, rng)
    if kind == "text":
        return "ข้อความ" * rng.randint(1, 3)
    if kind == "boolean":
        return rng.random() < 0.5
    if kind == "date":
        return (dt.date(2025, 5, 16) + dt.timedelta(days=rng.randint(0, 365))).isoformat()
    if kind == "choice":
        values = [c.value for c in spec.choices or []]
        if spec.multiple:
            return rng.sample(values, rng.randint(1, len(values)))
        return rng.choice(values)
    if kind == "table":
        rows = rng.randint(spec.min_rows or 0, max(spec.min_rows or 0, min(spec.max_rows or 4, 4)))
        return [{c.id: _value(c, rng) for c in spec.columns or []} for _ in range(rows)]
    raise AssertionError(kind)


def random_answers(instrument: Instrument, rng: random.Random) -> dict[str, Any]:
    """A complete, valid answers document with random content."""
    fields = {f.id: _value(f, rng) for f in instrument.form.fields if not f.computed}
    indicators: dict[str, Any] = {}
    for path, _comp, ind in instrument.iter_indicators():
        key = answer_key(instrument, ind)
        n = len(ind.items)
        rule = instrument.resolve_rule(ind.rule)
        if isinstance(rule, ItemChoice | LevelChoice) and rule.none is not None:
            options = len(rule.options) if isinstance(rule, ItemChoice) else len(ind.levels)
            if rng.randint(0, options) == 0:  # "none applies", as often as any one option
                indicators[path] = {"none": True}
                continue
        if key == "checked":
            indicators[path] = {"checked": sorted(rng.sample(range(1, n + 1), rng.randint(0, n)))}
        elif key == "level":
            indicators[path] = {"level": rng.choice([lv.id for lv in ind.levels])}
        elif key == "choice":
            assert isinstance(rule, ItemChoice)
            indicators[path] = {"choice": rng.choice([o.item for o in rule.options])}
        elif key == "value":
            indicators[path] = {"value": str(Decimal(rng.randint(0, 10000)) / 100)}
    document: dict[str, Any] = {
        "instrument": instrument.id,
        "fields": fields,
        "indicators": indicators,
    }
    eligibility = [g.instrument for g in instrument.gates if g.kind == "eligibility"]
    if eligibility:
        document["eligibility"] = {name: rng.random() < 0.8 for name in eligibility}
    return document

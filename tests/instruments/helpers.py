"""Small builders for test instruments (plain data in, validated Instrument out)."""

from __future__ import annotations

import random
from typing import Any

from pramoen.instruments import Instrument


def items(n: int) -> list[dict[str, str]]:
    thai = "๐๑๒๓๔๕๖๗๘๙"
    return [
        {"number": "".join(thai[int(d)] for d in str(k)), "text_th": f"รายการ {k}"}
        for k in range(1, n + 1)
    ]


def one_indicator(
    rule: dict[str, Any],
    *,
    n_items: int = 0,
    levels: list[dict[str, Any]] | None = None,
    fields: list[dict[str, Any]] | None = None,
    extra: dict[str, Any] | None = None,
    indicator: dict[str, Any] | None = None,
) -> Instrument:
    """An instrument with one component c1 and one indicator c1.i1."""
    ind: dict[str, Any] = {
        "id": "i1",
        "number": "๑",
        "title_th": "ตัวชี้วัดทดสอบ",
        "items": items(n_items),
        "levels": levels or [],
        "rule": rule,
    }
    ind.update(indicator or {})
    data: dict[str, Any] = {
        "id": "test-instrument",
        "version": "t",
        "program": "test",
        "kind": "scoring",
        "title_th": "แบบทดสอบ",
        "form": {"fields": fields or []},
        "rubric": {"components": [{"id": "c1", "title_th": "องค์ประกอบ", "indicators": [ind]}]},
    }
    data.update(extra or {})
    return Instrument.model_validate(data)


THREE_LEVELS = [
    {"id": "excellent", "label_th": "ดีเยี่ยม", "points": 15},
    {"id": "very_good", "label_th": "ดีมาก", "points": "10.5"},
    {"id": "good", "label_th": "ดี", "points": "7.5"},
]


# Answers a judge's form or a hand-edited row could hold: right and wrong types, out of range.
JUNK: tuple[Any, ...] = (
    None,
    True,
    0,
    1,
    99,
    -1,
    "1",
    "x",
    "",
    [],
    [1, 1],
    [0],
    ["x"],
    [True],
    {},
    1.5,
    "12.5",
)


def broken_answers(doc: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """``doc`` with a few random faults in its indicators (and sometimes its fields)."""
    indicators = dict(doc["indicators"])
    for _ in range(rng.randint(0, 4)):
        paths = list(indicators) or ["c1.i1"]
        path = rng.choice(paths)
        fault = rng.randint(0, 7)
        if fault == 0:
            indicators.pop(path, None)
        elif fault == 1:
            indicators[path] = rng.choice(JUNK)
        elif fault == 2:
            indicators[path] = {
                rng.choice(
                    ("checked", "level", "choice", "value", "none", "pass", "note", "other")
                ): rng.choice(JUNK)
            }
        elif fault == 3:
            indicators["no.such"] = {"checked": [1]}
        elif fault == 4:
            answer = dict(indicators[path]) if isinstance(indicators.get(path), dict) else {}
            answer[rng.choice(("none", "note", "pass"))] = rng.choice(JUNK)
            indicators[path] = answer
        elif fault == 5:
            indicators[path] = {"checked": [rng.randint(-2, 30) for _ in range(rng.randint(0, 5))]}
        elif fault == 6 and doc["fields"]:
            # A field a condition reads, changed: which indicators are required may change.
            fields = dict(doc["fields"])
            fields[rng.choice(list(fields))] = rng.choice(JUNK)
            doc = {**doc, "fields": fields}
        else:
            indicators[path] = {"level": rng.choice(("A", "B", "x", None, 3))}
    out = {**doc, "indicators": indicators}
    roll = rng.random()
    if roll < 0.03:
        out["indicators"] = rng.choice(([], "x", None))
    elif roll < 0.06:
        out["fields"] = rng.choice(([], "x", None))
    return out

"""Fuzzers for the two doors untrusted data comes through: answers and instrument YAML.

Found (issue 16): a bare JSON ``NaN`` for a number crashed validation with
``decimal.InvalidOperation`` (the CLI answered "internal error"), and a bare ``Infinity`` was
accepted and scored full points. The only outcomes allowed here are a result, or the module's own
error with a located Thai message. A few hundred examples run in CI; set ``PRAMOEN_FUZZ=5000`` for
a longer run.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import random
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pramoen.instruments import (
    AnswersInvalid,
    CompileError,
    InstrumentLoadError,
    compile_instrument,
    get_instrument,
    lint,
    parse_instrument,
    score,
    shipped_ids,
    version_hash,
)
from pramoen.instruments.sampling import random_answers

EXAMPLES = int(os.environ.get("PRAMOEN_FUZZ", "150"))
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)

JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["NaN", "nan", "-Infinity", "Infinity", "inf", "1e400", "sNaN", "๑๒", "12.5"]),
    st.text(max_size=20),
)
JSON = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@pytest.mark.parametrize(
    "literal", ["NaN", "Infinity", "-Infinity", '"NaN"', '"Infinity"', '"-inf"', '"sNaN"']
)
def test_non_finite_numbers_are_refused_with_their_path(literal: str) -> None:
    # Teacher component 2 part 2 scores the sum of the self-development log's hours.
    instrument = get_instrument("nara2-teacher-academic-subject")
    answers = random_answers(instrument, random.Random(1))
    row = {
        "year_be": 2568,
        "times": 1,
        "hours": 1,
        "topic": "ก",
        "provider": "ข",
        "use_of_results": "ค",
    }
    answers["fields"]["self_dev_log"] = [row]
    text = json.dumps(answers, ensure_ascii=False).replace('"hours": 1', f'"hours": {literal}')
    with pytest.raises(AnswersInvalid) as caught:
        score(instrument, json.loads(text))
    assert [e.path for e in caught.value.errors] == ["fields.self_dev_log[0].hours"]
    assert caught.value.errors[0].message_th == "ต้องเป็นตัวเลข"


@pytest.mark.parametrize("instrument_id", shipped_ids())
@FUZZ
@given(seed=st.integers(0, 2**32 - 1), data=st.data())
def test_any_answers_give_a_result_or_located_errors(
    instrument_id: str, seed: int, data: st.DataObject
) -> None:
    instrument = get_instrument(instrument_id)
    answers: dict[str, Any] = random_answers(instrument, random.Random(seed))
    # replace a few values anywhere in the document by arbitrary JSON
    for _ in range(data.draw(st.integers(1, 3))):
        section = data.draw(st.sampled_from(["fields", "indicators"]))
        keys = sorted(answers.get(section) or {})
        if not keys:
            continue
        key = data.draw(st.sampled_from(keys))
        answers[section][key] = data.draw(JSON)
    try:
        result = score(instrument, answers)
    except AnswersInvalid as exc:
        assert exc.errors and all(e.path and e.message_th for e in exc.errors)
        return
    assert isinstance(result.total, Decimal) and result.total.is_finite()
    assert 0 <= result.total <= result.maximum
    assert math.isfinite(float(result.total))


_BASE = """schema_version: 1
id: fuzz
version: "1"
program: test
kind: scoring
title_th: แบบทดสอบ
form:
  fields:
    - {id: hours, label_th: ชั่วโมง, type: decimal}
rubric:
  components:
    - id: c1
      title_th: องค์ประกอบ
      indicators:
        - id: i1
          title_th: ตัวชี้วัด
          items:
            - {text_th: หนึ่ง}
          levels:
            - {id: l1, label_th: ดี, points: 1}
          rule: {kind: level_choice}
        - id: i2
          title_th: ชั่วโมง
          rule:
            kind: numeric_thresholds
            input: hours
            ranges:
              - {points: 2, min: 10}
"""
YAML_SCALARS = st.sampled_from(
    ["!!timestamp 2001-12-14", "!!binary aGVsbG8=", "2001-12-14", "1", "1.5", "~", "true",
     "!!float .nan", "!!float .inf", "[1, 2]", "{a: 1}", "!!set {a, b}", "!!omap [a: 1]", "1e400",
     "'๑๒'", "!!python/object:os.system x", "&a 1", "*a", "'x'", "-", "? x"]
)  # fmt: skip


@FUZZ
@given(data=st.data())
def test_any_yaml_loads_or_gives_a_located_load_error(data: st.DataObject) -> None:
    lines = _BASE.split("\n")
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(lines) - 1))
        indent = " " * (len(lines[i]) - len(lines[i].lstrip(" ")))
        scalar, other = data.draw(YAML_SCALARS), data.draw(YAML_SCALARS)
        how = data.draw(st.sampled_from(["value", "new_key", "key"]))
        if how == "value" and ":" in lines[i]:
            lines[i] = f"{lines[i].partition(':')[0]}: {scalar}"
        elif how == "new_key":
            lines.insert(i + 1, f"{indent}{scalar}: {other}")
        else:
            key = lines[i].strip().lstrip("- ").partition(":")[0]
            if key:
                lines[i] = lines[i].replace(f"{key}:", f"{scalar}:", 1)
    try:
        instrument = parse_instrument("\n".join(lines), "fuzz.yaml")
    except InstrumentLoadError as exc:
        assert exc.problems and all(p.path == "fuzz.yaml" and p.message_th for p in exc.problems)
        return
    version_hash(instrument)
    lint(instrument)
    with contextlib.suppress(CompileError):  # unscorable is a finding, not a crash
        compile_instrument(instrument)


@pytest.mark.parametrize(
    "text",
    [
        "!!timestamp 2001-12-14: 3\n" + _BASE,
        _BASE.replace("title_th: องค์ประกอบ", "title_th: องค์ประกอบ\n      !!timestamp 2001-1-1: 3"),
        _BASE.replace("points: 1}", "points: !!timestamp 2001-12-14}"),
        _BASE.replace("kind: level_choice", "kind: !!binary aGVsbG8="),
        "[" * 5000 + "]" * 5000,
        "a: &a [*a]",
    ],
)  # fmt: skip
def test_yaml_tags_and_deep_nesting_give_a_load_error(text: str) -> None:
    with pytest.raises(InstrumentLoadError) as caught:
        parse_instrument(text, "x.yaml")
    assert caught.value.problems[0].path == "x.yaml"

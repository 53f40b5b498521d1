"""Property tests (hypothesis) for the engine."""

import random
import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pramoen.instruments import (
    compile_instrument,
    get_instrument,
    parse_instrument,
    shipped_ids,
    version_hash,
)
from pramoen.instruments.sampling import random_answers
from pramoen.instruments.schema import ItemCountBands

from .helpers import one_indicator

IDS = shipped_ids()
COMPILED = {i: compile_instrument(get_instrument(i)) for i in IDS}
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.sampled_from(IDS), st.integers(min_value=0, max_value=2**32))
def test_total_within_zero_and_maximum(instrument_id, seed) -> None:
    compiled = COMPILED[instrument_id]
    result = compiled.evaluate(random_answers(compiled.instrument, random.Random(seed)))
    assert 0 <= result.total <= result.maximum


def _monotone_plain_bands():
    """(instrument id, indicator path, n items) for shipped indicators whose item-count bands are
    plain counts where a band starting at more items never gives fewer points."""
    found = []
    for instrument_id in IDS:
        instrument = get_instrument(instrument_id)
        for path, _comp, ind in instrument.iter_indicators():
            rule = ind.rule
            if not isinstance(rule, ItemCountBands):
                continue
            if any(b.requires or b.among or b.others_min or b.others_max for b in rule.bands):
                continue
            levels = {lv.id: lv.points for lv in ind.levels}
            pts = [
                (b.min or 0, b.points if b.points is not None else levels[b.level])
                for b in rule.bands
            ]
            if all(pa >= pb for ma, pa in pts for mb, pb in pts if ma > mb):
                found.append((instrument_id, path, len(ind.items)))
    return found


MONOTONE = _monotone_plain_bands()


def test_there_are_monotone_indicators_to_check() -> None:
    assert len(MONOTONE) >= 20


@FAST
@given(st.sampled_from(MONOTONE), st.data())
def test_checking_more_items_never_lowers_a_monotone_indicator(case, data) -> None:
    instrument_id, path, n = case
    compiled = COMPILED[instrument_id]
    base = data.draw(st.sets(st.integers(1, n)))
    extra = data.draw(st.integers(1, n))
    answers = random_answers(compiled.instrument, random.Random(0))
    before = dict(
        answers, indicators=dict(answers["indicators"], **{path: {"checked": sorted(base)}})
    )
    after = dict(
        answers,
        indicators=dict(answers["indicators"], **{path: {"checked": sorted(base | {extra})}}),
    )
    assert (
        compiled.evaluate(after).indicator(path).points
        >= compiled.evaluate(before).indicator(path).points
    )


@FAST
@given(st.data())
def test_requires_plus_others_bands_are_monotone(data) -> None:
    # Teacher special-needs style: 5 → 10; items 1-2 and 2 others → 7; items 1-2 and 1 other → 5.
    instrument = one_indicator(
        {
            "kind": "item_count_bands",
            "bands": [
                {"points": 10, "min": 5},
                {"points": 7, "requires": [1, 2], "others_min": 2},
                {"points": 5, "requires": [1, 2], "others_min": 1},
            ],
        },
        n_items=5,
    )
    compiled = compile_instrument(instrument)
    base = data.draw(st.sets(st.integers(1, 5)))
    extra = data.draw(st.integers(1, 5))

    def pts(items):
        return compiled.evaluate({"indicators": {"c1.i1": {"checked": sorted(items)}}}).total

    assert pts(base | {extra}) >= pts(base)


@settings(max_examples=15, deadline=None)
@given(
    st.sampled_from(["example-all-kinds", "nara2-school-eligibility"]),
    st.booleans(),
    st.booleans(),
    st.integers(min_value=2, max_value=6),
    st.integers(min_value=60, max_value=200),
    st.text(alphabet="กขค abc#", max_size=20),
)
def test_hash_stable_under_reformatting(
    instrument_id, flow, sort_keys, indent, width, comment
) -> None:
    instrument = get_instrument(instrument_id)
    from pramoen.instruments import instrument_path

    data = yaml.safe_load(instrument_path(instrument_id).read_text(encoding="utf-8"))
    text = yaml.safe_dump(
        data,
        allow_unicode=True,
        default_flow_style=flow,
        sort_keys=sort_keys,
        indent=indent,
        width=width,
    )
    safe_comment = re.sub(r"\s+", " ", comment)
    text = f"# {safe_comment}\n" + text
    assert version_hash(parse_instrument(text, "reformatted.yaml")) == version_hash(instrument)


def test_hash_changes_when_meaning_changes() -> None:
    from pramoen.instruments import apply_overrides

    instrument = get_instrument("nara2-school-academic")
    changed = apply_overrides(instrument, {"c1.i1/levels.very_good.points": 11})
    assert version_hash(changed) != version_hash(instrument)


def test_hash_ignores_number_spelling_and_default_ids() -> None:
    a = one_indicator(
        {"kind": "item_count_bands", "bands": [{"points": "15.0", "min": 1}]}, n_items=2
    )
    data = a.model_dump(mode="json", by_alias=True)
    data["rubric"]["components"][0]["indicators"][0]["rule"]["bands"][0]["points"] = 15
    for item in data["rubric"]["components"][0]["indicators"][0]["items"]:
        item.pop("id")
    b = type(a).model_validate(data)
    assert version_hash(a) == version_hash(b)

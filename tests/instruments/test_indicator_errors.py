"""``indicator_errors`` (the bulk rescoring check) reports exactly what ``validate_answers``
reports under ``indicators``, in the same order, for valid and broken answers of every shipped
instrument."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pramoen.instruments import get_instrument, shipped_ids, validate_answers
from pramoen.instruments.answers import indicator_errors
from pramoen.instruments.sampling import random_answers

from .helpers import JUNK, THREE_LEVELS, broken_answers, one_indicator

IDS = shipped_ids()
INSTRUMENTS = {i: get_instrument(i) for i in IDS}
EXAMPLES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@EXAMPLES
@given(
    st.sampled_from(IDS),
    st.integers(min_value=0, max_value=2**32),
    st.booleans(),
    st.booleans(),
)
def test_same_indicator_errors_as_full_validation(instrument_id, seed, broken, partial) -> None:
    instrument = INSTRUMENTS[instrument_id]
    rng = random.Random(seed)
    doc = random_answers(instrument, rng)
    if broken:
        doc = broken_answers(doc, rng)
    full = [
        e
        for e in validate_answers(instrument, doc, partial=partial)
        if e.path.startswith("indicators")
    ]
    assert indicator_errors(instrument, doc, partial=partial) == full


def test_the_broken_answers_do_reach_the_error_paths() -> None:
    # Guards the test above: the faults it makes are reported, not all silently valid.
    codes: set[str] = set()
    rng = random.Random(7)
    for instrument_id in IDS:
        for _ in range(40):
            doc = broken_answers(random_answers(INSTRUMENTS[instrument_id], rng), rng)
            codes.update(e.code for e in indicator_errors(INSTRUMENTS[instrument_id], doc))
    assert {"missing", "wrong_type", "unknown_id", "item_out_of_range"} <= codes


# No shipped instrument makes an indicator depend on the applicant's fields; this one does, so
# the fields the required-answer check reads are compared too.
CONDITIONAL = one_indicator(
    {"kind": "item_count_bands", "bands": [{"level": "excellent", "min": 1}]},
    n_items=4,
    levels=THREE_LEVELS,
    fields=[
        {"id": "teachers", "label_th": "จำนวนครู", "type": "integer", "min": 0},
        {"id": "flag", "label_th": "มี", "type": "boolean"},
    ],
    indicator={"applies_when": {"field": "teachers", "gt": 2}},
)


@EXAMPLES
@given(
    st.one_of(
        st.none(),
        st.sampled_from(JUNK),
        st.fixed_dictionaries(
            {
                "teachers": st.one_of(st.integers(-1, 5), st.sampled_from(JUNK)),
                "flag": st.sampled_from(JUNK),
            }
        ),
    ),
    st.one_of(
        st.none(),
        st.sampled_from(JUNK),
        st.fixed_dictionaries(
            {
                "c1.i1": st.one_of(
                    st.sampled_from(JUNK),
                    st.fixed_dictionaries(
                        {
                            "checked": st.sampled_from(JUNK),
                        }
                    ),
                ),
            }
        ),
    ),
    st.booleans(),
)
def test_fields_deciding_a_required_indicator(fields, indicators, partial) -> None:
    doc = {"instrument": CONDITIONAL.id, "fields": fields, "indicators": indicators}
    full = [
        e
        for e in validate_answers(CONDITIONAL, doc, partial=partial)
        if e.path.startswith("indicators")
    ]
    assert indicator_errors(CONDITIONAL, doc, partial=partial) == full

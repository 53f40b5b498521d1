"""The submit's proof of validity (issue 12, judging.proof): written in the submit's transaction,
cleared when a review goes back to its judge; finalization skips re-validating exactly the reviews
whose proof matches the group's pin and the rows as stored, and its results are the same with and
without proofs. A review whose proof does not match is validated, and rejected when invalid."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pramoen.awards.models import Entry
from pramoen.instruments import compile_instrument, get_instrument, shipped_ids
from pramoen.instruments.sampling import random_answers
from pramoen.judging import domain, selectors, services
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.models import Committee, EntryResult, Review
from pramoen.judging.scoring import score_document, score_validated
from pramoen.judging.selectors import results as results_selector
from tests.instruments.helpers import broken_answers
from tests.judging import test_bulk_finalize
from tests.judging.helpers import all_checked
from tests.judging.reference_outcomes import _old_disagreement
from tests.judging.test_bulk_finalize import FIELDS, SETTINGS, _panel

finalizable = test_bulk_finalize.finalizable  # the group with ties, consensus, screened-out
NO_PROOF = {"validated_hash": "", "validated_digest": "", "validated_at": None}
IDS = shipped_ids()
COMPILED = {i: compile_instrument(get_instrument(i)) for i in IDS}
EXAMPLES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture
def validations(monkeypatch):
    """How many reviews group scoring validates (``score_document`` as the selector calls it)."""
    calls = []

    def counting(compiled, doc, *, partial):
        calls.append(doc["indicators"])
        return score_document(compiled, doc, partial=partial)

    monkeypatch.setattr(results_selector, "score_document", counting)
    return calls


def _outcomes(category):
    return [
        (o.entry.pk, {f: getattr(o, f) for f in FIELDS}) for o in selectors.entry_outcomes(category)
    ]


def test_submit_writes_the_proof_a_return_clears_it(committee, chair, judges, make_entry):
    entry = make_entry()
    _panel(entry, judges[:1], (1,))
    review = Review.objects.get(entry=entry)
    assert review.validated_hash == entry.category.scoring_instrument_hash
    assert len(review.validated_digest) == 64 and review.validated_at == review.submitted_at
    services.review_return(review=review, actor=chair, reason="ทบทวน")
    review.refresh_from_db()
    assert (review.validated_hash, review.validated_digest, review.validated_at) == ("", "", None)
    services.review_save(
        review=review, actor=judges[0], seen_version=review.version, indicators=all_checked()
    )
    review.refresh_from_db()
    assert review.validated_hash == "" and review.status == ReviewStatus.DRAFT


def test_an_appeal_clears_the_proof(committee, chair, judges, make_entry, staff):
    entry = make_entry()
    _panel(entry, judges, (0, 0, 0))
    services.group_finalize(committee=committee, actor=chair)
    services.entry_reopen(entry=entry, actor=staff, reason="อุทธรณ์")
    assert set(Review.objects.values_list("validated_hash", flat=True)) == {""}


def test_proven_reviews_are_not_validated_again(committee, judges, make_entry, validations):
    for _ in range(3):
        _panel(make_entry(), judges, (0, 1, 2))
    selectors.entry_outcomes(committee.category)
    assert validations == []
    Review.objects.filter(pk=Review.objects.order_by("pk").first().pk).update(**NO_PROOF)
    selectors.entry_outcomes(committee.category)
    assert len(validations) == 1


def test_results_are_the_same_with_and_without_proofs(finalizable, chair):
    """The finalizable group (ties, consensus, screened-out and withdrawn entries) under every
    aggregation: the proven fast path gives what validating every review gives."""
    assert not Review.objects.filter(status=ReviewStatus.SUBMITTED, validated_hash="").exists()
    proven = {}
    for setting in SETTINGS:
        Committee.objects.filter(pk=finalizable.pk).update(**setting)
        proven[setting["aggregation"], setting["use_calibration"]] = _outcomes(finalizable.category)
    services.group_finalize(committee=finalizable, actor=chair)
    stored = list(EntryResult.objects.order_by("entry_id").values())
    Review.objects.update(**NO_PROOF)
    for setting in SETTINGS:
        Committee.objects.filter(pk=finalizable.pk).update(**setting)
        key = setting["aggregation"], setting["use_calibration"]
        assert _outcomes(finalizable.category) == proven[key], setting
    finalizable.refresh_from_db()
    services.group_finalize(committee=finalizable, actor=chair)
    again = list(EntryResult.objects.order_by("entry_id").values())
    assert [{**r, "finalized_at": None} for r in again] == [
        {**r, "finalized_at": None} for r in stored
    ]


@pytest.mark.parametrize("proof", ["other-pin", "keep"])
def test_a_review_whose_proof_does_not_match_is_validated_and_rejected_when_invalid(
    committee, chair, judges, make_entry, validations, proof
):
    """``other-pin``: proven against another instrument version; ``keep``: the proof is the
    submit's, but the indicators were changed afterwards behind the services' back."""
    entry = make_entry()
    _panel(entry, judges, (0, 0, 0))
    review = Review.objects.get(entry=entry, judge=judges[1])
    update = {"indicators": {"x.y": {"no": 1}}}
    if proof == "other-pin":
        update["validated_hash"] = "0" * 64
    Review.objects.filter(pk=review.pk).update(**update)
    [outcome] = selectors.entry_outcomes(committee.category)
    assert validations == [{"x.y": {"no": 1}}]
    assert outcome.pending == 1 and len(outcome.judge_totals) == 2
    with pytest.raises(ValidationError, match="กรรมการยังส่งผลไม่ครบ"):
        services.group_finalize(committee=committee, actor=chair)
    assert not EntryResult.objects.exists()


def test_a_correction_of_the_applicants_fields_voids_the_proof(
    committee, judges, make_entry, validations
):
    entry = make_entry()
    _panel(entry, judges, (0, 0, 0))
    selectors.entry_outcomes(committee.category)
    assert validations == []
    answers = {"scoring": {"fields": {"note": "แก้ไข"}, "evidence": {}}}
    Entry.objects.filter(pk=entry.pk).update(answers=answers)
    selectors.entry_outcomes(committee.category)
    assert len(validations) == 3


@EXAMPLES
@given(st.sampled_from(IDS), st.integers(min_value=0, max_value=2**32), st.booleans())
def test_scoring_proven_answers_gives_what_validating_them_gives(instrument_id, seed, broken):
    """Over every shipped instrument: answers that pass the check score the same unchecked."""
    compiled = COMPILED[instrument_id]
    rng = random.Random(seed)
    doc = random_answers(compiled.instrument, rng)
    if broken:
        # The judges' part broken; the applicant's fields were checked when entered.
        doc = {**broken_answers(doc, rng), "fields": doc["fields"]}
    checked = score_document(compiled, doc, partial=False)
    if checked.problems:
        return  # never proven: a submit refuses these answers
    fast = score_validated(compiled, doc)
    assert fast.problems == () and fast.result.to_dict() == checked.result.to_dict()


@EXAMPLES
@given(
    st.sampled_from(IDS),
    st.integers(min_value=0, max_value=2**32),
    st.integers(min_value=0, max_value=5),
    st.integers(min_value=0, max_value=3),
)
def test_disagreement_matches_the_rendered_levels(instrument_id, seed, judges, gap):
    compiled = COMPILED[instrument_id]
    rng = random.Random(seed)
    results = [compiled.evaluate(random_answers(compiled.instrument, rng)) for _ in range(judges)]
    spread = Decimal(rng.randint(0, 30))
    expected = _old_disagreement(compiled, results, max_spread=spread, max_level_gap=gap)
    assert domain.disagreement(compiled, results, max_spread=spread, max_level_gap=gap) == expected
    plan = domain.level_plan(compiled)
    assert (
        domain.disagreement(compiled, results, max_spread=spread, max_level_gap=gap, plan=plan)
        == expected
    )


@EXAMPLES
@given(st.sampled_from(IDS), st.integers(min_value=0, max_value=2**32), st.booleans())
def test_bulk_decoding_gives_what_the_standard_parser_gives(instrument_id, seed, broken):
    import json

    from pramoen.judging.fastjson import decode

    rng = random.Random(seed)
    doc = random_answers(COMPILED[instrument_id].instrument, rng)
    if broken:
        doc = broken_answers(doc, rng)
    for text in (json.dumps(doc), json.dumps(doc, ensure_ascii=False)):
        assert decode(text) == json.loads(text)


@pytest.mark.parametrize(
    "text", ['{"a": 18446744073709551616}', '{"x": 0.1, "y": -1e-7}', '["ตัวชี้วัด", null]', "null"]
)
def test_bulk_decoding_of_edge_values(text):
    import json

    from pramoen.judging.fastjson import decode

    assert decode(text) == json.loads(text) and decode(None) is None

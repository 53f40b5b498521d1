"""Bulk rescoring's shortcuts give exactly what the full path gives (issue 12): ``score_document``
checking only the judges' part, and ``panel_facts`` reading component points without rendering
the indicators — totals, tiers, explanations, warnings and problems, for every shipped instrument
on random valid and broken answers."""

import random
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pramoen.instruments import compile_instrument, get_instrument, shipped_ids, validate_answers
from pramoen.instruments.sampling import random_answers
from pramoen.judging import domain
from pramoen.judging.scoring import Scored, score_document
from tests.instruments.helpers import broken_answers

IDS = shipped_ids()
COMPILED = {i: compile_instrument(get_instrument(i)) for i in IDS}
EXAMPLES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _reference_score(compiled, doc, *, partial: bool) -> Scored:
    """``score_document`` as it was: the whole document validated, the judges' errors kept."""
    errors = validate_answers(compiled.instrument, doc, partial=partial)
    mine = [e for e in errors if e.path.startswith("indicators")]
    if mine:
        return Scored(None, tuple(f"{e.path}: {e.message_th}" for e in mine))
    try:
        return Scored(compiled.evaluate(doc), ())
    except (TypeError, ValueError, KeyError, ArithmeticError) as exc:
        return Scored(None, (f"คำนวณคะแนนไม่ได้: {exc}",))


def _reference_facts(results, method=domain.MEAN):
    points: dict[str, list[Decimal]] = {}
    maxima: dict[str, Decimal] = {}
    for result in results:
        for comp in result.components:
            if comp.applicable:
                points.setdefault(comp.path, []).append(comp.points)
                maxima[comp.path] = comp.maximum
    statuses = [r.passed for r in results]
    gates = False if False in statuses else (None if None in statuses else True)
    return domain.TierFacts(
        components={c: (domain.aggregate(v, method), maxima[c]) for c, v in points.items()},
        gates_passed=gates if results else None,
        judges=len(results),
    )


def _same(fast: Scored, reference: Scored) -> None:
    assert fast.problems == reference.problems
    assert (fast.result is None) == (reference.result is None)
    if fast.result is not None:
        assert fast.result.to_dict() == reference.result.to_dict()  # explanations included
        assert fast.result.total == reference.result.total


@EXAMPLES
@given(
    st.sampled_from(IDS),
    st.integers(min_value=0, max_value=2**32),
    st.booleans(),
    st.booleans(),
)
def test_score_document_matches_full_validation(instrument_id, seed, broken, partial) -> None:
    compiled = COMPILED[instrument_id]
    rng = random.Random(seed)
    doc = random_answers(compiled.instrument, rng)
    if broken:
        doc = broken_answers(doc, rng)
    _same(
        score_document(compiled, doc, partial=partial),
        _reference_score(compiled, doc, partial=partial),
    )


def test_a_document_with_unknown_keys_is_still_fully_validated() -> None:
    compiled = COMPILED["nara2-school-academic"]
    doc = {**random_answers(compiled.instrument, random.Random(3)), "extra": 1}
    _same(
        score_document(compiled, doc, partial=False), _reference_score(compiled, doc, partial=False)
    )


@EXAMPLES
@given(
    st.sampled_from(IDS),
    st.integers(min_value=0, max_value=2**32),
    st.integers(min_value=0, max_value=5),
    st.sampled_from((domain.MEAN, domain.MEDIAN, domain.TRIMMED)),
)
def test_panel_facts_and_tiers_match_the_rendered_components(
    instrument_id, seed, judges, method
) -> None:
    compiled = COMPILED[instrument_id]
    rng = random.Random(seed)
    results = [compiled.evaluate(random_answers(compiled.instrument, rng)) for _ in range(judges)]
    facts = domain.panel_facts(results, method)
    assert facts == _reference_facts(results, method)
    if results:
        total = domain.aggregate([r.total for r in results], method)
        assert domain.tier_decision(compiled, total, facts) == domain.tier_decision(
            compiled, total, _reference_facts(results, method)
        )
        assert domain.tie_break_key(compiled, facts.components) == domain.tie_break_key(
            compiled, _reference_facts(results, method).components
        )

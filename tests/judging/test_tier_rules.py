"""Tier rules beyond bands and the tie-break order (issue 14): pure functions, lint, results."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pramoen.instruments import get_instrument
from pramoen.instruments.hashing import version_hash
from pramoen.instruments.lint import lint
from pramoen.instruments.schema import TierRule
from pramoen.instruments.scoring import compile_instrument
from pramoen.judging import domain

D = Decimal


def _with(rules=None, tie_break=None):
    base = get_instrument("nara2-school-academic")
    tiers = base.tiers.model_copy(update={"rules": rules, "tie_break": tie_break})
    return base.model_copy(update={"tiers": tiers})


C1_FULL = (D(50), D(60))
C2_FULL = (D(35), D(40))


def _facts(c1=C1_FULL, c2=C2_FULL, gates=True, judges=3):
    return domain.TierFacts(components={"c1": c1, "c2": c2}, gates_passed=gates, judges=judges)


GOLD_RULE = TierRule(tier="gold", min_component_percent=D(60), all_gates_passed=True, min_judges=3)


def test_instruments_without_rules_keep_their_hash():
    base = get_instrument("nara2-school-academic")
    assert version_hash(_with()) == version_hash(base)
    assert version_hash(_with(rules=[GOLD_RULE])) != version_hash(base)


def test_no_component_below_the_percent_passes_gold_down_to_silver():
    compiled = compile_instrument(_with(rules=[GOLD_RULE]))
    assert domain.tier_for_total(compiled, D(85), _facts())[0] == "gold"
    # c2 at 23/40 = 57.5 % < 60 %: not gold; silver has no rule.
    decision = domain.tier_decision(compiled, D(85), _facts(c2=(D(23), D(40))))
    assert decision.tier == "silver"
    assert decision.passed_over == (("gold", ("องค์ประกอบที่ ๒ ได้ต่ำกว่าร้อยละ ๖๐",)),)
    # Exactly 60 % is not below.
    assert domain.tier_for_total(compiled, D(85), _facts(c2=(D(24), D(40))))[0] == "gold"


def test_gold_needs_every_gate_and_enough_judges():
    compiled = compile_instrument(_with(rules=[GOLD_RULE]))
    assert domain.tier_for_total(compiled, D(90), _facts(gates=None))[0] == "silver"
    assert domain.tier_for_total(compiled, D(90), _facts(judges=2))[0] == "silver"
    # A rule on silver too: the entry keeps falling.
    both = compile_instrument(_with(rules=[GOLD_RULE, TierRule(tier="silver", min_judges=3)]))
    assert domain.tier_for_total(both, D(90), _facts(judges=2))[0] == "bronze"
    # Without facts a rule is never taken as met.
    assert domain.tier_for_total(compiled, D(90))[0] == "silver"


def test_rules_do_not_lift_a_total_into_a_band():
    compiled = compile_instrument(_with(rules=[GOLD_RULE]))
    assert domain.tier_for_total(compiled, D("79.99"), _facts())[0] == "silver"
    assert domain.tier_for_total(compiled, D(10), _facts())[0] is None


def test_tie_break_orders_equal_totals_by_component_one_then_two():
    compiled = compile_instrument(_with(tie_break=["c1", "c2"]))
    facts = [
        {"c1": (D(40), D(60)), "c2": (D(40), D(40))},
        {"c1": (D(50), D(60)), "c2": (D(30), D(40))},
        {"c1": (D(50), D(60)), "c2": (D(30), D(40))},
        {"c1": (D(30), D(60)), "c2": (D(30), D(40))},
    ]
    totals = [D(80), D(80), D(80), D(60)]
    keys = [domain.tie_break_key(compiled, f) for f in facts]
    assert domain.competition_ranks(totals, keys) == [3, 1, 1, 4]
    # No tie-break declared: the three 80s share rank 1.
    plain = compile_instrument(_with())
    keys = [domain.tie_break_key(plain, f) for f in facts]
    assert domain.competition_ranks(totals, keys) == [1, 1, 1, 4]


def test_legend_reads_the_rules_in_thai():
    compiled = compile_instrument(_with(rules=[GOLD_RULE], tie_break=["c1"]))
    assert domain.tier_rules_legend_th(compiled) == [
        "รางวัลเหรียญทอง ต้องครบทุกข้อ: ทุกองค์ประกอบได้ไม่ต่ำกว่าร้อยละ ๖๐ ของคะแนนเต็ม"
        " · ผ่านการตรวจคุณสมบัติเบื้องต้นของสถานศึกษา · มีกรรมการให้คะแนนอย่างน้อย ๓ คน"
        " (ไม่ครบ ได้ระดับถัดลงไป)",
        "คะแนนรวมเท่ากัน: จัดลำดับตามคะแนนองค์ประกอบที่ ๑ (มากกว่าได้ลำดับดีกว่า)",
    ]


def test_panel_facts_aggregate_components_like_totals():
    class _Comp:
        def __init__(self, path, points, applicable=True):
            self.path, self.points, self.maximum, self.applicable = (
                path,
                D(points),
                D(60),
                applicable,
            )

    class _Result:
        def __init__(self, points, passed=True):
            self.components = (_Comp("c1", points), _Comp("c9", 0, applicable=False))
            self.passed = passed

        def component_points(self):  # what ScoreResult.component_points gives
            return tuple((c.path, c.applicable, c.points, c.maximum) for c in self.components)

    facts = domain.panel_facts([_Result(30), _Result(40), _Result(59, passed=None)], "median")
    assert facts.components == {"c1": (D(40), D(60))}
    assert (facts.gates_passed, facts.judges) == (None, 3)
    assert domain.panel_facts([_Result(30), _Result(40, passed=False)]).gates_passed is False


@pytest.mark.parametrize(
    ("rules", "tie_break", "code", "severity"),
    [
        ([TierRule(tier="platinum", min_judges=3)], None, "tier_rule_unknown_tier", "error"),
        (
            [TierRule(tier="gold", min_component_percent=D(120))],
            None,
            "tier_rule_percent_range",
            "error",
        ),
        ([TierRule(tier="gold")], None, "tier_rule_empty", "warning"),
        (None, ["c7"], "tie_break_unknown_component", "error"),
        (None, ["c1", "c1"], "tie_break_duplicate", "warning"),
    ],
)
def test_lint_checks_tier_rules(rules, tie_break, code, severity):
    found = [(f.code, f.severity) for f in lint(_with(rules=rules, tie_break=tie_break))]
    assert (code, severity) in found


def test_lint_accepts_sound_rules():
    codes = {f.code for f in lint(_with(rules=[GOLD_RULE], tie_break=["c1", "c2"]))}
    assert not codes & {
        "tier_rule_unknown_tier",
        "tier_rule_percent_range",
        "tier_rule_empty",
        "tie_break_unknown_component",
        "tie_break_duplicate",
        "tier_rule_no_gates",
    }


@pytest.mark.django_db
def test_finalize_applies_the_instruments_tier_rules(
    committee, chair, judges, make_entry, monkeypatch, client, staff
):
    from django.urls import reverse

    from pramoen.judging import services
    from pramoen.judging.selectors import results as results_selectors
    from tests.judging.helpers import all_checked

    ruled = compile_instrument(_with(rules=[TierRule(tier="gold", min_judges=4)], tie_break=["c1"]))
    monkeypatch.setattr(results_selectors, "pinned_scoring", lambda category: ruled)
    entry = make_entry()
    for judge in judges:
        services.assignment_add(entry=entry, judge=judge, actor=judge)
        review = services.review_open(entry=entry, judge=judge)
        services.review_submit(
            review=review, actor=judge, seen_version=review.version, indicators=all_checked()
        )
    [result] = services.group_finalize(committee=committee, actor=chair)
    # Full marks, but three judges where gold needs four: silver.
    assert (result.total, result.tier, result.rank) == ("100", "silver", 1)

    from pramoen.judging.views import results as results_views

    monkeypatch.setattr(results_views, "pinned_scoring", lambda category: ruled)
    client.force_login(staff)
    page = client.get(reverse("judging:results", args=[committee.category.campaign_id]))
    html = page.content.decode()
    assert "มีกรรมการให้คะแนนอย่างน้อย ๔ คน" in html
    assert "จัดลำดับตามคะแนนองค์ประกอบที่ ๑" in html

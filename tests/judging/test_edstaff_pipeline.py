"""Issue 13: a supervisor's entry (ประกาศ ข้อ ๓.๔, the ESA-authored instruments) goes the whole way —
screened, judged by a committee of three, finalized with a tier from ข้อ ๔'s bands, and certified —
through the same services as every other category."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Entry
from pramoen.awards.services import CategorySpec, campaign_create
from pramoen.judging import services
from pramoen.judging.models import EntryResult
from pramoen.judging.services import committee_create, eligibility_record
from tests.awards.conftest import campaign_fields

SUPERVISOR_ACADEMIC = CategorySpec(
    category="supervisor",
    domain="academic",
    eligibility_instrument_id="nara2-edstaff-preliminary",
    scoring_instrument_id="nara2-edstaff-academic",
)


def _levels(raw: int) -> list[dict]:
    """Five level answers (๔–๑ or none) summing to ``raw`` raw points (0–20)."""
    out = []
    for _ in range(5):
        points = min(4, raw)
        raw -= points
        out.append({"none": True} if points == 0 else {"level": f"l{points}"})
    return out


def _indicators(pre: int, work: int) -> dict:
    rows = {f"pre.i{k}": a for k, a in enumerate(_levels(pre), start=1)}
    return rows | {f"c1.i{k}": a for k, a in enumerate(_levels(work), start=1)}


@pytest.fixture
def supervisor_category(esa, staff, chair, judges):
    campaign = campaign_create(
        esa=esa, actor=staff, categories=[SUPERVISOR_ACADEMIC], **campaign_fields()
    )
    category = campaign.categories.get()
    committee_create(category=category, chair=chair, members=judges, actor=staff)
    return category


def _entry(category, staff, school, name: str) -> Entry:
    entry = Entry.objects.create(
        campaign=category.campaign,
        category=category,
        school=school,
        nominee_key=f"person:{name}",
        nominee_name=name,
        created_by=staff,
        status=EntryStatus.SUBMITTED,
        answers={"scoring": {"fields": {}, "evidence": {}}},
    )
    eligibility_record(entry=entry, eligible=True, actor=staff)
    return entry


def test_a_supervisor_entry_is_judged_finalized_with_a_tier_and_certified(
    supervisor_category, staff, chair, judges, make_school
):
    school = make_school()
    gold = _entry(supervisor_category, staff, school, "นายนิเทศ ก้าวหน้า")
    honourable = _entry(supervisor_category, staff, school, "นางสาวแนะนำ ตั้งใจ")
    # Raw points (preliminary, work part) each judge gives: 1.5 × pre + 3.5 × work. The judges
    # agree (a wider spread needs the chair's consensus first, tested elsewhere).
    marks = {gold.pk: [(16, 16)] * 3, honourable.pk: [(10, 10)] * 3}
    for entry in (gold, honourable):
        for judge, (pre, work) in zip(judges, marks[entry.pk], strict=True):
            services.assignment_add(entry=entry, judge=judge, actor=chair)
            review = services.review_open(entry=entry, judge=judge)
            services.review_submit(
                review=review, actor=judge, seen_version=0, indicators=_indicators(pre, work)
            )
    services.group_finalize(committee=supervisor_category.committee, actor=chair)

    results = {r.entry_id: r for r in EntryResult.objects.filter(entry__in=[gold, honourable])}
    # gold: 24 + 56 = 80, the lower edge of ๘๐–๑๐๐; honourable: 15 + 35 = 50, that of ๕๐–๕๙
    assert Decimal(results[gold.pk].total) == 80
    assert results[gold.pk].tier == "gold"
    assert Decimal(results[honourable.pk].total) == 50
    assert results[honourable.pk].tier == "honourable"

    certificates = services.certificates_issue(campaign=supervisor_category.campaign, actor=chair)
    by_entry = {c.entry_id: c for c in certificates}
    assert set(by_entry) == {gold.pk, honourable.pk}
    assert by_entry[gold.pk].recipient == "นายนิเทศ ก้าวหน้า"
    assert "เหรียญทอง" in by_entry[gold.pk].award
    assert "ชมเชย" in by_entry[honourable.pk].award
    assert "ศึกษานิเทศก์" in by_entry[gold.pk].category_label

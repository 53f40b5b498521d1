from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pramoen.accounts.enums import Role
from pramoen.core.models import AuditEvent
from pramoen.judging import selectors, services
from pramoen.judging.enums import ConflictSource, ReviewStatus
from pramoen.judging.models import Assignment, EntryResult, Review, ReviewVersion
from pramoen.judging.services import StaleReview
from tests.judging.helpers import all_checked


def _submit(entry, judge, indicators):
    services.assignment_add(entry=entry, judge=judge, actor=judge)
    review = services.review_open(entry=entry, judge=judge)
    return services.review_submit(
        review=review, actor=judge, seen_version=review.version, indicators=indicators
    ).review


def test_conflict_own_school_and_network_derived(
    committee, judges, make_school, make_entry, network, make_user, esa
):
    from pramoen.accounts.services import membership_grant

    own = make_school(network=network)
    sibling = make_school(network=network)
    other = make_school()
    judge = judges[0]
    membership_grant(user=judge, role=Role.JUDGE, organization=own)
    e_own, e_sibling, e_other = make_entry(own), make_entry(sibling), make_entry(other)
    rows = services.conflicts_derive(judge=judge, entries=[e_own, e_sibling, e_other])
    assert [c.source for c in rows[e_own.pk]] == [ConflictSource.OWN_SCHOOL]
    assert [c.source for c in rows[e_sibling.pk]] == [ConflictSource.SAME_NETWORK]
    assert rows[e_other.pk] == []
    with pytest.raises(ValidationError):
        services.assignment_add(entry=e_own, judge=judge, actor=judge)


def test_conflict_override_only_by_chair_with_reason(committee, chair, judges, make_entry):
    entry = make_entry()
    conflict = services.conflict_declare(entry=entry, judge=judges[0], reason="เป็นญาติของผู้บริหาร")
    assert services.is_conflicted(judge=judges[0], entry=entry) is True
    with pytest.raises(PermissionDenied):
        services.conflict_override(conflict=conflict, actor=judges[1], reason="x")
    with pytest.raises(ValidationError):
        services.conflict_override(conflict=conflict, actor=chair, reason=" ")
    services.conflict_override(conflict=conflict, actor=chair, reason="ไม่มีกรรมการด้านนี้เพียงพอ")
    assert services.is_conflicted(judge=judges[0], entry=entry) is False
    event = AuditEvent.objects.get(action="judging.conflict_override")
    assert (event.actor_id, event.reason) == (chair.pk, "ไม่มีกรรมการด้านนี้เพียงพอ")


def test_auto_assign_balances_and_excludes_conflicts(
    committee, judges, make_user, esa, make_entry, chair
):
    extra = make_user(roles=[Role.JUDGE], organization=esa, password=None)
    committee.members.add(extra)
    entries = [make_entry() for _ in range(4)]
    services.conflict_declare(entry=entries[0], judge=judges[0], reason="ญาติ")
    warnings = services.assignments_auto(committee=committee, actor=chair, per_entry=2)
    assert warnings == []
    per_entry = {
        e.pk: set(Assignment.objects.filter(entry=e).values_list("judge_id", flat=True))
        for e in entries
    }
    assert all(len(j) == 2 for j in per_entry.values())
    assert judges[0].pk not in per_entry[entries[0].pk]
    loads = sorted(Assignment.objects.filter(judge=j).count() for j in [*judges, extra])
    assert loads == [2, 2, 2, 2]


def test_auto_assign_weights_long_portfolios(committee, judges, make_entry, chair):
    long = make_entry(pages="1-300")
    shorts = [make_entry() for _ in range(2)]
    services.assignments_auto(committee=committee, actor=chair, per_entry=1)
    long_judge = Assignment.objects.get(entry=long).judge_id
    short_judges = {Assignment.objects.get(entry=e).judge_id for e in shorts}
    # The 300-page portfolio weighs 4 entries: its judge gets nothing else while others are free.
    assert long_judge not in short_judges
    assert services.portfolio_weight(long) == Decimal(4)


def test_auto_assign_warns_when_too_few_judges(committee, judges, make_entry, chair):
    entry = make_entry()
    warnings = services.assignments_auto(committee=committee, actor=chair, per_entry=4)
    # Counts in Thai digits, like the committee page's other counts.
    assert len(warnings) == 1 and warnings[0].endswith("(ได้ ๓ จาก ๔ คน)")
    assert Assignment.objects.filter(entry=entry).count() == 3


def test_stale_save_refused_and_nothing_lost(committee, judges, make_entry):
    entry = make_entry()
    judge = judges[0]
    services.assignment_add(entry=entry, judge=judge, actor=judge)
    review = services.review_open(entry=entry, judge=judge)
    seen = review.version
    first = all_checked()
    services.review_save(review=review, actor=judge, seen_version=seen, indicators=first)
    with pytest.raises(StaleReview) as refused:
        services.review_save(
            review=review, actor=judge, seen_version=seen, indicators=all_checked(drop=3)
        )
    assert "ไม่บันทึกทับ" in refused.value.messages[0]
    review.refresh_from_db()
    assert (review.version, review.indicators) == (seen + 1, first)


def test_two_judges_saving_at_once_keep_both(committee, judges, make_entry):
    entry = make_entry()
    reviews = []
    for judge in judges[:2]:
        services.assignment_add(entry=entry, judge=judge, actor=judge)
        reviews.append(services.review_open(entry=entry, judge=judge))
    services.review_save(
        review=reviews[0], actor=judges[0], seen_version=0, indicators=all_checked()
    )
    services.review_save(
        review=reviews[1], actor=judges[1], seen_version=0, indicators=all_checked(drop=2)
    )
    stored = {r.judge_id: r.indicators for r in Review.objects.filter(entry=entry)}
    assert stored == {judges[0].pk: all_checked(), judges[1].pk: all_checked(drop=2)}


def test_double_clicked_submit_counts_once(committee, judges, make_entry):
    entry = make_entry()
    judge = judges[0]
    services.assignment_add(entry=entry, judge=judge, actor=judge)
    review = services.review_open(entry=entry, judge=judge)
    services.review_submit(review=review, actor=judge, seen_version=0, indicators=all_checked())
    with pytest.raises(StaleReview) as second:
        services.review_submit(review=review, actor=judge, seen_version=0, indicators=all_checked())
    assert "ไม่นับซ้ำ" in second.value.messages[0]
    assert Review.objects.filter(entry=entry, status=ReviewStatus.SUBMITTED).count() == 1
    assert AuditEvent.objects.filter(action="judging.review_submit").count() == 1


def test_submit_incomplete_refused_in_thai(committee, judges, make_entry):
    entry = make_entry()
    judge = judges[0]
    services.assignment_add(entry=entry, judge=judge, actor=judge)
    review = services.review_open(entry=entry, judge=judge)
    partial = {"c1.i1": {"checked": [1]}}
    with pytest.raises(ValidationError) as refused:
        services.review_submit(review=review, actor=judge, seen_version=0, indicators=partial)
    assert refused.value.messages[0].startswith("ยังส่งผลการประเมินไม่ได้")


def test_finalization_while_judge_saves_refuses_the_save(committee, chair, judges, make_entry):
    entry = make_entry()
    for judge in judges:
        _submit(entry, judge, all_checked())
    late = make_entry()
    services.assignment_add(entry=late, judge=judges[0], actor=chair)
    review = services.review_open(entry=late, judge=judges[0])
    services.review_submit(review=review, actor=judges[0], seen_version=0, indicators=all_checked())
    services.review_return(review=review, actor=chair, reason="ทบทวน")
    review.refresh_from_db()
    services.consensus_record(entry=late, actor=chair, indicators=all_checked(drop=1), reason="มติ")
    services.group_finalize(committee=committee, actor=chair)
    with pytest.raises(ValidationError) as refused:
        services.review_save(
            review=review, actor=judges[0], seen_version=review.version, indicators=all_checked()
        )
    assert refused.value.messages == [services.LOCKED_MESSAGE]
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT and review.indicators == all_checked()


def test_disagreement_flag_blocks_finalize_until_consensus(committee, chair, judges, make_entry):
    entry = make_entry()
    _submit(entry, judges[0], all_checked())
    _submit(entry, judges[1], all_checked())
    _submit(entry, judges[2], {p: {"checked": []} for p in all_checked()})
    [outcome] = selectors.entry_outcomes(committee.category)
    assert outcome.flag.flagged and outcome.flag.spread_exceeded
    with pytest.raises(ValidationError):
        services.group_finalize(committee=committee, actor=chair)
    services.consensus_record(
        entry=entry, actor=chair, indicators=all_checked(), reason="ตรวจเอกสารร่วมกัน"
    )
    [result] = services.group_finalize(committee=committee, actor=chair)
    assert (result.method, result.tier, result.rank) == ("consensus", "gold", 1)
    assert (
        AuditEvent.objects.filter(action__in=["judging.consensus", "judging.finalize"]).count() == 2
    )


def test_not_eligible_gets_no_tier_and_no_rank(committee, chair, judges, make_entry):
    ok, out = make_entry(), make_entry(eligible=False)
    for entry in (ok, out):
        for judge in judges:
            _submit(entry, judge, all_checked())
    services.group_finalize(committee=committee, actor=chair)
    result = EntryResult.objects.get(entry=out)
    assert (result.tier, result.rank, result.eligible) == ("", None, False)
    assert EntryResult.objects.get(entry=ok).rank == 1


def test_appeal_reopens_one_entry_only_for_esa_admin(committee, chair, judges, staff, make_entry):
    a, b = make_entry(), make_entry()
    for entry in (a, b):
        for judge in judges:
            _submit(entry, judge, all_checked())
    services.group_finalize(committee=committee, actor=chair)
    with pytest.raises(PermissionDenied):
        services.entry_reopen(entry=a, actor=chair, reason="อุทธรณ์")
    services.entry_reopen(entry=a, actor=staff, reason="ผู้สมัครอุทธรณ์คะแนนตัวชี้วัด ๑.๒")
    review_a = Review.objects.get(entry=a, judge=judges[0])
    review_b = Review.objects.get(entry=b, judge=judges[0])
    assert review_a.status == ReviewStatus.DRAFT
    services.review_save(
        review=review_a,
        actor=judges[0],
        seen_version=review_a.version,
        indicators=all_checked(drop=1),
    )
    with pytest.raises(ValidationError):
        services.review_save(
            review=review_b,
            actor=judges[0],
            seen_version=review_b.version,
            indicators=all_checked(),
        )
    assert list(ReviewVersion.objects.filter(review=review_a).values_list("status", flat=True)) == [
        "draft",
        "submitted",
        "draft",
        "draft",
    ]
    assert (
        AuditEvent.objects.filter(
            action="judging.appeal_reopen", reason__startswith="ผู้สมัคร"
        ).count()
        == 1
    )


def test_calibration_shown_and_used_only_when_on(committee, chair, judges, make_entry):
    entries = [make_entry(), make_entry()]
    # Judge 0 is harsh on the first entry only; raw means differ from calibrated ones.
    plans = {judges[0]: [1, 0], judges[1]: [0, 0], judges[2]: [0, 1]}
    for judge, drops in plans.items():
        for entry, drop in zip(entries, drops, strict=True):
            services.assignment_add(entry=entry, judge=judge, actor=chair)
            review = services.review_open(entry=entry, judge=judge)
            services.review_submit(
                review=review, actor=judge, seen_version=0, indicators=all_checked(drop=drop)
            )
    committee.max_spread = Decimal(50)
    committee.max_level_gap = 5
    committee.save()
    raw = selectors.entry_outcomes(committee.category)
    assert [o.method for o in raw] == ["mean", "mean"]
    assert all(o.calibrated_total is not None for o in raw)
    committee.use_calibration = True
    committee.save()
    calibrated = selectors.entry_outcomes(committee.category)
    assert [o.method for o in calibrated] == ["mean_calibrated"] * 2
    assert [o.total for o in calibrated] == [o.calibrated_total for o in raw]


def test_finalize_refused_while_eligibility_unknown(committee, chair, judges, make_entry, staff):
    entry = make_entry(eligible=None)
    for judge in judges:
        _submit(entry, judge, all_checked())
    with pytest.raises(ValidationError) as refused:
        services.group_finalize(committee=committee, actor=chair)
    assert "ยังไม่ได้บันทึกผลการตรวจคุณสมบัติเบื้องต้น" in refused.value.messages[1]
    services.eligibility_record(entry=entry, eligible=True, actor=staff)
    [result] = services.group_finalize(committee=committee, actor=chair)
    assert (result.tier, result.rank) == ("gold", 1)


# ------------------------------------------------------------ access ends with the role it rests on


def test_a_judge_taken_off_the_committee_loses_the_groups_entries(
    client, committee, chair, judges, staff, make_entry
):
    from django.http import Http404

    from pramoen.judging.selectors import entry_for_judge, workspace_for

    entry = make_entry()
    leaving, staying = judges[0], judges[1:]
    services.assignment_add(entry=entry, judge=leaving, actor=chair)
    services.review_open(entry=entry, judge=leaving)  # a draft, not submitted
    assert entry_for_judge(judge=leaving, entry_id=entry.pk) == entry
    services.committee_update(committee=committee, actor=staff, chair=chair, members=staying)
    with pytest.raises(Http404):
        entry_for_judge(judge=leaving, entry_id=entry.pk)
    assert workspace_for(judge=leaving) == []
    assert not Assignment.objects.filter(judge=leaving).exists()
    assert Review.objects.filter(judge=leaving, entry=entry).exists()  # the draft stays in history
    event = AuditEvent.objects.filter(action="judging.committee_update").latest("pk")
    assert event.after["assignments_removed"] == [[entry.pk, leaving.pk]]


def test_a_judge_who_has_scored_cannot_be_taken_off_until_the_chair_returns_the_review(
    committee, chair, judges, staff, make_entry
):
    entry = make_entry()
    review = _submit(entry, judges[0], all_checked())
    with pytest.raises(ValidationError, match="ส่งผลการประเมินในกลุ่มนี้แล้ว"):
        services.committee_update(committee=committee, actor=staff, chair=chair, members=judges[1:])
    assert committee.members.filter(pk=judges[0].pk).exists()
    services.review_return(review=review, actor=chair, reason="ถอนกรรมการตามข้อร้องเรียน")
    services.committee_update(committee=committee, actor=staff, chair=chair, members=judges[1:])
    assert not committee.members.filter(pk=judges[0].pk).exists()


def test_the_chair_cannot_clear_their_own_conflict(committee, chair, judges, staff, make_entry):
    from pramoen.judging.services import committee_update

    committee_update(committee=committee, actor=staff, chair=chair, members=[*judges, chair])
    entry = make_entry()
    own = services.conflict_declare(entry=entry, judge=chair, reason="เป็นศิษย์เก่าของโรงเรียน")
    with pytest.raises(PermissionDenied, match="ของตนเอง"):
        services.conflict_override(conflict=own, actor=chair, reason="ไม่มีผู้อื่น")
    assert services.is_conflicted(judge=chair, entry=entry) is True


def test_chair_cannot_turn_the_staff_screening_and_needs_a_reason_for_not_eligible(
    committee, chair, make_entry
):
    from django.utils import timezone

    from pramoen.awards.models import Entry

    unscreened = make_entry(eligible=None)
    with pytest.raises(ValidationError, match="เหตุผล"):
        services.eligibility_set_by_chair(entry=unscreened, eligible=False, actor=chair)
    services.eligibility_set_by_chair(
        entry=unscreened, eligible=False, actor=chair, reason="ไม่ผ่าน O-NET"
    )
    screened = make_entry(eligible=False)
    Entry.objects.filter(pk=screened.pk).update(screened_at=timezone.now())
    with pytest.raises(ValidationError, match="ยืนยันผลการตรวจคุณสมบัติของผลงานนี้แล้ว"):
        services.eligibility_set_by_chair(entry=screened, eligible=True, actor=chair)
    assert selectors.entry_eligible(screened) is False


def test_a_withdrawn_entry_is_neither_announced_nor_certified(
    committee, chair, judges, staff, make_entry
):
    from pramoen.awards.enums import EntryStatus
    from pramoen.awards.models import Entry
    from pramoen.judging.selectors import published_results

    kept, pulled = make_entry(), make_entry()
    for entry in (kept, pulled):
        for judge in judges:
            _submit(entry, judge, all_checked())
    services.group_finalize(committee=committee, actor=chair)
    # As if pulled out by staff after finalization (applicants cannot, after the deadline).
    Entry.objects.filter(pk=pulled.pk).update(status=EntryStatus.WITHDRAWN)
    campaign = kept.campaign
    assert [r.entry_id for r in published_results(campaign=campaign)] == [kept.pk]
    issued = services.certificates_issue(campaign=campaign, actor=staff)
    assert [c.entry_id for c in issued] == [kept.pk]


def test_a_conflicted_chair_records_neither_consensus_nor_eligibility(
    committee, chair, judges, make_entry
):
    entry = make_entry(eligible=None)
    services.conflict_declare(entry=entry, judge=chair, reason="บุตรเรียนที่โรงเรียนนี้")
    with pytest.raises(PermissionDenied, match="ประธานมีส่วนได้เสียกับผลงานนี้"):
        services.consensus_record(
            entry=entry, actor=chair, indicators=all_checked(), reason="มติที่ประชุม"
        )
    with pytest.raises(PermissionDenied, match="ประธานมีส่วนได้เสียกับผลงานนี้"):
        services.eligibility_set_by_chair(entry=entry, eligible=True, actor=chair)

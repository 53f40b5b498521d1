"""Demo: a past edition whose results are final and announced (issue 20), so an applicant can be
shown what they see after judging — the result on the home page and the certificate.

ครั้งที่ ๔ ประจำปี ๒๕๖๘ offers one group (small schools, academic). The demo account ``winner``
(the school account of โรงเรียนบ้านเขาแก้ว) entered it; two judges scored the entry, the chair
finalized the group and the certificates were issued, all through the services. Its committee is
its own (``chair2568``, ``judge2568a``, ``judge2568b``, accounts without a password) so the demo's
chair and judge keep exactly the work they had. Safe to run again: made once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pramoen.accounts.demo import demo_user
from pramoen.accounts.enums import Role
from pramoen.accounts.models import User
from pramoen.accounts.services import membership_grant, user_create
from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Campaign, Entry
from pramoen.awards.services import CategorySpec, campaign_create
from pramoen.judging import services
from pramoen.judging.scoring import pinned_scoring
from pramoen.orgs.enums import OrganizationKind
from pramoen.orgs.models import Organization

PAST_YEAR_BE = 2568
WINNER_USERNAME = "winner"
WINNER_SCHOOL = "9999000004"
_BANGKOK = dt.timezone(dt.timedelta(hours=7))


def _member(username: str, prefix: str, first: str, last: str) -> User:
    # No password: nobody logs in as last year's committee (and no hash to compute on each load).
    user = User.objects.filter(username=username).first()
    return user or user_create(
        username=username, password=None, name_prefix=prefix, first_name=first, last_name=last
    )


def _people(esa: Organization) -> tuple[User, User, User]:
    chair = _member("chair2568", "นาย", "วิชัย", "ประธานเดิม")
    judges = (
        _member("judge2568a", "นาง", "สมพร", "ประเมินดี"),
        _member("judge2568b", "นาย", "สุรชัย", "ตรวจงาน"),
    )
    membership_grant(user=chair, role=Role.COMMITTEE_CHAIR, organization=esa)
    for judge in judges:
        membership_grant(user=judge, role=Role.JUDGE, organization=esa)
    return chair, *judges


def load(log: Callable[[str], None]) -> None:
    from pramoen.orgs.demo import DEMO_ESA_CODE

    esa = Organization.objects.get(kind=OrganizationKind.ESA, code=DEMO_ESA_CODE)
    school = Organization.objects.get(kind=OrganizationKind.SCHOOL, code=WINNER_SCHOOL)
    if Campaign.objects.filter(esa=esa, name="NARA 2 AWARDS", year_be=PAST_YEAR_BE).exists():
        return
    winner = demo_user(WINNER_USERNAME, "นาง", "อรุณี", "เขาแก้ว")
    membership_grant(user=winner, role=Role.APPLICANT_SCHOOL, organization=school)
    staff = User.objects.get(username="esa")
    campaign = campaign_create(
        esa=esa,
        actor=staff,
        categories=[
            CategorySpec(
                category="school",
                domain="academic",
                size_class="small",
                eligibility_instrument_id="nara2-school-eligibility",
                scoring_instrument_id="nara2-school-academic",
            )
        ],
        edition=4,
        year_be=PAST_YEAR_BE,
        opens_on=dt.date(2025, 3, 26),
        deadline=dt.datetime(2025, 6, 19, 16, 30, tzinfo=_BANGKOK),
        correction_starts_on=dt.date(2025, 6, 23),
        correction_ends_on=dt.date(2025, 6, 27),
        judging_starts_on=dt.date(2025, 7, 1),
        judging_ends_on=dt.date(2025, 7, 15),
        announce_on=dt.date(2025, 8, 4),
        letter_number="ศธ ๐๔๙๙๙/๑๐๒๘",
        letter_date=dt.date(2025, 3, 26),
        signatory_name="นายประกาศ สว่างใจ",
        signatory_position=f"ผู้อำนวยการ{esa.name_th}",
    )
    category = campaign.categories.get()
    entry = Entry.objects.create(
        campaign=campaign,
        category=category,
        school=school,
        nominee_key=f"school:{school.pk}",
        created_by=winner,
        status=EntryStatus.SUBMITTED,
        submitted_at=dt.datetime(2025, 6, 18, 10, 0, tzinfo=_BANGKOK),
        answers={"scoring": {"fields": {}, "evidence": {}}},
    )
    services.eligibility_record(entry=entry, eligible=True, actor=staff, reason="ข้อมูลตัวอย่าง")
    chair, *judges = _people(esa)
    committee = services.committee_create(
        category=category, chair=chair, members=judges, actor=staff
    )
    services.assignments_auto(committee=committee, actor=chair, per_entry=len(judges))
    compiled = pinned_scoring(category)
    # Every item achieved: the entry earns the top tier on the form's own scale.
    answers = {
        f"{c.id}.{i.id}": {"checked": list(range(1, len(i.items) + 1))}
        for c in compiled.instrument.rubric.components
        for i in c.indicators
    }
    for judge in judges:
        review = services.review_open(entry=entry, judge=judge)
        services.review_submit(
            review=review, actor=judge, seen_version=review.version, indicators=answers
        )
    services.group_finalize(committee=committee, actor=chair)
    services.certificates_issue(campaign=campaign, actor=staff, issued_on=dt.date(2025, 8, 4))
    log(f"การประกวด: {campaign.title_th} ยืนยันผลและออกเกียรติบัตรแล้ว (บัญชี {winner.username})")

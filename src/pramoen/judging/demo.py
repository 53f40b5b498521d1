"""Demo judging: one committee (chair + two judges) for the small-school academic group, with one
entry already scored by both judges and one waiting to be scored — enough to walk the whole flow.
"""

from __future__ import annotations

from collections.abc import Callable

from pramoen.accounts.enums import Role
from pramoen.accounts.models import User
from pramoen.accounts.services import membership_grant, user_create
from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Campaign, Entry
from pramoen.judging import services
from pramoen.judging.models import Committee
from pramoen.judging.scoring import pinned_scoring
from pramoen.orgs.enums import OrganizationKind
from pramoen.orgs.models import Organization

SCORED_SCHOOL = "9999000004"
WAITING_SCHOOL = "9999000005"


def _second_judge(esa: Organization) -> User:
    from pramoen.core.demo import DEMO_PASSWORD

    user = User.objects.filter(username="judge2").first()
    if user is None:
        user = user_create(
            username="judge2",
            password=DEMO_PASSWORD,
            email="judge2@demo.pramoen.invalid",
            name_prefix="นาย",
            first_name="สมศักดิ์",
            last_name="ตั้งใจ",
        )
    membership_grant(user=user, role=Role.JUDGE, organization=esa)
    return user


def _entry(category, code: str, staff: User) -> Entry:
    school = Organization.objects.get(kind=OrganizationKind.SCHOOL, code=code)
    entry = Entry.objects.filter(category=category, school=school).first()
    if entry is None:
        entry = Entry.objects.create(
            campaign=category.campaign,
            category=category,
            school=school,
            nominee_key=f"school:{school.pk}",
            created_by=staff,
            status=EntryStatus.SUBMITTED,
            answers={"scoring": {"fields": {}, "evidence": {}}},
        )
        services.eligibility_record(entry=entry, eligible=True, actor=staff, reason="ข้อมูลตัวอย่าง")
    return entry


def load(log: Callable[[str], None]) -> None:
    campaign = Campaign.objects.filter(name="NARA 2 AWARDS", year_be=2569).first()
    if campaign is None:
        return
    category = campaign.categories.filter(
        category="school", domain="academic", size_class="small"
    ).first()
    if category is None or Committee.objects.filter(category=category).exists():
        return
    esa = campaign.esa
    chair = User.objects.get(username="chair")
    judge = User.objects.get(username="judge")
    staff = User.objects.get(username="esa")
    judge2 = _second_judge(esa)
    committee = services.committee_create(
        category=category, chair=chair, members=[judge, judge2], actor=staff
    )
    scored = _entry(category, SCORED_SCHOOL, staff)
    _entry(category, WAITING_SCHOOL, staff)
    services.assignments_auto(committee=committee, actor=chair, per_entry=2)
    # The first entry is already scored alike by both judges (all items but the last one).
    compiled = pinned_scoring(category)
    answers = {
        f"{c.id}.{i.id}": {"checked": list(range(1, len(i.items)))}
        for c in compiled.instrument.rubric.components
        for i in c.indicators
    }
    for user in (judge, judge2):
        review = services.review_open(entry=scored, judge=user)
        services.review_submit(
            review=review, actor=user, seen_version=review.version, indicators=answers
        )
    log(f"การตัดสิน: คณะกรรมการ {category.label_th} (ประธาน chair กรรมการ judge, judge2)")

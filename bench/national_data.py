"""National-scale judging data for bench/national.py: one campaign with entries, assignments and
submitted reviews spread over the school groups, one of them large.

Rows go in with ``bulk_create`` (the services are for people; a benchmark's data is not a decision
anyone made). Answers are random but close between the judges of one entry, so a group can be
finalized without the disagreement flag stopping it; every tenth entry is left ineligible and a few
are not screened at all in the small groups only (they would block finalization of the big one).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from pramoen.accounts.enums import Role
from pramoen.accounts.models import Membership, User
from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Campaign, CampaignCategory, Entry
from pramoen.awards.services import CategorySpec, campaign_create
from pramoen.instruments.sampling import random_answers
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.models import Assignment, Committee, Consensus, Eligibility, Review
from pramoen.judging.proof import fields_text, review_digest
from pramoen.judging.scoring import document, pinned_scoring, score_document
from pramoen.judging.selectors.results import group_scores
from pramoen.orgs.enums import OrganizationKind
from pramoen.orgs.models import Organization

BANGKOK = ZoneInfo("Asia/Bangkok")
CAMPAIGN_NAME = "BENCH NATIONAL"
BATCH = 5000
JUDGES_PER_ENTRY = 3
Log = Callable[[str], None]


@dataclass(frozen=True)
class Built:
    campaign: Campaign
    big: CampaignCategory  # the one large group
    chair: User
    judges: list[User]  # the big group's judges (each holds every entry of it)
    entries: int


def _specs() -> list[CategorySpec]:
    from pramoen.awards.demo import DOMAINS, SIZES

    return [
        CategorySpec(
            category="school",
            domain=domain,
            size_class=size,
            eligibility_instrument_id="nara2-school-eligibility",
            scoring_instrument_id=f"nara2-school-{domain}",
        )
        for domain in DOMAINS
        for size in SIZES
    ]


def _user(username: str, role: str, esa: Organization) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, first_name="กรรมการ", last_name=username)
        user.set_unusable_password()
        user.save()
        Membership.objects.create(user=user, role=role, organization=esa)
    return user


def _near(rng: random.Random, base: dict, items: dict[str, int]) -> dict:
    """Another judge's answers: the same, but for one indicator one item fewer or more."""
    out = dict(base)
    path = rng.choice([p for p in base if "checked" in base[p]])
    checked = set(base[path]["checked"])
    item = rng.randint(1, items[path])
    out[path] = {"checked": sorted(checked ^ {item})}
    return out


def _prove(compiled, pinned_hash: str, reviews: list[Review], entries: list[Entry]) -> None:
    """The proof a judge's submit writes (judging.proof), for the reviews that really pass the
    submit's check: so finalization here meets reviews as the service leaves them."""
    parts = {e.pk: e for e in entries}
    valid = [
        r.pk
        for r in reviews
        if score_document(
            compiled,
            document(
                compiled=compiled, entry=parts[r.entry_id], indicators=r.indicators, eligible=None
            ),
            partial=False,
        ).result
        is not None
    ]
    fields = Entry.objects.filter(pk=OuterRef("entry_id")).values(text=fields_text())[:1]
    Review.objects.filter(pk__in=valid).update(
        validated_hash=pinned_hash,
        validated_digest=review_digest(Subquery(fields)),
        validated_at=timezone.now(),
    )


def existing(log: Log) -> Built | None:
    campaign = Campaign.objects.filter(name=CAMPAIGN_NAME).first()
    if campaign is None:
        return None
    big = max(campaign.categories.all(), key=lambda c: c.entries.count())
    committee = Committee.objects.get(category=big)
    entries = Entry.objects.filter(campaign=campaign).count()
    log(f"ใช้ข้อมูลเดิม: {entries:,} ผลงาน")
    return Built(campaign, big, committee.chair, list(committee.members.order_by("pk")), entries)


@transaction.atomic
def build(*, entries: int, big: int, seed: int, log: Log) -> Built:
    """``entries`` entries in all, ``big`` of them in one group (school, academic, first size)."""
    rng = random.Random(seed)
    esa = (
        Organization.objects.filter(kind=OrganizationKind.ESA, code__gte="1001")
        .order_by("code")
        .first()
    )
    if esa is None:
        raise SystemExit("ไม่มีข้อมูลระดับประเทศ: รัน pramoen demo national ก่อน")
    staff = _user("bench-staff", Role.ESA_STAFF, esa)
    chair = _user("bench-chair", Role.COMMITTEE_CHAIR, esa)
    campaign = campaign_create(
        esa=esa,
        actor=staff,
        categories=_specs(),
        name=CAMPAIGN_NAME,
        edition=5,
        year_be=2569,
        opens_on=dt.date(2026, 3, 26),
        deadline=dt.datetime(2026, 6, 19, 16, 30, tzinfo=BANGKOK),
        correction_starts_on=dt.date(2026, 6, 22),
        correction_ends_on=dt.date(2026, 6, 26),
        judging_starts_on=dt.date(2026, 7, 1),
        judging_ends_on=dt.date(2026, 7, 15),
        announce_on=dt.date(2026, 8, 1),
        letter_number="ศธ ๐๔๐๗๙/๑๐๖๙",
        letter_date=dt.date(2026, 3, 26),
        esa_address="๑ ถนนทดสอบ",
        signatory_name="นายทดสอบ ระบบ",
        signatory_position="ผู้อำนวยการ",
        contact_phone="๐-๐๐๐๐-๐๐๐๐",
    )
    categories = list(campaign.categories.order_by("pk"))
    big_category = next(c for c in categories if c.domain == "academic")
    others = [c for c in categories if c.pk != big_category.pk]
    per_group = {big_category.pk: big}
    rest = max(entries - big, 0)
    for i, category in enumerate(others):
        per_group[category.pk] = rest // len(others) + (1 if i < rest % len(others) else 0)
    schools = list(
        Organization.objects.filter(kind=OrganizationKind.SCHOOL, code__startswith="1")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    school_iter = iter(schools * (entries // max(len(schools), 1) + 1))
    judges_of: dict[int, list[User]] = {}
    now = timezone.now()
    total = 0
    for category in categories:
        count = per_group[category.pk]
        judges = [
            _user(f"bench-judge-{category.pk}-{j}", Role.JUDGE, esa)
            for j in range(JUDGES_PER_ENTRY)
        ]
        judges_of[category.pk] = judges
        committee = Committee.objects.create(category=category, chair=chair)
        committee.members.set(judges)
        compiled = pinned_scoring(category)
        instrument = compiled.instrument
        items = {path: len(ind.items) for path, _c, ind in instrument.iter_indicators()}
        done = 0
        bases: dict[int, dict] = {}
        while done < count:
            n = min(BATCH, count - done)
            if True:
                docs = [random_answers(instrument, rng) for _ in range(n)]
                made = Entry.objects.bulk_create(
                    [
                        Entry(
                            campaign=campaign,
                            category=category,
                            school_id=school,
                            nominee_key=f"school:{school}",
                            created_by=staff,
                            status=EntryStatus.SUBMITTED,
                            answers={"scoring": {"fields": doc["fields"], "evidence": {}}},
                            submitted_at=now,
                        )
                        for doc, school in zip(docs, islice(school_iter, n), strict=True)
                    ]
                )
                Eligibility.objects.bulk_create(
                    [
                        Eligibility(entry=e, eligible=(done + i) % 10 != 9)
                        for i, e in enumerate(made)
                    ]
                )
                Assignment.objects.bulk_create(
                    [Assignment(entry=e, judge=j) for e in made for j in judges]
                )
                reviews = []
                for e, doc in zip(made, docs, strict=True):
                    base = doc["indicators"]
                    bases[e.pk] = base
                    for k, judge in enumerate(judges):
                        answers = base if k == 0 else _near(rng, base, items)
                        reviews.append(
                            Review(
                                entry=e,
                                judge=judge,
                                instrument_id=compiled.instrument.id,
                                instrument_hash=category.scoring_instrument_hash,
                                indicators=answers,
                                status=ReviewStatus.SUBMITTED,
                                submitted_at=now,
                            )
                        )
                Review.objects.bulk_create(reviews, batch_size=BATCH)
                _prove(compiled, category.scoring_instrument_hash, reviews, made)
            done += n
        # The chair settles the entries the judges disagree on (as a chair would, with a
        # consensus), so every group can be finalized.
        flagged = [
            s.entry_id
            for s in group_scores(category)
            if s.flag is not None and s.flag.flagged and s.eligible is not False
        ]
        Consensus.objects.bulk_create(
            [
                Consensus(entry_id=pk, indicators=bases[pk], reason="มติ", recorded_by=chair)
                for pk in flagged
            ],
            batch_size=BATCH,
        )
        total += count
        log(f"กลุ่ม {category.label_th}: {count:,} ผลงาน ({len(flagged):,} ตัดสินด้วยมติ)")
    return Built(campaign, big_category, chair, judges_of[big_category.pk], total)

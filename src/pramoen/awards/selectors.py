"""Reads for award campaigns, with their joins already applied."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from pramoen.accounts.enums import Role
from pramoen.awards import screening
from pramoen.awards.enums import AwardCategory, EntryStatus
from pramoen.awards.models import (
    Campaign,
    CampaignCategory,
    Entry,
    PortfolioMatch,
    PortfolioSignature,
)
from pramoen.awards.pins import UnknownInstrumentError, WrongInstrumentKindError, resolve_pin
from pramoen.core.instrument_store import instrument_pinned
from pramoen.instruments import Instrument, get_instrument
from pramoen.instruments.diff import Change, diff_instruments
from pramoen.orgs.enums import OnetGrade, OnetSubject
from pramoen.orgs.models import Enrollment, OnesqaResult, OnetMean, Organization, Person
from pramoen.orgs.selectors import onet_comparison
from pramoen.orgs.sizes import DEFAULT_SCHEME, SCHEMES
from pramoen.thai import academic_year, strip_prefix, to_thai_digits


def esas_managed_by(*, user) -> QuerySet[Organization]:
    """ESAs whose campaigns ``user`` manages: those where they are ESA staff (all for admins)."""
    esas = Organization.objects.filter(kind="esa")
    if user.is_superuser or Role.SYSTEM_ADMIN in user.role_set():
        return esas
    return esas.filter(
        memberships__user=user, memberships__role=Role.ESA_STAFF, memberships__is_active=True
    ).distinct()


def campaigns_for_staff(*, user) -> QuerySet[Campaign]:
    return (
        Campaign.objects.filter(esa__in=esas_managed_by(user=user))
        .select_related("esa", "cloned_from")
        .annotate(category_count=Count("categories"))
        .order_by("-year_be", "name", "pk")
    )


def campaign_categories(*, campaign: Campaign) -> QuerySet[CampaignCategory]:
    return campaign.categories.order_by("position", "pk")


APPLICANT_ROLES = (Role.APPLICANT_SCHOOL, Role.APPLICANT_PERSON)


def schools_of_applicant(*, user) -> QuerySet[Organization]:
    """Schools the user applies for: those where they hold an applicant role (by school code)."""
    return Organization.objects.filter(
        kind="school",
        memberships__user=user,
        memberships__role__in=APPLICANT_ROLES,
        memberships__is_active=True,
    ).distinct()


def school_accounts_of(*, user) -> QuerySet[Organization]:
    """Schools whose account the user holds: they nominate, and see every entry of the school."""
    return Organization.objects.filter(
        kind="school",
        memberships__user=user,
        memberships__role=Role.APPLICANT_SCHOOL,
        memberships__is_active=True,
    ).distinct()


def entries_for_applicant(*, user) -> QuerySet[Entry]:
    """A school account's entries of its school, and the entries a person started themselves.

    A person applicant (a teacher of the school) does not see colleagues' or the school's entries,
    and access follows the current memberships: an account moved to another school, or whose
    school account was handed over, no longer reaches the old school's entries.
    """
    own = Q(created_by=user, school__in=schools_of_applicant(user=user))
    return (
        Entry.objects.filter(Q(school__in=school_accounts_of(user=user)) | own)
        .filter(deleted_at__isnull=True)  # a deleted draft is gone from the applicant's pages
        .select_related("campaign", "campaign__esa", "category", "school")
        .order_by("-created_at", "-pk")
    )


def open_categories_for_applicant(*, user, now: datetime) -> QuerySet[CampaignCategory]:
    """Groups accepting entries now, run by the ESAs of the user's schools.

    A school account sees every group; a person applying for themselves only the personal groups
    of campaigns that allow it (entry_start refuses the others in Thai anyway).
    """
    local_today = timezone.localtime(now, timezone.get_default_timezone()).date()
    nominating = Q(campaign__esa_id__in=school_accounts_of(user=user).values("parent_id"))
    self_applying = (
        Q(campaign__esa_id__in=schools_of_applicant(user=user).values("parent_id"))
        & Q(campaign__self_application_allowed=True)
        & ~Q(category=AwardCategory.SCHOOL)
    )
    return (
        CampaignCategory.objects.filter(
            nominating | self_applying,
            campaign__draft=False,
            campaign__opens_on__lte=local_today,
            campaign__deadline__gt=now,
        )
        .select_related("campaign")
        .order_by("campaign__year_be", "position", "pk")
    )


# ------------------------------------------------------------------------------ screening


# What a list row of entries never shows: the applicant's answer document, the portfolio check's
# report and the correction paths (JSON, decoded per row: most of a list page's time at scale).
ENTRY_LIST_DEFERRED = ("answers", "portfolio_report", "correction_paths")


def screening_entries(*, campaign: Campaign) -> QuerySet[Entry]:
    """Submitted entries with their checks, for the staff screening page (constant queries)."""
    from django.db.models import Prefetch

    from pramoen.awards.models import EligibilityCheck

    return (
        campaign.entries.filter(status="submitted")
        .select_related("school", "category", "person", "screened_by")
        .prefetch_related(
            Prefetch(
                "eligibility_checks",
                queryset=EligibilityCheck.objects.select_related("decided_by").order_by("position"),
            )
        )
        .order_by("category__position", "category_id", "pk")
    )


def person_for_entry(entry: Entry) -> tuple[Person | None, str]:
    """The nominee in master data: the entry's linked person, else the one person of the entry's
    school whose name (without prefix) equals the nominee name. Returns (person, why-not)."""
    if entry.person_id:
        return entry.person, ""
    wanted = " ".join(strip_prefix(entry.nominee_name.strip()).split())
    if not wanted:
        return None, "ใบสมัครไม่ระบุชื่อผู้ส่งผลงาน"
    # Supervisors (ศึกษานิเทศก์) work at the ESA itself, so the ESA is searched after the school.
    for org in (entry.school, entry.campaign.esa):
        matches = [
            person
            for person in Person.objects.filter(organization=org).select_related("organization")
            if " ".join(f"{person.first_name} {person.last_name}".split()) == wanted
        ]
        if len(matches) == 1:
            return matches[0], ""
        if matches:
            return None, f"มีบุคลากรชื่อ {wanted} มากกว่า ๑ คนใน{org.name_th}"
    return None, f"ไม่มีบุคลากรชื่อ {wanted} ใน{entry.school.name_th}หรือ{entry.campaign.esa.name_th}"


def _past_results(*, entry: Entry, person: Person | None) -> tuple[screening.PastResult, ...]:
    """Results of the same nominee in earlier campaigns of Pramoen (judging.EntryResult, only
    those finalized and not reopened)."""
    same = Q(nominee_key=entry.nominee_key)
    if person is not None:
        same |= Q(person=person)
    rows = (
        Entry.objects.filter(same, campaign__year_be__lt=entry.campaign.year_be)
        .filter(result__isnull=False, result__reopened_at__isnull=True)
        .exclude(result__tier="")
        .select_related("campaign", "category", "result")
    )
    return tuple(
        screening.PastResult(
            year_be=row.campaign.year_be,
            domain=row.category.domain,
            tier=row.result.tier,
            tier_label_th=row.result.tier_label_th,
            campaign_title_th=row.campaign.title_th,
        )
        for row in rows
    )


def screening_parameters(entry: Entry) -> screening.Parameters:
    campaign = entry.campaign
    return screening.Parameters(
        deadline=campaign.deadline_local().date(),
        year_be=campaign.year_be,
        domain=entry.category.domain,
        domain_label_th=str(entry.category.get_domain_display()),
        esa_name_th=campaign.esa.name_th,
        min_years_in_post=campaign.min_years_in_post,
        discipline_lookback_years=campaign.discipline_lookback_years,
        obec_award_lookback_years=campaign.obec_award_lookback_years,
        gold_lookback_years=campaign.gold_lookback_years,
    )


def school_facts(entry: Entry, params: screening.Parameters) -> screening.SchoolFacts:
    school = entry.school
    # The latest academic year before the deadline's year: O-NET of academic year Y is taken
    # in Feb–Mar of Y+1 (CE), so the deadline's own academic year has no results yet.
    deadline_year_be = params.deadline.year + 543
    onet_year = (
        OnetMean.objects.filter(organization=school, academic_year__lt=deadline_year_be)
        .order_by("-academic_year")
        .values_list("academic_year", flat=True)
        .first()
    )
    onet: tuple[screening.OnetRow, ...] = ()
    if onet_year is not None:
        onet = tuple(
            screening.OnetRow(
                grade=c.grade,
                grade_label_th=str(OnetGrade(c.grade).label),
                subject=c.subject,
                subject_label_th=str(OnetSubject(c.subject).label),
                school_mean=c.school_mean,
                esa_mean=c.esa_mean,
            )
            for c in onet_comparison(school=school, academic_year=onet_year)
        )
    onesqa = tuple(
        screening.OnesqaRow(round=r.round, level=r.level, level_label_th=r.get_level_display())
        for r in OnesqaResult.objects.filter(school=school).order_by("round")
    )
    return screening.SchoolFacts(
        name_th=school.name_th,
        in_esa=school.parent_id == entry.campaign.esa_id,
        onet_year=onet_year,
        onet=onet,
        onesqa=onesqa,
        past_results=_past_results(entry=entry, person=None),
    )


def size_facts(entry: Entry) -> screening.SizeFacts | None:
    """The school's size class against the entry's size group; None for a group without one."""
    group = entry.category.size_class
    if not group:
        return None
    school = entry.school
    scheme = SCHEMES[DEFAULT_SCHEME]
    opened_in = academic_year(entry.campaign.opens_on)
    row = (
        Enrollment.objects.filter(school=school, academic_year__lte=opened_in)
        .order_by("-academic_year")
        .values_list("academic_year", "students")
        .first()
    )
    classified = scheme.classify(row[1]) if row is not None else None
    ranges = " · ".join(
        f"{c.label} {to_thai_digits(str(lower))}"
        + (f"–{to_thai_digits(str(upper))}" if upper is not None else " ขึ้นไป")
        + " คน"
        for c, lower, upper in scheme.bounds()
    )
    return screening.SizeFacts(
        school_name_th=school.name_th,
        group=group,
        group_label_th=str(entry.category.get_size_class_display()),
        academic_year=row[0] if row is not None else None,
        students=row[1] if row is not None else None,
        classified=classified.key if classified is not None else None,
        classified_label_th=classified.label if classified is not None else "",
        ranges_th=ranges,
    )


def person_facts(entry: Entry, person: Person | None, why_not: str) -> screening.PersonFacts:
    name = entry.nominee_name or (person.full_name if person else "")
    if person is None:
        return screening.PersonFacts(name_th=name, found=False, not_found_reason_th=why_not)
    org = person.organization
    esa_id = entry.campaign.esa_id
    return screening.PersonFacts(
        name_th=person.full_name,
        found=True,
        organization_name_th=org.name_th,
        in_esa=org.pk == esa_id or org.parent_id == esa_id,
        position_started_on=person.position_started_on,
        organization_started_on=person.organization_started_on,
        disciplinary=tuple(
            screening.DisciplineRow(
                occurred_on=r.occurred_on, kind=r.kind, kind_label_th=r.get_kind_display()
            )
            for r in person.disciplinary.all()
        ),
        awards=tuple(
            screening.AwardRow(
                title=a.title,
                level=a.level,
                year_be=a.year,
                domain=a.domain,
                tier=a.tier,
                tier_label_th=a.get_tier_display(),
            )
            for a in person.awards.all()
        ),
        past_results=_past_results(entry=entry, person=person),
    )


# ------------------------------------------------------------------ instrument versions

SLOTS = {"eligibility": "แบบคุณสมบัติเบื้องต้น", "scoring": "เกณฑ์การให้คะแนน"}


@dataclass(frozen=True)
class RepinPreview:
    category: CampaignCategory
    slot: str
    pinned: Instrument
    current: Instrument
    current_hash: str
    changes: list[Change]
    entries: int  # entries of the group already started (their forms change too)
    blocked_th: str  # why re-pinning is refused ("" when allowed)

    @property
    def slot_th(self) -> str:
        return SLOTS[self.slot]


def _current(category: CampaignCategory, slot: str) -> tuple[Instrument, str]:
    instrument_id = getattr(category, f"{slot}_instrument_id")
    try:
        pin = resolve_pin(instrument_id, kind=slot)
    except (UnknownInstrumentError, WrongInstrumentKindError) as exc:
        raise ValidationError(str(exc)) from exc
    return get_instrument(instrument_id), pin.version_hash


def category_pins(*, categories: list[CampaignCategory]) -> list[dict[str, object]]:
    """Per category and slot: the pinned version's title and label, and whether the library
    has a newer one (the campaign page links to its re-pin confirmation)."""
    rows = []
    for category in categories:
        slots = []
        for slot in SLOTS:
            instrument_id = getattr(category, f"{slot}_instrument_id")
            pinned_hash = getattr(category, f"{slot}_instrument_hash")
            try:
                pinned = instrument_pinned(instrument_id, pinned_hash)
            except ValidationError:
                pinned = None
            try:
                newer = pinned is not None and (
                    resolve_pin(instrument_id, kind=slot).version_hash != pinned_hash
                )
            except (UnknownInstrumentError, WrongInstrumentKindError):
                # An instrument from the studio is no library file: its versions are pinned from
                # the studio's page (awards.studio_pins), never offered here as "newer".
                newer = False
            slots.append(
                {
                    "slot": slot,
                    "title_th": pinned.title_th if pinned else "ไม่พบแบบประเมินฉบับที่กำหนดไว้",
                    "version": pinned.version if pinned else "",
                    "newer": newer,
                }
            )
        rows.append({"category": category, "slots": slots})
    return rows


def category_repin_preview(*, category: CampaignCategory, slot: str) -> RepinPreview:
    """What moving ``slot`` of ``category`` to the current library version would change."""
    if slot not in SLOTS:
        raise ValidationError("ไม่มีแบบประเมินช่องนี้")
    pinned = instrument_pinned(
        getattr(category, f"{slot}_instrument_id"), getattr(category, f"{slot}_instrument_hash")
    )
    current, current_hash = _current(category, slot)
    blocked = ""
    if current_hash == getattr(category, f"{slot}_instrument_hash"):
        blocked = "กลุ่มนี้ใช้แบบประเมินฉบับล่าสุดอยู่แล้ว"
    elif Entry.objects.filter(category=category, reviews__isnull=False).exists():
        blocked = (
            "กรรมการเริ่มประเมินผลงานของกลุ่มนี้แล้ว จึงเปลี่ยนฉบับของแบบประเมินไม่ได้ "
            "(ผลงานในกลุ่มเดียวกันต้องประเมินด้วยแบบประเมินฉบับเดียวกัน)"
        )
    return RepinPreview(
        category=category,
        slot=slot,
        pinned=pinned,
        current=current,
        current_hash=current_hash,
        changes=diff_instruments(pinned, current),
        entries=Entry.objects.filter(category=category).count(),
        blocked_th=blocked,
    )


# ------------------------------------------------------------------------------ duplicates


def duplicate_pairs(*, campaign: Campaign) -> QuerySet[PortfolioMatch]:
    """The near-duplicate pairs with at least one entry in ``campaign`` (the other may be from a
    past edition), most similar first; submitted entries only, as screening shows (a draft's
    portfolio is fingerprinted when uploaded, but staff see it once it is sent)."""
    ids = campaign.entries.values("pk")
    return (
        PortfolioMatch.objects.filter(Q(entry_a__in=ids) | Q(entry_b__in=ids))
        .filter(entry_a__status=EntryStatus.SUBMITTED, entry_b__status=EntryStatus.SUBMITTED)
        .select_related(
            "entry_a__school", "entry_a__campaign", "entry_b__school", "entry_b__campaign"
        )
        .order_by("-similarity", "pk")
    )


def entry_matches(*, entry: Entry) -> QuerySet[PortfolioMatch]:
    """The near-duplicate pairs of one entry, most similar first (submitted entries only)."""
    return (
        PortfolioMatch.objects.filter(Q(entry_a=entry) | Q(entry_b=entry))
        .filter(entry_a__status=EntryStatus.SUBMITTED, entry_b__status=EntryStatus.SUBMITTED)
        .select_related(
            "entry_a__school", "entry_a__campaign", "entry_b__school", "entry_b__campaign"
        )
        .order_by("-similarity", "pk")
    )


@dataclass(frozen=True)
class PagePair:
    mine: int
    mine_excerpt: str
    other: int
    other_excerpt: str
    similarity: Decimal
    kind_th: str

    @property
    def percent(self) -> int:
        return int((self.similarity * 100).to_integral_value())


@dataclass(frozen=True)
class SideBySide:
    match: PortfolioMatch
    other: Entry
    rows: list[PagePair]


_KIND_TH = {"text": "ข้อความ", "image": "ภาพหน้าสแกน"}


def entry_duplicates(*, entry: Entry, matches: Sequence[PortfolioMatch]) -> list[SideBySide]:
    """``matches`` of ``entry`` as page pairs with both pages' excerpts (one query for the
    fingerprints of every entry shown)."""
    others = {m.entry_b_id if m.entry_a_id == entry.pk else m.entry_a_id for m in matches}
    excerpts = {
        sig.entry_id: {p["n"]: p.get("excerpt", "") for p in sig.data.get("pages", [])}
        for sig in PortfolioSignature.objects.filter(entry_id__in={entry.pk, *others})
    }
    out: list[SideBySide] = []
    for match in matches:
        mine_first = match.entry_a_id == entry.pk
        other = match.entry_b if mine_first else match.entry_a
        rows = []
        for page_a, page_b, similarity, kind in match.pages:
            mine, theirs = (page_a, page_b) if mine_first else (page_b, page_a)
            rows.append(
                PagePair(
                    mine=mine,
                    mine_excerpt=excerpts.get(entry.pk, {}).get(mine, ""),
                    other=theirs,
                    other_excerpt=excerpts.get(other.pk, {}).get(theirs, ""),
                    similarity=Decimal(str(similarity)),
                    kind_th=_KIND_TH.get(kind, ""),
                )
            )
        out.append(SideBySide(match=match, other=other, rows=sorted(rows, key=lambda r: r.mine)))
    return out

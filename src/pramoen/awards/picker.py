"""The category picker: the groups this account may enter, grouped category → domain → group.

Issue 20: the start form was one ``<select>`` of every open group (36 of them, all starting with
the campaign's title), so a 71-pupil school started a large-school entry and a teacher a director
entry. Here a group is offered only when

* its size class matches the size class the registry gives one of the account's schools (the
  latest enrolment up to the campaign's academic year, as screening reads it — a school with no
  enrolment on record is offered every size, and told so), and
* a person applying for themselves holds a position the group is for (their registry record,
  matched by national ID); with no record, every personal group stays offered.

The start service still checks the rest (deadline, ESA, entries per domain).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from pramoen.awards.enums import AwardCategory
from pramoen.awards.models import CampaignCategory
from pramoen.orgs.enums import Position
from pramoen.orgs.models import Enrollment, Person
from pramoen.orgs.sizes import DEFAULT_SCHEME, SCHEMES
from pramoen.thai import academic_year

# Which registry positions may apply in which personal category.
POSITION_CATEGORIES: dict[str, str] = {
    Position.TEACHER: AwardCategory.TEACHER,
    Position.CONTRACT_TEACHER: AwardCategory.TEACHER,
    Position.ASSISTANT_TEACHER: AwardCategory.TEACHER,
    Position.DIRECTOR: AwardCategory.DIRECTOR,
    Position.DEPUTY_DIRECTOR: AwardCategory.DIRECTOR,
    # ประกาศ ข้อ ๓.๔ / ๓.๕ (their instruments are ESA-authored: library/nara2/edstaff)
    Position.SUPERVISOR: AwardCategory.SUPERVISOR,
    Position.OTHER_38C2: AwardCategory.OTHER_STAFF,
}


@dataclass
class PickerGroup:
    """One category → domain heading with the groups under it."""

    title_th: str
    options: list[CampaignCategory] = field(default_factory=list)


@dataclass
class Picker:
    campaigns: list[tuple[Any, list[PickerGroup]]]
    allowed_ids: list[int]
    notes: list[str]


def school_sizes(schools: list[Any], campaigns: list[Any]) -> dict[tuple[int, int], str | None]:
    """(school, campaign) → size class key from the registry (None: no enrolment on record)."""
    scheme = SCHEMES[DEFAULT_SCHEME]
    years = {c.pk: academic_year(c.opens_on) for c in campaigns}
    rows: dict[int, list[tuple[int, int]]] = {}
    for school_id, year, students in (
        Enrollment.objects.filter(school__in=schools, academic_year__lte=max(years.values()))
        .order_by("school_id", "-academic_year")
        .values_list("school_id", "academic_year", "students")
        if years
        else ()
    ):
        rows.setdefault(school_id, []).append((year, students))
    sizes: dict[tuple[int, int], str | None] = {}
    for school in schools:
        for campaign in campaigns:
            found = next((n for y, n in rows.get(school.pk, []) if y <= years[campaign.pk]), None)
            sizes[(school.pk, campaign.pk)] = None if found is None else scheme.classify(found).key
    return sizes


def person_position(user: Any) -> str:
    """The registry position of the person signed in ("" when no record matches)."""
    if not getattr(user, "national_id", ""):
        return ""
    return (
        Person.objects.filter(national_id=user.national_id)
        .values_list("position", flat=True)
        .first()
        or ""
    )


def category_picker(
    *, user: Any, categories: QuerySet[CampaignCategory], schools: list[Any], personal: bool
) -> Picker:
    groups = list(categories.select_related("campaign"))
    campaigns = list({c.campaign_id: c.campaign for c in groups}.values())
    sizes = school_sizes(schools, campaigns)
    position = person_position(user) if personal else ""
    wanted = POSITION_CATEGORIES.get(position)
    notes: list[str] = []
    if any(size is None for size in sizes.values()) and any(c.size_class for c in groups):
        notes.append(
            "ไม่พบจำนวนนักเรียนของสถานศึกษาในทะเบียน จึงแสดงทุกขนาดโรงเรียน "
            "กรุณาเลือกกลุ่มตามขนาดจริง (เจ้าหน้าที่จะตรวจขนาดโรงเรียนอีกครั้ง)"
        )
    allowed: list[CampaignCategory] = []
    for c in groups:
        if c.size_class:
            school_sizes_here = {sizes[(s.pk, c.campaign_id)] for s in schools}
            if None not in school_sizes_here and c.size_class not in school_sizes_here:
                continue
        if wanted and c.category != wanted:
            continue
        allowed.append(c)
    by_campaign: dict[int, dict[tuple[str, str], PickerGroup]] = {}
    for c in allowed:
        heading = f"ประเภท{c.get_category_display()} · {c.get_domain_display()}"
        by_campaign.setdefault(c.campaign_id, {}).setdefault(
            (c.category, c.domain), PickerGroup(heading)
        ).options.append(c)
    shown = [
        (campaign, list(by_campaign[campaign.pk].values()))
        for campaign in campaigns
        if campaign.pk in by_campaign
    ]
    return Picker(shown, [c.pk for c in allowed], notes)


def group_label_th(category: CampaignCategory) -> str:
    """The group within its category and domain (size, level, learning area): what the
    picker's radio says under its heading."""
    parts = [
        str(category.get_size_class_display()) if category.size_class else "",
        str(category.get_teacher_level_display()) if category.teacher_level else "",
        str(category.get_learning_area_display()) if category.learning_area else "",
    ]
    return " · ".join(p for p in parts if p) or "กลุ่มเดียว"


def picker_rows(picker: Picker) -> list[dict[str, Any]]:
    """The picker as the start form lays it out: per campaign, per category → domain heading,
    the groups with their Thai label (each links to its criteria page)."""
    return [
        {
            "campaign": campaign,
            "sections": [
                {
                    "title_th": section.title_th,
                    "options": [
                        {"group": c, "label_th": group_label_th(c)} for c in section.options
                    ],
                }
                for section in sections
            ],
        }
        for campaign, sections in picker.campaigns
    ]

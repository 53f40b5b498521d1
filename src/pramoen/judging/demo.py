"""Demo judging: one committee (chair + two judges) for the small-school academic group, with one
entry already scored by both judges and one waiting to be scored — enough to walk the whole flow.
Both entries carry a portfolio PDF with a page per indicator and the page named for each, so the
judge's page shows the rubric beside the portfolio.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.files import File

from pramoen.accounts.enums import Role
from pramoen.accounts.models import User
from pramoen.accounts.services import membership_grant, user_create
from pramoen.awards.entry_forms import PORTFOLIO
from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Campaign, Entry
from pramoen.judging import services
from pramoen.judging.models import Committee
from pramoen.judging.scoring import pinned_scoring
from pramoen.orgs.enums import OrganizationKind
from pramoen.orgs.models import Organization

SCORED_SCHOOL = "9999000004"
WAITING_SCHOOL = "9999000005"
# TLWG's Laksaman is metric-compatible with TH Sarabun PSK (Debian fonts-thai-tlwg); loaded from
# this file only, so the portfolio is typeset the same on every machine.
PORTFOLIO_FONT = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")
_PARAGRAPH = (
    "สถานศึกษาดำเนินงานตามแผนปฏิบัติการประจำปี โดยมีการวางแผน ดำเนินการ ตรวจสอบ และปรับปรุง"
    "อย่างเป็นระบบ ครู ผู้เรียน และชุมชนมีส่วนร่วม ผลการดำเนินงานเป็นไปตามเป้าหมายที่กำหนดไว้ "
)


# Texts come in as JSON data, never spliced into the markup, so no school name needs escaping.
_PORTFOLIO_TYPST = """
#let data = json("data.json")
#set page(paper: "a4", margin: 2.5cm, numbering: "1")
#set text(font: "Laksaman", size: 16pt, lang: "th")
#align(center + horizon)[#text(size: 24pt)[แฟ้มผลงาน #data.school]]
#for title in data.titles [
  #pagebreak()
  #heading(title)
  #data.paragraph
]
"""


def _attach_portfolio(entry: Entry, instrument: Any, log: Callable[[str], None]) -> None:
    """A cover page, then one page per indicator, each indicator naming its page as evidence."""
    import typst

    from pramoen.documents.pdfcheck import run_check_subprocess

    if not PORTFOLIO_FONT.is_file():
        log(f"ข้ามแฟ้มผลงานตัวอย่าง: ไม่พบฟอนต์ {PORTFOLIO_FONT} (apt-get install fonts-thai-tlwg)")
        return
    slots = {slot.indicator: slot.id for slot in instrument.form.evidence if slot.indicator}
    titles: list[str] = []
    evidence: dict[str, list[dict[str, str]]] = {}
    for component in instrument.rubric.components:
        for indicator in component.indicators:
            titles.append(
                f"องค์ประกอบที่ {component.number} ตัวชี้วัด {indicator.number} {indicator.title_th}"
            )
            slot = slots.get(f"{component.id}.{indicator.id}")
            if slot is not None:
                # Page 1 is the cover: the n-th indicator is on page n + 1.
                evidence[slot] = [{"file": PORTFOLIO, "pages": str(len(titles) + 1)}]
    data = {"school": entry.school.name_th, "titles": titles, "paragraph": _PARAGRAPH * 6}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "fonts").mkdir()
        shutil.copy(PORTFOLIO_FONT, root / "fonts" / PORTFOLIO_FONT.name)
        (root / "data.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        (root / "portfolio.typ").write_text(_PORTFOLIO_TYPST, encoding="utf-8")
        pdf = root / "portfolio.pdf"
        pdf.write_bytes(
            typst.compile(
                str(root / "portfolio.typ"),
                root=folder,
                font_paths=[str(root / "fonts")],
                ignore_system_fonts=True,
            )
        )
        report = run_check_subprocess(str(pdf), entry.campaign.portfolio_rules())
        with pdf.open("rb") as handle:
            entry.portfolio.save("portfolio.pdf", File(handle), save=False)
    entry.portfolio_report = report
    entry.answers = {**entry.answers, "scoring": {"fields": {}, "evidence": evidence}}
    entry.save(update_fields=["portfolio", "portfolio_report", "answers"])


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


def _esa_authored_committees(log: Callable[[str], None]) -> None:
    """A committee (chair + both judges) for every supervisor / other-staff group of the open
    edition, so those entries can be judged like any other (their instruments are ESA-authored)."""
    from pramoen.awards.demo import ESA_AUTHORED_CATEGORIES, OPEN_YEAR_BE

    campaign = Campaign.objects.filter(name="NARA 2 AWARDS", year_be=OPEN_YEAR_BE).first()
    if campaign is None:
        return
    groups = campaign.categories.filter(
        category__in=ESA_AUTHORED_CATEGORIES, committee__isnull=True
    ).order_by("position")
    if not groups:
        return
    chair = User.objects.get(username="chair")
    judge = User.objects.get(username="judge")
    staff = User.objects.get(username="esa")
    judge2 = _second_judge(campaign.esa)
    for category in groups:
        services.committee_create(
            category=category, chair=chair, members=[judge, judge2], actor=staff
        )
        log(f"การตัดสิน: คณะกรรมการ {category.label_th} (ประธาน chair กรรมการ judge, judge2)")


def load(log: Callable[[str], None]) -> None:
    _esa_authored_committees(log)
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
    waiting = _entry(category, WAITING_SCHOOL, staff)
    compiled = pinned_scoring(category)
    for entry in (scored, waiting):
        _attach_portfolio(entry, compiled.instrument, log)
    services.assignments_auto(committee=committee, actor=chair, per_entry=2)
    # The first entry is already scored alike by both judges (all items but the last one).
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

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pramoen.accounts.enums import Role
from pramoen.awards.models import CampaignCategory
from pramoen.awards.services import CategorySpec, campaign_create
from pramoen.orgs.models import Organization

BANGKOK = ZoneInfo("Asia/Bangkok")

SCHOOL_ACADEMIC = CategorySpec(
    category="school",
    domain="academic",
    size_class="small",
    eligibility_instrument_id="nara2-school-eligibility",
    scoring_instrument_id="nara2-school-academic",
)
TEACHER_INNOVATION = CategorySpec(
    category="teacher",
    domain="innovation",
    size_class="large",
    eligibility_instrument_id="nara2-teacher-eligibility",
    scoring_instrument_id="nara2-teacher-innovation",
)


def campaign_fields(**overrides):
    """The seed 003 edition: letter of 26 มี.ค. 2569, works due 19 มิ.ย. 2569."""
    fields = {
        "edition": 5,
        "year_be": 2569,
        "opens_on": dt.date(2026, 3, 26),
        "deadline": dt.datetime(2026, 6, 19, 16, 30, tzinfo=BANGKOK),
        "correction_starts_on": dt.date(2026, 6, 22),
        "correction_ends_on": dt.date(2026, 6, 26),
        "judging_starts_on": dt.date(2026, 7, 1),
        "judging_ends_on": dt.date(2026, 7, 15),
        "announce_on": dt.date(2026, 8, 1),
        "letter_number": "ศธ ๐๔๐๗๙/๑๐๖๙",
        "letter_date": dt.date(2026, 3, 26),
        "esa_address": "๓๘/๔ หมู่ ๓ ตำบลป่าเสม็ด\nอำเภอเมือง จังหวัดสมมติ ๙๖๑๒๐",
        "signatory_name": "นายประกาศ สว่างวงษ์",
        "signatory_position": "รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา ปฏิบัติราชการแทน\n"
        "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ",
        "contact_phone": "๐-๗๓๕๓-๐๗๙๒",
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def school(esa):
    return Organization.objects.create(
        kind="school", code="1234567890", name_th="โรงเรียนบ้านทดสอบ", parent=esa
    )


@pytest.fixture
def teacher_account(make_user, school):
    """A person applicant (APPLICANT_PERSON) at the school: a teacher applying for herself."""
    return make_user(
        roles=[Role.APPLICANT_PERSON],
        organization=school,
        password=None,
        name_prefix="นาง",
        first_name="มาลี",
        last_name="สอนเก่ง",
    )


@pytest.fixture
def applicant(make_user, school):
    return make_user(roles=[Role.APPLICANT_SCHOOL], organization=school, password=None)


@pytest.fixture
def teacher_category(campaign):
    return CampaignCategory.objects.get(campaign=campaign, category="teacher")


@pytest.fixture
def campaign(esa, staff):
    return campaign_create(
        esa=esa,
        actor=staff,
        categories=[SCHOOL_ACADEMIC, TEACHER_INNOVATION],
        **campaign_fields(),
    )


THAI_PARAGRAPH = (
    "โรงเรียนบ้านหนองบัวดำเนินโครงการพัฒนาคุณภาพผู้เรียนอย่างต่อเนื่อง ครูทุกคนมีส่วนร่วม"
    "ในการวางแผน การจัดการเรียนรู้ และการประเมินผล ผลสัมฤทธิ์ทางการเรียนสูงขึ้นทุกปีการศึกษา "
)
LAKSAMAN = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")


def portfolio_pdf(tmp_path: Path, *, pages: int = 2, size_pt: float = 16.0) -> bytes:
    """A Thai A4 portfolio typeset by typst in Laksaman (TLWG's TH Sarabun PSK) from the file."""
    import typst

    fonts = tmp_path / "fonts"
    fonts.mkdir(exist_ok=True)
    shutil.copy(LAKSAMAN, fonts / LAKSAMAN.name)
    source = (
        '#set page(paper: "a4", margin: 2.5cm)\n'
        f'#set text(font: "Laksaman", size: {size_pt}pt, lang: "th")\n'
    )
    source += "#pagebreak()\n".join(
        f"= ผลงานหน้า {n}\n{THAI_PARAGRAPH * 4}\n" for n in range(1, pages + 1)
    )
    main = tmp_path / f"portfolio-{pages}-{size_pt}.typ"
    main.write_text(source, encoding="utf-8")
    return typst.compile(
        str(main), root=str(tmp_path), font_paths=[str(fonts)], ignore_system_fonts=True
    )


def arrange_checked_portfolio(entry) -> None:
    """State of an entry whose portfolio passed the checker (for tests about other things;
    tests/awards/test_portfolio.py runs the real upload and check)."""
    from pramoen.awards.models import Entry

    Entry.objects.filter(pk=entry.pk).update(
        portfolio=f"awards/{entry.campaign_id}/entries/{entry.pk}/portfolio-test.pdf",
        portfolio_report={"ok": True, "pages": 30, "findings": []},
    )

"""Fixtures for the KPI app: a campaign with both rounds, ESAs, reporters and a reviewer."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pramoen.accounts.enums import Role
from pramoen.orgs.enums import EsaLevel
from tests.factories import EsaFactory

REPORTER_BLOCK = {
    "reporter_name": "นางสาวสมศรี ใจดี",
    "reporter_position": "ศึกษานิเทศก์ชำนาญการพิเศษ",
    "reporter_phone": "081-234-5678",
    "reporter_email": "somsri@example.invalid",
}

TWELVE_MONTH_TEXT = {
    key: f"ข้อความ {key}"
    for key in (
        "s1_1_operations",
        "s1_1_results",
        "s1_2_operations",
        "s1_2_results",
        "s1_3_operations",
        "s1_3_qualitative",
        "s1_4_operations",
        "s1_4_results",
        "s1_5_operations",
        "s1_5_results",
        "impact_learners",
        "impact_teachers_administrators",
        "impact_schools",
        "impact_partners",
    )
}


def pdf_bytes(pages: int = 1, size: tuple[float, float] = (595.28, 841.89)) -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    for _ in range(pages):
        document.new_page(*size)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_upload(name: str = "หลักฐาน.pdf", pages: int = 1, **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(pages, **kwargs), content_type="application/pdf")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Accounts here are fixtures, not what is tested: PBKDF2's deliberate cost only slows CI.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(file_storage):
    # Uploaded evidence goes through the storage API; keep test files out of the checkout's var/.
    return file_storage


@pytest.fixture
def esa_a(db):
    return EsaFactory(code="1001", name_th="สพป.ทดสอบ เขต ก", esa_level=EsaLevel.PRIMARY)


@pytest.fixture
def esa_b(db):
    return EsaFactory(code="1002", name_th="สพม.ทดสอบ เขต ข", esa_level=EsaLevel.SECONDARY)


@pytest.fixture
def campaign(db, esa_a, esa_b):
    from pramoen.kpi.services import campaign_create

    return campaign_create(
        fiscal_year=2569,
        due_6m=date(2569 - 543, 3, 31),
        due_12m=date(2569 - 543, 9, 15),
        esas=[esa_a, esa_b],
        actor=None,
    )


@pytest.fixture
def round_6m(campaign):
    return campaign.rounds.get(kind="6m")


@pytest.fixture
def round_12m(campaign):
    return campaign.rounds.get(kind="12m")


@pytest.fixture
def reporter_a(make_user, esa_a):
    return make_user(roles=[Role.KPI_REPORTER], organization=esa_a)


@pytest.fixture
def reporter_b(make_user, esa_b):
    return make_user(roles=[Role.KPI_REPORTER], organization=esa_b)


@pytest.fixture
def reviewer(make_user, esa_a):
    """A reviewer of esa_a only: esa_b's reports are none of his business (404)."""
    return make_user(roles=[Role.KPI_REVIEWER], organization=esa_a)


@pytest.fixture
def obec(db):
    """OBEC, the parent of every ESA the factories make (get or create)."""
    from tests.factories import ObecFactory

    return ObecFactory()


@pytest.fixture
def obec_reviewer(make_user, obec):
    """A reviewer at the national level (OBEC), who oversees every ESA."""
    return make_user(roles=[Role.KPI_REVIEWER], organization=obec)


def fill_6m(report, actor, *, with_evidence: bool = True):
    """Answer every required field and attach a link to every applicable slot."""
    from pramoen.kpi import services

    services.report_update(
        report=report,
        actor=actor,
        expected_version=report.version,
        changes={**REPORTER_BLOCK, "pa_challenge": False, "issue1_narrative": "มีแผนงาน"},
    )
    if with_evidence:
        for issue in services.report_structure(report).issues:
            for slot in issue.slots:
                services.evidence_add_link(
                    report=report,
                    slot_id=slot.id,
                    url=f"https://drive.example.invalid/{slot.id}",
                    title=f"หลักฐาน {slot.id}",
                    actor=actor,
                )
    return report


def best_practice_answers(management: bool, sharing: bool, school_mgmt: bool, school_teach: bool):
    answers = {
        **REPORTER_BLOCK,
        **TWELVE_MONTH_TEXT,
        "pa_challenge": False,
        "network_total": 40,
        "network_participating": 30,
        "integrated_previous_year": 12,
        "integrated_current_year": 17,
        "sharing_previous_year": 20,
        "sharing_current_year": 18,
        "esa_bp_management": management,
        "esa_bp_sharing": sharing,
        "school_bp_management": school_mgmt,
        "school_bp_teaching": school_teach,
    }
    if management:
        answers.update(
            esa_bp_management_title="รูปแบบ SOMMUT Model",
            esa_bp_management_steps="ขั้นตอน",
            esa_bp_management_results="ผลสำเร็จ",
        )
    if sharing:
        answers.update(
            esa_bp_sharing_title="เครือข่ายแบ่งปันครู",
            esa_bp_sharing_steps="ขั้นตอน",
            esa_bp_sharing_results="ผลสำเร็จ",
        )
    if school_mgmt:
        answers["school_bp_management_list"] = [
            {"school_name": "โรงเรียนบ้านหนองบัว", "title": "บริหารแบบมีส่วนร่วม"}
        ]
    if school_teach:
        answers["school_bp_teaching_list"] = [
            {"school_name": "โรงเรียนวัดป่าประดู่", "title": "Active Learning"}
        ]
    return answers

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pramoen.accounts.enums import Role
from pramoen.awards.models import Campaign, CampaignCategory
from pramoen.awards.services import campaign_clone, campaign_create
from pramoen.instruments import get_instrument
from tests.awards.conftest import SCHOOL_ACADEMIC, campaign_fields
from tests.factories import EsaFactory

pytestmark = pytest.mark.django_db


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "esa": "",
        "name": "NARA 2 AWARDS",
        "edition": "๕",
        "year_be": "๒๕๖๙",
        "opens_on": "26/03/2569",
        "deadline_date": "๑๙ มิ.ย. ๒๕๖๙",
        "deadline_time": "๑๖.๓๐ น.",
        "correction_starts_on": "",
        "correction_ends_on": "",
        "judging_starts_on": "",
        "judging_ends_on": "",
        "announce_on": "",
        "min_years_in_post": "1",
        "discipline_lookback_years": "2",
        "obec_award_lookback_years": "2",
        "gold_lookback_years": "2",
        "max_pages": "100",
        "allowed_fonts": "TH Sarabun PSK\nTH Sarabun New",
        "body_font_size_pt": "16",
        "body_font_size_tolerance_pt": "0.5",
        "forbid_qr_codes": "on",
        "entries_per_person_per_domain": "1",
        "judges_per_entry": "3",
        "letter_number": "ศธ ๐๔๐๗๙/๑๐๖๙",
        "letter_date": "26/03/2569",
        "recipient": "ผู้อำนวยการโรงเรียนในสังกัด",
        "esa_address": "",
        "signatory_name": "",
        "signatory_position": "",
        "contact_unit": "กลุ่มพัฒนาครูและบุคลากรทางการศึกษา",
        "contact_phone": "",
        "contact_fax": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_campaign_create_form_saves_be_dates_and_bangkok_deadline(staff_client, esa):
    response = staff_client.post(reverse("awards:campaign_new"), _form(esa=str(esa.pk)))
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert (campaign.edition, campaign.year_be, campaign.opens_on) == (
        5,
        2569,
        dt.date(2026, 3, 26),
    )
    assert campaign.deadline == dt.datetime(2026, 6, 19, 9, 30, tzinfo=dt.UTC)
    assert campaign.allowed_fonts == ["TH Sarabun PSK", "TH Sarabun New"]
    # The next step of setting up a new campaign is choosing its groups.
    assert response["Location"] == reverse("awards:campaign_groups", args=[campaign.pk])
    page = staff_client.get(reverse("awards:campaign_detail", args=[campaign.pk])).content.decode()
    assert "๑๙ มิถุนายน ๒๕๖๙ เวลา ๑๖.๓๐ น." in page
    assert "2026" not in page


def test_campaign_create_form_keeps_input_and_says_what_is_wrong(staff_client, esa):
    response = staff_client.post(
        reverse("awards:campaign_new"),
        _form(esa=str(esa.pk), deadline_date="01/03/2569", deadline_time="25.00"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "กรุณากรอกเวลาแบบ ๒๔ ชั่วโมง" in page
    assert 'value="01/03/2569"' in page
    assert Campaign.objects.count() == 0


def test_campaign_create_form_shows_the_service_rule_on_the_deadline(staff_client, esa):
    response = staff_client.post(
        reverse("awards:campaign_new"), _form(esa=str(esa.pk), deadline_date="01/03/2569")
    )
    assert "กำหนดส่งผลงานต้องอยู่หลังวันเปิดรับผลงาน" in response.content.decode()
    assert Campaign.objects.count() == 0


def test_campaign_create_form_refuses_another_esa(staff_client):
    other = EsaFactory()
    response = staff_client.post(reverse("awards:campaign_new"), _form(esa=str(other.pk)))
    assert response.status_code == 200
    assert Campaign.objects.count() == 0


def test_campaign_edit_saves_through_the_audited_service(staff_client, campaign):
    response = staff_client.post(
        reverse("awards:campaign_edit", args=[campaign.pk]), _form(max_pages="๘๐")
    )
    campaign.refresh_from_db()
    assert (response.status_code, campaign.max_pages) == (302, 80)


def test_campaign_clone_button_reports_changed_pins_in_thai(staff_client, campaign):
    CampaignCategory.objects.filter(campaign=campaign, category="school").update(
        scoring_instrument_hash="f" * 64
    )
    response = staff_client.post(
        reverse("awards:campaign_clone", args=[campaign.pk]), {"year_be": "๒๕๗๐"}, follow=True
    )
    page = response.content.decode()
    assert "เป็น NARA 2 AWARDS ครั้งที่ ๖ ประจำปี ๒๕๗๐ เรียบร้อยแล้ว" in page
    assert "แบบประเมินที่เปลี่ยนรุ่น ๑ รายการ" in page
    title = get_instrument("nara2-school-academic").title_th
    assert f"เกณฑ์การให้คะแนน “{title}” ใช้ฉบับล่าสุด" in page
    # the instrument's id and the version hashes are the system's: not in what people read
    assert "nara2-school-academic" not in page.split("<main")[1]
    assert "ffffffffffff" not in page
    assert Campaign.objects.filter(year_be=2570, cloned_from=campaign).count() == 1


def test_campaign_clone_into_an_existing_year_is_refused_in_thai(staff_client, campaign, staff):
    campaign_clone(source=campaign, year_be=2570, actor=staff)
    response = staff_client.post(
        reverse("awards:campaign_clone", args=[campaign.pk]), {"year_be": "2570"}, follow=True
    )
    assert "คัดลอกไม่สำเร็จ: สำนักงานเขตนี้มีการประกวด NARA 2 AWARDS ประจำปี ๒๕๗๐ อยู่แล้ว" in (
        response.content.decode()
    )


def test_letter_download_is_a_docx_attachment_with_nosniff(staff_client, campaign):
    response = staff_client.get(
        reverse("awards:campaign_letter", args=[campaign.pk, "call", "docx"])
    )
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert response["Content-Disposition"] == (
        f'attachment; filename="campaign-{campaign.pk}-2569-call.docx"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content[:2] == b"PK"


@pytest.mark.slow
def test_letter_pdf_is_built_by_a_job_and_a_failed_conversion_says_so_in_thai(
    staff_client, campaign, monkeypatch, django_capture_on_commit_callbacks
):
    url = reverse("awards:campaign_letter", args=[campaign.pk, "call", "pdf"])
    assert staff_client.get(url).status_code == 405  # a GET never makes a job
    assert staff_client.post(url.replace("pdf", "docx")).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url)
    page = staff_client.get(response["Location"]).content.decode()
    assert "สร้างไฟล์เสร็จแล้ว" in page and "หนังสือเชิญส่งผลงาน (PDF)" in page
    pdf = staff_client.get(response["Location"] + "file")
    assert pdf["Content-Disposition"] == (
        f'attachment; filename="campaign-{campaign.pk}-2569-call.pdf"'
    )
    assert b"".join(pdf.streaming_content)[:5] == b"%PDF-"
    # LibreOffice missing: the job fails with a Thai message on its page, nothing half-made.
    monkeypatch.setenv("PRAMOEN_SOFFICE", "/nonexistent/soffice")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url)
    page = staff_client.get(response["Location"]).content.decode()
    assert "สร้างไฟล์ไม่สำเร็จ: สร้างไฟล์ PDF ไม่สำเร็จในขณะนี้ กรุณาดาวน์โหลดไฟล์ .docx แทน" in page
    assert staff_client.get(response["Location"] + "file").status_code == 404


def test_letter_of_unknown_kind_is_not_found(staff_client, campaign):
    url = reverse("awards:campaign_letter", args=[campaign.pk, "memo", "docx"])
    assert staff_client.get(url).status_code == 404


@pytest.mark.parametrize("role", [Role.APPLICANT_SCHOOL, Role.JUDGE, Role.KPI_REPORTER])
def test_campaign_pages_are_forbidden_without_manage_campaigns(client, make_user, campaign, role):
    client.force_login(make_user(roles=[role], password=None))
    for url in (
        reverse("awards:campaign_list"),
        reverse("awards:campaign_detail", args=[campaign.pk]),
        reverse("awards:campaign_letter", args=[campaign.pk, "call", "docx"]),
    ):
        assert client.get(url).status_code == 403
    response = client.post(
        reverse("awards:campaign_clone", args=[campaign.pk]), {"year_be": "2570"}
    )
    assert response.status_code == 403
    assert Campaign.objects.count() == 1


def test_campaign_list_requires_sign_in(client):
    response = client.get(reverse("awards:campaign_list"))
    assert response.status_code == 302


def test_staff_of_another_esa_cannot_see_the_campaign(client, make_user, campaign):
    outsider = make_user(roles=[Role.ESA_STAFF], organization=EsaFactory(), password=None)
    client.force_login(outsider)
    assert client.get(reverse("awards:campaign_detail", args=[campaign.pk])).status_code == 404
    assert campaign.title_th not in client.get(reverse("awards:campaign_list")).content.decode()


def _add_campaigns(esa, staff, years):
    for year in years:
        offset = year - 2560
        campaign_create(
            esa=esa,
            actor=staff,
            categories=[SCHOOL_ACADEMIC],
            **campaign_fields(
                year_be=year,
                edition=1 + offset,
                opens_on=dt.date(2017 + offset, 3, 1),
                deadline=dt.datetime(2017 + offset, 6, 19, 16, 30, tzinfo=dt.UTC),
                correction_starts_on=None,
                correction_ends_on=None,
                judging_starts_on=None,
                judging_ends_on=None,
                announce_on=None,
            ),
        )


def _list_queries(client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("awards:campaign_list"))
    return len(queries), response.content.decode().count('data-testid="campaign-row"')


def test_campaign_list_query_count_does_not_grow_with_campaigns(staff_client, esa, staff):
    _add_campaigns(esa, staff, [2560])
    one = _list_queries(staff_client)
    _add_campaigns(esa, staff, range(2561, 2566))
    six = _list_queries(staff_client)
    # session, user, roles, two permission look-ups of Django's model backend, the list itself,
    # and the ESA's digits setting (orgs.digits.EsaDigitsMiddleware).
    assert (one, six) == ((7, 1), (7, 6))


def test_open_campaign_shows_phase_and_countdown(staff_client, esa, staff):
    from django.utils import timezone

    now = timezone.now()
    campaign = campaign_create(
        esa=esa,
        actor=staff,
        **campaign_fields(
            year_be=2570,
            opens_on=timezone.localdate(now) - dt.timedelta(days=1),
            deadline=now + dt.timedelta(days=3, hours=2, seconds=50),
            correction_starts_on=None,
            correction_ends_on=None,
            judging_starts_on=None,
            judging_ends_on=None,
            announce_on=None,
        ),
    )
    page = staff_client.get(reverse("awards:campaign_detail", args=[campaign.pk])).content.decode()
    assert "<strong>เปิดรับผลงาน</strong> — เหลือเวลา ๓ วัน ๒ ชั่วโมง</p>" in page

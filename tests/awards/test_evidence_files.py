from __future__ import annotations

import datetime as dt
import io
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from pramoen.accounts.enums import Role
from pramoen.awards.enums import EntryStatus
from pramoen.awards.evidence import content_disposition, safe_download_name
from pramoen.awards.models import CampaignCategory, EvidenceFile
from pramoen.awards.services import (
    campaign_create,
    entry_request_correction,
    entry_start,
    evidence_add,
    evidence_remove,
)
from pramoen.core.models import AuditEvent
from pramoen.orgs.models import Organization
from tests.awards.conftest import TEACHER_INNOVATION, arrange_checked_portfolio, campaign_fields
from tests.awards.test_entries import COMPLETE, DEADLINE, IN_CORRECTION, OPEN

pytestmark = pytest.mark.django_db

SLOT = ("eligibility", "classroom_research")


@pytest.fixture(autouse=True)
def media(file_storage):
    return file_storage


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def _upload(data: bytes, name: str = "ภาพกิจกรรม.png", content_type: str = "image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def _stored_files(media) -> list:
    return media.names()


@pytest.fixture
def draft(teacher_category, school, applicant):
    entry = entry_start(
        category=teacher_category,
        school=school,
        actor=applicant,
        nominee_name="นางสาวกมลชนก สอนดี",
        now=OPEN,
    )
    entry.answers = COMPLETE
    entry.save(update_fields=["answers"])
    return entry


def _add(entry, applicant, upload, *, slot=SLOT, now=OPEN):
    return evidence_add(
        entry=entry, part=slot[0], slot_id=slot[1], upload=upload, actor=applicant, now=now
    )


def test_evidence_add_stores_png_under_a_random_name_with_sniffed_type(draft, applicant, media):
    evidence = _add(draft, applicant, _upload(png_bytes(), content_type="text/html"))
    assert evidence.original_name == "ภาพกิจกรรม.png"
    assert evidence.content_type == "image/png"  # from the bytes, not the browser's claim
    assert "ภาพ" not in evidence.file.name and evidence.file.name.startswith("awards/")
    assert default_storage.open(evidence.file.name).read() == png_bytes()
    assert AuditEvent.objects.filter(action="awards.evidence_add").count() == 1
    assert draft.events.filter(kind="evidence_changed").exists()


def test_evidence_add_refuses_wrong_magic_bytes_in_thai_and_stores_nothing(draft, applicant, media):
    html = b"<html><script>alert(1)</script></html>"
    with pytest.raises(ValidationError) as caught:
        _add(draft, applicant, _upload(html, name="รูป.png"))
    assert "ไม่ใช่ชนิดที่รับ (ตรวจจากเนื้อไฟล์" in " ".join(caught.value.messages)
    assert EvidenceFile.objects.count() == 0
    assert _stored_files(media) == []


def test_evidence_add_refuses_a_type_the_slot_does_not_accept(draft, applicant, campaign, media):
    campaign.evidence_slot_file_types = {"eligibility.classroom_research": ["pdf"]}
    campaign.save()
    with pytest.raises(ValidationError) as caught:
        _add(draft, applicant, _upload(png_bytes()))
    assert "รับเฉพาะ PDF" in " ".join(caught.value.messages)
    assert _stored_files(media) == []


def test_evidence_add_refuses_a_file_over_the_campaign_cap(draft, applicant, campaign, media):
    campaign.evidence_max_file_mb = 1
    campaign.save()
    big = png_bytes() + b"\0" * (1024 * 1024)
    with pytest.raises(ValidationError) as caught:
        _add(draft, applicant, _upload(big))
    assert "เกินขนาดสูงสุด 1 MB" in " ".join(caught.value.messages)
    assert EvidenceFile.objects.count() == 0
    assert _stored_files(media) == []


def test_evidence_add_refuses_more_than_max_files(draft, applicant, campaign, media):
    campaign.evidence_max_files = 2
    campaign.save()
    _add(draft, applicant, _upload(png_bytes(), name="1.png"))
    _add(draft, applicant, _upload(png_bytes(), name="2.png"))
    with pytest.raises(ValidationError) as caught:
        _add(draft, applicant, _upload(png_bytes(), name="3.png"))
    assert "มีไฟล์ครบ ๒ ไฟล์แล้ว" in " ".join(caught.value.messages)
    assert EvidenceFile.objects.count() == 2
    assert len(_stored_files(media)) == 2
    # Another slot has its own count.
    _add(draft, applicant, _upload(png_bytes()), slot=("eligibility", "honours_and_invitations"))


def test_evidence_add_refuses_an_unknown_slot(draft, applicant):
    with pytest.raises(ValidationError, match="ไม่มีช่องหลักฐานนี้"):
        _add(draft, applicant, _upload(png_bytes()), slot=("scoring", "no_such_slot"))


def test_evidence_remove_deletes_the_stored_file(
    draft, applicant, media, django_capture_on_commit_callbacks
):
    evidence = _add(draft, applicant, _upload(png_bytes()))
    name = evidence.file.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        evidence_remove(evidence=evidence, actor=applicant, now=OPEN)
    assert not default_storage.exists(name)
    assert EvidenceFile.objects.count() == 0
    assert AuditEvent.objects.filter(action="awards.evidence_remove").count() == 1


def test_evidence_add_and_remove_refused_after_the_deadline(draft, applicant, media):
    evidence = _add(draft, applicant, _upload(png_bytes()))
    with pytest.raises(ValidationError, match="ปิดรับผลงานแล้ว"):
        _add(draft, applicant, _upload(png_bytes()), now=DEADLINE)
    with pytest.raises(ValidationError, match="ปิดรับผลงานแล้ว"):
        evidence_remove(evidence=evidence, actor=applicant, now=DEADLINE)
    assert EvidenceFile.objects.count() == 1
    assert default_storage.exists(evidence.file.name)


def test_evidence_correction_window_opens_only_the_requested_slot(draft, applicant, staff, media):
    from pramoen.awards.services import entry_submit

    arrange_checked_portfolio(draft)
    entry_submit(entry=draft, actor=applicant, now=OPEN)
    entry_request_correction(
        entry=draft,
        actor=staff,
        paths=["eligibility.evidence.classroom_research"],
        note="แนบภาพกิจกรรม",
        now=IN_CORRECTION,
    )
    draft.refresh_from_db()
    assert draft.status == EntryStatus.SUBMITTED
    added = _add(draft, applicant, _upload(png_bytes()), now=IN_CORRECTION)
    assert draft.events.filter(kind="corrected", note__contains=added.original_name).exists()
    with pytest.raises(ValidationError, match="ปิดรับผลงานแล้ว"):
        _add(
            draft,
            applicant,
            _upload(png_bytes()),
            slot=("eligibility", "honours_and_invitations"),
            now=IN_CORRECTION,
        )


def test_safe_download_name_strips_paths_and_control_characters():
    assert safe_download_name("../../etc/pa\u202esswd\r\n.png") == "passwd.png"
    assert safe_download_name("C:\\Users\\ครู\\ผลงาน ๑.pdf") == "ผลงาน ๑.pdf"
    assert safe_download_name("\u200b\n") == "evidence"


def test_content_disposition_is_an_attachment_with_rfc5987_name():
    header = content_disposition('ผลงาน "ดี";\r\nX-Evil: 1.pdf')
    assert header.startswith('attachment; filename="')
    assert "\r" not in header and "\n" not in header
    ascii_part = header.split('filename="')[1].split('"')[0]
    assert ascii_part.isascii() and '"' not in ascii_part and ";" not in ascii_part
    assert header.endswith("filename*=UTF-8''" + quote('ผลงาน "ดี";X-Evil: 1.pdf', safe=""))


# ----------------------------------------------------------------------------- downloads


@pytest.fixture
def stored(draft, applicant, media):
    return _add(draft, applicant, _upload(png_bytes()))


def _download(client, evidence):
    return client.get(reverse("awards:evidence_download", args=[evidence.pk]))


def test_download_owner_gets_the_file(client, applicant, stored):
    client.force_login(applicant)
    response = _download(client, stored)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()


def test_download_staff_get_the_file_with_safe_headers(client, staff, stored):
    client.force_login(staff)
    response = _download(client, stored)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert response["Content-Disposition"] == (
        "attachment; filename=\"evidence.png\"; filename*=UTF-8''" + quote("ภาพกิจกรรม.png")
    )


def test_download_another_schools_account_gets_404(client, make_user, esa, stored):
    other = Organization.objects.create(
        kind="school", code="9999999999", name_th="โรงเรียนอื่น", parent=esa
    )
    client.force_login(make_user(roles=[Role.APPLICANT_SCHOOL], organization=other, password=None))
    assert _download(client, stored).status_code == 404


def test_download_another_esas_staff_get_404(client, make_user, stored):
    from tests.factories import EsaFactory

    client.force_login(make_user(roles=[Role.ESA_STAFF], organization=EsaFactory(), password=None))
    assert _download(client, stored).status_code == 404


def test_download_an_assigned_judge_gets_the_file_and_others_404(client, make_user, stored):
    from pramoen.awards.enums import EntryStatus
    from pramoen.judging.models import Assignment, Committee

    judge = make_user(roles=[Role.JUDGE], password=None)
    client.force_login(judge)
    assert _download(client, stored).status_code == 404
    entry = stored.entry
    type(entry).objects.filter(pk=entry.pk).update(status=EntryStatus.SUBMITTED)
    Assignment.objects.create(entry=entry, judge=judge)
    # Assigned but not (or no longer) on the group's committee: still nothing.
    assert _download(client, stored).status_code == 404
    committee = Committee.objects.create(category=entry.category, chair=judge)
    committee.members.add(judge)
    assert _download(client, stored).status_code == 200


def test_download_anonymous_is_sent_to_sign_in(client, stored):
    response = _download(client, stored)
    assert response.status_code == 302 and "login" in response["Location"]


# ------------------------------------------------------------------------------ the page


@pytest.fixture
def open_entry(esa, staff, school, applicant):
    now = timezone.now()
    campaign = campaign_create(
        esa=esa,
        actor=staff,
        categories=[TEACHER_INNOVATION],
        **campaign_fields(
            year_be=2570,
            opens_on=timezone.localdate(now) - dt.timedelta(days=1),
            deadline=now + dt.timedelta(days=10),
            correction_starts_on=None,
            correction_ends_on=None,
            judging_starts_on=None,
            judging_ends_on=None,
            announce_on=None,
        ),
    )
    return entry_start(
        category=CampaignCategory.objects.get(campaign=campaign),
        school=school,
        actor=applicant,
        nominee_name="นางสาวกมลชนก สอนดี",
    )


def test_entry_page_uploads_lists_and_removes_evidence(client, applicant, open_entry, media):
    client.force_login(applicant)
    page = reverse("awards:entry_detail", args=[open_entry.pk])
    response = client.post(
        reverse("awards:entry_evidence_add", args=[open_entry.pk]),
        {"part": SLOT[0], "slot_id": SLOT[1], "file": _upload(png_bytes())},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == page
    evidence = EvidenceFile.objects.get(entry=open_entry)
    html = response.content.decode()
    assert "เพิ่มไฟล์หลักฐาน ภาพกิจกรรม.png แล้ว" in html
    assert reverse("awards:evidence_download", args=[evidence.pk]) in html

    refused = client.post(
        reverse("awards:entry_evidence_add", args=[open_entry.pk]),
        {"part": SLOT[0], "slot_id": SLOT[1], "file": _upload(b"MZ\x90\x00", name="a.pdf")},
        follow=True,
    )
    assert "ยังไม่ได้เพิ่มไฟล์หลักฐาน" in refused.content.decode()
    assert EvidenceFile.objects.filter(entry=open_entry).count() == 1

    client.post(reverse("awards:entry_evidence_remove", args=[open_entry.pk, evidence.pk]))
    assert not EvidenceFile.objects.filter(entry=open_entry).exists()


def test_entry_page_htmx_upload_answers_with_the_slot_fragment(
    client, applicant, open_entry, media
):
    client.force_login(applicant)
    response = client.post(
        reverse("awards:entry_evidence_add", args=[open_entry.pk]),
        {"part": SLOT[0], "slot_id": SLOT[1], "file": _upload(png_bytes())},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<div class="evidence-slot"') and "<html" not in html
    assert "เพิ่มไฟล์หลักฐาน ภาพกิจกรรม.png แล้ว" in html and "ภาพกิจกรรม.png</a>" in html
    refused = client.post(
        reverse("awards:entry_evidence_add", args=[open_entry.pk]),
        {"part": SLOT[0], "slot_id": SLOT[1], "file": _upload(b"GIF89a", name="x.png")},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "ยังไม่ได้เพิ่มไฟล์หลักฐาน" in refused and "ไม่ใช่ชนิดที่รับ" in refused


def test_staff_entry_page_lists_evidence_files(client, staff, stored):
    client.force_login(staff)
    html = client.get(
        reverse("awards:staff_entry_detail", args=[stored.entry.campaign_id, stored.entry_id])
    ).content.decode()
    assert reverse("awards:evidence_download", args=[stored.pk]) in html
    assert "ภาพกิจกรรม.png" in html


def test_campaign_edit_form_sets_evidence_caps_and_empty_means_default(client, staff, campaign):
    from tests.awards.test_views import _form

    client.force_login(staff)
    url = reverse("awards:campaign_edit", args=[campaign.pk])
    client.post(url, _form(evidence_max_file_mb="๕", evidence_max_files="3"))
    campaign.refresh_from_db()
    assert (campaign.evidence_max_file_mb, campaign.evidence_max_files) == (5, 3)
    client.post(url, _form(evidence_max_file_mb="", evidence_max_files=""))
    campaign.refresh_from_db()
    assert (campaign.evidence_max_file_mb, campaign.evidence_max_files) == (20, 10)


def test_admin_entry_page_lists_evidence_without_the_storage_path(client, make_user, stored):
    client.force_login(make_user(is_superuser=True, is_staff=True, password=None))
    html = client.get(reverse("admin:awards_entry_change", args=[stored.entry_id])).content
    assert "ภาพกิจกรรม.png" in html.decode()
    assert stored.file.name.encode() not in html


def test_deleting_an_entry_removes_its_stored_evidence(
    draft, applicant, media, django_capture_on_commit_callbacks
):
    name = _add(draft, applicant, _upload(png_bytes())).file.name
    with django_capture_on_commit_callbacks(execute=True):
        draft.delete()
    assert not default_storage.exists(name)


def test_confirmation_page_lists_the_evidence_files(client, applicant, open_entry, media):
    client.force_login(applicant)
    evidence = evidence_add(
        entry=open_entry,
        part=SLOT[0],
        slot_id=SLOT[1],
        upload=_upload(png_bytes()),
        actor=applicant,
    )
    html = client.get(reverse("awards:entry_confirm", args=[open_entry.pk])).content.decode()
    assert 'data-testid="evidence-summary"' in html
    assert reverse("awards:evidence_download", args=[evidence.pk]) in html

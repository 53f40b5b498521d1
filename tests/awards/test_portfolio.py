from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from pramoen.awards.enums import EntryStatus
from pramoen.awards.services import entry_attach_portfolio, entry_save, entry_submit
from tests.awards.conftest import portfolio_pdf
from tests.awards.test_entries import COMPLETE, DEADLINE, OPEN

pytestmark = pytest.mark.django_db


@pytest.fixture
def bare_draft(teacher_category, school, applicant, settings, tmp_path, file_storage):
    from pramoen.awards.services import entry_start

    entry = entry_start(
        category=teacher_category,
        school=school,
        actor=applicant,
        nominee_name="นายสมชาย ใจดี",
        now=OPEN,
    )
    entry_save(entry=entry, actor=applicant, answers=COMPLETE, now=OPEN)
    return entry


def _upload(data: bytes, name: str = "ผลงาน.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_submit_needs_a_portfolio(bare_draft, applicant):
    with pytest.raises(ValidationError) as info:
        entry_submit(entry=bare_draft, actor=applicant, now=OPEN)
    assert info.value.messages == [
        "ยังส่งผลงานไม่ได้ กรุณากรอกข้อมูลให้ครบ",
        "ยังไม่ได้อัปโหลดแฟ้มผลงาน (PDF)",
    ]


def test_failing_portfolio_is_reported_by_page_and_blocks_submit_until_a_good_one(
    bare_draft, applicant, tmp_path
):
    small = portfolio_pdf(tmp_path, pages=2, size_pt=12)
    report = entry_attach_portfolio(
        entry=bare_draft, actor=applicant, upload=_upload(small), now=OPEN
    )
    bare_draft.refresh_from_db()
    assert (report["ok"], report["pages"], bool(bare_draft.portfolio)) == (False, 2, False)
    errors = [(f["code"], f["pages"]) for f in report["findings"] if f["severity"] == "error"]
    assert errors == [("body_size", [1, 2])]
    with pytest.raises(ValidationError) as info:
        entry_submit(entry=bare_draft, actor=applicant, now=OPEN)
    assert info.value.messages[-1] == "ยังไม่ได้อัปโหลดแฟ้มผลงาน (PDF)"

    # 12 pages: the answers cite pages 1-12 and 3, which must lie within it (issue 20)
    good = portfolio_pdf(tmp_path, pages=12, size_pt=16)
    report = entry_attach_portfolio(
        entry=bare_draft, actor=applicant, upload=_upload(good), now=OPEN
    )
    bare_draft.refresh_from_db()
    assert (report["ok"], bare_draft.portfolio_report["ok"]) == (True, True)
    # Stored under a generated name, never the applicant's.
    assert bare_draft.portfolio.name.startswith(f"awards/{bare_draft.campaign_id}/entries/")
    assert bare_draft.portfolio.read()[:5] == b"%PDF-"
    submitted = entry_submit(entry=bare_draft, actor=applicant, now=OPEN)
    assert submitted.status == EntryStatus.SUBMITTED
    assert list(submitted.events.values_list("kind", flat=True)) == [
        "created",
        "portfolio_checked",
        "portfolio_checked",
        "submitted",
    ]


def test_not_a_pdf_is_refused_with_a_thai_message(bare_draft, applicant):
    report = entry_attach_portfolio(
        entry=bare_draft, actor=applicant, upload=_upload(b"<html>not a pdf</html>"), now=OPEN
    )
    bare_draft.refresh_from_db()
    assert (report["ok"], bool(bare_draft.portfolio)) == (False, False)
    assert report["findings"][0]["message"]
    assert bare_draft.portfolio_report == report


def test_portfolio_upload_after_the_deadline_is_refused(bare_draft, applicant):
    with pytest.raises(ValidationError) as info:
        entry_attach_portfolio(
            entry=bare_draft, actor=applicant, upload=_upload(b"%PDF-1.7\n"), now=DEADLINE
        )
    assert info.value.messages[0].startswith("ปิดรับผลงานแล้ว")


def test_a_large_upload_is_checked_and_stored_from_djangos_own_temporary_file(
    bare_draft, applicant, tmp_path, file_storage, monkeypatch
):
    # No second copy: the checker reads the spooled upload itself, and the storage takes it from
    # there (moved on disk, streamed to S3).
    from django.core.files.uploadedfile import TemporaryUploadedFile

    import pramoen.awards.services.portfolio as portfolio

    upload = TemporaryUploadedFile("ผลงาน.pdf", "application/pdf", 0, None)
    upload.write(portfolio_pdf(tmp_path, pages=2, size_pt=16))
    upload.size = upload.tell()
    upload.seek(0)
    checked: list[str] = []
    real_check = portfolio.run_check_subprocess
    monkeypatch.setattr(
        portfolio,
        "run_check_subprocess",
        lambda path, rules: checked.append(path) or real_check(path, rules),
    )
    report = entry_attach_portfolio(entry=bare_draft, actor=applicant, upload=upload, now=OPEN)
    assert report["ok"] is True and checked == [upload.temporary_file_path()]
    upload.close()  # as the request's end does (the file may have been moved into the media)
    bare_draft.refresh_from_db()
    assert file_storage.names() == [bare_draft.portfolio.name]


def test_an_upload_the_busy_checker_could_not_check_is_kept_not_lost(
    bare_draft, applicant, tmp_path, file_storage, monkeypatch
):
    from pramoen.documents.slots import process_slot

    monkeypatch.setenv("PRAMOEN_SLOTS_DIR", str(tmp_path))
    monkeypatch.setenv("PRAMOEN_CHECK_SLOTS", "1")
    monkeypatch.setenv("PRAMOEN_CHECK_WAIT_S", "0.1")
    good = portfolio_pdf(tmp_path, pages=2, size_pt=16)
    with process_slot("checker", slots=1, wait_s=1):
        report = entry_attach_portfolio(
            entry=bare_draft, actor=applicant, upload=_upload(good), now=OPEN
        )
    bare_draft.refresh_from_db()
    assert report["ok"] is None and bare_draft.portfolio_report["ok"] is None
    assert file_storage.names() == [bare_draft.portfolio.name]
    assert bare_draft.portfolio.read() == good

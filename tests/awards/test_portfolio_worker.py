"""The portfolio check on a real worker process: the upload returns before the check has run,
and the report appears on the entry page when the worker has checked the file."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pramoen.accounts.enums import Role
from pramoen.awards.models import Entry
from pramoen.core.enums import JobStatus
from pramoen.core.models import Job
from pramoen.orgs.models import Organization
from tests.awards.conftest import TEACHER_INNOVATION, portfolio_pdf
from tests.awards.test_applicant_views import _campaign_open_now
from tests.workers import wait_for


@pytest.mark.slow
def test_upload_returns_at_once_and_the_report_appears_when_checked(
    workers, client, make_user, esa, staff, tmp_path
):
    campaign = _campaign_open_now(esa, staff, [TEACHER_INNOVATION])
    school = Organization.objects.create(
        kind="school", code="1234567890", name_th="โรงเรียนบ้านทดสอบ", parent=esa
    )
    client.force_login(make_user(roles=[Role.APPLICANT_SCHOOL], organization=school))
    created = client.post(
        reverse("awards:entry_new"),
        {
            "category": campaign.categories.get().pk,
            "school": school.pk,
            "nominee_name": "นางสาวกมลชนก สอนดี",
        },
    )
    entry = Entry.objects.get()
    # No worker yet: the upload must not wait for the check.
    bad = SimpleUploadedFile("a.pdf", portfolio_pdf(tmp_path, pages=2, size_pt=12))
    page = client.post(
        reverse("awards:entry_portfolio", args=[entry.pk]), {"file": bad}, follow=True
    ).content.decode()
    assert "อัปโหลดแล้ว ระบบกำลังตรวจรูปแบบแฟ้มผลงาน" in page
    assert 'data-testid="portfolio-checking"' in page
    job = Job.objects.get(pk=Entry.objects.get().portfolio_job_id)
    assert job.status == JobStatus.QUEUED

    workers.wait_alive(workers.start())
    wait_for(lambda: not Job.objects.get(pk=job.pk).active, timeout=30)
    job.refresh_from_db()
    assert (job.status, job.result["ok"], job.result["pages"]) == (JobStatus.DONE, False, 2)
    poll = client.get(created["Location"] + "?portfolio=1", headers={"HX-Request": "true"})
    assert poll["HX-Refresh"] == "true"
    page = client.get(created["Location"]).content.decode()
    section = page.split('data-testid="portfolio">')[1].split("</div>")[0]
    assert "ไม่ผ่านการตรวจรูปแบบ" in section and "ในหน้า 1–2" in section
    assert not Entry.objects.get().portfolio  # a rejected file is not kept
    assert default_storage.listdir(f"portfolio-pending/{entry.pk}") == ([], [])

"""The certificate build job: a ``CertificateBuild`` row with counts, status and a Thai error.

The web view runs ``build_run`` in a thread after commit; these tests call it in the foreground
(the thread would use its own connection, which cannot see a test's uncommitted rows). The files go
to the storage (the session's temporary media folder, or the S3 server under PRAMOEN_TEST_S3).
"""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from pramoen.judging import certificates as cert_build
from pramoen.judging import services
from pramoen.judging.enums import BuildStatus
from pramoen.judging.models import CertificateBuild
from tests.judging.helpers import all_checked


def _finalized(committee, chair, judges, make_entry, n: int) -> None:
    for _ in range(n):
        entry = make_entry()
        for judge in judges:
            services.assignment_add(entry=entry, judge=judge, actor=chair)
            review = services.review_open(entry=entry, judge=judge)
            services.review_submit(
                review=review, actor=judge, seen_version=review.version, indicators=all_checked()
            )
    services.group_finalize(committee=committee, actor=chair)


def _start(campaign, staff, out_dir=None):
    return cert_build.build_start(
        campaign=campaign,
        actor=staff,
        out_dir=out_dir or f"certificates/{campaign.pk}",
        verify_base="http://testserver/v/",
    )


def _stored(build) -> tuple[bytes, bytes]:
    with default_storage.open(build.merged_pdf) as pdf, default_storage.open(build.zip_path) as zf:
        return pdf.read(), zf.read()


def test_build_run_counts_every_certificate_and_ends_done(
    committee, chair, judges, make_entry, category, staff
):
    _finalized(committee, chair, judges, make_entry, n=3)
    build = _start(category.campaign, staff)
    assert (build.status, build.done, build.total) == (BuildStatus.QUEUED, 0, 0)
    seen: list[tuple[int, int]] = []
    build = cert_build.build_run(build.pk, echo=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
    assert (build.status, build.done, build.total, build.error) == (BuildStatus.DONE, 3, 3, "")
    assert build.started_at and build.finished_at and build.finished_at >= build.started_at
    folder = f"certificates/{category.campaign_id}/{build.pk}"
    assert build.merged_pdf == f"{folder}/certificates.pdf"
    assert build.zip_path == f"{folder}/certificates.zip"
    assert default_storage.size(build.merged_pdf) > 0 and default_storage.size(build.zip_path) > 0
    # Running the same row again does not build twice.
    seen.clear()
    again = cert_build.build_run(build.pk, echo=lambda done, total: seen.append((done, total)))
    assert seen == [] and again.finished_at == build.finished_at


def test_failed_build_keeps_thai_error_and_previous_files(
    committee, chair, judges, make_entry, category, staff
):
    _finalized(committee, chair, judges, make_entry, n=2)
    first = cert_build.build_run(_start(category.campaign, staff).pk)
    assert first.status == BuildStatus.DONE
    before = _stored(first)
    campaign = category.campaign
    campaign.signatory_name = ""
    campaign.save(update_fields=["signatory_name"])
    failed = cert_build.build_run(_start(campaign, staff).pk)
    assert failed.status == BuildStatus.FAILED
    assert "ชื่อผู้ลงนามว่างเปล่า" in failed.error
    assert failed.finished_at is not None and failed.merged_pdf == ""
    assert cert_build.stored_files(campaign) == first
    assert _stored(first) == before


def test_a_new_build_replaces_the_stored_files_of_the_last(
    committee, chair, judges, make_entry, category, staff
):
    _finalized(committee, chair, judges, make_entry, n=1)
    first = cert_build.build_run(_start(category.campaign, staff).pk)
    second = cert_build.build_run(_start(category.campaign, staff).pk)
    assert second.status == BuildStatus.DONE and second.merged_pdf != first.merged_pdf
    assert cert_build.stored_files(category.campaign) == second
    assert default_storage.exists(second.merged_pdf) and default_storage.exists(second.zip_path)
    assert not default_storage.exists(first.merged_pdf)
    assert not default_storage.exists(first.zip_path)


def test_build_with_nothing_to_certify_fails_in_thai(category, staff):
    build = cert_build.build_run(_start(category.campaign, staff).pk)
    assert build.status == BuildStatus.FAILED
    assert "ยังไม่มีผลงานที่ได้รับรางวัล" in build.error


def test_second_build_refused_while_one_is_active(category, staff):
    from django.core.exceptions import ValidationError

    _start(category.campaign, staff)
    with pytest.raises(ValidationError, match="กำลังสร้างเกียรติบัตร"):
        _start(category.campaign, staff)


def test_stale_build_no_longer_blocks(category, staff):
    from django.utils import timezone

    old = _start(category.campaign, staff)
    long_ago = timezone.now() - cert_build.STALE_AFTER * 2
    CertificateBuild.objects.filter(pk=old.pk).update(
        created_at=long_ago, status=BuildStatus.RUNNING, updated_at=long_ago
    )
    assert _start(category.campaign, staff).pk != old.pk


def test_progress_partial_polls_while_running_then_shows_links(
    client, committee, chair, judges, make_entry, category, staff
):
    _finalized(committee, chair, judges, make_entry, n=2)
    client.force_login(staff)
    client.post(reverse("judging:certificates_build", args=[category.campaign_id]))
    build = CertificateBuild.objects.get(campaign_id=category.campaign_id)
    url = reverse("judging:certificates_progress", args=[category.campaign_id, build.pk])
    CertificateBuild.objects.filter(pk=build.pk).update(status=BuildStatus.RUNNING, done=1, total=2)
    page = client.get(url).content.decode()
    assert "สร้างแล้ว 1 จาก 2 ใบ" in page and 'hx-trigger="every 1s"' in page
    assert 'data-testid="downloads"' not in page
    CertificateBuild.objects.filter(pk=build.pk).update(status=BuildStatus.QUEUED)
    assert "รอคิว" in client.get(url).content.decode()
    cert_build.build_run(build.pk)
    response = client.get(url, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "สร้างเกียรติบัตร 2 ใบแล้ว" in page and 'data-testid="downloads"' in page
    assert "hx-trigger" not in page and response["HX-Refresh"] == "true"


def test_progress_partial_shows_failure(
    client, committee, chair, judges, make_entry, category, staff
):
    client.force_login(staff)
    client.post(reverse("judging:certificates_build", args=[category.campaign_id]))
    build = cert_build.build_run(CertificateBuild.objects.get(campaign_id=category.campaign_id).pk)
    url = reverse("judging:certificates_progress", args=[category.campaign_id, build.pk])
    page = client.get(url).content.decode()
    assert "สร้างเกียรติบัตรไม่สำเร็จ" in page and "ยังไม่มีผลงานที่ได้รับรางวัล" in page
    assert "hx-trigger" not in page


def test_build_and_progress_are_staff_only(client, category, staff, judges, make_user):
    from pramoen.accounts.enums import Role
    from tests.factories import EsaFactory

    build = _start(category.campaign, staff)
    progress = reverse("judging:certificates_progress", args=[category.campaign_id, build.pk])
    start = reverse("judging:certificates_build", args=[category.campaign_id])
    client.force_login(judges[0])
    assert client.get(progress).status_code == 403
    assert client.post(start).status_code == 403
    stranger = make_user(roles=[Role.ESA_STAFF], organization=EsaFactory(), password=None)
    client.force_login(stranger)
    assert client.get(progress).status_code == 404
    assert client.post(start).status_code == 404
    assert CertificateBuild.objects.count() == 1
    client.logout()
    assert client.get(progress).status_code == 302


def test_build_on_s3_stores_both_files_in_the_bucket_and_serves_them_by_redirect(
    client, committee, chair, judges, make_entry, category, staff, s3_files
):
    import io
    import zipfile

    import pypdfium2 as pdfium

    from tests.storage import downloaded, files_in

    _finalized(committee, chair, judges, make_entry, n=2)
    build = cert_build.build_run(_start(category.campaign, staff).pk)
    assert build.status == BuildStatus.DONE
    assert s3_files.names() == sorted([build.merged_pdf, build.zip_path])
    client.force_login(staff)
    urls = [
        reverse("judging:certificates_file", args=[category.campaign_id, kind])
        for kind in ("pdf", "zip")
    ]
    responses = [client.get(url) for url in urls]
    assert [r.status_code for r in responses] == [302, 302]
    assert len(pdfium.PdfDocument(downloaded(responses[0]))) == 2
    assert len(zipfile.ZipFile(io.BytesIO(downloaded(responses[1]))).namelist()) == 2
    assert files_in(s3_files.folder) == []

"""A certificate build on a real worker process (database backend on SQLite or PostgreSQL, RQ on
Redis): the worker is SIGKILLed in the middle of the build; another worker takes the job over
after its lease ran out and finishes it with the same numbers — and the page says so."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Entry
from pramoen.core.enums import JobStatus
from pramoen.core.models import Job
from pramoen.judging.enums import BuildStatus
from pramoen.judging.models import Certificate, CertificateBuild, EntryResult
from pramoen.orgs.models import Organization
from tests.orgs.factories import SchoolFactory
from tests.workers import wait_for

# Enough certificates that rendering takes a moment (well over a second on this machine).
N = 300


def tiered_entries(category, staff, n: int) -> None:
    """``n`` finalized gold entries, written in bulk (the build, not judging, is under test)."""
    schools = Organization.objects.bulk_create(
        SchoolFactory.build_batch(n, parent=category.campaign.esa)
    )
    entries = Entry.objects.bulk_create(
        Entry(
            campaign=category.campaign,
            category=category,
            school=school,
            nominee_key=f"school:{school.pk}",
            created_by=staff,
            status=EntryStatus.SUBMITTED,
            answers={},
        )
        for school in schools
    )
    EntryResult.objects.bulk_create(
        EntryResult(
            entry=entry,
            instrument_hash="0" * 64,
            method="mean",
            total="90",
            total_display="90.00",
            eligible=True,
            tier="gold",
            tier_label_th="รางวัลระดับเหรียญทอง",
            rank=rank,
            finalized_at=timezone.now(),
        )
        for rank, entry in enumerate(entries, start=1)
    )


def _numbers(campaign) -> dict[int, tuple[int, str]]:
    return {
        entry: (number, code)
        for entry, number, code in Certificate.objects.filter(campaign=campaign).values_list(
            "entry_id", "number", "short_code"
        )
    }


@pytest.mark.slow
def test_worker_killed_mid_build_the_next_one_finishes_with_the_same_numbers(
    workers, client, category, staff
):
    campaign = category.campaign
    tiered_entries(category, staff, N)
    first, second = workers.start(), workers.start()
    workers.wait_alive(first)
    workers.wait_alive(second)
    client.force_login(staff)
    client.post(reverse("judging:certificates_build", args=[campaign.pk]))
    build = CertificateBuild.objects.get(campaign=campaign)
    progress = reverse("judging:certificates_progress", args=[campaign.pk, build.pk])

    # The numbers are issued (committed) and the files are being rendered: kill that worker.
    wait_for(
        lambda: Certificate.objects.filter(campaign=campaign).count() == N, every=0.01, timeout=60
    )
    job = Job.objects.get(pk=build.job_id)
    victim = first if job.worker.endswith(f":{first.pid}") else second
    assert job.worker.endswith(f":{victim.pid}")
    workers.kill(victim)
    build.refresh_from_db()
    assert build.status == BuildStatus.RUNNING, "the build ended before its worker was killed"
    issued = _numbers(campaign)
    assert sorted(number for number, _ in issued.values()) == list(range(1, N + 1))
    page = client.get(progress).content.decode()
    assert 'hx-trigger="every 1s"' in page  # still running as far as anyone can tell

    # The surviving worker sees the lease run out, queues the job again and runs it.
    wait_for(lambda: not CertificateBuild.objects.get(pk=build.pk).active, timeout=60)
    build.refresh_from_db()
    job.refresh_from_db()
    assert (build.status, build.done, build.total, build.error) == (BuildStatus.DONE, N, N, "")
    assert (job.status, job.attempts) == (JobStatus.DONE, 2)
    assert job.worker.endswith(f":{(second if victim is first else first).pid}")
    assert _numbers(campaign) == issued  # the same number and code for every entry, none added
    with default_storage.open(build.merged_pdf, "rb") as merged:  # the worker stored it
        assert len(pdfium.PdfDocument(merged.read())) == N
    page = client.get(progress, headers={"HX-Request": "true"}).content.decode()
    assert f"สร้างเกียรติบัตร {N} ใบแล้ว" in page
    assert "ระบบสร้างใหม่จนเสร็จแล้ว (ครั้งที่ 2) เลขที่เกียรติบัตรเป็นเลขเดิมทุกใบ" in page
    assert "hx-trigger" not in page

"""Large web imports run as a job and report progress (immediate backend here; a real worker in
tests/core/test_worker.py)."""

from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pramoen.orgs.enums import ImportStatus
from pramoen.orgs.models import ImportBatch, Organization
from tests.factories import EsaFactory
from tests.orgs.test_imports import SCHOOL_HEADER, csv_bytes, school_rows


def _wait(batch_pk: int, seconds: float = 60.0) -> ImportBatch:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        batch = ImportBatch.objects.get(pk=batch_pk)
        if not batch.running:
            return batch
        time.sleep(0.2)
    raise AssertionError("background import did not finish")


@pytest.mark.slow
def test_large_web_import_runs_in_background_with_progress(
    transactional_db, client, make_user, settings
):
    from pramoen.orgs.imports import batches

    esa = EsaFactory(code="7777")
    user = make_user(roles=["esa_staff"], organization=esa)
    client.force_login(user)
    data = csv_bytes(SCHOOL_HEADER, school_rows(4000))
    assert len(data) >= batches.BACKGROUND_BYTES
    response = client.post(
        reverse("orgs:import_upload"),
        {"kind": "schools", "file": SimpleUploadedFile("big.csv", data, "text/csv")},
    )
    batch = ImportBatch.objects.get()
    assert batch.status in {ImportStatus.CHECKING, ImportStatus.PREVIEWED}
    if batch.running:
        partial = client.get(response.url + "?progress=1", HTTP_HX_REQUEST="true")
        assert partial.status_code in {200, 204}
    batch = _wait(batch.pk)
    assert batch.status == ImportStatus.PREVIEWED
    assert (batch.progress_done, batch.progress_total) == (4000, 4000)
    done = client.get(response.url + "?progress=1", HTTP_HX_REQUEST="true")
    assert done.status_code == 204 and done["HX-Refresh"] == "true"

    client.post(reverse("orgs:import_commit", args=[batch.pk]))
    batch = _wait(batch.pk)
    assert batch.status == ImportStatus.COMMITTED
    assert Organization.objects.filter(kind="school").count() == 4000


def test_an_import_whose_worker_died_is_run_again_without_doubling_rows(
    transactional_db, client, make_user, settings, monkeypatch
):
    """A worker killed mid-commit rolled its transaction back: the job is queued again after its
    lease and the retry imports every row once."""
    from datetime import timedelta

    from django.utils import timezone

    from pramoen.core import jobs
    from pramoen.core.enums import JobStatus
    from pramoen.core.models import Job
    from pramoen.orgs.imports import batches

    monkeypatch.setattr(batches, "BACKGROUND_BYTES", 1)  # every file as a job
    esa = EsaFactory(code="7777")
    client.force_login(make_user(roles=["esa_staff"], organization=esa))
    data = csv_bytes(SCHOOL_HEADER, school_rows(30))
    response = client.post(
        reverse("orgs:import_upload"),
        {"kind": "schools", "file": SimpleUploadedFile("s.csv", data, "text/csv")},
    )
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.PREVIEWED  # checked by a job (immediate backend)
    immediate = settings.TASKS
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": [settings.PRAMOEN_TASKS_QUEUE],
        }
    }
    client.post(reverse("orgs:import_commit", args=[batch.pk]))
    job = Job.objects.get(kind=batches.BATCH_WORK.path, params__commit=True)
    # A worker took it and was SIGKILLed inside the commit's transaction: nothing was written.
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING,
        attempts=1,
        worker="gone:1",
        lease_until=timezone.now() - timedelta(seconds=1),
    )
    assert ImportBatch.objects.get().status == ImportStatus.COMMITTING
    assert Organization.objects.filter(kind="school").count() == 0
    page = client.get(response.url).content.decode()
    assert "กำลังนำเข้า" in page
    settings.TASKS = immediate
    assert jobs.jobs_recover() == (1, 0)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.DONE, 2)
    assert ImportBatch.objects.get().status == ImportStatus.COMMITTED
    assert Organization.objects.filter(kind="school").count() == 30
    # The same job delivered once more changes nothing.
    assert jobs.job_execute(job.pk) == "skipped"
    assert Organization.objects.filter(kind="school").count() == 30


def test_unconfirmed_previews_lose_their_file_after_a_day(db, make_user):
    from datetime import timedelta

    from django.utils import timezone

    from pramoen.orgs.imports import batches

    user = make_user(roles=["esa_staff"], organization=EsaFactory(code="7777"))
    data = csv_bytes(SCHOOL_HEADER, school_rows(3))
    batch = batches.batch_start(kind="schools", filename="s.csv", data=data, actor=user)
    assert batch.status == ImportStatus.PREVIEWED and batch.file
    kept = batches.batch_start(kind="schools", filename="t.csv", data=data, actor=user)
    ImportBatch.objects.filter(pk=batch.pk).update(created_at=timezone.now() - timedelta(days=2))
    name = batch.file.name
    assert batches.batches_expire() == 1
    batch.refresh_from_db()
    assert batch.status == ImportStatus.REJECTED and not batch.file
    assert not batch.file.storage.exists(name)
    assert batches.batch_report(batch)["file_errors"] == [batches.EXPIRED_NOTE]
    kept.refresh_from_db()
    assert kept.status == ImportStatus.PREVIEWED and kept.file

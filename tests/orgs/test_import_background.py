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

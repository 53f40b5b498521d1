"""The deadline rush (issue 12): a portfolio upload is streamed to storage, never held whole in
memory nor copied per step, and the checker processes (format check and fingerprint alike) are
bounded by the checker slots — the next one waits for a free slot."""

from __future__ import annotations

import hashlib
import threading
import time
import tracemalloc
import uuid

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import ClientHandler, RequestFactory
from django.urls import reverse

import pramoen.awards.services.duplicates as duplicates
import pramoen.awards.services.portfolio as portfolio
from pramoen.accounts.enums import Role
from pramoen.awards.models import Entry
from pramoen.awards.services import entry_portfolio_queue, entry_start
from pramoen.core.models import Job
from pramoen.documents.fingerprint_worker import BUSY_MESSAGE, run_fingerprint_subprocess
from pramoen.documents.slots import process_slot
from pramoen.orgs.models import Organization
from tests.awards.conftest import TEACHER_INNOVATION, portfolio_pdf
from tests.awards.test_applicant_views import _campaign_open_now

pytestmark = pytest.mark.django_db

UPLOAD_MB = 30
BLOCK = 64 * 1024


@pytest.fixture
def local_files(settings, tmp_path):
    """Stored files on local disk (the streaming path under test is the request's, not S3's)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    return tmp_path / "media"


@pytest.fixture
def applicant_entry(esa, staff, make_user):
    campaign = _campaign_open_now(esa, staff, [TEACHER_INNOVATION])
    school = Organization.objects.create(
        kind="school", code="1234567890", name_th="โรงเรียนบ้านทดสอบ", parent=esa
    )
    user = make_user(roles=[Role.APPLICANT_SCHOOL], organization=school)
    entry = entry_start(
        category=campaign.categories.get(),
        school=school,
        actor=user,
        nominee_name="นางสาวกมลชนก สอนดี",
    )
    return entry, user


class StreamedBody:
    """A multipart body produced block by block as the server reads it (as a socket gives it),
    so the test itself never holds the file; ``digest`` is the file part's SHA-256."""

    def __init__(self, boundary: str, megabytes: int) -> None:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            'filename="portfolio.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
        self.tail = f"\r\n--{boundary}--\r\n".encode()
        self.file_size = megabytes * 1024 * 1024
        self.length = len(head) + self.file_size + len(self.tail)
        self.digest = hashlib.sha256()
        self._parts = self._generate(head)
        self._buffer = b""

    def _generate(self, head: bytes):
        yield head
        sent = 0
        while sent < self.file_size:
            block = (b"%PDF-1.7\n" if sent == 0 else b"") + b"0" * BLOCK
            block = block[: self.file_size - sent]
            self.digest.update(block)
            sent += len(block)
            yield block
        yield self.tail

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            raise AssertionError("the whole request body was asked for at once")
        while len(self._buffer) < size:
            part = next(self._parts, b"")
            if not part:
                break
            self._buffer += part
        out, self._buffer = self._buffer[:size], self._buffer[size:]
        return out

    def readline(self, size: int = -1) -> bytes:  # pragma: no cover - multipart never calls it
        raise AssertionError("readline on the upload body")


def test_a_30_mb_upload_is_streamed_to_storage_not_held_in_memory(
    applicant_entry, client, local_files
):
    entry, user = applicant_entry
    client.force_login(user)
    boundary = uuid.uuid4().hex
    body = StreamedBody(boundary, UPLOAD_MB)
    environ = RequestFactory()._base_environ(
        PATH_INFO=reverse("awards:entry_portfolio", args=[entry.pk]),
        REQUEST_METHOD="POST",
        CONTENT_TYPE=f"multipart/form-data; boundary={boundary}",
        CONTENT_LENGTH=str(body.length),
        HTTP_COOKIE=f"sessionid={client.cookies['sessionid'].value}",
    )
    environ["wsgi.input"] = body
    handler = ClientHandler(enforce_csrf_checks=False)
    handler.load_middleware()

    tracemalloc.start()
    try:
        response = handler(environ)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert (response.status_code, response["Location"]) == (
        302,
        reverse("awards:entry_detail", args=[entry.pk]),
    )
    # Django spools past FILE_UPLOAD_MAX_MEMORY_SIZE (2 MB) to one temporary file in 64 KB
    # chunks, and the storage moves that file: a read of the whole file would show 30 MB here.
    assert peak < 6 * 1024 * 1024, f"{peak / 2**20:.1f} MB allocated for a {UPLOAD_MB} MB upload"
    job = Job.objects.get(pk=Entry.objects.get(pk=entry.pk).portfolio_job_id)
    pending = job.params["pending"]
    with default_storage.open(pending, "rb") as stored:
        assert hashlib.file_digest(stored, "sha256").hexdigest() == body.digest.hexdigest()
    assert job.params["size"] == body.file_size


def test_the_queued_check_reads_the_pending_file_where_it_lies(
    applicant_entry, local_files, tmp_path, monkeypatch
):
    # No scratch copy per step on local disk: the checker and the fingerprint read the stored
    # files themselves (one copy remains: the pending file into its kept name).
    entry, user = applicant_entry
    good = portfolio_pdf(tmp_path, pages=2, size_pt=16)
    job = entry_portfolio_queue(
        entry=entry, actor=user, upload=SimpleUploadedFile("ผลงาน.pdf", good)
    )
    storage = FileSystemStorage(location=str(local_files))
    pending_path = storage.path(job.params["pending"])
    checked: list[str] = []
    fingerprinted: list[str] = []
    real_check, real_fingerprint = (
        portfolio.run_check_subprocess,
        duplicates.run_fingerprint_subprocess,
    )
    monkeypatch.setattr(
        portfolio,
        "run_check_subprocess",
        lambda path, rules: checked.append(path) or real_check(path, rules),
    )
    monkeypatch.setattr(
        duplicates,
        "run_fingerprint_subprocess",
        lambda path: fingerprinted.append(path) or real_fingerprint(path),
    )

    portfolio.PORTFOLIO_CHECK.run(Job.objects.get(pk=job.pk))

    entry.refresh_from_db()
    assert entry.portfolio_report["ok"] is True
    assert checked == [pending_path]
    assert fingerprinted == [storage.path(entry.portfolio.name)]
    assert entry.portfolio.read() == good
    assert not storage.exists(job.params["pending"])


@pytest.fixture
def one_slot(monkeypatch, tmp_path):
    monkeypatch.setenv("PRAMOEN_SLOTS_DIR", str(tmp_path))
    monkeypatch.setenv("PRAMOEN_CHECK_SLOTS", "1")


def test_the_fingerprint_takes_a_checker_slot_and_says_so_when_none_frees(
    one_slot, monkeypatch, tmp_path
):
    monkeypatch.setenv("PRAMOEN_CHECK_WAIT_S", "0.2")
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(portfolio_pdf(tmp_path, pages=1))
    with process_slot("checker", slots=1, wait_s=1):
        started = time.monotonic()
        assert run_fingerprint_subprocess(pdf) == {"error": BUSY_MESSAGE}
        assert time.monotonic() - started >= 0.2
    assert len(run_fingerprint_subprocess(pdf)["pages"]) == 1


def test_the_next_checker_waits_for_a_slot_and_runs_when_it_frees(one_slot, monkeypatch, tmp_path):
    from pramoen.documents.pdfcheck import run_check_subprocess

    monkeypatch.setenv("PRAMOEN_CHECK_WAIT_S", "20")
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(portfolio_pdf(tmp_path, pages=1))
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with process_slot("checker", slots=1, wait_s=1):
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(5)
    threading.Timer(0.5, release.set).start()
    started = time.monotonic()
    report = run_check_subprocess(pdf)
    waited = time.monotonic() - started
    holder.join()
    assert report["pages"] == 1 and report["ok"] is not None
    assert waited >= 0.5


def test_on_s3_the_queued_check_fetches_the_pending_file_once_and_keeps_it(
    applicant_entry, s3_files, tmp_path, monkeypatch
):
    entry, user = applicant_entry
    good = portfolio_pdf(tmp_path, pages=2, size_pt=16)
    job = entry_portfolio_queue(
        entry=entry, actor=user, upload=SimpleUploadedFile("ผลงาน.pdf", good)
    )
    checked: list[bytes] = []
    real_check = portfolio.run_check_subprocess

    def check(path, rules):
        with open(path, "rb") as scratch:  # a local scratch copy of the bucket's object
            checked.append(scratch.read())
        return real_check(path, rules)

    monkeypatch.setattr(portfolio, "run_check_subprocess", check)
    portfolio.PORTFOLIO_CHECK.run(Job.objects.get(pk=job.pk))
    entry.refresh_from_db()
    assert entry.portfolio_report["ok"] is True and checked == [good]
    assert s3_files.names() == [entry.portfolio.name]  # the pending object is gone
    assert entry.portfolio.read() == good

"""Stored files on a real S3-protocol server (moto's, over HTTP on 127.0.0.1): what every view that
hands out a file relies on (core.files), and /healthz's storage check. Runs in every suite run."""

from __future__ import annotations

import urllib.parse
import urllib.request
from email.message import Message

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404

from pramoen.core.files import is_s3, storage_health, stored_file_response
from tests.storage import files_in

pytestmark = pytest.mark.django_db


def _fetch(url: str) -> tuple[bytes, Message]:
    with urllib.request.urlopen(url, timeout=10) as remote:
        return remote.read(), remote.headers


def test_download_redirects_to_a_short_lived_presigned_url_with_name_and_type(s3_files):
    name = default_storage.save("awards/1/evidence/x.pdf", ContentFile(b"%PDF-1.7 body"))
    assert is_s3(default_storage) and s3_files.names() == [name]
    response = stored_file_response(name, content_type="application/pdf", filename="แฟ้ม ผลงาน.pdf")
    assert response.status_code == 302
    url = response["Location"]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
    assert query["X-Amz-Expires"] == ["300"] and "X-Amz-Signature" in query
    body, headers = _fetch(url)
    assert body == b"%PDF-1.7 body"
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%e0%b9%81" in headers["Content-Disposition"].lower()
    assert response["Cache-Control"] == "private, no-store"
    # The name and type the browser gets are part of what is signed (moto does not check
    # signatures; a real S3 refuses a URL whose signed parameters were changed).
    assert query["response-content-type"] == ["application/pdf"]
    assert files_in(s3_files.folder) == []


def test_inline_files_and_redirect_off_stream_from_the_bucket_in_blocks(s3_files, settings):
    big = bytes(range(256)) * 4096 * 3  # 3 MB: several blocks
    name = default_storage.save("judging/portfolio.pdf", ContentFile(big))
    inline = stored_file_response(
        name, content_type="application/pdf", filename="e.pdf", as_attachment=False, inline=True
    )
    chunks = list(inline.streaming_content)
    assert inline.status_code == 200 and b"".join(chunks) == big and len(chunks) > 1
    assert max(len(c) for c in chunks) <= 256 * 1024
    assert inline["Content-Length"] == str(len(big)) and inline["Content-Disposition"] == (
        'inline; filename="e.pdf"'
    )
    settings.PRAMOEN_S3_REDIRECT = False
    streamed = stored_file_response(name, content_type="application/pdf", filename="e.pdf")
    assert streamed.status_code == 200 and b"".join(streamed.streaming_content) == big


def test_a_missing_object_is_a_404_not_a_500(s3_files, settings):
    with pytest.raises(Http404):
        stored_file_response("nothing/here.pdf", content_type="application/pdf", filename="a.pdf")
    settings.PRAMOEN_S3_REDIRECT = False
    with pytest.raises(Http404):
        stored_file_response("nothing/here.pdf", content_type="application/pdf", filename="a.pdf")


def test_healthz_reports_the_bucket_and_fails_when_it_is_gone(client, s3_files, s3_server):
    response = client.get("/healthz")
    checks = ("status", "database", "storage")
    assert (response.status_code, {k: response.json()[k] for k in checks}) == (
        200,
        {"status": "ok", "database": "ok", "storage": "s3"},
    )
    s3_server.client().delete_bucket(Bucket=s3_files.bucket)
    response = client.get("/healthz")
    assert (response.status_code, {k: response.json()[k] for k in checks}) == (
        503,
        {"status": "error", "database": "ok", "storage": "s3 unavailable"},
    )
    assert storage_health() == (False, "s3")


def test_healthz_reads_and_never_writes(client, s3_files):
    client.get("/healthz")
    assert s3_files.names() == []


def test_a_large_upload_is_stored_in_8_mb_parts_from_its_file(s3_files, s3_server, tmp_path):
    # boto3's default would buffer up to ten 8 MB parts per upload in threads; the settings send
    # one part at a time, read from the uploaded file (S3 names a multipart object "<md5>-<parts>").
    from django.core.files import File

    path = tmp_path / "big.pdf"
    with path.open("wb") as out:
        for _ in range(20):
            out.write(b"x" * (1024 * 1024))
    with path.open("rb") as handle:
        name = default_storage.save("big/portfolio.pdf", File(handle, name="big.pdf"))
    head = s3_server.client().head_object(Bucket=s3_files.bucket, Key=name)
    assert head["ContentLength"] == 20 * 1024 * 1024
    assert head["ETag"].strip('"').endswith("-3")
    assert files_in(s3_files.folder) == []


def test_a_bucket_that_does_not_answer_is_a_thai_503_not_a_500(s3_files, settings):
    from pramoen.settings import s3_storage
    from tests.storage import CREDENTIALS

    name = default_storage.save("a/b.pdf", ContentFile(b"%PDF-1.7"))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(
            {
                "PRAMOEN_S3_BUCKET": s3_files.bucket,
                "PRAMOEN_S3_ENDPOINT_URL": "http://127.0.0.1:9",  # nothing listens there
                **CREDENTIALS,
            }
        ),
    }
    for redirect in (True, False):
        settings.PRAMOEN_S3_REDIRECT = redirect
        response = stored_file_response(name, content_type="application/pdf", filename="b.pdf")
        assert response.status_code == 503
        assert "ระบบเก็บไฟล์ขัดข้องชั่วคราว" in response.content.decode()

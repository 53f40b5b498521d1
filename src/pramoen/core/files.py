"""Stored files handed out by permission-checked views, and the storage's health.

Every file Pramoen keeps (uploads, built certificates, reports) lives in the ``default`` storage:
local disk in development, an S3-compatible bucket when ``PRAMOEN_S3_BUCKET`` is set. Views check
who may read a file and then call :func:`stored_file_response`, which

- on local disk streams it (``FileResponse`` over ``storage.open``, read in blocks);
- on S3 redirects to a presigned URL valid for ``PRAMOEN_S3_URL_SECONDS``, carrying the download
  name and content type (S3 sends them back as headers), so the bytes never pass through the web
  process — unless ``PRAMOEN_S3_REDIRECT=false`` or the page reads the file itself (``inline``:
  the judges' PDF viewer fetches it from our own origin, as the CSP requires), when it streams
  the object's body from S3 in blocks, never holding the file whole in memory.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.files.storage import Storage, default_storage
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header

logger = logging.getLogger(__name__)

STREAM_BLOCK = 256 * 1024
__all__ = ["is_s3", "storage_health", "stored_file_response", "stored_on_disk", "upload_on_disk"]


def is_s3(storage: Storage) -> bool:
    return hasattr(storage, "bucket_name") and hasattr(storage, "bucket")


def _s3_stream(storage: Any, name: str) -> tuple[Iterator[bytes], int]:
    from botocore.exceptions import ClientError
    from storages.utils import clean_name

    try:
        body = storage.bucket.Object(storage._normalize_name(clean_name(name))).get()
    except ClientError as exc:  # NoSuchKey, AccessDenied, …: the file is not there for us
        logger.warning("stored file %s unavailable: %s", name, exc)
        raise Http404("ไม่พบไฟล์") from None
    return body["Body"].iter_chunks(STREAM_BLOCK), int(body["ContentLength"])


def _unavailable() -> HttpResponse:
    response = HttpResponse(
        "ระบบเก็บไฟล์ขัดข้องชั่วคราว กรุณาลองใหม่อีกครั้งในอีกสักครู่",
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = "30"
    return response


def stored_file_response(
    name: str | None,
    *,
    content_type: str,
    filename: str,
    as_attachment: bool = True,
    inline: bool = False,
    storage: Storage | None = None,
    disposition: str | None = None,
) -> HttpResponseBase:
    """The stored file ``name`` as a response; the caller has already checked the permission.

    ``disposition`` overrides the Content-Disposition built from ``filename``/``as_attachment``.
    Raises ``Http404`` (Thai) when the file is not there.
    """
    storage = storage or default_storage
    if not name:
        raise Http404("ไม่พบไฟล์")
    header = disposition or content_disposition_header(as_attachment, filename) or "attachment"
    response: HttpResponseBase
    if is_s3(storage):
        if settings.PRAMOEN_S3_REDIRECT and not inline:
            try:
                found = storage.exists(name)
            except Exception as exc:  # the bucket does not answer: a Thai 503, never a 500
                logger.warning("storage unavailable for %s: %s", name, exc)
                return _unavailable()
            if not found:
                raise Http404("ไม่พบไฟล์")
            s3: Any = storage
            url = s3.url(
                name,
                parameters={
                    "ResponseContentDisposition": header,
                    "ResponseContentType": content_type,
                    "ResponseCacheControl": "private, no-store",
                },
            )
            response = HttpResponseRedirect(url)
        else:
            try:
                chunks, size = _s3_stream(storage, name)
            except Http404:
                raise
            except Exception as exc:  # no answer from the bucket
                logger.warning("storage unavailable for %s: %s", name, exc)
                return _unavailable()
            response = StreamingHttpResponse(chunks, content_type=content_type)
            response["Content-Length"] = str(size)
            response["Content-Disposition"] = header
    else:
        try:
            handle = storage.open(name, "rb")
        except (FileNotFoundError, IsADirectoryError):
            raise Http404("ไม่พบไฟล์") from None
        response = FileResponse(handle, content_type=content_type)
        response.block_size = STREAM_BLOCK
        response["Content-Disposition"] = header
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def storage_health(storage: Storage | None = None) -> tuple[bool, str]:
    """(ok, kind): can the storage be reached? Read-only (a GET never writes): on S3 a HEAD of
    the bucket (missing bucket, bad credentials or no answer raise), on disk the folder must
    exist (or be creatable) and be writable by this process."""
    storage = storage or default_storage
    try:
        if is_s3(storage):
            bucket: Any = getattr(storage, "bucket")  # noqa: B009 — S3Storage only
            bucket.meta.client.head_bucket(Bucket=bucket.name)
            return True, "s3"
        location = getattr(storage, "location", "")
        # The folder is made by the first save; until then its nearest parent must take it.
        while location and not os.path.exists(location):
            location = os.path.dirname(location)
        if location and not os.access(location, os.W_OK):
            return False, "local"
    except Exception as exc:  # any backend's error: the point is to report it, not to crash
        logger.warning("storage health check failed: %s", exc)
        return False, "s3" if is_s3(storage) else "local"
    return True, "local"


@contextmanager
def upload_on_disk(upload: Any, *, max_bytes: int, suffix: str = "") -> Iterator[tuple[str, int]]:
    """``(path, size)`` of an uploaded file on local disk, for a checker process to read.

    A large upload is already there: Django spooled it to a temporary file while reading the
    request (FILE_UPLOAD_MAX_MEMORY_SIZE), and that file is used as is — not copied again. A
    small one (held in memory) is written to a scratch file removed afterwards; copying stops
    past ``max_bytes`` (the size is still reported, for the "too large" message).
    """
    path_of = getattr(upload, "temporary_file_path", None)
    if callable(path_of):
        yield path_of(), int(upload.size or 0)
        return
    with tempfile.NamedTemporaryFile(suffix=suffix) as scratch:
        written = 0
        for chunk in upload.chunks():
            written += len(chunk)
            if written > max_bytes:
                break
            scratch.write(chunk)
        scratch.flush()
        yield scratch.name, max(written, int(upload.size or 0))


@contextmanager
def stored_on_disk(name: str, *, storage: Storage | None = None, suffix: str = "") -> Iterator[str]:
    """A local path of the stored file ``name``, for a checker process to read.

    On local disk that is the stored file itself: a deadline rush of 20 MB portfolios must not
    copy each one to a scratch file before checking it. From a bucket the object is streamed
    to a scratch file in blocks (never whole in memory), removed afterwards.
    """
    storage = storage or default_storage
    try:
        path = storage.path(name)
    except NotImplementedError:  # S3: the storage has no local path
        path = None
    if path is not None:
        yield path
        return
    with storage.open(name, "rb") as source, tempfile.NamedTemporaryFile(suffix=suffix) as scratch:
        shutil.copyfileobj(source, scratch, STREAM_BLOCK)
        scratch.flush()
        yield scratch.name

"""Stored files in tests: a temporary media folder, or a real S3-protocol server.

``PRAMOEN_TEST_S3=1`` runs the suite's file tests against moto's S3 server started on 127.0.0.1
(``PRAMOEN_TEST_S3_PORT``, default a free port) — boto3 and django-storages speak the real HTTP
wire protocol to it — and fails the run if anything was written to the media folder. The focused
tests in tests/core/test_storage_s3.py use the same server in every run.
"""

from __future__ import annotations

import os
import urllib.request
import uuid
from pathlib import Path
from typing import Any

S3_MODE = os.environ.get("PRAMOEN_TEST_S3", "").strip().lower() in {"1", "true", "yes", "on"}
CREDENTIALS = {"PRAMOEN_S3_ACCESS_KEY": "test", "PRAMOEN_S3_SECRET_KEY": "test"}


class S3Server:
    """moto's S3 server in a thread of this process, spoken to over HTTP on 127.0.0.1."""

    def __init__(self) -> None:
        from moto.server import ThreadedMotoServer

        port = int(os.environ.get("PRAMOEN_TEST_S3_PORT", "0"))
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
        self._server.start()
        host, port = self._server.get_host_and_port()
        self.endpoint = f"http://{host}:{port}"

    def client(self) -> Any:
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id="test",
            aws_secret_access_key="test",
            region_name="us-east-1",
        )

    def new_bucket(self) -> str:
        name = f"pramoen-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def storage(self, bucket: str) -> dict[str, Any]:
        """The STORAGES["default"] entry for ``bucket``, built as settings.py builds it."""
        from pramoen.settings import s3_storage

        return s3_storage(
            {"PRAMOEN_S3_BUCKET": bucket, "PRAMOEN_S3_ENDPOINT_URL": self.endpoint, **CREDENTIALS}
        )

    def keys(self, bucket: str) -> list[str]:
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))

    def stop(self) -> None:
        self._server.stop()


def local_storage(folder: Path) -> dict[str, Any]:
    return {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(folder), "base_url": "/media/"},
    }


def files_in(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def downloaded(response: Any) -> bytes:
    """The bytes a browser gets from a download view: streamed, or behind an S3 redirect."""
    if response.status_code == 302 and response["Location"].startswith("http"):
        with urllib.request.urlopen(response["Location"], timeout=10) as remote:
            return remote.read()
    assert response.status_code == 200, response.status_code
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


class StoredFiles:
    """Where a test's stored files go (``file_storage`` fixture): ``names()`` lists them."""

    def __init__(self, folder: Path, server: S3Server | None = None) -> None:
        self.folder = folder
        self.server = server
        self.bucket = server.new_bucket() if server is not None else ""

    @property
    def config(self) -> dict[str, Any]:
        if self.server is not None:
            return self.server.storage(self.bucket)
        return local_storage(self.folder)

    def names(self) -> list[str]:
        if self.server is not None:
            return self.server.keys(self.bucket)
        return files_in(self.folder)

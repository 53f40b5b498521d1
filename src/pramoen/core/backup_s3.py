"""Backups kept in S3-compatible storage (MinIO, Ceph RGW, …): ``s3://bucket/prefix``.

The archive is written to a local scratch folder first (restore needs random access to check the
manifest before it changes anything), then uploaded or downloaded with boto3. Credentials and the
endpoint come from ``PRAMOEN_BACKUP_S3_*``, falling back to the upload storage's ``PRAMOEN_S3_*``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from pramoen.core.backup import BackupError, backup_create, backup_restore


def _setting(name: str) -> str | None:
    return os.environ.get(f"PRAMOEN_BACKUP_S3_{name}") or os.environ.get(f"PRAMOEN_S3_{name}")


def _client() -> Any:
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=_setting("ENDPOINT_URL"),
        region_name=_setting("REGION") or "us-east-1",
        aws_access_key_id=_setting("ACCESS_KEY"),
        aws_secret_access_key=_setting("SECRET_KEY"),
    )


def _split(url: str) -> tuple[str, str]:
    parsed = urlparse(url)
    if parsed.scheme != "s3" or not parsed.netloc:
        raise BackupError("ที่อยู่ S3 ต้องอยู่ในรูป s3://bucket/prefix")
    return parsed.netloc, parsed.path.lstrip("/")


def backup_to_s3(*, url: str, log: Callable[[str], None] = lambda _: None) -> str:
    """Make the archive and upload it under the prefix; return its s3:// address."""
    from botocore.exceptions import BotoCoreError, ClientError

    bucket, prefix = _split(url)
    with tempfile.TemporaryDirectory(prefix="pramoen-backup-s3-") as scratch:
        result = backup_create(directory=Path(scratch))
        key = f"{prefix.rstrip('/')}/{result.path.name}" if prefix else result.path.name
        try:
            _client().upload_file(str(result.path), bucket, key)
        except (BotoCoreError, ClientError) as exc:
            raise BackupError(f"อัปโหลดไฟล์สำรองไปยัง S3 ไม่สำเร็จ: {exc}") from exc
    address = f"s3://{bucket}/{key}"
    log(f"สำรองข้อมูลแล้ว: {address} ({sum(result.tables.values())} แถว)")
    return address


def restore_from_s3(
    *, url: str, force: bool = False, log: Callable[[str], None] = lambda _: None
) -> None:
    from botocore.exceptions import BotoCoreError, ClientError

    bucket, key = _split(url)
    with tempfile.TemporaryDirectory(prefix="pramoen-restore-s3-") as scratch:
        local = Path(scratch) / Path(key).name
        try:
            _client().download_file(bucket, key, str(local))
        except (BotoCoreError, ClientError) as exc:
            raise BackupError(f"ดาวน์โหลดไฟล์สำรอง {url} ไม่สำเร็จ: {exc}") from exc
        backup_restore(archive_path=local, force=force, log=log)

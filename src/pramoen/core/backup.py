"""One-archive backup and verified restore: `pramoen backup` and `pramoen restore`.

The archive is a tar file holding
- ``database/<app>.<model>.jsonl.gz`` — every row of every model in Django's JSON Lines form, which
  SQLite and PostgreSQL both load (a backup of one restores into the other);
- ``files/media/…`` — every stored upload (local disk or S3-compatible storage), and
  ``files/certificates/…`` — the built certificates, which live under ``VAR_DIR``, not in media;
- ``manifest.json`` (last) — format, time, database vendor, applied migrations, every table's row
  count and every member's size and SHA-256.

Restore checks the whole manifest before it changes anything, refuses a target that already has
data or files unless told (``--force``), migrates an empty database, loads the rows with the audit
log's triggers lifted (its rows keep their time and chain), puts the files back under the same
names, and then checks row counts, file hashes and the audit chain against the manifest.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from datetime import time as dt_time
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.base import File
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model

FORMAT = 1
MANIFEST = "manifest.json"
_CHUNK = 1024 * 1024
# Rebuilt by ``migrate`` in the target; emptied there so the archive's rows keep their ids.
_MIGRATE_CREATES = ("contenttypes.contenttype", "auth.permission")


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a restore must give back the very value
    (the audit chain hashes it)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime):
            return o.isoformat()
        if isinstance(o, dt_time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """A Thai message for the operator; nothing was changed when restore raises it first."""


def _certificates_dir() -> Path:
    return Path(settings.VAR_DIR) / "certificates"


def _walk_storage(storage: Storage, top: str = "") -> Iterator[str]:
    directories, files = storage.listdir(top)
    for name in sorted(files):
        yield f"{top}/{name}" if top else name
    for directory in sorted(directories):
        yield from _walk_storage(storage, f"{top}/{directory}" if top else directory)


def _walk_dir(root: Path) -> Iterator[str]:
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield path.relative_to(root).as_posix()


def _storage_files() -> list[str]:
    try:
        return list(_walk_storage(default_storage))
    except FileNotFoundError:  # local media folder not created yet
        return []


def dumped_models() -> list[type[Model]]:
    """Every concrete model, in an order in which its rows can be loaded."""
    by_app = [
        (config, [m for m in config.get_models() if m._meta.managed and not m._meta.proxy])
        for config in apps.get_app_configs()
    ]
    return serializers.sort_dependencies(by_app, allow_cycles=True)


def row_counts() -> dict[str, int]:
    """Every table's row count, many-to-many tables included."""
    return {
        model._meta.label_lower: model._base_manager.using(DEFAULT_DB_ALIAS).count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def applied_migrations() -> list[str]:
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


class _HashingReader(io.RawIOBase):
    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.digest.update(data)
        self.size += n
        return n


@dataclass
class BackupResult:
    path: Path
    tables: dict[str, int]
    members: dict[str, dict[str, Any]] = field(default_factory=dict)


def _add(archive: tarfile.TarFile, name: str, stream: IO[bytes], size: int) -> dict[str, Any]:
    reader = _HashingReader(stream)
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(datetime.now(UTC).timestamp())
    info.mode = 0o640
    archive.addfile(info, io.BufferedReader(reader, _CHUNK))
    if reader.size != size:
        raise BackupError(f"ไฟล์ {name} เปลี่ยนขนาดระหว่างสำรอง กรุณาสำรองใหม่อีกครั้ง")
    return {"size": size, "sha256": reader.digest.hexdigest()}


def backup_create(*, directory: Path, log: Callable[[str], None] = lambda _: None) -> BackupResult:
    """Write one archive into ``directory``; return its path, row counts and members."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    final = directory / f"pramoen-backup-{stamp}.tar"
    partial = final.with_suffix(".tar.partial")
    members: dict[str, dict[str, Any]] = {}
    # One read transaction: on PostgreSQL every table is dumped as of the same moment.
    outer = connection.in_atomic_block
    with (
        tempfile.TemporaryDirectory(prefix="pramoen-backup-") as scratch,
        transaction.atomic(),
        tarfile.open(partial, "w") as archive,
    ):
        if connection.vendor == "postgresql" and not outer:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        tables = row_counts()
        for model in dumped_models():
            label = model._meta.label_lower
            if not tables.get(label):
                continue
            dump = Path(scratch) / f"{label}.jsonl.gz"
            with gzip.open(dump, "wt", encoding="utf-8", compresslevel=6) as out:
                rows = model._base_manager.order_by("pk").iterator(chunk_size=2000)
                serializers.serialize("jsonl", rows, stream=out, cls=ExactJSONEncoder)
            with dump.open("rb") as stream:
                name = f"database/{label}.jsonl.gz"
                members[name] = _add(archive, name, stream, dump.stat().st_size)
        for name in _storage_files():
            with default_storage.open(name, "rb") as stream:
                member = f"files/media/{name}"
                members[member] = _add(archive, member, stream, default_storage.size(name))
        root = _certificates_dir()
        for name in _walk_dir(root):
            with (root / name).open("rb") as stream:
                member = f"files/certificates/{name}"
                members[member] = _add(archive, member, stream, (root / name).stat().st_size)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(),
            "database_vendor": connection.vendor,
            "migrations": applied_migrations(),
            "tables": tables,
            "members": members,
        }
        data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        info.mtime = int(datetime.now(UTC).timestamp())
        archive.addfile(info, io.BytesIO(data))
    partial.rename(final)
    files = sum(1 for name in members if name.startswith("files/"))
    log(f"สำรองข้อมูลแล้ว: {final} ({sum(tables.values())} แถว, {files} ไฟล์)")
    return BackupResult(final, tables, members)


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and bool(path.parts)


def read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        raw = archive.extractfile(MANIFEST)
        manifest = json.loads(raw.read()) if raw else None
    except (KeyError, ValueError) as exc:
        raise BackupError("ไฟล์นี้ไม่ใช่ไฟล์สำรองของระบบ (ไม่มีรายการ manifest.json ที่อ่านได้)") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("รูปแบบไฟล์สำรองไม่ตรงกับรุ่นของระบบนี้")
    return manifest


def verify_archive(archive: tarfile.TarFile, manifest: dict[str, Any]) -> None:
    """Every member the manifest names is present, safe, and of the size and SHA-256 it states;
    nothing else is in the archive."""
    listed = manifest["members"]
    present = {m.name: m for m in archive.getmembers() if m.name != MANIFEST}
    extra = sorted(set(present) - set(listed))
    missing = sorted(set(listed) - set(present))
    if extra or missing:
        raise BackupError(
            "ไฟล์สำรองไม่ครบหรือมีไฟล์แปลกปลอม: "
            + ", ".join([*(f"ขาด {n}" for n in missing[:5]), *(f"เกิน {n}" for n in extra[:5])])
        )
    for name, expected in listed.items():
        member = present[name]
        if not (member.isfile() and _safe_member(name)):
            raise BackupError(f"ไฟล์สำรองมีรายการที่ไม่ปลอดภัย: {name}")
        digest = hashlib.sha256()
        stream = archive.extractfile(member)
        assert stream is not None  # a regular file, checked above
        size = 0
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
        if size != expected["size"] or digest.hexdigest() != expected["sha256"]:
            raise BackupError(f"ไฟล์สำรองเสียหาย: {name} ไม่ตรงกับค่าแฮชในรายการ")


def _member(archive: tarfile.TarFile, name: str) -> IO[bytes]:
    stream = archive.extractfile(name)
    if stream is None:
        raise BackupError(f"ไฟล์สำรองเสียหาย: {name} ไม่ใช่ไฟล์")
    return stream


def target_contents() -> list[str]:
    """What the target already holds (empty list: an empty database and storage)."""
    found = []
    tables = set(connection.introspection.table_names())
    for model in dumped_models():
        label = model._meta.label_lower
        if label in _MIGRATE_CREATES or model._meta.db_table not in tables:
            continue
        if model._base_manager.exists():
            found.append(f"ตาราง {label}")
    if _storage_files():
        found.append("ไฟล์ที่อัปโหลด")
    if any(True for _ in _walk_dir(_certificates_dir())):
        found.append("ไฟล์เกียรติบัตร")
    return found


def _empty_target() -> None:
    from pramoen.core import audit_triggers

    audit_triggers.uninstall(connection)
    call_command("flush", interactive=False, verbosity=0)
    audit_triggers.install(connection)
    for name in _storage_files():
        default_storage.delete(name)
    if _certificates_dir().is_dir():
        shutil.rmtree(_certificates_dir())


def _file_digest(stream: IO[bytes]) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


@dataclass
class RestoreResult:
    tables: dict[str, int]
    files: int
    audit_rows: int


def backup_restore(
    *, archive_path: Path, force: bool = False, log: Callable[[str], None] = lambda _: None
) -> RestoreResult:
    from django.contrib.contenttypes.models import ContentType

    from pramoen.core import audit_chain, audit_triggers

    if not archive_path.is_file():
        raise BackupError(f"ไม่พบไฟล์สำรอง {archive_path}")
    try:
        archive = tarfile.open(archive_path, "r:")  # noqa: SIM115  (closed by the with below)
    except tarfile.TarError as exc:
        raise BackupError("ไฟล์นี้ไม่ใช่ไฟล์สำรองของระบบ (อ่านเป็นไฟล์ tar ไม่ได้)") from exc
    with archive, tempfile.TemporaryDirectory(prefix="pramoen-restore-") as scratch:
        manifest = read_manifest(archive)
        verify_archive(archive, manifest)
        log(f"ตรวจไฟล์สำรองแล้ว: {len(manifest['members'])} รายการตรงกับค่าแฮช")

        call_command("migrate", interactive=False, verbosity=0)
        here = set(applied_migrations())
        there = set(manifest["migrations"])
        if here != there:
            newer = sorted(there - here)[:3]
            raise BackupError(
                "ไฟล์สำรองนี้มาจากระบบรุ่นอื่น (โครงสร้างฐานข้อมูลไม่ตรงกัน"
                + (f" เช่น {', '.join(newer)}" if newer else "")
                + ") กรุณาติดตั้งระบบรุ่นเดียวกับที่สำรองไว้ก่อนกู้คืน"
            )
        existing = target_contents()
        if existing and not force:
            raise BackupError(
                "ปลายทางมีข้อมูลอยู่แล้ว ("
                + ", ".join(existing[:5])
                + ") จึงไม่กู้คืนทับ หากต้องการล้างปลายทางแล้วกู้คืน ให้สั่งอีกครั้งพร้อม --force"
            )
        if existing:
            _empty_target()
            log("ล้างข้อมูลและไฟล์เดิมของปลายทางแล้ว (--force)")

        fixtures = []
        for name in manifest["members"]:
            if name.startswith("database/"):
                path = Path(scratch) / PurePosixPath(name).name
                with _member(archive, name) as source, path.open("wb") as out:
                    shutil.copyfileobj(source, out, _CHUNK)
                fixtures.append(str(path))
        with transaction.atomic():
            for label in _MIGRATE_CREATES:
                apps.get_model(label)._base_manager.all().delete()
            audit_triggers.uninstall(connection)
            if fixtures:
                call_command("loaddata", *fixtures, verbosity=0)
            audit_triggers.install(connection)
        ContentType.objects.clear_cache()

        files = 0
        certificates = _certificates_dir()
        for name in manifest["members"]:
            with _member(archive, name) as source:
                if name.startswith("files/media/"):
                    target = name.removeprefix("files/media/")
                    saved = default_storage.save(target, File(source))
                    if saved != target:
                        raise BackupError(f"เก็บไฟล์ {target} ไม่ได้ตามชื่อเดิม (ได้ชื่อ {saved})")
                    files += 1
                elif name.startswith("files/certificates/"):
                    target_path = certificates / name.removeprefix("files/certificates/")
                    target_path.parent.mkdir(parents=True, exist_ok=True)
                    with target_path.open("wb") as out:
                        shutil.copyfileobj(source, out, _CHUNK)
                    files += 1

        # Check what is now there, not what was meant to be written.
        tables = row_counts()
        wrong = {
            label: (tables.get(label), count)
            for label, count in manifest["tables"].items()
            if tables.get(label) != count
        }
        if wrong:
            raise BackupError(f"จำนวนแถวหลังกู้คืนไม่ตรงกับไฟล์สำรอง: {wrong}")
        for name, expected in manifest["members"].items():
            if name.startswith("files/media/"):
                with default_storage.open(name.removeprefix("files/media/"), "rb") as stream:
                    found = _file_digest(stream)
            elif name.startswith("files/certificates/"):
                with (certificates / name.removeprefix("files/certificates/")).open("rb") as s:
                    found = _file_digest(s)
            else:
                continue
            if found != (expected["size"], expected["sha256"]):
                raise BackupError(f"ไฟล์ {name} หลังกู้คืนไม่ตรงกับค่าแฮชในไฟล์สำรอง")
        chain = audit_chain.verify()
        if not chain.ok:
            raise BackupError(
                f"กู้คืนแล้ว แต่ห่วงโซ่บันทึกการเปลี่ยนแปลงขาดที่แถว {chain.broken_id}: {chain.problem}"
            )
    log(
        f"กู้คืนแล้ว: {sum(tables.values())} แถวใน {len(tables)} ตาราง, {files} ไฟล์ "
        f"ตรงกับไฟล์สำรองทั้งหมด; ห่วงโซ่บันทึกการเปลี่ยนแปลงครบ {chain.checked} แถว"
    )
    return RestoreResult(tables, files, chain.checked)

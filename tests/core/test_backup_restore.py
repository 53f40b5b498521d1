"""Backup and restore (issue 16, "Must show": the restore drill).

Demo data, uploaded portfolios, a finalized group and its built certificates → ``pramoen backup``
→ ``pramoen restore`` in a separate process into a fresh database (a new SQLite file, or a new
PostgreSQL database when the suite runs on PostgreSQL) with empty media and VAR_DIR → every
table's row count, every file's SHA-256 and the finalized results recomputed from the restored
answers are identical to the source.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from pramoen.core.backup import row_counts

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
PRAMOEN = [sys.executable, "-m", "pramoen"]


def outcomes() -> dict[str, list]:
    """Each finalized group's results recomputed from stored answers, beside the stored ones."""
    from pramoen.judging.models import Committee, EntryResult
    from pramoen.judging.selectors.results import entry_outcomes

    found = {}
    for committee in Committee.objects.filter(finalized_at__isnull=False).order_by("pk"):
        stored = {
            r.entry_id: [str(r.total), r.tier, r.rank]
            for r in EntryResult.objects.filter(entry__category=committee.category)
        }
        for outcome in entry_outcomes(committee.category):
            found[str(outcome.entry.pk)] = [
                str(outcome.total),
                outcome.tier or "",
                outcome.rank,
                stored.get(outcome.entry.pk),
            ]
    return found


def file_hashes(*roots: Path) -> dict[str, str]:
    return {
        f"{root.name}/{path.relative_to(root).as_posix()}": hashlib.sha256(
            path.read_bytes()
        ).hexdigest()
        for root in roots
        if root.is_dir()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def var_dir(tmp_path, settings):
    settings.VAR_DIR = tmp_path / "source-var"
    return settings.VAR_DIR


@pytest.fixture
def source(var_dir):
    """The demo with its waiting entry scored, the group finalized and certificates built."""
    from pramoen.accounts.models import User
    from pramoen.awards.models import Campaign
    from pramoen.core import demo
    from pramoen.judging import services
    from pramoen.judging.certificates import build_campaign
    from pramoen.judging.models import Assignment, Committee
    from pramoen.judging.scoring import pinned_scoring

    demo.load(lambda line: None)
    committee = Committee.objects.get(category__campaign__year_be=2569)
    instrument = pinned_scoring(committee.category).instrument
    answers = {
        f"{c.id}.{i.id}": {"checked": list(range(1, len(i.items) + 1))}
        for c in instrument.rubric.components
        for i in c.indicators
    }
    for assignment in Assignment.objects.filter(
        entry__category=committee.category, entry__reviews__isnull=True
    ):
        review = services.review_open(entry=assignment.entry, judge=assignment.judge)
        services.review_submit(
            review=review, actor=assignment.judge, seen_version=review.version, indicators=answers
        )
    services.group_finalize(committee=committee, actor=committee.chair)
    campaign = Campaign.objects.get(pk=committee.category.campaign_id)
    build_campaign(
        campaign=campaign,
        actor=User.objects.get(username="esa"),
        out_dir=Path(var_dir) / "certificates" / str(campaign.pk),
        verify_base="https://pramoen.example/judging/verify",
    )
    assert outcomes(), "the source has a finalized group"
    return campaign


def _fresh_database() -> tuple[str, callable]:
    if connection.vendor == "postgresql":
        params = connection.settings_dict
        name = f"pramoen_restore_{uuid.uuid4().hex[:10]}"
        base = (
            f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
        )
        admin = ["psql", "-q", "-h", params["HOST"] or "127.0.0.1", "-U", params["USER"], "-d"]
        subprocess.run([*admin, "postgres", "-c", f"CREATE DATABASE {name}"], check=True)

        def drop() -> None:
            subprocess.run(
                [*admin, "postgres", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
                check=False,
            )

        return f"{base}/{name}", drop
    return "", lambda: None


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*PRAMOEN, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_restore_drill_gives_back_every_row_file_and_result(source, var_dir, tmp_path):
    media = Path(settings.MEDIA_ROOT)
    before_counts = row_counts()
    before_files = file_hashes(media, Path(var_dir) / "certificates")
    before_outcomes = outcomes()
    assert any(name.startswith("certificates/") for name in before_files)
    assert any(name.endswith(".pdf") and name.startswith(media.name) for name in before_files)

    call_command("backup", "--to", str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("pramoen-backup-*.tar")

    target = tmp_path / "restored"
    database_url, drop = _fresh_database()
    env = {
        **os.environ,
        "PRAMOEN_VAR_DIR": str(target / "var"),
        "PRAMOEN_MEDIA_ROOT": str(target / media.name),
        "DATABASE_URL": database_url or f"sqlite:///{target / 'fresh.sqlite3'}",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'src'}",
    }
    try:
        restored = _run(env, "restore", str(archive))
        assert restored.returncode == 0, restored.stderr
        assert "ตรงกับไฟล์สำรองทั้งหมด" in restored.stdout
        probe = _run(
            env,
            "shell",
            "-c",
            "import json\n"
            "from pramoen.core.backup import row_counts\n"
            "from pramoen.core.services import audit_record\n"
            "from tests.core.test_backup_restore import outcomes\n"
            "counts = row_counts()\n"
            "results = outcomes()\n"
            # New rows after a restore get new ids (sequences were reset) and continue the chain.
            "audit_record(actor=None, action='restore.drill', target_type='t', target_id=1)\n"
            "print(json.dumps({'counts': counts, 'outcomes': results}))",
        )
        assert probe.returncode == 0, probe.stderr
        after = json.loads(probe.stdout.strip().splitlines()[-1])
        verified = _run(env, "audit", "verify")
        assert verified.returncode == 0, verified.stderr
    finally:
        drop()

    assert after["counts"] == before_counts
    assert after["outcomes"] == json.loads(json.dumps(before_outcomes))
    assert file_hashes(target / media.name, target / "var" / "certificates") == before_files


def test_restore_refuses_a_target_with_data_unless_told(source, tmp_path):
    call_command("backup", "--to", str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("pramoen-backup-*.tar")
    with pytest.raises(CommandError, match="ปลายทางมีข้อมูลอยู่แล้ว"):
        call_command("restore", str(archive))


def test_restore_refuses_an_archive_that_does_not_match_its_manifest(source, tmp_path):
    call_command("backup", "--to", str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("pramoen-backup-*.tar")
    tampered = tmp_path / "tampered.tar"
    with tarfile.open(archive) as original, tarfile.open(tampered, "w") as out:
        for member in original.getmembers():
            data = original.extractfile(member).read()
            if member.name.startswith("files/media/"):
                data = data.replace(b"%%EOF", b"%%EOX")
            member.size = len(data)
            out.addfile(member, __import__("io").BytesIO(data))
    counts = row_counts()
    with pytest.raises(CommandError, match="ไฟล์สำรองเสียหาย"):
        call_command("restore", str(tampered), "--force")
    assert row_counts() == counts  # refused before anything changed


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"not a tar at all")
    with pytest.raises(CommandError, match="ไม่ใช่ไฟล์สำรอง"):
        call_command("restore", str(junk))


@pytest.fixture
def s3_server(monkeypatch):
    """A real S3-protocol server (moto's) on 127.0.0.1, for this test only."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    monkeypatch.setenv("PRAMOEN_BACKUP_S3_ENDPOINT_URL", f"http://{host}:{port}")
    monkeypatch.setenv("PRAMOEN_BACKUP_S3_ACCESS_KEY", "test")
    monkeypatch.setenv("PRAMOEN_BACKUP_S3_SECRET_KEY", "test")
    from pramoen.core.backup_s3 import _client

    _client().create_bucket(Bucket="backups")
    yield _client()
    server.stop()


def test_backup_to_s3_and_back(transactional_db, source, s3_server, capsys):
    # transactional_db: --force empties committed tables (PostgreSQL's TRUNCATE refuses inside
    # the test's own transaction).
    call_command("backup", "--to", "s3://backups/nightly")
    (item,) = s3_server.list_objects_v2(Bucket="backups", Prefix="nightly/")["Contents"]
    assert item["Key"].startswith("nightly/pramoen-backup-") and item["Size"] > 10_000
    counts = row_counts()
    # The target has data: refused, as for a local archive …
    with pytest.raises(CommandError, match="ปลายทางมีข้อมูลอยู่แล้ว"):
        call_command("restore", f"s3://backups/{item['Key']}")
    # … and with --force the same rows come back.
    call_command("restore", f"s3://backups/{item['Key']}", "--force")
    assert row_counts() == counts
    with pytest.raises(CommandError, match="ดาวน์โหลดไฟล์สำรอง"):
        call_command("restore", "s3://backups/nightly/missing.tar")

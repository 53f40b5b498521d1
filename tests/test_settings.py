from __future__ import annotations

import os
import subprocess
import sys


def _check(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never has it.
    full_env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PRAMOEN_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "pramoen", "check", *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _check({"PRAMOEN_ENV": "production", "PRAMOEN_ALLOWED_HOSTS": "x.example"})
    assert result.returncode != 0
    assert "PRAMOEN_SECRET_KEY is required" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _check({"PRAMOEN_ENV": "production", "PRAMOEN_SECRET_KEY": "k" * 60})
    assert result.returncode != 0
    assert "PRAMOEN_ALLOWED_HOSTS is required" in result.stderr


def test_production_passes_every_deploy_check():
    result = _check(
        {
            "PRAMOEN_ENV": "production",
            "PRAMOEN_SECRET_KEY": "a-long-random-looking-secret-" + "x7Q" * 20,
            "PRAMOEN_ALLOWED_HOSTS": "pramoen.example.invalid",
        },
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_a_read_waits_for_a_writer_in_another_thread(transactional_db):
    """A page reading a table a background thread is writing (a certificate build) must wait.

    Django's default SQLite test database is shared-cache in-memory, where this read fails at once
    with "database table is locked"; the suite tests on a file in WAL mode, as production runs.
    """
    import threading

    from django.db import connection, transaction

    from pramoen.accounts.models import User

    written = threading.Event()
    release = threading.Event()

    def writer() -> None:
        try:
            with transaction.atomic():
                User.objects.create(username="writer-thread")
                written.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert written.wait(10)
        # The uncommitted row is invisible; the read neither fails nor sees it.
        assert not User.objects.filter(username="writer-thread").exists()
    finally:
        release.set()
        thread.join(10)
    assert User.objects.filter(username="writer-thread").exists()

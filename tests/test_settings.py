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


def _settings(env: dict[str, str], expression: str) -> subprocess.CompletedProcess[str]:
    """Evaluate ``expression`` over the settings module loaded with ``env`` (and nothing else)."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("PRAMOEN_")}
    full_env.pop("DATABASE_URL", None)
    full_env.update(env)
    code = f"import json\nfrom pramoen import settings as s\nprint(json.dumps({expression}))"
    return subprocess.run(
        [sys.executable, "-c", code], env=full_env, capture_output=True, text=True, timeout=60
    )


def test_postgresql_gets_a_bounded_connection_pool_sized_from_the_environment():
    import json

    url = {"DATABASE_URL": "postgres://app@db.example.invalid:5432/pramoen"}
    read = "[s.DATABASES['default']['CONN_MAX_AGE'], s.DATABASES['default']['OPTIONS']]"
    result = _settings({**url, "PRAMOEN_DB_POOL_MAX": "12", "PRAMOEN_DB_POOL_MIN": "1"}, read)
    assert json.loads(result.stdout) == [
        0,
        {"pool": {"min_size": 1, "max_size": 12, "timeout": 20.0}},
    ], result.stderr
    result = _settings(
        {**url, "PRAMOEN_DB_POOL": "false"}, "s.DATABASES['default'].get('OPTIONS', {})"
    )
    assert json.loads(result.stdout) == {}


def test_the_cache_shared_by_every_process_is_chosen_by_setting():
    import json

    read = "s.CACHES['default']['BACKEND'] if hasattr(s, 'CACHES') else None"
    cases = {
        "redis://127.0.0.1:6379/2": "django.core.cache.backends.redis.RedisCache",
        "database": "django.core.cache.backends.db.DatabaseCache",
        "": None,
    }
    for value, backend in cases.items():
        result = _settings({"PRAMOEN_CACHE": value}, read)
        assert json.loads(result.stdout) == backend, (value, result.stderr)
    result = _settings({"PRAMOEN_CACHE": "memcached://x"}, read)
    assert result.returncode != 0 and "PRAMOEN_CACHE must be" in result.stderr


def test_s3_storage_is_configured_from_the_environment():
    import json

    read = (
        "[s.STORAGES['default']['BACKEND'], s.STORAGES['default']['OPTIONS']['bucket_name'],"
        " s.STORAGES['default']['OPTIONS']['querystring_expire'],"
        " s.STORAGES['default']['OPTIONS']['transfer_config'].max_request_concurrency]"
    )
    env = {"PRAMOEN_S3_BUCKET": "pramoen", "PRAMOEN_S3_URL_SECONDS": "120"}
    result = _settings(env, read)
    assert json.loads(result.stdout) == ["storages.backends.s3.S3Storage", "pramoen", 120, 1], (
        result.stderr
    )


def test_the_pool_bounds_postgresql_connections_under_many_threads(transactional_db):
    """30 threads at once through a pool of at most 8: PostgreSQL never sees more than 8 of ours."""
    import threading

    import pytest
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("the pool is PostgreSQL's")
    maximum = connection.settings_dict["OPTIONS"]["pool"]["max_size"]
    seen: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(30)

    def work() -> None:
        try:
            start.wait()
            with connections["default"].cursor() as cursor:
                cursor.execute(
                    "SELECT pg_sleep(0.05), count(*) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    " AND application_name = ''"
                )
                seen.append(int(cursor.fetchone()[1]))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections["default"].close()

    threads = [threading.Thread(target=work) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(seen) == 30
    # Each count leaves out its own connection; every connection of this process is the pool's.
    assert 1 < max(seen) + 1 <= maximum, (seen, maximum)

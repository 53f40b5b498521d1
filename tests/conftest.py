from __future__ import annotations

import pytest

from tests.factories import EsaFactory, UserFactory


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """Test on an SQLite *file*, as production runs, not Django's shared-cache in-memory database.

    In shared-cache mode SQLite locks whole tables and fails at once ("database table is locked")
    instead of waiting out the busy timeout, so a live-server page that reads a table a background
    thread is writing (a certificate build) failed at random. A file in WAL mode waits, as in
    production.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(
            tmp_path_factory.mktemp("database") / "test.sqlite3"
        )


@pytest.fixture(scope="session")
def s3_server():
    """A real S3-protocol server (moto's) on 127.0.0.1 for this run, started on first use."""
    from tests.storage import S3Server

    server = S3Server()
    yield server
    server.stop()


@pytest.fixture(scope="session", autouse=True)
def _media_in_a_temporary_folder(request, tmp_path_factory):
    """Uploads and demo files (the demo portfolios) go to a folder of this run, not ./var/media.

    Under PRAMOEN_TEST_S3=1 they go to a bucket of the S3 server instead, and the run fails if
    anything was written to the media folder.
    """
    from django.conf import settings
    from django.test.utils import override_settings

    from tests.storage import S3_MODE, files_in

    media = tmp_path_factory.mktemp("media")
    default = {**settings.STORAGES["default"]}
    if S3_MODE:
        server = request.getfixturevalue("s3_server")
        default = server.storage(server.new_bucket())
    elif default["BACKEND"] == "django.core.files.storage.FileSystemStorage":
        default["OPTIONS"] = {**default.get("OPTIONS", {}), "location": str(media)}
    # S3 mode streams downloads from the bucket (the tests read their headers and bytes); the
    # presigned redirects are tested in tests/core/test_storage_s3.py.
    override = override_settings(
        MEDIA_ROOT=media,
        STORAGES={**settings.STORAGES, "default": default},
        PRAMOEN_S3_REDIRECT=settings.PRAMOEN_S3_REDIRECT and not S3_MODE,
    )
    override.enable()
    yield media
    override.disable()
    if S3_MODE:
        assert files_in(media) == [], "PRAMOEN_TEST_S3: files were written to the media folder"


@pytest.fixture
def file_storage(request, settings, tmp_path):
    """A fresh place for this test's stored files: ``tmp_path/media``, or under PRAMOEN_TEST_S3
    a fresh bucket of the S3 server. ``file_storage.names()`` lists what is stored."""
    from tests.storage import S3_MODE, StoredFiles

    server = request.getfixturevalue("s3_server") if S3_MODE else None
    stored = StoredFiles(tmp_path / "media", server)
    settings.STORAGES = {**settings.STORAGES, "default": stored.config}
    return stored


@pytest.fixture
def s3_files(s3_server, settings, tmp_path):
    """Stored files in a fresh bucket of the S3 server (in every run, not only PRAMOEN_TEST_S3),
    downloads by presigned redirect; MEDIA_ROOT moves to an empty folder the test can check."""
    from tests.storage import StoredFiles

    stored = StoredFiles(tmp_path / "media", s3_server)
    settings.STORAGES = {**settings.STORAGES, "default": stored.config}
    settings.MEDIA_ROOT = stored.folder
    settings.PRAMOEN_S3_REDIRECT = True
    return stored


@pytest.fixture(scope="session", autouse=True)
def _tasks_run_immediately():
    """Unit tests run queued jobs at once, in the test's process (when the test's transaction
    commits: ``django_capture_on_commit_callbacks(execute=True)`` or a transactional test).
    The real-worker tests (tests/core/test_worker.py) put a real backend back."""
    from django.conf import settings
    from django.test.utils import override_settings

    override = override_settings(
        PRAMOEN_TASKS="immediate",
        TASKS={
            "default": {
                "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                "QUEUES": [settings.PRAMOEN_TASKS_QUEUE],
            }
        },
    )
    override.enable()
    yield
    override.disable()


@pytest.fixture(params=["db", "rq"])
def workers(request, transactional_db, settings, tmp_path):
    """Real ``pramoen worker`` processes (tests/workers.py) on the database backend, then on RQ
    (skipped when no Redis answers at 127.0.0.1:6379)."""
    from tests.workers import REDIS_URL, Workers, redis_answers

    if request.param == "rq" and not redis_answers():
        pytest.skip(f"no Redis at {REDIS_URL}")
    pool = Workers(request.param, settings, tmp_path)
    yield pool
    pool.close()


@pytest.fixture
def db_workers(transactional_db, settings, tmp_path):
    """``Workers`` on the database backend only (a journey needs one, not both); not started."""
    from tests.workers import Workers

    pool = Workers("db", settings, tmp_path)
    yield pool
    pool.close()


@pytest.fixture
def make_user(db):
    """A user holding the given roles: ``make_user(roles=["judge"])``."""
    from pramoen.accounts.services import membership_grant

    def make(*, roles: tuple[str, ...] | list[str] = (), organization=None, **kwargs):
        user = UserFactory(**kwargs)
        for role in roles:
            membership_grant(user=user, role=role, organization=organization)
        return user

    return make


@pytest.fixture
def esa(db):
    """An ESA under OBEC."""
    return EsaFactory()


@pytest.fixture
def staff(make_user, esa):
    """ESA staff of ``esa``. No password: hashing one costs a second per test and these tests
    sign in with ``force_login``."""
    from pramoen.accounts.enums import Role

    return make_user(roles=[Role.ESA_STAFF], organization=esa, password=None)


@pytest.fixture
def queries_at_two_sizes(client, django_assert_num_queries):
    """``queries_at_two_sizes(url, grow)``: a list page runs as many queries with more rows
    (see tests/queries.py); sign ``client`` in first."""
    from tests.queries import assert_queries_at_two_sizes

    def check(url, grow, *, sizes=(1, 4)):
        return assert_queries_at_two_sizes(
            client, url, grow, django_assert_num_queries, sizes=sizes
        )

    return check


@pytest.fixture(autouse=True)
def _audit_triggers_lifted_for_flush(request):
    """Transactional tests end with a flush, which the append-only triggers would refuse.

    The triggers are put back before every database test, so the tests that check them (and every
    other test) run against the real, protected table.
    """
    names = set(request.fixturenames)
    if not names & {"db", "transactional_db", "live_server"}:
        yield
        return
    from django.db import connection

    from pramoen.core import audit_triggers

    transactional = bool(names & {"transactional_db", "live_server"})
    if transactional:
        request.getfixturevalue("transactional_db")
    else:
        request.getfixturevalue("db")
    audit_triggers.install(connection)
    yield
    if transactional:
        audit_triggers.uninstall(connection)


@pytest.fixture(scope="session", autouse=True)
def _force_login_includes_the_second_factor():
    """``client.force_login(user)`` means "this user is fully signed in": for a user who needs the
    second factor that includes it, as django-otp records it (a confirmed device in the session).
    The sign-in itself, with password and code, is tested through the real pages
    (tests/accounts/test_two_factor.py and the Playwright journeys)."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from pramoen.accounts import twofactor

        if not twofactor.second_factor_required(user):
            return
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session[twofactor.EPOCH_SESSION_KEY] = user.second_factor_epoch
        session.save()

    Client.force_login = force_login
    yield
    Client.force_login = original


@pytest.fixture(autouse=True)
def _an_empty_cache():
    """Each test starts with an empty cache: throttle counters and cached pages of one test must
    not decide another's outcome (a sweep of the verification page used up the next test's
    quota)."""
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()
    yield

"""A failing database: a clear Thai 503, and a log that names the database, not a session bug."""

from __future__ import annotations

import logging

import pytest
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    def make():
        monkeypatch.setattr(connection, "ensure_connection", refuse)

    return make


def test_failing_database_gives_thai_503_without_session_error(
    client, make_user, database_down, caplog
):
    client.force_login(make_user())
    client.raise_request_exception = False
    database_down()
    with caplog.at_level(logging.ERROR):
        response = client.get("/")
    assert response.status_code == 503
    assert "ฐานข้อมูล" in response.content.decode()
    logged = "\n".join(
        f"{r.getMessage()} {r.exc_text or ''} {r.exc_info!r}" for r in caplog.records
    )
    assert "has no attribute '_session_cache'" not in logged
    assert any("Connection refused" in line for line in [logged])

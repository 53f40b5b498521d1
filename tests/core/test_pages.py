from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_answers_when_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["database"], body["storage"]) == ("ok", "ok", "local")
    # the queue and the worker: tests/core/test_worker.py
    assert body["queue"] == {"backend": "immediate", "oldest_waiting_s": 0}


def test_login_page_is_thai(client):
    body = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="th">' in body
    assert "เข้าสู่ระบบ" in body
    assert "ชื่อผู้ใช้หรืออีเมล" in body


def test_unknown_page_gets_thai_404(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.content.decode()


def test_language_can_be_switched_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    body = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="en">' in body


def test_static_assets_come_from_this_server(client):
    body = client.get(reverse("accounts:login")).content.decode()
    assert "//cdn" not in body and "googleapis" not in body and "unpkg" not in body
    assert "/static/django-htmx/" in body or "/static/" in body


def test_no_page_shows_a_gregorian_year(client, make_user):
    # Django's th locale formats years as CE; Pramoen pages must never render them.
    from django.utils import timezone

    client.force_login(make_user())
    body = client.get(reverse("core:home")).content.decode()
    assert str(timezone.now().year) not in body


@pytest.mark.parametrize(
    "asset",
    [
        "pramoen/app.css",
        "pramoen/favicon.svg",
        "vendor/sarabun/400.css",
        "vendor/pdfjs/pdf.min.mjs",
        "vendor/pdfjs/pdf.worker.min.mjs",
        "vendor/pdfjs-web/pdf_viewer.mjs",
        "vendor/pdfjs-web/pdf_viewer.css",
        "pramoen/portfolio-viewer.mjs",
    ],
)
def test_static_assets_are_found_locally(asset):
    from django.contrib.staticfiles import finders

    assert finders.find(asset) is not None

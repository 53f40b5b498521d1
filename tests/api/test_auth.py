from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from pramoen.accounts.api_tokens import api_token_create, api_token_revoke, token_digest
from pramoen.accounts.enums import ApiScope
from pramoen.accounts.models import ApiToken
from pramoen.core.models import AuditEvent

pytestmark = pytest.mark.django_db

SCHOOLS = "/api/v1/organizations/schools"


def test_no_credentials_is_a_thai_401(client):
    response = client.get(SCHOOLS)
    assert response.status_code == 401
    assert response.json()["detail"].startswith("กรุณาเข้าสู่ระบบ")


def test_a_token_is_stored_only_as_its_hash(esa_staff):
    token, text = api_token_create(
        user=esa_staff, name="DMC", scopes=[ApiScope.READ], days=30, actor=esa_staff
    )
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.token_hash == token_digest(text)
    assert text not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    assert text.startswith(f"pmn_{stored.prefix}_")


def test_an_unknown_expired_or_revoked_token_is_refused(client, esa_staff):
    token, text = api_token_create(
        user=esa_staff, name="x", scopes=[ApiScope.READ], days=1, actor=esa_staff
    )
    headers = {"HTTP_AUTHORIZATION": f"Bearer {text}"}
    assert client.get(SCHOOLS, **headers).status_code == 200
    assert client.get(SCHOOLS, HTTP_AUTHORIZATION=f"Bearer {text}x").status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(SCHOOLS, **headers).status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() + timedelta(days=1))
    api_token_revoke(token=token, actor=esa_staff)
    assert client.get(SCHOOLS, **headers).status_code == 401


def test_a_token_without_the_scope_is_a_thai_403(client, esa_staff, token_for):
    headers = token_for(esa_staff, scopes=[ApiScope.READ])
    response = client.post(
        "/api/v1/instruments/nara2-school-academic/score",
        {"answers": {}},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 403
    assert "คำนวณคะแนนตามแบบประเมิน" in response.json()["detail"]
    read_only = token_for(esa_staff, scopes=[ApiScope.SCORE])
    assert client.get(SCHOOLS, **read_only).status_code == 403


def test_each_token_use_is_in_the_audit_log(client, esa_staff, token_for):
    headers = token_for(esa_staff)
    before = AuditEvent.objects.filter(action="api_token.use").count()
    client.get(SCHOOLS, **headers)
    client.get("/api/v1/organizations/esas", **headers)
    uses = AuditEvent.objects.filter(action="api_token.use").order_by("id")
    assert uses.count() == before + 2
    assert uses.last().actor == esa_staff
    assert uses.last().after == {"method": "GET", "path": "/api/v1/organizations/esas"}


def test_token_use_is_throttled_per_token_in_thai(client, esa_staff, token_for, settings):
    settings.PRAMOEN_THROTTLES = {**settings.PRAMOEN_THROTTLES, "api_token": (2, 60)}
    headers = token_for(esa_staff)
    other = token_for(esa_staff)
    assert client.get(SCHOOLS, **headers).status_code == 200
    assert client.get(SCHOOLS, **headers).status_code == 200
    response = client.get(SCHOOLS, **headers)
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert response.json()["detail"].startswith("โทเค็นนี้เรียกใช้มากเกินไป")
    assert client.get(SCHOOLS, **other).status_code == 200


def test_the_session_works_and_an_unsafe_call_needs_csrf(esa_staff):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(esa_staff)
    assert browser.get(SCHOOLS).status_code == 200
    url = "/api/v1/instruments/nara2-school-academic/score"
    response = browser.post(url, {"answers": {}}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    browser.get("/accounts/profile/")  # the page sets the CSRF cookie, as a same-site page would
    csrf = browser.cookies["csrftoken"].value
    response = browser.post(
        url, {"answers": {}}, content_type="application/json", HTTP_X_CSRFTOKEN=csrf
    )
    assert response.status_code == 422  # past CSRF: the answers themselves are checked


def test_a_token_acts_only_within_its_owners_permissions(client, make_user, esa, token_for):
    from pramoen.accounts.enums import Role

    reporter = make_user(roles=[Role.KPI_REPORTER], organization=esa, password=None)
    headers = token_for(reporter, scopes=list(ApiScope.values))
    assert client.get(SCHOOLS, **headers).status_code == 403
    assert client.get("/api/v1/people", **headers).status_code == 403


def test_a_session_without_the_second_factor_is_a_json_401(client, esa_staff):
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(esa_staff)
    assert client.get(SCHOOLS).status_code == 200
    session = client.session
    del session[DEVICE_ID_SESSION_KEY]
    session.save()
    response = client.get(SCHOOLS)
    assert response.status_code == 401
    assert response.json()["detail"].startswith("กรุณาเข้าสู่ระบบ")
    # the pages still send that session to the code page
    assert client.get("/orgs/schools/").status_code == 302

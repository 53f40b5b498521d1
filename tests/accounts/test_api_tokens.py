"""Personal API tokens on the profile page: created (shown once), listed, revoked."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pramoen.accounts.enums import ApiScope
from pramoen.accounts.models import ApiToken
from pramoen.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_token_is_shown_once_then_listed_by_name_with_thai_scopes(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("accounts:api_token_create"),
        {"name": "ระบบ DMC", "days": "90", "scopes": [ApiScope.READ, ApiScope.WRITE_IMPORTS]},
    )
    assert response.status_code == 200
    text = response.context["new_token"]
    assert text.startswith("pmn_")
    assert text in response.content.decode()
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=staff)
    assert token.scopes == ["read", "write:imports"]
    assert AuditEvent.objects.filter(action="api_token.create", target_id=str(token.pk)).exists()
    page = client.get(reverse("accounts:profile")).content.decode()
    assert text not in page
    assert "ระบบ DMC" in page
    assert "อ่านข้อมูล, นำเข้าข้อมูลโรงเรียนและบุคลากร" in page
    assert ">write:imports<" not in page  # (the checkbox values are not shown)
    api = client.get("/api/v1/organizations/esas", HTTP_AUTHORIZATION=f"Bearer {text}")
    assert api.status_code == 200


def test_a_token_without_scopes_is_refused_in_thai(client, staff):
    client.force_login(staff)
    response = client.post(reverse("accounts:api_token_create"), {"name": "x", "days": "30"})
    assert response.status_code == 200
    assert "กรุณาเลือกขอบเขตของโทเค็นอย่างน้อยหนึ่งรายการ" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_stops_the_token_and_only_the_owner_may(client, staff, make_user):
    client.force_login(staff)
    response = client.post(
        reverse("accounts:api_token_create"), {"name": "x", "days": "30", "scopes": ["read"]}
    )
    text = response.context["new_token"]
    token = ApiToken.objects.get(user=staff)
    other = make_user(password=None)
    client.force_login(other)
    assert client.post(reverse("accounts:api_token_revoke", args=[token.pk])).status_code == 404
    client.force_login(staff)
    assert client.post(reverse("accounts:api_token_revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    api = client.get("/api/v1/organizations/esas", HTTP_AUTHORIZATION=f"Bearer {text}")
    assert api.status_code == 200  # the session still signs the browser in …
    client.logout()
    api = client.get("/api/v1/organizations/esas", HTTP_AUTHORIZATION=f"Bearer {text}")
    assert api.status_code == 401  # … the token no longer does

"""Content-Security-Policy with nonces, Permissions-Policy and Referrer-Policy (issue 16)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from pramoen.accounts.enums import Role

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "pramoen"


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


def test_every_page_sends_a_strict_policy(client):
    response = client.get(reverse("accounts:login"))
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_inline_script_and_htmx_carry_the_nonce_of_the_header(client, make_user):
    client.force_login(make_user(roles=[Role.ESA_STAFF]))
    response = client.get(reverse("orgs:import_upload"))
    assert response.status_code == 200
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    body = response.content.decode()
    assert f'<script nonce="{nonce}">' in body
    assert f'"inlineStyleNonce": "{nonce}"' in body
    assert '"allowEval": false' in body
    # A second request gets a fresh nonce.
    again = client.get(reverse("orgs:import_upload"))
    assert nonce not in again["Content-Security-Policy"]


def test_no_template_has_an_inline_handler_or_a_script_without_nonce():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"\son[a-z]+\s*=\s*[\"']", text):
            offenders.append(f"{path}: inline event handler")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "nonce=" not in tag and "application/json" not in tag:
                offenders.append(f"{path}: {tag}")
        if re.search(r"<style\b(?![^>]*nonce=)", text) or re.search(r"\sstyle\s*=\s*\"", text):
            offenders.append(f"{path}: inline style")
    assert offenders == []

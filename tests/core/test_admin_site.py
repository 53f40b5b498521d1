"""The system-admin role reaches every page of Django's admin site (issue 16: 127 gave 403)."""

from __future__ import annotations

import contextlib

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from pramoen.accounts.enums import Role

pytestmark = pytest.mark.django_db


def _admin_pages() -> list[str]:
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.append(reverse(f"{prefix}_changelist"))
        pages.append(reverse("admin:app_list", args=[model._meta.app_label]))
        with contextlib.suppress(NoReverseMatch):
            pages.append(reverse(f"{prefix}_add"))
    return sorted(set(pages))


@pytest.fixture
def system_admin(make_user):
    return make_user(roles=[Role.SYSTEM_ADMIN], is_staff=True)


def test_system_admin_opens_every_admin_page_a_superuser_opens(client, system_admin, make_user):
    pages = _admin_pages()
    client.force_login(make_user(is_superuser=True, is_staff=True))
    as_superuser = {url: client.get(url).status_code for url in pages}
    client.force_login(system_admin)
    as_system_admin = {url: client.get(url).status_code for url in pages}
    assert as_system_admin == as_superuser
    # Only add pages that the admin class itself refuses (logs, entries made by services) are 403.
    assert {url for url, code in as_superuser.items() if code != 200} == {
        url for url, code in as_superuser.items() if code == 403 and url.endswith("/add/")
    }
    assert sum(code == 200 for code in as_system_admin.values()) >= 40


def test_system_admin_opens_a_change_page(client, system_admin):
    client.force_login(system_admin)
    url = reverse("admin:accounts_user_change", args=[system_admin.pk])
    assert client.get(url).status_code == 200


def test_system_admin_cannot_change_the_audit_log(client, system_admin):
    from pramoen.core.services import audit_record

    event = audit_record(actor=system_admin, action="test", target_type="x", target_id=1)
    client.force_login(system_admin)
    page = client.get(reverse("admin:core_auditevent_change", args=[event.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(reverse("admin:core_auditevent_delete", args=[event.pk])).status_code == 403


def test_staff_without_the_role_gets_no_admin_models(client, make_user):
    client.force_login(make_user(roles=[Role.ESA_STAFF], is_staff=True))
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403

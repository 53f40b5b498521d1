"""Throttles (issue 16): lockout per username + client IP with a growing delay, password reset
per account and per IP, certificate verification and public results per IP."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from pramoen.core.throttle import client_ip
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _fail(client, url, times, **meta):
    response = None
    for _ in range(times):
        response = client.post(url, {"username": "judge1", "password": "wrong"}, **meta)
    return response


def test_client_ip_behind_nginx_is_the_last_forwarded_hop(settings):
    settings.PRAMOEN_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 10.1.2.3"
    )
    # "6.6.6.6" was written by the client itself; nginx appended the address it saw.
    assert client_ip(request) == "10.1.2.3"
    settings.PRAMOEN_PROXY_COUNT = 0
    assert client_ip(request) == "127.0.0.1"


def test_stranger_behind_the_proxy_cannot_lock_a_judge_out(client, settings):
    settings.PRAMOEN_PROXY_COUNT = 1
    UserFactory(username="judge1")
    url = reverse("accounts:login")
    stranger = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    assert _fail(client, url, 6, **stranger).status_code == 429
    response = client.post(
        url,
        {"username": "judge1", "password": TEST_PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.20.30.40",
    )
    assert response.status_code == 302


def test_each_further_lockout_of_a_pair_lasts_twice_as_long(client, settings):
    settings.PRAMOEN_AXES_COOLOFF_HOURS = 1
    UserFactory(username="judge1")
    url = reverse("accounts:login")
    probe = RequestFactory().post(url, {"username": "judge1"}, REMOTE_ADDR="198.51.100.7")
    assert get_cool_off(probe) == timedelta(hours=1)
    assert _fail(client, url, 6, REMOTE_ADDR="198.51.100.7").status_code == 429
    assert get_cool_off(probe) == timedelta(hours=1)
    # More tries while locked do not stretch this lockout …
    _fail(client, url, 3, REMOTE_ADDR="198.51.100.7")
    assert get_cool_off(probe) == timedelta(hours=1)
    # … but once it is over, the next lockout of the pair lasts 2 h, then 4 h.
    AccessAttempt.objects.all().delete()
    cache.delete("pramoen:lockouts:judge1:198.51.100.7:current")
    assert _fail(client, url, 6, REMOTE_ADDR="198.51.100.7").status_code == 429
    assert get_cool_off(probe) == timedelta(hours=2)
    AccessAttempt.objects.all().delete()
    cache.delete("pramoen:lockouts:judge1:198.51.100.7:current")
    _fail(client, url, 6, REMOTE_ADDR="198.51.100.7")
    assert get_cool_off(probe) == timedelta(hours=4)
    # Another address starts from the base.
    other = RequestFactory().post(url, {"username": "judge1"}, REMOTE_ADDR="198.51.100.8")
    assert get_cool_off(other) == timedelta(hours=1)


def test_password_reset_mails_one_account_at_most_three_times_an_hour(client, mailoutbox):
    UserFactory(username="somchai", email="somchai@school.example")
    url = reverse("accounts:password_reset")
    for n in range(5):
        response = client.post(
            url, {"email": "somchai@school.example"}, REMOTE_ADDR=f"192.0.2.{n + 1}"
        )
        # The same answer every time: the throttle does not reveal that the account exists.
        assert response.status_code == 302
    assert len(mailoutbox) == 3


def test_password_reset_from_one_address_is_throttled(client, mailoutbox):
    for n in range(12):
        UserFactory(username=f"user{n}", email=f"user{n}@school.example")
    url = reverse("accounts:password_reset")
    codes = [
        client.post(url, {"email": f"user{n}@school.example"}, REMOTE_ADDR="192.0.2.50").status_code
        for n in range(12)
    ]
    assert codes[:10] == [302] * 10
    assert codes[10:] == [429, 429]
    assert len(mailoutbox) == 10
    page = client.post(url, {"email": "user0@school.example"}, REMOTE_ADDR="192.0.2.50")
    assert "ถี่เกินไป" in page.content.decode()
    assert int(page["Retry-After"]) > 0


def test_certificate_verification_is_throttled_per_ip(client):
    codes = [
        client.get(
            reverse("judging:verify", args=[f"NOPE{n:04d}"]), REMOTE_ADDR="192.0.2.77"
        ).status_code
        for n in range(40)
    ]
    assert codes[:30] == [404] * 30
    assert set(codes[30:]) == {429}
    # Another address is not affected.
    other = client.get(reverse("judging:verify", args=["NOPE9999"]), REMOTE_ADDR="192.0.2.78")
    assert other.status_code == 404


def test_public_results_are_throttled_per_ip(client, settings):
    settings.PRAMOEN_THROTTLES = {**settings.PRAMOEN_THROTTLES, "results": (5, 300)}
    codes = [
        client.get(reverse("judging:results", args=[999999]), REMOTE_ADDR="192.0.2.90").status_code
        for _ in range(7)
    ]
    assert codes[:5] == [404] * 5
    assert codes[5:] == [429, 429]

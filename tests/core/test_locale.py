"""Thai by default whatever the browser says; English only by the person's own choice (issue 19)."""

from __future__ import annotations

from django.urls import reverse

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def test_english_browser_gets_thai_pages(client, db):
    response = client.get(reverse("accounts:login"), **ENGLISH_BROWSER)

    assert response.status_code == 200
    assert '<html lang="th">' in response.content.decode()


def test_choosing_english_is_remembered(client, db):
    chosen = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    cookie = chosen.cookies["django_language"]

    response = client.get(reverse("accounts:login"), **ENGLISH_BROWSER)

    assert cookie.value == "en"
    assert int(cookie["max-age"]) == 365 * 24 * 3600
    assert '<html lang="en">' in response.content.decode()


def test_choosing_thai_again_wins_over_an_english_browser(client, db):
    client.post(reverse("set_language"), {"language": "en"})
    client.post(reverse("set_language"), {"language": "th"})

    response = client.get(reverse("accounts:login"), **ENGLISH_BROWSER)

    assert '<html lang="th">' in response.content.decode()


def test_unknown_language_cookie_falls_back_to_thai(client, db):
    client.cookies["django_language"] = "fr"

    response = client.get(reverse("accounts:login"), **ENGLISH_BROWSER)

    assert '<html lang="th">' in response.content.decode()

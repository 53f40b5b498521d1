"""No developer text in what people read (issue 20): every page of the URL matrix, opened by every
demo account (and signed out) on the demo data, shows in its *visible text* no instrument hash, no
``snake_case`` / dotted identifier and no English enum value.

Visible text is what a browser paints: text nodes outside ``<script>``, ``<style>`` and
``<template>``, without attributes (an ``id``, ``name`` or ``hx-post`` is markup, not text). The
walk is one demo load and one GET per page per account, like the URL matrix it reuses.
"""

from __future__ import annotations

import enum
import importlib
import pkgutil
import re
from collections.abc import Iterator

import lxml.html
import pytest
from django.db import models
from django.test import Client
from django.urls import reverse

import pramoen
from tests.security.urls_table import URL_ARGS
from tests.security.world import DEMO_ROLES, build_world

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# The demo accounts the README lists beyond the matrix's own roles.
EXTRA_ACCOUNTS = ["supervisor", "region", "winner"]

# Not painted as text, or (``textarea``) a form's editable value, which is the typist's own words
# like an ``<input value>``, not the page's.
_HIDDEN = ("script", "style", "template", "noscript", "textarea")

# What people legitimately read, removed from the text before it is searched. Each is here because a
# person is meant to read it as typed.
ALLOWED = [
    # An e-mail address (a contact, an invited account's address): people type it and read it.
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    # A link shown on purpose (evidence links of a KPI report, the verify address on a
    # certificate page): the person pasted or will follow it.
    re.compile(r"https?://\S+"),
    # A file name the person uploaded or will download (``portfolio_2569.pdf``): their own name.
    re.compile(r"[\w.-]+\.(?:pdf|docx|xlsx|csv|png|jpe?g)\b", re.IGNORECASE),
    # The published demo TOTP secret the 2FA page may echo for a demo device (upper case, base32):
    # it is meant to be typed into an authenticator app.
    re.compile(r"\b[A-Z2-7]{32}\b"),
    # The placeholders an ESA types into its own Word letter template (the letterhead page lists
    # them so they can be copied): ``{{ esa_name }}`` is what the person must type.
    re.compile(r"\{\{ ?[a-z_]+ ?\}\}"),
]

HEX = re.compile(r"(?<![\w-])[0-9a-f]{12,}(?![\w-])")
# ``previous_year``, ``edstaff_supervisor``, ``ev_report``: lower-case words joined by ``_``.
SNAKE = re.compile(r"(?<![\w.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w-])")
# ``c1.i4``, ``pramoen.core.generated.document``: lower-case dotted identifiers (two dots, or
# letters-with-digits on both sides of one).
DOTTED = re.compile(
    r"(?<![\w.-])(?:[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*){2,}|[a-z]+\d+(?:\.[a-z]+\d+)+)(?![\w-])"
)


def _modules() -> Iterator[object]:
    for info in pkgutil.walk_packages(pramoen.__path__, "pramoen."):
        if ".migrations" in info.name or info.name.endswith(("__main__", "wsgi", "asgi")):
            continue
        if ".management.commands" in info.name or "worker" in info.name.rsplit(".", 1)[-1]:
            continue
        try:
            yield importlib.import_module(info.name)
        except Exception:  # a module that needs a service at import is not ours to walk
            continue


def enum_values() -> set[str]:
    """Every value of every TextChoices / str enum defined in pramoen, as people must never see
    it (``gold``, ``teacher``, ``previous_year``)."""
    values: set[str] = set()
    for module in _modules():
        for obj in vars(module).values():
            if not (isinstance(obj, type) and issubclass(obj, enum.Enum)):
                continue
            if not obj.__module__.startswith("pramoen."):
                continue
            if issubclass(obj, models.Choices) and not issubclass(obj, models.TextChoices):
                continue
            for member in obj:
                value = member.value
                if isinstance(value, str) and re.fullmatch(r"[a-z][a-z0-9_.-]*", value):
                    values.add(value)
    return values


def visible_text(html: str) -> str:
    root = lxml.html.document_fromstring(html)
    for bad in root.iter(*_HIDDEN):
        bad.drop_tree()
    # Each text node on its own line: words of two elements never run together.
    return "\n".join(t.strip() for t in root.itertext() if t.strip())


def findings_in(
    text: str,
    *,
    enum_words: set[str],
    hashes: set[str],
    ids: frozenset[str] = frozenset(),
    words: frozenset[str] = frozenset(),
) -> list[str]:
    for allowed in ALLOWED:
        text = allowed.sub(" ", text)
    if words:
        text = re.sub(
            r"(?<![\w.-])(?:" + "|".join(map(re.escape, sorted(words))) + r")(?![\w-])", " ", text
        )
    found = [f"hash {m}" for m in HEX.findall(text)]
    found += [
        f"instrument {i}" for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)
    ]
    found += [f"hash {h}" for h in hashes if h in text]
    found += [f"id {m}" for m in SNAKE.findall(text)]
    found += [f"id {m}" for m in DOTTED.findall(text)]
    for word in re.findall(r"(?<![\w.@/-])[a-z][a-z0-9_.-]*[a-z0-9](?![\w@/-])", text):
        if word in enum_words:
            found.append(f"enum {word}")
    return sorted(set(found))


def _stored_hashes() -> set[str]:
    from pramoen.awards.models import CampaignCategory
    from pramoen.core.models import InstrumentSnapshot
    from pramoen.kpi.models import KpiIndicator

    rows = [
        *CampaignCategory.objects.values_list(
            "eligibility_instrument_hash", "scoring_instrument_hash"
        ),
        *KpiIndicator.objects.values_list("instrument_6m_hash", "instrument_12m_hash"),
        *InstrumentSnapshot.objects.values_list("version_hash"),
    ]
    # The whole hash and the 12-character short form pages used to print.
    return {part for row in rows for value in row if value for part in (value, value[:12])}


def _instrument_ids() -> set[str]:
    """The library's instrument ids (``nara2-school-eligibility``, ``kpi10-6m``): a file name to
    us, never a title to a person."""
    from pramoen.core.models import InstrumentSnapshot
    from pramoen.instruments.loader import library_files

    ids = set(InstrumentSnapshot.objects.values_list("instrument_id", flat=True))
    for path in library_files():
        ids |= set(re.findall(r"(?m)^id:\s*['\"]?([\w.-]+)", path.read_text(encoding="utf-8")))
    return ids


def _typed_words() -> dict[str, set[str]]:
    """Words people type themselves and so read back, by the pages (URL name prefix) they are
    allowed on — only there, since ``teacher`` is also a username and must be caught elsewhere:
    a username on the account pages (the name they log in with) and the name an author gave a
    shared criterion in the studio (``inn_three_items``: typed again in a rule that uses it)."""
    from pramoen.accounts.models import User
    from pramoen.studio.models import StudioInstrument, StudioVersion

    names: set[str] = set()
    for draft in [
        *StudioInstrument.objects.values_list("draft", flat=True),
        *StudioVersion.objects.values_list("document", flat=True),
    ]:
        names |= set((draft or {}).get("definitions", {}))
    return {
        "people:account": set(User.objects.values_list("username", flat=True)),
        # the log records the login name an account was given ("user.create": username winner)
        "people:audit": set(User.objects.values_list("username", flat=True)),
        "studio:": names,
    }


def _allowed_on(page: str, typed: dict[str, set[str]]) -> frozenset[str]:
    return frozenset(w for prefix, words in typed.items() if page.startswith(prefix) for w in words)


@pytest.fixture(scope="module")
def walked(django_db_setup, django_db_blocker):
    """One demo load and one GET per page per account; rolled back after the module."""
    from django.db import connection, transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _walk()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            connection.close()


def _walk() -> dict[str, list[str]]:
    from django.conf import settings

    from pramoen.accounts.models import User

    throttles = settings.PRAMOEN_THROTTLES
    settings.PRAMOEN_THROTTLES = {**throttles, "verify": (10**6, 60), "results": (10**6, 60)}
    try:
        world = build_world()
        enum_words = enum_values()
        hashes = _stored_hashes()
        ids = frozenset(_instrument_ids())
        typed = _typed_words()
        accounts = {"anonymous": None, **world.users}
        for name in EXTRA_ACCOUNTS:
            accounts[name] = User.objects.get(username=name)
        found: dict[str, list[str]] = {}
        for role in ["anonymous", *DEMO_ROLES, *EXTRA_ACCOUNTS]:
            client = Client(raise_request_exception=False)
            if accounts[role] is not None:
                client.force_login(accounts[role])
            for name in sorted(URL_ARGS):
                url = reverse(name, kwargs=URL_ARGS[name](world.objects))
                response = client.get(url)
                if "text/html" not in response.get("Content-Type", ""):
                    continue
                if getattr(response, "streaming", False) or not response.content.strip():
                    continue
                text = visible_text(response.content.decode())
                hits = findings_in(
                    text,
                    enum_words=enum_words,
                    hashes=hashes,
                    ids=ids,
                    words=_allowed_on(name, typed),
                )
                if hits:
                    found[f"{name} as {role}"] = hits
        return found
    finally:
        settings.PRAMOEN_THROTTLES = throttles


def test_no_page_shows_a_hash_an_identifier_or_an_enum_value(walked):
    report = "\n".join(f"{page}: {', '.join(hits)}" for page, hits in sorted(walked.items()))
    assert walked == {}, "developer text on pages:\n" + report


# The detector itself: each pattern finds what it is for and leaves people's text alone.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("เครื่องมือ kpi10-6m ฉบับ a0d4103e60ef", ["hash a0d4103e60ef"]),
        ("ยังไม่ได้กรอกตัวเลข (previous_year)", ["id previous_year"]),
        ("ไม่ตรงกัน: c1.i4, c1.i5", ["id c1.i4", "id c1.i5"]),
        ("ตำแหน่ง: teacher", ["enum teacher"]),
        ("งาน pramoen.core.generated.document", ["id pramoen.core.generated.document"]),
        ("ติดต่อ esa_staff@demo.pramoen.invalid หรือ https://x.invalid/a_b", []),
        ("ไฟล์ portfolio_2569.pdf ขนาด 12 หน้า (PDF)", []),
        ("รางวัลเหรียญทอง ๘๐ - ๑๐๐ คะแนน 85.11 %", []),
    ],
)
def test_the_detector_finds_developer_text_and_only_that(text, expected):
    assert findings_in(text, enum_words={"teacher"}, hashes=set()) == expected


def test_visible_text_leaves_out_markup_and_scripts():
    html = (
        '<html><head><style>.previous_year{}</style></head><body><div id="c1_i4" '
        'hx-post="/x/">ผลงาน</div><script>var edstaff_supervisor=1</script></body></html>'
    )
    assert visible_text(html) == "ผลงาน"


def test_every_enum_of_ours_is_collected():
    from pramoen.accounts.enums import Role

    words = enum_values()
    assert {str(role.value) for role in Role} <= words

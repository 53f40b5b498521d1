"""The English catalogs are complete, well formed, compiled and found (issue 19)."""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from tests.core.catalogs import CATALOGS, PACKAGE, PROJECT_IGNORES, catalog_path, read_po
from tests.core.catalogs import placeholders as placeholders_of

ALL = sorted(CATALOGS)


@pytest.mark.parametrize("name", ALL)
def test_every_msgid_has_an_english_msgstr_and_none_is_fuzzy(name):
    entries = read_po(CATALOGS[name])

    untranslated = [e.msgid for e in entries if not e.msgstr and not all(e.plural_msgstrs or [""])]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]

    assert len(entries) > 20
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("name", ALL)
def test_every_msgstr_keeps_the_placeholders_of_its_msgid(name):
    wrong = []
    for e in read_po(CATALOGS[name]):
        for msgstr in (e.msgstr, *e.plural_msgstrs):
            if msgstr and placeholders_of(msgstr) != placeholders_of(e.msgid):
                wrong.append((e.msgid, msgstr))

    assert wrong == []


def test_a_lost_placeholder_is_caught():
    assert placeholders_of("พบ %(n)s บัญชี") != placeholders_of("accounts found")
    assert placeholders_of("ร้อยละ %(p)s") != placeholders_of("%(p)s%")
    assert placeholders_of("ร้อยละ %(p)s") == placeholders_of("%(p)s%%")
    assert placeholders_of("{pct}%%") != placeholders_of("%%")


def _compiled(mo: Path) -> dict:
    with mo.open("rb") as handle:
        catalog = dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]
    catalog.pop("", None)  # the header
    return catalog


def _expected(po: Path) -> dict:
    expected: dict = {}
    for e in read_po(po):
        if e.plural is None:
            expected[e.key] = e.msgstr
        else:
            for n, msgstr in enumerate(e.plural_msgstrs):
                expected[(e.key, n)] = msgstr
    return expected


@pytest.mark.parametrize("name", ALL)
def test_the_committed_mo_is_compiled_from_the_committed_po(name):
    """`make messages` compiles the .mo; a .po edited without compiling fails here. Read with
    the standard library, so no gettext tool is needed to check it."""
    po = CATALOGS[name]

    assert _compiled(po.with_suffix(".mo")) == _expected(po)


@pytest.mark.parametrize("name", ALL)
def test_django_finds_each_catalog_and_every_entry_reads_as_its_own_english(name):
    """Each app's locale folder is searched (an app in INSTALLED_APPS with a locale/ folder),
    and no two catalogs give the same Thai msgid different English (Django merges them into one
    catalog, so the second one would silently lose)."""
    with translation.override("en"):
        wrong = [
            (e.msgid, e.msgstr)
            for e in read_po(CATALOGS[name])
            if e.plural is None
            and (
                translation.pgettext(e.context, e.msgid)
                if e.context
                else translation.gettext(e.msgid)
            )
            != e.msgstr
        ]

    assert wrong == []


def test_thai_stays_the_thai_source():
    entry = read_po(CATALOGS["judging"])[0]

    with translation.override("th"):
        assert translation.gettext(entry.msgid) == entry.msgid


def _msgids(po: Path) -> set[str]:
    return {e.key for e in read_po(po)}


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) not installed")
@pytest.mark.parametrize("name", ALL)
def test_makemessages_finds_no_msgid_missing_from_the_committed_catalog(name, tmp_path):
    """Run makemessages on a copy of the app (or of the project minus the apps with their own
    catalogs): the msgids it finds are exactly the committed ones, so every wrapped string of a
    page template has its English and none is left over."""
    app = None if name == "project" else name
    source = PACKAGE / app if app else PACKAGE
    copy = tmp_path / (app or "pramoen")
    ignore = shutil.ignore_patterns("__pycache__", "*.mo", "*.po")
    if app:
        shutil.copytree(source, copy, ignore=ignore)
    else:
        skip = set(PROJECT_IGNORES)
        copy.mkdir()
        for child in source.iterdir():
            if child.name in skip or child.name == "__pycache__":
                continue
            if child.is_dir():
                shutil.copytree(child, copy / child.name, ignore=ignore)
            elif child.suffix in {".py", ".html", ".txt"}:
                shutil.copy(child, copy / child.name)
    (copy / "locale" / "en" / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
    here = os.getcwd()
    os.chdir(copy)
    try:
        call_command("makemessages", locale=["en"], no_location=True, verbosity=0)
    finally:
        os.chdir(here)

    assert _msgids(copy / "locale" / "en" / "LC_MESSAGES" / "django.po") == _msgids(
        catalog_path(app)
    )


def test_msgfmt_accepts_every_catalog(tmp_path):
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext (msgfmt) not installed")
    for name, po in CATALOGS.items():
        result = subprocess.run(
            ["msgfmt", "--check", "-o", str(tmp_path / f"{name}.mo"), str(po)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (name, result.returncode, result.stderr) == (name, 0, "")

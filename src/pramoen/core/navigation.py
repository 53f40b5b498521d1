"""Role-aware navigation: each app lists what it offers; the menu shows what the user may use.

An entry whose URL does not exist (yet) is simply not shown, so the menu never links to nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext, gettext_noop


@dataclass(frozen=True, slots=True)
class NavEntry:
    url_name: str
    label: str
    description: str
    perm: str | None = None  # a rules permission; None = every signed-in user


ENTRIES: list[NavEntry] = [
    NavEntry("core:home", gettext_noop("หน้าหลัก"), gettext_noop("สรุปสิ่งที่ท่านทำได้ในระบบ")),
    NavEntry(
        "accounts:profile",
        gettext_noop("ข้อมูลของฉัน"),
        gettext_noop("ชื่อ อีเมล โทรศัพท์ และเลขประจำตัวประชาชนของท่าน"),
    ),
    NavEntry(
        "admin:index",
        gettext_noop("ผู้ดูแลระบบ"),
        gettext_noop("จัดการบัญชีผู้ใช้ บทบาท และข้อมูลพื้นฐานของระบบ"),
        "pramoen.use_admin_site",
    ),
]


def register(entry: NavEntry) -> None:
    """Called from an app's ``AppConfig.ready`` to add its pages to the menu."""
    if entry not in ENTRIES:
        ENTRIES.append(entry)


def entries_for(user) -> list[dict[str, str]]:
    visible = []
    for entry in ENTRIES:
        if entry.perm and not user.has_perm(entry.perm):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        # Labels are Thai msgids (marked with gettext_noop where they are declared), translated
        # here, per request, into the language the person chose.
        visible.append(
            {"url": url, "label": gettext(entry.label), "description": gettext(entry.description)}
        )
    return visible

"""Thai person names: prefix (คำนำหน้านาม) handling and formatting.

Pure Python: no Django import.

Thai convention (as in the civil register and official letters): the prefix is written
**attached** to the first name, with no space — ``นายสมชาย ใจดี``, ``ดร.สมหญิง รักเรียน``,
``ผศ.ดร.วิชัย เก่งมาก``, ``ว่าที่ร้อยตรีประเสริฐ มั่นคง``, ``พ.ต.อ.หญิงอรุณี ศรีสุข``.
First and last name are separated by one space.

:func:`strip_prefix` removes known prefixes from the start of a full name (for search
and sorting "by name, ignoring the prefix"). It is a heuristic on free text: it never
leaves an empty name, and it refuses a cut that would leave a dangling vowel or tone
mark (``นายิกา`` is a name, not ``นาย`` + ``ิกา``). A first name that genuinely starts
with a prefix word *and* was typed without a prefix — ``นางนวล`` — is indistinguishable
from ``นาง`` + ``นวล``, and a rank before a first name beginning with หญิง reads as the
female rank (``พ.ต.อ.หญิง…``); store prefix and first name in separate fields to avoid it.
Monastic titles (พระ, พระครู …) are not stripped because พระ begins many lay names.
"""

from __future__ import annotations

import re

from pramoen.thai.digits import clean_spaces

__all__ = [
    "ACADEMIC_PREFIXES",
    "CIVIL_PREFIXES",
    "KNOWN_PREFIXES",
    "MILITARY_POLICE_RANKS",
    "format_person_name",
    "normalize_prefix",
    "split_prefix",
    "strip_prefix",
]

CIVIL_PREFIXES: tuple[str, ...] = (
    "นาย",
    "นาง",
    "นางสาว",
    "น.ส.",
    "เด็กชาย",
    "เด็กหญิง",
    "ด.ช.",
    "ด.ญ.",
    "คุณหญิง",
    "ท่านผู้หญิง",
    "หม่อมเจ้า",
    "หม่อมราชวงศ์",
    "หม่อมหลวง",
    "ม.จ.",
    "ม.ร.ว.",
    "ม.ล.",
)

ACADEMIC_PREFIXES: tuple[str, ...] = (
    "ดร.",
    "ศาสตราจารย์",
    "รองศาสตราจารย์",
    "ผู้ช่วยศาสตราจารย์",
    "ศ.",
    "รศ.",
    "ผศ.",
    "นายแพทย์",
    "แพทย์หญิง",
    "นพ.",
    "พญ.",
    "ทันตแพทย์",
    "ทันตแพทย์หญิง",
    "ทพ.",
    "ทพญ.",
    "ภก.",
    "ภญ.",
)

# Army, navy, air force and police ranks; full words and the official abbreviations.
# A rank held by a woman takes the suffix หญิง (พ.ต.อ.หญิง), handled in the pattern.
MILITARY_POLICE_RANKS: tuple[str, ...] = (
    # army
    "พลเอก",
    "พลโท",
    "พลตรี",
    "พันเอก",
    "พันโท",
    "พันตรี",
    "ร้อยเอก",
    "ร้อยโท",
    "ร้อยตรี",
    "จ่าสิบเอก",
    "จ่าสิบโท",
    "จ่าสิบตรี",
    "สิบเอก",
    "สิบโท",
    "สิบตรี",
    "พลทหาร",
    "พล.อ.",
    "พล.ท.",
    "พล.ต.",
    "พ.อ.",
    "พ.ท.",
    "พ.ต.",
    "ร.อ.",
    "ร.ท.",
    "ร.ต.",
    "จ.ส.อ.",
    "จ.ส.ท.",
    "จ.ส.ต.",
    "ส.อ.",
    "ส.ท.",
    "ส.ต.",
    # navy
    "พลเรือเอก",
    "พลเรือโท",
    "พลเรือตรี",
    "นาวาเอก",
    "นาวาโท",
    "นาวาตรี",
    "เรือเอก",
    "เรือโท",
    "เรือตรี",
    "พันจ่าเอก",
    "พันจ่าโท",
    "พันจ่าตรี",
    "จ่าเอก",
    "จ่าโท",
    "จ่าตรี",
    "พล.ร.อ.",
    "พล.ร.ท.",
    "พล.ร.ต.",
    "น.อ.",
    "น.ท.",
    "น.ต.",
    "พ.จ.อ.",
    "พ.จ.ท.",
    "พ.จ.ต.",
    "จ.อ.",
    "จ.ท.",
    "จ.ต.",
    # air force
    "พลอากาศเอก",
    "พลอากาศโท",
    "พลอากาศตรี",
    "นาวาอากาศเอก",
    "นาวาอากาศโท",
    "นาวาอากาศตรี",
    "เรืออากาศเอก",
    "เรืออากาศโท",
    "เรืออากาศตรี",
    "พันจ่าอากาศเอก",
    "พันจ่าอากาศโท",
    "พันจ่าอากาศตรี",
    "จ่าอากาศเอก",
    "จ่าอากาศโท",
    "จ่าอากาศตรี",
    "พล.อ.อ.",
    "พล.อ.ท.",
    "พล.อ.ต.",
    "พ.อ.อ.",
    "พ.อ.ท.",
    "พ.อ.ต.",
    # police
    "พลตำรวจเอก",
    "พลตำรวจโท",
    "พลตำรวจตรี",
    "พันตำรวจเอก",
    "พันตำรวจโท",
    "พันตำรวจตรี",
    "ร้อยตำรวจเอก",
    "ร้อยตำรวจโท",
    "ร้อยตำรวจตรี",
    "ดาบตำรวจ",
    "จ่าสิบตำรวจ",
    "สิบตำรวจเอก",
    "สิบตำรวจโท",
    "สิบตำรวจตรี",
    "พลตำรวจ",
    "พล.ต.อ.",
    "พล.ต.ท.",
    "พล.ต.ต.",
    "พ.ต.อ.",
    "พ.ต.ท.",
    "พ.ต.ต.",
    "ร.ต.อ.",
    "ร.ต.ท.",
    "ร.ต.ต.",
    "ด.ต.",
    "ส.ต.อ.",
    "ส.ต.ท.",
    "ส.ต.ต.",
    "พลฯ",
)

# ว่าที่ ("acting", for reserve officers, most often ว่าที่ร้อยตรี among teachers) is
# stripped as its own token so that every spelling works: ว่าที่ร้อยตรี, ว่าที่ ร.ต.,
# ว่าที่ร.ต.หญิง.
_ACTING = "ว่าที่"

KNOWN_PREFIXES: tuple[str, ...] = (
    *CIVIL_PREFIXES,
    *ACADEMIC_PREFIXES,
    *MILITARY_POLICE_RANKS,
    _ACTING,
)

# Thai characters that cannot begin a syllable: following vowels, above/below vowels,
# tone marks and other combining signs. A cut before one of them is inside a word.
_CANNOT_START = re.compile(r"^[\u0e30-\u0e3a\u0e45\u0e47-\u0e4e]")


_RANKS = frozenset(MILITARY_POLICE_RANKS)
# Longest first so that นางสาว is tried before นาง and พล.ต.อ. before พล.ต.
_BY_LENGTH: tuple[str, ...] = tuple(sorted(set(KNOWN_PREFIXES), key=len, reverse=True))
_FEMALE = "หญิง"


def _next_prefix_end(text: str, position: int) -> int | None:
    """End of the longest known prefix at ``position`` that leaves a plausible name."""
    for prefix in _BY_LENGTH:
        if not text.startswith(prefix, position):
            continue
        ends = [position + len(prefix)]
        if prefix in _RANKS and text.startswith(_FEMALE, ends[0]):
            ends.insert(0, ends[0] + len(_FEMALE))
        for end in ends:
            rest = text[end:].lstrip()
            if rest and not _CANNOT_START.match(rest):
                return len(text) - len(rest)
    return None


def normalize_prefix(prefix: str) -> str:
    """Tidy a prefix as typed: collapse spaces and drop those between abbreviations
    (``"ผศ. ดร."`` → ``"ผศ.ดร."``). A space inside ``ว่าที่ ร.ต.`` is kept as typed."""
    text = clean_spaces(prefix)
    return re.sub(r"\.\s+(?=\S)", ".", text)


def format_person_name(
    first_name: str,
    last_name: str = "",
    prefix: str = "",
    *,
    with_prefix: bool = True,
) -> str:
    """``นายสมชาย ใจดี``: prefix attached to the first name, one space before the last name.

    ``with_prefix=False`` gives ``สมชาย ใจดี``. Parts are trimmed and inner runs of
    spaces collapsed; empty parts are left out.
    """
    first = clean_spaces(first_name)
    last = clean_spaces(last_name)
    head = first
    if with_prefix and prefix:
        head = normalize_prefix(prefix) + first
    return " ".join(part for part in (head, last) if part)


def split_prefix(full_name: str) -> tuple[str, str]:
    """Split ``"ผศ.ดร. สมชาย ใจดี"`` into ``("ผศ.ดร.", "สมชาย ใจดี")``.

    Several stacked prefixes are taken together (ว่าที่ร้อยตรี ดร.). Returns ``("", name)``
    when no known prefix starts the name; see the module docstring for the heuristics.
    """
    text = clean_spaces(full_name)
    position = 0
    while (end := _next_prefix_end(text, position)) is not None:
        position = end
    if position == 0:
        return "", text
    return normalize_prefix(text[:position]), text[position:]


def strip_prefix(full_name: str) -> str:
    """The name without its prefix: ``"นางสาวสมหญิง ใจดี"`` → ``"สมหญิง ใจดี"``."""
    return split_prefix(full_name)[1]

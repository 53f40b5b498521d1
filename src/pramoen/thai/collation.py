"""Thai dictionary order for names and school names.

Pure Python: no Django import.

The algorithm is PyThaiNLP's (:func:`pythainlp.util.collate`): Thai code points are
already in dictionary order except for the leading vowels เ แ โ ใ ไ, which are written
before the consonant they follow in speech — ``ไก่`` is filed under ก, so it sorts
before ``หญิง`` (filed under ห) — and for tone marks, which only break ties.
PyThaiNLP exposes the ordering only as a sorting function, so the key is rebuilt here
in the same way and refined into three levels, as in the Royal Institute dictionary
and ICU's Thai collation:

1. primary — tone marks and other diacritics removed, each leading vowel moved after
   the consonant that follows it, Thai digits read as Arabic, Latin case folded;
2. secondary — the same with the tone marks kept, so ``กา`` < ``ก่า`` < ``ก้า`` < ``กาก``;
3. the original text, so that the order is total and reproducible.

PyICU is deliberately not used even when importable: lists printed in official
documents must come out in the same order on every machine, whatever ICU version
(or none) it has.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from pramoen.thai.digits import clean_spaces, to_arabic_digits
from pramoen.thai.names import strip_prefix

__all__ = ["SCHOOL_PREFIXES", "strip_school_prefix", "thai_sort_key", "thai_sorted"]

T = TypeVar("T")

# Same ranges as PyThaiNLP: tone marks and diacritics U+0E47–U+0E4C (็ ่ ้ ๊ ๋ ์),
# leading vowels U+0E40–U+0E44 (เ แ โ ใ ไ) before a consonant U+0E01–U+0E2E.
_DIACRITICS = re.compile(r"[\u0e47-\u0e4c]")
_LEADING_VOWEL = re.compile(r"([\u0e40-\u0e44])([\u0e01-\u0e2e])")

# "โรงเรียน" and its abbreviations (รร., ร.ร.) open almost every school name; ESA lists
# are ordered by the distinctive part (บ้านหนองบัว), as the offices' own lists do.
SCHOOL_PREFIXES: tuple[str, ...] = ("โรงเรียน", "ร.ร.", "รร.")


def strip_school_prefix(name: str) -> str:
    """``"โรงเรียนบ้านหนองบัว"`` → ``"บ้านหนองบัว"``; other names unchanged."""
    text = clean_spaces(name)
    for prefix in SCHOOL_PREFIXES:
        if text.startswith(prefix) and text[len(prefix) :].strip():
            return text[len(prefix) :].lstrip()
    return text


def thai_sort_key(
    text: str | None,
    *,
    ignore_name_prefix: bool = False,
    ignore_school_prefix: bool = False,
) -> tuple[str, str, str]:
    """Sort key in Thai dictionary order (see the module docstring).

    ``ignore_name_prefix`` drops นาย/นางสาว/ด.ช./ดร./ว่าที่ร้อยตรี … first
    (:func:`pramoen.thai.names.strip_prefix`); ``ignore_school_prefix`` drops โรงเรียน.
    """
    original = "" if text is None else str(text)  # a missing name sorts first
    value = clean_spaces(original)
    if ignore_school_prefix:
        value = strip_school_prefix(value)
    if ignore_name_prefix:
        value = strip_prefix(value)
    value = to_arabic_digits(value).casefold()
    swapped = _LEADING_VOWEL.sub(r"\2\1", value)
    primary = _DIACRITICS.sub("", swapped)
    return primary, swapped, original


def thai_sorted(
    items: Iterable[T],
    *,
    key: Callable[[T], str | None] | None = None,
    reverse: bool = False,
    ignore_name_prefix: bool = False,
    ignore_school_prefix: bool = False,
) -> list[T]:
    """Like :func:`sorted`, in Thai dictionary order; ``key`` picks the text of an item."""
    pick: Callable[[T], str | None] = key if key is not None else str

    def sort_key(item: T) -> tuple[str, str, str]:
        return thai_sort_key(
            pick(item),
            ignore_name_prefix=ignore_name_prefix,
            ignore_school_prefix=ignore_school_prefix,
        )

    return sorted(items, key=sort_key, reverse=reverse)

"""Person names: prefix attached, prefix stripping."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pramoen.thai.names import (
    ACADEMIC_PREFIXES,
    CIVIL_PREFIXES,
    MILITARY_POLICE_RANKS,
    format_person_name,
    normalize_prefix,
    split_prefix,
    strip_prefix,
)

# Real-looking first names that do not themselves begin with a prefix word.
FIRST_NAMES = [
    "สมชาย",
    "กมลา",
    "วิชัย",
    "อรุณี",
    "ประเสริฐ",
    "บุญมี",
    "สุดา",
    "มะลิ",
    "ธนพล",
    "ณัฐวุฒิ",
    "เกษม",
    "ไพโรจน์",
    "ฤทัย",
    "อำนาจ",
    "สาวิตรี",
    "ญาณิศา",
    "Somchai",
]
LAST_NAMES = ["ใจดี", "ศรีสุข", "รักเรียน", "ณ อยุธยา", "แก้วมณี", ""]

ranks = st.sampled_from(MILITARY_POLICE_RANKS)
one_prefix = st.one_of(
    st.sampled_from(CIVIL_PREFIXES),
    st.sampled_from(ACADEMIC_PREFIXES),
    ranks,
    ranks.map(lambda r: r + "หญิง"),
    ranks.map(lambda r: "ว่าที่" + r),
    ranks.map(lambda r: "ว่าที่ " + r),
)


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("นาย", "นายสมชาย ใจดี"),
        ("นาง", "นางสมชาย ใจดี"),
        ("นางสาว", "นางสาวสมชาย ใจดี"),
        ("ดร.", "ดร.สมชาย ใจดี"),
        ("ผศ.ดร.", "ผศ.ดร.สมชาย ใจดี"),
        ("ผศ. ดร.", "ผศ.ดร.สมชาย ใจดี"),
        ("ว่าที่ร้อยตรี", "ว่าที่ร้อยตรีสมชาย ใจดี"),
        ("พ.ต.อ.", "พ.ต.อ.สมชาย ใจดี"),
        ("  นาย ", "นายสมชาย ใจดี"),
        ("", "สมชาย ใจดี"),
    ],
)
def test_format_person_name_attaches_prefix(prefix: str, expected: str) -> None:
    assert format_person_name("สมชาย", "ใจดี", prefix) == expected


def test_format_person_name_can_omit_prefix_and_tidies_spaces() -> None:
    assert format_person_name(" สมชาย ", "ใจดี", "นาย", with_prefix=False) == "สมชาย ใจดี"
    assert format_person_name("สมชาย", "ณ  อยุธยา", "ม.ร.ว.") == "ม.ร.ว.สมชาย ณ อยุธยา"
    assert format_person_name("สมชาย", "", "นาย") == "นายสมชาย"


def test_normalize_prefix_keeps_space_after_acting() -> None:
    assert normalize_prefix("ว่าที่ ร.ต.") == "ว่าที่ ร.ต."
    assert normalize_prefix("รศ.  ดร.") == "รศ.ดร."


@pytest.mark.parametrize(
    ("full", "prefix", "rest"),
    [
        ("นายสมชาย ใจดี", "นาย", "สมชาย ใจดี"),
        ("นางสาวสมหญิง ใจดี", "นางสาว", "สมหญิง ใจดี"),
        ("นางสาวิตรี ดี", "นาง", "สาวิตรี ดี"),
        ("ด.ญ.มะลิ ขาว", "ด.ญ.", "มะลิ ขาว"),
        ("ผศ.ดร. วิชัย เก่งมาก", "ผศ.ดร.", "วิชัย เก่งมาก"),
        ("ว่าที่ ร.ต. ประเสริฐ มั่นคง", "ว่าที่ ร.ต.", "ประเสริฐ มั่นคง"),
        ("ว่าที่ร้อยตรีหญิงสุดา ดี", "ว่าที่ร้อยตรีหญิง", "สุดา ดี"),
        ("พ.ต.อ.หญิงอรุณี ศรีสุข", "พ.ต.อ.หญิง", "อรุณี ศรีสุข"),
        ("พ.ต.อ.ดร.สมศักดิ์ ใจกล้า", "พ.ต.อ.ดร.", "สมศักดิ์ ใจกล้า"),
        # A cut before a dependent vowel is inside a word: นายิกา is a first name.
        ("นายิกา ใจดี", "", "นายิกา ใจดี"),
        # Ambiguous by nature: read as the female rank, not a man named หญิง.
        ("พ.ต.อ.หญิงใจ ดี", "พ.ต.อ.หญิง", "ใจ ดี"),
        ("พ.ต.อ.หญิงหญิง ดี", "พ.ต.อ.หญิง", "หญิง ดี"),
        # Never strip down to nothing.
        ("นาย", "", "นาย"),
        ("สมชาย ใจดี", "", "สมชาย ใจดี"),
    ],
)
def test_split_prefix_examples(full: str, prefix: str, rest: str) -> None:
    assert split_prefix(full) == (prefix, rest)


@given(
    prefixes=st.tuples(one_prefix, st.sampled_from(["", "ดร.", "ผศ.ดร.", "รศ.ดร."])),
    first=st.sampled_from(FIRST_NAMES),
    last=st.sampled_from(LAST_NAMES),
    space=st.sampled_from(["", " ", "  "]),
)
def test_strip_prefix_recovers_the_name(
    prefixes: tuple[str, str], first: str, last: str, space: str
) -> None:
    # Realistic stacks: a civil prefix or rank, optionally followed by an academic title.
    full = space.join(p for p in prefixes if p) + space + format_person_name(first, last)
    assert strip_prefix(full) == format_person_name(first, last)


@given(first=st.sampled_from(FIRST_NAMES), last=st.sampled_from(LAST_NAMES))
def test_strip_prefix_leaves_names_without_prefix_alone(first: str, last: str) -> None:
    name = format_person_name(first, last)
    assert strip_prefix(name) == name

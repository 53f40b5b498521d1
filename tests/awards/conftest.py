from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from pramoen.accounts.enums import Role
from pramoen.awards.services import CategorySpec, campaign_create
from tests.factories import EsaFactory

BANGKOK = ZoneInfo("Asia/Bangkok")

SCHOOL_ACADEMIC = CategorySpec(
    category="school",
    domain="academic",
    size_class="small",
    eligibility_instrument_id="nara2-school-eligibility",
    scoring_instrument_id="nara2-school-academic",
)
TEACHER_INNOVATION = CategorySpec(
    category="teacher",
    domain="innovation",
    size_class="large",
    eligibility_instrument_id="nara2-teacher-eligibility",
    scoring_instrument_id="nara2-teacher-innovation",
)


def campaign_fields(**overrides):
    """The seed 003 edition: letter of 26 มี.ค. 2569, works due 19 มิ.ย. 2569."""
    fields = {
        "edition": 5,
        "year_be": 2569,
        "opens_on": dt.date(2026, 3, 26),
        "deadline": dt.datetime(2026, 6, 19, 16, 30, tzinfo=BANGKOK),
        "correction_starts_on": dt.date(2026, 6, 22),
        "correction_ends_on": dt.date(2026, 6, 26),
        "judging_starts_on": dt.date(2026, 7, 1),
        "judging_ends_on": dt.date(2026, 7, 15),
        "announce_on": dt.date(2026, 8, 1),
        "letter_number": "ศธ ๐๔๐๗๙/๑๐๖๙",
        "letter_date": dt.date(2026, 3, 26),
        "esa_address": "๓๘/๔ หมู่ ๓ ตำบลป่าเสม็ด\nอำเภอเมือง จังหวัดสมมติ ๙๖๑๒๐",
        "signatory_name": "นายประกาศ สว่างวงษ์",
        "signatory_position": "รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา ปฏิบัติราชการแทน\n"
        "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ",
        "contact_phone": "๐-๗๓๕๓-๐๗๙๒",
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def esa(db):
    return EsaFactory()


@pytest.fixture
def staff(make_user, esa):
    # No password: hashing one costs a second per test and these tests never sign in.
    return make_user(roles=[Role.ESA_STAFF], organization=esa, password=None)


@pytest.fixture
def campaign(esa, staff):
    return campaign_create(
        esa=esa,
        actor=staff,
        categories=[SCHOOL_ACADEMIC, TEACHER_INNOVATION],
        **campaign_fields(),
    )

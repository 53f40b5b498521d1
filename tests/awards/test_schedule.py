from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pramoen.awards.schedule import BANGKOK, Phase, Schedule, countdown_th
from pramoen.thai import to_arabic_digits

SCHEDULE = Schedule(
    opens_on=dt.date(2026, 3, 26),
    deadline=dt.datetime(2026, 6, 19, 16, 30, tzinfo=BANGKOK),
    correction_starts_on=dt.date(2026, 6, 22),
    correction_ends_on=dt.date(2026, 6, 26),
    judging_starts_on=dt.date(2026, 7, 1),
    announce_on=dt.date(2026, 8, 3),
)


def _at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BANGKOK)


@pytest.mark.parametrize(
    ("now", "phase"),
    [
        (_at(2026, 3, 25, 23, 59), Phase.UPCOMING),
        (_at(2026, 3, 26, 0, 0), Phase.OPEN),
        (_at(2026, 6, 19, 16, 29, 59), Phase.OPEN),
        (_at(2026, 6, 19, 16, 30), Phase.CLOSED),
        (_at(2026, 6, 22, 0, 0), Phase.CORRECTION),
        (_at(2026, 6, 26, 23, 59), Phase.CORRECTION),
        (_at(2026, 6, 27, 0, 0), Phase.CLOSED),
        (_at(2026, 7, 1, 8, 0), Phase.JUDGING),
        (_at(2026, 8, 3, 0, 0), Phase.ANNOUNCED),
    ],
)
def test_schedule_phase_at_bangkok_boundaries(now, phase):
    assert SCHEDULE.phase(now) == phase


def test_schedule_deadline_is_the_same_instant_in_utc():
    # 16:30 in Bangkok is 09:30 UTC: a server clock in UTC closes at the same moment.
    assert SCHEDULE.accepts_submissions(dt.datetime(2026, 6, 19, 9, 29, 59, tzinfo=dt.UTC))
    assert not SCHEDULE.accepts_submissions(dt.datetime(2026, 6, 19, 9, 30, tzinfo=dt.UTC))


def test_schedule_refuses_a_naive_now():
    with pytest.raises(ValueError):
        SCHEDULE.phase(dt.datetime(2026, 6, 19, 12, 0))


@pytest.mark.parametrize(
    ("remaining", "text"),
    [
        (dt.timedelta(days=3, hours=4, minutes=5, seconds=59), "เหลือเวลา ๓ วัน ๔ ชั่วโมง ๕ นาที"),
        (dt.timedelta(hours=2), "เหลือเวลา ๒ ชั่วโมง"),
        (dt.timedelta(seconds=59), "เหลือเวลาไม่ถึง ๑ นาที"),
        (dt.timedelta(0), "หมดเวลาส่งผลงานแล้ว"),
    ],
)
def test_countdown_th_names_days_hours_minutes(remaining, text):
    assert countdown_th(remaining) == text


@settings(deadline=None)  # a shared 2-core machine: timing is not what is tested
@given(st.integers(min_value=60, max_value=400 * 24 * 3600))
def test_countdown_th_parts_add_up_to_the_whole_minutes(seconds):
    words = to_arabic_digits(countdown_th(dt.timedelta(seconds=seconds))).split()[1:]
    units = {"วัน": 24 * 60, "ชั่วโมง": 60, "นาที": 1}
    total = sum(int(n) * units[unit] for n, unit in zip(words[::2], words[1::2], strict=True))
    assert total == seconds // 60


@settings(deadline=None)
@given(st.integers(min_value=-(10**7), max_value=10**8))
def test_time_left_exists_exactly_while_submissions_are_accepted(offset):
    now = SCHEDULE.deadline + dt.timedelta(seconds=offset)
    left = SCHEDULE.time_left(now)
    assert (left is not None) == SCHEDULE.accepts_submissions(now)
    assert left is None or left > dt.timedelta(0)

"""Where a campaign stands at a given moment, and the countdown to its deadline.

Pure Python (no Django): the server asks this module, never the browser's clock, whether entries
may still be submitted. All day-based dates are whole days in Asia/Bangkok; the deadline is an
exact instant and is exclusive (at 16:30:00 sharp a 16.30 น. deadline has passed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from pramoen.thai import to_thai_digits

__all__ = ["BANGKOK", "Phase", "Schedule", "countdown_th"]

BANGKOK = ZoneInfo("Asia/Bangkok")


class Phase(StrEnum):
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"
    CORRECTION = "correction"
    JUDGING = "judging"
    ANNOUNCED = "announced"

    @property
    def label_th(self) -> str:
        return _LABELS[self]


_LABELS = {
    Phase.UPCOMING: "ยังไม่เปิดรับผลงาน",
    Phase.OPEN: "เปิดรับผลงาน",
    Phase.CLOSED: "ปิดรับผลงานแล้ว",
    Phase.CORRECTION: "ช่วงแก้ไขเอกสาร",
    Phase.JUDGING: "อยู่ระหว่างการตัดสิน",
    Phase.ANNOUNCED: "ประกาศผลแล้ว",
}


def _day_start(value: date) -> datetime:
    return datetime.combine(value, time.min, tzinfo=BANGKOK)


@dataclass(frozen=True, slots=True)
class Schedule:
    opens_on: date
    deadline: datetime
    correction_starts_on: date | None = None
    correction_ends_on: date | None = None
    judging_starts_on: date | None = None
    announce_on: date | None = None

    def __post_init__(self) -> None:
        if self.deadline.tzinfo is None:
            raise ValueError("deadline must be an aware datetime")

    @property
    def opens_at(self) -> datetime:
        return _day_start(self.opens_on)

    def accepts_submissions(self, now: datetime) -> bool:
        return self.opens_at <= now < self.deadline

    def in_correction_window(self, now: datetime) -> bool:
        if not (self.correction_starts_on and self.correction_ends_on):
            return False
        end = _day_start(self.correction_ends_on + timedelta(days=1))
        return _day_start(self.correction_starts_on) <= now < end

    def results_public(self, now: datetime) -> bool:
        """Results go public on the announcement day (from its midnight, Bangkok); without one
        set, as soon as a group is finalized."""
        return self.announce_on is None or now >= _day_start(self.announce_on)

    def phase(self, now: datetime) -> Phase:
        if now.tzinfo is None:
            raise ValueError("now must be an aware datetime")
        if now < self.opens_at:
            return Phase.UPCOMING
        if now < self.deadline:
            return Phase.OPEN
        if self.in_correction_window(now):
            return Phase.CORRECTION
        if self.announce_on and now >= _day_start(self.announce_on):
            return Phase.ANNOUNCED
        if self.judging_starts_on and now >= _day_start(self.judging_starts_on):
            return Phase.JUDGING
        return Phase.CLOSED

    def time_left(self, now: datetime) -> timedelta | None:
        """Time until the deadline while submissions are accepted, else ``None``."""
        return self.deadline - now if self.accepts_submissions(now) else None


def countdown_th(remaining: timedelta) -> str:
    """``เหลือเวลา ๓ วัน ๔ ชั่วโมง ๕ นาที`` (whole minutes, rounded down; zero parts left out)."""
    if remaining <= timedelta(0):
        return "หมดเวลาส่งผลงานแล้ว"
    minutes = int(remaining.total_seconds() // 60)
    if minutes == 0:
        return "เหลือเวลาไม่ถึง ๑ นาที"
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [
        f"{to_thai_digits(str(n))} {unit}"
        for n, unit in ((days, "วัน"), (hours, "ชั่วโมง"), (minutes, "นาที"))
        if n
    ]
    return "เหลือเวลา " + " ".join(parts)

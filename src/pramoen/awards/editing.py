"""The edit window of an entry — the one place that says what an applicant may change, and when.

Before the deadline everything may change (a submitted entry stays complete). After it, in the
campaign's correction window, a submitted entry may change only the answer paths ESA staff opened
(``Entry.correction_paths``: ``"scoring.fields.x"``, ``"scoring.evidence.slot"``,
``"portfolio"``). A withdrawn entry never changes. Services refuse in Thai on this rule; the
applicant's form greys out what it does not allow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Entry


@dataclass(frozen=True, slots=True)
class EditWindow:
    withdrawn: bool
    before_deadline: bool  # every answer may change
    correcting: bool  # a submitted entry inside the correction window
    opened: frozenset[str]  # the paths staff opened for correction

    def allows(self, path: str) -> bool:
        """May ``path`` change now?"""
        if self.withdrawn:
            return False
        return self.before_deadline or (self.correcting and path in self.opened)

    def corrects(self, path: str) -> bool:
        """Is a change to ``path`` now a correction-window change (rather than an edit)?"""
        return self.correcting and path in self.opened

    @property
    def editable_paths(self) -> set[str] | None:
        """What the form lets the applicant change: all (None), some, or none."""
        if self.withdrawn:
            return set()
        if self.before_deadline:
            return None
        return set(self.opened) if self.correcting else set()


def edit_window(entry: Entry, now: datetime) -> EditWindow:
    schedule = entry.campaign.schedule()
    correcting = entry.status == EntryStatus.SUBMITTED and schedule.in_correction_window(now)
    return EditWindow(
        withdrawn=entry.status == EntryStatus.WITHDRAWN,
        before_deadline=schedule.accepts_submissions(now),
        correcting=correcting,
        opened=frozenset(entry.correction_paths) if correcting else frozenset(),
    )

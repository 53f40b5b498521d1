"""E-mail to the applicant: a mail job of the caller's transaction (a rollback mails no one),
sent by a worker (``core.mail``)."""

from __future__ import annotations

from pramoen.awards.models import Entry
from pramoen.awards.receipts import receipt_th
from pramoen.core import mail_kinds
from pramoen.core.mail import mail_queue
from pramoen.core.mail_kinds import MailKind
from pramoen.thai import format_thai_date, format_thai_datetime


def _recipients(entry: Entry) -> list[str]:
    email = getattr(entry.created_by, "email", "")
    return [email] if email else []


def _send(entry: Entry, kind: MailKind, **values: str) -> None:
    """Render ``kind`` with the campaign's ESA's template (``core.mail``)."""
    context = {
        "who": _who(entry),
        "campaign_name": entry.campaign.name,
        "campaign_title": entry.campaign.title_th,
        "category": entry.category.label_th,
        **values,
    }
    mail_queue(
        kind=kind, esa_id=entry.campaign.esa_id, context=context, recipients=_recipients(entry)
    )


def _who(entry: Entry) -> str:
    return entry.nominee_name or entry.school.name_th


def notify_submitted(entry: Entry) -> None:
    submitted_at = entry.submitted_at
    assert submitted_at is not None  # called once the entry is submitted
    _send(
        entry,
        mail_kinds.ENTRY_SUBMITTED,
        receipt_number=receipt_th(entry.receipt_number),
        submitted_at=format_thai_datetime(submitted_at, "long", time_sep="."),
        deadline=format_thai_datetime(entry.campaign.deadline, "long", time_sep="."),
    )


def notify_correction_requested(entry: Entry, note: str) -> None:
    last_day = entry.campaign.correction_ends_on
    until = format_thai_date(last_day, "long") if last_day else ""
    _send(entry, mail_kinds.CORRECTION_REQUESTED, note=note, until=until)


def notify_screened(entry: Entry, failed: list) -> None:
    """The screening result; a failing entry is told which checks failed, under which rule.

    The computed basis stays on the staff page: it quotes registry data (disciplinary records,
    award history) of the person matched by name, which may not be the nominee, and e-mail goes
    to whoever started the entry. A reason staff wrote when deciding a check is theirs to send.
    """
    lines = []
    for check in failed:
        reason = f": {check.reason}" if check.decision == "overridden" and check.reason else ""
        lines.append(f"- {check.title_th} ({check.rule_th}){reason}")
    _send(
        entry,
        mail_kinds.ENTRY_SCREENED,
        result=str(entry.get_eligibility_display()),
        failed_checks="\n".join(lines),
    )

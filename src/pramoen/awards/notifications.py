"""E-mail to the applicant: a mail job of the caller's transaction (a rollback mails no one),
sent by a worker (``core.mail``)."""

from __future__ import annotations

from pramoen.awards.models import Entry
from pramoen.awards.receipts import receipt_th
from pramoen.core.mail import mail_queue
from pramoen.thai import format_thai_date, format_thai_datetime


def _recipients(entry: Entry) -> list[str]:
    email = getattr(entry.created_by, "email", "")
    return [email] if email else []


def _send(entry: Entry, subject: str, body: str) -> None:
    mail_queue(subject=subject, body=body, recipients=_recipients(entry))


def _who(entry: Entry) -> str:
    return entry.nominee_name or entry.school.name_th


def notify_submitted(entry: Entry) -> None:
    submitted_at = entry.submitted_at
    assert submitted_at is not None  # called once the entry is submitted
    deadline = format_thai_datetime(entry.campaign.deadline, "long", time_sep=".")
    _send(
        entry,
        f"[{entry.campaign.name}] ได้รับผลงานของ {_who(entry)} แล้ว"
        f" (เลขที่รับผลงาน {receipt_th(entry.receipt_number)})",
        f"ระบบได้รับผลงานของ {_who(entry)}\n"
        f"เลขที่รับผลงาน {receipt_th(entry.receipt_number)}\n"
        f"{entry.campaign.title_th}\n{entry.category.label_th}\n"
        f"เมื่อ {format_thai_datetime(submitted_at, 'long', time_sep='.')}\n\n"
        f"แก้ไขผลงานได้จนถึง {deadline}\n",
    )


def notify_correction_requested(entry: Entry, note: str) -> None:
    last_day = entry.campaign.correction_ends_on
    until = format_thai_date(last_day, "long") if last_day else ""
    _send(
        entry,
        f"[{entry.campaign.name}] ขอให้แก้ไขเอกสารของ {_who(entry)}",
        f"เจ้าหน้าที่เขตพื้นที่การศึกษาขอให้แก้ไขเอกสารของ {_who(entry)}\n"
        f"{entry.campaign.title_th}\n{entry.category.label_th}\n\n"
        f"สิ่งที่ต้องแก้ไข: {note}\n" + (f"แก้ไขได้ในระบบถึงวันที่ {until}\n" if until else ""),
    )


def notify_screened(entry: Entry, failed: list) -> None:
    """The screening result; a failing entry is told which checks failed, under which rule.

    The computed basis stays on the staff page: it quotes registry data (disciplinary records,
    award history) of the person matched by name, which may not be the nominee, and e-mail goes
    to whoever started the entry. A reason staff wrote when deciding a check is theirs to send.
    """
    lines = [
        f"ผลการตรวจคุณสมบัติเบื้องต้นของ {_who(entry)}",
        f"{entry.campaign.title_th}\n{entry.category.label_th}",
        "",
        f"ผล: {entry.get_eligibility_display()}",
    ]
    for check in failed:
        reason = f": {check.reason}" if check.decision == "overridden" and check.reason else ""
        lines.append(f"- {check.title_th} ({check.rule_th}){reason}")
    if failed:
        lines += ["", "สอบถามรายละเอียดได้ที่เจ้าหน้าที่เขตพื้นที่การศึกษาผู้จัดการประกวด"]
    _send(
        entry,
        f"[{entry.campaign.name}] ผลการตรวจคุณสมบัติเบื้องต้นของ {_who(entry)}",
        "\n".join(lines) + "\n",
    )

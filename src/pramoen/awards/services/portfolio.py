"""The portfolio PDF: checked in a child process with the campaign's rules, kept unless rejected."""

from __future__ import annotations

import tempfile
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from pramoen.awards.editing import edit_window
from pramoen.awards.enums import (
    EntryEventKind,
    EntryStatus,
)
from pramoen.awards.models import (
    Entry,
)
from pramoen.awards.services.duplicates import portfolio_duplicates_check
from pramoen.awards.services.entries import (
    PORTFOLIO_PATH,
    WITHDRAWN_MESSAGE,
    closed_error,
    entry_event,
)
from pramoen.core.services import audit_record
from pramoen.core.types import User
from pramoen.documents.pdfcheck import run_check_subprocess
from pramoen.documents.pdfcheck.findings import make_result, too_large_finding


def entry_attach_portfolio(
    *, entry: Entry, actor: User, upload: Any, now: datetime | None = None
) -> dict[str, Any]:
    """Check an uploaded portfolio PDF with the campaign's rules and keep it unless rejected.

    The check runs in a child process with time and memory caps (documents.pdfcheck), so a
    hostile file cannot take the web worker down. The report of the latest upload is stored
    either way, so the applicant sees the pages and reasons; a rejected file is not kept.
    """
    now = now or timezone.now()
    entry = Entry.objects.select_related("campaign").get(pk=entry.pk)
    window = edit_window(entry, now)
    if window.withdrawn:
        raise ValidationError(WITHDRAWN_MESSAGE)
    correcting = window.corrects(PORTFOLIO_PATH)
    if not window.allows(PORTFOLIO_PATH):
        raise closed_error(entry.campaign)
    rules = entry.campaign.portfolio_rules()
    with tempfile.NamedTemporaryFile(suffix=".pdf") as temporary:
        written = 0
        for chunk in upload.chunks():
            written += len(chunk)
            if written > rules.max_file_bytes:
                break  # the checker reports the size; no need to copy the rest
            temporary.write(chunk)
        temporary.flush()
        if written > rules.max_file_bytes:
            report = make_result([too_large_finding(upload.size, rules.max_file_mb)], None)
        else:
            report = run_check_subprocess(temporary.name, rules)
        with transaction.atomic():
            locked = Entry.objects.select_for_update().get(pk=entry.pk)
            if locked.status == EntryStatus.SUBMITTED and report.get("ok") is False:
                # A submitted entry keeps its accepted file and report; the rejection is only
                # reported back, so a failed replacement cannot un-submit an entry.
                pass
            else:
                locked.portfolio_report = report
                if report.get("ok") is not False:
                    temporary.seek(0)
                    locked.portfolio.save("portfolio.pdf", File(temporary), save=False)
            locked.portfolio_checked_at = now
            locked.save()
            verdict = {True: "ผ่าน", False: "ไม่ผ่าน", None: "ตรวจสอบไม่ได้"}[report.get("ok")]
            kind = EntryEventKind.CORRECTED if correcting else EntryEventKind.PORTFOLIO_CHECKED
            entry_event(
                locked, kind, actor, now, f"แฟ้มผลงาน {report.get('pages') or '-'} หน้า: {verdict}"
            )
            audit_record(
                actor=actor,
                action="awards.entry_portfolio",
                target=locked,
                after={"ok": report.get("ok"), "pages": report.get("pages")},
            )
    portfolio_duplicates_check(entry=entry)
    return report

"""Who may read an entry's evidence files, and how a file is served.

Evidence files are untrusted uploads. They are served only as attachments, with the type the
magic bytes gave at upload, ``nosniff`` and a sandboxing CSP, so a file that a browser would
render (an SVG or HTML polyglot slipped past as an image) cannot run in Pramoen's origin.

The judging app decides which judge sees an entry (the ``judging.view_entry`` permission); its
views can serve a file with :func:`evidence_response` once they have that entry.
"""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath
from urllib.parse import quote

import rules
from django.http import Http404
from django.http.response import HttpResponseBase

from pramoen.awards.models import Entry, EvidenceFile
from pramoen.awards.selectors import campaigns_for_staff, entries_for_applicant
from pramoen.core.files import stored_file_response
from pramoen.core.types import User

__all__ = [
    "content_disposition",
    "evidence_files_of",
    "evidence_response",
    "safe_download_name",
    "user_may_view_entry",
]


def safe_download_name(name: str, fallback: str = "evidence") -> str:
    """The original name without directories, control or format characters, at most 150 chars."""
    base = PurePosixPath(name.replace("\\", "/")).name
    # Control and format characters (bidi overrides, newlines) could forge a name or a header.
    cleaned = "".join(
        ch for ch in base if ch == " " or unicodedata.category(ch)[0] not in ("C", "Z")
    )
    cleaned = cleaned.strip(" .")[:150]
    return cleaned or fallback


def content_disposition(name: str) -> str:
    """``attachment`` with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987)."""
    safe = safe_download_name(name)
    suffix = PurePosixPath(safe).suffix
    ascii_name = "".join(ch for ch in safe if ch.isascii() and (ch.isalnum() or ch in "-_.")) or ""
    if not ascii_name.strip("._") or ascii_name == suffix:
        ascii_name = f"evidence{suffix if suffix.isascii() else ''}"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(safe, safe='')}"


def evidence_response(evidence: EvidenceFile) -> HttpResponseBase:
    """The file as a download that no browser will render or sniff (streamed, or an S3 redirect
    that carries the same name and type)."""
    if not evidence.file:
        raise Http404("ไม่พบไฟล์")
    response = stored_file_response(
        evidence.file.name,
        content_type=evidence.content_type,
        filename=evidence.original_name,
        disposition=content_disposition(evidence.original_name),
    )
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


def _judge_may_view(user: User, entry: Entry) -> bool:
    # The judging app owns the rule (assigned and not conflicted) as the ``rules`` permission
    # judging.view_entry; asked by name, because judging depends on awards, not the other way
    # round. rules.has_perm tests the predicate itself (no superuser shortcut of a backend).
    return bool(rules.has_perm("judging.view_entry", user, entry))


def user_may_view_entry(user: User, entry: Entry) -> bool:
    """The entry's owner (its school's applicant accounts or whoever started it), the
    campaign's ESA staff, and the judges assigned to it."""
    if not getattr(user, "is_authenticated", False):
        return False
    if entries_for_applicant(user=user).filter(pk=entry.pk).exists():
        return True
    if (
        user.has_perm("pramoen.manage_campaigns")
        and campaigns_for_staff(user=user).filter(pk=entry.campaign_id).exists()
    ):
        return True
    return _judge_may_view(user, entry)


def evidence_files_of(entry: Entry) -> dict[tuple[str, str], list[EvidenceFile]]:
    """The entry's files grouped by (part, slot id), in upload order."""
    grouped: dict[tuple[str, str], list[EvidenceFile]] = {}
    for evidence in entry.evidence_files.order_by("uploaded_at", "pk"):
        grouped.setdefault((evidence.part, evidence.slot_id), []).append(evidence)
    return grouped

"""Duplicate and near-duplicate portfolios across a campaign and the past editions of its award.

Called where the portfolio check completes (it runs inside whatever runs the check): the file is
fingerprinted in a child process with limits (``documents.fingerprint_worker``), its LSH keys
stored, the entries sharing a key compared, and the pairs sharing at least half of the smaller
portfolio kept for staff at screening.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from pramoen.awards.models import (
    Campaign,
    Entry,
    PortfolioBand,
    PortfolioMatch,
    PortfolioSignature,
)
from pramoen.core.files import stored_on_disk
from pramoen.documents.fingerprint import band_keys, compare
from pramoen.documents.fingerprint_worker import run_fingerprint_subprocess

log = logging.getLogger(__name__)


def duplicate_scope(campaign: Campaign) -> list[int]:
    """This campaign and the earlier editions of the same award by the same ESA."""
    return list(
        Campaign.objects.filter(
            Q(pk=campaign.pk)
            | Q(esa_id=campaign.esa_id, name=campaign.name, edition__lt=campaign.edition)
        ).values_list("pk", flat=True)
    )


def _fingerprint(entry: Entry) -> dict[str, Any]:
    try:
        # The stored file itself on local disk (no copy per upload in a deadline rush).
        name = entry.portfolio.name or ""  # set: the caller returned early without a file
        with stored_on_disk(name, storage=entry.portfolio.storage) as path:
            return run_fingerprint_subprocess(path)
    except OSError as exc:  # storage unreachable: the upload itself has succeeded
        return {"error": f"อ่านแฟ้มผลงานจากที่เก็บไฟล์ไม่ได้ ({exc.__class__.__name__})"}


def _clear(entry: Entry) -> None:
    PortfolioMatch.objects.filter(Q(entry_a=entry) | Q(entry_b=entry)).delete()
    PortfolioSignature.objects.filter(entry=entry).delete()


def _d(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.0001"))


def portfolio_duplicates_check(*, entry: Entry) -> list[PortfolioMatch]:
    """(Re)compute ``entry``'s portfolio fingerprint and its near-duplicate pairs; returns the
    pairs found. No portfolio kept (none, or rejected) → its fingerprint and pairs are removed.
    A file that cannot be read within the limits keeps no fingerprint and is logged (the format
    check has already told the applicant what is wrong with it)."""
    entry = Entry.objects.select_related("campaign").get(pk=entry.pk)
    if not entry.portfolio or (entry.portfolio_report or {}).get("ok") is False:
        with transaction.atomic():
            _clear(entry)
        return []
    fingerprint = _fingerprint(entry)
    if "error" in fingerprint:
        log.warning("portfolio fingerprint of entry %s: %s", entry.pk, fingerprint["error"])
        with transaction.atomic():
            _clear(entry)
        return []
    keys = band_keys(fingerprint)
    now = timezone.now()
    with transaction.atomic():
        _clear(entry)
        signature = PortfolioSignature.objects.create(
            entry=entry, data=fingerprint, computed_at=now
        )
        PortfolioBand.objects.bulk_create(PortfolioBand(signature=signature, key=k) for k in keys)
        candidates = (
            PortfolioSignature.objects.filter(
                bands__key__in=keys, entry__campaign_id__in=duplicate_scope(entry.campaign)
            )
            .exclude(entry=entry)
            .distinct()
        )
        found: list[PortfolioMatch] = []
        for other in candidates:
            result = compare(fingerprint, other.data)
            if not result.flagged:
                continue
            forward = entry.pk < other.entry_id
            pages = [
                [m.page_a, m.page_b, m.similarity, m.kind]
                if forward
                else [m.page_b, m.page_a, m.similarity, m.kind]
                for m in result.pages
            ]
            found.append(
                PortfolioMatch(
                    entry_a_id=min(entry.pk, other.entry_id),
                    entry_b_id=max(entry.pk, other.entry_id),
                    similarity=_d(result.similarity),
                    text_share=_d(result.text_share),
                    image_share=_d(result.image_share),
                    pages=sorted(pages),
                    computed_at=now,
                )
            )
        return PortfolioMatch.objects.bulk_create(found)

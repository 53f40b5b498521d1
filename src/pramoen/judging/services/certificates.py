"""Certificates: numbered and given a verification code per tiered entry (and, when asked, per
committee member); revoked with a reason."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pramoen.awards.enums import EntryStatus
from pramoen.core.services import audit_record
from pramoen.core.types import User
from pramoen.judging.models import (
    Certificate,
    Committee,
    EntryResult,
)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
# 32¹⁶ = 2⁸⁰: the public verification page cannot be swept for valid codes (32⁸ was 40 bits).
CODE_LENGTH = 16


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@transaction.atomic
def certificates_issue(
    *,
    campaign: Any,
    actor: User | None,
    issued_on: date | None = None,
    include_committees: bool = False,
) -> list[Certificate]:
    """One valid certificate per finalized, eligible, tiered entry — and, when asked, per chair and
    member of every finalized committee. Existing valid certificates keep their number and code."""
    issued_on = issued_on or timezone.localdate()
    # One issuer at a time per campaign (a build retried while a slow first run still holds on):
    # the second waits, then finds the first one's certificates and reuses their numbers.
    type(campaign).objects.select_for_update().filter(pk=campaign.pk).first()
    results = (
        EntryResult.objects.filter(
            entry__campaign=campaign,
            entry__status=EntryStatus.SUBMITTED,
            reopened_at__isnull=True,
            eligible=True,
        )
        .exclude(tier="")
        .select_related("entry", "entry__school", "entry__category")
        .order_by("entry__category__position", "entry__category_id", "rank", "entry_id")
    )
    existing = list(Certificate.objects.filter(campaign=campaign, revoked_at__isnull=True))
    by_entry = {c.entry_id: c for c in existing if c.entry_id}
    by_member = {(c.committee_id, c.judge_id): c for c in existing if c.committee_id}
    number = (
        Certificate.objects.filter(campaign=campaign)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
        or 0
    )
    issued = []

    def create(**fields: Any) -> Certificate:
        nonlocal number
        number += 1
        return Certificate.objects.create(
            campaign=campaign,
            short_code=_new_code(),
            number=number,
            year_be=campaign.year_be,
            issued_on=issued_on,
            **fields,
        )

    for result in results:
        if result.entry_id in by_entry:
            issued.append(by_entry[result.entry_id])
            continue
        entry = result.entry
        issued.append(
            create(
                entry=entry,
                recipient=entry.nominee_name or entry.school.name_th,
                award=f"ได้รับ{result.tier_label_th}",
                category_label=entry.category.label_th,
            )
        )
    if include_committees:
        committees = (
            Committee.objects.filter(category__campaign=campaign, finalized_at__isnull=False)
            .select_related("category", "chair")
            .prefetch_related("members")
            .order_by("category__position", "category_id")
        )
        for committee in committees:
            people = [(committee.chair, "ประธานกรรมการตัดสิน")]
            people += [
                (m, "กรรมการตัดสิน")
                for m in sorted(committee.members.all(), key=lambda u: u.pk)
                if m.pk != committee.chair_id
            ]
            for person, role in people:
                if (committee.pk, person.pk) in by_member:
                    issued.append(by_member[(committee.pk, person.pk)])
                    continue
                issued.append(
                    create(
                        committee=committee,
                        judge=person,
                        recipient=person.display_name,
                        award=f"ได้ปฏิบัติหน้าที่{role}",
                        category_label=committee.category.label_th,
                    )
                )
    audit_record(
        actor=actor,
        action="judging.certificates_issue",
        target=campaign,
        after={"count": len(issued), "last_number": number, "committees": include_committees},
    )
    return issued


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, actor: User, reason: str) -> Certificate:
    if not reason.strip():
        raise ValidationError("กรุณาระบุเหตุผลที่เพิกถอน")
    certificate.revoked_at = timezone.now()
    certificate.revoke_reason = reason.strip()
    certificate.save(update_fields=["revoked_at", "revoke_reason"])
    audit_record(
        actor=actor,
        action="judging.certificate_revoke",
        target=certificate,
        before={"valid": True},
        after={"valid": False},
        reason=reason,
    )
    return certificate

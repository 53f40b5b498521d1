"""Certificates for a campaign's results, rendered by ``pramoen.documents.certificates``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError

from pramoen.documents.certificates import (
    BuildResult,
    CertificateError,
    CertificateTemplate,
    render_certificates,
)
from pramoen.documents.certificates import (
    Certificate as CertificateData,
)
from pramoen.judging.models import Certificate
from pramoen.judging.services import certificates_issue


def campaign_template(campaign: Any) -> CertificateTemplate:
    return CertificateTemplate(
        campaign_title=campaign.title_th,
        issuer=campaign.esa.name_th,
        signatory_name=campaign.signatory_name or "",
        # The letter keeps the position on several lines; the certificate prints the first two.
        signatory_position=" ".join(campaign.signatory_position.splitlines()[:2]),
    )


def certificate_data(cert: Certificate, verify_base: str) -> CertificateData:
    return CertificateData(
        recipient=cert.recipient,
        award=cert.award,
        number=cert.number,
        issued_on=cert.issued_on,
        verify_url=f"{verify_base.rstrip('/')}/{cert.short_code}/",
        short_code=cert.short_code,
        category=cert.category_label,
        number_year_be=cert.year_be,
    )


def build_campaign(
    *,
    campaign: Any,
    actor: Any,
    out_dir: Path,
    verify_base: str,
    issued_on: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    include_committees: bool = False,
) -> BuildResult:
    """Issue (or reuse) a certificate for every eligible tiered entry and render them all."""
    issued = certificates_issue(
        campaign=campaign,
        actor=actor,
        issued_on=issued_on,
        include_committees=include_committees,
    )
    if not issued:
        raise ValidationError("ยังไม่มีผลงานที่ได้รับรางวัลจากกลุ่มที่ยืนยันผลแล้ว")
    certs = Certificate.objects.filter(pk__in=[c.pk for c in issued]).order_by("number")
    try:
        return render_certificates(
            [certificate_data(c, verify_base) for c in certs],
            template=campaign_template(campaign),
            out_dir=out_dir,
            progress=progress,
        )
    except CertificateError as exc:
        raise ValidationError(exc.problems) from exc

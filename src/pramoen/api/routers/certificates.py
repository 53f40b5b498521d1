"""Certificate verification: public, throttled per client IP as the verification page."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema

from pramoen.api.errors import ApiError, error_responses
from pramoen.api.public import public_auth, throttle_ip
from pramoen.judging.models import Certificate

router = Router(tags=["certificates"], auth=public_auth())


class CertificateOut(Schema):
    code: str
    valid: bool
    revoked_at: datetime | None
    revoke_reason: str
    recipient: str
    award: str
    category_label: str
    campaign_title_th: str
    number: int
    year_be: int = Field(description="ปี พ.ศ. ของเกียรติบัตร")
    issued_on: date


def normalize_code(code: str) -> str:
    """A code as read aloud or copied: groups with dashes or spaces, any case (as the page)."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


@router.get(
    "/{code}", response={200: CertificateOut, **error_responses()}, url_name="certificate_verify"
)
def certificate_verify(
    request: HttpRequest, code: str = Path(..., pattern=r"^[A-Za-z0-9 -]{1,64}$")
) -> Any:
    throttle_ip(request, "verify")
    certificate = (
        Certificate.objects.select_related("campaign")
        .filter(short_code=normalize_code(code)[:16])
        .first()
    )
    if certificate is None:
        raise ApiError(404, "ไม่พบเกียรติบัตรรหัสนี้")
    return {
        "code": certificate.short_code,
        "valid": certificate.revoked_at is None,
        "revoked_at": certificate.revoked_at,
        "revoke_reason": certificate.revoke_reason,
        "recipient": certificate.recipient,
        "award": certificate.award,
        "category_label": certificate.category_label,
        "campaign_title_th": certificate.campaign.title_th if certificate.campaign else "",
        "number": certificate.number,
        "year_be": certificate.year_be,
        "issued_on": certificate.issued_on,
    }

"""What every judging page shares: Thai messages of a refusal, the staff's campaign lookup."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404

from pramoen.awards.models import Campaign
from pramoen.core.types import AuthenticatedRequest

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def error_messages(exc: ValidationError) -> list[str]:
    return list(exc.messages)


def managed_campaign(request: AuthenticatedRequest, campaign_id: int) -> Campaign:
    from pramoen.awards.selectors import campaigns_for_staff

    campaign = campaigns_for_staff(user=request.user).filter(pk=campaign_id).first()
    if campaign is None:
        raise Http404("ไม่พบการประกวด")
    return campaign

"""Award entries: an applicant's own (as /awards/entries/: a school account every entry of its
school, a person their own); ESA staff every entry of their ESAs' campaigns."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from pramoen.api.auth import auth
from pramoen.api.errors import error_responses
from pramoen.api.pagination import MAX_ID, NO_NUL, Mapped, Pages
from pramoen.api.permissions import user_of
from pramoen.awards.models import Entry
from pramoen.awards.selectors import campaigns_for_staff, entries_for_applicant

router = Router(tags=["entries"], auth=auth())


class EntryOut(Schema):
    id: int
    campaign_id: int
    category_id: int
    school_id: int | None
    school_name: str
    nominee_name: str
    status: str
    status_label_th: str
    eligibility: str
    submitted_at: datetime | None
    updated_at: datetime


class EntryFilters(Schema):
    campaign_id: int | None = Field(None, ge=1, le=MAX_ID)
    status: str = Field("", max_length=24, pattern=NO_NUL)


def _entries(request: HttpRequest) -> Any:
    user = user_of(request)
    staff = user.has_perm("pramoen.manage_campaigns")
    applicant = user.has_perm("pramoen.apply")
    if not (staff or applicant):
        raise PermissionDenied
    condition = Q(pk__in=[])
    if applicant:
        condition |= Q(pk__in=entries_for_applicant(user=user).values("pk"))
    if staff:
        condition |= Q(campaign__in=campaigns_for_staff(user=user).values("pk"))
    return Entry.objects.filter(condition).select_related("school").order_by("-created_at", "-pk")


def _entry_out(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "campaign_id": entry.campaign_id,
        "category_id": entry.category_id,
        "school_id": entry.school_id,
        "school_name": entry.school.name_th if entry.school else "",
        "nominee_name": entry.nominee_name,
        "status": entry.status,
        "status_label_th": str(entry.get_status_display()),
        "eligibility": entry.eligibility or "",
        "submitted_at": entry.submitted_at,
        "updated_at": entry.updated_at,
    }


@router.get("", response={200: list[EntryOut], **error_responses()}, url_name="entry_list")
@paginate(Pages)
def entry_list(request: HttpRequest, filters: Query[EntryFilters]) -> Any:
    entries = _entries(request)
    if filters.campaign_id:
        entries = entries.filter(campaign_id=filters.campaign_id)
    if filters.status:
        entries = entries.filter(status=filters.status)
    return Mapped(entries, _entry_out)


@router.get("/{entry_id}", response={200: EntryOut, **error_responses()}, url_name="entry_detail")
def entry_detail(request: HttpRequest, entry_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    return _entry_out(get_object_or_404(_entries(request), pk=entry_id))

"""The campaign groups page: tick the competition groups a campaign offers (after creating it,
or later), each with what applicants will see, saved in one POST."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from pramoen.awards.group_catalog import OfferedGroup, category_key, grouped, offered_groups
from pramoen.awards.models import Campaign
from pramoen.awards.services import campaign_groups_add
from pramoen.awards.views import _campaign, campaign_staff_required
from pramoen.core.types import AuthenticatedRequest
from pramoen.thai import to_thai_digits


class CampaignGroupsForm(forms.Form):
    groups = forms.MultipleChoiceField(
        required=True,
        error_messages={
            "required": "กรุณาเลือกกลุ่มการประกวดอย่างน้อยหนึ่งกลุ่ม",
            "invalid_choice": "ไม่พบกลุ่มที่เลือกในรายการ กรุณาโหลดหน้าใหม่แล้วเลือกอีกครั้ง",
        },
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["groups"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices


@dataclass
class GroupsPage:
    """The groups form and what its template shows (also step 2 of the campaign wizard)."""

    form: CampaignGroupsForm
    by_key: dict[str, OfferedGroup]
    context: dict[str, Any]


def groups_page(campaign: Campaign, data: QueryDict | None, *, required: bool = True) -> GroupsPage:
    existing = {category_key(c) for c in campaign.categories.all()}
    offered = offered_groups()
    # Groups the campaign already has are shown ticked and disabled: not choices to post again.
    by_key = {g.key: g for g in offered if g.key not in existing}
    form = CampaignGroupsForm(data, choices=[(g.key, g.label_th) for g in by_key.values()])
    form.fields["groups"].required = required
    ticked = set(data.getlist("groups")) if data is not None else set()  # shown again
    context = {
        "campaign": campaign,
        "form": form,
        "catalog": grouped(offered),
        "existing": existing,
        "ticked": ticked,
        "offered_count": len(offered),
    }
    return GroupsPage(form=form, by_key=by_key, context=context)


@require_http_methods(["GET", "POST"])
@campaign_staff_required
def campaign_groups(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    # An empty POST (nothing ticked) is still a submission to answer with a Thai message.
    page = groups_page(campaign, request.POST if request.method == "POST" else None)
    form, by_key = page.form, page.by_key
    status = 200
    if request.method == "POST":
        if form.is_valid():
            specs = [by_key[key].spec for key in form.cleaned_data["groups"]]
            try:
                created = campaign_groups_add(campaign=campaign, specs=specs, actor=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    f"เพิ่มกลุ่มการประกวด {to_thai_digits(str(len(created)))} กลุ่มแล้ว",
                )
                return redirect("awards:campaign_detail", pk=campaign.pk)
        messages.error(request, "ยังไม่ได้บันทึกกลุ่มการประกวด กรุณาแก้ไขตามข้อความสีแดง")
        status = 400
    return render(request, "awards/campaign_groups.html", page.context, status=status)

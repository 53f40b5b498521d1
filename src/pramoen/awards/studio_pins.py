"""Pinning a published studio version in a campaign group (issue 13).

Only a published version can be pinned (a draft is never scored); the version must belong to the
campaign's ESA or be shared nationally; once any judge has opened an entry of the group its
version is fixed, as for a library re-pin. The pinned document is kept as a
``core.InstrumentSnapshot``, so the group resolves and scores through ``core.instrument_store``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from pramoen.awards.models import CampaignCategory, Entry
from pramoen.awards.selectors import SLOTS, campaigns_for_staff, esas_managed_by
from pramoen.awards.views import campaign_staff_required
from pramoen.core.instrument_store import instrument_snapshot_store
from pramoen.core.services import audit_record
from pramoen.core.types import AuthenticatedRequest
from pramoen.instruments.versions import document_instrument
from pramoen.studio.models import StudioVersion
from pramoen.studio.selectors import studio_versions_pinnable
from pramoen.thai import to_thai_digits


@transaction.atomic
def category_pin_studio_version(
    *, category: CampaignCategory, version: StudioVersion, actor: Any
) -> CampaignCategory:
    """Pin the slot of ``category`` that matches the version's kind to ``version``."""
    category = (
        CampaignCategory.objects.select_for_update().select_related("campaign").get(pk=category.pk)
    )
    slot = version.instrument.kind
    if slot not in SLOTS:
        raise ValidationError("แบบประเมินชนิดนี้ใช้ในกลุ่มการประกวดไม่ได้")
    owner_ok = version.instrument.esa_id == category.campaign.esa_id
    if not owner_ok and not version.instrument.shared_nationally:
        raise ValidationError("แบบประเมินนี้เป็นของเขตพื้นที่อื่นและไม่ได้แบ่งปัน")
    if Entry.objects.filter(category=category, reviews__isnull=False).exists():
        raise ValidationError(
            "กรรมการเริ่มประเมินผลงานของกลุ่มนี้แล้ว จึงเปลี่ยนแบบประเมินไม่ได้ "
            "(ผลงานในกลุ่มเดียวกันต้องประเมินด้วยแบบประเมินฉบับเดียวกัน)"
        )
    instrument = document_instrument(
        version.document, expected_hash=version.version_hash, where=version.instrument.instrument_id
    )
    instrument_snapshot_store(instrument=instrument)
    before = {
        "slot": slot,
        "instrument_id": getattr(category, f"{slot}_instrument_id"),
        "instrument_hash": getattr(category, f"{slot}_instrument_hash"),
    }
    setattr(category, f"{slot}_instrument_id", instrument.id)
    setattr(category, f"{slot}_instrument_hash", version.version_hash)
    category.save(update_fields=[f"{slot}_instrument_id", f"{slot}_instrument_hash"])
    audit_record(
        actor=actor,
        action="awards.category_pin_studio",
        target=category,
        before=before,
        after={
            "slot": slot,
            "instrument_id": instrument.id,
            "instrument_hash": version.version_hash,
            "studio_version": version.number,
        },
    )
    return category


class PinForm(forms.Form):
    category = forms.ModelChoiceField(
        label="กลุ่มการประกวดที่จะใช้แบบประเมินฉบับนี้", queryset=CampaignCategory.objects.none()
    )

    def __init__(self, *args: Any, categories: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        field.queryset = categories  # type: ignore[attr-defined]
        field.label_from_instance = (  # type: ignore[attr-defined]
            lambda c: f"{c.campaign.title_th} · {c.label_th}"
        )


@require_http_methods(["GET", "POST"])
@campaign_staff_required
def studio_pin_view(request: AuthenticatedRequest, version_pk: int) -> HttpResponse:
    esas = esas_managed_by(user=request.user)
    version = get_object_or_404(studio_versions_pinnable(esas=esas), pk=version_pk)
    categories = (
        CampaignCategory.objects.filter(campaign__in=campaigns_for_staff(user=request.user))
        .select_related("campaign")
        .order_by("-campaign__year_be", "campaign__pk", "position", "pk")
    )
    form = PinForm(request.POST or None, categories=categories)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            category = category_pin_studio_version(
                category=form.cleaned_data["category"], version=version, actor=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            status = 400
        else:
            messages.success(
                request,
                f"{category.label_th}: ใช้{SLOTS[version.instrument.kind]} "
                f"“{version.instrument.title_th}” ฉบับที่ {to_thai_digits(str(version.number))} แล้ว",
            )
            return redirect("awards:campaign_detail", category.campaign_id)
    elif request.method == "POST":
        status = 400
    return render(
        request, "awards/studio_pin.html", {"version": version, "form": form}, status=status
    )

"""Studio pages: the list (the ESA's instruments and the shipped library), create and clone."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from pramoen.core.decorators import permission_required
from pramoen.core.paging import page_of
from pramoen.core.types import AuthenticatedRequest
from pramoen.orgs.models import Organization
from pramoen.studio.models import StudioInstrument
from pramoen.studio.selectors import (
    library_entries,
    studio_esas,
    studio_instruments_editable,
    studio_instruments_visible,
    studio_may_edit,
)
from pramoen.studio.services import StudioRefused, studio_instrument_clone, studio_instrument_create

studio_required = permission_required("pramoen.use_studio")


class CreateForm(forms.Form):
    title_th = forms.CharField(label="ชื่อแบบประเมิน", max_length=500)
    kind = forms.ChoiceField(
        label="ชนิด",
        choices=[("scoring", "เกณฑ์การให้คะแนน"), ("eligibility", "แบบประเมินคุณสมบัติเบื้องต้น")],
    )
    esa = forms.ModelChoiceField(label="เขตพื้นที่ที่เป็นเจ้าของ", queryset=Organization.objects.none())

    def __init__(self, *args, esas, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["esa"].queryset = esas  # type: ignore[attr-defined]
        if esas.count() == 1:
            self.fields["esa"].initial = esas.first()


class CloneForm(forms.Form):
    source = forms.CharField(max_length=80)
    esa = forms.ModelChoiceField(queryset=Organization.objects.none(), required=False)

    def __init__(self, *args, esas, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["esa"].queryset = esas  # type: ignore[attr-defined]


def editable_instrument(request: AuthenticatedRequest, pk: int) -> StudioInstrument:
    return get_object_or_404(studio_instruments_editable(user=request.user), pk=pk)


def visible_instrument(request: AuthenticatedRequest, pk: int) -> tuple[StudioInstrument, bool]:
    row = get_object_or_404(studio_instruments_visible(user=request.user), pk=pk)
    return row, studio_may_edit(user=request.user, instrument=row)


@require_GET
@studio_required
def studio_list(request: AuthenticatedRequest) -> HttpResponse:
    esas = studio_esas(user=request.user)
    page, query = page_of(request, studio_instruments_visible(user=request.user), size=20)
    library, library_query = page_of(request, library_entries(), size=30, param="library")
    return render(
        request,
        "studio/list.html",
        {
            "page": page,
            "query": query,
            "library": library,
            "library_query": library_query,
            "form": CreateForm(esas=esas),
            "esas": esas,
            "my_esa_ids": set(esas.values_list("pk", flat=True)),
        },
    )


def _one_esa(request: AuthenticatedRequest, chosen: Organization | None) -> Organization:
    esas = studio_esas(user=request.user)
    if chosen is not None:
        return chosen
    first = esas.first()
    if first is None:
        raise Http404
    return first


@require_POST
@studio_required
def studio_create(request: AuthenticatedRequest) -> HttpResponse:
    esas = studio_esas(user=request.user)
    form = CreateForm(request.POST, esas=esas)
    if form.is_valid():
        try:
            row = studio_instrument_create(
                esa=form.cleaned_data["esa"],
                actor=request.user,
                title_th=form.cleaned_data["title_th"],
                kind=form.cleaned_data["kind"],
            )
        except StudioRefused as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"สร้างแบบประเมิน {row.title_th} แล้ว")
            return redirect("studio:edit", pk=row.pk)
    page, query = page_of(request, studio_instruments_visible(user=request.user), size=20)
    library, library_query = page_of(request, library_entries(), size=30, param="library")
    return render(
        request,
        "studio/list.html",
        {
            "page": page,
            "query": query,
            "library": library,
            "library_query": library_query,
            "form": form,
            "esas": esas,
            "my_esa_ids": set(esas.values_list("pk", flat=True)),
        },
        status=400,
    )


@require_POST
@studio_required
def studio_clone(request: AuthenticatedRequest) -> HttpResponse:
    form = CloneForm(request.POST, esas=studio_esas(user=request.user))
    if not form.is_valid():
        messages.error(request, "เลือกแบบประเมินต้นฉบับไม่ถูกต้อง")
        return redirect("studio:list")
    try:
        row = studio_instrument_clone(
            esa=_one_esa(request, form.cleaned_data["esa"]),
            actor=request.user,
            source_id=form.cleaned_data["source"],
        )
    except StudioRefused as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("studio:list")
    messages.success(request, f"คัดลอก “{row.title_th}” เป็นแบบประเมินของเขตพื้นที่แล้ว แก้ไขได้ทันที")
    return redirect("studio:edit", pk=row.pk)

"""The quality-school registry pages (KPI 10): the registry of a year, one school's place in it,
add, change, remove — for the ESA's staff, without /admin/. GETs only read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from pramoen.core.decorators import permission_required
from pramoen.core.paging import page_of
from pramoen.core.types import AuthenticatedRequest
from pramoen.orgs import quality_selectors, quality_services, selectors
from pramoen.orgs.models import Organization
from pramoen.orgs.quality_forms import RegistryFilterForm, RegistryPlaceForm, RemoveForm

PERM = "pramoen.manage_quality_registry"
PAGE_SIZE = 50


def _school(request: AuthenticatedRequest, pk: int) -> Organization:
    school = get_object_or_404(Organization.objects.schools().select_related("parent"), pk=pk)
    if not request.user.has_perm(PERM, school):
        raise Http404  # another ESA's school: "not found", so its existence is not told
    return school


def _year(request: AuthenticatedRequest) -> int:
    form = RemoveForm({"year": request.GET.get("year", "")})
    form.is_valid()
    return form.cleaned_data.get("year") or quality_selectors.current_registry_year()


def _schools(esa_ids: list[int] | None) -> Any:
    schools = Organization.objects.schools().order_by("name_sort")
    return schools if esa_ids is None else schools.filter(parent_id__in=esa_ids)


def _refused(form: Any, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@require_http_methods(["GET"])
@permission_required(PERM)
def quality_list(request: AuthenticatedRequest) -> HttpResponse:
    esa_ids = selectors.staff_esa_ids(request.user)
    form = RegistryFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    year = data.get("year") or quality_selectors.current_registry_year()
    schools = quality_selectors.registry_list(
        esa_ids=esa_ids, academic_year=year, search=data.get("q", ""), role=data.get("role", "")
    )
    if form.is_bound and not form.is_valid():
        schools = schools.none()
    page, query = page_of(request, schools, size=PAGE_SIZE)
    context = {"form": form, "page": page, "query": query, "year": year}
    template = "orgs/_quality_results.html" if request.htmx else "orgs/quality_list.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@permission_required(PERM)
def quality_add(request: AuthenticatedRequest) -> HttpResponse:
    esa_ids = selectors.staff_esa_ids(request.user)
    form = RegistryPlaceForm(
        request.POST if request.method == "POST" else None,
        schools=_schools(esa_ids),
        cores=quality_selectors.core_choices(esa_ids=esa_ids),
        initial={"year": quality_selectors.current_registry_year(), "participating": True},
    )
    if request.method == "POST" and form.is_valid():
        school = form.cleaned_data["school"]
        try:
            quality_services.quality_registry_set(
                school=school, actor=request.user, **form.service_kwargs()
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, f"บันทึก{school.name_th}ในทะเบียนโรงเรียนคุณภาพแล้ว")
            url = reverse("orgs:quality_detail", args=[school.pk])
            return redirect(f"{url}?year={form.cleaned_data['year']}")
    status = 400 if form.is_bound else 200
    return render(request, "orgs/quality_add.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@permission_required(PERM)
def quality_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    school = _school(request, pk)
    esa_ids = selectors.staff_esa_ids(request.user)
    year = _year(request)
    place = quality_selectors.registry_place(school=school, academic_year=year)
    initial: dict[str, Any] = {"year": year, "participating": True}
    if place.core is not None:
        initial["role"] = place.core.kind
    elif place.member is not None:
        member = place.member
        initial |= {
            "role": quality_selectors.NETWORK,
            "core": member.core_id,
            "integrated_learning": member.integrated_learning,
            "resource_sharing": member.resource_sharing,
            "participating": member.participating,
            "non_participation_reason": member.non_participation_reason,
        }
    form = RegistryPlaceForm(
        request.POST if request.method == "POST" else None,
        cores=quality_selectors.core_choices(esa_ids=esa_ids).exclude(school=school),
        with_school=False,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            quality_services.quality_registry_set(
                school=school, actor=request.user, **form.service_kwargs()
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, "บันทึกการเปลี่ยนแปลงในทะเบียนแล้ว")
            url = reverse("orgs:quality_detail", args=[school.pk])
            return redirect(f"{url}?year={form.cleaned_data['year']}")
    context = {
        "school": school,
        "place": place,
        "form": form,
        "remove_form": RemoveForm(initial={"year": year}),
    }
    status = 400 if form.is_bound else 200
    return render(request, "orgs/quality_detail.html", context, status=status)


@require_POST
@permission_required(PERM)
def quality_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    school = _school(request, pk)
    form = RemoveForm(request.POST)
    url = reverse("orgs:quality_detail", args=[school.pk])
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect(url)
    year = form.cleaned_data["year"]
    try:
        quality_services.quality_registry_remove(
            school=school,
            academic_year=year,
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"นำ{school.name_th}ออกจากทะเบียนของปีการศึกษา {year} แล้ว")
    return redirect(f"{url}?year={year}")

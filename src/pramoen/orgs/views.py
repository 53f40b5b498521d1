"""Staff pages for master data: function views, htmx partials for the list results."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from pramoen.core.decorators import permission_required
from pramoen.core.types import AuthenticatedRequest
from pramoen.orgs import selectors, services
from pramoen.orgs.enums import ImportKind, ImportStatus, OrganizationKind
from pramoen.orgs.forms import (
    EnrollmentForm,
    ImportUploadForm,
    NationalIdSearchForm,
    PersonFilterForm,
    PersonForm,
    SchoolFilterForm,
    SchoolForm,
)
from pramoen.orgs.imports import batches
from pramoen.orgs.imports.importers import IMPORTERS
from pramoen.orgs.imports.template_files import template_csv, template_xlsx
from pramoen.orgs.models import ImportBatch, Organization, Person, SchoolNetwork
from pramoen.orgs.sizes import DEFAULT_SCHEME, SCHEMES

PAGE_SIZE = 50


staff_required = permission_required("pramoen.manage_master_data")


def _check_scope(request: AuthenticatedRequest, organization: Organization) -> None:
    esa_ids = selectors.staff_esa_ids(request.user)
    if esa_ids is None:
        return
    esa_id = organization.pk if organization.is_esa else organization.parent_id
    if esa_id not in esa_ids:
        raise Http404


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# ----------------------------------------------------------------------------------- schools


@staff_required
def school_list(request: AuthenticatedRequest) -> HttpResponse:
    esa_ids = selectors.staff_esa_ids(request.user)
    networks = SchoolNetwork.objects.order_by("name")
    if esa_ids is not None:
        networks = networks.filter(esa_id__in=esa_ids)
    form = SchoolFilterForm(request.GET or None, networks=list(networks))
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        filters = form.cleaned_data
    year = filters.get("year") or selectors.latest_enrollment_year()
    scheme_key = filters.get("scheme") or DEFAULT_SCHEME
    schools = selectors.school_list(
        esa_ids=esa_ids,
        search=filters.get("q", ""),
        school_type=filters.get("school_type", ""),
        network_id=filters.get("network") or None,
        size_class=filters.get("size", ""),
        scheme=scheme_key,
        year=year,
    )
    page = Paginator(schools, PAGE_SIZE).get_page(request.GET.get("page"))
    scheme = SCHEMES[scheme_key]
    for school in page.object_list:
        school.size_class = (  # type: ignore[attr-defined]  # shown
            scheme.classify(school.students)  # type: ignore[attr-defined]  # annotated
            if school.students is not None  # type: ignore[attr-defined]
            else None
        )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "year": year,
        "scheme": scheme,
        "query": query.urlencode(),
    }
    template = "orgs/_school_results.html" if request.htmx else "orgs/school_list.html"
    return render(request, template, context)


def _saved_with_reason(
    request: AuthenticatedRequest, form: Any, update: Callable[..., dict[str, Any]]
) -> bool:
    """Call an ``<entity>_update`` service with the form's data and its reason; say in Thai what
    changed (True), or put the service's refusal on the form (False)."""
    data = dict(form.cleaned_data)
    reason = data.pop("reason")
    try:
        changed = update(actor=request.user, reason=reason, **data)
    except ValidationError as error:
        _add_errors(form, error)
        return False
    messages.success(
        request,
        f"บันทึกแล้ว ({len(changed)} รายการ)" if changed else "ไม่มีข้อมูลที่เปลี่ยนแปลง",
    )
    return True


@staff_required
@require_http_methods(["GET", "POST"])
def school_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    school = get_object_or_404(
        Organization.objects.select_related("parent", "network"),
        pk=pk,
        kind=OrganizationKind.SCHOOL,
    )
    _check_scope(request, school)
    form = SchoolForm(
        request.POST if request.method == "POST" and "save_school" in request.POST else None,
        school=school,
        initial=SchoolForm.initial_for(school),
    )
    enrollment_form = EnrollmentForm(
        request.POST if request.method == "POST" and "save_enrollment" in request.POST else None
    )
    update = partial(services.school_update, school=school)
    if form.is_bound and form.is_valid() and _saved_with_reason(request, form, update):
        return redirect("orgs:school_edit", pk=school.pk)
    if enrollment_form.is_bound and enrollment_form.is_valid():
        services.enrollment_set(school=school, actor=request.user, **enrollment_form.cleaned_data)
        messages.success(request, "บันทึกจำนวนนักเรียนแล้ว")
        return redirect("orgs:school_edit", pk=school.pk)
    enrollments = list(school.enrollments.all())
    sizes = [
        {
            "year": e.academic_year,
            "students": e.students,
            "classes": [scheme.classify(e.students).label for scheme in SCHEMES.values()],
        }
        for e in enrollments
    ]
    context = {
        "school": school,
        "form": form,
        "enrollment_form": enrollment_form,
        "sizes": sizes,
        "schemes": list(SCHEMES.values()),
        "onesqa": list(school.onesqa_results.all()),
        "onet": list(school.onet_means.order_by("-academic_year", "grade", "subject")),
        "trail": selectors.audit_trail(school),
        "trail_kind": "orgs.organization",
        "trail_id": school.pk,
    }
    return render(request, "orgs/school_edit.html", context)


# ------------------------------------------------------------------------------------ people


@staff_required
@require_http_methods(["GET", "POST"])
def person_list(request: AuthenticatedRequest) -> HttpResponse:
    form = PersonFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        filters = form.cleaned_data
    id_form = NationalIdSearchForm(request.POST or None)
    national_id = ""
    if id_form.is_bound and id_form.is_valid():
        national_id = id_form.cleaned_data["national_id"]
    people = selectors.person_list(
        esa_ids=selectors.staff_esa_ids(request.user),
        search=filters.get("q", ""),
        position=filters.get("position", ""),
        national_id=national_id,
    )
    if id_form.is_bound and not id_form.is_valid():
        people = people.none()
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "id_form": id_form, "page": page, "query": query.urlencode()}
    template = "orgs/_person_results.html" if request.htmx else "orgs/person_list.html"
    return render(request, template, context)


@staff_required
@require_http_methods(["GET", "POST"])
def person_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("organization"), pk=pk)
    _check_scope(request, person.organization)
    initial = {name: getattr(person, name) for name in PersonForm.FIELDS}
    form = PersonForm(request.POST if request.method == "POST" else None, initial=initial)
    update = partial(services.person_update, person=person)
    if form.is_bound and form.is_valid() and _saved_with_reason(request, form, update):
        return redirect("orgs:person_edit", pk=person.pk)
    context = {
        "person": person,
        "form": form,
        "awards": list(person.awards.all()),
        "disciplinary": list(person.disciplinary.all()),
        "trail": selectors.audit_trail(person),
        "trail_kind": "orgs.person",
        "trail_id": person.pk,
    }
    return render(request, "orgs/person_edit.html", context)


# ----------------------------------------------------------------------------------- imports


@staff_required
@require_http_methods(["GET", "POST"])
def import_upload(request: AuthenticatedRequest) -> HttpResponse:
    form = ImportUploadForm(
        request.POST or None, request.FILES or None, initial={"kind": request.GET.get("kind")}
    )
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > batches.WEB_IMPORT_MAX_BYTES:
            form.add_error(
                "file",
                f"ไฟล์มีขนาด {upload.size / 1048576:.1f} MB เกินขนาดสูงสุด "
                f"{batches.WEB_IMPORT_MAX_BYTES / 1048576:.0f} MB กรุณาแบ่งไฟล์",
            )
        else:
            batch = batches.batch_start(
                kind=form.cleaned_data["kind"],
                filename=upload.name,
                data=upload.read(),
                actor=request.user,
            )
            url = reverse("orgs:import_detail", kwargs={"pk": batch.pk})
            return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    recent = ImportBatch.objects.filter(uploaded_by=request.user).order_by("-created_at")[:10]
    return render(
        request,
        "orgs/import_upload.html",
        {
            "form": form,
            "recent": recent,
            "kinds": ImportKind.choices,
            "max_mb": batches.WEB_IMPORT_MAX_BYTES // 1048576,
        },
    )


def _own_batch(request: AuthenticatedRequest, pk: int) -> ImportBatch:
    batch = get_object_or_404(ImportBatch, pk=pk)
    if (
        batch.uploaded_by_id != request.user.pk
        and selectors.staff_esa_ids(request.user) is not None
    ):
        raise Http404
    return batch


@staff_required
def import_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    batch = _own_batch(request, pk)
    if request.htmx and request.GET.get("progress"):
        if batch.running:
            return render(request, "orgs/_import_progress.html", {"batch": batch})
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(
        request, "orgs/import_detail.html", {"batch": batch, **batches.batch_report(batch)}
    )


@staff_required
@require_POST
def import_commit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    batch = _own_batch(request, pk)
    if batch.status != ImportStatus.PREVIEWED:
        messages.error(request, "นำเข้าไฟล์นี้ไม่ได้ (ยังมีข้อผิดพลาดหรือถูกนำเข้าไปแล้ว)")
        return redirect("orgs:import_detail", pk=batch.pk)
    try:
        batches.batch_commit(batch=batch, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("orgs:import_detail", pk=batch.pk)
    if batch.status == ImportStatus.COMMITTED:
        change_count = batch.counts.get("change_count", 0)
        messages.success(request, f"นำเข้าแล้ว: เปลี่ยนแปลง {change_count:,} รายการ")
    elif batch.status == ImportStatus.REJECTED:
        messages.error(request, "ไม่ได้นำเข้า: พบข้อผิดพลาด ไม่มีการบันทึกข้อมูลใด ๆ")
    return redirect("orgs:import_detail", pk=batch.pk)


@staff_required
def import_template(request: AuthenticatedRequest, kind: str, fmt: str) -> HttpResponse:
    importer_class = IMPORTERS.get(kind)
    if importer_class is None or fmt not in {"csv", "xlsx"}:
        raise Http404
    importer = importer_class()
    if fmt == "csv":
        body, content_type = template_csv(importer), "text/csv; charset=utf-8"
    else:
        body = template_xlsx(importer)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="pramoen-{kind}-template.{fmt}"'
    return response

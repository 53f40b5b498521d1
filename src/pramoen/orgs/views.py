"""Staff pages for master data: function views, htmx partials for the list results."""

from __future__ import annotations

import hashlib
import logging
import tempfile
import threading
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

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
from pramoen.orgs.imports.api import import_file
from pramoen.orgs.imports.engine import Progress, Report
from pramoen.orgs.imports.importers import IMPORTERS
from pramoen.orgs.imports.template_files import template_csv, template_xlsx
from pramoen.orgs.models import ImportBatch, Organization, Person, SchoolNetwork
from pramoen.orgs.sizes import DEFAULT_SCHEME, SCHEMES

logger = logging.getLogger(__name__)
PAGE_SIZE = 50
# Files from this size up are checked off the request, with a progress bar (≈ 1,500 rows).
BACKGROUND_BYTES = getattr(settings, "PRAMOEN_IMPORT_BACKGROUND_BYTES", 512 * 1024)
WEB_IMPORT_MAX_BYTES = getattr(settings, "PRAMOEN_IMPORT_MAX_BYTES", 20 * 1024 * 1024)
ERRORS_SHOWN = 500


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("pramoen.manage_master_data"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _check_scope(request: HttpRequest, organization: Organization) -> None:
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
def school_list(request: HttpRequest) -> HttpResponse:
    esa_ids = selectors.staff_esa_ids(request.user)
    networks = SchoolNetwork.objects.order_by("name")
    if esa_ids is not None:
        networks = networks.filter(esa_id__in=esa_ids)
    networks = list(networks)
    form = SchoolFilterForm(request.GET or None, networks=networks)
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
        school.size_class = (
            scheme.classify(school.students) if school.students is not None else None
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


@staff_required
@require_http_methods(["GET", "POST"])
def school_edit(request: HttpRequest, pk: int) -> HttpResponse:
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
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            changed = services.school_update(
                school=school, actor=request.user, reason=reason, **data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                f"บันทึกแล้ว ({len(changed)} รายการ)" if changed else "ไม่มีข้อมูลที่เปลี่ยนแปลง",
            )
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
    }
    return render(request, "orgs/school_edit.html", context)


# ------------------------------------------------------------------------------------ people


@staff_required
@require_http_methods(["GET", "POST"])
def person_list(request: HttpRequest) -> HttpResponse:
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
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("organization"), pk=pk)
    _check_scope(request, person.organization)
    initial = {name: getattr(person, name) for name in PersonForm.FIELDS}
    form = PersonForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            changed = services.person_update(
                person=person, actor=request.user, reason=reason, **data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                f"บันทึกแล้ว ({len(changed)} รายการ)" if changed else "ไม่มีข้อมูลที่เปลี่ยนแปลง",
            )
            return redirect("orgs:person_edit", pk=person.pk)
    context = {
        "person": person,
        "form": form,
        "awards": list(person.awards.all()),
        "disciplinary": list(person.disciplinary.all()),
        "trail": selectors.audit_trail(person),
    }
    return render(request, "orgs/person_edit.html", context)


# ----------------------------------------------------------------------------------- imports


def _report_from_batch(batch: ImportBatch) -> dict[str, Any]:
    return {
        "errors": batch.errors[:ERRORS_SHOWN],
        # Past MAX_ERRORS_KEPT the errors are counted, not stored.
        "errors_total": batch.counts.get("errors_total", len(batch.errors)),
        "bad_lines": batch.counts.get("bad_lines", len({e["line"] for e in batch.errors})),
        "counts": batch.counts.get("labelled", []),
        "change_count": batch.counts.get("change_count", 0),
        "file_errors": batch.counts.get("file_errors", []),
        "notes": batch.counts.get("notes", []),
        "ignored": batch.counts.get("ignored", []),
        "changes": batch.counts.get("changes", []),
    }


def _store_report(batch: ImportBatch, report: Report) -> None:
    batch.total_rows = report.total_rows
    batch.errors = report.errors_json()
    batch.counts = {
        "raw": report.counts,
        "errors_total": report.error_count,
        "bad_lines": report.bad_line_count or len(report.bad_lines),
        "labelled": report.labelled_counts(),
        "change_count": report.change_count,
        "file_errors": report.file_errors,
        "notes": report.notes,
        "ignored": report.ignored_columns,
        "changes": [
            {"label": c.label, "before": c.before, "after": c.after} for c in report.changes
        ],
    }


def _run(
    batch: ImportBatch, *, commit: bool, actor: Any, progress: Progress | None = None
) -> Report:
    with batch.file.open("rb") as fh:
        data = fh.read()
    if hashlib.sha256(data).hexdigest() != batch.sha256:
        report = Report(kind=batch.kind)
        report.file_errors.append("ไฟล์ที่เก็บไว้ไม่ตรงกับไฟล์ที่ตรวจสอบ กรุณาอัปโหลดใหม่")
        return report
    with tempfile.NamedTemporaryFile(suffix=Path(batch.filename).suffix) as tmp:
        tmp.write(data)
        tmp.flush()
        del data
        return import_file(
            batch.kind,
            tmp.name,
            commit=commit,
            actor=actor,
            max_bytes=WEB_IMPORT_MAX_BYTES,
            source_name=batch.filename,
            allowed_esa_ids=selectors.staff_esa_ids(actor),
            progress=progress,
        )


def _finish(batch: ImportBatch, report: Report, *, commit: bool) -> None:
    _store_report(batch, report)
    if commit and report.committed:
        batch.status = ImportStatus.COMMITTED
        batch.committed_at = timezone.now()
    elif report.ok and not commit:
        batch.status = ImportStatus.PREVIEWED
    else:
        batch.status = ImportStatus.REJECTED
    if batch.status != ImportStatus.PREVIEWED:
        _discard_file(batch)
    batch.save()


def _work_in_background(batch_pk: int, commit: bool, actor_pk: int) -> None:
    """Check or commit a large file off the request; the page polls the batch's progress."""
    from django.contrib.auth import get_user_model

    try:
        batch = ImportBatch.objects.get(pk=batch_pk)
        actor = get_user_model().objects.get(pk=actor_pk)

        def progress(stage: str, done: int, total: int) -> None:
            if connection.in_atomic_block:
                # A commit checks and writes inside one transaction: a write from here would be
                # invisible to the polling page and hold a lock on the batch row until the end.
                return
            ImportBatch.objects.filter(pk=batch_pk).update(progress_done=done, progress_total=total)

        try:
            report = _run(batch, commit=commit, actor=actor, progress=progress)
        except Exception:
            logger.exception("import batch %s failed", batch_pk)
            report = Report(kind=batch.kind)
            report.file_errors.append("ระบบขัดข้องระหว่างตรวจไฟล์ ไม่มีการบันทึกข้อมูลใด ๆ กรุณาลองใหม่")
        batch.refresh_from_db(fields=["progress_done", "progress_total"])
        _finish(batch, report, commit=commit)
    finally:
        connection.close()


def _dispatch(request: HttpRequest, batch: ImportBatch, *, commit: bool) -> None:
    """Small files are handled in the request; large ones in a thread, with a progress bar."""
    if batch.file.size < BACKGROUND_BYTES:
        _finish(batch, _run(batch, commit=commit, actor=request.user), commit=commit)
        return
    batch.status = ImportStatus.COMMITTING if commit else ImportStatus.CHECKING
    batch.progress_done = batch.progress_total = 0
    batch.save()
    args = (batch.pk, commit, request.user.pk)
    transaction.on_commit(
        lambda: threading.Thread(
            target=_work_in_background, args=args, name=f"pramoen-import-{batch.pk}", daemon=True
        ).start()
    )


@staff_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportUploadForm(
        request.POST or None, request.FILES or None, initial={"kind": request.GET.get("kind")}
    )
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > WEB_IMPORT_MAX_BYTES:
            form.add_error(
                "file",
                f"ไฟล์มีขนาด {upload.size / 1048576:.1f} MB เกินขนาดสูงสุด "
                f"{WEB_IMPORT_MAX_BYTES / 1048576:.0f} MB กรุณาแบ่งไฟล์",
            )
        else:
            data = upload.read()
            batch = ImportBatch(
                kind=form.cleaned_data["kind"],
                status=ImportStatus.PREVIEWED,
                filename=Path(upload.name).name[:255],
                sha256=hashlib.sha256(data).hexdigest(),
                uploaded_by=request.user,
            )
            batch.file.save(
                f"{batch.sha256[:16]}{Path(upload.name).suffix[:8]}", ContentFile(data), save=False
            )
            _dispatch(request, batch, commit=False)
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
            "max_mb": WEB_IMPORT_MAX_BYTES // 1048576,
        },
    )


def _discard_file(batch: ImportBatch) -> None:
    # People files carry full national IDs: keep an upload only while it awaits confirmation.
    if batch.file:
        batch.file.delete(save=False)


def _own_batch(request: HttpRequest, pk: int) -> ImportBatch:
    batch = get_object_or_404(ImportBatch, pk=pk)
    if (
        batch.uploaded_by_id != request.user.pk
        and selectors.staff_esa_ids(request.user) is not None
    ):
        raise Http404
    return batch


@staff_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _own_batch(request, pk)
    if request.htmx and request.GET.get("progress"):
        if batch.running:
            return render(request, "orgs/_import_progress.html", {"batch": batch})
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "orgs/import_detail.html", {"batch": batch, **_report_from_batch(batch)})


@staff_required
@require_POST
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _own_batch(request, pk)
    if batch.status != ImportStatus.PREVIEWED:
        messages.error(request, "นำเข้าไฟล์นี้ไม่ได้ (ยังมีข้อผิดพลาดหรือถูกนำเข้าไปแล้ว)")
        return redirect("orgs:import_detail", pk=batch.pk)
    # The database may have changed since the preview, so the file is checked again in full.
    _dispatch(request, batch, commit=True)
    if batch.status == ImportStatus.COMMITTED:
        change_count = batch.counts.get("change_count", 0)
        messages.success(request, f"นำเข้าแล้ว: เปลี่ยนแปลง {change_count:,} รายการ")
    elif batch.status == ImportStatus.REJECTED:
        messages.error(request, "ไม่ได้นำเข้า: พบข้อผิดพลาด ไม่มีการบันทึกข้อมูลใด ๆ")
    return redirect("orgs:import_detail", pk=batch.pk)


@staff_required
def import_template(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
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

"""The audit-log viewer (issue 19): the log filtered by person, object, action and dates, the
history of one object or of one person, and the same rows as a workbook. Reads only.

ESA staff read the events about their ESA's objects (``people.audit_scope``); a system admin
reads every event.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from pramoen.accounts.models import User
from pramoen.core import audit_chain
from pramoen.core.decorators import permission_required
from pramoen.core.models import AuditEvent
from pramoen.core.paging import page_of
from pramoen.core.types import AuthenticatedRequest
from pramoen.documents.workbooks import Column, Table, Value, write_table
from pramoen.orgs.selectors import staff_esa_ids
from pramoen.people import audit_selectors as selectors
from pramoen.people.audit_forms import AuditFilterForm
from pramoen.thai import format_thai_datetime

PERM = "pramoen.view_audit_log"
PAGE_SIZE = 25
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_CHUNK = 500
# A workbook past this many rows is refused in Thai: narrow the filters instead.
EXPORT_LIMIT = 50_000


def _filtered(request: AuthenticatedRequest) -> tuple[AuditFilterForm, dict | None]:
    form = AuditFilterForm(request.GET or None)
    if not form.is_bound:
        return form, {}
    if not form.is_valid():
        return form, None  # the page shows the form's Thai messages and no rows
    return form, form.filters()


def _heading(request: AuthenticatedRequest, filters: dict, esa_ids: list[int] | None) -> str:
    if filters.get("target_type") and filters.get("target_id"):
        name = selectors.heading_for_object(
            target_type=filters["target_type"], target_id=filters["target_id"], esa_ids=esa_ids
        )
        return _("ประวัติการแก้ไข: %(name)s") % {"name": name}
    if filters.get("actor_id"):
        user = User.objects.filter(pk=filters["actor_id"]).first()
        if user is not None:
            name = user.get_full_name() or user.username
            return _("ประวัติการดำเนินการของ %(name)s") % {"name": name}
    return _("บันทึกการเปลี่ยนแปลง")


@require_GET
@permission_required(PERM)
def audit_log(request: AuthenticatedRequest) -> HttpResponse:
    esa_ids = staff_esa_ids(request.user)
    form, filters = _filtered(request)
    if filters is None:
        events = selectors.audit_events(esa_ids=esa_ids).none()
        heading = _("บันทึกการเปลี่ยนแปลง")
    else:
        events = selectors.audit_events(esa_ids=esa_ids, **filters)
        heading = _heading(request, filters, esa_ids)
    page, query = page_of(request, events, size=PAGE_SIZE)
    rows = selectors.describe(list(page.object_list))
    names = selectors.actor_names([row.event for row in rows])
    for row in rows:
        row.actor_name = names.get(row.event.actor_id or 0) or (  # type: ignore[attr-defined]
            row.event.actor_repr if row.event.actor_repr != "system" else _("ระบบ")
        )
    context = {
        "form": form,
        "page": page,
        "query": query,
        "rows": rows,
        "heading": heading,
        "export_query": request.GET.urlencode(),
        "valid": filters is not None,
    }
    template = "people/_audit_results.html" if request.htmx else "people/audit_log.html"
    return render(request, template, context)


COLUMNS = [
    Column("เมื่อ", width=20),
    Column("ผู้ดำเนินการ", width=28),
    Column("การกระทำ", width=36),
    Column("ประเภทรายการ", width=24),
    Column("รายการ", width=40),
    Column("ก่อน → หลัง", width=60),
    Column("เหตุผล", width=30),
]


def _export_rows(events) -> Iterator[list[Value]]:
    iterator = events.iterator(chunk_size=EXPORT_CHUNK)
    while chunk := list(islice(iterator, EXPORT_CHUNK)):
        names = selectors.actor_names(chunk)
        for row in selectors.describe(chunk):
            event = row.event
            changes = "; ".join(
                f"{c.label}: {c.before or '–'} → {c.after or '–'}" for c in row.changes
            )
            yield [
                format_thai_datetime(event.occurred_at, "short"),
                names.get(event.actor_id or 0) or event.actor_repr,
                row.action,
                row.kind,
                row.target,
                changes,
                event.reason,
            ]


@require_GET
@permission_required(PERM)
def audit_export(request: AuthenticatedRequest) -> HttpResponse:
    esa_ids = staff_esa_ids(request.user)
    form, filters = _filtered(request)
    if filters is None:
        return render(
            request,
            "people/audit_log.html",
            {"form": form, "rows": [], "heading": _("บันทึกการเปลี่ยนแปลง"), "valid": False},
            status=400,
        )
    events = selectors.audit_events(esa_ids=esa_ids, **filters)
    if events.count() > EXPORT_LIMIT:
        # The form may be unbound (no filters at all): the refusal is the page's, not a field's.
        return render(
            request,
            "people/audit_log.html",
            {
                "form": form,
                "rows": [],
                "heading": _("บันทึกการเปลี่ยนแปลง"),
                "valid": False,
                "refusal": _(
                    "รายการมากเกินกว่าจะส่งออกในไฟล์เดียว (เกิน %(limit)s รายการ) "
                    "กรุณาเลือกช่วงวันที่หรือตัวกรองให้แคบลง"
                )
                % {"limit": f"{EXPORT_LIMIT:,}"},
            },
            status=400,
        )
    about = Table(
        title="รายละเอียด",
        columns=[Column("รายการ", width=14), Column("ข้อมูล", width=60)],
        rows=[["เอกสาร", "บันทึกการเปลี่ยนแปลง (ตามตัวกรองที่เลือก)"]],
    )
    data = write_table(
        Table(title="บันทึกการเปลี่ยนแปลง", columns=COLUMNS, rows=_export_rows(events)),
        extra=[about],
    )
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, "audit-log.xlsx")
    return response


@require_GET
@permission_required("pramoen.verify_audit_chain")
def audit_verify(request: AuthenticatedRequest) -> HttpResponse:
    """The hash chain checked end to end (``pramoen audit verify`` from a page). The outcome is
    said in Thai; a broken link is named by its time, not by its row number or hash."""
    result = audit_chain.verify()
    broken_at = None
    if result.broken_id is not None:
        broken = AuditEvent.objects.filter(pk=result.broken_id).only("occurred_at").first()
        broken_at = broken.occurred_at if broken else None
    context = {"result": result, "broken_at": broken_at}
    return render(request, "people/audit_verify.html", context)

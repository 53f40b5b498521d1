"""The editor: one element at a time beside the outline and the live lint panel (htmx).

Typing saves the element after a pause (``hx-trigger`` with a delay); the answer swaps only the
save status, the element's messages, the outline and the lint panel — never the boxes being
typed in, so nothing typed is lost. A refused value is not saved and is named, in Thai, where it
was typed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pramoen.core.types import AuthenticatedRequest
from pramoen.instruments import Finding, lint
from pramoen.studio import drafts
from pramoen.studio.drafts import DraftError
from pramoen.studio.editor import element_view, outline
from pramoen.studio.models import StudioInstrument
from pramoen.studio.problems import Problem, pointer_of_path
from pramoen.studio.services import (
    STRUCTURE_ACTIONS,
    StudioRefused,
    finding_key,
    studio_draft_edit,
    studio_draft_restructure,
    studio_resolution_record,
    unresolved_warnings,
    where_th,
)
from pramoen.studio.views import editable_instrument, studio_required, visible_instrument

SEVERITY_TH = {"error": "ข้อผิดพลาด", "warning": "ข้อสังเกต", "info": "ข้อมูล"}


def _findings(row: StudioInstrument) -> list[Finding]:
    return lint(drafts.validate(row.draft))


def lint_rows(row: StudioInstrument, findings: list[Finding]) -> list[dict[str, Any]]:
    pending = {finding_key(f) for f in unresolved_warnings(row, findings)}
    rows = []
    for f in findings:
        key = finding_key(f)
        pointer = pointer_of_path(row.draft, f.path)
        rows.append(
            {
                "finding": f,
                "severity_th": SEVERITY_TH[f.severity],
                "key": key,
                "pointer": pointer,
                "where": where_th(row.draft, f),
                "needs_resolution": f.severity == "warning" and not f.resolution,
                "pending": key in pending,
                "resolution_text": row.resolutions.get(key, ""),
            }
        )
    return rows


def lint_context(row: StudioInstrument, findings: list[Finding]) -> dict[str, Any]:
    errors = sum(f.severity == "error" for f in findings)
    pending = len(unresolved_warnings(row, findings))
    return {
        "lint_rows": lint_rows(row, findings),
        "error_count": errors,
        "pending_count": pending,
        "ready": errors == 0 and pending == 0,
    }


def _pointer(request: AuthenticatedRequest) -> drafts.Pointer:
    text = request.GET.get("at", request.POST.get("at", ""))
    return drafts.parse_pointer(text[:500])


def _context(
    row: StudioInstrument,
    pointer: drafts.Pointer,
    editable: bool,
    problems: list[Problem] | None = None,
) -> dict[str, Any]:
    findings = _findings(row)
    try:
        element = element_view(row.draft, pointer, findings)
    except DraftError:
        raise Http404 from None
    return {
        "row": row,
        "element": element,
        "outline": outline(row.draft, findings),
        "editable": editable,
        "problems": list(problems or []),
        "problem_attributes": {p.attribute for p in problems or []},
        **lint_context(row, findings),
    }


@require_GET
@studio_required
def studio_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    row, editable = visible_instrument(request, pk)
    return render(request, "studio/edit.html", _context(row, _pointer(request), editable))


@require_http_methods(["GET", "POST"])
@studio_required
def studio_element(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """GET: the editor of one element (fragment). POST: save the element's typed values."""
    pointer = _pointer(request)
    if request.method == "GET":
        row, editable = visible_instrument(request, pk)
        return render(request, "studio/_element.html", _context(row, pointer, editable))
    row = editable_instrument(request, pk)
    data = {k: str(v) for k, v in request.POST.items() if k not in ("at", "csrfmiddlewaretoken")}
    problems: list[Problem] = []
    try:
        row = studio_draft_edit(instrument=row, actor=request.user, pointer=pointer, data=data)
    except StudioRefused as exc:
        problems = exc.problems
        row.refresh_from_db()
    if not request.htmx:
        if problems:
            return render(
                request, "studio/edit.html", _context(row, pointer, True, problems), status=400
            )
        return redirect(
            f"{reverse('studio:edit', args=[row.pk])}?at={drafts.pointer_text(pointer)}"
        )
    context = _context(row, pointer, True, problems)
    return render(request, "studio/_saved.html", context)


@require_POST
@studio_required
def studio_restructure(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    row = editable_instrument(request, pk)
    pointer = _pointer(request)
    action = request.POST.get("action", "")
    argument = request.POST.get("argument", "")[:80]
    if action not in STRUCTURE_ACTIONS:
        raise Http404
    problems: list[Problem] = []
    try:
        row = studio_draft_restructure(
            instrument=row, actor=request.user, action=action, pointer=pointer, argument=argument
        )
    except StudioRefused as exc:
        problems = exc.problems
        row.refresh_from_db()
    else:
        if action == "add":
            added = drafts.value_at(row.draft, (*pointer, argument))
            pointer = (
                (*pointer, argument, len(added) - 1)
                if isinstance(added, list)
                else (*pointer, argument)
            )
        elif action == "remove":
            pointer = (
                pointer[:-2] if len(pointer) >= 2 and isinstance(pointer[-1], int) else pointer[:-1]
            )
        elif action in ("up", "down"):
            pointer = (*pointer[:-1], int(pointer[-1]) + (-1 if action == "up" else 1))
    if not request.htmx:
        for problem in problems:
            messages.error(request, problem.message_th)
        return redirect(
            f"{reverse('studio:edit', args=[row.pk])}?at={drafts.pointer_text(pointer)}"
        )
    return render(request, "studio/_element_swap.html", _context(row, pointer, True, problems))


@require_GET
@studio_required
def studio_lint(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    row, editable = visible_instrument(request, pk)
    return render(
        request,
        "studio/_lint.html",
        {"row": row, "editable": editable, **lint_context(row, _findings(row))},
    )


@require_POST
@studio_required
def studio_resolve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    row = editable_instrument(request, pk)
    key = request.POST.get("key", "")[:16]
    if key not in {finding_key(f) for f in _findings(row)}:
        raise Http404
    row = studio_resolution_record(
        instrument=row, actor=request.user, key=key, text=request.POST.get("text", "")
    )
    if not request.htmx:
        return redirect("studio:edit", pk=row.pk)
    return render(
        request, "studio/_readiness.html", {"row": row, **lint_context(row, _findings(row))}
    )

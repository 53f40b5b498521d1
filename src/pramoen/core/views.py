from __future__ import annotations

import sys
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from pramoen.accounts.enums import Role
from pramoen.core.files import storage_health
from pramoen.core.jobs import queue_health
from pramoen.core.navigation import entries_for
from pramoen.core.types import AuthenticatedRequest

# What each role can do today, said plainly on the home page. Later features add lines here.
ROLE_SUMMARIES: dict[str, str] = {
    Role.SYSTEM_ADMIN: "ดูแลบัญชีผู้ใช้ บทบาท และข้อมูลพื้นฐานของระบบผ่านหน้าผู้ดูแลระบบ",
    Role.ESA_STAFF: "ดูแลข้อมูลหน่วยงาน สถานศึกษา บุคลากร และการประกวดของเขตพื้นที่",
    Role.COMMITTEE_CHAIR: "กำกับคณะกรรมการ ตรวจความเห็นที่ต่างกัน และยืนยันผลการประเมิน",
    Role.JUDGE: "ให้คะแนนผลงานที่ได้รับมอบหมายตามเกณฑ์การประเมิน",
    Role.APPLICANT_SCHOOL: "เสนอชื่อสถานศึกษา ผู้บริหาร และครูเข้ารับการคัดเลือก",
    Role.APPLICANT_PERSON: "ส่งผลงานของตนเองเข้ารับการคัดเลือก",
    Role.KPI_REPORTER: "รายงานผลการดำเนินงานตามตัวชี้วัดพร้อมหลักฐาน",
    Role.KPI_REVIEWER: "ตรวจรายงานตัวชี้วัดและให้คะแนนตามเกณฑ์",
    Role.KPI_REGION_REVIEWER: "ตรวจ ส่งกลับ หรืออนุมัติรายงานตัวชี้วัดของเขตพื้นที่ในภาค ก่อนส่งให้ สพฐ. รับรอง",
}


def home(request: HttpRequest) -> HttpResponse:
    """``/``: the view ``PRAMOEN_HOME_VIEW`` names (the people app's: a public landing page for
    visitors, each person's next steps once signed in) — named by a setting because core sits
    below the apps whose data it shows; without one, the roles summary."""
    if settings.PRAMOEN_HOME_VIEW:
        return import_string(settings.PRAMOEN_HOME_VIEW)(request)
    # roles_home's login_required sends a visitor to sign in before the request is used as signed-in
    return roles_home(cast(AuthenticatedRequest, request))


@login_required
def roles_home(request: AuthenticatedRequest) -> HttpResponse:
    memberships = request.user.memberships.filter(is_active=True).select_related("organization")
    roles = [
        {
            "label": m.get_role_display(),
            "organization": m.organization,
            "summary": ROLE_SUMMARIES.get(m.role, ""),
        }
        for m in memberships
    ]
    return render(
        request,
        "core/home.html",
        {"roles": roles, "pages": entries_for(request.user)[1:]},
    )


def _database_health() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False, "unavailable"
    return True, "ok"


def _storage_health() -> tuple[bool, str]:
    ok, kind = storage_health()
    return ok, kind if ok else f"{kind} unavailable"


# Each check answers (ok, detail); any failing one makes /healthz answer 503. The queue and the
# worker heartbeat are reported beside them (queue_health) without deciding the status: a queue
# that waits is for monitoring to alert on, not a reason for the load balancer to drop the web.
HEALTH_CHECKS = {"database": _database_health, "storage": _storage_health}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: ``{"status": "ok", "database": "ok", ...}``."""
    body: dict[str, Any] = {}
    healthy = True
    for name, check in HEALTH_CHECKS.items():
        ok, detail = check()
        body[name] = detail
        healthy = healthy and ok
        if name == "database" and not ok:
            break  # nothing else can be trusted (nor is worth the wait) without the database
    else:
        body |= queue_health()  # reported, not deciding the status
    return JsonResponse(
        {"status": "ok" if healthy else "error", **body}, status=200 if healthy else 503
    )


def error_500(request: HttpRequest) -> HttpResponse:
    """The 500 page, or the Thai 503 page when what failed was the database connection — also
    when it failed in a middleware (the session, the user, the second-factor check), where
    ``DatabaseUnavailableMiddleware.process_exception`` does not see it."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(render_to_string("500.html"), status=500)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)

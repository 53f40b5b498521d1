"""Every API operation × every role, by personal token (issue 15): each status is the one below,
a token without the operation's scope is refused (403), and an operation without a row fails.

The roles are the URL matrix's world (tests/security/world.py): the demo's accounts plus the same
roles in another ESA or school. Read a change here as a change of who may do what.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from pramoen.accounts.api_tokens import api_token_create
from pramoen.accounts.enums import ApiScope
from pramoen.api.main import api
from pramoen.instruments import answers_template, get_instrument
from pramoen.kpi.models import KpiReport
from tests.orgs.test_imports import SCHOOL_HEADER, csv_bytes, school_rows
from tests.security.expected import row
from tests.security.world import ROLES, build_world

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

MASTER_DATA = row(403, {"anonymous": 401, "admin": 200, "esa": 200, "other_esa": 200})
MASTER_OBJECT = row(403, {"anonymous": 401, "admin": 200, "esa": 200, "other_esa": 404})
SIGNED_IN = row(200, {"anonymous": 401})
KPI_REPORT = row(
    404, {"anonymous": 401, "admin": 200, "esa": 200, "kpi": 200, "reviewer": 200, "obec": 200}
)
APPLICANTS = {"school": 200, "teacher": 200, "other_school": 200, "other_teacher": 200}


def _csv(o: dict[str, Any]) -> dict[str, Any]:
    data = csv_bytes(SCHOOL_HEADER, school_rows(1, esa_code=o["esa"].code))
    return {"kind": "schools", "file": SimpleUploadedFile("s.csv", data, content_type="text/csv")}


def _answers(o: dict[str, Any]) -> dict[str, Any]:
    return {"answers": answers_template(get_instrument("nara2-school-academic"))}


def _kpi_data(o: dict[str, Any]) -> dict[str, Any]:
    version = KpiReport.objects.get(pk=o["report"].pk).version
    return {"version": version, "answers": {"network_total": 12}}


INSTRUMENT = "nara2-school-academic"

# (method, path) → (path arguments, body, scope, expected status per role)
MATRIX: dict[tuple[str, str], tuple[Any, Any, str, dict[str, int]]] = {
    ("GET", "/organizations/esas"): (lambda o: {}, None, ApiScope.READ, SIGNED_IN),
    ("GET", "/organizations/schools"): (lambda o: {}, None, ApiScope.READ, MASTER_DATA),
    ("GET", "/organizations/schools/{school_id}"): (
        lambda o: {"school_id": o["school"].pk},
        None,
        ApiScope.READ,
        MASTER_OBJECT,
    ),
    ("GET", "/organizations/networks"): (lambda o: {}, None, ApiScope.READ, MASTER_DATA),
    ("GET", "/people"): (lambda o: {}, None, ApiScope.READ, MASTER_DATA),
    ("GET", "/people/{person_id}"): (
        lambda o: {"person_id": o["person"].pk},
        None,
        ApiScope.READ,
        MASTER_OBJECT,
    ),
    ("POST", "/imports"): (
        lambda o: {},
        _csv,
        ApiScope.WRITE_IMPORTS,
        row(403, {"anonymous": 401, "admin": 201, "esa": 201, "other_esa": 201}),
    ),
    ("GET", "/imports/{batch_id}"): (
        lambda o: {"batch_id": o["batch"].pk},
        None,
        ApiScope.READ,
        MASTER_OBJECT,
    ),
    ("GET", "/imports/{batch_id}/errors"): (
        lambda o: {"batch_id": o["batch"].pk},
        None,
        ApiScope.READ,
        MASTER_OBJECT,
    ),
    # the world's batch was rejected: its uploader (and an admin) are told it cannot be imported
    ("POST", "/imports/{batch_id}/commit"): (
        lambda o: {"batch_id": o["batch"].pk},
        None,
        ApiScope.WRITE_IMPORTS,
        row(403, {"anonymous": 401, "admin": 422, "esa": 422, "other_esa": 404}),
    ),
    ("GET", "/instruments"): (lambda o: {}, None, ApiScope.READ, SIGNED_IN),
    ("GET", "/instruments/{instrument_id}"): (
        lambda o: {"instrument_id": INSTRUMENT},
        None,
        ApiScope.READ,
        SIGNED_IN,
    ),
    ("POST", "/instruments/{instrument_id}/score"): (
        lambda o: {"instrument_id": INSTRUMENT},
        _answers,
        ApiScope.SCORE,
        SIGNED_IN,
    ),
    ("GET", "/campaigns"): (lambda o: {}, None, ApiScope.READ, MASTER_DATA),
    ("GET", "/campaigns/{campaign_id}"): (
        lambda o: {"campaign_id": o["campaign"].pk},
        None,
        ApiScope.READ,
        MASTER_OBJECT,
    ),
    # public from the announcement day (the demo's judged campaign is past it)
    ("GET", "/campaigns/{campaign_id}/results"): (
        lambda o: {"campaign_id": o["campaign"].pk},
        None,
        "",
        row(200),
    ),
    ("GET", "/entries"): (
        lambda o: {},
        None,
        ApiScope.READ,
        row(403, {"anonymous": 401, "admin": 200, "esa": 200, "other_esa": 200, **APPLICANTS}),
    ),
    # the demo's entry is another school's than the demo applicants'
    ("GET", "/entries/{entry_id}"): (
        lambda o: {"entry_id": o["entry"].pk},
        None,
        ApiScope.READ,
        row(
            403,
            {
                "anonymous": 401,
                "admin": 200,
                "esa": 200,
                "other_esa": 404,
                **{role: 404 for role in APPLICANTS},
            },
        ),
    ),
    ("GET", "/certificates/{code}"): (lambda o: {"code": "ABCDEFGHJKLMNPQR"}, None, "", row(404)),
    ("GET", "/kpi/reports"): (lambda o: {}, None, ApiScope.READ, SIGNED_IN),
    ("GET", "/kpi/dashboard"): (
        lambda o: {},
        None,
        ApiScope.READ,
        row(
            403,
            {
                "anonymous": 401,
                **{r: 200 for r in ("admin", "esa", "reviewer", "obec", "other_esa")},
                "other_reviewer": 200,
            },
        ),
    ),
    ("GET", "/kpi/reports/{report_id}"): (
        lambda o: {"report_id": o["report"].pk},
        None,
        ApiScope.READ,
        KPI_REPORT,
    ),
    # only the ESA's own reporter writes (while the report is a draft); viewers may not
    ("PATCH", "/kpi/reports/{report_id}"): (
        lambda o: {"report_id": o["report"].pk},
        _kpi_data,
        ApiScope.WRITE_KPI,
        {**KPI_REPORT, **{r: 403 for r in ("admin", "esa", "reviewer", "obec")}},
    ),
    # the reporter passes every check and meets the service: the world's report already holds the
    # one link its "ev_report" slot takes (a Thai 422)
    ("POST", "/kpi/reports/{report_id}/evidence-links"): (
        lambda o: {"report_id": o["report"].pk},
        lambda o: {"slot_id": "ev_report", "url": "https://drive.demo.pramoen.invalid/api"},
        ApiScope.WRITE_KPI,
        {**KPI_REPORT, "kpi": 422, **{r: 403 for r in ("admin", "esa", "reviewer", "obec")}},
    ),
    # the world's report is a draft: whoever sees it meets the rule (decided only once submitted)
    ("PUT", "/kpi/reports/{report_id}/marks"): (
        lambda o: {"report_id": o["report"].pk},
        lambda o: {"marks": {"issue1": {"clear": True}}},
        ApiScope.REVIEW_KPI,
        {**KPI_REPORT, **{r: 403 for r in ("admin", "esa", "kpi", "reviewer", "obec")}},
    ),
    ("POST", "/kpi/reports/{report_id}/decisions"): (
        lambda o: {"report_id": o["report"].pk},
        lambda o: {"action": "approve"},
        ApiScope.REVIEW_KPI,
        {**KPI_REPORT, **{r: 403 for r in ("admin", "esa", "kpi", "reviewer", "obec")}},
    ),
}


def api_operations() -> set[tuple[str, str]]:
    """Every (method, path) the API serves, read from the ninja routers themselves."""
    found = set()
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    found.add((method, f"/{prefix.strip('/')}{path}".rstrip("/") or "/"))
    return {(m, p.replace("//", "/")) for m, p in found if p != "/"}


def test_every_api_operation_has_a_row():
    assert api_operations() == set(MATRIX)
    for key, (_args, _body, _scope, expected) in MATRIX.items():
        assert set(expected) == set(ROLES), key


def _call(client: Client, method: str, url: str, body: Any, headers: dict[str, str]):
    if method == "GET":
        return client.get(url, **headers)
    if isinstance(body, dict) and "file" in body:
        return client.post(url, body, **headers)
    send = {"PATCH": client.patch, "PUT": client.put}.get(method, client.post)
    return send(url, body or {}, content_type="application/json", **headers)


def test_each_role_gets_what_the_matrix_says_by_token_and_scopes_are_checked(settings):
    settings.PRAMOEN_THROTTLES = {
        **settings.PRAMOEN_THROTTLES,
        "verify": (10**6, 60),
        "results": (10**6, 60),
    }
    world = build_world()
    headers = {"anonymous": {}}
    for role in ROLES[1:]:
        user = world.users[role]
        _token, text = api_token_create(
            user=user, name="matrix", scopes=list(ApiScope.values), days=1, actor=user
        )
        headers[role] = {"HTTP_AUTHORIZATION": f"Bearer {text}"}
    client = Client()
    wrong = {}
    for (method, path), (args, body, _scope, expected) in sorted(MATRIX.items()):
        url = "/api/v1" + path.format(**args(world.objects))
        for role in ROLES:
            data = body(world.objects) if callable(body) else body
            status = _call(client, method, url, data, headers[role]).status_code
            if status != expected[role]:
                wrong[f"{method} {path} as {role}"] = (status, expected[role])
    assert wrong == {}

    # The same world: ESA staff's token holding every scope but the operation's is refused.
    esa = world.users["esa"]
    lacking = {}
    for scope in ApiScope.values:
        others = [s for s in ApiScope.values if s != scope]
        _token, text = api_token_create(user=esa, name="x", scopes=others, days=1, actor=esa)
        lacking[scope] = {"HTTP_AUTHORIZATION": f"Bearer {text}"}
    refused = {}
    for (method, path), (args, body, scope, _expected) in sorted(MATRIX.items()):
        if not scope:
            continue  # public
        url = "/api/v1" + path.format(**args(world.objects))
        data = body(world.objects) if callable(body) else body
        response = _call(client, method, url, data, lacking[scope])
        if response.status_code != 403 or "ขอบเขต" not in response.json()["detail"]:
            refused[f"{method} {path}"] = response.status_code
    assert refused == {}

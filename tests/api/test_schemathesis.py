"""Schemathesis against a live server (issue 15): every operation of /api/v1/openapi.json, with
generated requests, answers without a server error and as its schema says (status, content type,
body). Signed in by a token holding every scope of an ESA staff account with data in its ESA."""

from __future__ import annotations

from datetime import date

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from pramoen.accounts.api_tokens import api_token_create
from pramoen.accounts.enums import ApiScope, Role
from pramoen.kpi.services import campaign_create as kpi_campaign_create
from pramoen.kpi.services import report_get_or_create
from pramoen.orgs.models import ImportBatch
from tests.api.test_operation_matrix import MATRIX
from tests.orgs.factories import EnrollmentFactory, NetworkFactory, PersonFactory, SchoolFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_schema(live_server):
    return schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")


@pytest.fixture
def token_headers(make_user, esa, settings):
    settings.PRAMOEN_THROTTLES = {
        **settings.PRAMOEN_THROTTLES,
        "api_token": (10**6, 60),
        "verify": (10**6, 60),
        "results": (10**6, 60),
    }
    user = make_user(roles=[Role.ESA_STAFF], organization=esa, password=None)
    network = NetworkFactory(esa=esa)
    school = SchoolFactory(parent=esa, network=network)
    EnrollmentFactory(school=school)
    PersonFactory(organization=school)
    ImportBatch.objects.create(
        kind="schools", status="rejected", filename="x.csv", sha256="0" * 64, uploaded_by=user
    )
    # a KPI round with this ESA's report, which ESA staff oversee
    kpi = kpi_campaign_create(
        fiscal_year=2569,
        due_6m=date(2026, 3, 31),
        due_12m=date(2026, 9, 15),
        esas=[esa],
        actor=None,
    )
    report_get_or_create(round=kpi.rounds.get(kind="12m"), esa=esa, actor=None)
    _token, text = api_token_create(
        user=user, name="schemathesis", scopes=list(ApiScope.values), days=1, actor=user
    )
    return {"Authorization": f"Bearer {text}"}


def test_every_operation_conforms_to_its_schema(api_schema, token_headers, live_server):
    failures: dict[str, str] = {}
    calls: list[int] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == len(MATRIX)
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=4,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
                phases=[Phase.explicit, Phase.generate],  # no shrinking: report, don't minimise
            )
            def check(case):
                calls.append(
                    case.call_and_validate(
                        base_url=live_server.url, headers=token_headers, checks=CHECKS
                    ).status_code
                )

            try:
                check()
            except Exception as exc:  # every failing operation is reported, not just the first
                failures[f"{operation.label} ({mode.value})"] = str(exc)[:2000]
    assert failures == {}
    assert len(calls) >= 2 * len(operations)

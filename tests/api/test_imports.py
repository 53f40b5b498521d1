from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pramoen.accounts.enums import ApiScope, Role
from pramoen.orgs.models import Organization
from tests.orgs.test_imports import SCHOOL_HEADER, csv_bytes, school_rows

pytestmark = pytest.mark.django_db


def _upload(client, headers, data: bytes, kind="schools", name="schools.csv"):
    return client.post(
        "/api/v1/imports",
        {"kind": kind, "file": SimpleUploadedFile(name, data, content_type="text/csv")},
        **headers,
    )


@pytest.fixture
def writer(esa_staff, token_for):
    return token_for(esa_staff, scopes=[ApiScope.READ, ApiScope.WRITE_IMPORTS])


def test_upload_check_and_commit_schools(client, esa, writer):
    esa.code = "7777"
    esa.save()
    response = _upload(client, writer, csv_bytes(SCHOOL_HEADER, school_rows(3)))
    assert response.status_code == 201
    batch = response.json()
    assert (batch["status"], batch["finished"], batch["errors_total"]) == ("previewed", True, 0)
    assert not Organization.objects.filter(kind="school").exists()  # a preview imports nothing
    status = client.get(f"/api/v1/imports/{batch['id']}", **writer).json()
    assert status["total_rows"] == 3
    committed = client.post(f"/api/v1/imports/{batch['id']}/commit", **writer)
    assert committed.status_code == 200
    assert committed.json()["status"] == "committed"
    assert Organization.objects.filter(kind="school", parent=esa).count() == 3
    again = client.post(f"/api/v1/imports/{batch['id']}/commit", **writer)
    assert again.status_code == 422
    assert again.json()["detail"].startswith("นำเข้าไฟล์นี้ไม่ได้")


def test_row_errors_come_back_with_their_lines(client, esa, writer):
    rows = school_rows(2, esa_code=esa.code)
    rows[1][0] = "12AB"
    batch = _upload(client, writer, csv_bytes(SCHOOL_HEADER, rows)).json()
    assert batch["status"] == "rejected"
    errors = client.get(f"/api/v1/imports/{batch['id']}/errors", **writer).json()
    assert errors["count"] >= 1
    assert errors["items"][0]["line"] == 3
    assert errors["items"][0]["message"]


def test_a_file_that_is_not_a_spreadsheet_is_rejected_in_thai(client, writer):
    batch = _upload(client, writer, b"%PDF-1.7 not a table", name="x.csv").json()
    assert batch["status"] == "rejected"
    assert batch["file_errors"]


def test_uploading_needs_the_imports_scope_and_staff(client, esa_staff, make_user, token_for):
    data = csv_bytes(SCHOOL_HEADER, school_rows(1))
    response = _upload(client, token_for(esa_staff, scopes=[ApiScope.READ]), data)
    assert response.status_code == 403
    judge = make_user(roles=[Role.JUDGE], password=None)
    response = _upload(client, token_for(judge, scopes=[ApiScope.WRITE_IMPORTS]), data)
    assert response.status_code == 403


def test_a_bad_kind_is_a_thai_422(client, writer):
    response = _upload(client, writer, b"a,b\n", kind="tanks")
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][-1] == "kind"


def test_another_uploaders_batch_is_not_found(client, esa, writer, make_user, token_for):
    batch = _upload(client, writer, csv_bytes(SCHOOL_HEADER, school_rows(1, esa.code))).json()
    colleague = make_user(roles=[Role.ESA_STAFF], organization=esa, password=None)
    response = client.get(f"/api/v1/imports/{batch['id']}", **token_for(colleague))
    assert response.status_code == 404

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pramoen.core.models import AuditEvent
from pramoen.orgs.enums import ImportStatus
from pramoen.orgs.models import ImportBatch, Organization
from tests.factories import EsaFactory
from tests.orgs.factories import EnrollmentFactory, PersonFactory, SchoolFactory
from tests.orgs.test_imports import SCHOOL_HEADER, csv_bytes, school_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def esa():
    return EsaFactory(code="7777")


@pytest.fixture
def staff_client(client, make_user, esa):
    user = make_user(roles=["esa_staff"], organization=esa)
    client.force_login(user)
    client.user = user
    return client


@pytest.mark.parametrize("name", ["orgs:school_list", "orgs:person_list", "orgs:import_upload"])
def test_pages_need_esa_staff(client, make_user, name):
    url = reverse(name)
    assert client.get(url).status_code == 302
    judge = make_user(roles=["judge"])
    client.force_login(judge)
    assert client.get(url).status_code == 403


def test_school_list_finds_by_part_of_thai_name_and_htmx_returns_the_partial(staff_client, esa):
    SchoolFactory(parent=esa, name_th="โรงเรียนบ้านหนองบัว")
    SchoolFactory(parent=esa, name_th="โรงเรียนวัดป่าประดู่")
    SchoolFactory(name_th="โรงเรียนบ้านหนองบัวเขตอื่น")  # another ESA: not shown
    page = staff_client.get(reverse("orgs:school_list"), {"q": "หนองบ"})
    body = page.content.decode()
    assert "บ้านหนองบัว" in body and "ป่าประดู่" not in body and "เขตอื่น" not in body
    partial = staff_client.get(reverse("orgs:school_list"), {"q": "ประดู่"}, HTTP_HX_REQUEST="true")
    text = partial.content.decode()
    assert "<html" not in text and "วัดป่าประดู่" in text


def test_school_list_size_filter_uses_the_chosen_year(staff_client, esa):
    small = SchoolFactory(parent=esa, name_th="โรงเรียนเล็ก")
    big = SchoolFactory(parent=esa, name_th="โรงเรียนใหญ่")
    EnrollmentFactory(school=small, academic_year=2568, students=80)
    EnrollmentFactory(school=big, academic_year=2568, students=900)
    body = staff_client.get(
        reverse("orgs:school_list"), {"size": "large", "year": "๒๕๖๘"}
    ).content.decode()
    assert "โรงเรียนใหญ่" in body and "โรงเรียนเล็ก" not in body


def test_school_in_another_esa_is_not_found(staff_client):
    other = SchoolFactory()
    assert staff_client.get(reverse("orgs:school_edit", args=[other.pk])).status_code == 404


def test_school_edit_saves_audits_and_shows_the_trail(staff_client, esa):
    school = SchoolFactory(parent=esa, name_th="โรงเรียนเดิม")
    url = reverse("orgs:school_edit", args=[school.pk])
    response = staff_client.post(
        url,
        {
            "save_school": "1",
            "name_th": "โรงเรียนใหม่",
            "school_type": "extended",
            "levels": ["primary", "lower_secondary"],
            "smis_code": "๑๒๓๔๕๖๗๘",
            "obec_code": "",
            "postcode": "",
            "reason": "ตามหนังสือ สพฐ.",
        },
    )
    assert response.status_code == 302
    school.refresh_from_db()
    assert (school.name_th, school.smis_code, school.levels) == (
        "โรงเรียนใหม่",
        "12345678",
        "primary,lower_secondary",
    )
    body = staff_client.get(url).content.decode()
    assert "โรงเรียนเดิม" in body and "ตามหนังสือ สพฐ." in body and staff_client.user.username in body


def test_school_edit_shows_thai_error_and_keeps_input(staff_client, esa):
    school = SchoolFactory(parent=esa)
    response = staff_client.post(
        reverse("orgs:school_edit", args=[school.pk]),
        {
            "save_school": "1",
            "name_th": "โรงเรียนใหม่",
            "school_type": "primary",
            "smis_code": "123",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "รหัส SMIS ต้องเป็นตัวเลข 8 หลัก" in body and 'value="โรงเรียนใหม่"' in body
    school.refresh_from_db()
    assert school.name_th != "โรงเรียนใหม่"


def test_school_edit_records_enrollment(staff_client, esa):
    school = SchoolFactory(parent=esa)
    staff_client.post(
        reverse("orgs:school_edit", args=[school.pk]),
        {"save_enrollment": "1", "academic_year": "2568", "students": "๑๒๐"},
    )
    assert school.enrollments.get().students == 120


def test_person_list_masks_national_id_and_search_ignores_prefix(staff_client, esa):
    person = PersonFactory(
        organization=SchoolFactory(parent=esa), prefix="นางสาว", first_name="สมหญิง", last_name="ใจดี"
    )
    body = staff_client.get(reverse("orgs:person_list"), {"q": "นางสาวสมหญิง"}).content.decode()
    assert "สมหญิง" in body
    assert person.national_id not in body
    assert person.national_id_masked in body


def test_person_edit_validates_national_id_and_audits(staff_client, esa):
    person = PersonFactory(organization=SchoolFactory(parent=esa))
    url = reverse("orgs:person_edit", args=[person.pk])
    data = {
        "prefix": "นาง",
        "first_name": "สมศรี",
        "last_name": "ใหม่",
        "position": "teacher",
        "academic_standing": "expert",
        "national_id": "1234567890123",
        "position_started_on": "16/05/2565",
    }
    response = staff_client.post(url, data)
    assert "เลขตรวจสอบ" in response.content.decode()
    data["national_id"] = person.national_id
    assert staff_client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert (person.last_name, person.academic_standing, str(person.position_started_on)) == (
        "ใหม่",
        "expert",
        "2022-05-16",
    )
    assert (
        AuditEvent.objects.filter(action="orgs.person_update", target_id=str(person.pk)).count()
        == 1
    )


def test_import_flow_on_the_web_rejects_then_commits(staff_client, esa):
    rows = school_rows(20)
    rows[3][0] = "123"
    bad = SimpleUploadedFile("schools.csv", csv_bytes(SCHOOL_HEADER, rows), "text/csv")
    response = staff_client.post(reverse("orgs:import_upload"), {"kind": "schools", "file": bad})
    batch = ImportBatch.objects.get()
    assert response.url == reverse("orgs:import_detail", args=[batch.pk])
    assert batch.status == ImportStatus.REJECTED
    body = staff_client.get(response.url).content.decode()
    assert "พบข้อผิดพลาด 1 รายการใน 1 แถว" in body and "ยืนยันนำเข้า" not in body
    assert staff_client.post(reverse("orgs:import_commit", args=[batch.pk])).status_code == 302
    assert Organization.objects.filter(kind="school").count() == 0

    rows[3][0] = "1500000003"
    good = SimpleUploadedFile("schools.csv", csv_bytes(SCHOOL_HEADER, rows), "text/csv")
    response = staff_client.post(
        reverse("orgs:import_upload"), {"kind": "schools", "file": good}, HTTP_HX_REQUEST="true"
    )
    batch = ImportBatch.objects.order_by("-id")[0]
    assert response["HX-Redirect"] == reverse("orgs:import_detail", args=[batch.pk])
    assert "ยืนยันนำเข้า" in staff_client.get(response["HX-Redirect"]).content.decode()
    assert batch.file and batch.file.storage.exists(batch.file.name)
    stored = batch.file.name
    staff_client.post(reverse("orgs:import_commit", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED
    assert not batch.file and not batch.file.storage.exists(stored)  # no copy of the file is kept
    assert Organization.objects.filter(kind="school").count() == 20


def test_import_refuses_a_non_table_upload_with_thai_message(staff_client):
    pdf = SimpleUploadedFile("schools.csv", b"%PDF-1.4 ...", "text/csv")
    response = staff_client.post(reverse("orgs:import_upload"), {"kind": "schools", "file": pdf})
    assert "ไม่ใช่ตาราง" in staff_client.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("kind", "fmt"), [("schools", "xlsx"), ("people", "csv"), ("onet", "xlsx")]
)
def test_templates_download(staff_client, kind, fmt):
    response = staff_client.get(reverse("orgs:import_template", args=[kind, fmt]))
    assert response.status_code == 200
    assert response.content[:4] == (b"PK\x03\x04" if fmt == "xlsx" else b"\xef\xbb\xbf\xe0")


# ------------------------------------------------------------------------- query counts (N+1)


@pytest.mark.parametrize("count", [1, 10, 40])
def test_school_list_query_count_does_not_grow_with_rows(
    staff_client, esa, count, django_assert_max_num_queries
):
    for _ in range(count):
        EnrollmentFactory(school=SchoolFactory(parent=esa), academic_year=2568)
    with django_assert_max_num_queries(12):
        response = staff_client.get(reverse("orgs:school_list"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [1, 10, 40])
def test_person_list_query_count_does_not_grow_with_rows(
    staff_client, esa, count, django_assert_max_num_queries
):
    school = SchoolFactory(parent=esa)
    for _ in range(count):
        PersonFactory(organization=school)
    with django_assert_max_num_queries(10):
        response = staff_client.get(reverse("orgs:person_list"))
    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [1, 10])
def test_import_page_query_count_does_not_grow_with_batches(
    staff_client, count, django_assert_max_num_queries
):
    for n in range(count):
        ImportBatch.objects.create(
            kind="schools",
            status="rejected",
            filename=f"f{n}.csv",
            sha256="0" * 64,
            uploaded_by=staff_client.user,
        )
    with django_assert_max_num_queries(10):
        response = staff_client.get(reverse("orgs:import_upload"))
    assert response.status_code == 200


def test_national_id_search_is_posted_never_put_in_a_url(staff_client, esa):
    person = PersonFactory(organization=SchoolFactory(parent=esa), first_name="ปราณี")
    PersonFactory(organization=SchoolFactory(parent=esa), first_name="มาลี")
    body = staff_client.post(
        reverse("orgs:person_list"), {"national_id": person.national_id}
    ).content.decode()
    assert "ปราณี" in body and "มาลี" not in body
    results = body.split('data-testid="person-results"')[1]
    assert person.national_id not in results and person.national_id_masked in results
    bad = staff_client.post(
        reverse("orgs:person_list"), {"national_id": "1234567890123"}
    ).content.decode()
    assert "เลขตรวจสอบ" in bad and "ปราณี" not in bad
    assert (
        "national_id"
        not in staff_client.get(reverse("orgs:person_list")).content.decode().split("<form")[1]
    )


def test_web_import_cannot_touch_another_esa(staff_client, esa):
    other = EsaFactory(code="6666")
    SchoolFactory(parent=other, code="1500000001", name_th="โรงเรียนเขตอื่น")
    rows = school_rows(3)
    rows[0][3] = "6666"  # a new school in another ESA
    rows[1][3] = "7777"  # moves an existing school of another ESA into ours

    def errors_for(data_rows):
        upload = SimpleUploadedFile("s.csv", csv_bytes(SCHOOL_HEADER, data_rows), "text/csv")
        response = staff_client.post(
            reverse("orgs:import_upload"), {"kind": "schools", "file": upload}
        )
        return ImportBatch.objects.get(pk=response.url.rstrip("/").split("/")[-1]).errors

    refused = "ท่านไม่มีสิทธิ์นำเข้าหรือแก้ไขข้อมูลของเขตพื้นที่อื่น"
    assert [(e["line"], e["message"]) for e in errors_for(rows)] == [(2, refused)]
    rows[0][3] = "7777"
    assert [(e["line"], e["message"]) for e in errors_for(rows)] == [(3, refused)]
    assert Organization.objects.get(code="1500000001").parent == other


def test_audit_trail_shows_changed_dates_in_buddhist_era(staff_client, esa):
    import datetime

    person = PersonFactory(
        organization=SchoolFactory(parent=esa), position_started_on=datetime.date(2022, 5, 16)
    )
    url = reverse("orgs:person_edit", args=[person.pk])
    data = {
        "prefix": person.prefix,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "position": person.position,
        "academic_standing": "none",
        "national_id": person.national_id,
        "position_started_on": "16/05/2566",
    }
    assert staff_client.post(url, data).status_code == 302
    event = AuditEvent.objects.get(action="orgs.person_update", target_id=str(person.pk))
    assert event.after["position_started_on"] == "2023-05-16"  # stored JSON stays ISO
    trail = staff_client.get(url).content.decode().split('data-testid="audit-trail"')[1]
    assert "16 พ.ค. 2565" in trail and "16 พ.ค. 2566" in trail
    assert "2022" not in trail and "2023" not in trail


def test_import_preview_shows_changed_dates_in_buddhist_era(staff_client, esa):
    import datetime

    from tests.orgs.test_imports import PEOPLE_HEADER

    person = PersonFactory(
        organization=SchoolFactory(parent=esa, code="1500000001"),
        position_started_on=datetime.date(2022, 5, 16),
    )
    row = [person.national_id, person.prefix, person.first_name, person.last_name, "ครู", ""]
    upload = SimpleUploadedFile(
        "p.csv", csv_bytes(PEOPLE_HEADER, [[*row, "1500000001", "16/05/2566"]]), "text/csv"
    )
    response = staff_client.post(reverse("orgs:import_upload"), {"kind": "people", "file": upload})
    body = staff_client.get(response.url).content.decode()
    assert "ยืนยันนำเข้า" in body
    assert "16 พ.ค. 2565" in body and "16 พ.ค. 2566" in body and "2023-05-16" not in body


def _previewed_batch(staff_client):
    good = SimpleUploadedFile("schools.csv", csv_bytes(SCHOOL_HEADER, school_rows(5)), "text/csv")
    staff_client.post(reverse("orgs:import_upload"), {"kind": "schools", "file": good})
    batch = ImportBatch.objects.order_by("-id")[0]
    assert batch.status == ImportStatus.PREVIEWED
    return batch


def test_a_commit_while_another_is_running_gets_a_thai_message(staff_client, esa):
    """Issue 16: two commits of one batch at once gave one 302 and one IntegrityError 500."""
    batch = _previewed_batch(staff_client)
    # The first commit has claimed the batch and is still writing …
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.COMMITTING)
    from pramoen.orgs.imports import batches

    with pytest.raises(ValidationError, match="กำลังถูกนำเข้าอยู่"):
        batches.batch_commit(batch=batch, actor=batch.uploaded_by)
    assert Organization.objects.filter(kind="school").count() == 0


def test_two_commits_of_one_batch_one_imports_the_other_is_told(staff_client, esa):
    batch = _previewed_batch(staff_client)
    from pramoen.orgs.imports import batches

    stale = ImportBatch.objects.get(pk=batch.pk)  # a second tab loaded before the first commit
    batches.batch_commit(batch=batch, actor=batch.uploaded_by)
    with pytest.raises(ValidationError, match="นำเข้าไปแล้ว"):
        batches.batch_commit(batch=stale, actor=batch.uploaded_by)
    response = staff_client.post(reverse("orgs:import_commit", args=[batch.pk]), follow=True)
    assert response.status_code == 200
    assert Organization.objects.filter(kind="school").count() == 5


def test_a_commit_whose_stored_file_is_gone_is_a_thai_message(staff_client, esa):
    batch = _previewed_batch(staff_client)
    batch.file.storage.delete(batch.file.name)
    response = staff_client.post(reverse("orgs:import_commit", args=[batch.pk]), follow=True)
    assert response.status_code == 200
    batch.refresh_from_db()
    assert batch.status == ImportStatus.REJECTED
    assert "ไม่พบไฟล์ที่เก็บไว้" in str(batch.counts["file_errors"])
    assert "ไม่พบไฟล์ที่เก็บไว้" in response.content.decode()

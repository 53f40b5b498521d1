"""The letterhead page: upload, refuse bad files with a Thai message, stay inside the ESA."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from pramoen.orgs.letterhead import esa_letterhead_get
from tests.awards.test_letterhead import png
from tests.factories import EsaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def esa():
    return EsaFactory(code="7001")


@pytest.fixture
def staff_client(client, make_user, esa):
    client.force_login(make_user(roles=["esa_staff"], organization=esa))
    return client


def test_the_page_needs_esa_staff(client, make_user):
    url = reverse("orgs:letterhead")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(make_user(roles=["judge"]))
    assert client.get(url).status_code == 403


def test_staff_upload_the_garuda_and_see_it_in_use(staff_client, esa):
    url = reverse("orgs:letterhead")
    page = staff_client.get(url).content.decode()
    assert "ยังไม่ได้อัปโหลด" in page and "{{p body }}" in page
    response = staff_client.post(url, {"garuda": SimpleUploadedFile("ครุฑ.png", png())})
    assert response.status_code == 302
    assert esa_letterhead_get(esa).garuda_name
    assert "อัปโหลดแล้ว" in staff_client.get(url).content.decode()


def test_a_bad_template_gets_a_thai_message_and_the_page_again(staff_client, esa):
    url = reverse("orgs:letterhead")
    response = staff_client.post(
        url, {"template": SimpleUploadedFile("x.docx", b"PK\x03\x04garbage")}
    )
    assert response.status_code == 200
    assert "เปิดไฟล์แม่แบบไม่ได้" in response.content.decode()
    assert esa_letterhead_get(esa) is None


def test_another_esa_cannot_be_picked_by_its_number(staff_client, esa):
    other = EsaFactory(code="7002")
    staff_client.post(
        reverse("orgs:letterhead") + f"?esa={other.pk}",
        {"esa": other.pk, "garuda": SimpleUploadedFile("g.png", png())},
    )
    assert esa_letterhead_get(other) is None
    assert esa_letterhead_get(esa).garuda_name


def test_the_default_template_downloads_as_a_word_file(staff_client):
    response = staff_client.get(reverse("orgs:letterhead_template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "{{p body }}" in text

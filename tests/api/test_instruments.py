from __future__ import annotations

from decimal import Decimal

import pytest

from pramoen.accounts.enums import ApiScope
from pramoen.instruments import get_instrument, lint, score, version_hash
from tests.judging.helpers import all_checked, empty

pytestmark = pytest.mark.django_db

ID = "nara2-school-academic"


def _answers(indicators):
    return {"instrument": ID, "fields": {}, "indicators": indicators}


def test_the_library_lists_each_instrument_with_its_hash(client, esa_staff, token_for):
    body = client.get("/api/v1/instruments?page_size=100", **token_for(esa_staff)).json()
    by_id = {i["id"]: i for i in body["items"]}
    assert by_id[ID]["version_hash"] == version_hash(get_instrument(ID))


def test_an_instrument_comes_with_its_canonical_document_and_findings(client, esa_staff, token_for):
    body = client.get(f"/api/v1/instruments/{ID}", **token_for(esa_staff)).json()
    instrument = get_instrument(ID)
    assert body["document"]["id"] == ID
    assert [f["code"] for f in body["findings"]] == [f.code for f in lint(instrument)]
    pinned = client.get(f"/api/v1/instruments/{ID}?version_hash={'0' * 64}", **token_for(esa_staff))
    assert pinned.status_code == 404
    assert pinned.json()["detail"] == "ไม่พบแบบประเมินนี้ในคลังแบบประเมินของระบบ"


def test_score_gives_the_engines_exact_result(client, esa_staff, token_for):
    headers = token_for(esa_staff, scopes=[ApiScope.SCORE])
    answers = _answers(all_checked(drop=1))
    response = client.post(
        f"/api/v1/instruments/{ID}/score",
        {"answers": answers, "version_hash": version_hash(get_instrument(ID))},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200
    body = response.json()
    expected = score(get_instrument(ID), answers)
    assert Decimal(body["total"]) == expected.total
    assert isinstance(body["total"], str)
    assert body["tier"] == expected.tier
    assert body["components"][0]["indicators"][0]["points"] == str(
        expected.components[0].indicators[0].points.normalize()
    )


def test_answers_that_do_not_fit_are_a_thai_422_naming_the_answer(client, esa_staff, token_for):
    headers = token_for(esa_staff, scopes=[ApiScope.SCORE])
    indicators = empty()
    indicators["c1.i1"] = {"checked": [999]}
    response = client.post(
        f"/api/v1/instruments/{ID}/score",
        {"answers": _answers(indicators)},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "คำตอบไม่ตรงกับแบบประเมิน"
    assert body["errors"][0]["loc"][0] == "answers"
    assert body["errors"][0]["message"]


def test_an_unknown_instrument_is_a_thai_404(client, esa_staff, token_for):
    headers = token_for(esa_staff, scopes=[ApiScope.SCORE])
    response = client.post(
        "/api/v1/instruments/no-such/score",
        {"answers": {}},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 404


def test_a_body_that_is_not_json_is_a_thai_422(client, esa_staff, token_for):
    headers = token_for(esa_staff, scopes=[ApiScope.SCORE])
    response = client.post(
        f"/api/v1/instruments/{ID}/score", "{not json", content_type="application/json", **headers
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "ข้อมูลที่ส่งมาไม่ใช่ JSON หรือแบบฟอร์มที่ถูกต้อง"

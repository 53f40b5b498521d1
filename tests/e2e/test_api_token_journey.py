"""An ESA officer creates a personal API token on her profile page, calls the API with it, reads
the API's docs page, and revokes the token (issue 15)."""

from __future__ import annotations

import requests
from playwright.sync_api import expect

from pramoen.core.demo import DEMO_PASSWORD
from tests.e2e.conftest import login


def test_officer_creates_uses_and_revokes_an_api_token(page, live_server, demo_data):
    login(page, "esa", DEMO_PASSWORD)
    page.goto("/accounts/profile/")
    tokens = page.get_by_test_id("api-tokens")
    tokens.get_by_label("ชื่อโทเค็น (เช่น ระบบ DMC ของเขต)").fill("ระบบ DMC ของเขต")
    tokens.get_by_label("นำเข้าข้อมูลโรงเรียนและบุคลากร").check()
    tokens.get_by_label("อายุ").select_option(label="๓๐ วัน")
    tokens.get_by_role("button", name="สร้างโทเค็น").click()
    expect(page.get_by_test_id("new-token")).to_contain_text("ระบบจะไม่แสดงอีก")
    text = page.get_by_test_id("new-token-text").inner_text().strip()
    row = page.get_by_test_id("token-row")
    expect(row).to_contain_text("อ่านข้อมูล, นำเข้าข้อมูลโรงเรียนและบุคลากร")

    # another system calls the API with the token alone (no browser, no cookies)
    schools = requests.get(
        f"{live_server.url}/api/v1/organizations/schools?page_size=5",
        headers={"Authorization": f"Bearer {text}"},
        timeout=30,
    )
    assert schools.status_code == 200
    assert schools.json()["count"] > 0

    # the interactive docs, from local files, under the site's Content-Security-Policy
    page.get_by_role("link", name="คู่มือ API").click()
    expect(page.locator(".swagger-ui .title").first).to_contain_text("Pramoen API")
    expect(page.get_by_text("/api/v1/organizations/schools", exact=True).first).to_be_visible()

    page.goto("/accounts/profile/")
    expect(page.get_by_test_id("new-token")).to_have_count(0)  # shown once only
    page.get_by_role("button", name="ยกเลิกโทเค็น").click()
    expect(page.get_by_role("status")).to_contain_text("ยกเลิกโทเค็น “ระบบ DMC ของเขต” แล้ว")
    expect(row).to_contain_text("ยกเลิกแล้ว")
    refused = requests.get(
        f"{live_server.url}/api/v1/organizations/schools",
        headers={"Authorization": f"Bearer {text}"},
        timeout=30,
    )
    assert refused.status_code == 401

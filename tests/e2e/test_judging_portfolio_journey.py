"""The judge reads the portfolio beside the rubric and turns to the pages the applicant named."""

from __future__ import annotations

from playwright.sync_api import expect

from pramoen.core.demo import DEMO_PASSWORD
from tests.e2e.conftest import login


def test_judge_turns_the_portfolio_to_the_pages_named_for_an_indicator(page, demo_data):
    from pramoen.awards.models import Entry

    waiting = Entry.objects.get(school__code="9999000005", category__committee__isnull=False)
    page.set_viewport_size({"width": 1600, "height": 1000})
    login(page, "judge", DEMO_PASSWORD)
    page.goto(f"/judging/entry/{waiting.pk}/")

    viewer = page.get_by_test_id("portfolio-viewer")
    # The demo portfolio: a cover, then a page per indicator (12 pages for the school form).
    expect(viewer).to_have_attribute("data-pages", "12")
    page_number = page.get_by_test_id("viewer-page")
    expect(page_number).to_have_value("1")

    # Beside the rubric, not above it: the viewer and the first indicator share the screen.
    first_indicator = page.get_by_test_id("indicator-c1.i1")
    viewer_box, rubric_box = viewer.bounding_box(), first_indicator.bounding_box()
    assert viewer_box["x"] > rubric_box["x"] + rubric_box["width"] - 1

    # Component 1 indicator 4 (ด้านการบริหารจัดการ) is on page 5 of the portfolio.
    indicator = page.get_by_test_id("indicator-c1.i4")
    indicator.get_by_role("link", name="แฟ้มผลงาน หน้า 5").click()
    expect(page_number).to_have_value("5")
    expect(viewer.locator('.page[data-page-number="5"]')).to_be_in_viewport()

    viewer.get_by_role("button", name="หน้าถัดไป").click()
    expect(page_number).to_have_value("6")
    page_number.fill("12")
    page_number.press("Enter")
    expect(viewer.locator('.page[data-page-number="12"]')).to_be_in_viewport()
    # Scrolling the rubric keeps the viewer in sight.
    page.get_by_test_id("indicator-c2.i5").scroll_into_view_if_needed()
    expect(viewer).to_be_in_viewport()

import pytest

from pramoen.awards.pages import first_page, page_count


@pytest.mark.parametrize(
    ("text", "count", "first"),
    [
        ("12-15, 20", 5, "12"),
        ("๑๒-๑๕", 4, "๑๒"),
        ("7", 1, "7"),
        ("", 0, ""),
        ("หน้า 3", 0, ""),
        ("x, 5-6", 2, ""),
        ("3-x", 0, "3"),
    ],
)
def test_page_references(text, count, first):
    assert page_count(text) == count
    assert first_page(text) == first

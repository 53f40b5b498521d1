"""One digits style for a page's text (issue 20): only the text people read changes."""

from __future__ import annotations

from pramoen.thai.page_digits import page_digits


def test_text_between_tags_becomes_thai_and_markup_keeps_its_digits():
    html = (
        '<p class="col-6" data-n="12">ครั้งที่ 5 ปี ๒๕๖๙ คะแนน 85.11 %</p><a href="/kpi/3/">รายงาน 3</a>'
    )
    assert page_digits(html, thai=True) == (
        '<p class="col-6" data-n="12">ครั้งที่ ๕ ปี ๒๕๖๙ คะแนน ๘๕.๑๑ %</p><a href="/kpi/3/">รายงาน ๓</a>'
    )


def test_arabic_turns_thai_digits_back_and_leaves_markup_alone():
    html = '<td title="๑">ลำดับ ๑</td><td>150 หน้า</td>'
    assert page_digits(html, thai=False) == '<td title="๑">ลำดับ 1</td><td>150 หน้า</td>'


def test_scripts_typed_text_references_and_copied_words_keep_their_digits():
    html = (
        "<script>var a = 10;</script><style>.x{width:10px}</style>"
        "<textarea name=t>พิมพ์ 12</textarea><pre>1 2</pre>"
        "<p>&#39;ผล&#x27; 7 judge2@demo.pramoen.invalid https://x.invalid/a/1</p>"
        "<p>รหัส 5DQ28AW4 KPI10</p>"
        "<!-- 42 -->"
    )
    assert page_digits(html, thai=True) == html.replace(" 7 ", " ๗ ")


def test_a_page_without_digits_is_unchanged():
    html = "<html><body><h1>หน้าหลัก</h1></body></html>"
    assert page_digits(html, thai=True) == html
    assert page_digits(html, thai=False) == html

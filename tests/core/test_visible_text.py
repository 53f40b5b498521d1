"""The measure behind the English-page test counts what a reader sees (issue 19)."""

from __future__ import annotations

from django.template import Context, Template

from tests.core.visible_text import thai_lines, thai_share, visible_lines

PAGE = """<!doctype html><html lang="en"><head><title>Results · ผลการตัดสิน</title>
<script>const t = "ภาษาไทยในสคริปต์";</script><style>p::after { content: "ไทย"; }</style></head>
<body><h1>Results: <span lang="th">ครั้งที่ ๕</span></h1>
<p>Page ๑ of ๒</p>
<input placeholder="ค้นหา">
<ul><li lang="th">โรงเรียนบ้านเขาแก้ว<li>Second school</ul>
<p lang="th">ชื่อ <span lang="en">English inside is not counted either</span></p>
</body></html>"""


def test_only_text_outside_lang_th_elements_is_counted():
    lines = visible_lines(PAGE)

    assert lines == ["Results · ผลการตัดสิน", "Results:", "Page ๑ of ๒", "ค้นหา", "Second school"]
    assert thai_lines(PAGE) == ["Results · ผลการตัดสิน", "ค้นหา"]
    assert thai_share(PAGE) == 2 / 5


def test_on_a_thai_page_the_thai_parts_count_too():
    thai_page = PAGE.replace('<html lang="en">', '<html lang="th">')

    assert "โรงเรียนบ้านเขาแก้ว" in visible_lines(thai_page)
    assert thai_share(thai_page) > thai_share(PAGE)


def test_thai_digits_alone_do_not_make_a_line_thai():
    assert thai_lines("<p>Page ๑ of ๒</p>") == []


def test_lang_th_marks_a_value_and_escapes_it():
    template = Template("{% load thai %}{{ name|lang_th }}|{{ empty|lang_th }}")

    rendered = template.render(Context({"name": "โรงเรียน <b>", "empty": ""}))

    assert rendered == '<span lang="th">โรงเรียน &lt;b&gt;</span>|'

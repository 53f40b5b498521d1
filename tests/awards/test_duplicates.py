"""Duplicate and near-duplicate portfolios (issue 14, "Must show": two portfolios sharing 70 % of
their Thai text are flagged; unrelated ones are not — synthetic PDFs typeset here by typst)."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from pramoen.awards.models import PortfolioMatch, PortfolioSignature
from pramoen.awards.services import campaign_create, portfolio_duplicates_check
from pramoen.documents.fingerprint import compare, fingerprint_pages
from tests.awards.conftest import SCHOOL_ACADEMIC, campaign_fields
from tests.awards.duplicates_helpers import entry_with_portfolio, thai_paragraphs, thai_pdf

pytestmark = pytest.mark.django_db

SHARED = thai_paragraphs(1, 21)  # 70 % of a 30-paragraph portfolio


@pytest.fixture
def category(campaign):
    return campaign.categories.first()


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("duplicates")
    return {
        "a": thai_pdf(tmp_path, SHARED + thai_paragraphs(2, 9), "a"),
        "b": thai_pdf(tmp_path, SHARED + thai_paragraphs(3, 9), "b"),
        "c": thai_pdf(tmp_path, thai_paragraphs(4, 30), "c"),
    }


def test_seventy_percent_shared_thai_text_is_flagged_and_unrelated_is_not(
    category, school, staff, pdfs
):
    a, b, c = (entry_with_portfolio(category, school, staff, pdfs[k]) for k in "abc")
    for entry in (a, b, c):
        portfolio_duplicates_check(entry=entry)
    match = PortfolioMatch.objects.get()
    assert (match.entry_a_id, match.entry_b_id) == (a.pk, b.pk)
    assert 0.6 <= float(match.similarity) <= 0.8  # ≈ 70 % of either portfolio
    # The shared paragraphs open both files: their first pages match one to one.
    assert [p[:2] for p in match.pages][:2] == [[1, 1], [2, 2]]
    assert all(p[3] == "text" for p in match.pages)
    assert PortfolioSignature.objects.count() == 3


def test_recheck_replaces_the_pairs_and_a_rejected_portfolio_drops_them(
    category, school, staff, pdfs
):
    a, b = (entry_with_portfolio(category, school, staff, pdfs[k]) for k in "ab")
    portfolio_duplicates_check(entry=a)
    portfolio_duplicates_check(entry=b)
    portfolio_duplicates_check(entry=b)
    assert PortfolioMatch.objects.count() == 1
    b.portfolio_report = {"ok": False, "pages": 3, "findings": []}
    b.save(update_fields=["portfolio_report"])
    assert portfolio_duplicates_check(entry=b) == []
    assert not PortfolioMatch.objects.exists()
    assert not PortfolioSignature.objects.filter(entry=b).exists()


def test_past_edition_of_the_same_award_is_compared_another_esas_is_not(
    category, school, staff, pdfs, esa, make_user
):
    from tests.orgs.factories import EsaFactory, SchoolFactory

    past = campaign_create(
        esa=esa,
        actor=staff,
        categories=[SCHOOL_ACADEMIC],
        **campaign_fields(edition=4, year_be=2568),
    )
    other_esa = EsaFactory()
    other = campaign_create(
        esa=other_esa, actor=staff, categories=[SCHOOL_ACADEMIC], **campaign_fields()
    )
    old = entry_with_portfolio(past.categories.get(), school, staff, pdfs["a"])
    foreign = entry_with_portfolio(
        other.categories.get(), SchoolFactory(parent=other_esa), staff, pdfs["a"]
    )
    portfolio_duplicates_check(entry=old)
    portfolio_duplicates_check(entry=foreign)
    now = entry_with_portfolio(category, school, staff, pdfs["b"])
    found = portfolio_duplicates_check(entry=now)
    assert [(m.entry_a_id, m.entry_b_id) for m in found] == [(old.pk, now.pk)]


def test_unreadable_file_keeps_no_fingerprint_and_does_not_fail(category, school, staff):
    entry = entry_with_portfolio(category, school, staff, b"%PDF-1.7\n" + b"\x00garbage" * 50)
    assert portfolio_duplicates_check(entry=entry) == []
    assert not PortfolioSignature.objects.exists()


def _scan(seed: int) -> bytes:
    import random

    rnd = random.Random(seed)
    image = Image.new("L", (600, 840), 235)
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y = rnd.randrange(600), rnd.randrange(840)
        draw.rectangle(
            (x, y, x + rnd.randrange(20, 200), y + rnd.randrange(10, 80)), fill=rnd.randrange(120)
        )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_scanned_pages_are_matched_by_their_image_hash(category, school, staff, tmp_path):
    scans = {f"scan{n}.png": _scan(n) for n in range(4)}
    pages = lambda names: [f'#image("{n}", width: 100%)\n#pagebreak()' for n in names]  # noqa: E731
    a = thai_pdf(tmp_path, pages(["scan0.png", "scan1.png", "scan2.png"]), "sa", images=scans)
    b = thai_pdf(tmp_path, pages(["scan3.png", "scan1.png", "scan2.png"]), "sb", images=scans)
    first, second = (entry_with_portfolio(category, school, staff, pdf) for pdf in (a, b))
    portfolio_duplicates_check(entry=first)
    [match] = portfolio_duplicates_check(entry=second)
    assert [(p[0], p[1], p[3]) for p in match.pages] == [(2, 2, "image"), (3, 3, "image")]


def test_compare_is_symmetric_in_similarity():
    a = fingerprint_pages([(p, None) for p in SHARED[:14] + thai_paragraphs(5, 6)])
    b = fingerprint_pages([(p, None) for p in SHARED[:14]])
    assert compare(a, b).similarity == compare(b, a).similarity
    # b is wholly inside a: all of the smaller portfolio is shared.
    assert compare(a, b).similarity >= 0.9


def _pair(category, school, staff, *, pages=((1, 1), (2, 3))):
    from decimal import Decimal

    from django.utils import timezone

    from pramoen.awards.models import PortfolioSignature

    a, b = (
        entry_with_portfolio(category, school, staff, b"%PDF-1.7\n", nominee_name=name)
        for name in ("นางสาวก้อย ทดสอบ", "นายข้าว ทดสอบ")
    )
    for entry, text in ((a, "บันทึกกิจกรรมพัฒนาผู้เรียน"), (b, "กิจกรรมพัฒนาผู้เรียนของโรงเรียน")):
        PortfolioSignature.objects.create(
            entry=entry,
            data={"pages": [{"n": n, "excerpt": f"{text} หน้า {n}"} for n in (1, 2, 3)]},
            computed_at=timezone.now(),
        )
    return PortfolioMatch.objects.create(
        entry_a=a,
        entry_b=b,
        similarity=Decimal("0.7312"),
        text_share=Decimal("0.7312"),
        image_share=Decimal(0),
        pages=[[pa, pb, 0.9, "text"] for pa, pb in pages],
        computed_at=timezone.now(),
    )


def test_screening_page_lists_the_pair_and_the_side_by_side_view_shows_both_pages(
    client, category, school, staff
):
    from django.urls import reverse

    match = _pair(category, school, staff)
    client.force_login(staff)
    page = client.get(reverse("awards:campaign_screening", args=[category.campaign_id]))
    html = page.content.decode()
    assert "แฟ้มผลงานที่อาจซ้ำกัน" in html and "นางสาวก้อย ทดสอบ" in html
    assert "๗๓%" in html and "หน้า ๒ ↔ ๓" in html
    side = client.get(
        reverse("awards:entry_duplicates", args=[category.campaign_id, match.entry_b_id])
    ).content.decode()
    # Seen from b: b's page 3 beside a's page 2.
    assert "กิจกรรมพัฒนาผู้เรียนของโรงเรียน หน้า 3" in side
    assert "บันทึกกิจกรรมพัฒนาผู้เรียน หน้า 2" in side
    assert "คล้ายกับ นางสาวก้อย ทดสอบ ๗๓%" in side


def test_duplicate_lists_run_the_same_queries_at_two_sizes(
    client, category, school, staff, queries_at_two_sizes
):
    from django.urls import reverse

    client.force_login(staff)
    queries_at_two_sizes(
        reverse("awards:campaign_screening", args=[category.campaign_id]),
        lambda n: [_pair(category, school, staff) for _ in range(n)],
    )
    first = _pair(category, school, staff)

    def more_for_first(n):
        from decimal import Decimal

        from django.utils import timezone

        for _ in range(n):
            other = _pair(category, school, staff).entry_b
            PortfolioMatch.objects.create(
                entry_a=first.entry_a,
                entry_b=other,
                similarity=Decimal("0.6"),
                text_share=Decimal("0.6"),
                image_share=Decimal(0),
                pages=[[1, 1, 0.8, "text"]],
                computed_at=timezone.now(),
            )

    queries_at_two_sizes(
        reverse("awards:entry_duplicates", args=[category.campaign_id, first.entry_a_id]),
        more_for_first,
    )


def test_the_portfolio_upload_runs_the_duplicate_check(
    teacher_category, school, applicant, pdfs, make_user
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pramoen.awards.services import entry_attach_portfolio, entry_save, entry_start
    from tests.awards.test_entries import COMPLETE, OPEN

    entries = []
    for name, key in (("นายสมชาย ใจดี", "a"), ("นางสาวสมหญิง ใจงาม", "b")):
        entry = entry_start(
            category=teacher_category, school=school, actor=applicant, nominee_name=name, now=OPEN
        )
        entry_save(entry=entry, actor=applicant, answers=COMPLETE, now=OPEN)
        upload = SimpleUploadedFile("ผลงาน.pdf", pdfs[key], content_type="application/pdf")
        entry_attach_portfolio(entry=entry, actor=applicant, upload=upload, now=OPEN)
        entries.append(entry)
    match = PortfolioMatch.objects.get()
    assert {match.entry_a_id, match.entry_b_id} == {e.pk for e in entries}


def test_staff_see_pairs_of_submitted_entries_only(client, category, school, staff):
    from django.urls import reverse

    from pramoen.awards.enums import EntryStatus

    match = _pair(category, school, staff)
    match.entry_b.status = EntryStatus.DRAFT
    match.entry_b.save(update_fields=["status"])
    client.force_login(staff)
    page = client.get(reverse("awards:campaign_screening", args=[category.campaign_id]))
    assert "ไม่พบแฟ้มผลงานที่อาจซ้ำกัน" in page.content.decode()
    side = client.get(
        reverse("awards:entry_duplicates", args=[category.campaign_id, match.entry_a_id])
    )
    assert "ไม่พบแฟ้มผลงานที่อาจซ้ำกับผลงานนี้" in side.content.decode()

from io import StringIO

import pypdfium2 as pdfium
import pytest
from django.core.management import CommandError, call_command

from pramoen.judging import services
from pramoen.judging.models import Certificate
from tests.judging.helpers import all_checked


def test_cli_builds_certificates_for_tiered_entries_only(
    tmp_path, committee, chair, judges, make_entry, category
):
    winners = [make_entry(), make_entry()]
    screened = make_entry(eligible=False)
    for entry in [*winners, screened]:
        for judge in judges:
            services.assignment_add(entry=entry, judge=judge, actor=chair)
            review = services.review_open(entry=entry, judge=judge)
            services.review_submit(
                review=review, actor=judge, seen_version=0, indicators=all_checked()
            )
    services.group_finalize(committee=committee, actor=chair)
    out = StringIO()
    call_command(
        "certificates",
        "build",
        f"--campaign={category.campaign_id}",
        f"--out={tmp_path}",
        stdout=out,
    )
    certs = list(Certificate.objects.order_by("number"))
    assert [c.entry_id for c in certs] == [w.pk for w in winners]
    pdf = pdfium.PdfDocument(tmp_path / "certificates.pdf")
    texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    assert len(texts) == 2
    for cert, text in zip(certs, texts, strict=True):
        assert cert.recipient in text
        assert cert.short_code in text
        assert "รางวัลเหรียญทอง" in text
    assert (tmp_path / "certificates.zip").exists()
    assert "2" in out.getvalue()
    # A second build reuses the same numbers and codes.
    call_command(
        "certificates",
        "build",
        f"--campaign={category.campaign_id}",
        f"--out={tmp_path}",
        stdout=StringIO(),
    )
    assert list(Certificate.objects.order_by("number").values_list("short_code", flat=True)) == [
        c.short_code for c in certs
    ]


def test_cli_unknown_campaign_is_a_thai_error(db, tmp_path):
    with pytest.raises(CommandError, match="ไม่พบการประกวด"):
        call_command("certificates", "build", "--campaign=999999", f"--out={tmp_path}")


def test_committee_certificates_optional_and_verifiable(
    client, committee, chair, judges, make_entry, category, staff
):
    from django.urls import reverse

    entry = make_entry()
    for judge in judges:
        services.assignment_add(entry=entry, judge=judge, actor=chair)
        review = services.review_open(entry=entry, judge=judge)
        services.review_submit(review=review, actor=judge, seen_version=0, indicators=all_checked())
    services.group_finalize(committee=committee, actor=chair)
    assert len(services.certificates_issue(campaign=category.campaign, actor=staff)) == 1
    issued = services.certificates_issue(
        campaign=category.campaign, actor=staff, include_committees=True
    )
    assert [(c.number, c.award) for c in issued] == [
        (1, "ได้รับรางวัลเหรียญทอง"),
        (2, "ได้ปฏิบัติหน้าที่ประธานกรรมการตัดสิน"),
        (3, "ได้ปฏิบัติหน้าที่กรรมการตัดสิน"),
        (4, "ได้ปฏิบัติหน้าที่กรรมการตัดสิน"),
        (5, "ได้ปฏิบัติหน้าที่กรรมการตัดสิน"),
    ]
    chair_cert = issued[1]
    page = client.get(reverse("judging:verify", args=[chair_cert.short_code])).content.decode()
    assert chair.display_name in page and category.label_th in page and "ใช้ได้" in page


def test_verification_codes_carry_at_least_80_bits(committee, chair, judges, make_entry, client):
    """Issue 16: 32⁸ (40 bits) let 500 guesses a minute go on for years; 32¹⁶ is 80 bits."""
    import math

    from pramoen.judging.services.certificates import CODE_ALPHABET, CODE_LENGTH

    entries = [make_entry() for _ in range(3)]
    for entry in entries:
        for judge in judges:
            services.assignment_add(entry=entry, judge=judge, actor=chair)
            review = services.review_open(entry=entry, judge=judge)
            services.review_submit(
                review=review, actor=judge, seen_version=0, indicators=all_checked()
            )
    services.group_finalize(committee=committee, actor=chair)
    certs = services.certificates_issue(campaign=entries[0].category.campaign, actor=chair)
    assert CODE_LENGTH * math.log2(len(set(CODE_ALPHABET))) >= 80
    for cert in certs:
        assert len(cert.short_code) == CODE_LENGTH
        assert set(cert.short_code) <= set(CODE_ALPHABET)
    # A code read out in groups, with dashes or spaces and in lower case, still verifies.
    code = certs[0].short_code
    typed = "-".join(code[i : i + 4] for i in range(0, len(code), 4)).lower()
    from django.urls import reverse

    assert client.get(reverse("judging:verify", args=[typed])).status_code == 200

"""The screening e-mail in the campaign's ESA's own words (issue 19), sent by the queued job."""

from __future__ import annotations

import pytest

from pramoen.awards.services import screening_confirm, screening_override, screening_run
from pramoen.core.mail_kinds import ENTRY_SCREENED
from pramoen.people.services.mail_templates import mail_template_save
from tests.awards.test_screening_services import submitted_entry

pytestmark = pytest.mark.django_db


def _screen(entry, staff, django_capture_on_commit_callbacks):
    for check in screening_run(entry=entry, actor=staff):
        if check.outcome == "needs_evidence":
            screening_override(check=check, actor=staff, outcome="pass", reason="ตรวจหลักฐานแล้ว")
    with django_capture_on_commit_callbacks(execute=True):
        return screening_confirm(entry=entry, actor=staff)


def test_the_esas_screening_template_is_what_the_applicant_receives(
    campaign, school, applicant, staff, esa, mailoutbox, django_capture_on_commit_callbacks
):
    mail_template_save(
        actor=staff,
        esa=esa,
        kind=ENTRY_SCREENED,
        subject="แจ้งผลคุณสมบัติ {{ who }}",
        body=(
            "เรียน {{ who }}\n{{ category }}\nผล: {{ result }}"
            "{% if failed_checks %} (มีรายการไม่ผ่าน){% endif %}\n{{ esa_secret }}"
        ),
    )
    entry = submitted_entry(campaign, school, applicant, "school")
    entry = _screen(entry, staff, django_capture_on_commit_callbacks)
    [mail] = mailoutbox
    assert mail.to == [applicant.email]
    assert mail.subject == f"แจ้งผลคุณสมบัติ {school.name_th}"
    assert mail.body == (
        f"เรียน {school.name_th}\n{entry.category.label_th}\nผล: {entry.get_eligibility_display()}\n"
    )


def test_without_an_override_the_default_text_is_sent(
    campaign, school, applicant, staff, mailoutbox, django_capture_on_commit_callbacks
):
    entry = _screen(
        submitted_entry(campaign, school, applicant, "school"),
        staff,
        django_capture_on_commit_callbacks,
    )
    [mail] = mailoutbox
    assert mail.subject == f"[{campaign.name}] ผลการตรวจคุณสมบัติเบื้องต้นของ {school.name_th}"
    assert mail.body == (
        f"ผลการตรวจคุณสมบัติเบื้องต้นของ {school.name_th}\n{campaign.title_th}\n"
        f"{entry.category.label_th}\n\nผล: {entry.get_eligibility_display()}\n"
    )

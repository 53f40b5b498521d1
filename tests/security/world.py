"""The world the URL matrix runs in: the demo (one ESA, its schools, campaigns, committee, KPI
reports) plus, for each role, a second account holding the same role in *another* ESA (or another
school), so every URL is tried on an own-ESA object and — by that account — on another ESA's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection

from pramoen.accounts.enums import Role

DEMO_ROLES = ["admin", "esa", "chair", "judge", "school", "teacher", "kpi", "reviewer", "obec"]
OTHER_ROLES = {
    "other_esa": Role.ESA_STAFF,
    "other_chair": Role.COMMITTEE_CHAIR,
    "other_judge": Role.JUDGE,
    "other_school": Role.APPLICANT_SCHOOL,
    "other_teacher": Role.APPLICANT_PERSON,
    "other_kpi": Role.KPI_REPORTER,
    "other_reviewer": Role.KPI_REVIEWER,
}
ROLES = ["anonymous", *DEMO_ROLES, *OTHER_ROLES]


@dataclass
class World:
    users: dict[str, Any]
    objects: dict[str, Any]


def build_world() -> World:
    from pramoen.accounts.models import User
    from pramoen.accounts.services import membership_grant
    from pramoen.awards.models import Campaign, Entry
    from pramoen.core import demo
    from pramoen.judging.models import Committee
    from pramoen.kpi.models import KpiRound
    from pramoen.kpi.services.evidence import evidence_add_link
    from pramoen.kpi.services.reports import report_get_or_create
    from pramoen.orgs.demo import DEMO_ESA_CODE
    from pramoen.orgs.models import ImportBatch, Organization, Person
    from tests.factories import EsaFactory, UserFactory

    demo.load(lambda line: None)
    users = {name: User.objects.get(username=name) for name in DEMO_ROLES}
    other_esa = EsaFactory()
    other_school = Organization.objects.create(
        kind="school", code="9999888801", name_th="โรงเรียนเขตอื่น", parent=other_esa
    )
    for name, role in OTHER_ROLES.items():
        user = UserFactory(username=name)
        where = (
            other_school if role in {Role.APPLICANT_SCHOOL, Role.APPLICANT_PERSON} else other_esa
        )
        membership_grant(user=user, role=role, organization=where)
        users[name] = user
    esa = Organization.objects.get(kind="esa", code=DEMO_ESA_CODE)
    judged = Campaign.objects.get(esa=esa, year_be=2569)
    committee = Committee.objects.get(category__campaign=judged)
    entry = Entry.objects.filter(campaign=judged).order_by("pk").first()
    # The demo's own ESA has not opened its KPI report yet; its reporter opens one with a link.
    report = report_get_or_create(
        round=KpiRound.objects.get(kind="12m"), esa=esa, actor=users["kpi"]
    )
    evidence = evidence_add_link(
        report=report,
        slot_id="ev_report",
        url="https://drive.demo.pramoen.invalid/matrix",
        title="หลักฐานทดสอบ",
        actor=users["kpi"],
    )
    batch = ImportBatch.objects.create(
        kind="schools",
        status="rejected",
        filename="x.csv",
        sha256="0" * 64,
        uploaded_by=users["esa"],
    )
    from pramoen.core.generated import DOCUMENT
    from pramoen.core.models import Job

    # A generated file the ESA staff member asked for (still being built: its page, no file).
    document = Job.objects.create(
        kind=DOCUMENT.path,
        params={"title": "หนังสือ", "filename": "x.pdf", "content_type": "application/pdf"},
        created_by=users["esa"],
    )
    from pramoen.studio.services import studio_instrument_clone, studio_publish

    # An instrument the demo ESA authored in the studio, with one published version.
    studio = studio_instrument_clone(
        esa=esa, actor=users["esa"], source_id="nara2-teacher-innovation"
    )
    studio_version = studio_publish(instrument=studio, actor=users["esa"])
    from pramoen.judging.models import Certificate

    objects = {
        # The certificate of the demo's past edition (issued to the account "winner").
        "certificate": Certificate.objects.get(entry__isnull=False),
        "studio": studio,
        "studio_version": studio_version,
        "document": document,
        "esa": esa,
        "campaign": judged,
        "open_campaign": Campaign.objects.get(esa=esa, year_be=2570),
        "committee": committee,
        "category": committee.category,
        "entry": entry,
        "report": report,
        "evidence": evidence,
        "school": Organization.objects.filter(kind="school", parent=esa).order_by("pk").first(),
        "person": Person.objects.filter(organization__parent=esa).order_by("pk").first(),
        "batch": batch,
        "account": users["judge"],  # an account of the demo ESA (the account pages)
    }
    return World(users, objects)


def row_counts() -> dict[str, int]:
    """Every table's row count in one query (the GET-never-writes check runs it per request)."""
    from django.apps import apps

    tables = sorted(
        {m._meta.db_table for m in apps.get_models(include_auto_created=True) if m._meta.managed}
    )
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT '{t}', COUNT(*) FROM {quote(t)}"  # table names: model metadata
        for t in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())

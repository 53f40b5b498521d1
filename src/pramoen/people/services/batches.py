"""Accounts from the imported registry, made as one job: an account per school (the school's
10-digit code as its user name) or per teacher and director with a national ID (linked to their
registry record by it). A school or person that already has an account is skipped, so running a
batch again makes only what is missing (and a retried job makes nothing twice: it is one
transaction). The officer then downloads the list of one-time links (views.batches)."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from pramoen.accounts.enums import Role
from pramoen.accounts.models import Membership, User
from pramoen.core.jobs import JobKind, job_create, job_progress
from pramoen.core.models import Job
from pramoen.core.services import audit_record
from pramoen.orgs.enums import Position
from pramoen.orgs.models import Organization, Person
from pramoen.people.enums import BatchKind, BatchStatus
from pramoen.people.models import AccountBatch

CHUNK = 500
# Who may apply for themselves: the positions of the NARA 2 person categories.
APPLICANT_POSITIONS = [
    Position.TEACHER,
    Position.DIRECTOR,
    Position.DEPUTY_DIRECTOR,
    Position.ASSISTANT_TEACHER,
]


def person_username(person: Person) -> str:
    # Not the national ID: user names appear in the audit log and the officer's lists.
    return f"person{person.pk}"


@transaction.atomic
def batch_queue(*, actor: User, esa: Organization, kind: str) -> AccountBatch:
    batch = AccountBatch.objects.create(esa=esa, kind=kind, created_by=actor)
    batch.job = job_create(kind=ACCOUNT_BATCH, params={"batch": batch.pk}, actor=actor)
    batch.save(update_fields=["job"])
    audit_record(actor=actor, action="account_batch.queue", target=batch, after={"kind": kind})
    return batch


def _school_accounts(esa: Organization) -> list[tuple[User, Membership]]:
    taken = Membership.objects.filter(role=Role.APPLICANT_SCHOOL).values("organization_id")
    schools = (
        Organization.objects.schools()
        .filter(parent=esa)
        .exclude(code="")
        .exclude(pk__in=taken)
        .order_by("code")
    )
    rows = list(schools.values_list("pk", "code", "name_th"))
    existing = set(
        User.objects.filter(username__in=[code for _pk, code, _n in rows]).values_list(
            "username", flat=True
        )
    )
    return [
        (
            User(username=code, first_name=name, password=make_password(None)),
            Membership(role=Role.APPLICANT_SCHOOL, organization_id=pk),
        )
        for pk, code, name in rows
        if code not in existing
    ]


def _person_accounts(esa: Organization) -> list[tuple[User, Membership]]:
    linked = User.objects.exclude(national_id="").values("national_id")
    people = (
        Person.objects.filter(organization__parent=esa, position__in=APPLICANT_POSITIONS)
        .exclude(national_id="")
        .exclude(national_id__in=linked)
        # person_username in SQL, so a taken user name is left out by the database
        .annotate(account_name=Concat(Value("person"), Cast("pk", CharField())))
        .exclude(account_name__in=User.objects.values("username"))
        .order_by("pk")
        .only("pk", "prefix", "first_name", "last_name", "national_id", "organization_id")
    )
    return [
        (
            User(
                username=person_username(person),
                name_prefix=person.prefix,
                first_name=person.first_name,
                last_name=person.last_name,
                national_id=person.national_id,
                password=make_password(None),
            ),
            Membership(role=Role.APPLICANT_PERSON, organization_id=person.organization_id),
        )
        for person in people
    ]


@transaction.atomic
def batch_run(*, batch: AccountBatch, job: Job | None = None) -> AccountBatch:
    """Make the batch's accounts and roles with a few statements per chunk; one audit row."""
    batch = AccountBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status == BatchStatus.DONE:
        return batch
    builders = {BatchKind.SCHOOLS: _school_accounts, BatchKind.PEOPLE: _person_accounts}
    pairs = builders[BatchKind(batch.kind)](batch.esa)
    made: list[User] = []
    for start in range(0, len(pairs), CHUNK):
        chunk = pairs[start : start + CHUNK]
        users = User.objects.bulk_create([user for user, _m in chunk])
        if any(user.pk is None for user in users):  # a backend that returns no ids
            by_name = dict(
                User.objects.filter(username__in=[u.username for u in users]).values_list(
                    "username", "pk"
                )
            )
            for user in users:
                user.pk = by_name[user.username]
        memberships = []
        for user, membership in zip(users, (m for _u, m in chunk), strict=True):
            membership.user_id = user.pk
            memberships.append(membership)
        Membership.objects.bulk_create(memberships)
        batch.users.add(*users)
        made.extend(users)
        if job is not None:
            job_progress(job, start + len(chunk), len(pairs))
    batch.status = BatchStatus.DONE
    batch.created_count = len(made)
    batch.finished_at = timezone.now()
    batch.save(update_fields=["status", "created_count", "finished_at"])
    audit_record(
        actor=batch.created_by,
        action="account_batch.run",
        target=batch,
        after={"kind": batch.kind, "created": len(made), "usernames": [u.username for u in made]},
    )
    return batch


def _run(job: Job) -> None:
    batch_run(batch=AccountBatch.objects.get(pk=job.params["batch"]), job=job)


def _failed(job: Job, message: str) -> None:
    AccountBatch.objects.filter(pk=job.params["batch"]).update(
        status=BatchStatus.FAILED, error=message
    )


ACCOUNT_BATCH = JobKind(path=f"{__name__}.ACCOUNT_BATCH", run=_run, failed=_failed)

from __future__ import annotations

import pytest

from pramoen.accounts.enums import Role
from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Entry
from pramoen.awards.services import campaign_create
from pramoen.judging.services import committee_create, eligibility_record
from tests.awards.conftest import SCHOOL_ACADEMIC, campaign_fields
from tests.orgs.factories import NetworkFactory, SchoolFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Pages cache group scores and results under keys made of ids, counts and times: a test's
    database starts over, a process's cache does not."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def campaign(esa, staff):
    return campaign_create(esa=esa, actor=staff, categories=[SCHOOL_ACADEMIC], **campaign_fields())


@pytest.fixture
def category(campaign):
    return campaign.categories.get()


@pytest.fixture
def network(esa):
    return NetworkFactory(esa=esa)


@pytest.fixture
def make_school(esa):
    def make(**kwargs):
        return SchoolFactory(parent=esa, **kwargs)

    return make


@pytest.fixture
def make_entry(category, staff, make_school):
    def make(school=None, eligible: bool | None = True, pages: str = ""):
        school = school or make_school()
        evidence = {"ev_c1_i1": [{"file": "book.pdf", "pages": pages}]} if pages else {}
        entry = Entry.objects.create(
            campaign=category.campaign,
            category=category,
            school=school,
            nominee_key=f"school:{school.pk}",
            created_by=staff,
            status=EntryStatus.SUBMITTED,
            answers={"scoring": {"fields": {}, "evidence": evidence}},
        )
        if eligible is not None:
            eligibility_record(entry=entry, eligible=eligible, actor=staff)
        return entry

    return make


@pytest.fixture
def chair(make_user, esa):
    return make_user(roles=[Role.COMMITTEE_CHAIR], organization=esa, password=None)


@pytest.fixture
def judges(make_user, esa):
    return [make_user(roles=[Role.JUDGE], organization=esa, password=None) for _ in range(3)]


@pytest.fixture
def committee(category, chair, judges, staff):
    return committee_create(category=category, chair=chair, members=judges, actor=staff)

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from pramoen.orgs import demo
from pramoen.orgs.models import (
    Award,
    DisciplinaryRecord,
    Enrollment,
    Organization,
    Person,
    QualityCore,
    QualityNetworkMember,
)
from pramoen.orgs.selectors import quality_counts_by_esa
from pramoen.orgs.sizes import classify
from pramoen.thai import is_valid_national_id


def test_demo_plan_is_deterministic():
    first = demo._school_plan(random.Random(demo.SEED))
    second = demo._school_plan(random.Random(demo.SEED))
    assert first == second
    assert len({item["name"] for item in first}) == demo.SCHOOL_COUNT


def _row_counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (
            Organization,
            Enrollment,
            Person,
            Award,
            DisciplinaryRecord,
            QualityCore,
            QualityNetworkMember,
        )
    )


@pytest.mark.django_db
def test_demo_load_covers_every_type_size_and_history_and_is_idempotent():
    demo.load(lambda line: None)
    counts = _row_counts()
    demo.load(lambda line: None)
    assert _row_counts() == counts

    esa = Organization.objects.get(kind="esa", code=demo.DEMO_ESA_CODE)
    schools = Organization.objects.filter(kind="school", parent=esa)
    assert schools.count() == 150
    assert {code for code, _ in demo.DEMO_SCHOOLS} <= set(schools.values_list("code", flat=True))
    assert set(schools.values_list("school_type", flat=True)) == {
        "primary",
        "extended",
        "secondary",
    }
    current = list(
        Enrollment.objects.filter(academic_year=demo.DEMO_YEAR).values_list("students", flat=True)
    )
    assert {classify(n).key for n in current} == {"small", "medium", "large"}
    assert {119, 120, 121, 320, 321} <= set(current)
    assert Enrollment.objects.filter(academic_year=demo.DEMO_YEAR - 2).count() == 150

    people = Person.objects.all()
    assert 1800 <= people.count() <= 2300
    assert all(is_valid_national_id(n) for n in people.values_list("national_id", flat=True)[:200])
    assert Award.objects.filter(tier="gold").exists()
    recent = demo.TODAY - timedelta(days=730)
    assert DisciplinaryRecord.objects.filter(occurred_on__gte=recent).exists()
    assert people.filter(position_started_on__gt=demo.TODAY - timedelta(days=365)).count() > 100
    assert people.filter(position="supervisor", organization=esa).count() == 16

    counts = {c.esa_id: c for c in quality_counts_by_esa(academic_year=demo.DEMO_YEAR)}[esa.pk]
    assert (counts.primary_quality, counts.secondary_quality, counts.stand_alone) == (2, 1, 1)
    assert counts.network_schools > 0 and counts.not_participating == 1
    absent = QualityNetworkMember.objects.get(participating=False)
    assert absent.non_participation_reason

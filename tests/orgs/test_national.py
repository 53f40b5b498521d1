from __future__ import annotations

import pytest
from django.core.management import call_command

from pramoen.orgs.imports.api import import_file
from pramoen.orgs.models import Organization, Person

pytestmark = pytest.mark.django_db


def test_national_files_are_deterministic_and_import_cleanly(tmp_path):
    sizes = ["--esas", "3", "--schools", "40", "--people", "120"]
    call_command("demo", "national", "--seed", "7", *sizes, "--out", str(tmp_path / "a"))
    call_command("demo", "national", "--seed", "7", *sizes, "--out", str(tmp_path / "b"))
    call_command("demo", "national", "--seed", "8", *sizes, "--out", str(tmp_path / "c"))
    for name in ("schools.csv", "people.csv", "onet.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert (tmp_path / "a" / "people.csv").read_bytes() != (
        tmp_path / "c" / "people.csv"
    ).read_bytes()
    assert Organization.objects.filter(kind="esa").count() == 3
    for kind in ("schools", "people", "onet"):
        report = import_file(kind, tmp_path / "a" / f"{kind}.csv", commit=True)
        assert report.ok, report.errors[:3]
    assert Person.objects.count() == 120
    again = import_file("schools", tmp_path / "a" / "schools.csv", commit=True)
    assert again.change_count == 0


def test_national_writes_the_database_directly_and_skips_what_exists():
    args = ["demo", "national", "--esas", "4", "--schools", "30", "--people", "90"]
    call_command(*args)
    call_command(*args)
    assert Organization.objects.filter(kind="school").count() == 30
    assert Person.objects.count() == 90
    secondary = Organization.objects.filter(kind="school", school_type="secondary")
    assert all(s.parent.esa_level == "secondary" for s in secondary.select_related("parent"))

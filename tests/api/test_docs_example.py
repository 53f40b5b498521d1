"""The Python example in docs/api.md, run as written against a live server (issue 15)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from pramoen.accounts.api_tokens import api_token_create
from pramoen.accounts.enums import ApiScope, Role
from pramoen.orgs.models import Organization
from tests.orgs.test_imports import SCHOOL_HEADER, csv_bytes, school_rows

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def example_code(name: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    match = re.search(rf"<!-- example: {name} -->\s*```python\n(.*?)```", text, re.S)
    assert match, f"docs/api.md has no example {name}"
    return match.group(1)


def test_the_import_example_imports_the_schools(live_server, make_user, esa, tmp_path):
    esa.code = "7777"
    esa.save()
    user = make_user(roles=[Role.ESA_STAFF], organization=esa, password=None)
    _token, text = api_token_create(
        user=user,
        name="ตัวอย่าง",
        scopes=[ApiScope.READ, ApiScope.WRITE_IMPORTS],
        days=1,
        actor=user,
    )
    schools = tmp_path / "schools.csv"
    schools.write_bytes(csv_bytes(SCHOOL_HEADER, school_rows(5, esa_code="7777")))
    script = tmp_path / "example.py"
    script.write_text(example_code("import-schools"), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(script)],
        env={"PRAMOEN_URL": live_server.url, "PRAMOEN_TOKEN": text, "SCHOOLS_FILE": str(schools)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().startswith("committed")
    assert Organization.objects.filter(kind="school", parent=esa).count() == 5


def test_the_import_example_prints_row_errors_and_stops(live_server, make_user, esa, tmp_path):
    user = make_user(roles=[Role.ESA_STAFF], organization=esa, password=None)
    _token, text = api_token_create(
        user=user, name="x", scopes=[ApiScope.READ, ApiScope.WRITE_IMPORTS], days=1, actor=user
    )
    rows = school_rows(2, esa_code=esa.code)
    rows[0][0] = "12AB"
    schools = tmp_path / "schools.csv"
    schools.write_bytes(csv_bytes(SCHOOL_HEADER, rows))
    script = tmp_path / "example.py"
    script.write_text(example_code("import-schools"), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(script)],
        env={"PRAMOEN_URL": live_server.url, "PRAMOEN_TOKEN": text, "SCHOOLS_FILE": str(schools)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert "line 2," in run.stdout
    assert not Organization.objects.filter(kind="school").exists()

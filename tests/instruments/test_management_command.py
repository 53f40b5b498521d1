"""The Django management command forwards to the pure CLI and keeps its exit code."""

import io
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def test_call_command_list() -> None:
    out = io.StringIO()
    call_command("instrument", "list", stdout=out)
    assert "nara2-school-academic" in out.getvalue()


def test_call_command_failure_raises_with_exit_code() -> None:
    with pytest.raises(CommandError) as caught:
        call_command(
            "instrument", "explain", "no-such-thing", stdout=io.StringIO(), stderr=io.StringIO()
        )
    assert caught.value.returncode == 1


def test_console_script_exit_code() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pramoen", "instrument", "lint", "nara2-school-eligibility"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "0 error(s)" in result.stdout

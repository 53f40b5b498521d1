from __future__ import annotations

import os
import subprocess
import sys


def _check(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never has it.
    full_env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PRAMOEN_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "pramoen", "check", *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _check({"PRAMOEN_ENV": "production", "PRAMOEN_ALLOWED_HOSTS": "x.example"})
    assert result.returncode != 0
    assert "PRAMOEN_SECRET_KEY is required" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _check({"PRAMOEN_ENV": "production", "PRAMOEN_SECRET_KEY": "k" * 60})
    assert result.returncode != 0
    assert "PRAMOEN_ALLOWED_HOSTS is required" in result.stderr


def test_production_passes_every_deploy_check():
    result = _check(
        {
            "PRAMOEN_ENV": "production",
            "PRAMOEN_SECRET_KEY": "a-long-random-looking-secret-" + "x7Q" * 20,
            "PRAMOEN_ALLOWED_HOSTS": "pramoen.example.invalid",
        },
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout

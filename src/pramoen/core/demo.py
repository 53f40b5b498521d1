"""`pramoen demo load`: fictional but realistic data, safe to run again (idempotent).

Each app that contributes demo data has a ``demo`` module with ``load(log)``; they run in the order
below because later steps refer to what earlier steps made (accounts need the ESA and schools).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from django.db import transaction

DEMO_STEPS = [
    "pramoen.orgs.demo",
    "pramoen.accounts.demo",
    "pramoen.kpi.demo",
    "pramoen.kpi.demo_region",
    "pramoen.awards.demo",
    "pramoen.judging.demo",
    "pramoen.judging.demo_past",
]

# Every demo account shares this password; `make run` prints it with the usernames.
DEMO_PASSWORD = "pramoen-demo-2569"  # noqa: S105 — published on purpose, demo data only
# The demo accounts that need a second factor share this authenticator secret (base32, as an app
# takes it), published in the README like the password; `pramoen demo otp USER` prints the code.
DEMO_TOTP_SECRET = "PRAMOENDEMOTOTPSECRETKEYFORDEMOS"  # noqa: S105 — published on purpose


@transaction.atomic
def load(log: Callable[[str], None] = print) -> None:
    for module_name in DEMO_STEPS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.load(log)

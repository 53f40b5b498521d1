"""``pramoen worker``: run the configured task backend's worker (see ``pramoen.core.worker``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from pramoen.core.worker import Supervisor


class Command(BaseCommand):
    help = "เครื่องทำงานเบื้องหลัง: รันงานในคิว (PRAMOEN_TASKS) และงานตามกำหนดเวลา"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--tick",
            type=float,
            default=settings.PRAMOEN_WORKER_TICK_S,
            help="seconds between heartbeats, lease renewals and recovery (PRAMOEN_WORKER_TICK_S)",
        )
        parser.add_argument(
            "--no-periodic",
            action="store_true",
            help="do not create the periodic jobs (KPI reminders, clean-up of expired uploads)",
        )

    def handle(self, *args: Any, tick: float, no_periodic: bool, **options: Any) -> None:
        Supervisor(tick=tick, periodic=not no_periodic, out=self.stdout).run()

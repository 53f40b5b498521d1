"""``pramoen reliability RATINGS.csv``: a thin wrapper over ``judging.reliability_cli``."""

from __future__ import annotations

import argparse
import sys
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError

from pramoen.judging import reliability_cli


class Command(BaseCommand):
    help = "ความสอดคล้องของกรรมการ: pramoen reliability RATINGS.csv [--level …] [--json]"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("argv", nargs=argparse.REMAINDER)

    def run_from_argv(self, argv: list[str]) -> None:
        sys.exit(reliability_cli.main(argv[2:]))

    def handle(self, *args: Any, **options: Any) -> None:
        argv = list(options.get("argv") or args)
        code = reliability_cli.main(
            argv, stdout=cast(IO[str], self.stdout), stderr=cast(IO[str], self.stderr)
        )
        if code:
            raise CommandError(f"reliability failed (exit {code})", returncode=code)

"""``pramoen instrument …``: a thin wrapper over :mod:`pramoen.instruments.cli`."""

from __future__ import annotations

import argparse
import sys
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError

from pramoen.instruments import cli


class Command(BaseCommand):
    help = "แบบประเมิน: list | lint [ID|PATH] | score ID ANSWERS.json | explain ID | template ID"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("argv", nargs=argparse.REMAINDER)

    def run_from_argv(self, argv: list[str]) -> None:
        # argv = [prog, "instrument", ...]: the pure CLI parses the rest and owns the exit code.
        sys.exit(cli.main(argv[2:]))

    def handle(self, *args: Any, **options: Any) -> None:
        code = cli.main(
            list(options.get("argv") or args),
            stdout=cast(IO[str], self.stdout),
            stderr=cast(IO[str], self.stderr),
        )
        if code:
            raise CommandError(f"instrument command failed (exit {code})", returncode=code)

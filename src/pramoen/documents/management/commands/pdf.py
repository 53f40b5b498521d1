"""``pramoen pdf check FILE [--json]`` — forwards to the pure CLI core (pdfcheck.cli)."""

from __future__ import annotations

import argparse
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandParser

from pramoen.documents.pdfcheck.cli import main


class Command(BaseCommand):
    help = "ตรวจรูปแบบแฟ้มผลงาน PDF: pramoen pdf check FILE [--json]"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("argv", nargs=argparse.REMAINDER, help="check FILE [--json] ...")

    def handle(self, *args: Any, **options: Any) -> None:
        code = main(list(options["argv"]), stdout=cast(TextIO, self.stdout))
        if code:
            raise SystemExit(code)

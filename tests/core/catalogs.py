"""The English catalogs (issue 19): where they are and a small reader of their .po files.

Thai is the source language, so every msgid is Thai and each catalog holds the English. Each app
with its own templates keeps its own catalog (``src/pramoen/<app>/locale``), so helpers that
work on different apps never edit one file; the project catalog (``src/pramoen/locale``) holds
the core templates (``src/pramoen/templates``) and the apps without a locale folder.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "pramoen"
APPS_WITH_CATALOGS = ("judging", "orgs", "awards", "people", "studio")
# Folders the project catalog leaves to their own catalogs (and kpi, whose templates another
# change translates) — the same list `make messages` passes to makemessages --ignore.
PROJECT_IGNORES = (*APPS_WITH_CATALOGS, "kpi", "static", "library")


def catalog_path(app: str | None) -> Path:
    base = PACKAGE / app if app else PACKAGE
    return base / "locale" / "en" / "LC_MESSAGES" / "django.po"


CATALOGS = {app or "project": catalog_path(app) for app in (*APPS_WITH_CATALOGS, None)}


@dataclass
class Entry:
    msgid: str
    msgstr: str
    context: str = ""
    plural: str | None = None
    plural_msgstrs: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The key GNU gettext stores it under (context, EOT, msgid)."""
        return f"{self.context}\x04{self.msgid}" if self.context else self.msgid


_LINE = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[(\d+)\])?) (".*")$')


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file (the header, msgid "", left out)."""
    entries: list[Entry] = []
    fields: dict[str, str] = {}
    flags: list[str] = []
    current = ""

    def flush() -> None:
        if fields.get("msgid"):
            plurals = tuple(v for k, v in sorted(fields.items()) if k.startswith("msgstr["))
            entries.append(
                Entry(
                    msgid=fields["msgid"],
                    msgstr=fields.get("msgstr", ""),
                    context=fields.get("msgctxt", ""),
                    plural=fields.get("msgid_plural"),
                    plural_msgstrs=plurals,
                    flags=tuple(flags),
                )
            )
        fields.clear()
        flags.clear()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#,"):
            flags.extend(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif match := _LINE.match(line):
            current = match.group(1)
            fields[current] = ast.literal_eval(match.group(3))
        elif line.startswith('"'):
            fields[current] += ast.literal_eval(line)
    flush()
    return entries


_PLACEHOLDER = re.compile(r"%\([^)]+\)\w|%%|%|\{\w+\}")


def placeholders(text: str) -> list[str]:
    """Python-format placeholders and ``{name}`` ones (filled by a script), plus any lone ``%``
    (which breaks ``blocktranslate``'s formatting). ``%%`` is a literal percent sign, so a
    msgstr may add one ("95%%") where the Thai says ร้อยละ."""
    return sorted(token for token in _PLACEHOLDER.findall(text) if token != "%%")

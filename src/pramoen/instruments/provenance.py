"""Text provenance: every transcribed text of an instrument is found in the official form it cites.

The official forms (``library/sources/<key>.txt``, the seed texts the library is transcribed from)
are flattened tables whose rows are single tab-separated lines, often over 1,000 characters; a
transcription read through a viewer that cut long lines once invented placeholder items for texts
the form does print (issue 10). This module checks, for every component title, indicator title,
item text and level label/descriptor, that the text occurs in the source lines its node cites (the
nearest ``source`` with ``lines`` on the node or an ancestor), after normalising what the
extraction does not preserve: whitespace, Thai versus Arabic digits, HTML/Markdown residue and
dash variants.

A level label "ระดับ ๓" counts as printed when the score column "๓" is: the tables print only the
number as the column heading.

A text that the form does not print — a heading we had to write, a label for a printed score — is
allowed only when its node says so with ``esa_text: true`` and carries a defect with a resolution
(lint enforces the resolution); such texts are reported as ``esa`` rather than as missing.

An instrument the ESA wrote as a whole (``esa_authored``: the announcement names a category but
prints no form for it) is not a transcription: its texts that cite no source are the ESA's own
(``esa``); a text that does cite source lines (a rule quoted from the announcement) is still
checked against them. Lint refuses such an instrument citing a source at its top level, so it
never claims to be a printed form.

Pure Python: no Django import.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pramoen.instruments.loader import LIBRARY_DIR
from pramoen.instruments.schema import Instrument, SourceRef
from pramoen.thai.digits import to_thai_digits

SOURCES_DIR = LIBRARY_DIR / "sources"

__all__ = [
    "SOURCES_DIR",
    "TextCheck",
    "check_provenance",
    "normalise",
    "source_lines",
    "unfound_texts",
]

_COLUMN_LABEL = re.compile(r"^ระดับ([๐-๙]+)$")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_DASHES = str.maketrans({"–": "-", "—": "-"})
# residue of the document conversion, never part of a printed text
_RESIDUE = ("[bookmark: _GoBack]", "**", "$", "\\times")

Kind = Literal["component", "indicator", "item", "level_label", "level_descriptor"]


def normalise(text: str) -> str:
    """The comparable form of a text: no tags, no residue, Thai digits, no whitespace at all."""
    text = _TAG.sub("", text)
    for residue in _RESIDUE:
        text = text.replace(residue, "")
    return _SPACE.sub("", to_thai_digits(text).translate(_DASHES))


@lru_cache(maxsize=8)
def _document(key: str, root: str) -> tuple[str, ...] | None:
    name = key.split(":", 1)[1] if ":" in key else key
    path = Path(root) / f"{name}.txt"
    if not path.is_file():
        return None
    return tuple(path.read_text(encoding="utf-8").split("\n"))


@lru_cache(maxsize=512)
def _normalised(document: str, lines: str | None, root: str) -> str | None:
    text = source_lines(document, lines, root=Path(root))
    return None if text is None else normalise(text)


def source_lines(document: str, lines: str | None, *, root: Path = SOURCES_DIR) -> str | None:
    """The text of ``lines`` ("405", "356-392", "77-90,140") of a source document, or the whole
    document when ``lines`` is None; None when the document is not shipped."""
    doc = _document(document, str(root))
    if doc is None:
        return None
    if not lines:
        return "\n".join(doc)
    picked: list[str] = []
    for part in lines.split(","):
        first, _, last = part.strip().partition("-")
        start, end = int(first), int(last or first)
        picked.extend(doc[start - 1 : end])
    return "\n".join(picked)


@dataclass(frozen=True, slots=True)
class TextCheck:
    path: str  # "c1.i1", "c1.i1.3", "c1.i1/levels.l4"
    kind: Kind
    text: str
    document: str | None
    lines: str | None
    found: bool
    esa: bool  # marked as written by the ESA (esa_text: true)

    @property
    def ok(self) -> bool:
        return self.found or self.esa


def _scope(*nodes: object) -> SourceRef | None:
    # The nearest cited line range; a document-only source on a nearer node still names the file.
    document = None
    for node in nodes:
        source = getattr(node, "source", None)
        if source is None:
            continue
        document = document or source.document
        if source.lines:
            return SourceRef(document=document, lines=source.lines)
    return SourceRef(document=document) if document else None


def _texts(instrument: Instrument) -> Iterator[tuple[str, Kind, str, object, tuple[object, ...]]]:
    for comp in instrument.rubric.components:
        yield comp.id, "component", comp.title_th, comp, (comp, instrument)
        for ind in comp.indicators:
            path = f"{comp.id}.{ind.id}"
            yield path, "indicator", ind.title_th, ind, (ind, comp, instrument)
            for item in ind.items:
                yield f"{path}.{item.id}", "item", item.text_th, item, (item, ind, comp, instrument)
            for level in ind.levels:
                where = f"{path}/levels.{level.id}"
                # a label sits in the table's header row or in the row itself
                yield where, "level_label", level.label_th, level, (level, comp, instrument)
                if level.descriptor_th:
                    chain = (level, ind, comp, instrument)
                    yield where, "level_descriptor", level.descriptor_th, level, chain


def check_provenance(instrument: Instrument, *, root: Path = SOURCES_DIR) -> list[TextCheck]:
    """One check per transcribed text, in document order."""
    checks: list[TextCheck] = []
    for path, kind, text, node, chain in _texts(instrument):
        scope = _scope(*chain)
        haystack = None if scope is None else _normalised(scope.document, scope.lines, str(root))
        wanted = normalise(text)
        if kind == "level_label":
            # "ระดับ ๓" names the printed score column "๓" (the tables print only the number)
            wanted = _COLUMN_LABEL.sub(r"\1", wanted)
        found = haystack is not None and wanted in haystack
        # An ESA-authored instrument's own texts cite nothing; a cited text must still be found.
        authored = instrument.esa_authored is not None and scope is None
        checks.append(
            TextCheck(
                path=path,
                kind=kind,
                text=text,
                document=scope.document if scope else None,
                lines=scope.lines if scope else None,
                found=found,
                esa=authored or bool(getattr(node, "esa_text", False)),
            )
        )
    return checks


def unfound_texts(instrument: Instrument, *, root: Path = SOURCES_DIR) -> list[TextCheck]:
    """Texts that are neither in the cited source lines nor marked as the ESA's own."""
    return [c for c in check_provenance(instrument, root=root) if not c.ok]

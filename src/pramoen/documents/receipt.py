"""The printable receipt of a submitted award entry (ใบรับผลงาน) — a pure module (no Django).

One page laid out by Typst, the engine the certificates use (``documents.certificates``): it
runs in-process in well under a second, so the PDF is made on the request that asks for it
rather than as a job. Font: TLWG Norasi, for the reason certificates.py gives (its text layer
extracts Thai exactly, so the receipt number can be searched and copied from the PDF).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import typst

from pramoen.documents.certificates import DEFAULT_FONT, TEMPLATES_DIR

RECEIPT_TEMPLATE = TEMPLATES_DIR / "receipt.typ"


@dataclass(frozen=True, slots=True)
class Receipt:
    title: str
    number_label: str
    number: str
    rows: tuple[tuple[str, str], ...]
    note: str


def render_receipt_pdf(receipt: Receipt, *, font_path: Path = DEFAULT_FONT) -> bytes:
    with tempfile.TemporaryDirectory(prefix="pramoen-receipt-") as tmp:
        root, fonts = Path(tmp) / "root", Path(tmp) / "fonts"
        root.mkdir()
        fonts.mkdir()
        shutil.copyfile(RECEIPT_TEMPLATE, root / "main.typ")
        shutil.copyfile(font_path, fonts / font_path.name)
        data = {
            "title": receipt.title,
            "number-label": receipt.number_label,
            "number": receipt.number,
            "rows": [list(r) for r in receipt.rows],
            "note": receipt.note,
        }
        (root / "data.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        family = (
            typst.Fonts(
                include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(fonts)]
            )
            .fonts()[0]
            .family
        )
        pdf = typst.compile(
            str(root / "main.typ"),
            root=str(root),
            font_paths=[str(fonts)],
            ignore_system_fonts=True,
            sys_inputs={"data": "data.json", "font": family},
        )
    assert isinstance(pdf, bytes)
    return pdf

"""Synthetic Thai portfolios for the duplicate tests (typst, Laksaman from its file)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from django.core.files.base import ContentFile

from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Entry
from tests.awards.conftest import LAKSAMAN


def thai_paragraphs(seed: int, count: int) -> list[str]:
    """``count`` paragraphs of dictionary words (PyThaiNLP's bundled word list), 48 words each."""
    from pythainlp.corpus import thai_words

    words = sorted(w for w in thai_words() if 2 <= len(w) <= 8 and " " not in w)
    rnd = random.Random(seed)
    return [
        " ".join("".join(rnd.choice(words) for _ in range(8)) for _ in range(6))
        for _ in range(count)
    ]


def thai_pdf(
    tmp_path: Path, paragraphs: list[str], name: str, *, images: dict[str, bytes] | None = None
) -> bytes:
    import typst

    fonts = tmp_path / "fonts"
    fonts.mkdir(exist_ok=True)
    shutil.copy(LAKSAMAN, fonts / LAKSAMAN.name)
    for file, data in (images or {}).items():
        (tmp_path / file).write_bytes(data)
    source = (
        '#set page(paper: "a4", margin: 2.5cm)\n'
        '#set text(font: "Laksaman", size: 16pt, lang: "th")\n'
    ) + "\n\n".join(paragraphs)
    main = tmp_path / f"{name}.typ"
    main.write_text(source, encoding="utf-8")
    return typst.compile(
        str(main), root=str(tmp_path), font_paths=[str(fonts)], ignore_system_fonts=True
    )


def entry_with_portfolio(category, school, actor, pdf: bytes, **fields) -> Entry:
    entry = Entry.objects.create(
        campaign=category.campaign,
        category=category,
        school=school,
        nominee_key=f"school:{school.pk}:{Entry.objects.count()}",
        created_by=actor,
        status=EntryStatus.SUBMITTED,
        portfolio_report={"ok": True, "pages": 3, "findings": []},
        **fields,
    )
    entry.portfolio.save("portfolio.pdf", ContentFile(pdf), save=True)
    return entry

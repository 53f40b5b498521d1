"""Page references in an entry's evidence answers: ``"12-15, 20"`` — the pages of the portfolio
(or a file) where the applicant shows the evidence of an indicator. The one reading of that
syntax: parts separated by commas, each a page or a ``first-last`` range; Thai digits count."""

from __future__ import annotations


def _bounds(part: str) -> list[str]:
    return [p.strip() for p in part.split("-")]


def page_count(text: str) -> int:
    """How many pages the well-formed parts of ``text`` name (``"12-15, 20"`` → 5)."""
    pages = 0
    for part in text.split(","):
        bounds = _bounds(part)
        if all(b.isdigit() for b in bounds) and bounds and bounds[0]:
            pages += int(bounds[-1]) - int(bounds[0]) + 1
    return pages


def first_page(text: str) -> str:
    """The page the reference starts at, where it starts with one (``"12-15, 20"`` → ``"12"``);
    the portfolio viewer turns to it. Empty when the text does not start with a page."""
    first = _bounds(text.split(",")[0])[0]
    return first if first.isdigit() else ""


# What applicants type between two pages: a hyphen, or the en/em dash a word processor makes
# of it ("๗–๕").
_DASHES = str.maketrans({"–": "-", "—": "-", "−": "-"})


def page_reference_errors(text: str, pages: int | None) -> list[str]:
    """Thai messages for a page reference that cannot be right (issue 20): a range written
    backwards ("๗–๕"), page 0, or — once a portfolio is uploaded (``pages`` known) — a page
    past its last one ("99-200" of a 12-page portfolio). Text that is not a page reference at
    all is the instrument's answer check (``instruments.answers``), not repeated here."""
    from pramoen.thai import to_arabic_digits, to_thai_digits

    errors: list[str] = []
    for raw in to_arabic_digits(text).translate(_DASHES).split(","):
        bounds = _bounds(raw)
        if not raw.strip() or not all(b.isdigit() for b in bounds) or len(bounds) > 2:
            continue
        first, last = int(bounds[0]), int(bounds[-1])
        shown = to_thai_digits(raw.strip())
        if first == 0:
            errors.append(f"“{shown}”: หน้าเริ่มที่ ๑")
        elif last < first:
            errors.append(f"“{shown}”: ช่วงหน้ากลับด้าน (หน้าแรกต้องไม่มากกว่าหน้าสุดท้าย) เช่น ๕-๗")
        elif pages is not None and last > pages:
            errors.append(
                f"“{shown}”: แฟ้มผลงานที่อัปโหลดมี {to_thai_digits(str(pages))} หน้า "
                f"จึงอ้างหน้า {to_thai_digits(str(last))} ไม่ได้"
            )
    return errors


def normalise_dashes(text: str) -> str:
    """The reference with a plain hyphen between pages (what the rest of the system reads)."""
    return text.translate(_DASHES)

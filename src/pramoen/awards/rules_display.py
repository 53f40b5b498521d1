"""The portfolio format rules as the applicant reads them, before uploading and, after a
pass, as a checklist (issue 20: the rules were shown only by failing). Read from the
campaign's settings — the same ones the checker enforces (``Campaign.portfolio_rules``) — so
an ESA that changes a limit changes this list too."""

from __future__ import annotations

from typing import Any

from pramoen.thai import to_thai_digits


def _number(value: Any) -> str:
    text = f"{value:f}".rstrip("0").rstrip(".") if hasattr(value, "as_tuple") else str(value)
    return to_thai_digits(text)


def format_rules(campaign: Any) -> list[str]:
    rules = [
        f"ไม่เกิน {_number(campaign.max_pages)} หน้า",
        f"กระดาษขนาด {campaign.get_paper_size_display()}",
    ]
    fonts = [str(f) for f in campaign.allowed_fonts or []]
    if fonts:
        rules.append(
            f"แบบอักษร {' หรือ '.join(fonts)} ขนาด {_number(campaign.body_font_size_pt)} พอยต์"
            f" (คลาดเคลื่อนได้ ± {_number(campaign.body_font_size_tolerance_pt)} พอยต์)"
        )
    if campaign.forbid_qr_codes:
        rules.append("ไม่มี QR Code ในแฟ้มผลงาน")
    rules.append("ไฟล์ PDF เดียว")
    return rules

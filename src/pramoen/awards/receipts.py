"""The receipt of a submission: a reference number the applicant can quote on the phone.

Design (issue 20): ``<award code>-<campaign year BE>-<six-digit sequence>``, e.g.
``น2-2570-000123``. The sequence counts the campaign's submissions from 1 in the order they
were first submitted (the campaign row is locked while a number is given, so two submissions
never share one); a number, once given, stays with its entry — a resubmission before the
deadline or a later withdrawal does not renumber anything. It is stored with Arabic digits (what
people type into a search box either way: ``pramoen.thai.to_arabic_digits`` reads both) and shown
with Thai digits, as the awards pages print every number of the campaign (``Campaign.title_th``);
this module is the one place that says so.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Max

from pramoen.thai import to_arabic_digits, to_thai_digits

# The award's short code: "NARA 2 AWARDS" → น2 (นรา ๒). Another award is abbreviated "รล"
# (รางวัล) until the ESA names its own code.
AWARD_CODES = {"NARA 2 AWARDS": "น2"}
DEFAULT_CODE = "รล"
SEQUENCE_WIDTH = 6


def receipt_format(*, campaign: Any, seq: int) -> str:
    code = AWARD_CODES.get(campaign.name.strip().upper(), DEFAULT_CODE)
    return f"{code}-{campaign.year_be}-{seq:0{SEQUENCE_WIDTH}d}"


def receipt_next_seq(campaign: Any) -> int:
    """The campaign's next number; the caller holds the campaign row's lock."""
    from pramoen.awards.models import Entry

    last = Entry.objects.filter(campaign=campaign).aggregate(m=Max("receipt_seq"))["m"]
    return (last or 0) + 1


def receipt_th(number: str) -> str:
    """The number as people read it (``น๒-๒๕๗๐-๐๐๐๑๒๓``)."""
    return to_thai_digits(number)


def receipt_normalise(typed: str) -> str:
    """What someone typed (Thai or Arabic digits, spaces, en dashes) as stored."""
    return to_arabic_digits("".join(typed.split())).replace("–", "-")

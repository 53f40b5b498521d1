from __future__ import annotations

import pytest

from pramoen.studio.services import studio_instrument_clone

TEACHER = "nara2-teacher-innovation"
# rubric.components.3 is the common component ๓ (c3); its indicator ๑ scores 4–5 / 2–3 / 1 items.
BAND = "rubric.components.3.indicators.0.rule.bands.1"


@pytest.fixture
def clone(esa, staff):
    return studio_instrument_clone(esa=esa, actor=staff, source_id=TEACHER)

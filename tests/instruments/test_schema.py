"""Schema and loader: the worked example loads, bad files fail with file/line, overrides apply."""

from decimal import Decimal
from pathlib import Path

import pytest

from pramoen.instruments import (
    LIBRARY_DIR,
    InstrumentLoadError,
    apply_overrides,
    load_instrument,
    parse_instrument,
)
from pramoen.instruments.schema import OverrideError

EXAMPLE = LIBRARY_DIR / "example" / "example-all-kinds.yaml"


def test_example_loads_with_default_item_ids() -> None:
    instrument = load_instrument(EXAMPLE)
    indicator = instrument.indicator("c1.i1")
    assert indicator is not None
    assert [item.id for item in indicator.items] == ["1", "2", "3", "4", "5"]
    assert indicator.levels[1].points == Decimal("10.5")


def test_unknown_rule_kind_names_file_and_line() -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "rule: {kind: level_choice}", "rule: {kind: level_choise}"
    )
    expected_line = next(
        n for n, line in enumerate(text.splitlines(), start=1) if "level_choise" in line
    )
    with pytest.raises(InstrumentLoadError) as caught:
        parse_instrument(text, "bad.yaml")
    problem = caught.value.problems[0]
    assert (problem.path, problem.line) == ("bad.yaml", expected_line)
    assert "unknown rule kind 'level_choise'" in problem.message_en


def test_yaml_syntax_error_names_line() -> None:
    with pytest.raises(InstrumentLoadError) as caught:
        parse_instrument("id: x\nrubric: [\n", "broken.yaml")
    assert caught.value.problems[0].line == 3
    assert caught.value.problems[0].path == "broken.yaml"


def test_yaml_python_tags_are_refused() -> None:
    with pytest.raises(InstrumentLoadError):
        parse_instrument("id: !!python/object/apply:os.system ['true']\n", "evil.yaml")


def test_unknown_key_is_reported_with_location() -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("title_th: ตัวชี้วัดเลือกระดับ", "titel_th: x")
    with pytest.raises(InstrumentLoadError) as caught:
        parse_instrument(text, "typo.yaml")
    locations = [p.location for p in caught.value.problems]
    assert "rubric.components.1.indicators.1.titel_th" in locations


def test_overrides_apply_by_stable_path() -> None:
    instrument = load_instrument(EXAMPLE)
    changed = apply_overrides(
        instrument, {"c1.i1/levels.very_good.points": 10, "/tiers.bands.gold.min": 85}
    )
    assert changed.indicator("c1.i1").levels[1].points == Decimal(10)
    assert changed.tiers.bands[0].min == Decimal(85)
    assert instrument.indicator("c1.i1").levels[1].points == Decimal("10.5")


def test_override_of_missing_node_is_refused() -> None:
    instrument = load_instrument(EXAMPLE)
    with pytest.raises(OverrideError):
        apply_overrides(instrument, {"c9.i1/levels.good.points": 1})


def test_library_dir_is_inside_package() -> None:
    assert Path(LIBRARY_DIR).name == "library"

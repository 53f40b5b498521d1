"""Every YAML under src/pramoen/library/ (ours and the other transcribers'): loads, lints with no
error, compiles, and scores random valid answers within [0, maximum]."""

import random

import pytest

from pramoen.instruments import (
    LIBRARY_DIR,
    compile_instrument,
    get_instrument,
    library_files,
    lint,
    load_instrument,
    score,
    shipped_ids,
    validate_answers,
)
from pramoen.instruments.sampling import random_answers

FILES = list(library_files(LIBRARY_DIR))


def test_library_is_not_empty() -> None:
    assert len(FILES) >= 5


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_library_file_lints_without_errors(path) -> None:
    instrument = load_instrument(path)
    errors = [f.render() for f in lint(instrument) if f.severity == "error"]
    assert errors == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_library_file_is_named_after_its_id(path) -> None:
    assert load_instrument(path).id == path.stem


@pytest.mark.parametrize("instrument_id", shipped_ids())
def test_random_valid_answers_score_within_bounds(instrument_id) -> None:
    instrument = get_instrument(instrument_id)
    compiled = compile_instrument(instrument)
    rng = random.Random(instrument_id)
    for _ in range(30):
        answers = random_answers(instrument, rng)
        assert validate_answers(instrument, answers) == []
        result = compiled.evaluate(answers)
        assert 0 <= result.total <= result.maximum
        for component in result.components:
            assert 0 <= component.points <= component.maximum
        assert result.to_dict()["instrument"] == instrument_id


@pytest.mark.parametrize("instrument_id", shipped_ids())
def test_score_equals_compiled_evaluate(instrument_id) -> None:
    instrument = get_instrument(instrument_id)
    answers = random_answers(instrument, random.Random(7))
    assert (
        score(instrument, answers).to_dict()
        == compile_instrument(instrument).evaluate(answers).to_dict()
    )

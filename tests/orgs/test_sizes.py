from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pramoen.orgs.sizes import DEFAULT_SCHEME, SCHEMES, SizeClass, SizeScheme, classify


@pytest.mark.parametrize(
    ("students", "expected"),
    [
        (0, "small"),
        (1, "small"),
        (119, "small"),
        (120, "medium"),
        (121, "medium"),
        (320, "medium"),
        (321, "large"),
        (5000, "large"),
    ],
)
def test_nara2_classifies_every_edge(students, expected):
    assert classify(students, "nara2").key == expected


def test_nara2_is_default_and_states_its_120_reading():
    scheme = SCHEMES[DEFAULT_SCHEME]
    assert scheme.key == "nara2"
    assert "120" in scheme.note and "121" in scheme.note
    assert scheme.range_for("medium") == (120, 320)


@pytest.mark.parametrize(
    ("students", "expected"),
    [
        (120, "small"),
        (121, "medium"),
        (600, "medium"),
        (601, "large"),
        (1500, "large"),
        (1501, "extra_large"),
    ],
)
def test_obec4_classifies_every_edge(students, expected):
    assert classify(students, "obec4").key == expected


@pytest.mark.parametrize(
    ("students", "expected"),
    [
        (120, "s1"),
        (121, "s2"),
        (200, "s2"),
        (201, "s3"),
        (300, "s3"),
        (301, "s4"),
        (499, "s4"),
        (500, "s5"),
        (1499, "s5"),
        (1500, "s6"),
        (2499, "s6"),
        (2500, "s7"),
    ],
)
def test_obec7_classifies_every_edge(students, expected):
    assert classify(students, "obec7").key == expected


def test_scheme_bounds_have_no_gap_or_overlap():
    for scheme in SCHEMES.values():
        bounds = scheme.bounds()
        assert bounds[0][1] == 0
        assert bounds[-1][2] is None
        for (_c, _lo, upper), (_n, next_lower, _u) in itertools.pairwise(bounds):
            assert upper + 1 == next_lower


@given(st.integers(min_value=0, max_value=10_000), st.sampled_from(sorted(SCHEMES)))
def test_classify_agrees_with_bounds(students, key):
    chosen = classify(students, key)
    lower, upper = SCHEMES[key].range_for(chosen.key)
    assert lower <= students and (upper is None or students <= upper)


def test_scheme_rejects_unordered_bounds_and_negative_counts():
    with pytest.raises(ValueError):
        SizeScheme("bad", "bad", (SizeClass("a", "a", 0), SizeClass("b", "b", 0)))
    with pytest.raises(ValueError):
        classify(-1)

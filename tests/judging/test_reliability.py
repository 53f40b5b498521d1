"""Inter-rater reliability against the published worked examples (issue 14).

* Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
  Communication, University of Pennsylvania, section C ("nominal data, any number of observers,
  missing data"): 4 observers × 12 units, α nominal .743, ordinal .815, interval .849, ratio .797.
* Shrout, P. E. & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater
  reliability. Psychological Bulletin 86(2), 420-428: Table 2 (6 targets × 4 judges) and Table 4:
  ICC(2,1) .29, ICC(2,4) .62, ICC(3,1) .71, ICC(3,4) .91.
"""

from __future__ import annotations

import json
from io import StringIO

import pytest

from pramoen.judging.reliability import (
    ReliabilityError,
    bootstrap_alpha,
    icc,
    krippendorff_alpha,
    reading_th,
)
from pramoen.judging.reliability_cli import main, read_ratings

N = None
# rows = the 12 units, columns = observers A, B, C, D (Krippendorff 2011, section C)
KRIPPENDORFF_2011 = [
    [1, 1, N, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
    [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [N, 5, 5, 5], [N, N, 1, 1], [N, 3, N, N],
]  # fmt: skip
# Shrout & Fleiss (1979), Table 2: targets × judges
SHROUT_FLEISS = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_alpha_matches_the_2011_worked_example(level: str, published: float) -> None:
    assert round(krippendorff_alpha(KRIPPENDORFF_2011, level), 3) == published


def test_icc_matches_shrout_and_fleiss_table_4() -> None:
    result = icc(SHROUT_FLEISS)
    assert (round(result.icc2_1, 2), round(result.icc2_k, 2)) == (0.29, 0.62)
    assert (round(result.icc3_1, 2), round(result.icc3_k, 2)) == (0.71, 0.91)
    # and to three decimals, from the ANOVA of Table 3 (BMS 11.24, JMS 32.49, EMS 1.02)
    assert (round(result.icc2_1, 3), round(result.icc3_k, 3)) == (0.290, 0.909)


def test_perfect_agreement_is_one_and_a_unit_rated_once_drops_out() -> None:
    ratings = [[1, 1, 1], [2, 2, N], [3, 3, 3], [4, N, N]]
    assert krippendorff_alpha(ratings, "interval") == 1.0
    assert krippendorff_alpha(ratings, "nominal") == 1.0


def test_no_pairable_entry_and_no_variation_are_explained_in_thai() -> None:
    with pytest.raises(ReliabilityError) as none_paired:
        krippendorff_alpha([[1, N], [N, 2]])
    assert "อย่างน้อย ๒ คน" in none_paired.value.message_th
    with pytest.raises(ReliabilityError) as constant:
        krippendorff_alpha([[3, 3], [3, 3]])
    assert "ไม่มีความแปรปรวน" in constant.value.message_th
    with pytest.raises(ReliabilityError):
        icc([[1, N], [2, 2]])


def test_bootstrap_interval_contains_the_estimate_and_is_reproducible() -> None:
    alpha = krippendorff_alpha(KRIPPENDORFF_2011, "interval")
    low, high = bootstrap_alpha(KRIPPENDORFF_2011, "interval", resamples=500)
    assert low <= alpha <= high
    assert (low, high) == bootstrap_alpha(KRIPPENDORFF_2011, "interval", resamples=500)


@pytest.mark.parametrize(
    ("alpha", "words"),
    [(0.85, "สอดคล้องกันดี"), (0.7, "พอใช้"), (0.4, "ความสอดคล้องของกรรมการต่ำ")],
)
def test_reading_follows_krippendorffs_thresholds(alpha: float, words: str) -> None:
    assert words in reading_th(alpha)


def test_cli_reads_thai_digits_and_blank_cells(tmp_path) -> None:
    path = tmp_path / "ratings.csv"
    lines = ["ก,ข,ค,ง"] + [
        ",".join("" if v is None else str(v) for v in row) for row in KRIPPENDORFF_2011
    ]
    path.write_text("\ufeff" + "\n".join(lines).replace("1", "๑").replace("5", "๕"), "utf-8")
    out, err = StringIO(), StringIO()
    assert main([str(path), "--level", "ordinal", "--json"], out, err) == 0, err.getvalue()
    result = json.loads(out.getvalue())
    assert (round(result["alpha"], 3), result["level"], result["units"], result["judges"]) == (
        0.815,
        "ordinal",
        11,  # the twelfth unit has one rating: not pairable
        4,
    )
    assert "icc" not in result  # blank cells: no ICC


def test_cli_gives_icc_for_a_complete_design(tmp_path) -> None:
    path = tmp_path / "sf.csv"
    path.write_text("ก,ข,ค,ง\n" + "\n".join(",".join(map(str, r)) for r in SHROUT_FLEISS), "utf-8")
    out = StringIO()
    assert main([str(path), "--json"], out, StringIO()) == 0
    assert round(json.loads(out.getvalue())["icc"]["icc3_k"], 2) == 0.91


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ก,ข\n1,x\n", "แถวที่ 2 คอลัมน์ที่ 2: “x” ไม่ใช่ตัวเลข"),
        ("ก,ข\n1,2,3\n", "แถวที่ 2: มี 3 ช่อง มากกว่าจำนวนกรรมการ (2)"),
        ("ก,ข\n", "ไฟล์ต้องมีแถวหัวตาราง"),
        ("ก,ข\n1,NaN\n", "ไม่ใช่ตัวเลข"),
    ],
)
def test_cli_bad_input_gets_a_thai_message_and_exit_1(tmp_path, text: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, "utf-8")
    err = StringIO()
    assert main([str(path)], StringIO(), err) == 1
    assert message in err.getvalue()


def test_read_ratings_keeps_blank_cells_as_not_rated() -> None:
    judges, ratings = read_ratings("a,b,c\n1,,3\n2,2\n")
    assert judges == ["a", "b", "c"]
    assert ratings == [[1.0, None, 3.0], [2.0, 2.0, None]]


def test_management_command_exit_code(tmp_path) -> None:
    import subprocess
    import sys

    path = tmp_path / "sf.csv"
    path.write_text("ก,ข,ค,ง\n" + "\n".join(",".join(map(str, r)) for r in SHROUT_FLEISS), "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pramoen", "reliability", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["judges"] == 4
    missing = subprocess.run(
        [sys.executable, "-m", "pramoen", "reliability", str(tmp_path / "none.csv")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert missing.returncode == 1 and "อ่านไฟล์ไม่ได้" in missing.stderr

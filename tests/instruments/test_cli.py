"""The instrument CLI: output, exit codes, and clear messages instead of tracebacks."""

import io
import json

import pytest

from pramoen.instruments import LIBRARY_DIR, cli, get_instrument, shipped_ids

EXAMPLE = LIBRARY_DIR / "example" / "example-all-kinds.yaml"


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_list_json_names_every_shipped_instrument() -> None:
    code, out, _err = run("list", "--json")
    rows = json.loads(out)
    assert code == 0
    ids = {row["id"] for row in rows}
    assert {"nara2-school-academic", "nara2-school-eligibility", "example-all-kinds"} <= ids
    assert all(len(row["version_hash"]) == 64 for row in rows)


def test_lint_one_instrument_exits_zero_with_warnings() -> None:
    code, out, _err = run("lint", "nara2-school-innovation")
    assert code == 0
    assert "0 error(s)" in out
    assert "identical_bands" in out


def test_lint_json_of_a_path() -> None:
    code, out, _err = run("lint", str(EXAMPLE), "--json")
    report = json.loads(out)
    assert code == 0
    assert report["target"] == "example-all-kinds"


def test_lint_exits_one_on_errors(tmp_path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("requires: [1, 2]", "requires: [1, 9]")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    code, out, _err = run("lint", str(bad))
    assert code == 1
    assert "ERROR" in out


def test_lint_of_broken_yaml_names_file_and_line(tmp_path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("id: x\nrubric: [\n", encoding="utf-8")
    code, out, err = run("lint", str(bad))
    assert code == 1
    assert f"{bad}:3" in out + err
    assert "Traceback" not in out + err


def test_unknown_rule_kind_message(tmp_path) -> None:
    bad = tmp_path / "kind.yaml"
    bad.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("kind: level_choice", "kind: magic"),
        encoding="utf-8",
    )
    code, _out, err = run("template", str(bad))
    assert code == 1
    assert "unknown rule kind 'magic'" in err
    assert str(bad) in err


def test_score_prints_thai_explanations(tmp_path) -> None:
    answers = {
        "fields": {
            "school_size": "small",
            "reading_pct": "82.5",
            "has_best_practice": True,
            "dev_log": [],
        },
        "indicators": {
            "c0.i1": {"pass": True},
            "c1.i1": {"checked": [1, 2, 4, 5]},
            "c1.i2": {"level": "l3"},
            "c1.i3": {"choice": 2},
            "c1.i6": {"checked": [1, 3]},
        },
    }
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    code, out, _err = run("score", "example-all-kinds", str(path))
    assert code == 0
    assert "ทำได้ ๔ รายการ" in out
    assert "คะแนนรวม" in out
    code, out, _err = run("score", "example-all-kinds", str(path), "--json")
    # c1: 10.5 + 3 + 3 + 3 + 0 (no hours) + 1 = 20.5; c2: 60 × 5 / 5 = 60 → 80.5
    assert (code, json.loads(out)["total"]) == (0, "80.5")


def test_score_with_bad_answers_lists_paths(tmp_path) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"indicators": {"c1.i1": {"checked": [9]}}}), encoding="utf-8")
    code, _out, err = run("score", "example-all-kinds", str(path))
    assert code == 1
    assert "indicators.c1.i1.checked[0]: item number 9 out of range 1..5" in err
    assert "Traceback" not in err


def test_score_with_invalid_json(tmp_path) -> None:
    path = tmp_path / "answers.json"
    path.write_text('{"fields": }', encoding="utf-8")
    code, _out, err = run("score", "example-all-kinds", str(path))
    assert code == 1
    assert f"{path}:1:" in err


def test_score_with_overrides(tmp_path) -> None:
    counts = {"c1.i1": 8, "c1.i2": 8, "c1.i3": 6, "c1.i4": 10, "c1.i5": 5, "c1.i6": 4,
              "c2.i1": 4, "c2.i2": 4, "c2.i3": 3, "c2.i4": 4, "c2.i5": 4}  # fmt: skip
    indicators = {path: {"checked": list(range(1, n + 1))} for path, n in counts.items()}
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"indicators": indicators}), encoding="utf-8")
    overrides = tmp_path / "o.json"
    overrides.write_text(json.dumps({"c1.i1/levels.excellent.points": 14}), encoding="utf-8")
    args = ("score", "nara2-school-academic", str(answers), "--json")
    code, out, _err = run(*args, "--overrides", str(overrides))
    # every indicator at its maximum (100) except c1.i1 now worth 14: 99
    assert (code, json.loads(out)["total"]) == (0, "99")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"c9.i9/levels.good.points": 1}), encoding="utf-8")
    code, _out, err = run(*args, "--overrides", str(bad))
    assert code == 1
    assert "bad override" in err


def test_unknown_instrument() -> None:
    code, _out, err = run("explain", "no-such-thing")
    assert code == 1
    assert "unknown instrument 'no-such-thing'" in err


def test_usage_error_exit_two() -> None:
    code, _out, err = run("frobnicate")
    assert code == 2
    assert "usage" in err


def test_explain_renders_thai_rubric() -> None:
    code, out, _err = run("explain", "nara2-school-academic")
    assert code == 0
    assert "องค์ประกอบที่ ๑" in out
    assert "เกณฑ์: ทำได้ ๗-๘ รายการ → ดีเยี่ยม (๑๕ คะแนน)" in out
    assert "(มติ สพท.)" in out


def test_template_is_a_valid_partial_answers_document() -> None:
    from pramoen.instruments import get_instrument, validate_answers

    code, out, _err = run("template", "nara2-school-eligibility")
    template = json.loads(out)
    assert code == 0
    assert (
        validate_answers(get_instrument("nara2-school-eligibility"), template, partial=True) == []
    )


@pytest.mark.parametrize("instrument_id", shipped_ids())
def test_explain_and_template_work_for_every_shipped_instrument(instrument_id) -> None:
    code, out, err = run("explain", instrument_id)
    assert (code, err) == (0, "")
    assert out.startswith(get_instrument(instrument_id).title_th)
    code, out, err = run("template", instrument_id)
    assert (code, json.loads(out)["instrument"]) == (0, instrument_id)


def test_score_partial_draft(tmp_path) -> None:
    path = tmp_path / "draft.json"
    path.write_text(
        json.dumps({"indicators": {"c1.i1": {"checked": [1, 2, 3, 4, 5, 6, 7]}}}), encoding="utf-8"
    )
    code, _out, _err = run("score", "nara2-school-academic", str(path))
    assert code == 1
    code, out, _err = run("score", "nara2-school-academic", str(path), "--partial", "--json")
    # only c1.i1 answered: 7 items → ดีเยี่ยม 15; every other indicator 0
    assert (code, json.loads(out)["total"]) == (0, "15")


def test_missing_answers_file_is_a_message() -> None:
    code, _out, err = run("score", "nara2-school-academic", "/nonexistent/answers.json")
    assert code == 1
    assert "cannot read answers" in err

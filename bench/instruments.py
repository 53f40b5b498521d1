"""Evaluations per second of the instrument engine on random valid answers.

Run: .venv/bin/python bench/instruments.py [--seconds 2] [--answers 500]

For the teacher and director instruments (falls back to every shipped instrument if those are
missing, and says so) it prints, on one core:
  compiled  CompiledInstrument.evaluate on pre-validated answers (the hot path; total, tier, gates)
  +validate validate_answers + evaluate (what score() does for untrusted answers)
  naive     a baseline in the same run: compile from the pydantic model for every evaluation
            (what a naive engine re-walking the models would pay), then evaluate
and the ratio compiled / naive. Target: ≥ 20,000 compiled evaluations per second.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from pramoen.instruments import (
    compile_instrument,
    get_instrument,
    shipped_ids,
    validate_answers,
)
from pramoen.instruments.sampling import random_answers

TARGET = 20_000


def rate(fn: Callable[[dict], object], answers: list[dict], seconds: float) -> float:
    count = 0
    n = len(answers)
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        for k in range(256):
            fn(answers[(count + k) % n])
        count += 256
        now = time.perf_counter()
        if now >= deadline:
            return count / (now - start)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--answers", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2569)
    args = parser.parse_args()
    ids = shipped_ids()
    wanted = [i for i in ids if i.startswith(("nara2-teacher-", "nara2-director-"))]
    if not wanted:
        print("teacher/director instruments not found: benchmarking every shipped instrument")
        wanted = ids
    rng = random.Random(args.seed)
    print(
        f"{'instrument':<42} {'indicators':>10} {'compiled/s':>12} {'+validate/s':>12} "
        f"{'naive/s':>10} {'ratio':>7}"
    )
    worst = None
    for iid in wanted:
        inst = get_instrument(iid)
        compiled = compile_instrument(inst)
        answers = [random_answers(inst, rng) for _ in range(args.answers)]
        assert all(not validate_answers(inst, a) for a in answers[:50])
        fast = rate(compiled.evaluate, answers, args.seconds)
        checked = rate(
            lambda a, inst=inst, c=compiled: (validate_answers(inst, a), c.evaluate(a)),
            answers,
            args.seconds / 2,
        )
        naive = rate(
            lambda a, inst=inst: compile_instrument(inst).evaluate(a), answers, args.seconds / 2
        )
        n_ind = len(compiled.indicators)
        print(
            f"{iid:<42} {n_ind:>10} {fast:>12,.0f} {checked:>12,.0f} {naive:>10,.0f} "
            f"{fast / naive:>6.0f}×"
        )
        worst = fast if worst is None else min(worst, fast)
    verdict = "meets" if worst is not None and worst >= TARGET else "MISSES"
    print(f"slowest compiled rate {worst:,.0f}/s {verdict} the {TARGET:,}/s target (one core)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Evaluations per second of the instrument engine on random valid answers.

Run: .venv/bin/python bench/instruments.py [--seconds 2] [--answers 500]

For the teacher and director instruments (falls back to every shipped instrument if those are
missing, and says so) it prints, on one core:
  compiled  CompiledInstrument.evaluate on pre-validated answers (the hot path; total, tier, gates)
  +validate validate_answers + evaluate (what score() does for untrusted answers)
  naive     a baseline in the same run: compile from the pydantic model for every evaluation
            (what a naive engine re-walking the models would pay), then evaluate
and the ratio compiled / naive. Rates are per CPU-second of this process (time.process_time),
i.e. per core, with the wall-clock rate alongside: on a shared machine the wall rate also
measures everyone else. Target: ≥ 20,000 compiled evaluations per CPU-second.
"""

from __future__ import annotations

import argparse
import os
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


def rate(fn: Callable[[dict], object], answers: list[dict], seconds: float) -> tuple[float, float]:
    """(evaluations per CPU-second of this process, evaluations per wall-clock second).

    CPU time is the one-core figure: on a shared, oversubscribed machine the wall-clock rate
    measures the other processes as much as ours.
    """
    count = 0
    n = len(answers)
    start, cpu_start = time.perf_counter(), time.process_time()
    deadline = start + seconds
    while True:
        for k in range(256):
            fn(answers[(count + k) % n])
        count += 256
        now = time.perf_counter()
        if now >= deadline:
            return count / (time.process_time() - cpu_start), count / (now - start)


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
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(
        f"{'instrument':<40} {'ind':>4} {'compiled/CPU-s':>15} {'(wall/s)':>10} "
        f"{'+validate/CPU-s':>16} {'naive/CPU-s':>12} {'ratio':>6}"
    )
    worst = None
    for iid in wanted:
        inst = get_instrument(iid)
        compiled = compile_instrument(inst)
        answers = [random_answers(inst, rng) for _ in range(args.answers)]
        assert all(not validate_answers(inst, a) for a in answers[:50])
        fast, fast_wall = rate(compiled.evaluate, answers, args.seconds)
        checked, _ = rate(
            lambda a, inst=inst, c=compiled: (validate_answers(inst, a), c.evaluate(a)),
            answers,
            args.seconds / 2,
        )
        naive, _ = rate(
            lambda a, inst=inst: compile_instrument(inst).evaluate(a), answers, args.seconds / 2
        )
        n_ind = len(compiled.indicators)
        print(
            f"{iid:<40} {n_ind:>4} {fast:>15,.0f} {fast_wall:>10,.0f} {checked:>16,.0f} "
            f"{naive:>12,.0f} {fast / naive:>5.0f}×"
        )
        worst = fast if worst is None else min(worst, fast)
    verdict = "meets" if worst is not None and worst >= TARGET else "MISSES"
    print(
        f"slowest: {worst:,.0f} compiled evaluations per CPU-second: {verdict} the "
        f"{TARGET:,}/s one-core target; ratio = compiled / naive (re-compile per evaluation)"
    )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

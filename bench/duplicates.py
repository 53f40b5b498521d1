"""Benchmark: near-duplicate portfolio search by LSH band keys vs comparing every pair (issue 14).

Part 1 — one real portfolio: a Thai PDF typeset by typst (Laksaman from its file), fingerprinted
the production way (text read in the child process with limits, PyThaiNLP words, datasketch
MinHash); prints pages, seconds (first call loads the word dictionary; then warm) and the stored
size.

Part 2 — a campaign: N synthetic fingerprints (word-id shingles of ~14,000 per portfolio, as the
100-page portfolio of part 1 has) with planted pairs sharing 70 %, 50 % and 30 % of their text.
Finds the pairs (a) through the band keys (``documents.fingerprint.band_keys``, an inverted index
as the ``PortfolioBand`` table is) and (b) by comparing every pair; prints time of each, their
ratio, candidates compared, and how many planted pairs each flags (``compare(...).flagged``).

Run: .venv/bin/python bench/duplicates.py [--portfolios 2000] [--pages 100]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from pramoen.documents.fingerprint import DOC_PERM, band_keys, compare, minhash
from pramoen.documents.fingerprint_worker import run_fingerprint_subprocess

FONT = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")


def _real_portfolio(pages: int) -> None:
    import typst
    from pythainlp.corpus import thai_words

    words = sorted(w for w in thai_words() if 2 <= len(w) <= 8 and " " not in w)
    rnd = random.Random(1)
    paragraphs = [
        " ".join("".join(rnd.choice(words) for _ in range(8)) for _ in range(6))
        for _ in range(pages * 6)
    ]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "fonts").mkdir()
        shutil.copy(FONT, root / "fonts" / FONT.name)
        source = (
            '#set page(paper: "a4", margin: 2.5cm)\n'
            '#set text(font: "Laksaman", size: 16pt, lang: "th")\n'
        ) + "\n\n".join(paragraphs)
        (root / "p.typ").write_text(source, encoding="utf-8")
        pdf = root / "p.pdf"
        pdf.write_bytes(
            typst.compile(
                str(root / "p.typ"),
                root=str(root),
                font_paths=[str(root / "fonts")],
                ignore_system_fonts=True,
            )
        )
        times = []
        for _ in range(2):
            started = time.perf_counter()
            fingerprint = run_fingerprint_subprocess(pdf)
            times.append(time.perf_counter() - started)
    size = len(json.dumps(fingerprint, ensure_ascii=False).encode())
    print(
        f"one portfolio: {len(fingerprint['pages'])} pages, {fingerprint['shingles']} shingles; "
        f"fingerprint {times[0]:.2f} s (first, loads the dictionary), {times[1]:.2f} s warm; "
        f"stored {size / 1024:.0f} KiB, {len(band_keys(fingerprint))} band keys"
    )


def _synthetic(
    n: int, rnd: random.Random
) -> tuple[list[dict[str, Any]], dict[tuple[int, int], float]]:
    size = 14_000
    sets: list[list[int]] = [rnd.sample(range(50_000_000), size) for _ in range(n)]
    planted: dict[tuple[int, int], float] = {}
    for k, share in enumerate((0.7, 0.5, 0.3) * 10):
        a, b = 2 * k, 2 * k + 1
        keep = int(size * share)
        sets[b] = sets[a][:keep] + sets[b][keep:]
        planted[(a, b)] = share
    prints = [
        {
            "doc": minhash((str(v).encode() for v in s), DOC_PERM),
            "shingles": len(s),
            "pages": [],
        }
        for s in sets
    ]
    return prints, planted


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--portfolios", type=int, default=2000)
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    if FONT.is_file():
        _real_portfolio(args.pages)
    else:
        print(f"skipping the real portfolio: {FONT} missing (apt-get install fonts-thai-tlwg)")
    rnd = random.Random(7)
    prints, planted = _synthetic(args.portfolios, rnd)

    started = time.perf_counter()
    index: dict[str, list[int]] = defaultdict(list)
    flagged_lsh: set[tuple[int, int]] = set()
    compared = 0
    for i, fp in enumerate(prints):  # as each portfolio arrives: look up, compare, then index
        keys = band_keys(fp)
        candidates = {j for key in keys for j in index.get(key, [])}
        for j in candidates:
            compared += 1
            if compare(fp, prints[j]).flagged:
                flagged_lsh.add((j, i))
        for key in keys:
            index[key].append(i)
    lsh_s = time.perf_counter() - started

    started = time.perf_counter()
    flagged_all = {
        (j, i)
        for i in range(len(prints))
        for j in range(i)
        if compare(prints[i], prints[j]).flagged
    }
    all_s = time.perf_counter() - started
    pairs = len(prints) * (len(prints) - 1) // 2
    print(
        f"{len(prints)} portfolios: LSH {lsh_s:.2f} s ({compared} pairs compared), "
        f"every pair {all_s:.2f} s ({pairs} pairs) — {all_s / lsh_s:.0f}× faster"
    )
    for share in (0.7, 0.5, 0.3):
        wanted = {p for p, s in planted.items() if s == share}
        print(
            f"  planted pairs sharing {share:.0%}: flagged by LSH {len(wanted & flagged_lsh)}"
            f" / {len(wanted)}, by every pair {len(wanted & flagged_all)} / {len(wanted)}"
        )
    print(
        f"  unplanted pairs flagged: LSH {len(flagged_lsh - planted.keys())}, "
        f"every pair {len(flagged_all - planted.keys())}"
    )


if __name__ == "__main__":
    main()

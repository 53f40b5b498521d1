"""Portfolio fingerprints for duplicate and near-duplicate detection (pure: no Django).

A fingerprint is what the database keeps of a portfolio PDF so that two portfolios can be
compared without opening either file again:

* the text of every page (pypdfium2), cut into Thai words (PyThaiNLP ``newmm``, its bundled
  dictionary: nothing downloaded), word 3-shingles, and MinHash signatures (datasketch) — one
  of 128 permutations for the whole file, one of 32 per page;
* for a page with (almost) no text — a scan or a photo — a 64-bit difference hash of a small
  grayscale render (a perceptual hash: a re-scan or re-compression keeps most of its bits);
* a short excerpt of each page, for the side-by-side view staff read.

``band_keys`` gives the locality-sensitive-hashing keys (MinHash bands, split like datasketch's
``MinHashLSH`` would for the threshold; 16-bit chunks of the image hashes): portfolios sharing a
key are candidates, and :func:`compare` then measures them. Minhash values are kept as their low
32 bits, which is plenty to estimate resemblance and halves what is stored.

The extraction runs in a child process with limits (:mod:`pramoen.documents.fingerprint_worker`).
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

VERSION = 1
DOC_PERM = 128
PAGE_PERM = 32
SHINGLE = 3
# LSH bands (datasketch picks 51 bands of 2 rows for it): half of the smaller portfolio shared
# is a Jaccard index of 1/3 for portfolios of equal length (a candidate with probability 0.998)
# and of 0.2 for one twice the other's length (0.875). Unrelated portfolios sharing boilerplate
# (J ≈ 0.05) become candidates one time in eight; comparing one costs microseconds.
LSH_THRESHOLD = 0.15
# Flag a pair when at least this share of the smaller portfolio is shared.
FLAG_SHARE = 0.5
PAGE_MATCH = 0.5  # estimated Jaccard index of two pages' shingles
IMAGE_MATCH_BITS = 6  # of 64: at most this many differing bits
SCANNED_TEXT_CHARS = 40  # a page with less text than this is treated as an image
EXCERPT_CHARS = 240
_MASK = 0xFFFFFFFF
_WORD = re.compile(r"[\u0E00-\u0E7Fa-z0-9]")


@dataclass(frozen=True, slots=True)
class PageMatch:
    page_a: int
    page_b: int
    similarity: float
    kind: str  # "text" | "image"


@dataclass(frozen=True, slots=True)
class Comparison:
    similarity: float  # the share of the smaller portfolio found in the other, 0–1
    text_share: float
    image_share: float
    pages: tuple[PageMatch, ...]

    @property
    def flagged(self) -> bool:
        return self.similarity >= FLAG_SHARE


def thai_tokens(text: str) -> list[str]:
    """Words of ``text``: NFC, lower case, whitespace removed first (PDF text breaks Thai lines
    anywhere, and Thai writes no spaces between words), then ``newmm``; punctuation dropped."""
    from pythainlp.tokenize import word_tokenize

    joined = "".join(unicodedata.normalize("NFC", text).lower().split())
    if not joined:
        return []
    return [
        w for w in word_tokenize(joined, engine="newmm", keep_whitespace=False) if _WORD.search(w)
    ]


def shingles(tokens: Sequence[str], size: int = SHINGLE) -> set[bytes]:
    if len(tokens) < size:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + size]).encode() for i in range(len(tokens) - size + 1)}


def minhash(items: Iterable[bytes], num_perm: int) -> list[int] | None:
    from datasketch import MinHash

    batch = list(items)
    if not batch:
        return None
    sketch = MinHash(num_perm=num_perm, seed=1)
    sketch.update_batch(batch)
    return [int(v) & _MASK for v in sketch.hashvalues]


def dhash(gray: bytes, width: int, height: int, stride: int) -> str | None:
    """64-bit difference hash of an 8-bit gray bitmap; None for a near-blank page (a blank or
    divider page would otherwise match every other one)."""
    from PIL import Image, ImageStat

    image = Image.frombuffer("L", (width, height), gray, "raw", "L", stride, 1)
    if ImageStat.Stat(image).stddev[0] < 4:
        return None
    small = image.resize((9, 8), Image.Resampling.LANCZOS)
    px = list(small.getdata())
    bits = 0
    for row in range(8):
        for col in range(8):
            bits = (bits << 1) | (1 if px[row * 9 + col] > px[row * 9 + col + 1] else 0)
    return f"{bits:016x}"


def fingerprint_pages(pages: Sequence[tuple[str, str | None]]) -> dict[str, Any]:
    """The fingerprint of a portfolio from ``(text, image hash or None)`` per page."""
    all_shingles: set[bytes] = set()
    out_pages: list[dict[str, Any]] = []
    for number, (text, image) in enumerate(pages, start=1):
        stripped = " ".join(text.split())
        page_shingles = (
            shingles(thai_tokens(text)) if len(stripped) >= SCANNED_TEXT_CHARS else set()
        )
        all_shingles |= page_shingles
        out_pages.append(
            {
                "n": number,
                "mh": minhash(page_shingles, PAGE_PERM),
                "img": image if not page_shingles else None,
                "excerpt": stripped[:EXCERPT_CHARS],
            }
        )
    return {
        "version": VERSION,
        "doc": minhash(all_shingles, DOC_PERM),
        "shingles": len(all_shingles),
        "pages": out_pages,
    }


@functools.cache
def _bands() -> tuple[int, int]:
    # datasketch integrates the false positive/negative curves to choose them: once per process.
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=DOC_PERM)
    return int(lsh.b), int(lsh.r)


def band_keys(fingerprint: dict[str, Any]) -> set[str]:
    """LSH keys: a pair sharing one is a candidate."""
    keys: set[str] = set()
    doc = fingerprint.get("doc")
    if doc:
        b, r = _bands()
        for band in range(b):
            chunk = ",".join(str(v) for v in doc[band * r : (band + 1) * r]).encode()
            keys.add(f"t{band}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    for page in fingerprint.get("pages", []):
        image = page.get("img")
        if image:
            # Pigeonhole: two hashes within IMAGE_MATCH_BITS < 4 × 16 bits share a chunk only
            # when at most 3 bits differ; more distant near-copies are found through the text or
            # not at all (stated in docs).
            keys.update(f"i{k}:{image[4 * k : 4 * k + 4]}" for k in range(4))
    return keys


def _resemblance(a: Sequence[int], b: Sequence[int]) -> float:
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def _share(jaccard: float, size_a: int, size_b: int) -> float:
    """|A ∩ B| / min(|A|, |B|) from the Jaccard index and the sizes."""
    if not size_a or not size_b:
        return 0.0
    common = jaccard * (size_a + size_b) / (1 + jaccard)
    return min(1.0, common / min(size_a, size_b))


def compare(a: dict[str, Any], b: dict[str, Any]) -> Comparison:
    text_share = 0.0
    if a.get("doc") and b.get("doc"):
        text_share = _share(_resemblance(a["doc"], b["doc"]), a["shingles"], b["shingles"])
    matches: list[PageMatch] = []
    text_b = [p for p in b["pages"] if p.get("mh")]
    image_b = [p for p in b["pages"] if p.get("img")]
    image_a = [p for p in a["pages"] if p.get("img")]
    for page in a["pages"]:
        if page.get("mh") and text_b:
            best = max(text_b, key=lambda q: (_resemblance(page["mh"], q["mh"]), -q["n"]))
            score = _resemblance(page["mh"], best["mh"])
            if score >= PAGE_MATCH:
                matches.append(PageMatch(page["n"], best["n"], round(score, 4), "text"))
        elif page.get("img") and image_b:
            bits = int(page["img"], 16)
            best = min(image_b, key=lambda q: (bin(bits ^ int(q["img"], 16)).count("1"), q["n"]))
            differ = bin(bits ^ int(best["img"], 16)).count("1")
            if differ <= IMAGE_MATCH_BITS:
                matches.append(PageMatch(page["n"], best["n"], round(1 - differ / 64, 4), "image"))
    image_matched = sum(1 for m in matches if m.kind == "image")
    image_share = image_matched / min(len(image_a), len(image_b)) if image_a and image_b else 0.0
    return Comparison(
        similarity=round(max(text_share, image_share), 4),
        text_share=round(text_share, 4),
        image_share=round(image_share, 4),
        pages=tuple(matches),
    )

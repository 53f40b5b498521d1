"""Benchmark: portfolio PDF check vs a Debian-tools baseline (issue 5, "Must show").

Generates a 100-page A4 Thai portfolio with typst (Laksaman 16 pt from its explicit
file; photos on 10 pages; one 1 cm QR code), then in the same run and pinned to one
core times
  * pramoen: run_check_subprocess (the production path: child interpreter, limits),
    plus the in-process check for reference;
  * baseline: pdffonts + pdftoppm (gray, same dpi) + zbarimg on every page.
Two variants: "photos" (text pages are skipped by the QR scan, see analyze.py) and
"ruled" (a header rule on every page, so every page is rendered, as in most Word
templates). Prints times, the ratio, and that both found the same QR payload.

Run: .venv/bin/python bench/pdfcheck.py [--repeat 3]
Targets: <= 2 s for 100 pages on one core; >= 3x faster than the baseline.
"""

from __future__ import annotations

import argparse
import glob
import io
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import qrcode
import typst
from PIL import Image, ImageDraw

from pramoen.documents.pdfcheck import PortfolioRules, run_check_subprocess
from pramoen.documents.pdfcheck.analyze import check_file

QR_TEXT = "https://drive.example.org/nara2/portfolio/entry-0042"
QR_PAGE = 57
FONT = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")
PARA = (
    "โรงเรียนบ้านหนองบัวดำเนินโครงการพัฒนาคุณภาพผู้เรียนอย่างต่อเนื่อง ครูทุกคนมีส่วนร่วมในการวางแผน"
    " การจัดการเรียนรู้ และการประเมินผล ผลสัมฤทธิ์ทางการเรียนสูงขึ้นทุกปีการศึกษา "
)


def _photo(seed: int) -> bytes:
    rnd = random.Random(seed)
    img = Image.new("RGB", (1600, 1200), (rnd.randrange(256), 120, 90))
    draw = ImageDraw.Draw(img)
    for _ in range(400):
        x, y = rnd.randrange(1600), rnd.randrange(1200)
        r = rnd.randrange(10, 120)
        draw.ellipse((x, y, x + r, y + r), fill=tuple(rnd.randrange(256) for _ in range(3)))
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=85)
    return buf.getvalue()


def build_portfolio(folder: Path, ruled: bool, pages: int = 100, qr_page: int = QR_PAGE) -> Path:
    """A typst portfolio; ``ruled`` adds a header with a rule (a vector path) to every page."""
    fonts = folder / "fonts"
    fonts.mkdir(exist_ok=True)
    for style in ("", "-Bold"):
        shutil.copy(FONT.with_name(f"Laksaman{style}.ttf"), fonts)
    qr = io.BytesIO()
    qrcode.make(QR_TEXT, box_size=8, border=4).save(qr, format="PNG")
    (folder / "qr.png").write_bytes(qr.getvalue())
    photo_pages = set(range(5, pages + 1, 10))
    for p in photo_pages:
        (folder / f"photo{p}.jpg").write_bytes(_photo(p))
    header = (
        "#set page(header: [ผลงานดีเด่น NARA 2 AWARDS #line(length: 100%, stroke: 0.5pt)])\n"
        if ruled
        else ""
    )
    src = (
        '#set page(paper: "a4", margin: 2.5cm)\n'
        + header
        + '#set text(font: "Laksaman", size: 16pt, lang: "th")\n'
    )
    for i in range(1, pages + 1):
        src += f"= ผลงานหน้า {i}\n"
        if i in photo_pages:
            src += f'#image("photo{i}.jpg", width: 12cm)\n{PARA}\n'
        else:
            src += f"{PARA * 5}\n"
        if i == qr_page:
            # 1.3 cm with the 4-module quiet zone: a 1 cm symbol.
            src += '#image("qr.png", width: 1.3cm)\n'
        if i < pages:
            src += "#pagebreak()\n"
    main = folder / "main.typ"
    main.write_text(src, encoding="utf-8")
    out = folder / "portfolio.pdf"
    out.write_bytes(
        typst.compile(
            str(main), root=str(folder), font_paths=[str(fonts)], ignore_system_fonts=True
        )
    )
    return out


def baseline(pdf: Path, dpi: int, workdir: Path) -> tuple[float, list[str], str]:
    """pdffonts + pdftoppm + zbarimg, as a shell pipeline would run them."""
    for old in glob.glob(str(workdir / "pg-*")):
        os.unlink(old)
    start = time.perf_counter()
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(workdir / "pg")], check=True)
    images = sorted(glob.glob(str(workdir / "pg-*.pgm")))
    zbar = subprocess.run(
        ["zbarimg", "-q", "--raw", *images],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    return elapsed, zbar.stdout.split(), fonts.stdout


def baseline_dpi(pdf: Path, qr_page: int, workdir: Path) -> int:
    """Lowest of 151/200/300 dpi at which zbarimg reads the QR page (not timed).

    zbar needs more pixels per module than zxing-cpp; running the baseline at a dpi
    where it cannot see the code would make it cheaper and wrong.
    """
    for dpi in (151, 200, 300):
        out = workdir / f"probe{dpi}"
        page = str(qr_page)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-f", page, "-l", page, str(pdf), str(out)],
            check=True,
        )
        images = glob.glob(f"{out}*.pgm")
        found = subprocess.run(
            ["zbarimg", "-q", "--raw", *images], capture_output=True, text=True, check=False
        ).stdout.split()
        for image in images:
            os.unlink(image)
        if found == [QR_TEXT]:
            return dpi
    return 300


def _cpu() -> float:
    """CPU seconds of this process plus its finished children (user + system)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _best(fn, repeat: int):  # type: ignore[no-untyped-def]
    """Best of ``repeat`` runs: (wall seconds, CPU seconds incl. children, last value).

    The machine is shared, so wall time on the pinned core includes other people's
    work; CPU time is what the check itself costs on one core.
    """
    best_wall = best_cpu = float("inf")
    value = None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), _cpu()
        value = fn()
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, _cpu() - cpu)
    return best_wall, best_cpu, value


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    args = parser.parse_args()
    for tool in ("pdffonts", "pdftoppm", "zbarimg"):
        if shutil.which(tool) is None:
            print(f"missing {tool}: apt-get install poppler-utils zbar-tools", file=sys.stderr)
            return 2
    # One core for everything, children included (affinity is inherited).
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    rules = PortfolioRules()
    dpi = rules.qr_dpi
    print(f"QR scan resolution: {dpi} dpi (1 cm code, version <= {rules.qr_max_version})")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; pinned to one core")
    ok = True
    with tempfile.TemporaryDirectory(prefix="bench-pdfcheck-") as tmp:
        for variant in ("photos", "ruled"):
            folder = Path(tmp) / variant
            folder.mkdir()
            pdf = build_portfolio(folder, ruled=variant == "ruled")
            size_kb = pdf.stat().st_size // 1024
            w_sub, c_sub, result = _best(
                lambda p=pdf: run_check_subprocess(p, rules, 60, 512), args.repeat
            )
            w_in, c_in, _ = _best(lambda p=pdf: check_file(p, rules), args.repeat)
            base_dpi = baseline_dpi(pdf, QR_PAGE, folder)
            w_base, c_base, (_, base_codes, _) = _best(
                lambda p=pdf, f=folder, d=base_dpi: baseline(p, d, f), args.repeat
            )
            ours = [
                text
                for f in result["findings"]
                if f["code"] == "qr_code"
                for texts in f["details"]["codes"].values()
                for text in texts
            ]
            qr_pages = [f["pages"] for f in result["findings"] if f["code"] == "qr_code"]
            same = ours == base_codes == [QR_TEXT]
            measured = result["measured"]
            print(
                f"\n[{variant}] {result['pages']} pages, {size_kb} KB, body"
                f" {measured.get('body_font')} {measured.get('body_size_pt')} pt,"
                f" rendered for QR: {measured['qr_rendered_pages']} pages"
            )
            print("                                        wall s    CPU s (one core)")
            print(f"  pramoen check (subprocess, limits): {w_sub:7.3f}  {c_sub:7.3f}")
            print(f"  pramoen check (in-process):         {w_in:7.3f}  {c_in:7.3f}")
            print(
                f"  baseline pdffonts+pdftoppm+zbarimg: {w_base:7.3f}  {c_base:7.3f}"
                f"   (at {base_dpi} dpi)"
            )
            ratios = f"{w_base / w_sub:6.1f}x  {c_base / c_sub:6.1f}x"
            print(f"  ratio baseline / pramoen:           {ratios}")
            print(f"  QR found: pramoen {ours} on pages {qr_pages}; baseline {base_codes}")
            print(f"  same QR found: {'yes' if same else 'NO'}")
            target = c_sub <= 2.0 and c_base / c_sub >= 3.0 and same
            print(
                f"  targets on CPU time (<= 2 s, >= 3x, same QR): {'met' if target else 'NOT met'}"
            )
            ok = ok and target
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

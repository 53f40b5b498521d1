"""``pramoen reliability RATINGS.csv [--level interval|ordinal|nominal|ratio] [--json]``.

For ESA statisticians: a CSV whose header row names the judges and whose rows are entries, one
rating per cell; a blank cell means "not rated". Thai digits and decimal commas are accepted, a
UTF-8 byte-order mark (Excel) too. Prints Krippendorff's alpha (and the ICCs when no cell is blank)
with a bootstrap interval and the Thai reading; ``--json`` prints
``{"alpha", "level", "units", "judges", "ci", "reading_th"[, "icc"]}``. Bad input gets a clear
message and exit code 1 (2 for usage), never a traceback.

Pure Python (no Django).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO

from pramoen.judging.reliability import (
    LEVELS,
    ReliabilityError,
    bootstrap_alpha,
    icc,
    krippendorff_alpha,
    reading_th,
)
from pramoen.thai import to_arabic_digits

MAX_BYTES = 20_000_000


class _Usage(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _Usage(f"usage: {message}\n{self.format_usage()}".rstrip())


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pramoen reliability", description="ความสอดคล้องของกรรมการ")
    parser.add_argument("ratings", help="CSV: header row of judge names, one row per entry")
    parser.add_argument("--level", choices=LEVELS, default="interval")
    parser.add_argument("--json", action="store_true")
    return parser


class CsvError(ValueError):
    pass


def read_ratings(text: str) -> tuple[list[str], list[list[float | None]]]:
    """Judges (header) and ratings (rows) from CSV text; raises CsvError with a Thai message."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    rows = [row for row in reader if any(cell.strip() for cell in row)]
    if len(rows) < 2:
        raise CsvError("ไฟล์ต้องมีแถวหัวตาราง (ชื่อกรรมการ) และคะแนนอย่างน้อย ๑ แถว")
    judges = [cell.strip() for cell in rows[0]]
    ratings: list[list[float | None]] = []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) > len(judges):
            raise CsvError(f"แถวที่ {line}: มี {len(row)} ช่อง มากกว่าจำนวนกรรมการ ({len(judges)})")
        values: list[float | None] = []
        for column, cell in enumerate(row + [""] * (len(judges) - len(row)), start=1):
            cell = to_arabic_digits(cell.strip()).replace(",", ".")
            if not cell:
                values.append(None)
                continue
            try:
                number = Decimal(cell)
            except InvalidOperation:
                raise CsvError(f"แถวที่ {line} คอลัมน์ที่ {column}: “{cell}” ไม่ใช่ตัวเลข") from None
            if not number.is_finite():
                raise CsvError(f"แถวที่ {line} คอลัมน์ที่ {column}: “{cell}” ไม่ใช่ตัวเลข")
            values.append(float(number))
        ratings.append(values)
    return judges, ratings


def main(argv: list[str], stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> int:
    out, err = stdout or sys.stdout, stderr or sys.stderr
    try:
        args = _parser().parse_args(argv)
        path = Path(args.ratings)
        if path.stat().st_size > MAX_BYTES:
            raise CsvError("ไฟล์ใหญ่เกินกำหนด")
        judges, ratings = read_ratings(path.read_text(encoding="utf-8"))
        alpha = krippendorff_alpha(ratings, args.level)
        low, high = bootstrap_alpha(ratings, args.level, resamples=1000)
        units = sum(1 for row in ratings if sum(v is not None for v in row) >= 2)
        result: dict[str, object] = {
            "alpha": round(alpha, 6),
            "level": args.level,
            "units": units,
            "judges": len(judges),
            "ci": [round(low, 6), round(high, 6)],
            "reading_th": reading_th(alpha),
        }
        if all(v is not None for row in ratings for v in row):
            result["icc"] = {k: round(v, 6) for k, v in icc(ratings).to_dict().items()}
    except _Usage as exc:
        err.write(f"{exc}\n")
        return 2
    except (OSError, UnicodeDecodeError) as exc:
        err.write(f"อ่านไฟล์ไม่ได้ / cannot read: {exc}\n")
        return 1
    except CsvError as exc:
        err.write(f"{exc}\n")
        return 1
    except ReliabilityError as exc:
        err.write(f"{exc.message_th} / {exc}\n")
        return 1
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    if args.json:
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    else:
        out.write(
            f"Krippendorff's alpha ({args.level}) = {result['alpha']:.3f} "
            f"[95% {low:.3f}, {high:.3f}] · ผลงาน {units} รายการ · กรรมการ {len(judges)} คน\n"
            f"{result['reading_th']}\n"
        )
        if "icc" in result:
            values = result["icc"]
            assert isinstance(values, dict)
            out.write(
                f"ICC(2,1) = {values['icc2_1']:.3f}  ICC(2,k) = {values['icc2_k']:.3f}  "
                f"ICC(3,1) = {values['icc3_1']:.3f}  ICC(3,k) = {values['icc3_k']:.3f}\n"
            )
    return 0

"""Certificates (เกียรติบัตร) in bulk with Typst — a pure module (no Django import).

One Typst compile lays out a whole chunk of certificates, one page each, from a JSON data
file; pypdfium2 then merges the chunks into one PDF and splits them into single PDFs for
a zip. Compiling once per certificate would pay Typst's start-up cost every time; this
way the cost is per page (see bench/certificates.py for the measured rate).

Why the default font is TLWG Norasi (fonts-thai-tlwg), loaded from its file:
    Typst 0.14 (typst-py 0.15) writes a cluster's glyphs as separate text runs when a
    mark glyph is moved vertically by GPOS, and gives every run the whole cluster's text,
    so the text layer repeats it ("ศักดิ์สิทธิ์" extracts as "ศักดิ์สิดิ์ ทธิ์ ธิ์"). Laksaman (TLWG's
    TH Sarabun), Garuda, Kinnari, Loma and the Noto Thai fonts stack tone marks over
    upper vowels that way and fail; Norasi places them without vertical offsets and
    extracts every consonant + vowel + tone combination exactly (tested), except ฎ/ฏ
    with a lower vowel (ฎุ, ฏู: the vowel is pushed below the tail) and ฬ + mai ek
    (pdfium guesses a space after it) — known limits, each pinned by a strict xfail
    test so a fix upstream shows up. Turning GPOS marks off fixes the text layer for
    every font but lets tone marks collide with upper vowels: not acceptable on a
    certificate. The template also widens word spaces (185 %): see its comment.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

import pypdfium2 as pdfium
import typst
import zxingcpp
from PIL import ImageFont

from pramoen.thai import ce_to_be, format_thai_date, to_thai_digits

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates_typst"
DEFAULT_TEMPLATE = TEMPLATES_DIR / "certificate.typ"
DEFAULT_LOGO = TEMPLATES_DIR / "placeholder-logo.svg"
# Debian fonts-thai-tlwg (installed by the Makefile); see the module docstring.
TLWG_DIR = Path("/usr/share/fonts/truetype/tlwg")
DEFAULT_FONT = TLWG_DIR / "Norasi.ttf"
DEFAULT_BOLD_FONT = TLWG_DIR / "Norasi-Bold.ttf"

MAX_NAME_CHARS = 120
MAX_LINE_CHARS = 300
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_FONT_BYTES = 30 * 1024 * 1024
DEFAULT_CHUNK = 500

_SHORT_CODE = re.compile(r"^[A-Za-z0-9-]{4,32}$")
# C0/C1 controls and the invisible format characters (bidi overrides, joiners, BOM)
# that would hide or reorder text; a per-character unicodedata loop cost more than
# the Typst layout of the page.
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200c-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
_WHITESPACE = re.compile(r"\s")
_PACKAGE_IMPORT = re.compile(r"""(import|include)\s*\(?\s*["']@""")
_IMAGE_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}
_FONT_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf")

Progress = Callable[[int, int], None]


class CertificateError(ValueError):
    """Bad input for a certificate build; ``problems`` holds one Thai message per fault."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        shown = self.problems[:20]
        more = len(self.problems) - len(shown)
        text = "สร้างเกียรติบัตรไม่ได้: " + "; ".join(shown)
        if more > 0:
            text += f" (และอีก {more} รายการ)"
        super().__init__(text)
        self.message = text


@dataclass(frozen=True, slots=True)
class CertificateTemplate:
    """Per-campaign design: the .typ file, explicit font files, logo and signatory."""

    campaign_title: str
    issuer: str
    signatory_name: str
    signatory_position: str
    logo_path: Path = DEFAULT_LOGO
    font_path: Path = DEFAULT_FONT
    bold_font_path: Path | None = DEFAULT_BOLD_FONT
    typ_path: Path = DEFAULT_TEMPLATE
    signature_path: Path | None = None
    heading: str = "เกียรติบัตร"
    intro: str = "เกียรติบัตรฉบับนี้ให้ไว้เพื่อแสดงว่า"
    verify_label: str = "ตรวจสอบความถูกต้องของเกียรติบัตร"


@dataclass(frozen=True, slots=True)
class Certificate:
    """One recipient. ``award`` is the tier line, e.g. "ได้รับรางวัลระดับเหรียญทอง"."""

    recipient: str
    award: str
    number: int
    issued_on: date
    verify_url: str
    short_code: str
    category: str = ""
    campaign_title: str | None = None  # None: the template's campaign title
    number_year_be: int | None = None  # None: the B.E. year of issued_on


@dataclass(frozen=True, slots=True)
class BuildResult:
    merged_pdf: Path
    zip_path: Path
    count: int
    seconds: float
    files: list[str] = field(default_factory=list)  # names inside the zip, in order


def running_number(number: int, year_be: int) -> str:
    """``เลขที่ ๐๐๑/๒๕๖๙`` — three digits at least, as ESA registers number them."""
    return "เลขที่ " + to_thai_digits(f"{number:03d}/{year_be}")


def issue_date_line(day: date) -> str:
    """``ให้ไว้ ณ วันที่ ๒๓ พฤศจิกายน พ.ศ. ๒๕๖๙``."""
    return "ให้ไว้ ณ วันที่ " + format_thai_date(day, "long", thai_digits=True, era=True)


def _clean_line(text: object, what: str, where: str, problems: list[str], limit: int) -> str:
    if not isinstance(text, str):
        problems.append(f"{where}: {what}ต้องเป็นข้อความ")
        return ""
    # A name is printed as typed (no Thai "normalisation" that could change a legal
    # name); only whitespace is tidied, because Typst would collapse it anyway.
    # Zero-width spaces are dropped (they come from copy-paste out of Word), other
    # invisible characters are refused rather than silently removed.
    cleaned = " ".join(text.replace("\u200b", "").split())
    if _UNPRINTABLE.search(cleaned):
        problems.append(f"{where}: {what}มีอักขระควบคุมที่พิมพ์ไม่ได้")
    if len(cleaned) > limit:
        problems.append(f"{where}: {what}ยาวเกิน {limit} ตัวอักษร")
    return cleaned


NAME_MAX_PT = 34
NAME_MIN_PT = 12
NAME_LINE_PT = 680  # 240 mm: the 249 mm text block less a little air
SPACE_STRETCH = 0.85  # the template's word spacing is 185 %


class _NameFitter:
    """Largest name size (pt) that keeps the name on one line, so it extracts whole.

    Measured with Pillow on the same bold font file; Thai marks have no advance, so the
    plain sum of advances (basic layout) is the width Typst will set.
    """

    def __init__(self, font_path: Path) -> None:
        self._font = ImageFont.truetype(str(font_path), 1000, layout_engine=ImageFont.Layout.BASIC)
        self._space = self._font.getlength(" ")

    def size(self, name: str) -> float:
        em = (self._font.getlength(name) + SPACE_STRETCH * self._space * name.count(" ")) / 1000
        if em <= 0:
            return NAME_MAX_PT
        return max(NAME_MIN_PT, min(NAME_MAX_PT, round(NAME_LINE_PT / em - 0.05, 1)))


def _check_file(
    path: Path | None, what: str, magic: Sequence[bytes], cap: int, problems: list[str]
) -> None:
    if path is None:
        return
    p = Path(path)
    if not p.is_file():
        problems.append(f"ไม่พบไฟล์{what}: {p}")
        return
    size = p.stat().st_size
    if size == 0 or size > cap:
        problems.append(f"ไฟล์{what}ว่างหรือใหญ่เกิน {cap // (1024 * 1024)} MB: {p}")
        return
    with p.open("rb") as fh:
        head = fh.read(512)
    if magic and not any(head.startswith(m) for m in magic):
        problems.append(f"ไฟล์{what}ไม่ใช่ชนิดที่รองรับ: {p}")


def _check_image(path: Path | None, what: str, problems: list[str]) -> None:
    if path is None:
        return
    suffix = Path(path).suffix.lower()
    if suffix == ".svg":
        _check_file(path, what, (), MAX_IMAGE_BYTES, problems)
        if Path(path).is_file() and b"<svg" not in Path(path).read_bytes()[:4096]:
            problems.append(f"ไฟล์{what}ไม่ใช่ SVG: {path}")
    elif suffix in _IMAGE_MAGIC:
        _check_file(path, what, _IMAGE_MAGIC[suffix], MAX_IMAGE_BYTES, problems)
    else:
        problems.append(f"ไฟล์{what}ต้องเป็น PNG, JPEG, GIF, WebP หรือ SVG: {path}")


def _check_template(template: CertificateTemplate) -> list[str]:
    problems: list[str] = []
    _check_file(template.font_path, "ฟอนต์", _FONT_MAGIC, MAX_FONT_BYTES, problems)
    _check_file(template.bold_font_path, "ฟอนต์ตัวหนา", _FONT_MAGIC, MAX_FONT_BYTES, problems)
    _check_file(template.typ_path, "แม่แบบ Typst", (), MAX_IMAGE_BYTES, problems)
    if Path(template.typ_path).is_file():
        source = Path(template.typ_path).read_text(encoding="utf-8", errors="replace")
        # Typst would download "@preview/..." packages at compile time: nothing may be
        # fetched at run time, so a campaign template must be self-contained.
        if _PACKAGE_IMPORT.search(source):
            problems.append(f"แม่แบบ Typst นำเข้าแพ็กเกจจากอินเทอร์เน็ตไม่ได้: {template.typ_path}")
    _check_image(template.logo_path, "ตราสัญลักษณ์ (โลโก้)", problems)
    _check_image(template.signature_path, "ลายมือชื่อ", problems)
    where = "แม่แบบ"
    for value, what in (
        (template.campaign_title, "ชื่อโครงการ"),
        (template.issuer, "ชื่อหน่วยงาน"),
        (template.signatory_name, "ชื่อผู้ลงนาม"),
        (template.signatory_position, "ตำแหน่งผู้ลงนาม"),
    ):
        if not _clean_line(value, what, where, problems, MAX_LINE_CHARS):
            problems.append(f"{where}: {what}ว่างเปล่า")
    return problems


def _qr_bitmap(url: str) -> tuple[bytes, int]:
    """QR code as 8-bit grey pixels, one per module, quiet zone included.

    zxing-cpp's writer (C++) is used rather than the pure-Python ``qrcode`` package:
    ``qrcode`` needs ~4 ms per code with its best-mask search, more than the whole
    per-certificate budget; zxing-cpp needs ~0.1 ms. Error correction M survives print
    and a phone camera; the reader side is tested with zxing-cpp too.
    """
    barcode = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = barcode.to_image(scale=1, add_quiet_zones=True)
    side = int(image.shape[0])
    # zxing-cpp's Image exposes the buffer protocol; its stubs do not say so.
    return bytes(cast(Any, image)), side


def _prepare(
    certs: Sequence[Certificate], template: CertificateTemplate
) -> tuple[list[dict[str, object]], list[str]]:
    problems: list[str] = []
    rows: list[dict[str, object]] = []
    numbers: dict[tuple[int, int], int] = {}
    try:
        fit: _NameFitter | None = _NameFitter(template.bold_font_path or template.font_path)
    except OSError:  # a missing or broken font is reported by _check_template
        fit = None
    for i, cert in enumerate(certs, start=1):
        where = f"ใบที่ {i}"
        if not isinstance(cert, Certificate):
            problems.append(f"{where}: ข้อมูลไม่ใช่ Certificate")
            continue
        name = _clean_line(cert.recipient, "ชื่อผู้รับ", where, problems, MAX_NAME_CHARS)
        if not name:
            problems.append(f"{where}: ชื่อผู้รับเกียรติบัตรว่างเปล่า")
        award = _clean_line(cert.award, "รางวัล", where, problems, MAX_LINE_CHARS)
        if not award:
            problems.append(f"{where}: ข้อความรางวัลว่างเปล่า")
        category = _clean_line(cert.category, "ประเภท/ด้าน", where, problems, MAX_LINE_CHARS)
        campaign = _clean_line(
            cert.campaign_title or template.campaign_title,
            "ชื่อโครงการ",
            where,
            problems,
            MAX_LINE_CHARS,
        )
        if not isinstance(cert.issued_on, date):
            problems.append(f"{where}: วันที่ออกเกียรติบัตรต้องเป็นวันที่")
            continue
        if not isinstance(cert.number, int) or isinstance(cert.number, bool) or cert.number < 1:
            problems.append(f"{where}: เลขที่เกียรติบัตรต้องเป็นจำนวนเต็มบวก")
            continue
        year_be = cert.number_year_be or ce_to_be(cert.issued_on.year)
        key = (year_be, cert.number)
        if key in numbers:
            problems.append(f"{where}: เลขที่ {cert.number}/{year_be} ซ้ำกับใบที่ {numbers[key]}")
        numbers[key] = i
        url = cert.verify_url if isinstance(cert.verify_url, str) else ""
        if not url.startswith(("https://", "http://")) or _WHITESPACE.search(url):
            problems.append(f"{where}: ลิงก์ตรวจสอบต้องขึ้นต้นด้วย https:// และไม่มีช่องว่าง")
        elif len(url) > 500:
            problems.append(f"{where}: ลิงก์ตรวจสอบยาวเกิน 500 ตัวอักษร")
        code = cert.short_code if isinstance(cert.short_code, str) else ""
        if not _SHORT_CODE.match(code):
            problems.append(f"{where}: รหัสตรวจสอบต้องเป็นตัวอักษรอังกฤษ/ตัวเลข 4–32 ตัว")
        rows.append(
            {
                "name": name,
                "name_size": fit.size(name) if fit else NAME_MAX_PT,
                "award": award,
                "category": category,
                "campaign": campaign,
                "number": running_number(cert.number, year_be),
                "date_line": issue_date_line(cert.issued_on),
                "url": url,
                "code": code,
                "_file": f"{cert.number:04d}-{year_be}-{code}.pdf",
            }
        )
    if not certs:
        problems.append("ไม่มีรายการเกียรติบัตรให้สร้าง")
    return rows, problems


@dataclass(slots=True)
class _Workspace:
    """A private compile root: the template, images and fonts copied in by name."""

    root: Path
    compiler: typst.Compiler
    inputs: dict[str, str]


def _font_family(fonts_dir: Path, path: Path) -> tuple[str, int]:
    found = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(fonts_dir)]
    ).fonts()
    for info in found:
        if info.path and Path(info.path).name == path.name:
            return info.family, int(info.weight)
    raise CertificateError([f"อ่านไฟล์ฟอนต์ไม่ได้ (ไม่ใช่ฟอนต์ที่ Typst ใช้ได้): {path}"])


def _workspace(tmp: Path, template: CertificateTemplate) -> _Workspace:
    root = tmp / "root"
    fonts_dir = tmp / "fonts"
    root.mkdir()
    fonts_dir.mkdir()
    shutil.copyfile(template.typ_path, root / "main.typ")
    logo = "logo" + Path(template.logo_path).suffix.lower()
    shutil.copyfile(template.logo_path, root / logo)
    signature = ""
    if template.signature_path is not None:
        signature = "signature" + Path(template.signature_path).suffix.lower()
        shutil.copyfile(template.signature_path, root / signature)
    # Typst searches folders, not files: copying the one explicit file into an empty
    # folder (system fonts ignored) makes that file the only Thai font it can pick.
    regular = fonts_dir / ("regular" + Path(template.font_path).suffix.lower())
    shutil.copyfile(template.font_path, regular)
    family, _ = _font_family(fonts_dir, regular)
    bold_family, bold_weight = family, 700
    if template.bold_font_path is not None:
        bold = fonts_dir / ("bold" + Path(template.bold_font_path).suffix.lower())
        shutil.copyfile(template.bold_font_path, bold)
        bold_family, bold_weight = _font_family(fonts_dir, bold)
    fonts = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=True, font_paths=[str(fonts_dir)]
    )
    compiler = typst.Compiler(root=str(root), font_paths=fonts, ignore_system_fonts=True)
    inputs = {
        "logo": logo,
        "signature": signature,
        "font": family,
        "font-bold": bold_family,
        "bold-weight": str(bold_weight),
    }
    return _Workspace(root=root, compiler=compiler, inputs=inputs)


def _template_json(template: CertificateTemplate) -> dict[str, str]:
    return {
        "heading": " ".join(template.heading.split()),
        "issuer": " ".join(template.issuer.split()),
        "intro": " ".join(template.intro.split()),
        "signatory": " ".join(template.signatory_name.split()),
        "position": " ".join(template.signatory_position.split()),
        "verify_label": " ".join(template.verify_label.split()),
    }


def _compile_chunk(
    ws: _Workspace, k: int, rows: Sequence[dict[str, object]], tpl: dict[str, str]
) -> bytes:
    qr_bytes = bytearray()
    certs = []
    for row in rows:
        pixels, side = _qr_bitmap(str(row["url"]))
        certs.append({**row, "qr_offset": len(qr_bytes), "qr_side": side})
        qr_bytes += pixels
    data_name, qr_name = f"data-{k}.json", f"qr-{k}.bin"
    (ws.root / data_name).write_text(
        json.dumps({"template": tpl, "certs": certs}, ensure_ascii=False), encoding="utf-8"
    )
    (ws.root / qr_name).write_bytes(bytes(qr_bytes))
    try:
        pdf = ws.compiler.compile(
            input=str(ws.root / "main.typ"),
            format="pdf",
            sys_inputs={**ws.inputs, "data": data_name, "qr": qr_name},
            pdf_tags=False,
        )
    except typst.TypstError as exc:
        raise CertificateError([f"Typst จัดหน้าไม่สำเร็จ: {exc.message}"]) from exc
    finally:
        (ws.root / data_name).unlink(missing_ok=True)
        (ws.root / qr_name).unlink(missing_ok=True)
    assert isinstance(pdf, bytes)
    return pdf


def _single_pdf(src: pdfium.PdfDocument, index: int) -> bytes:
    single = pdfium.PdfDocument.new()
    try:
        single.import_pages(src, [index])
        buf = io.BytesIO()
        single.save(buf)
        return buf.getvalue()
    finally:
        single.close()


def render_certificates(
    certs: Sequence[Certificate],
    *,
    template: CertificateTemplate,
    out_dir: Path,
    progress: Progress | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    merged_name: str = "certificates.pdf",
    zip_name: str = "certificates.zip",
) -> BuildResult:
    """Render every certificate into ``out_dir``: one merged PDF and a zip of single PDFs.

    Everything is checked before anything is drawn, and both files appear only when
    complete (written under a temporary name, then renamed), so a failed build leaves
    any earlier build in ``out_dir`` untouched. ``progress(done, total)`` is called after
    each chunk. Raises :class:`CertificateError` with Thai messages.
    """
    started = time.perf_counter()
    problems = _check_template(template)
    rows, cert_problems = _prepare(certs, template)
    problems += cert_problems
    if problems:
        raise CertificateError(problems)
    if chunk_size < 1:
        raise CertificateError(["ขนาดชุดการจัดหน้าต้องเป็นจำนวนเต็มบวก"])
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    total = len(rows)
    tpl = _template_json(template)
    files: list[str] = []
    merged_tmp = out_dir / f".{merged_name}.part"
    zip_tmp = out_dir / f".{zip_name}.part"
    with tempfile.TemporaryDirectory(prefix="pramoen-cert-") as tmp:
        ws = _workspace(Path(tmp), template)
        merged = pdfium.PdfDocument.new()
        try:
            with zipfile.ZipFile(zip_tmp, "w", compression=zipfile.ZIP_STORED) as zf:
                done = 0
                for k, start in enumerate(range(0, total, chunk_size)):
                    chunk = rows[start : start + chunk_size]
                    pdf = _compile_chunk(ws, k, chunk, tpl)
                    doc = pdfium.PdfDocument(pdf)
                    try:
                        if len(doc) != len(chunk):
                            raise CertificateError(
                                [
                                    f"แม่แบบให้ {len(doc)} หน้า แต่มีเกียรติบัตร {len(chunk)} ใบ"
                                    " (ต้องหนึ่งหน้าต่อหนึ่งใบ)"
                                ]
                            )
                        merged.import_pages(doc)
                        for i, row in enumerate(chunk):
                            name = str(row["_file"])
                            zf.writestr(name, _single_pdf(doc, i))
                            files.append(name)
                    finally:
                        doc.close()
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)
            merged.save(str(merged_tmp))
        except BaseException:
            merged_tmp.unlink(missing_ok=True)
            zip_tmp.unlink(missing_ok=True)
            raise
        finally:
            merged.close()
    merged_path = out_dir / merged_name
    zip_path = out_dir / zip_name
    os.replace(merged_tmp, merged_path)
    os.replace(zip_tmp, zip_path)
    return BuildResult(
        merged_pdf=merged_path,
        zip_path=zip_path,
        count=total,
        seconds=time.perf_counter() - started,
        files=files,
    )


def render_certificate_pdf(cert: Certificate, *, template: CertificateTemplate) -> bytes:
    """One certificate as PDF bytes (e.g. a re-download from the verification page)."""
    problems = _check_template(template)
    rows, cert_problems = _prepare([cert], template)
    problems += cert_problems
    if problems:
        raise CertificateError(problems)
    with tempfile.TemporaryDirectory(prefix="pramoen-cert-") as tmp:
        ws = _workspace(Path(tmp), template)
        return _compile_chunk(ws, 0, rows, _template_json(template))

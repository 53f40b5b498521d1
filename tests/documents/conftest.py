"""Fixtures for tests/documents. PDF fixtures (portfolio checker) are prefixed ``pdf_``.

The corpus is generated, not committed: typst with an explicit Thai font file
(Laksaman from fonts-thai-tlwg, TLWG's metric-compatible TH Sarabun PSK) for real
portfolios, and a minimal PDF writer for hand-crafted hostile structures.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

PDF_A4 = (595.28, 841.89)
PDF_THAI_PARA = (
    "โรงเรียนบ้านหนองบัวดำเนินโครงการพัฒนาคุณภาพผู้เรียนอย่างต่อเนื่อง ครูทุกคนมีส่วนร่วม"
    "ในการวางแผน การจัดการเรียนรู้ และการประเมินผล ผลสัมฤทธิ์ทางการเรียนสูงขึ้นทุกปีการศึกษา "
)


def _pdf_find_laksaman() -> Path | None:
    explicit = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")
    if explicit.is_file():
        return explicit
    if shutil.which("fc-match"):
        out = subprocess.run(
            ["fc-match", "-f", "%{file}", "Laksaman:style=Regular"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if out.endswith("Laksaman.ttf"):
            return Path(out)
    return None


def pdf_write(
    pages: list[dict],
    *,
    catalog_extra: str = "",
    trailer_extra: str = "",
    extra_objects: tuple[bytes | str, ...] = (),
    header: bytes = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
) -> bytes:
    """A minimal, valid PDF writer for hand-crafted structures.

    Objects: 1 catalog, 2 page tree, then per page its fonts, content stream and page
    dictionary (one font: 3, 4, 5), then ``extra_objects`` (a one-page file: 6, 7, ...).
    Each page: ``content`` (str/bytes, Flate-compressed unless ``raw_stream`` is given as
    ``(dict_entries, stream_bytes)``), ``size`` (points), ``fonts`` {resource: BaseFont},
    ``resources_extra``, ``page_extra``. Extra objects are numbered after the pages.
    """
    objs: list[bytes] = [b"", b""]
    kids = []
    n_font_objs = 0
    for p in pages:
        fdict = ""
        for res, base in p.get("fonts", {"F1": "Helvetica"}).items():
            if base in ("Helvetica", "Times-Roman"):
                body = f"<< /Type /Font /Subtype /Type1 /BaseFont /{base} >>"
            else:
                body = (
                    f"<< /Type /Font /Subtype /TrueType /BaseFont /{base} /FirstChar 32"
                    " /LastChar 126 /Encoding /WinAnsiEncoding >>"
                )
            objs.append(body.encode("latin-1"))
            n_font_objs += 1
            fdict += f"/{res} {len(objs)} 0 R "
        if "raw_stream" in p:
            entries, stream = p["raw_stream"]
        else:
            content = p.get("content", "")
            content = content.encode("latin-1") if isinstance(content, str) else content
            entries, stream = "/Filter /FlateDecode", zlib.compress(content)
        objs.append(
            f"<< /Length {len(stream)} {entries} >>\nstream\n".encode() + stream + b"\nendstream"
        )
        content_num = len(objs)
        w, h = p.get("size", PDF_A4)
        objs.append(
            (
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}] /Contents {content_num} 0 R"
                f" /Resources << /Font << {fdict}>> {p.get('resources_extra', '')} >>"
                f" {p.get('page_extra', '')} >>"
            ).encode()
        )
        kids.append(len(objs))
    objs[0] = f"<< /Type /Catalog /Pages 2 0 R {catalog_extra} >>".encode()
    objs[1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
    ).encode()
    for extra in extra_objects:
        objs.append(extra.encode("latin-1") if isinstance(extra, str) else extra)
    out = bytearray(header)
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (
        f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R {trailer_extra} >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def pdf_text_page(size: float = 16.0, font: str = "THSarabunPSK", lines: int = 30) -> dict:
    """A page of ASCII body text at ``size`` pt in a (non-embedded) named font."""
    line = "(Portfolio evidence of learning outcomes for the NARA 2 award entry) Tj"
    ops = [f"BT /F1 {size} Tf {size * 1.2} TL 60 780 Td"]
    ops += [f"{line} T*" for _ in range(lines)]
    ops.append("ET")
    return {"content": "\n".join(ops), "fonts": {"F1": font}}


def pdf_deflate_bomb(megabytes: int, block: bytes | None = None) -> bytes:
    """A valid zlib stream inflating to ``megabytes`` MiB of zeros, built in milliseconds.

    After a full flush the compressor restarts its window, so every 1 MiB block of
    zeros compresses to the same bytes; repeating them (with the right Adler-32) is a
    real bomb without compressing hundreds of megabytes. ``block`` (1 MiB) replaces zeros.
    """
    block = block if block is not None else b"\0" * (1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    comp.compress(block)
    comp.flush(zlib.Z_FULL_FLUSH)
    unit = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(megabytes):
        adler = zlib.adler32(block, adler)
    return b"\x78\xda" + unit * megabytes + b"\x03\x00" + adler.to_bytes(4, "big")


def pdf_vector_qr_page(text: str, side_mm: float = 10.0, at=(300.0, 60.0)) -> dict:
    """A page whose only QR code is drawn with vector rectangles (no image)."""
    import qrcode

    qr = qrcode.QRCode(border=0)
    qr.add_data(text)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    n = len(matrix)
    module = side_mm / 25.4 * 72 / n
    x0, y0 = at
    ops = ["0 g"]
    for row, cells in enumerate(matrix):
        for col, dark in enumerate(cells):
            if dark:
                ops.append(
                    f"{x0 + col * module:.3f} {y0 + (n - row) * module:.3f}"
                    f" {module:.3f} {-module:.3f} re"
                )
    ops.append("f")
    page = pdf_text_page()
    page["content"] = page["content"] + "\n" + "\n".join(ops)
    return page


@pytest.fixture(scope="session")
def pdf_font_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding only Laksaman, so typst uses exactly that file."""
    font = _pdf_find_laksaman()
    if font is None:
        pytest.fail(
            "Laksaman.ttf (Debian fonts-thai-tlwg) is required: apt-get install fonts-thai-tlwg"
        )
    folder = tmp_path_factory.mktemp("pdf_fonts")
    for style in ("", "-Bold"):
        src = font.with_name(f"Laksaman{style}.ttf")
        if src.is_file():
            shutil.copy(src, folder / src.name)
    return folder


@pytest.fixture(scope="session")
def pdf_typst(pdf_font_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[..., bytes]:
    """Compile typst source (with optional side files, e.g. images) to PDF bytes."""
    import typst

    counter = iter(range(10_000))

    def compile_pdf(source: str, files: dict[str, bytes] | None = None) -> bytes:
        folder = tmp_path_factory.mktemp(f"pdf_typst{next(counter)}")
        for name, data in (files or {}).items():
            (folder / name).write_bytes(data)
        main = folder / "main.typ"
        main.write_text(source, encoding="utf-8")
        return typst.compile(
            str(main), root=str(folder), font_paths=[str(pdf_font_dir)], ignore_system_fonts=True
        )

    return compile_pdf


def pdf_portfolio_source(pages: int, size_pt: float = 16.0, qr_page: int | None = None) -> str:
    src = (
        '#set page(paper: "a4", margin: 2.5cm)\n'
        f'#set text(font: "Laksaman", size: {size_pt}pt, lang: "th")\n'
    )
    for i in range(1, pages + 1):
        src += f"= ผลงานหน้า {i}\n{PDF_THAI_PARA * 4}\n"
        if i == qr_page:
            src += '#image("qr.png", width: 1cm)\n'
        if i < pages:
            src += "#pagebreak()\n"
    return src


def pdf_qr_png(text: str) -> bytes:
    import io

    import qrcode

    buf = io.BytesIO()
    qrcode.make(text, box_size=8, border=4).save(buf, format="PNG")
    return buf.getvalue()


@pytest.fixture(scope="session")
def pdf_good_bytes(pdf_typst: Callable[..., bytes]) -> bytes:
    """A 3-page A4 Thai portfolio in Laksaman 16 pt: passes every default rule."""
    return pdf_typst(pdf_portfolio_source(3))


@pytest.fixture(scope="session")
def pdf_qr_bytes(pdf_typst: Callable[..., bytes]) -> bytes:
    """As pdf_good_bytes, with a 1 cm QR code (PNG) on page 2."""
    return pdf_typst(
        pdf_portfolio_source(3, qr_page=2),
        files={"qr.png": pdf_qr_png("https://example.org/nara2/entry/0042")},
    )


def _pdf_embedded_file() -> bytes:
    payload = b"MZ fake executable"
    return pdf_write(
        [pdf_text_page()],
        catalog_extra="/Names << /EmbeddedFiles << /Names [(evidence.exe) 6 0 R] >> >>",
        extra_objects=(
            "<< /Type /Filespec /F (evidence.exe) /EF << /F 7 0 R >> >>",
            f"<< /Type /EmbeddedFile /Length {len(payload)} >>\nstream\n".encode()
            + payload
            + b"\nendstream",
        ),
    )


def _pdf_encrypted() -> bytes:
    # A Standard security handler whose /U does not match the empty password: a viewer
    # asks for a password, exactly like a portfolio "protected" before upload.
    return pdf_write(
        [pdf_text_page()],
        trailer_extra=f"/Encrypt 6 0 R /ID [<{'01' * 16}> <{'01' * 16}>]",
        extra_objects=(
            f"<< /Filter /Standard /V 1 /R 2 /P -44 /O <{'ab' * 32}> /U <{'cd' * 32}> >>",
        ),
    )


def _pdf_huge_image(side: int = 12288) -> bytes:
    # One noisy byte in every 256 keeps deflate near 64:1, far from a bomb's 1000:1:
    # 144 MiB of pixels in about 2 MB of file, a plausible (if absurd) photo.
    noise = random.Random(5).randbytes(4096)
    block = bytearray(1 << 20)
    block[::256] = noise
    pixels = pdf_deflate_bomb(side * side // (1 << 20), bytes(block))
    page = pdf_text_page()
    page["content"] += "\nq 595 0 0 842 0 0 cm /Im1 Do Q"
    page["resources_extra"] = "/XObject << /Im1 6 0 R >>"
    image = (
        (
            f"<< /Type /XObject /Subtype /Image /Width {side} /Height {side}"
            " /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode"
            f" /Length {len(pixels)} >>\nstream\n"
        ).encode()
        + pixels
        + b"\nendstream"
    )
    return pdf_write([page], extra_objects=(image,))


@pytest.fixture(scope="session")
def pdf_corpus(pdf_good_bytes: bytes, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Hostile and non-conforming files (issue 5, "Must show"), written to disk."""
    good = pdf_good_bytes
    html = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n"
    bomb = pdf_deflate_bomb(300)
    files: dict[str, bytes] = {
        "wrong_magic_png": pdf_qr_png("not a pdf"),
        "wrong_magic_docx": b"PK\x03\x04\x14\x00\x06\x00" + b"\0" * 200,
        "truncated": good[: len(good) * 6 // 10],
        "encrypted": _pdf_encrypted(),
        "javascript_openaction": pdf_write(
            [pdf_text_page()],
            catalog_extra="/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>",
        ),
        "javascript_escaped_names": pdf_write(
            [pdf_text_page()],
            catalog_extra="/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>",
        ),
        "launch_openaction": pdf_write(
            [pdf_text_page()],
            catalog_extra="/OpenAction << /S /Launch /F (cmd.exe) >>",
        ),
        "embedded_file": _pdf_embedded_file(),
        "pages_101": pdf_write([pdf_text_page(lines=3) for _ in range(101)]),
        "letter_size": pdf_write([{**pdf_text_page(), "size": (612, 792)}]),
        "huge_mediabox": pdf_write([{**pdf_text_page(), "size": (200000, 200000)}]),
        "deflate_bomb": pdf_write(
            [{"raw_stream": ("/Filter /FlateDecode", bomb), "fonts": {"F1": "THSarabunPSK"}}]
        ),
        "polyglot_html_first": html + good,
        "polyglot_html_in_header": good[:9] + b"%" + html + good[9:],
        "huge_image": _pdf_huge_image(),
    }
    folder = tmp_path_factory.mktemp("pdf_corpus")
    paths = {}
    for name, data in files.items():
        path = folder / f"{name}.pdf"
        path.write_bytes(data)
        paths[name] = path
    return paths

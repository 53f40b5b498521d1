"""Letters on an ESA's own Word template (docxtpl): its letterhead, its Garuda (ตราครุฑ), its layout.

Pramoen writes the body of a letter (``awards.letters``) and pours it into a Word template the ESA
supplies, so each office's letterhead, emblem, header and footer are its own without Pramoen
knowing how they look. A template is an ordinary .docx with Jinja tags (docxtpl):

* ``{{p body }}`` — alone in its paragraph: where the letter's text goes (required);
* ``{{ garuda }}`` — the Garuda image the ESA uploaded (3 cm high, as ระเบียบงานสารบรรณ sets it),
  empty when none was uploaded;
* ``{{ esa_name }}``, ``{{ esa_address }}``, ``{{ letter_title }}`` — plain text.

Without a template of its own an ESA gets :func:`default_template`: A4 with the margins of
official correspondence, the Garuda centred at the top when uploaded, then the body. Pramoen
ships no image of the Garuda: it is the ESA's to supply.

Templates are untrusted files: :func:`check_template` opens one in a child process with memory
and CPU limits and renders it once with sample values before it is accepted.
"""

from __future__ import annotations

import io
import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from pramoen.documents.docx_thai import FONT_NAME, add_font_fallback, set_run_fonts

__all__ = [
    "GARUDA_HEIGHT",
    "MAX_IMAGE_BYTES",
    "MAX_TEMPLATE_BYTES",
    "VARIABLES",
    "LetterTemplateError",
    "check_image",
    "check_template",
    "default_template",
    "render_letter",
]

# ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ: the Garuda of a letter is 3 cm high.
GARUDA_HEIGHT = Cm(3)
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_BYTES = 2 * 1024 * 1024
CHECK_TIMEOUT_S = 20.0
CHECK_MEMORY_MB = 512
_SRC_DIR = str(Path(__file__).resolve().parents[2])

# What a template may use, as the settings page lists it.
VARIABLES: dict[str, str] = {
    "{{p body }}": "เนื้อความของหนังสือ (ต้องมี และต้องอยู่ในย่อหน้าของตัวเองเท่านั้น)",
    "{{ garuda }}": "ภาพตราครุฑที่อัปโหลดไว้ สูง ๓ เซนติเมตร (ว่างเมื่อยังไม่ได้อัปโหลด)",
    "{{ esa_name }}": "ชื่อสำนักงานเขตพื้นที่การศึกษา",
    "{{ esa_address }}": "ที่อยู่ของสำนักงาน",
    "{{ letter_title }}": "ชื่อเอกสาร เช่น หนังสือเชิญส่งผลงาน",
}
SAMPLE_CONTEXT = {"esa_name": "ตัวอย่าง", "esa_address": "ตัวอย่าง", "letter_title": "ตัวอย่าง"}


class LetterTemplateError(Exception):
    """A template or image that cannot be used, with a Thai message for the person who sent it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def default_template() -> bytes:
    """The template an ESA has until it uploads its own (and downloads to start one from)."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    normal = document.styles["Normal"]
    set_run_fonts(normal.element.get_or_add_rPr(), FONT_NAME, Pt(16))
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    for text in ("{%p if garuda %}", "{{ garuda }}", "{%p endif %}", "{{p body }}"):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        set_run_fonts(run._element.get_or_add_rPr(), FONT_NAME, Pt(16))
        if text == "{{ garuda }}":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _render(
    template: bytes, body: bytes, garuda: bytes | None, context: Mapping[str, str]
) -> bytes:
    from docxtpl import DocxTemplate, InlineImage

    tpl = DocxTemplate(io.BytesIO(template))
    values: dict[str, object] = dict(context)
    values["body"] = tpl.new_subdoc(io.BytesIO(body))
    values["garuda"] = InlineImage(tpl, io.BytesIO(garuda), height=GARUDA_HEIGHT) if garuda else ""
    tpl.render(values, autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def render_letter(
    *, body: bytes, template: bytes | None, garuda: bytes | None, context: Mapping[str, str]
) -> bytes:
    """The letter whose text is the .docx ``body``, laid on ``template`` (default when ``None``).

    A template the ESA uploaded was checked on upload; should it still fail (a tag the check's
    sample values did not reach), the ESA is told so instead of getting another layout silently.
    """
    try:
        data = _render(template or default_template(), body, garuda, context)
    except Exception as exc:  # docxtpl raises Jinja's, lxml's and zipfile's errors alike
        if template is None:
            raise
        raise LetterTemplateError(
            "สร้างหนังสือจากแม่แบบของสำนักงานไม่ได้ เจ้าหน้าที่เขตตรวจแม่แบบได้ที่หน้า "
            "“หัวหนังสือและตราครุฑ” หรือกลับไปใช้แม่แบบของระบบ"
        ) from exc
    return add_font_fallback(data)


# ------------------------------------------------------------------------- untrusted files


def _sample_body() -> bytes:
    document = Document()
    document.add_paragraph("ตัวอย่างเนื้อความ")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _check_in_child(path: str) -> dict[str, str]:
    from docxtpl import DocxTemplate

    with open(path, "rb") as handle:
        data = handle.read()
    from jinja2 import TemplateError

    broken = {"error": "แม่แบบมีคำสั่งที่ใช้ไม่ได้ ตรวจวงเล็บปีกกา {{ }} และ {% %} ในไฟล์"}
    try:
        tpl = DocxTemplate(io.BytesIO(data))
        tpl.init_docx()
    except Exception:  # any failure to read is the same answer to the person
        return {"error": "เปิดไฟล์แม่แบบไม่ได้ ไฟล์ต้องเป็นเอกสาร Word (.docx) ที่ไม่เสียหาย"}
    try:
        names = tpl.get_undeclared_template_variables()
    except TemplateError:
        return broken
    if "body" not in names:
        return {"error": "แม่แบบยังไม่มีตำแหน่งเนื้อความ: พิมพ์ {{p body }} ไว้ในย่อหน้าของตัวเอง"}
    unknown = sorted(set(names) - {"body", "garuda", *SAMPLE_CONTEXT})
    if unknown:
        return {"error": "แม่แบบใช้ชื่อที่ระบบไม่รู้จัก: " + ", ".join(unknown)}
    try:
        _render(data, _sample_body(), None, SAMPLE_CONTEXT)
    except Exception:  # a tag that does not render (unbalanced {% %}, a filter that fails)
        return broken
    return {}


def _child_main(argv: list[str]) -> int:
    path, memory_mb, cpu_s = argv[0], int(argv[1]), int(argv[2])
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.stdout.write(json.dumps(_check_in_child(path), ensure_ascii=False))
    return 0


def check_template(data: bytes, *, timeout_s: float = CHECK_TIMEOUT_S) -> None:
    """Raise :class:`LetterTemplateError` unless ``data`` is a usable template."""
    if len(data) > MAX_TEMPLATE_BYTES:
        raise LetterTemplateError("ไฟล์แม่แบบใหญ่เกิน ๕ MB")
    if not data.startswith(b"PK\x03\x04"):
        raise LetterTemplateError("ไฟล์แม่แบบต้องเป็นเอกสาร Word (.docx)")
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".docx") as handle:
        handle.write(data)
        handle.flush()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_SRC_DIR, env.get("PYTHONPATH")) if p)
        cmd = [
            sys.executable,
            "-m",
            __name__,
            handle.name,
            str(CHECK_MEMORY_MB),
            str(max(1, int(timeout_s))),
        ]
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True
        )
        try:
            out, _err = proc.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise LetterTemplateError("ตรวจไฟล์แม่แบบไม่เสร็จในเวลาที่กำหนด") from None
    try:
        answer = json.loads(out) if proc.returncode == 0 else None
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise LetterTemplateError("ตรวจไฟล์แม่แบบไม่สำเร็จ (ไฟล์อาจเสียหายหรือใหญ่เกินไป)")
    if answer.get("error"):
        raise LetterTemplateError(str(answer["error"]))


_IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}


def check_image(data: bytes) -> str:
    """The kind (``png``/``jpeg``) of an uploaded Garuda image, or :class:`LetterTemplateError`.

    Word embeds the bytes as they are; Pramoen reads only their header (magic bytes and the
    size fields), never decodes the picture in the web process.
    """
    if len(data) > MAX_IMAGE_BYTES:
        raise LetterTemplateError("ภาพตราครุฑใหญ่เกิน ๒ MB")
    kind = next((k for magic, k in _IMAGE_MAGIC.items() if data.startswith(magic)), None)
    if kind is None:
        raise LetterTemplateError("ภาพตราครุฑต้องเป็นไฟล์ PNG หรือ JPEG")
    from docx.image.exceptions import (
        InvalidImageStreamError,
        UnexpectedEndOfFileError,
        UnrecognizedImageError,
    )
    from docx.image.image import Image

    try:
        image = Image.from_blob(data)
    except (
        InvalidImageStreamError,
        UnexpectedEndOfFileError,
        UnrecognizedImageError,
        ValueError,
        IndexError,
        KeyError,
    ):
        raise LetterTemplateError("อ่านภาพตราครุฑไม่ได้ ไฟล์อาจเสียหาย") from None
    if not image.px_width or not image.px_height:
        raise LetterTemplateError("อ่านขนาดของภาพตราครุฑไม่ได้ ไฟล์อาจเสียหาย")
    return kind


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1:]))

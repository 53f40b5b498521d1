"""The text a person reads on a page, line by line, and how much of it is Thai (issue 19).

Text nodes of the body and the title, plus the attributes a browser shows or reads aloud
(``placeholder``, ``title``, ``alt``, ``aria-label``, the confirm prompts). Left out: scripts,
styles, and, on a page that is not Thai, every element marked ``lang="th"`` with what it holds:
the content that stays in the language it was written in whatever the page language is
(instrument texts, the names of people, schools and offices, campaign titles), which is also
what that attribute means in HTML.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Thai letters, vowels and tone marks; not the Thai digits (๐–๙), which are numbers.
THAI_LETTER = re.compile(r"[\u0e01-\u0e4e]")
_SHOWN_ATTRIBUTES = ("placeholder", "title", "alt", "aria-label", "data-confirm", "hx-confirm")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
_HIDDEN_CONTENT = {"script", "style", "template"}
# Start tags that close an open element of the same kind (HTML's optional end tags).
_CLOSES_SIBLING = {
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "p": {"p"},
    "tr": {"tr"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "option": {"option"},
}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, excluded)
        self.lines: list[str] = []
        self.in_head = False
        self.in_title = False
        self.document_lang = ""

    @property
    def excluded(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.stack and self.stack[-1][0] in _CLOSES_SIBLING.get(tag, ()):
            self.stack.pop()
        values = dict(attrs)
        lang = values.get("lang") or ""
        if tag == "html":
            self.document_lang = lang
        # Thai content on a page in another language; on a Thai page everything counts.
        thai_part = lang.startswith("th") and not self.document_lang.startswith("th")
        excluded = self.excluded or tag in _HIDDEN_CONTENT or thai_part
        if tag == "head":
            self.in_head = True
        if tag == "title":
            self.in_title = True
        if not excluded and not self.in_head:
            self.lines.extend(v for k, v in attrs if k in _SHOWN_ATTRIBUTES and v)
        if tag not in _VOID:
            self.stack.append((tag, excluded))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        if tag == "title":
            self.in_title = False
        # Close up to the matching open tag (HTML lets <li>, <p>, <td> close implicitly).
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data: str) -> None:
        if self.excluded or (self.in_head and not self.in_title):
            return
        self.lines.extend(line.strip() for line in data.splitlines() if line.strip())


def visible_lines(html: str) -> list[str]:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return [line for line in reader.lines if re.search(r"\w", line)]


def thai_lines(html: str) -> list[str]:
    return [line for line in visible_lines(html) if THAI_LETTER.search(line)]


def thai_share(html: str) -> float:
    lines = visible_lines(html)
    return len(thai_lines(html)) / len(lines) if lines else 0.0

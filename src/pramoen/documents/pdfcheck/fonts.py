"""Font-name normalisation for the portfolio checker.

A PDF names a font by its PostScript base name, which arrives decorated: a subset
prefix (``ABCDEF+``), a style suffix (``-Bold``, ``,BoldItalic``), ``#xx`` escapes and,
for TH SarabunIT๙, a Thai digit that some producers drop or transliterate. We reduce
every name to a key and map known aliases onto one canonical family.
"""

from __future__ import annotations

import re
import unicodedata

# Canonical family -> the keys it is known under. Laksaman is TLWG's free,
# metric-compatible derivative of TH Sarabun PSK (fonts-thai-tlwg), so a portfolio
# typeset in it has the same line lengths and page count as one in TH Sarabun PSK.
FONT_ALIASES: dict[str, tuple[str, ...]] = {
    "TH Sarabun PSK": ("thsarabunpsk", "thsarabun", "laksaman"),
    "TH Sarabun New": ("thsarabunnew",),
    # PostScript names cannot portably hold "๙": producers write THSarabunIT๙,
    # THSarabunIT#E0#B9#99 (decoded by pdfium), THSarabunIT9 or drop it.
    "TH SarabunIT๙": ("thsarabunit9", "thsarabunit"),
}

DEFAULT_ALLOWED_FAMILIES: tuple[str, ...] = ("TH Sarabun PSK", "TH Sarabun New", "TH SarabunIT๙")

_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
_HEX_ESCAPE = re.compile(r"#([0-9A-Fa-f]{2})")
_STYLE_SUFFIXES = (
    "bolditalic",
    "boldoblique",
    "italic",
    "oblique",
    "bold",
    "regular",
    "roman",
    "book",
    "normal",
    "psmt",
    "mt",
)
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _decode_hex_escapes(name: str) -> str:
    if "#" not in name:
        return name
    raw = _HEX_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), name)
    try:
        return raw.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return raw


def font_key(name: str) -> str:
    """Reduce a base-font or family name to a comparable key.

    >>> font_key("ABCDEF+THSarabunPSK-Bold")
    'thsarabunpsk'
    >>> font_key("TH SarabunIT๙")
    'thsarabunit9'
    """
    name = unicodedata.normalize("NFC", _decode_hex_escapes(name.strip()))
    name = _SUBSET_PREFIX.sub("", name)
    # Windows TrueType style: "THSarabunPSK,Bold".
    name = name.split(",", 1)[0]
    # Hyphenated style suffix: "THSarabunNew-BoldItalic".
    if "-" in name:
        head, _, tail = name.rpartition("-")
        if head and tail.lower().replace(" ", "") in _STYLE_SUFFIXES:
            name = head
    key = name.translate(_THAI_DIGITS).lower()
    key = re.sub(r"[^a-z0-9]", "", key)
    # Unhyphenated suffix: "THSarabunNewBold". Strip repeatedly ("BoldItalic").
    changed = True
    while changed:
        changed = False
        for suffix in _STYLE_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix) + 3:
                key = key[: -len(suffix)]
                changed = True
                break
    return key


_KEY_TO_FAMILY: dict[str, str] = {
    key: family for family, keys in FONT_ALIASES.items() for key in keys
}


def canonical_family(name: str) -> str:
    """The canonical family for a font name, or its bare key when it is not an alias."""
    key = font_key(name)
    return _KEY_TO_FAMILY.get(key, key)


def allowed_family_set(allowed: tuple[str, ...] | list[str]) -> frozenset[str]:
    return frozenset(canonical_family(name) for name in allowed)


def is_allowed(names: tuple[str, ...] | list[str], allowed: frozenset[str]) -> bool:
    """True when any of a font's names (base name, family name) is an allowed family."""
    return any(name and canonical_family(name) in allowed for name in names)

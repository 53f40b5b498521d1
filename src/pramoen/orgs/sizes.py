"""School size classes (ขนาดโรงเรียน) as data — pure Python, no Django import.

A scheme is an ordered list of classes, each with an inclusive lower bound; the upper bound of
a class is one below the next class's lower bound, so a scheme can never leave a gap or overlap.

NARA 2 (seed 003) is the default. Its announcement (sections 3.2 and 3.3) and the applicant
form of section 3.4 say small ≤ 119, medium 120–320, large ≥ 321, but the preliminary-criteria
form (แบบประเมินคุณสมบัติเบื้องต้น, "ขนาด") prints medium as 121–320, which would leave a school
of exactly 120 students in no class. Resolution: the announcement governs and 120 is medium;
the scheme carries this note so the UI and lint can show it, and an office that reads the form
otherwise can define its own scheme.

The OBEC 4- and 7-class schemes are the ones OBEC publishes for school-size statistics and
budget allocation (4 classes: 1–120 / 121–600 / 601–1,500 / 1,501+; 7 classes:
1–120 / 121–200 / 201–300 / 301–499 / 500–1,499 / 1,500–2,499 / 2,500+).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["DEFAULT_SCHEME", "SCHEMES", "SizeClass", "SizeScheme", "classify"]


@dataclass(frozen=True, slots=True)
class SizeClass:
    key: str
    label: str
    minimum: int  # inclusive


@dataclass(frozen=True, slots=True)
class SizeScheme:
    key: str
    label: str
    classes: tuple[SizeClass, ...]
    note: str = ""
    _mins: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        mins = tuple(c.minimum for c in self.classes)
        if not mins or mins[0] != 0 or list(mins) != sorted(set(mins)):
            raise ValueError(f"size scheme {self.key}: lower bounds must start at 0 and increase")
        object.__setattr__(self, "_mins", mins)

    def classify(self, students: int) -> SizeClass:
        if students < 0:
            raise ValueError("student count cannot be negative")
        chosen = self.classes[0]
        for size_class in self.classes:
            if students >= size_class.minimum:
                chosen = size_class
        return chosen

    def bounds(self) -> list[tuple[SizeClass, int, int | None]]:
        """Each class with its inclusive lower and upper bound (None = no upper bound)."""
        out: list[tuple[SizeClass, int, int | None]] = []
        for index, size_class in enumerate(self.classes):
            upper = self.classes[index + 1].minimum - 1 if index + 1 < len(self.classes) else None
            out.append((size_class, size_class.minimum, upper))
        return out

    def range_for(self, key: str) -> tuple[int, int | None]:
        for size_class, lower, upper in self.bounds():
            if size_class.key == key:
                return lower, upper
        raise KeyError(key)


NARA2 = SizeScheme(
    key="nara2",
    label="นราธิวาส เขต 2 (NARA 2 AWARDS) 3 ขนาด",
    classes=(
        SizeClass("small", "ขนาดเล็ก", 0),
        SizeClass("medium", "ขนาดกลาง", 120),
        SizeClass("large", "ขนาดใหญ่", 321),
    ),
    note=(
        "ประกาศข้อ 3.2–3.3 กำหนดขนาดกลาง 120–320 คน แต่แบบประเมินคุณสมบัติเบื้องต้นพิมพ์ 121–320 คน "
        "ซึ่งทำให้โรงเรียนที่มีนักเรียน 120 คนไม่อยู่ในขนาดใด ระบบยึดตามประกาศ: 120 คน = ขนาดกลาง"
    ),
)

OBEC4 = SizeScheme(
    key="obec4",
    label="สพฐ. 4 ขนาด",
    classes=(
        SizeClass("small", "ขนาดเล็ก", 0),
        SizeClass("medium", "ขนาดกลาง", 121),
        SizeClass("large", "ขนาดใหญ่", 601),
        SizeClass("extra_large", "ขนาดใหญ่พิเศษ", 1501),
    ),
)

OBEC7 = SizeScheme(
    key="obec7",
    label="สพฐ. 7 ขนาด",
    classes=(
        SizeClass("s1", "ขนาดที่ 1", 0),
        SizeClass("s2", "ขนาดที่ 2", 121),
        SizeClass("s3", "ขนาดที่ 3", 201),
        SizeClass("s4", "ขนาดที่ 4", 301),
        SizeClass("s5", "ขนาดที่ 5", 500),
        SizeClass("s6", "ขนาดที่ 6", 1500),
        SizeClass("s7", "ขนาดที่ 7", 2500),
    ),
)

SCHEMES: dict[str, SizeScheme] = {s.key: s for s in (NARA2, OBEC4, OBEC7)}
DEFAULT_SCHEME = NARA2.key


def classify(students: int, scheme: str = DEFAULT_SCHEME) -> SizeClass:
    """The size class of a school with ``students`` students under ``scheme``."""
    return SCHEMES[scheme].classify(students)

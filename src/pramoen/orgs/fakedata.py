"""Fictional but realistic Thai master data for demos and benchmarks — pure Python, seeded.

Nothing here names a real person: first and last names are combined at random from common
parts, and national IDs are generated with a valid checksum but category digit 1 and a
registrar code 99xx that no province uses, so they cannot collide with a real citizen's.
"""

from __future__ import annotations

import random

FIRST_NAMES_M = (
    "สมชาย",
    "สมศักดิ์",
    "ประเสริฐ",
    "วิชัย",
    "สุรชัย",
    "อนุชา",
    "ธนากร",
    "กิตติพงษ์",
    "ณัฐพล",
    "ชัยวัฒน์",
    "พงศกร",
    "ธีรวัฒน์",
    "วรวุฒิ",
    "สุทธิพงษ์",
    "ปิยะพงษ์",
    "อภิชาติ",
    "เอกชัย",
    "ศุภชัย",
    "วีระพงษ์",
    "ชาญวิทย์",
    "ธวัชชัย",
    "อำนาจ",
    "บุญมี",
    "ไพโรจน์",
    "สมบัติ",
)
FIRST_NAMES_F = (
    "สมหญิง",
    "วิไลวรรณ",
    "กมลชนก",
    "สุดารัตน์",
    "มาลี",
    "อรุณี",
    "ศิริพร",
    "จันทร์เพ็ญ",
    "พรทิพย์",
    "รัตนา",
    "นันทนา",
    "ปราณี",
    "สุภาพร",
    "วรรณา",
    "กาญจนา",
    "ณัฐธิดา",
    "ปิยะนุช",
    "อัญชลี",
    "เพ็ญศรี",
    "ดวงใจ",
    "ยุพิน",
    "ลัดดา",
    "อุไรวรรณ",
    "ธิดารัตน์",
    "เบญจวรรณ",
)
LAST_NAMES = (
    "ใจดี",
    "รักเรียน",
    "ศรีสมบูรณ์",
    "สุขสวัสดิ์",
    "แก้วมณี",
    "ทองดี",
    "บุญมา",
    "ศรีสุข",
    "มั่นคง",
    "พึ่งบุญ",
    "เจริญผล",
    "วงศ์ใหญ่",
    "ชัยมงคล",
    "สายทอง",
    "อินทร์แก้ว",
    "คำภีระ",
    "ปัญญาดี",
    "ขาวสะอาด",
    "นาคสวัสดิ์",
    "ประเสริฐศักดิ์",
    "บุญเรือง",
    "จันทร์หอม",
    "สีดา",
    "แสงอรุณ",
    "พรหมมา",
    "ทองคำ",
    "มณีวงศ์",
    "ศรีวิชัย",
    "กาญจนวงศ์",
    "หอมจันทร์",
)
PLACE_PARTS = (
    "หนองบัว",
    "ป่าประดู่",
    "เขาแก้ว",
    "ท่าข้าม",
    "โนนสูง",
    "ห้วยทราย",
    "ดอนแดง",
    "บางใหญ่",
    "นาดี",
    "คลองน้ำใส",
    "โพธิ์งาม",
    "หนองแวง",
    "ทุ่งใหญ่",
    "วังน้ำเย็น",
    "ศรีสะอาด",
    "สามแยก",
    "ท่าทอง",
    "ดงเย็น",
    "หินกอง",
    "น้ำพุ",
    "ไผ่ล้อม",
    "สระแก้ว",
    "บึงบอน",
    "คลองหลวง",
    "ปากน้ำ",
    "หัวหิน",
    "กุดจิก",
    "โคกสว่าง",
    "เหล่างาม",
    "หนองหิน",
)
SCHOOL_PATTERNS = (
    "โรงเรียนบ้าน{p}",
    "โรงเรียนวัด{p}",
    "โรงเรียนชุมชน{p}",
    "โรงเรียน{p}วิทยา",
    "โรงเรียนบ้าน{p}มิตรภาพ",
    "โรงเรียนอนุบาล{p}",
)
DISTRICTS = ("เมืองสมมติ", "นาดี", "ทุ่งใหญ่", "เขาแก้ว", "ท่าข้าม", "โนนสูง")
PROVINCES = (
    "สมมติ",
    "ทดลอง",
    "ตัวอย่าง",
    "จำลอง",
    "นามสมมุติ",
    "ฝึกหัด",
    "สาธิต",
    "ต้นแบบ",
)


def national_id_from(body12: str) -> str:
    """Append the check digit (stdnum.th.pin's rule) to 12 digits."""
    total = sum(int(digit) * (13 - index) for index, digit in enumerate(body12))
    return body12 + str((11 - total % 11) % 10)


def fake_national_id(n: int) -> str:
    """The ``n``-th fictional national ID: category 1, registrar 99xx (no such province)."""
    return national_id_from(f"199{n:09d}")


def person_name(rng: random.Random) -> tuple[str, str, str]:
    """(prefix, first, last), men and women about equally, some with ว่าที่ร้อยตรี or ดร."""
    female = rng.random() < 0.6  # most Thai teachers are women
    first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
    roll = rng.random()
    if roll < 0.03:
        prefix = "ดร."
    elif roll < 0.06:
        prefix = "ว่าที่ร้อยตรีหญิง" if female else "ว่าที่ร้อยตรี"
    elif female:
        prefix = "นางสาว" if rng.random() < 0.45 else "นาง"
    else:
        prefix = "นาย"
    return prefix, first, rng.choice(LAST_NAMES)


def school_names(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct school names in a seeded order; a district suffix once exhausted."""
    names = [pattern.format(p=place) for pattern in SCHOOL_PATTERNS for place in PLACE_PARTS]
    rng.shuffle(names)
    out = names[:count]
    round_no = 2
    while len(out) < count:
        out += [f"{name} {round_no}" for name in names[: count - len(out)]]
        round_no += 1
    return out

"""The 18 regional education offices (สำนักงานศึกษาธิการภาค, ศธภ.) and the provinces each covers.

Pure data, no Django. Source: the Ministry of Education's division list as published in a public
MySQL export of MOE divisions (table ``divisions``: ศธภ.1–18 with every สำนักงานศึกษาธิการจังหวัด
under its ภาค), which follows the regional structure of คำสั่ง คสช. ที่ 19/2560. The grouping is
master data, not code: ESAs carry their region in ``Organization.region`` (editable in the admin
site), and this table is only what ``regions_ensure`` / the demo / the national generator start
from. Verify it against the ministry's current order before a production import (see docs/kpi.md).
"""

from __future__ import annotations

from dataclasses import dataclass

REGION_CODE_PREFIX = "REG"


@dataclass(frozen=True, slots=True)
class RegionSpec:
    number: int
    provinces: tuple[str, ...]

    @property
    def code(self) -> str:
        return f"{REGION_CODE_PREFIX}{self.number:02d}"

    @property
    def name_th(self) -> str:
        return f"สำนักงานศึกษาธิการภาค {self.number}"


REGIONS: tuple[RegionSpec, ...] = (
    RegionSpec(1, ("พระนครศรีอยุธยา", "สระบุรี", "ชัยนาท", "ลพบุรี", "สิงห์บุรี", "อ่างทอง")),
    RegionSpec(2, ("กรุงเทพมหานคร", "นนทบุรี", "ปทุมธานี", "สมุทรปราการ", "นครปฐม")),
    RegionSpec(3, ("กาญจนบุรี", "ราชบุรี", "สุพรรณบุรี")),
    RegionSpec(4, ("ประจวบคีรีขันธ์", "สมุทรสาคร", "เพชรบุรี", "สมุทรสงคราม")),
    RegionSpec(5, ("ชุมพร", "สุราษฎร์ธานี", "พัทลุง", "นครศรีธรรมราช", "สงขลา")),
    RegionSpec(6, ("ระนอง", "กระบี่", "พังงา", "ภูเก็ต", "ตรัง", "สตูล")),
    RegionSpec(7, ("นราธิวาส", "ปัตตานี", "ยะลา")),
    RegionSpec(8, ("ฉะเชิงเทรา", "ชลบุรี", "ระยอง")),
    RegionSpec(9, ("นครนายก", "ปราจีนบุรี", "สระแก้ว", "ตราด", "จันทบุรี")),
    RegionSpec(10, ("บึงกาฬ", "เลย", "หนองคาย", "อุดรธานี", "หนองบัวลำภู")),
    RegionSpec(11, ("นครพนม", "มุกดาหาร", "สกลนคร")),
    RegionSpec(12, ("ขอนแก่น", "มหาสารคาม", "ร้อยเอ็ด", "กาฬสินธุ์")),
    RegionSpec(13, ("ยโสธร", "ศรีสะเกษ", "อำนาจเจริญ", "อุบลราชธานี")),
    RegionSpec(14, ("นครราชสีมา", "ชัยภูมิ", "บุรีรัมย์", "สุรินทร์")),
    RegionSpec(15, ("เชียงใหม่", "ลำพูน", "แม่ฮ่องสอน", "ลำปาง")),
    RegionSpec(16, ("เชียงราย", "น่าน", "พะเยา", "แพร่")),
    RegionSpec(17, ("ตาก", "พิษณุโลก", "อุตรดิตถ์", "เพชรบูรณ์", "สุโขทัย")),
    RegionSpec(18, ("กำแพงเพชร", "พิจิตร", "นครสวรรค์", "อุทัยธานี")),
)

_BY_PROVINCE = {province: spec for spec in REGIONS for province in spec.provinces}


def region_for_province(province: str) -> RegionSpec | None:
    """The region of a real province name (``None`` for a fictional or misspelt one)."""
    return _BY_PROVINCE.get(province.strip().removeprefix("จังหวัด"))


def region_for_index(index: int) -> RegionSpec:
    """Fictional ESAs (the demo and national generators use made-up provinces): spread evenly."""
    return REGIONS[index % len(REGIONS)]

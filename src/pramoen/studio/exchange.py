"""YAML export of a draft or a published version; importing the file gives the same hash.

The file is the instrument's document as the schema reads it (``drafts.document_of``), written
with the key order of the schema so a person can read it next to the library's files.
"""

from __future__ import annotations

import yaml

from pramoen.instruments import Instrument
from pramoen.studio.drafts import document_of


def export_yaml(instrument: Instrument) -> str:
    header = f"# {instrument.title_th}\n# ส่งออกจากห้องออกแบบแบบประเมิน (ฉบับ {instrument.version})\n"
    body = yaml.safe_dump(document_of(instrument), allow_unicode=True, sort_keys=False, width=100)
    return header + body

"""The API object: ``/api/v1/`` with its schema (``openapi.json``) and the interactive docs page
(Swagger UI from the files django-ninja ships, served by our static files — never a CDN)."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from pramoen.api import errors
from pramoen.api.routers import (
    campaigns,
    certificates,
    entries,
    imports,
    instruments,
    kpi,
    kpi_review,
    orgs,
    people,
)

DESCRIPTION = """API ของระบบประเมิน (Pramoen) สำหรับระบบของเขตพื้นที่การศึกษา สพฐ. และโรงเรียน

- ยืนยันตัวตนด้วยโทเค็นส่วนตัว (สร้างในหน้า "ข้อมูลของฉัน") ในส่วนหัว `Authorization: Bearer pmn_…`
  หรือด้วยการเข้าสู่ระบบบนเว็บเดียวกัน (วิธี POST ต้องส่ง `X-CSRFToken`)
- วันที่เป็นแบบ ISO 8601 (ค.ศ.); ปีการศึกษาและปีงบประมาณเป็น พ.ศ. ตามที่ระบุในแต่ละช่อง
- คะแนนเป็นทศนิยมแบบตรงตัวในรูปข้อความ เช่น `"83.3333"`
- ข้อผิดพลาดตอบเป็น JSON ที่มี `detail` เป็นภาษาไทย
"""

api = NinjaAPI(
    title="Pramoen API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
)
errors.install(api)
api.add_router("/organizations", orgs.router)
api.add_router("/people", people.router)
api.add_router("/imports", imports.router)
api.add_router("/instruments", instruments.router)
api.add_router("/campaigns", campaigns.router)
api.add_router("/entries", entries.router)
api.add_router("/certificates", certificates.router)
api.add_router("/kpi", kpi.router)
api.add_router("/kpi", kpi_review.router)

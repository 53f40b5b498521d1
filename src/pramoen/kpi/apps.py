from django.apps import AppConfig


class KpiConfig(AppConfig):
    name = "pramoen.kpi"
    label = "kpi"
    verbose_name = "รายงานตัวชี้วัด"

    def ready(self) -> None:
        from pramoen.core.navigation import NavEntry, register

        register(
            NavEntry(
                "kpi:index",
                "รายงานตัวชี้วัด",
                "รายงานผลตัวชี้วัดที่ 10 รอบ 6 และ 12 เดือน พร้อมหลักฐาน",
                "pramoen.report_kpi",
            )
        )
        register(
            NavEntry(
                "kpi:review_queue",
                "ตรวจรายงานตัวชี้วัด",
                "พิจารณาแต่ละประเด็นว่าชัดเจนหรือไม่ ให้คะแนน ส่งกลับ หรืออนุมัติ",
                "pramoen.review_kpi",
            )
        )
        register(
            NavEntry(
                "kpi:dashboard",
                "ภาพรวมตัวชี้วัด",
                "เขตพื้นที่ใดส่งแล้ว ตรงเวลาหรือล่าช้า และการกระจายคะแนน",
                "pramoen.view_kpi_dashboard",
            )
        )
        register(
            NavEntry(
                "kpi:campaigns",
                "ปีงบประมาณการรายงานตัวชี้วัด",
                "เปิดการรายงานตัวชี้วัดของปีงบประมาณใหม่ โดยคัดลอกจากปีที่ผ่านมา",
                "pramoen.open_kpi_campaign",
            )
        )
        register(
            NavEntry(
                "kpi:national",
                "ตัวชี้วัดรายภาค",
                "ความครบถ้วนและตรงเวลารายภาคและประเภทเขต แนวโน้มรายปี เจาะดูถึงรายงานของแต่ละเขต",
                "pramoen.view_kpi_dashboard",
            )
        )
        register(
            NavEntry(
                "kpi:acceptance_queue",
                "รอ สพฐ. รับรอง",
                "รายงานที่สำนักงานศึกษาธิการภาคอนุมัติแล้ว รอ สพฐ. รับรอง",
                "pramoen.accept_kpi",
            )
        )

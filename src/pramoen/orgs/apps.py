from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "pramoen.orgs"
    label = "orgs"
    verbose_name = "หน่วยงาน"

    def ready(self) -> None:
        from pramoen.core.navigation import NavEntry, register
        from pramoen.orgs import rules  # noqa: F401 — registers the object permissions

        perm = "pramoen.manage_master_data"
        register(NavEntry("orgs:school_list", "สถานศึกษา", "ค้นหาและแก้ไขข้อมูลสถานศึกษา", perm))
        register(NavEntry("orgs:person_list", "บุคลากร", "ค้นหาและแก้ไขข้อมูลบุคลากร", perm))
        register(
            NavEntry(
                "orgs:import_upload",
                "นำเข้าข้อมูล",
                "นำเข้าสถานศึกษา บุคลากร และผล O-NET จากไฟล์ Excel/CSV",
                perm,
            )
        )
        register(
            NavEntry(
                "orgs:letterhead",
                "หัวหนังสือและตราครุฑ",
                "ตราครุฑและแม่แบบ Word ของสำนักงานสำหรับหนังสือเชิญและประกาศ",
                perm,
            )
        )
        register(
            NavEntry(
                "orgs:quality_list",
                "ทะเบียนโรงเรียนคุณภาพ",
                "โรงเรียนหลักและโรงเรียนเครือข่ายของแต่ละปีการศึกษา เพิ่ม แก้ไข และนำออก",
                "pramoen.manage_quality_registry",
            )
        )

from django.apps import AppConfig
from django.utils.translation import gettext_noop


class OrgsConfig(AppConfig):
    name = "pramoen.orgs"
    label = "orgs"
    verbose_name = gettext_noop("หน่วยงาน")

    def ready(self) -> None:
        from pramoen.core.navigation import NavEntry, register
        from pramoen.orgs import rules  # noqa: F401 — registers the object permissions

        perm = "pramoen.manage_master_data"
        register(
            NavEntry(
                "orgs:school_list",
                gettext_noop("สถานศึกษา"),
                gettext_noop("ค้นหาและแก้ไขข้อมูลสถานศึกษา"),
                perm,
            )
        )
        register(
            NavEntry(
                "orgs:person_list",
                gettext_noop("บุคลากร"),
                gettext_noop("ค้นหาและแก้ไขข้อมูลบุคลากร"),
                perm,
            )
        )
        register(
            NavEntry(
                "orgs:import_upload",
                gettext_noop("นำเข้าข้อมูล"),
                gettext_noop("นำเข้าสถานศึกษา บุคลากร และผล O-NET จากไฟล์ Excel/CSV"),
                perm,
            )
        )
        register(
            NavEntry(
                "orgs:letterhead",
                gettext_noop("หัวหนังสือและตราครุฑ"),
                gettext_noop("ตราครุฑและแม่แบบ Word ของสำนักงานสำหรับหนังสือเชิญและประกาศ"),
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

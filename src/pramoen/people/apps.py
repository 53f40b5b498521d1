from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """Accounts and roles from pages (no /admin/), self-registration, each person's home and the
    public landing page (issues 19 and 20)."""

    name = "pramoen.people"
    label = "people"
    verbose_name = "บัญชีและหน้าแรก"

    def ready(self) -> None:
        from pramoen.core.navigation import NavEntry, register

        perm = "pramoen.manage_accounts"
        register(
            NavEntry(
                "people:account_list",
                "บัญชีผู้ใช้",
                "เชิญผู้ใช้ ให้และถอนบทบาท สร้างบัญชีสถานศึกษาและบุคลากรจากทะเบียน ระงับบัญชี",
                perm,
            )
        )
        register(
            NavEntry(
                "people:registration_queue",
                "คำขอลงทะเบียน",
                "ตรวจและอนุมัติคำขอลงทะเบียนของครูและสถานศึกษา",
                perm,
            )
        )
        register(
            NavEntry(
                "people:mail_template_list",
                "แม่แบบอีเมล",
                "แก้ข้อความอีเมลที่ระบบส่งในนามของสำนักงาน พร้อมตัวอย่างก่อนบันทึก",
                "pramoen.edit_mail_templates",
            )
        )

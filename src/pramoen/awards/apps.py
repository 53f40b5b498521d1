from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "pramoen.awards"
    label = "awards"
    verbose_name = "การประกวดรางวัล"

    def ready(self) -> None:
        from pramoen.core.navigation import NavEntry, register

        register(
            NavEntry(
                "awards:campaign_list",
                "การประกวดรางวัล",
                "ตั้งค่าการประกวด คัดลอกจากปีก่อน และดาวน์โหลดหนังสือเชิญและประกาศ",
                "pramoen.manage_campaigns",
            )
        )
        register(
            NavEntry(
                "awards:entry_list",
                "สมัครรับรางวัล",
                "ส่งผลงานของสถานศึกษา ผู้บริหาร และครู ติดตามสถานะ",
                "pramoen.apply",
            )
        )

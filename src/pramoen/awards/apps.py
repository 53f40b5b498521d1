from django.apps import AppConfig
from django.utils.translation import gettext_noop


class AwardsConfig(AppConfig):
    name = "pramoen.awards"
    label = "awards"
    verbose_name = gettext_noop("การประกวดรางวัล")

    def ready(self) -> None:
        from pramoen.core.navigation import NavEntry, register

        register(
            NavEntry(
                "awards:campaign_list",
                gettext_noop("การประกวดรางวัล"),
                gettext_noop("ตั้งค่าการประกวด คัดลอกจากปีก่อน และดาวน์โหลดหนังสือเชิญและประกาศ"),
                "pramoen.manage_campaigns",
            )
        )
        register(
            NavEntry(
                "awards:entry_list",
                gettext_noop("สมัครรับรางวัล"),
                gettext_noop("ส่งผลงานของสถานศึกษา ผู้บริหาร และครู ติดตามสถานะ"),
                "pramoen.apply",
            )
        )

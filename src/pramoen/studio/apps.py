from django.apps import AppConfig
from django.utils.translation import gettext_noop


class StudioConfig(AppConfig):
    name = "pramoen.studio"
    label = "studio"
    verbose_name = gettext_noop("ห้องออกแบบแบบประเมิน")

    def ready(self) -> None:
        from pramoen.core.navigation import NavEntry, register

        register(
            NavEntry(
                "studio:list",
                gettext_noop("ออกแบบแบบประเมิน"),
                gettext_noop("สร้าง คัดลอก ตรวจ ทดลองให้คะแนน และเผยแพร่แบบประเมินของเขตพื้นที่"),
                "pramoen.use_studio",
            )
        )

from django.apps import AppConfig


class StudioConfig(AppConfig):
    name = "pramoen.studio"
    label = "studio"
    verbose_name = "ห้องออกแบบแบบประเมิน"

    def ready(self) -> None:
        from pramoen.core.navigation import NavEntry, register

        register(
            NavEntry(
                "studio:list",
                "ออกแบบแบบประเมิน",
                "สร้าง คัดลอก ตรวจ ทดลองให้คะแนน และเผยแพร่แบบประเมินของเขตพื้นที่",
                "pramoen.use_studio",
            )
        )

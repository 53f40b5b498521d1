from django.apps import AppConfig


class JudgingConfig(AppConfig):
    name = "pramoen.judging"
    label = "judging"
    verbose_name = "การตัดสินและประกาศผล"

    def ready(self) -> None:
        from pramoen.awards.signals import entry_screened
        from pramoen.core.navigation import NavEntry, register
        from pramoen.judging import rules  # noqa: F401 — registers the object permissions
        from pramoen.judging.services.eligibility import on_entry_screened

        entry_screened.connect(on_entry_screened, dispatch_uid="judging.eligibility_gate")

        register(
            NavEntry(
                "judging:workspace",
                "ประเมินผลงาน",
                "ผลงานที่ได้รับมอบหมาย ให้คะแนนตามเกณฑ์ บันทึกอัตโนมัติ และส่งผล",
                "pramoen.judge",
            )
        )
        register(
            NavEntry(
                "judging:committees",
                "ประธานกรรมการ",
                "ดูคะแนนที่ต่างกันเกินเกณฑ์ บันทึกมติ และยืนยันผลการตัดสิน",
                "pramoen.chair_committee",
            )
        )
        register(
            NavEntry(
                "judging:staff_index",
                "การตัดสินและประกาศผล",
                "ตั้งคณะกรรมการแต่ละกลุ่ม ดูผลการตัดสิน ส่งออก Excel และสร้างเกียรติบัตร",
                "pramoen.manage_campaigns",
            )
        )

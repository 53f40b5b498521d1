from django.apps import AppConfig
from django.utils.translation import gettext_noop


class JudgingConfig(AppConfig):
    name = "pramoen.judging"
    label = "judging"
    verbose_name = gettext_noop("การตัดสินและประกาศผล")

    def ready(self) -> None:
        from pramoen.awards.signals import entry_screened
        from pramoen.core.navigation import NavEntry, register
        from pramoen.judging import rules  # noqa: F401 — registers the object permissions
        from pramoen.judging.services.eligibility import on_entry_screened

        entry_screened.connect(on_entry_screened, dispatch_uid="judging.eligibility_gate")

        register(
            NavEntry(
                "judging:workspace",
                gettext_noop("ประเมินผลงาน"),
                gettext_noop("ผลงานที่ได้รับมอบหมาย ให้คะแนนตามเกณฑ์ บันทึกอัตโนมัติ และส่งผล"),
                "pramoen.judge",
            )
        )
        register(
            NavEntry(
                "judging:committees",
                gettext_noop("ประธานกรรมการ"),
                gettext_noop("ดูคะแนนที่ต่างกันเกินเกณฑ์ บันทึกมติ และยืนยันผลการตัดสิน"),
                "pramoen.chair_committee",
            )
        )
        register(
            NavEntry(
                "judging:staff_index",
                gettext_noop("การตัดสินและประกาศผล"),
                gettext_noop("ตั้งคณะกรรมการแต่ละกลุ่ม ดูผลการตัดสิน ส่งออก Excel และสร้างเกียรติบัตร"),
                "pramoen.manage_campaigns",
            )
        )

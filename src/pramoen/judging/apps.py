from django.apps import AppConfig


class JudgingConfig(AppConfig):
    name = "pramoen.judging"
    label = "judging"
    verbose_name = "การตัดสินและประกาศผล"

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "pramoen.core"
    label = "core"
    verbose_name = "ระบบ"

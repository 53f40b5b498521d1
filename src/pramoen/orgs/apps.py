from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "pramoen.orgs"
    label = "orgs"
    verbose_name = "หน่วยงาน"

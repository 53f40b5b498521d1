from django.apps import AppConfig


class KpiConfig(AppConfig):
    name = "pramoen.kpi"
    label = "kpi"
    verbose_name = "รายงานตัวชี้วัด"

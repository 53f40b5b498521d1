from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "pramoen.api"
    label = "api"
    verbose_name = "API"

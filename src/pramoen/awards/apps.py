from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "pramoen.awards"
    label = "awards"
    verbose_name = "การประกวดรางวัล"

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "pramoen.documents"
    label = "documents"
    verbose_name = "เอกสาร"

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "pramoen.accounts"
    label = "accounts"
    verbose_name = "บัญชีผู้ใช้"

    def ready(self) -> None:
        from pramoen.accounts import lockout  # noqa: F401  (connects the lockout signal)

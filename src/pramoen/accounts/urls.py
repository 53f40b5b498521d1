from django.contrib.auth import views as auth_views
from django.urls import path

from pramoen.accounts import twofactor_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("profile/", views.profile, name="profile"),
    path("profile/api-tokens/", views.api_token_new, name="api_token_create"),
    path("profile/api-tokens/<int:pk>/revoke/", views.api_token_cancel, name="api_token_revoke"),
    path("2fa/", twofactor_views.manage, name="two_factor"),
    path("2fa/setup/", twofactor_views.setup, name="two_factor_setup"),
    path("2fa/verify/", twofactor_views.verify, name="two_factor_verify"),
    path(
        "2fa/recovery-codes/",
        twofactor_views.recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]

from django.urls import path

from pramoen.people.views import accounts, batches, home, mail_templates, registrations

app_name = "people"

urlpatterns = [
    path("accounts/", accounts.account_list, name="account_list"),
    path("accounts/invite/", accounts.account_invite, name="account_invite"),
    path("accounts/<int:pk>/", accounts.account_detail, name="account_detail"),
    path("accounts/<int:pk>/roles/", accounts.role_grant, name="role_grant"),
    path(
        "accounts/<int:pk>/roles/<int:membership_pk>/revoke/",
        accounts.role_revoke,
        name="role_revoke",
    ),
    path("accounts/<int:pk>/active/", accounts.account_active, name="account_active"),
    path("accounts/<int:pk>/link/", accounts.account_link, name="account_link"),
    path("batches/", batches.batch_list, name="batch_list"),
    path("batches/<int:pk>/", batches.batch_detail, name="batch_detail"),
    path("batches/<int:pk>/links.csv", batches.batch_links, name="batch_links"),
    path("registrations/", registrations.registration_queue, name="registration_queue"),
    path(
        "registrations/<int:pk>/decide/",
        registrations.registration_decide,
        name="registration_decide",
    ),
    path("mail/", mail_templates.mail_template_list, name="mail_template_list"),
    path("mail/<str:code>/", mail_templates.mail_template_edit, name="mail_template_edit"),
    path(
        "mail/<str:code>/preview/",
        mail_templates.mail_template_preview,
        name="mail_template_preview",
    ),
    path("mail/<str:code>/reset/", mail_templates.mail_template_reset, name="mail_template_reset"),
    path("editions/<int:pk>/", home.edition, name="edition"),
    path("editions/<int:pk>/call-letter.docx", home.edition_letter, name="edition_letter"),
    path("register/", registrations.register, name="register"),
    path("register/sent/", registrations.register_done, name="register_done"),
    path("welcome/<uidb64>/<token>/", registrations.WelcomeView.as_view(), name="welcome"),
]

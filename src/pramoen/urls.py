from django.contrib import admin
from django.urls import include, path

from pramoen.api.main import api
from pramoen.core import views as core_views
from pramoen.people.views import home as people_home

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("pramoen.accounts.urls")),
    path("kpi/", include("pramoen.kpi.urls")),
    path("awards/", include("pramoen.awards.urls")),
    path("studio/", include("pramoen.studio.urls")),
    # before judging's own: the box to look a certificate up (judging:verify shows the answer)
    path("judging/verify/", people_home.certificate_lookup, name="certificate_lookup"),
    path("judging/", include("pramoen.judging.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("orgs/", include("pramoen.orgs.urls")),
    path("people/", include("pramoen.people.urls")),
    path("", include("pramoen.core.urls")),
]

handler403 = "pramoen.core.views.error_403"
handler404 = "pramoen.core.views.error_404"
handler500 = "pramoen.core.views.error_500"

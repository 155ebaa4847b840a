from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from meetings import views as meeting_views
from ops import views as ops_views

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz", ops_views.healthz, name="healthz"),
    path("favicon.ico", ops_views.favicon, name="favicon"),
]

urlpatterns += i18n_patterns(
    path("", meeting_views.home, name="home"),
    path("meetings/", include("meetings.urls")),
    path("accounts/", include("accounts.urls")),  # sign-in with lock-outs and the second factor
    path("accounts/", include("django.contrib.auth.urls")),
    path("audit/", include("audit.urls")),
    path("personal-data/", include("privacy.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

handler500 = "ops.views.server_error"

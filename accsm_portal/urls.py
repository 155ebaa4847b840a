from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from accsm_portal.i18n import set_language
from meetings import views as meeting_views

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
]

urlpatterns += i18n_patterns(
    path("", meeting_views.home, name="home"),
    path("meetings/", include("meetings.urls")),
    path("secretariat/reminders/", include("reminders.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

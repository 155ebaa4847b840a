from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from accounts.password_reset import PasswordResetView
from accsm_portal.search import search_page
from accsm_portal.views import healthz_floor
from common.i18n import set_language
from logistics import staff_urls as logistics_staff_urls
from meetings import views as meeting_views
from meetings.staff import urls as meetings_staff_urls
from ops import views as ops_views
from registrations.staff import urls as registrations_staff_urls
from venue import staff_urls as venue_staff_urls

# The secretariat's pages, one namespace from two apps: meetings' (dashboard, meetings, agendas, chairmanships)
# and registrations' (a meeting's registrations, participants, exports). Assembled here so that meetings never
# imports registrations.
secretariat_urls = (
    meetings_staff_urls.urlpatterns
    + registrations_staff_urls.urlpatterns
    + venue_staff_urls.urlpatterns
    + logistics_staff_urls.urlpatterns
)

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz", ops_views.healthz, name="healthz"),
    path("favicon.ico", ops_views.favicon, name="favicon"),
    path("healthz/floor", healthz_floor, name="healthz_floor"),
    # Machine clients: no language prefix (the language comes from ?lang= or Accept-Language).
    path("api/v1/", include("accsm_portal.api_urls")),
    path("calendar/", include("meetings.feeds.urls")),
]

urlpatterns += i18n_patterns(
    path("", meeting_views.home, name="home"),
    path("search/", search_page, name="search"),
    path("meetings/", include("meetings.urls")),
    path("api/", include("api.portal_urls")),
    path("workplan/", include("workplan.urls")),
    path("accounts/", include("accounts.sign_in_urls")),  # sign-in with lock-outs and the second factor
    path("documents/", include("documents.urls")),
    path("my/", include("registrations.my_urls")),
    path("registrations/", include("registrations.urls")),
    path("venue/", include("venue.urls")),  # issue 16: the check-in page for door staff
    path("accreditation/", include("accreditation.urls")),
    path("logistics/", include("logistics.urls")),  # issue 16 item 7: a delegate's hotel and flights
    path("accounts/", include("accounts.urls")),
    path(
        "accounts/password_reset/",
        PasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("secretariat/reminders/", include("reminders.urls")),
    path("proceedings/", include("proceedings.urls")),
    path("secretariat/emails/", include("outbox.urls")),
    path("secretariat/messages/", include("circulars.urls")),
    path("webhooks/", include("webhooks.urls")),
    path("secretariat/", include((secretariat_urls, "secretariat"))),
    path("audit/", include("audit.urls")),
    path("personal-data/", include("privacy.urls")),
    path("exports/", include("exportjobs.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

handler500 = "ops.views.server_error"

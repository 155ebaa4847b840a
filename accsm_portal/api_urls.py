"""/api/v1/: one DRF router for every app's endpoints, the OpenAPI schema and its documentation.

The project assembles it (as it assembles the secretariat's namespace in urls.py): the framework in `api/`
never imports the apps built on it.

To add an app's endpoints: write its viewsets in <app>/api.py or <app>/api/ (subclass
api.viewsets.ReadOnlyApiViewSet for ETag/304, pagination, throttles and the error shape) and register
them below with one line.
"""

from django.urls import path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from accreditation import api as accreditation_api
from api import redoc
from api.errors import error_json_response
from documents import api as documents_api
from meetings.api import views as meetings_api
from meetings.feeds import atom
from proceedings import api as proceedings_api
from registrations.api import views as registrations_api
from venue import api as venue_api
from workplan import api as workplan_api

app_name = "api"

router = DefaultRouter()
# Schedule (meetings/api/)
router.register("member-states", meetings_api.MemberStateViewSet, basename="member-state")
router.register("chairmanships", meetings_api.ChairmanshipViewSet, basename="chairmanship")
router.register("meetings", meetings_api.MeetingViewSet, basename="meeting")
router.register("agenda-items", meetings_api.AgendaItemViewSet, basename="agenda-item")
router.register("changes", meetings_api.MeetingChangeViewSet, basename="change")
# Registrations (registrations/api/; rules in registrations/services/registration.py)
router.register("delegations", registrations_api.DelegationViewSet, basename="delegation")
router.register("participants", registrations_api.ParticipantViewSet, basename="participant")
# At the venue (venue/api.py; rules in venue/services.py)
router.register("attendance", venue_api.AttendanceViewSet, basename="attendance")
# Accreditation and letters on request (accreditation/api.py; rules in accreditation/services.py)
router.register("accreditations", accreditation_api.AccreditationViewSet, basename="accreditation")
router.register("letter-requests", accreditation_api.LetterRequestViewSet, basename="letter-request")

# Documents (documents/api.py): register here.
router.register("documents", documents_api.DocumentViewSet, basename="document")

# Work plan (workplan/api.py): register here.
router.register("work-plans", workplan_api.WorkPlanViewSet, basename="work-plan")
router.register("priority-areas", workplan_api.PriorityAreaViewSet, basename="priority-area")
router.register("initiatives", workplan_api.InitiativeViewSet, basename="initiative")

# The record (proceedings/api.py): decisions, action items, written procedures.
router.register("decisions", proceedings_api.DecisionViewSet, basename="decision")
router.register("action-items", proceedings_api.ActionItemViewSet, basename="action-item")
router.register("procedures", proceedings_api.ProcedureViewSet, basename="procedure")


@csrf_exempt  # a write to an unknown address is a JSON 404, not the CSRF page
def not_found(request, *args, **kwargs):
    return error_json_response("not_found", _("Not found."), status_code=404)


urlpatterns = [
    path("changes.atom", atom.ChangesAtomFeed(), name="changes-atom"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("schema/swagger/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="swagger"),
    path("schema/redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("schema/redoc/redoc.standalone.js", redoc.redoc_bundle, name="redoc-bundle"),
    *router.urls,
    re_path(r"^.*$", not_found),  # anything else under /api/v1/ answers JSON, never an HTML page
]

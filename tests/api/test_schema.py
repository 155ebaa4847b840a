"""The OpenAPI schema describes the API truthfully: schemathesis generates requests from it (valid and
invalid ones, a bounded number per operation) and checks every answer — no server error, and every
status, header and body as documented."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from accsm_portal.wsgi import application
from api import services
from tests.factories import AgendaItemFactory, DelegationFactory, MeetingFactory, ParticipantFactory

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)

EXAMPLES_PER_OPERATION = 5
# "Schema-valid data is accepted" is checked on this app's reads. Elsewhere a well-formed filter value
# naming no object (?meeting=0 on /documents/) is rightly a 400, and a write may break a rule.
STRICT_READS = tuple(
    f"/api/v1/{name}/"
    for name in ("member-states", "chairmanships", "meetings", "agenda-items", "changes", "delegations", "participants")
)


@pytest.fixture
def _test_transaction_survives_requests():
    """Schemathesis calls the WSGI application directly, which closes "old" connections at each request —
    on PostgreSQL that would close the test's transaction. Django's own test client switches this off too."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def focal_point_token(_test_transaction_survives_requests, db, secretariat_user, focal_point_vn, viet_nam):
    """A registrations token of Viet Nam's focal point, and data for it to find."""
    meeting = MeetingFactory(pk=1)
    AgendaItemFactory(meeting=meeting)
    delegation = DelegationFactory(pk=1, meeting=meeting, member_state=viet_nam)
    ParticipantFactory(pk=1, delegation=delegation)
    _token, plain = services.api_token_create(
        actor=secretariat_user, name="fuzz", owner=focal_point_vn, scope="registrations", member_state=viet_nam
    )
    return plain


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_answers_as_documented(case, focal_point_token):
    strict = case.method == "GET" and case.path.startswith(STRICT_READS)
    excluded = [] if strict else [positive_data_acceptance]
    case.call_and_validate(headers={"Authorization": f"Bearer {focal_point_token}"}, excluded_checks=excluded)

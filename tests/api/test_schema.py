"""The OpenAPI schema describes the API truthfully: schemathesis generates requests from it (valid and
invalid ones, a bounded number per operation) and checks every answer — no server error, and every
status, header and body as documented."""

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from accsm_portal.wsgi import application
from api import services
from tests.factories import AgendaItemFactory, DelegationFactory, MeetingFactory, ParticipantFactory

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)

EXAMPLES_PER_OPERATION = 5


@pytest.fixture
def focal_point_token(db, secretariat_user, focal_point_vn, viet_nam):
    """A registrations token of Viet Nam's focal point, and data for it to find."""
    cache.clear()
    meeting = MeetingFactory(pk=1)
    AgendaItemFactory(meeting=meeting)
    delegation = DelegationFactory(pk=1, meeting=meeting, member_state=viet_nam)
    ParticipantFactory(pk=1, delegation=delegation)
    _token, plain = services.api_token_create(
        actor=secretariat_user, name="fuzz", owner=focal_point_vn, scope="registrations", member_state=viet_nam
    )
    return plain


def test_schema_is_valid_openapi(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3.0.3")


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_answers_as_documented(case, focal_point_token):
    # A write with well-formed data may still break a rule (registration closed, no such meeting):
    # such a 400 is right, so "schema-valid data is accepted" is checked on reads only.
    excluded = [] if case.method == "GET" else [positive_data_acceptance]
    case.call_and_validate(headers={"Authorization": f"Bearer {focal_point_token}"}, excluded_checks=excluded)

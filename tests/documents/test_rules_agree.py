"""The document pages ask the services' own rules (documents.services.can_…): a button, a choice list or a
page's answer can never say something the service would not."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from common.errors import DomainError, Forbidden, NotFound
from documents import services
from documents.forms import DocumentUploadForm
from documents.models import Document
from meetings.models import Meeting, MemberState
from tests.factories import ChairmanshipFactory, DocumentFactory, DocumentVersionFactory, MeetingFactory, upload_file

pytestmark = pytest.mark.django_db

V = Document.Visibility
S = Document.Status


def _service_answer(rule, *args) -> int:
    try:
        rule(*args)
    except NotFound:
        return 404
    except Forbidden:
        return 403
    except DomainError:
        return 400
    return 200


@pytest.fixture
def papers(meeting, viet_nam, thailand):
    """Papers that a focal point of Viet Nam sees or not, may change or not."""
    return {
        "own draft": DocumentFactory(
            meeting=meeting, member_state=viet_nam, status=S.DRAFT, visibility=V.MEMBER_STATES
        ),
        "own circulated": DocumentFactory(meeting=meeting, member_state=viet_nam, status=S.CIRCULATED),
        "own superseded": DocumentFactory(meeting=meeting, member_state=viet_nam, status=S.SUPERSEDED),
        "public paper": DocumentFactory(meeting=meeting),
        "another country's draft": DocumentFactory(
            meeting=meeting, member_state=thailand, status=S.DRAFT, visibility=V.MEMBER_STATES
        ),
        "secretariat only": DocumentFactory(meeting=meeting, visibility=V.SECRETARIAT),
    }


@pytest.mark.parametrize("who", ["focal_point_vn", "secretariat_user"])
def test_the_document_page_offers_delete_and_new_version_exactly_when_the_services_allow_them(
    client, request, papers, who
):
    user = request.getfixturevalue(who)
    client.force_login(user)
    for name, document in papers.items():
        DocumentVersionFactory(document=document)
        response = client.get(reverse("documents:detail", args=[document.pk]))
        if response.status_code == 404:
            assert _service_answer(services.ensure_may_delete, user, document) == 404, name
            continue
        page = response.content.decode()
        delete_url = reverse("documents:delete", args=[document.pk])
        may_delete = _service_answer(services.ensure_may_delete, user, document) == 200
        may_add_version = _service_answer(services.ensure_may_add_version, user, document) == 200
        assert (delete_url in page, "version_form" in response.context) == (may_delete, may_add_version), name


def test_the_delete_page_answers_what_the_delete_service_says(client, focal_point_vn, papers):
    """A paper the focal point cannot see: 404 (its existence stays unknown); one they see but may not
    delete: 403, from the page and the service alike; their own draft: the confirmation page."""
    client.force_login(focal_point_vn)
    answers = {
        name: (
            client.get(reverse("documents:delete", args=[document.pk])).status_code,
            _service_answer(services.ensure_may_delete, focal_point_vn, document),
        )
        for name, document in papers.items()
    }

    assert answers == {
        "own draft": (200, 200),
        "own circulated": (403, 403),
        "own superseded": (403, 403),
        "public paper": (403, 403),
        "another country's draft": (404, 404),
        "secretariat only": (404, 404),
    }


def test_the_upload_forms_meetings_are_the_meetings_the_service_accepts(focal_point_vn, viet_nam):
    current = ChairmanshipFactory(ordinal=30)
    history = ChairmanshipFactory(ordinal=29, handed_over_at=timezone.now() - dt.timedelta(days=1))
    meetings = {
        "announced": MeetingFactory(chairmanship=current),
        "postponed": MeetingFactory(chairmanship=current, status=Meeting.Status.POSTPONED),
        "concluded": MeetingFactory(chairmanship=current, status=Meeting.Status.CONCLUDED),
        "draft": MeetingFactory(chairmanship=current, status=Meeting.Status.DRAFT),
        "cancelled": MeetingFactory(chairmanship=current, status=Meeting.Status.CANCELLED, cancellation_reason="x"),
        "handed over": MeetingFactory(chairmanship=history),
        "not inviting Viet Nam": MeetingFactory(chairmanship=current, invites_asean=False),
    }
    assert viet_nam.group == MemberState.Group.ASEAN

    offered = set(DocumentUploadForm(actor=focal_point_vn).fields["meeting"].queryset)
    accepted = {meeting for meeting in meetings.values() if services.can_upload_to_meeting(focal_point_vn, meeting)}

    assert offered == accepted == {meetings["announced"], meetings["postponed"], meetings["concluded"]}
    for name, meeting in meetings.items():
        try:
            services.document_upload(
                actor=focal_point_vn, file=upload_file(), title_en="Report", kind="country_report", meeting=meeting
            )
        except DomainError:
            assert meeting not in offered, name
        else:
            assert meeting in offered, name


def test_the_meeting_page_offers_a_country_report_upload_exactly_when_the_service_accepts_one(client, focal_point_vn):
    client.force_login(focal_point_vn)
    for status in Meeting.Status:
        meeting = MeetingFactory(status=status, cancellation_reason="x" if status == Meeting.Status.CANCELLED else "")
        response = client.get(reverse("meetings:detail", args=[meeting.pk]))
        offered = response.status_code == 200 and "kind=country_report" in response.content.decode()
        assert offered == services.can_upload_to_meeting(focal_point_vn, meeting), status

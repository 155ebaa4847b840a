"""documents_visible_to: the one rule of who sees which document."""

import pytest

from documents.models import Document
from documents.selectors import documents_visible_to
from meetings.models import Meeting
from tests.factories import DocumentFactory, FocalPointFactory, MeetingFactory, UserFactory

V = Document.Visibility
S = Document.Status


@pytest.fixture
def papers(meeting, viet_nam, thailand):
    """One document per visibility × status, plus each country's draft report and a draft meeting's paper."""
    made = {}
    for visibility in V.values:
        for status in S.values:
            made[f"{visibility}-{status}"] = DocumentFactory(meeting=meeting, visibility=visibility, status=status)
    for code, state in (("vn", viet_nam), ("th", thailand)):
        made[f"{code}-report-draft"] = DocumentFactory(
            meeting=meeting,
            kind=Document.Kind.COUNTRY_REPORT,
            member_state=state,
            visibility=V.MEMBER_STATES,
            status=S.DRAFT,
        )
    made["vn-secret-draft"] = DocumentFactory(
        meeting=meeting, member_state=viet_nam, visibility=V.SECRETARIAT, status=S.DRAFT
    )
    made["unannounced-meeting"] = DocumentFactory(meeting=MeetingFactory(status=Meeting.Status.DRAFT))
    made["no-meeting-declaration"] = DocumentFactory(meeting=None, kind=Document.Kind.DECLARATION)
    return made


def visible(actor, papers):
    pks = set(documents_visible_to(actor).values_list("pk", flat=True))
    return sorted(name for name, document in papers.items() if document.pk in pks)


PUBLIC_RELEASED = ["no-meeting-declaration", "public-adopted", "public-circulated", "public-superseded"]
MEMBER_STATES_RELEASED = ["member_states-adopted", "member_states-circulated", "member_states-superseded"]


def test_anonymous_visitors_see_released_public_documents(papers):
    from django.contrib.auth.models import AnonymousUser

    assert visible(AnonymousUser(), papers) == PUBLIC_RELEASED


def test_a_signed_in_user_who_is_no_focal_point_sees_what_the_public_sees(papers):
    assert visible(UserFactory(), papers) == PUBLIC_RELEASED


def test_a_focal_point_sees_released_member_state_papers_and_their_own_drafts(papers, focal_point_vn):
    assert visible(focal_point_vn, papers) == sorted([*PUBLIC_RELEASED, *MEMBER_STATES_RELEASED, "vn-report-draft"])


def test_another_countrys_focal_point_does_not_see_the_draft_report(papers, focal_point_th):
    assert visible(focal_point_th, papers) == sorted([*PUBLIC_RELEASED, *MEMBER_STATES_RELEASED, "th-report-draft"])


def test_an_inactive_focal_point_sees_what_the_public_sees(papers, viet_nam):
    former = FocalPointFactory(member_state=viet_nam, is_active=False).user

    assert visible(former, papers) == PUBLIC_RELEASED


def test_the_secretariat_sees_everything(papers, secretariat_user):
    assert visible(secretariat_user, papers) == sorted(papers)

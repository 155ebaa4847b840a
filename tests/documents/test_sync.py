"""documents_visible_to and document_readers (who hears of a paper's deletion) are one rule: for every
combination of meeting, visibility, status and country, a reader is in the paper's readers exactly when
the documents' visibility rule lets them see it."""

import itertools

import pytest

from documents.models import Document
from documents.selectors import document_readers, documents_visible_to
from meetings.models import Meeting, MeetingChange
from tests.factories import DocumentFactory, MeetingFactory

pytestmark = pytest.mark.django_db

Audience = MeetingChange.Audience


def reads(readers, member_state) -> bool:
    if readers.audience == Audience.PUBLIC:
        return True
    if member_state is None:
        return False
    if readers.audience == Audience.MEMBER_STATES:
        return True
    return readers.audience == Audience.COUNTRIES and member_state.pk in readers.countries


def test_document_readers_match_the_visibility_rule(viet_nam, thailand, focal_point_vn, focal_point_th):
    meetings = [
        None,
        MeetingFactory(status=Meeting.Status.DRAFT),
        MeetingFactory(status=Meeting.Status.CANCELLED, cancellation_reason="Storm"),
    ]
    documents = [
        DocumentFactory(meeting=meeting, visibility=visibility, status=status, member_state=country)
        for meeting, visibility, status, country in itertools.product(
            meetings, Document.Visibility.values, Document.Status.values, [None, viet_nam]
        )
    ]
    for reader, country in ((None, None), (focal_point_vn, viet_nam), (focal_point_th, thailand)):
        seen = set(documents_visible_to(reader).values_list("pk", flat=True))
        expected = {document.pk for document in documents if reads(document_readers(document), country)}
        assert seen == expected, reader

"""Sync that misses nothing: what is deleted, or leaves a reader's view, comes back from /api/v1/changes/
(and its Atom feed) as a tombstone, to exactly the readers who could see it before."""

import html
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from rest_framework.test import APIClient

from documents import services as documents
from documents.models import Document
from meetings.models import Meeting, MeetingChange
from meetings.services import schedule
from tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    DocumentFactory,
    MeetingFactory,
)
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def tombstones(client, **params) -> list[tuple[str, int, str]]:
    response = client.get("/api/v1/changes/", {"tombstones": "true", **params})
    assert response.status_code == 200, response.content
    return [(c["object_type"], c["object_id"], c["action"]) for c in response.json()["results"]]


def test_a_deleted_agenda_item_comes_back_to_everyone_as_a_tombstone(secretariat_user):
    meeting = MeetingFactory(title="SOM 23")
    item = AgendaItemFactory(meeting=meeting, title="Matters arising")
    anonymous = client_for()
    generated = anonymous.get("/api/v1/changes/")["X-Page-Generated"]
    schedule.agenda_item_delete(actor=secretariat_user, item=item)

    changes = anonymous.get("/api/v1/changes/", {"updated_since": generated}).json()["results"]
    tombstone = next(c for c in changes if c["tombstone"])
    assert {key: tombstone[key] for key in ("object_type", "object_id", "action", "meeting", "old_values")} == {
        "object_type": "agenda_item",
        "object_id": item.pk,
        "action": "deleted",
        "meeting": meeting.pk,
        "old_values": {"title": "Matters arising"},
    }
    assert tombstone["object_url"].endswith(f"/api/v1/agenda-items/{item.pk}/")
    assert anonymous.get(tombstone["object_url"].split("testserver")[-1]).status_code == 404
    # the schedule's own row (the agenda changed) stays; `tombstones=false` leaves the tombstone out
    assert [c["action"] for c in anonymous.get("/api/v1/changes/", {"tombstones": "false"}).json()["results"]] == [
        "changed"
    ]


def test_since_and_updated_since_are_the_same_filter(secretariat_user):
    item = AgendaItemFactory()
    anonymous = client_for()
    generated = anonymous.get("/api/v1/changes/")["X-Page-Generated"]
    schedule.agenda_item_delete(actor=secretariat_user, item=item)
    assert tombstones(anonymous, since=generated) == tombstones(anonymous, updated_since=generated)
    assert tombstones(anonymous, updated_since=generated) == [("agenda_item", item.pk, "deleted")]
    assert tombstones(anonymous, updated_since="2999-01-01T00:00:00Z") == []


def test_a_deleted_public_paper_is_a_tombstone_for_everyone(secretariat_user, focal_point_vn):
    document = DocumentFactory(
        title="Concept note", visibility=Document.Visibility.PUBLIC, status=Document.Status.CIRCULATED
    )
    pk = document.pk
    documents.document_delete(actor=secretariat_user, document=document)
    expected = [("document", pk, "deleted")]
    assert tombstones(client_for()) == expected
    assert tombstones(client_for(focal_point_vn)) == expected
    assert tombstones(client_for(secretariat_user)) == expected


def test_a_countrys_deleted_draft_is_a_tombstone_for_that_country_only(
    secretariat_user, focal_point_vn, focal_point_th, viet_nam
):
    draft = DocumentFactory(
        title="Viet Nam's country report (draft)",
        member_state=viet_nam,
        visibility=Document.Visibility.MEMBER_STATES,
        status=Document.Status.DRAFT,
    )
    pk = draft.pk
    documents.document_delete(actor=focal_point_vn, document=draft)
    assert tombstones(client_for(focal_point_vn)) == [("document", pk, "deleted")]
    assert tombstones(client_for(secretariat_user)) == [("document", pk, "deleted")]
    assert tombstones(client_for(focal_point_th)) == []
    assert tombstones(client_for()) == []


def test_a_paper_made_secretariat_only_is_unpublished_for_those_who_saw_it(secretariat_user, focal_point_vn):
    document = DocumentFactory(
        title="Draft declaration", visibility=Document.Visibility.PUBLIC, status=Document.Status.CIRCULATED
    )
    anonymous = client_for()
    assert anonymous.get(f"/api/v1/documents/{document.pk}/").status_code == 200
    documents.document_update(actor=secretariat_user, document=document, visibility=Document.Visibility.SECRETARIAT)

    [change] = anonymous.get("/api/v1/changes/", {"tombstones": "true"}).json()["results"]
    assert (change["object_type"], change["object_id"], change["action"], change["tombstone"]) == (
        "document",
        document.pk,
        "unpublished",
        True,
    )
    assert anonymous.get(f"/api/v1/documents/{document.pk}/").status_code == 404
    assert tombstones(client_for(focal_point_vn)) == [("document", document.pk, "unpublished")]
    # made public again: no tombstone, it simply comes back in the documents' updated_since
    documents.document_update(actor=secretariat_user, document=document, visibility=Document.Visibility.PUBLIC)
    assert MeetingChange.objects.filter(object_type="document").count() == 1


def test_widening_or_editing_a_paper_writes_no_tombstone(secretariat_user):
    document = DocumentFactory(visibility=Document.Visibility.MEMBER_STATES, status=Document.Status.CIRCULATED)
    documents.document_update(actor=secretariat_user, document=document, visibility=Document.Visibility.PUBLIC)
    documents.document_update(actor=secretariat_user, document=document, title_en="Revised title")
    assert MeetingChange.objects.filter(object_type="document").count() == 0


def test_an_unpublished_meeting_tells_every_client_and_hides_the_rest(secretariat_user, focal_point_vn):
    meeting = MeetingFactory(title="SOM 23")
    schedule.meeting_update(actor=secretariat_user, meeting=meeting, data={"venue_en": "Sokha Hotel"}, sequence=0)
    anonymous = client_for()
    assert [c["action"] for c in anonymous.get("/api/v1/changes/").json()["results"]] == ["venue_changed"]
    # What the schedule's unpublish service writes (issue 19 item 1): back to a draft, one row "unpublished".
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.DRAFT)
    MeetingChange.objects.create(meeting=meeting, action=MeetingChange.Action.UNPUBLISHED, reason="Dates not agreed")

    changes = anonymous.get("/api/v1/changes/").json()["results"]
    assert [(c["object_type"], c["object_id"], c["action"], c["tombstone"]) for c in changes] == [
        ("meeting", meeting.pk, "unpublished", True)
    ]
    assert anonymous.get(f"/api/v1/meetings/{meeting.pk}/").status_code == 404
    assert tombstones(client_for(focal_point_vn)) == [("meeting", meeting.pk, "unpublished")]


def test_a_deleted_draft_is_a_tombstone_for_the_secretariat_alone(secretariat_user, focal_point_vn):
    draft = MeetingFactory(status=Meeting.Status.DRAFT, title="SOM 24 (draft)")
    AgendaItemFactory.create_batch(3, meeting=draft)
    DocumentFactory(meeting=draft)
    pk = draft.pk
    schedule.meeting_delete(actor=secretariat_user, meeting=draft)

    [change] = client_for(secretariat_user).get("/api/v1/changes/").json()["results"]
    assert (change["object_type"], change["object_id"], change["action"], change["meeting"]) == (
        "meeting",
        pk,
        "deleted",
        None,
    )
    assert (change["old_values"], change["meeting_url"]) == ({"title": "SOM 24 (draft)"}, None)
    # its agenda and papers went with it: the meeting's tombstone says so, no row each
    assert MeetingChange.objects.count() == 1
    assert tombstones(client_for(focal_point_vn)) == []
    assert tombstones(client_for()) == []


def test_atom_feed_shows_the_tombstones(client, secretariat_user):
    meeting = MeetingFactory(title="SOM 23")
    item = AgendaItemFactory(meeting=meeting, title="Matters arising")
    document = DocumentFactory(
        title="Concept note", meeting=None, visibility=Document.Visibility.PUBLIC, status=Document.Status.CIRCULATED
    )
    schedule.agenda_item_delete(actor=secretariat_user, item=item)
    pk = document.pk
    documents.document_delete(actor=secretariat_user, document=document)
    feed = ET.fromstring(client.get("/api/v1/changes.atom").content)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Document “Concept note”: Deleted",
        "SOM 23: Changed",
        "SOM 23 — Agenda item “Matters arising”: Deleted",
    ]
    assert f"(document {pk})" in entries[0].findtext(f"{ATOM}summary")
    vi = ET.fromstring(client.get("/api/v1/changes.atom?lang=vi").content)
    assert vi.find(f"{ATOM}entry").findtext(f"{ATOM}title") == "Tài liệu “Concept note”: Đã xóa"


@pytest.mark.parametrize("reader", ["anonymous", "focal_point", "secretariat"])
def test_changes_query_count_stays_flat_with_tombstones(reader, secretariat_user, focal_point_vn):
    user = {"anonymous": None, "focal_point": focal_point_vn, "secretariat": secretariat_user}[reader]
    client = client_for(user)

    def add_some():
        meeting = MeetingFactory()
        schedule.agenda_item_delete(actor=secretariat_user, item=AgendaItemFactory(meeting=meeting))
        documents.document_delete(
            actor=secretariat_user,
            document=DocumentFactory(visibility=Document.Visibility.PUBLIC, status=Document.Status.CIRCULATED),
        )
        DecisionFactory(agenda_item__meeting=meeting)

    add_some()
    one = queries_for(client, "/api/v1/changes/")
    for _ in range(4):
        add_some()
    assert queries_for(client, "/api/v1/changes/") == one
    assert queries_for(client, "/api/v1/changes/", tombstones="true") == one


class _Requests:
    """`requests.get` for the API page's example, answered by the test client."""

    def __init__(self, client):
        self.client = client

    def get(self, url, params=None, headers=None, timeout=None):
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        response = self.client.get(path, params or {})
        response.raise_for_status = lambda: None if response.status_code < 400 else pytest.fail(path)
        return response


def test_the_api_pages_sync_loop_misses_nothing(client, secretariat_user):
    """The client loop printed on the API page, run as it is against the portal: after a deletion, a paper
    made secretariat-only and an addition, the copy is what the API shows."""
    page = client.get("/en/api/").content.decode()
    [code] = [
        html.unescape(block)
        for block in re.findall(r'<pre class="code"><code>(.*?)</code></pre>', page, re.DOTALL)
        if "def sync_round" in block
    ]
    copy: dict[tuple[str, int], dict] = {}
    plural = {"meeting": "meetings", "agenda_item": "agenda-items", "document": "documents"}
    namespace = {
        "TOKEN": "",
        "store": lambda name, row: copy.__setitem__((name, row["id"]), row),
        "remove": lambda object_type, object_id: copy.pop((plural.get(object_type, object_type), object_id), None),
    }
    exec(code.replace("import requests", ""), namespace)
    namespace.update(requests=_Requests(APIClient()), HEADERS={})  # no token: the public copy

    meeting = MeetingFactory()
    kept, dropped = AgendaItemFactory.create_batch(2, meeting=meeting)
    paper = DocumentFactory(meeting=meeting, visibility=Document.Visibility.PUBLIC)
    since = namespace["sync_round"](None)
    assert sorted(copy) == sorted(
        [("meetings", meeting.pk), ("agenda-items", kept.pk), ("agenda-items", dropped.pk), ("documents", paper.pk)]
    )

    schedule.agenda_item_delete(actor=secretariat_user, item=dropped)
    documents.document_update(actor=secretariat_user, document=paper, visibility=Document.Visibility.SECRETARIAT)
    added = AgendaItemFactory(meeting=meeting)
    namespace["sync_round"](since)
    assert sorted(copy) == sorted([("meetings", meeting.pk), ("agenda-items", kept.pk), ("agenda-items", added.pk)])

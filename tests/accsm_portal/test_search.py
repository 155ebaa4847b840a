"""The portal's search (issue 22 item 6): four kinds of record, diacritics ignored, scoped by who asks."""

import pytest

from tests.factories import (
    DelegationFactory,
    DocumentFactory,
    InitiativeFactory,
    MeetingFactory,
    ParticipantFactory,
)
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(viet_nam, thailand):
    meeting = MeetingFactory(title="SOM 23 in Hà Nội", title_vi="Cuộc họp SOM lần thứ 23 tại Hà Nội", city="Hà Nội")
    MeetingFactory(title="Draft SOM in Hà Nội", status="draft")
    vn = ParticipantFactory(
        delegation=DelegationFactory(meeting=meeting, member_state=viet_nam), full_name="Nguyễn Hà Thăng"
    )
    th = ParticipantFactory(
        delegation=DelegationFactory(meeting=meeting, member_state=thailand), full_name="Somchai Hà"
    )
    DocumentFactory(meeting=meeting, title="Report of the Hà Nội SOM")
    DocumentFactory(meeting=meeting, title="Secretariat note on Hà Nội", visibility="secretariat", status="draft")
    InitiativeFactory(title="Hà Nội resource centre", lead=viet_nam, status="ongoing")
    return {"vn": vn, "th": th}


def titles(response) -> dict[str, list[str]]:
    return {section.key: [hit.title for hit in section.hits] for section in response.context["sections"]}


def test_the_secretariat_finds_every_kind_without_typing_diacritics(client, secretariat_user, world):
    client.force_login(secretariat_user)

    found = titles(client.get("/en/search/?q=ha+noi"))

    assert sorted(found["meetings"]) == ["Draft SOM in Hà Nội", "SOM 23 in Hà Nội"]  # drafts too
    assert sorted(found["documents"]) == ["Report of the Hà Nội SOM", "Secretariat note on Hà Nội"]
    assert found["initiatives"] == ["Hà Nội resource centre"]
    assert titles(client.get("/en/search/?q=NGUYEN+thang"))["participants"] == ["Ms. Nguyễn Hà Thăng"]
    page = client.get("/en/search/?q=somchai").content.decode()
    assert "/registrations/?q=Somchai+H%C3%A0" in page  # to the participant in the meeting's registrations


def test_a_focal_point_never_finds_another_countrys_participants(client, focal_point_vn, world):
    client.force_login(focal_point_vn)

    assert titles(client.get("/en/search/?q=ha"))["participants"] == ["Ms. Nguyễn Hà Thăng"]
    assert "participants" not in titles(client.get("/en/search/?q=somchai"))
    assert "Somchai" not in client.get("/en/search/?q=somchai").content.decode()
    found = titles(client.get("/en/search/?q=ha+noi"))
    assert found["meetings"] == ["SOM 23 in Hà Nội"]  # not the secretariat's draft
    assert found["documents"] == ["Report of the Hà Nội SOM"]


def test_a_visitor_finds_only_what_is_public(client, world):
    found = titles(client.get("/vi/search/?q=ha+noi"))
    assert "participants" not in found
    assert found["meetings"] == ["Cuộc họp SOM lần thứ 23 tại Hà Nội"]  # in the reader's language
    assert found["documents"] == ["Report of the Hà Nội SOM"]


def test_a_term_too_short_or_empty_says_so(client):
    response = client.get("/en/search/?q=a")
    assert response.status_code == 400
    assert "at least 2 characters" in response.content.decode()
    assert client.get("/en/search/").status_code == 200  # the empty box
    assert "Nothing matches “zzzz”." in client.get("/en/search/?q=zzzz").content.decode()


def test_the_search_costs_the_same_queries_for_few_or_many_matches(client, secretariat_user, world, viet_nam):
    client.force_login(secretariat_user)
    url = "/en/search/?q=ha"
    count = queries_for(client, url)
    for _ in range(12):
        meeting = MeetingFactory(title="Hà Giang workshop")
        ParticipantFactory(delegation=DelegationFactory(meeting=meeting, member_state=viet_nam), full_name="Lê Hà")
        DocumentFactory(meeting=meeting, title="Hà Giang paper")
        InitiativeFactory(title="Hà Giang initiative")
    assert queries_for(client, url) == count
    response = client.get(url)
    assert all(len(section.hits) == 8 and section.more for section in response.context["sections"])

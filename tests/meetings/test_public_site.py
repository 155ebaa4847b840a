"""The public site a visitor can use: the archive by chairmanship and year, a page per chairmanship, a
conference week's meetings, "add to calendar" and "sign in to register" on a meeting page, and example
addresses on the API page that answer."""

import datetime as dt
import re

import pytest

from documents.models import Document
from meetings.models import Meeting
from tests.factories import ChairmanshipFactory, DocumentFactory, MeetingFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def test_the_archive_lists_every_announced_meeting_by_chairmanship_and_year(client):
    accsm20 = ChairmanshipFactory(ordinal=20, theme="Towards a people-centred civil service")
    accsm21 = ChairmanshipFactory(ordinal=21)
    MeetingFactory(chairmanship=accsm20, title="SOM 20", start=dt.datetime(2019, 3, 4, 2, tzinfo=UTC))
    MeetingFactory(chairmanship=accsm20, title="HCS 20", start=dt.datetime(2020, 9, 1, 2, tzinfo=UTC))
    MeetingFactory(
        chairmanship=accsm21, title="Workshop 21", status=Meeting.Status.CANCELLED, cancellation_reason="Flooding"
    )
    MeetingFactory(chairmanship=accsm21, title="Draft 21", status=Meeting.Status.DRAFT)

    page = client.get("/en/meetings/archive/").content.decode()

    assert "Draft 21" not in page
    assert page.index("ACCSM 21") < page.index("Workshop 21") < page.index("ACCSM 20")
    assert page.index("<h3>2019</h3>") < page.index("SOM 20") < page.index("<h3>2020</h3>") < page.index("HCS 20")
    assert 'href="/en/meetings/accsm-20/"' in page


def test_the_archive_costs_the_same_queries_for_one_meeting_or_many(client):
    MeetingFactory()
    one = queries_for(client, "/en/meetings/archive/")
    for ordinal in (40, 41):
        for _index in range(3):
            MeetingFactory(chairmanship=ChairmanshipFactory(ordinal=ordinal))
    assert queries_for(client, "/en/meetings/archive/") == one


def test_a_chairmanships_page_shows_its_chair_theme_term_meetings_and_declarations(client):
    accsm22 = ChairmanshipFactory(ordinal=22, theme="Agile civil service", chairing_agency="Ministry of Civil Service")
    som = MeetingFactory(chairmanship=accsm22, title="SOM 22")
    MeetingFactory(chairmanship=accsm22, title="Draft 22", status=Meeting.Status.DRAFT)
    DocumentFactory(meeting=som, kind=Document.Kind.DECLARATION, title="Declaration on agile civil service")
    DocumentFactory(
        meeting=som, kind=Document.Kind.DECLARATION, title="Secret draft", visibility=Document.Visibility.SECRETARIAT
    )
    DocumentFactory(meeting=som, kind=Document.Kind.REPORT, title="Report of SOM 22")

    page = client.get("/en/meetings/accsm-22/").content.decode()

    assert "Agile civil service" in page and "Ministry of Civil Service" in page
    assert "1 January 2025 – 31 December 2026" in page
    assert "SOM 22" in page and "Draft 22" not in page
    assert "Declaration on agile civil service" in page
    assert "Secret draft" not in page and "Report of SOM 22" not in page
    assert 'href="/calendar/accsm-22.ics"' in page
    assert client.get("/en/meetings/accsm-99/").status_code == 404


def test_a_chairmanships_page_costs_the_same_queries_for_one_meeting_or_many(client):
    accsm = ChairmanshipFactory(ordinal=30)
    som = MeetingFactory(chairmanship=accsm)
    DocumentFactory(meeting=som, kind=Document.Kind.DECLARATION)
    one = queries_for(client, "/en/meetings/accsm-30/")
    for _index in range(3):
        DocumentFactory(meeting=MeetingFactory(chairmanship=accsm), kind=Document.Kind.DECLARATION)
    assert queries_for(client, "/en/meetings/accsm-30/") == one


def test_a_meeting_page_offers_its_calendar_the_chairmanships_feed_and_sign_in_to_register(client):
    meeting = MeetingFactory(chairmanship=ChairmanshipFactory(ordinal=23))

    page = client.get(f"/en/meetings/{meeting.pk}/").content.decode()

    assert f'href="/calendar/meetings/{meeting.pk}.ics"' in page
    assert 'href="/calendar/accsm-23.ics"' in page
    assert f'href="/en/accounts/login/?next=/en/my/meetings/{meeting.pk}/"' in page
    for address in (f"/calendar/meetings/{meeting.pk}.ics", "/calendar/accsm-23.ics"):
        assert client.get(address).status_code == 200


def test_a_focal_point_is_offered_their_delegation_instead_of_sign_in(client, focal_point_vn):
    meeting = MeetingFactory()
    client.force_login(focal_point_vn)

    page = client.get(f"/en/meetings/{meeting.pk}/").content.decode()

    assert "Sign in to register" not in page
    assert f'href="/en/my/meetings/{meeting.pk}/"' in page


def test_a_conference_weeks_page_lists_the_meetings_within_it(client):
    week = MeetingFactory(kind=Meeting.Kind.CONFERENCE_WEEK, title="ACCSM 23 conference week")
    MeetingFactory(parent=week, title="SOM 23", chairmanship=week.chairmanship)
    MeetingFactory(parent=week, title="Forum (draft)", chairmanship=week.chairmanship, status=Meeting.Status.DRAFT)

    page = client.get(f"/en/meetings/{week.pk}/").content.decode()

    assert "Meetings of this conference week" in page
    assert "SOM 23" in page and "Forum (draft)" not in page


def test_every_example_address_on_the_api_page_answers(client, settings):
    """Every address the API page gives to read (feeds, documentation, curl GETs) answers 200 to an
    anonymous client; the write examples (curl -X …) are left out, they need a token."""
    ChairmanshipFactory(ordinal=23)
    MeetingFactory(chairmanship=ChairmanshipFactory(ordinal=23))
    page = client.get("/en/api/").content.decode().replace("&amp;", "&")
    reads = [
        block
        for block in re.findall(r"<pre class=\"code\"><code>(.*?)</code></pre>", page, re.DOTALL)
        if " -X " not in block
    ]
    site = re.escape(settings.SITE_URL)
    addresses = re.findall(rf'value="{site}(/[^"]*)"', page)
    addresses += re.findall(r'href="(/(?:en/)?(?:api|calendar)/[^"#]*)"', page)
    addresses += [path + query for block in reads for path, query in re.findall(rf'"{site}(/[^"?]*)(\?[^"]*)?"', block)]
    addresses += re.findall(r"One meeting: (/calendar/[^ ]+\.ics)", page)

    assert len(addresses) >= 6
    assert any(re.fullmatch(r"/calendar/meetings/\d+\.ics", address) for address in addresses)
    for address in addresses:
        assert client.get(address).status_code == 200, address

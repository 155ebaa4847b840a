"""The secretariat's pages of messages to people: write, see who will get it, send, find it in the record."""

import pytest
from django.core import mail

from circulars.models import Circular
from outbox.dispatcher import send_pending
from tests.factories import FocalPointFactory, UserFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db

FORM = {
    "subject_en": "Venue of SOM 23",
    "subject_vi": "Địa điểm SOM 23",
    "body_en": "The meeting will be held at the Sokha Hotel.",
    "body_vi": "Cuộc họp sẽ diễn ra tại khách sạn Sokha.",
    "group": "focal_points",
}


@pytest.fixture
def staff(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def focal_points(viet_nam, thailand):
    FocalPointFactory(
        member_state=viet_nam, user=UserFactory(first_name="Lan", last_name="Nguyen", email="lan@example.org")
    )
    FocalPointFactory(member_state=thailand, user=UserFactory(first_name="Somchai", last_name="P.", email=""))


def test_the_secretariat_sees_who_will_get_it_then_sends(staff, viet_nam, thailand, focal_points):
    data = {**FORM, "member_states": [viet_nam.pk, thailand.pk]}
    preview = staff.post("/en/secretariat/messages/new/", {**data, "action": "preview"})
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "Who will receive it: 2 people" in page
    assert "lan@example.org" in page
    assert "1 person has no email address in the portal" in page and "Somchai P." in page
    assert 'value="send"' in page
    assert Circular.objects.count() == 0  # a preview sends nothing

    sent = staff.post("/en/secretariat/messages/new/", {**data, "action": "send"}, follow=True)
    circular = Circular.objects.get()
    assert sent.redirect_chain == [(f"/en/secretariat/messages/{circular.pk}/", 302)]
    detail = sent.content.decode()
    assert "The message is on its way to 2 people." in detail
    assert "Cuộc họp sẽ diễn ra tại khách sạn Sokha." in detail and "Somchai P." in detail
    send_pending()
    assert [m.to for m in mail.outbox] == [["lan@example.org"]]
    assert "Sent" in staff.get(f"/en/secretariat/messages/{circular.pk}/").content.decode()

    record = staff.get("/en/secretariat/messages/").content.decode()
    assert "Venue of SOM 23" in record and "1 without an email address" in record


def test_the_send_button_appears_only_after_the_preview(staff):
    page = staff.get("/en/secretariat/messages/new/").content.decode()
    assert 'value="preview"' in page and 'value="send"' not in page


def test_a_missing_translation_is_shown_beside_its_field(staff, viet_nam, focal_points):
    response = staff.post(
        "/en/secretariat/messages/new/",
        {**FORM, "subject_vi": "", "member_states": [viet_nam.pk], "action": "send"},
    )
    assert response.status_code == 422
    assert "Give the subject in Vietnamese." in response.content.decode()
    assert Circular.objects.count() == 0


def test_the_pages_are_the_secretariats(client, focal_point_vn, secretariat_user, viet_nam, focal_points):
    client.force_login(secretariat_user)
    client.post("/en/secretariat/messages/new/", {**FORM, "member_states": [viet_nam.pk], "action": "send"})
    pk = Circular.objects.get().pk
    client.force_login(focal_point_vn)
    for url in ("/en/secretariat/messages/", "/en/secretariat/messages/new/", f"/en/secretariat/messages/{pk}/"):
        assert client.get(url).status_code == 403
    assert client.post("/en/secretariat/messages/new/", {**FORM, "action": "send"}).status_code == 403
    client.logout()
    assert client.get("/en/secretariat/messages/").status_code == 302


def test_the_record_query_count_stays_flat(staff, viet_nam, thailand, focal_points):
    def send():
        staff.post(
            "/en/secretariat/messages/new/",
            {**FORM, "member_states": [viet_nam.pk, thailand.pk], "action": "send"},
        )

    send()
    one = queries_for(staff, "/en/secretariat/messages/")
    one_detail = queries_for(staff, f"/en/secretariat/messages/{Circular.objects.get().pk}/")
    for _ in range(4):
        send()
    FocalPointFactory.create_batch(3, member_state=viet_nam)
    send()
    assert queries_for(staff, "/en/secretariat/messages/") == one
    assert queries_for(staff, f"/en/secretariat/messages/{Circular.objects.first().pk}/") == one_detail


def test_the_pages_in_vietnamese(staff, viet_nam, focal_points):
    staff.post("/en/secretariat/messages/new/", {**FORM, "member_states": [viet_nam.pk], "action": "send"})
    page = staff.get("/vi/secretariat/messages/").content.decode()
    assert "Thư thông báo" in page and "Địa điểm SOM 23" in page

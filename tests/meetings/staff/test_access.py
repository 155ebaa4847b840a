"""Every secretariat page: anonymous visitors are sent to sign in, focal points and other users are refused."""

import pytest
from django.urls import reverse

from tests.factories import AgendaItemFactory, ChairmanshipFactory, MeetingFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls():
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting)
    participant = ParticipantFactory(delegation__meeting=meeting)
    chairmanship = ChairmanshipFactory()
    pk = {"pk": meeting.pk}
    return [
        reverse("secretariat:dashboard"),
        reverse("secretariat:meetings"),
        reverse("secretariat:meeting_new"),
        *(
            reverse(f"secretariat:{name}", kwargs=pk)
            for name in (
                "meeting",
                "meeting_edit",
                "meeting_publish",
                "meeting_postpone",
                "meeting_cancel",
                "meeting_conclude",
                "meeting_duplicate",
                "meeting_delete",
                "agenda_add",
                "agenda_reorder",
                "registrations",
                "participant_add",
                "export_csv",
                "export_xlsx",
                "export_pdf",
                "export_badges",
            )
        ),
        reverse("secretariat:agenda_edit", kwargs={**pk, "item_pk": item.pk}),
        reverse("secretariat:agenda_move", kwargs={**pk, "item_pk": item.pk}),
        reverse("secretariat:agenda_delete", kwargs={**pk, "item_pk": item.pk}),
        reverse("secretariat:participant_status", kwargs={**pk, "participant_pk": participant.pk}),
        reverse("secretariat:chairmanships"),
        reverse("secretariat:chairmanship_new"),
        reverse("secretariat:chairmanship_hand_over", kwargs={"pk": chairmanship.pk}),
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, urls):
    for url in urls:
        response = client.get(url)
        assert (url, response.status_code) == (url, 302)
        assert response["Location"].startswith("/en/accounts/login/?next=")


@pytest.mark.parametrize("method", ["get", "post"])
def test_focal_points_are_refused_every_secretariat_page(client, focal_point_vn, urls, method):
    client.force_login(focal_point_vn)
    for url in urls:
        assert (url, getattr(client, method)(url).status_code) == (url, 403)


def test_staff_flag_or_superuser_flag_alone_is_not_the_secretariat_role(client, urls):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("secretariat:dashboard")).status_code == 403


def test_secretariat_staff_open_every_page(client, secretariat_user, urls):
    client.force_login(secretariat_user)
    for url in urls:
        if url.endswith(("/publish/", "/conclude/", "/order/", "/move/", "/status/", "/agenda/")):
            continue  # POST-only actions
        assert (url, client.get(url).status_code) == (url, 200)


def test_an_unknown_meeting_is_a_404(client, secretariat_user):
    client.force_login(secretariat_user)
    assert client.get(reverse("secretariat:meeting", kwargs={"pk": 999999})).status_code == 404


def test_the_navigation_shows_the_workspace_to_the_secretariat_only(client, secretariat_user, focal_point_vn):
    dashboard = reverse("secretariat:dashboard")
    client.force_login(focal_point_vn)
    assert dashboard not in client.get("/en/").content.decode()
    client.force_login(secretariat_user)
    assert dashboard in client.get("/en/").content.decode()

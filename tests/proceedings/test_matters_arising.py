"""Matters arising: SOM n's open action items appear on SOM n+1's draft agenda, each linked back."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from common.errors import DomainError
from meetings.models import Meeting
from proceedings.models import MatterArising
from proceedings.services import matters_arising
from tests.factories import ActionItemFactory, AgendaItemFactory, HeldMeetingFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_soms():
    som_22 = HeldMeetingFactory(title="SOM 22", kind=Meeting.Kind.SOM)
    som_23 = MeetingFactory(title="SOM 23", kind=Meeting.Kind.SOM, status=Meeting.Status.DRAFT)
    MeetingFactory(title="Workshop", kind=Meeting.Kind.WORKSHOP, start=timezone.now() - dt.timedelta(days=1))
    return som_22, som_23


def test_open_action_items_of_som_n_appear_on_som_n_plus_1s_draft_agenda(client, secretariat_user, two_soms):
    som_22, som_23 = two_soms
    AgendaItemFactory(meeting=som_23, title="Opening")
    item = AgendaItemFactory(meeting=som_22, title="PSTI")
    open_one = ActionItemFactory(agenda_item=item, description="Host the PSTI meeting")
    in_progress = ActionItemFactory(agenda_item=item, description="Translate", status="in_progress")
    ActionItemFactory(agenda_item=item, description="Finished", status="done")

    added = matters_arising.matters_arising_add(actor=secretariat_user, meeting=som_23)

    assert [i.title for i in som_23.agenda_items.order_by("order")] == ["Opening", "Matters arising from SOM 22"]
    assert added.title_vi == "Các vấn đề phát sinh từ SOM 22"
    assert sorted(MatterArising.objects.values_list("agenda_item", "action_item")) == sorted(
        [(added.pk, open_one.pk), (added.pk, in_progress.pk)]
    )
    client.force_login(secretariat_user)
    page = client.get(reverse("proceedings:record", args=[som_23.pk]))
    assert reverse("proceedings:action", args=[open_one.pk]) in page.text
    assert reverse("proceedings:record", args=[som_22.pk]) + f"#item-{item.pk}" in page.text  # linked back
    with pytest.raises(DomainError, match="already on this meeting's agenda"):
        matters_arising.matters_arising_add(actor=secretariat_user, meeting=som_23)


def test_no_matters_arising_without_open_items_or_an_earlier_meeting(secretariat_user, two_soms):
    som_22, som_23 = two_soms
    ActionItemFactory(agenda_item__meeting=som_22, status="dropped")
    with pytest.raises(DomainError, match=r"SOM 22 left no open action items."):
        matters_arising.matters_arising_add(actor=secretariat_user, meeting=som_23)
    with pytest.raises(DomainError, match="no earlier meeting of this kind"):
        matters_arising.matters_arising_add(actor=secretariat_user, meeting=MeetingFactory(kind=Meeting.Kind.HCS))
    with pytest.raises(DomainError, match="still ahead or under way"):
        matters_arising.matters_arising_add(actor=secretariat_user, meeting=som_22)
    assert som_23.agenda_items.count() == 0


def test_the_page_adds_them_with_one_button(client, secretariat_user, two_soms):
    som_22, som_23 = two_soms
    ActionItemFactory(agenda_item__meeting=som_22, description="Report on well-being")
    client.force_login(secretariat_user)
    page = client.get(reverse("proceedings:matters_arising", args=[som_23.pk]))
    assert "Report on well-being" in page.text and "Put them on the draft agenda" in page.text
    response = client.post(reverse("proceedings:matters_arising", args=[som_23.pk]), follow=True)
    assert "“Matters arising from SOM 22” was added to the agenda." in response.text
    assert MatterArising.objects.filter(meeting=som_23).count() == 1

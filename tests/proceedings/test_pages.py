"""The pages of the record, the tracker and the written procedure: who sees what, forms, query counts."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from proceedings.models import ActionItem, Answer, Decision, WrittenProcedure
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    AnswerFactory,
    DecisionFactory,
    HeldMeetingFactory,
    MeetingFactory,
    MemberStateFactory,
    ProcedureCountryFactory,
    ProgressReportFactory,
    WrittenProcedureFactory,
)

pytestmark = pytest.mark.django_db


def test_the_secretariat_writes_a_decision_and_an_action_item_beside_the_agenda(client, secretariat_user, viet_nam):
    meeting = HeldMeetingFactory(title="SOM 23")
    opening, psti = (
        AgendaItemFactory(meeting=meeting, title="Opening"),
        AgendaItemFactory(meeting=meeting, title="PSTI"),
    )
    client.force_login(secretariat_user)
    page = client.get(reverse("proceedings:record", args=[meeting.pk]))
    assert page.status_code == 200
    assert f'href="#item-{opening.pk}"' in page.text and f'href="#item-{psti.pk}"' in page.text  # the agenda beside

    response = client.post(
        reverse("proceedings:decision_add", args=[psti.pk]),
        {
            f"d{psti.pk}-text_en": "The meeting endorsed the PSTI work plan.",
            f"d{psti.pk}-text_vi": "Hội nghị thông qua.",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("proceedings:record", args=[meeting.pk]) + f"#item-{psti.pk}"
    response = client.post(
        reverse("proceedings:action_add", args=[psti.pk]),
        {
            f"a{psti.pk}-description_en": "Report on the PSTI work plan",
            f"a{psti.pk}-owner_kind": "member_state",
            f"a{psti.pk}-owner_member_state": viet_nam.pk,
            f"a{psti.pk}-due_date": (timezone.now() + dt.timedelta(days=60)).date().isoformat(),
        },
    )
    assert response.status_code == 302
    assert list(Decision.objects.values_list("agenda_item", "text_en", "text_vi")) == [
        (psti.pk, "The meeting endorsed the PSTI work plan.", "Hội nghị thông qua.")
    ]
    assert list(ActionItem.objects.values_list("agenda_item", "owner_member_state")) == [(psti.pk, viet_nam.pk)]


def test_a_refused_action_item_shows_its_message_beside_the_field(client, secretariat_user):
    item = AgendaItemFactory(meeting=HeldMeetingFactory())
    client.force_login(secretariat_user)
    response = client.post(
        reverse("proceedings:action_add", args=[item.pk]),
        {
            f"a{item.pk}-description_en": "Report",
            f"a{item.pk}-owner_kind": "network",
            f"a{item.pk}-due_date": "2020-01-01",
        },
    )
    assert response.status_code == 422
    assert "Name the network that is to do it, such as PSTI." in response.text
    assert ActionItem.objects.count() == 0


def test_focal_points_see_only_their_own_countrys_action_items(client, viet_nam, thailand, focal_point_vn):
    ours = ActionItemFactory(owner_member_state=viet_nam, description="Host the PSTI meeting")
    theirs = ActionItemFactory(owner_member_state=thailand, description="Translate the Thai report")
    secretariat_item = ActionItemFactory(owner_kind="secretariat", description="Send the minutes")
    client.force_login(focal_point_vn)

    page = client.get(reverse("proceedings:tracker"))
    assert page.status_code == 200
    assert "Host the PSTI meeting" in page.text
    assert "Translate the Thai report" not in page.text and "Send the minutes" not in page.text
    assert client.get(reverse("proceedings:action", args=[ours.pk])).status_code == 200
    assert client.get(reverse("proceedings:action", args=[theirs.pk])).status_code == 404
    assert (
        client.post(reverse("proceedings:action", args=[theirs.pk]), {"status": "done", "note": "x"}).status_code == 404
    )
    assert client.get(reverse("proceedings:action", args=[secretariat_item.pk])).status_code == 404
    assert client.get(reverse("proceedings:record", args=[ours.agenda_item.meeting_id])).status_code == 403
    assert theirs.progress_reports.count() == 0


def test_a_focal_point_reports_progress_on_the_page(client, viet_nam, focal_point_vn):
    item = ActionItemFactory(owner_member_state=viet_nam)
    client.force_login(focal_point_vn)
    response = client.post(reverse("proceedings:action", args=[item.pk]), {"status": "in_progress", "note": ""})
    assert response.status_code == 422
    assert "Write a note on the progress made." in response.text
    response = client.post(reverse("proceedings:action", args=[item.pk]), {"status": "in_progress", "note": "Begun."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.progress_reports.get().note) == ("in_progress", "Begun.")


def test_the_tracker_filters_by_status_owner_meeting_and_due_date(client, secretariat_user, viet_nam):
    meeting = HeldMeetingFactory()
    soon = ActionItemFactory(agenda_item__meeting=meeting, owner_member_state=viet_nam, description="Soon")
    ActionItemFactory(owner_kind="chair", description="Chair later", status="done")
    client.force_login(secretariat_user)

    def shown(query):
        response = client.get(reverse("proceedings:tracker"), query)
        return [item.description for item in response.context["items"]]

    assert shown({"status": "pending"}) == ["Soon"]
    assert shown({"owner": "chair"}) == ["Chair later"]
    assert shown({"owner": "VN"}) == ["Soon"]
    assert shown({"meeting": meeting.pk}) == ["Soon"]
    assert shown({"due_before": (soon.due_date - dt.timedelta(days=1)).isoformat()}) == []
    assert shown({"due_before": "not-a-date", "meeting": "x"}) == ["Soon", "Chair later"]


def procedure_for(*states, **kwargs):
    procedure = WrittenProcedureFactory(**kwargs)
    for state in states:
        ProcedureCountryFactory(procedure=procedure, member_state=state)
    return procedure


def test_a_focal_point_answers_and_never_sees_another_countrys_answer(client, viet_nam, thailand, focal_point_vn):
    shared = procedure_for(viet_nam, thailand, title="Draft declaration")
    AnswerFactory(country=shared.countries.get(member_state=thailand), kind="objection", text="Thai reasons here")
    not_ours = procedure_for(thailand, title="Thai-only text")
    client.force_login(focal_point_vn)

    listing = client.get(reverse("proceedings:procedures"))
    assert "Draft declaration" in listing.text and "Thai-only text" not in listing.text
    page = client.get(reverse("proceedings:procedure", args=[shared.pk]))
    assert page.status_code == 200
    assert "Thai reasons here" not in page.text and "Thailand" not in page.text
    assert client.get(reverse("proceedings:procedure", args=[not_ours.pk])).status_code == 404

    response = client.post(reverse("proceedings:procedure", args=[shared.pk]), {"kind": "comments", "text": ""})
    assert response.status_code == 422
    assert "Write your comments on the text." in response.text
    response = client.post(reverse("proceedings:procedure", args=[shared.pk]), {"kind": "comments", "text": "Para 2"})
    assert response.status_code == 302
    assert list(Answer.objects.filter(country__member_state=viet_nam).values_list("kind", "text")) == [
        ("comments", "Para 2")
    ]


def test_after_the_deadline_the_focal_point_sees_why_no_answer_is_possible(client, viet_nam, focal_point_vn):
    procedure = procedure_for(viet_nam, deadline=timezone.now() - dt.timedelta(minutes=1))
    client.force_login(focal_point_vn)
    page = client.get(reverse("proceedings:procedure", args=[procedure.pk]))
    assert "has passed; answers can no longer be given or changed" in page.text
    response = client.post(reverse("proceedings:procedure", args=[procedure.pk]), {"kind": "no_objection"})
    assert response.status_code == 422
    assert Answer.objects.count() == 0


def test_the_secretariat_circulates_a_text_with_its_deadline_in_the_chosen_time_zone(
    client, secretariat_user, viet_nam, thailand
):
    client.force_login(secretariat_user)
    deadline = (timezone.now() + dt.timedelta(days=10)).date()
    response = client.post(
        reverse("proceedings:procedure_new"),
        {
            "title_en": "Work Plan change: initiative 5.3",
            "document_url": "https://asean.org/draft.docx",
            "deadline": f"{deadline.isoformat()}T17:00",
            "time_zone": "Asia/Ho_Chi_Minh",
            "silence_is_agreement": "on",
            "member_states": [viet_nam.pk, thailand.pk],
        },
    )
    procedure = WrittenProcedure.objects.get()
    assert response.status_code == 302
    assert procedure.deadline == dt.datetime.combine(deadline, dt.time(10, 0), tzinfo=dt.UTC)
    assert sorted(procedure.countries.values_list("member_state__code", flat=True)) == ["TH", "VN"]

    matrix = client.get(reverse("proceedings:procedure", args=[procedure.pk]))
    assert "0 of 2 countries have answered." in matrix.text
    fragment = client.get(reverse("proceedings:procedure", args=[procedure.pk]), {"fragment": "matrix"})
    assert fragment.text.lstrip().startswith('<div class="procedure-matrix"')


def test_the_secretariat_closes_a_procedure_after_its_deadline(client, secretariat_user, viet_nam):
    procedure = procedure_for(viet_nam, deadline=timezone.now() - dt.timedelta(hours=1))
    client.force_login(secretariat_user)
    response = client.post(reverse("proceedings:procedure_close", args=[procedure.pk]), follow=True)
    assert "The procedure is closed: Adopted." in response.text
    response = client.post(reverse("proceedings:procedure_close", args=[procedure.pk]), follow=True)
    assert "already closed" in response.text


# --- Query counts: one row or many, the same number of queries ---------------------------------------


def test_record_index_query_count(client, count_queries, secretariat_user):
    client.force_login(secretariat_user)
    DecisionFactory()
    one = count_queries(reverse("proceedings:record_index"))
    for _ in range(4):
        DecisionFactory()
        ActionItemFactory()
        MeetingFactory()  # a meeting ahead
    assert count_queries(reverse("proceedings:record_index")) == one


def test_matters_arising_page_query_count(client, count_queries, secretariat_user):
    client.force_login(secretariat_user)
    previous = HeldMeetingFactory()
    meeting = MeetingFactory(kind=previous.kind)
    ActionItemFactory(agenda_item__meeting=previous)
    url = reverse("proceedings:matters_arising", args=[meeting.pk])
    one = count_queries(url)
    for _ in range(4):
        ActionItemFactory(agenda_item__meeting=previous, owner_member_state=MemberStateFactory())
    assert count_queries(url) == one


def test_record_page_query_count(client, count_queries, secretariat_user):
    client.force_login(secretariat_user)
    meeting = HeldMeetingFactory()
    DecisionFactory(agenda_item__meeting=meeting)
    url = reverse("proceedings:record", args=[meeting.pk])
    one = count_queries(url)
    for _ in range(4):
        item = AgendaItemFactory(meeting=meeting)
        DecisionFactory(agenda_item=item)
        ActionItemFactory(agenda_item=item)
    assert count_queries(url) == one


@pytest.mark.parametrize("role", ["secretariat", "focal_point"])
def test_tracker_query_count(client, count_queries, secretariat_user, focal_point_vn, viet_nam, role):
    client.force_login(secretariat_user if role == "secretariat" else focal_point_vn)
    ProgressReportFactory(action_item=ActionItemFactory(owner_member_state=viet_nam))
    one = count_queries(reverse("proceedings:tracker"))
    for _ in range(4):
        ProgressReportFactory(action_item=ActionItemFactory(owner_member_state=viet_nam))
        ActionItemFactory(owner_member_state=MemberStateFactory())
    assert count_queries(reverse("proceedings:tracker")) == one


@pytest.mark.parametrize("role", ["secretariat", "focal_point"])
def test_procedure_list_query_count(client, count_queries, secretariat_user, focal_point_vn, viet_nam, role):
    client.force_login(secretariat_user if role == "secretariat" else focal_point_vn)
    AnswerFactory(country=procedure_for(viet_nam).countries.get())
    one = count_queries(reverse("proceedings:procedures"))
    for _ in range(4):
        AnswerFactory(country=procedure_for(viet_nam, MemberStateFactory()).countries.first())
    assert count_queries(reverse("proceedings:procedures")) == one


def test_procedure_matrix_query_count(client, count_queries, secretariat_user, viet_nam):
    client.force_login(secretariat_user)
    procedure = procedure_for(viet_nam)
    AnswerFactory(country=procedure.countries.get())
    url = reverse("proceedings:procedure", args=[procedure.pk])
    one = count_queries(url)
    for _ in range(4):
        country = ProcedureCountryFactory(procedure=procedure)
        AnswerFactory(country=country, is_current=False, kind="objection", text="First")
        AnswerFactory(country=country, kind="no_objection")
    assert count_queries(url) == one

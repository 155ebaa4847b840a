"""The record in the API (/api/v1/decisions/, /action-items/, /procedures/): the same conventions as every
list (pagination, filters, ETag, tokens), and a country never reads another's action items or answers —
a foreign object answers exactly like a missing one. The change log carries them to the same readers."""

import pytest
from rest_framework.test import APIClient

from meetings.models import Meeting, MemberState
from proceedings.models import ActionItem, Answer
from proceedings.services import procedures
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    AnswerFactory,
    DecisionFactory,
    FocalPointFactory,
    HeldMeetingFactory,
    MemberStateFactory,
    ProcedureCountryFactory,
    WrittenProcedureFactory,
)
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def china(db):
    return MemberStateFactory(code="CN", name="China", group=MemberState.Group.PLUS_THREE)


@pytest.fixture
def focal_point_cn(china):
    return FocalPointFactory(member_state=china, user__username="fp-cn").user


# --- Every route: anonymous 401, another country's object 404 -------------------------------------------


@pytest.mark.parametrize("route", ["decisions", "action-items", "procedures"])
def test_anonymous_clients_are_asked_to_sign_in(route):
    response = APIClient().get(f"/api/v1/{route}/")
    assert (response.status_code, response.json()["code"]) == (401, "not_authenticated")


def test_decisions_for_the_invited_countries_and_the_secretariat(secretariat_user, focal_point_vn, focal_point_cn):
    asean_only = HeldMeetingFactory(invites_plus_three=False)
    decision = DecisionFactory(agenda_item__meeting=asean_only, text="The Meeting endorsed the work plan.")
    draft = DecisionFactory(agenda_item__meeting=HeldMeetingFactory(status=Meeting.Status.DRAFT))

    assert ids(client_for(secretariat_user).get("/api/v1/decisions/")) == [decision.pk, draft.pk]
    vn = client_for(focal_point_vn)
    assert ids(vn.get("/api/v1/decisions/")) == [decision.pk]
    body = vn.get(f"/api/v1/decisions/{decision.pk}/").json()
    assert (body["text"], body["meeting"]["id"], body["agenda_item"]["id"]) == (
        "The Meeting endorsed the work plan.",
        asean_only.pk,
        decision.agenda_item_id,
    )
    assert vn.get(f"/api/v1/decisions/{draft.pk}/").status_code == 404
    cn = client_for(focal_point_cn)
    assert ids(cn.get("/api/v1/decisions/")) == []
    assert cn.get(f"/api/v1/decisions/{decision.pk}/").json() == vn.get("/api/v1/decisions/999999/").json()


def test_decisions_in_the_requests_language_and_both(secretariat_user):
    decision = DecisionFactory(text_en="The Meeting adopted the report.", text_vi="Hội nghị thông qua báo cáo.")
    body = client_for(secretariat_user).get(f"/api/v1/decisions/{decision.pk}/", {"lang": "vi"}).json()
    assert (body["text"], body["text_en"], body["text_vi"]) == (
        "Hội nghị thông qua báo cáo.",
        "The Meeting adopted the report.",
        "Hội nghị thông qua báo cáo.",
    )


def test_a_country_reads_its_own_action_items_only(secretariat_user, focal_point_vn, viet_nam, thailand):
    own = ActionItemFactory(owner_member_state=viet_nam, description="Send the country report")
    theirs = ActionItemFactory(owner_member_state=thailand)
    secretariat_item = ActionItemFactory(owner_kind=ActionItem.Owner.SECRETARIAT)

    vn = client_for(focal_point_vn)
    assert ids(vn.get("/api/v1/action-items/")) == [own.pk]
    body = vn.get(f"/api/v1/action-items/{own.pk}/").json()
    assert (body["description"], body["owner_member_state"], body["owner_label"], body["status"]) == (
        "Send the country report",
        {"code": "VN", "name": "Viet Nam"},
        "Viet Nam",
        "open",
    )
    missing = vn.get("/api/v1/action-items/999999/")
    for foreign in (theirs, secretariat_item):
        response = vn.get(f"/api/v1/action-items/{foreign.pk}/")
        assert (response.status_code, response.json()) == (404, missing.json())
    assert sorted(ids(client_for(secretariat_user).get("/api/v1/action-items/"))) == sorted(
        [own.pk, theirs.pk, secretariat_item.pk]
    )


def test_action_item_filters(secretariat_user, viet_nam, thailand):
    meeting = HeldMeetingFactory()
    due_soon = ActionItemFactory(agenda_item__meeting=meeting, owner_member_state=viet_nam)
    due_soon.due_date = meeting.start.date()
    due_soon.save()
    done = ActionItemFactory(owner_member_state=thailand, status=ActionItem.Status.DONE)
    network = ActionItemFactory(owner_kind=ActionItem.Owner.NETWORK)
    staff = client_for(secretariat_user)
    assert ids(staff.get("/api/v1/action-items/", {"owner": "vn"})) == [due_soon.pk]
    assert ids(staff.get("/api/v1/action-items/", {"status": "done"})) == [done.pk]
    assert ids(staff.get("/api/v1/action-items/", {"owner_kind": "network"})) == [network.pk]
    assert ids(staff.get("/api/v1/action-items/", {"meeting": meeting.pk})) == [due_soon.pk]
    assert ids(staff.get("/api/v1/action-items/", {"due_before": meeting.start.date().isoformat()})) == [due_soon.pk]
    for bad in ({"due_before": "2024-02-30"}, {"status": "finished"}, {"meeting": "1.5"}, {"colour": "red"}):
        response = staff.get("/api/v1/action-items/", bad)
        assert (response.status_code, list(response.json()["fields"])) == (400, list(bad)), bad


def test_a_countrys_token_reads_that_countrys_items_only(token_client, secretariat_user, viet_nam, thailand):
    own = ActionItemFactory(owner_member_state=viet_nam)
    theirs = ActionItemFactory(owner_member_state=thailand)
    client = token_client(secretariat_user, "registrations", viet_nam)
    assert ids(client.get("/api/v1/action-items/")) == [own.pk]
    assert client.get(f"/api/v1/action-items/{theirs.pk}/").status_code == 404
    assert client.post("/api/v1/action-items/", {}, format="json").status_code in (403, 405)


def test_action_items_answer_304_until_one_changes(focal_point_vn, viet_nam):
    item = ActionItemFactory(owner_member_state=viet_nam)
    vn = client_for(focal_point_vn)
    first = vn.get("/api/v1/action-items/")
    generated = first["X-Page-Generated"]
    assert vn.get("/api/v1/action-items/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    ActionItem.objects.filter(pk=item.pk).update(status=ActionItem.Status.IN_PROGRESS)
    item.refresh_from_db()
    item.save()
    assert vn.get("/api/v1/action-items/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    assert ids(vn.get("/api/v1/action-items/", {"updated_since": generated})) == [item.pk]


def test_a_country_reads_its_own_answer_only(secretariat_user, focal_point_vn, viet_nam, thailand):
    procedure = WrittenProcedureFactory(title="Draft ASEAN Declaration on mental health")
    vn_country = ProcedureCountryFactory(procedure=procedure, member_state=viet_nam)
    th_country = ProcedureCountryFactory(procedure=procedure, member_state=thailand)
    AnswerFactory(country=th_country, kind=Answer.Kind.OBJECTION, text="Thailand's reasons")
    not_asked = ProcedureCountryFactory(member_state=thailand).procedure

    vn = client_for(focal_point_vn)
    assert ids(vn.get("/api/v1/procedures/")) == [procedure.pk]
    body = vn.get(f"/api/v1/procedures/{procedure.pk}/").json()
    assert body["countries"] == [{"member_state": {"code": "VN", "name": "Viet Nam"}, "answer": None}]
    assert "Thailand's reasons" not in str(vn.get("/api/v1/procedures/").content)
    assert vn.get(f"/api/v1/procedures/{not_asked.pk}/").json() == vn.get("/api/v1/procedures/999999/").json()
    assert vn.get(f"/api/v1/procedures/{not_asked.pk}/").status_code == 404

    AnswerFactory(country=vn_country, kind=Answer.Kind.COMMENTS, text="Paragraph 3: say 'public sector'.")
    [own] = vn.get(f"/api/v1/procedures/{procedure.pk}/").json()["countries"]
    assert (own["answer"]["kind"], own["answer"]["text"]) == ("comments", "Paragraph 3: say 'public sector'.")

    staff = client_for(secretariat_user).get(f"/api/v1/procedures/{procedure.pk}/").json()
    assert [(c["member_state"]["code"], c["answer"]["kind"]) for c in staff["countries"]] == [
        ("TH", "objection"),
        ("VN", "comments"),
    ]


def test_another_countrys_answer_does_not_change_what_a_country_is_told(focal_point_vn, viet_nam, thailand):
    """Not even the ETag or Last-Modified: they would say when another country answered."""
    procedure = WrittenProcedureFactory()
    vn_country = ProcedureCountryFactory(procedure=procedure, member_state=viet_nam)
    th_country = ProcedureCountryFactory(procedure=procedure, member_state=thailand)
    vn = client_for(focal_point_vn)
    first = vn.get("/api/v1/procedures/")
    generated = first["X-Page-Generated"]
    AnswerFactory(country=th_country)
    again = vn.get("/api/v1/procedures/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert ids(vn.get("/api/v1/procedures/", {"updated_since": generated})) == []
    AnswerFactory(country=vn_country)
    assert vn.get("/api/v1/procedures/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    assert ids(vn.get("/api/v1/procedures/", {"updated_since": generated})) == [procedure.pk]


@pytest.mark.parametrize("route", ["decisions", "action-items", "procedures"])
def test_record_lists_query_count_stays_flat(route, secretariat_user, focal_point_vn, viet_nam, thailand):
    def add_some():
        meeting = HeldMeetingFactory()
        DecisionFactory(agenda_item=AgendaItemFactory(meeting=meeting))
        ActionItemFactory(agenda_item__meeting=meeting, owner_member_state=viet_nam)
        procedure = WrittenProcedureFactory()
        AnswerFactory(country=ProcedureCountryFactory(procedure=procedure, member_state=viet_nam))
        AnswerFactory(country=ProcedureCountryFactory(procedure=procedure, member_state=thailand))

    for user in (secretariat_user, focal_point_vn):
        client = client_for(user)
        add_some()
        one = queries_for(client, f"/api/v1/{route}/")
        for _ in range(4):
            add_some()
        assert queries_for(client, f"/api/v1/{route}/") == one, user


# --- The change log carries the record to the same readers -------------------------------------------------


def changes(client, object_type) -> list[tuple[int, str]]:
    response = client.get("/api/v1/changes/", {"object_type": object_type})
    assert response.status_code == 200, response.content
    return [(row["object_id"], row["action"]) for row in response.json()["results"]]


def test_the_changes_feed_carries_decisions_to_invited_countries(secretariat_user, focal_point_vn, focal_point_cn):
    decision = DecisionFactory(agenda_item__meeting=HeldMeetingFactory(invites_plus_three=False))
    pk = decision.pk
    decision.text = "Revised wording"
    decision.save()
    decision.delete()
    expected = [(pk, "created"), (pk, "changed"), (pk, "deleted")]
    assert changes(client_for(focal_point_vn), "decision") == expected
    assert changes(client_for(secretariat_user), "decision") == expected
    assert changes(client_for(focal_point_cn), "decision") == []
    assert changes(client_for(), "decision") == []


def test_an_action_item_handed_to_another_country_is_a_tombstone_for_the_first(
    secretariat_user, focal_point_vn, focal_point_th, viet_nam, thailand
):
    item = ActionItemFactory(owner_member_state=viet_nam)
    item.owner_member_state = thailand
    item.save()
    assert changes(client_for(focal_point_vn), "action_item") == [(item.pk, "created"), (item.pk, "unpublished")]
    assert changes(client_for(focal_point_th), "action_item") == [(item.pk, "changed")]
    assert client_for(focal_point_vn).get(f"/api/v1/action-items/{item.pk}/").status_code == 404
    assert changes(client_for(), "action_item") == []


def test_procedure_answers_in_the_changes_feed_reach_their_own_country_only(
    secretariat_user, focal_point_vn, focal_point_th, viet_nam, thailand
):
    procedure = procedures.procedure_circulate(
        actor=secretariat_user,
        data=procedures.ProcedureData(
            title_en="Draft ASEAN Declaration",
            body_en="The text.",
            deadline=WrittenProcedureFactory.build().deadline,
            member_states=(viet_nam, thailand),
        ),
    )
    procedures.procedure_answer(actor=focal_point_th, procedure=procedure, kind=Answer.Kind.OBJECTION, text="No.")
    vn, th = client_for(focal_point_vn), client_for(focal_point_th)
    assert changes(vn, "written_procedure") == [(procedure.pk, "created")]
    assert changes(th, "written_procedure") == [(procedure.pk, "created")]
    th_answer = Answer.objects.get(country__member_state=thailand)
    assert changes(th, "procedure_answer") == [(th_answer.pk, "created")]
    assert changes(vn, "procedure_answer") == []
    assert changes(client_for(secretariat_user), "procedure_answer") == [(th_answer.pk, "created")]
    [row] = th.get("/api/v1/changes/", {"object_type": "procedure_answer"}).json()["results"]
    assert row["new_values"] == {"procedure": procedure.pk, "kind": "objection"}


def test_an_agenda_item_deleted_with_its_record_leaves_a_tombstone_for_each(secretariat_user, focal_point_vn, viet_nam):
    from meetings.services import schedule

    meeting = HeldMeetingFactory()
    item = AgendaItemFactory(meeting=meeting)
    decision = DecisionFactory(agenda_item=item)
    action = ActionItemFactory(agenda_item=item, owner_member_state=viet_nam)
    deleted = (item.pk, decision.pk, action.pk)
    schedule.agenda_item_delete(actor=secretariat_user, item=item)
    rows = client_for(focal_point_vn).get("/api/v1/changes/", {"tombstones": "true"}).json()["results"]
    assert sorted((row["object_type"], row["object_id"]) for row in rows) == sorted(
        [("agenda_item", deleted[0]), ("decision", deleted[1]), ("action_item", deleted[2])]
    )

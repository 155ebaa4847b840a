import datetime as dt

import pytest
from rest_framework.test import APIClient

from tests.factories import (
    InitiativeDecisionFactory,
    InitiativeFactory,
    MeetingFactory,
    MemberStateFactory,
    PriorityAreaFactory,
    ProgressUpdateFactory,
    WorkPlanFactory,
)
from tests.helpers import queries_for
from workplan import services


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def initiatives(modernisation, viet_nam, thailand):
    psti = InitiativeFactory(
        priority_area=modernisation,
        title="PSTI network",
        title_vi="Mạng lưới PSTI",
        lead=viet_nam,
        status="ongoing",
        planned_start=dt.date(2023, 1, 1),
    )
    psti.co_leads.add(thailand)
    ProgressUpdateFactory(initiative=psti, date=dt.date(2024, 8, 5), percent_complete=80, text="Handed over.")
    InitiativeFactory(
        priority_area=modernisation, title="Resource Centres", lead=thailand, planned_start=dt.date(2023, 6, 1)
    )
    InitiativeFactory(
        priority_area=modernisation,
        title="VN proposal",
        lead=viet_nam,
        status="proposed",
        planned_start=dt.date(2024, 1, 1),
        planned_end=dt.date(2024, 12, 31),
    )
    return psti


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["title"] for row in response.json()["results"]]


def test_public_list_of_initiatives_shows_approved_work_with_latest_progress(api_client, initiatives, thailand):
    response = api_client.get("/api/v1/initiatives/")

    assert titles(response) == ["PSTI network", "Resource Centres"]
    first = response.json()["results"][0]
    assert first["lead"] == {"code": "VN", "name": "Viet Nam"}
    assert first["co_leads"] == [{"code": "TH", "name": "Thailand"}]
    assert first["priority_area"] == {
        "id": initiatives.priority_area_id,
        "number": 5,
        "title": "Civil service modernisation",
    }
    assert first["latest_progress"] == {"percent_complete": 80, "date": "2024-08-05", "text": "Handed over."}
    assert first["page_url"].endswith(f"/en/workplan/initiatives/{initiatives.pk}/")


def test_initiatives_come_in_the_requests_language(api_client, initiatives):
    response = api_client.get("/api/v1/initiatives/?lang=vi")

    assert titles(response)[0] == "Mạng lưới PSTI"


def test_focal_point_also_sees_their_own_proposals(api_client, initiatives, focal_point_vn, focal_point_th):
    api_client.force_login(focal_point_vn)
    assert titles(api_client.get("/api/v1/initiatives/")) == ["PSTI network", "Resource Centres", "VN proposal"]

    api_client.force_login(focal_point_th)
    assert titles(api_client.get("/api/v1/initiatives/")) == ["PSTI network", "Resource Centres"]


def test_another_countrys_proposal_is_a_json_404(api_client, initiatives, focal_point_th):
    proposal = InitiativeFactory(priority_area=initiatives.priority_area, lead=initiatives.lead, status="proposed")
    api_client.force_login(focal_point_th)

    response = api_client.get(f"/api/v1/initiatives/{proposal.pk}/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=ongoing", ["PSTI network"]),
        ("lead=th", ["Resource Centres"]),
        ("lead=VN&status=approved", []),
    ],
)
def test_initiatives_filter_by_status_and_lead(api_client, initiatives, query, expected):
    assert titles(api_client.get(f"/api/v1/initiatives/?{query}")) == expected


def test_a_malformed_filter_is_a_400_naming_the_parameter(api_client, initiatives):
    for query, parameter in (("status=nonsense", "status"), ("work_plan=abc", "work_plan")):
        response = api_client.get(f"/api/v1/initiatives/?{query}")
        assert response.status_code == 400
        assert list(response.json()["fields"]) == [parameter]


def test_initiative_detail_has_progress_updates_and_decisions(api_client, initiatives):
    som = MeetingFactory(title="SOM of ACCSM 21")
    InitiativeDecisionFactory(initiative=initiatives, meeting=som)

    body = api_client.get(f"/api/v1/initiatives/{initiatives.pk}/").json()

    assert [(u["percent_complete"], u["text"]) for u in body["progress_updates"]] == [(80, "Handed over.")]
    assert [(d["meeting"]["title"], d["outcome"]) for d in body["decisions"]] == [("SOM of ACCSM 21", "approved")]


def test_a_new_progress_update_changes_the_etag(api_client, initiatives, focal_point_vn):
    first = api_client.get("/api/v1/initiatives/")
    etag = first["ETag"]
    assert api_client.get("/api/v1/initiatives/", HTTP_IF_NONE_MATCH=etag).status_code == 304

    services.progress_post(actor=focal_point_vn, initiative=initiatives, text="More.", percent_complete=85)

    assert api_client.get("/api/v1/initiatives/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_priority_areas_of_a_plan(api_client, work_plan, modernisation):
    PriorityAreaFactory(work_plan=work_plan, number=1, title="Good governance")
    PriorityAreaFactory(work_plan=WorkPlanFactory(title="Other"), number=1)

    response = api_client.get(f"/api/v1/priority-areas/?work_plan={work_plan.pk}")

    assert [(row["number"], row["title"]) for row in response.json()["results"]] == [
        (1, "Good governance"),
        (5, "Civil service modernisation"),
    ]


def test_a_plan_being_drafted_is_not_public(api_client, work_plan, focal_point_vn):
    draft = WorkPlanFactory(title="Post-2025 draft", is_draft=True)
    PriorityAreaFactory(work_plan=draft)

    assert [row["title"] for row in api_client.get("/api/v1/work-plans/").json()["results"]] == [work_plan.title]
    assert api_client.get(f"/api/v1/work-plans/{draft.pk}/").status_code == 404
    assert api_client.get(f"/api/v1/priority-areas/?work_plan={draft.pk}").json()["results"] == []
    api_client.force_login(focal_point_vn)
    assert api_client.get(f"/api/v1/work-plans/{draft.pk}/").status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/initiatives/", "/api/v1/priority-areas/", "/api/v1/work-plans/"])
def test_list_endpoints_query_count_does_not_grow(api_client, secretariat_user, work_plan, path):
    def add():
        area = PriorityAreaFactory(work_plan=work_plan)
        initiative = InitiativeFactory(priority_area=area, approved_at=MeetingFactory())
        initiative.co_leads.add(MemberStateFactory())
        ProgressUpdateFactory(initiative=initiative)
        WorkPlanFactory(title="Another plan")

    api_client.force_login(secretariat_user)
    add()
    one = queries_for(api_client, path)
    for _ in range(5):
        add()

    assert queries_for(api_client, path) == one


def test_initiative_detail_query_count_does_not_grow(api_client, initiatives):
    one = queries_for(api_client, f"/api/v1/initiatives/{initiatives.pk}/")
    ProgressUpdateFactory.create_batch(4, initiative=initiatives)
    InitiativeDecisionFactory.create_batch(2, initiative=initiatives, outcome="returned", note="Clarify.")

    assert queries_for(api_client, f"/api/v1/initiatives/{initiatives.pk}/") == one

"""Issue 20, item 5: the secretariat acts for the record — it edits an initiative and records the progress a
country reported orally at a SOM, each with a reason kept in the audit trail."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from common.errors import DomainError, NotFound
from meetings.models import Meeting
from tests.factories import InitiativeFactory, MeetingFactory
from workplan import services
from workplan.models import Initiative, ProgressUpdate


def url(path: str, lang: str = "en") -> str:
    return f"/{lang}/workplan/{path}"


@pytest.fixture
def ongoing(modernisation, thailand):
    return InitiativeFactory(
        priority_area=modernisation,
        title="ASEAN Resource Centres",
        lead=thailand,
        status=Initiative.Status.ONGOING,
        planned_start=modernisation.work_plan.period_start,
        planned_end=modernisation.work_plan.period_end,
    )


def edit_post(initiative, **overrides):
    data = {
        "title_en": "ASEAN Resource Centres (renamed)",
        "title_vi": "Các Trung tâm Nguồn lực ASEAN",
        "description_en": "Six centres.",
        "description_vi": "",
        "priority_area": initiative.priority_area_id,
        "planned_start": initiative.planned_start.isoformat(),
        "planned_end": initiative.planned_end.isoformat(),
        "reason": "Corrected after SOM 23, as the chair asked.",
    }
    data.update(overrides)
    return data


def test_the_secretariat_edits_an_initiative_with_a_reason_in_the_audit_trail(client, secretariat_user, ongoing):
    client.force_login(secretariat_user)
    page = client.get(url(f"initiatives/{ongoing.pk}/edit/"))
    assert page.status_code == 200
    assert "Edit the initiative for the record" in page.content.decode()

    response = client.post(url(f"initiatives/{ongoing.pk}/edit/"), edit_post(ongoing))

    assert response.status_code == 302
    ongoing.refresh_from_db()
    assert (ongoing.title_en, ongoing.status, ongoing.lead.code) == (
        "ASEAN Resource Centres (renamed)",
        "ongoing",
        "TH",
    )
    entry = LogEntry.objects.get_for_object(ongoing).order_by("-timestamp", "-pk").first()
    assert entry.actor == secretariat_user
    assert entry.additional_data["reason"] == "Corrected after SOM 23, as the chair asked."


def test_an_edit_without_a_reason_is_refused_beside_the_reason(client, secretariat_user, ongoing):
    client.force_login(secretariat_user)

    response = client.post(url(f"initiatives/{ongoing.pk}/edit/"), edit_post(ongoing, reason="  "))

    assert response.status_code == 422
    assert "reason is kept in the audit trail" in str(response.context["form"].errors["reason"])
    ongoing.refresh_from_db()
    assert ongoing.title_en == "ASEAN Resource Centres"


def test_the_one_rule_of_who_edits(secretariat_user, focal_point_th, focal_point_vn, ongoing, modernisation, thailand):
    proposal = InitiativeFactory(priority_area=modernisation, lead=thailand, status=Initiative.Status.PROPOSED)
    assert services.can_edit_initiative(secretariat_user, ongoing)
    assert services.can_edit_initiative(focal_point_th, proposal)
    assert not services.can_edit_initiative(focal_point_th, ongoing)  # approved work: only the secretariat
    with pytest.raises(NotFound):
        services.ensure_may_edit_initiative(focal_point_vn, proposal)
    with pytest.raises(DomainError, match="reason"):
        services.ensure_may_edit_initiative(secretariat_user, ongoing, reason="")


def test_another_countrys_focal_point_still_gets_a_404(client, focal_point_vn, ongoing):
    client.force_login(focal_point_vn)
    assert client.get(url(f"initiatives/{ongoing.pk}/edit/")).status_code == 404
    assert client.post(url(f"initiatives/{ongoing.pk}/edit/"), edit_post(ongoing)).status_code == 404
    assert client.get(url(f"initiatives/{ongoing.pk}/progress/")).status_code == 404


def test_the_secretariat_records_progress_reported_orally_at_a_som(client, secretariat_user, ongoing, past_som):
    client.force_login(secretariat_user)
    assert client.get(url(f"initiatives/{ongoing.pk}/progress/")).status_code == 200

    response = client.post(
        url(f"initiatives/{ongoing.pk}/progress/"),
        {
            "meeting": past_som.pk,
            "percent_complete": 60,
            "text": "Thailand reported that four centres are open.",
            "reason": "Reported orally under item 4.",
        },
    )

    assert response.status_code == 302
    update = ProgressUpdate.objects.get(initiative=ongoing)
    assert (update.reported_at, update.percent_complete, update.date) == (past_som, 60, past_som.local_start.date())
    entry = LogEntry.objects.get_for_object(update).get()
    assert entry.actor == secretariat_user
    assert entry.additional_data["reason"] == "Reported orally under item 4."
    assert entry.additional_data["member_state"] == "TH"
    detail = client.get(url(f"initiatives/{ongoing.pk}/")).content.decode()
    assert "Reported orally at SOM of ACCSM 23" in detail


@pytest.mark.parametrize(
    ("meeting_kind", "days", "reason", "message"),
    [
        (None, 0, "r", "Name the SOM"),
        (Meeting.Kind.HCS, -2, "r", "recorded from a SOM"),
        (Meeting.Kind.SOM, 5, "r", "has not taken place"),
        (Meeting.Kind.SOM, -2, "", "reason is kept in the audit trail"),
    ],
)
def test_oral_progress_needs_a_som_that_has_met_and_a_reason(
    secretariat_user, ongoing, meeting_kind, days, reason, message
):
    meeting = None
    if meeting_kind:
        start = timezone.now() + dt.timedelta(days=days)
        meeting = MeetingFactory(kind=meeting_kind, start=start, end=start + dt.timedelta(hours=8),
                                 registration_deadline=start - dt.timedelta(days=10))  # fmt: skip
    with pytest.raises(DomainError, match=message):
        services.progress_post(
            actor=secretariat_user,
            initiative=ongoing,
            text="Done.",
            percent_complete=10,
            meeting=meeting,
            reason=reason,
        )
    assert not ProgressUpdate.objects.exists()


def test_the_secretariat_sees_both_buttons_on_the_initiative(client, secretariat_user, ongoing):
    client.force_login(secretariat_user)
    content = client.get(url(f"initiatives/{ongoing.pk}/")).content.decode()
    assert "Edit for the record" in content and "Record progress reported orally" in content

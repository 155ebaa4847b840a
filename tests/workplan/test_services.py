import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from common.errors import Conflict, DomainError, Forbidden, NotFound
from documents.models import Document
from meetings.models import AgendaItem, Meeting
from tests.factories import (
    AgendaItemFactory,
    FocalPointFactory,
    InitiativeFactory,
    MeetingFactory,
    MemberStateFactory,
    PriorityAreaFactory,
    ProgressUpdateFactory,
    UserFactory,
    WorkPlanFactory,
    upload_file,
)
from workplan import services
from workplan.models import Initiative, InitiativeDecision, ProgressUpdate, WorkPlan
from workplan.services import ProposalData


def proposal(area, **overrides) -> ProposalData:
    today = timezone.localdate()
    values = {
        "title_en": "ASEAN Resource Centre on civil service modernisation",
        "title_vi": "Trung tâm nguồn lực ASEAN về hiện đại hóa nền công vụ",
        "description_en": "A centre that shares practice.",
        "priority_area": area,
        "planned_start": today,
        "planned_end": today + dt.timedelta(days=365),
    }
    return ProposalData(**{**values, **overrides})


# --- Proposals -------------------------------------------------------------------------------------


def test_focal_point_proposes_for_their_own_country(focal_point_vn, viet_nam, thailand, work_plan, modernisation):
    initiative = services.initiative_propose(
        actor=focal_point_vn, work_plan=work_plan, data=proposal(modernisation, co_leads=(thailand,))
    )

    initiative.refresh_from_db()
    assert initiative.lead == viet_nam
    assert initiative.status == Initiative.Status.PROPOSED
    assert initiative.proposed_by == focal_point_vn
    assert list(initiative.co_leads.all()) == [thailand]
    assert initiative.title_en == "ASEAN Resource Centre on civil service modernisation"
    with translation.override("vi"):
        assert initiative.title == "Trung tâm nguồn lực ASEAN về hiện đại hóa nền công vụ"


def test_a_proposal_without_vietnamese_title_reads_in_english_in_vietnamese(focal_point_vn, work_plan, modernisation):
    initiative = services.initiative_propose(
        actor=focal_point_vn, work_plan=work_plan, data=proposal(modernisation, title_vi="")
    )

    with translation.override("vi"):
        assert Initiative.objects.get(pk=initiative.pk).title == "ASEAN Resource Centre on civil service modernisation"


def test_a_proposal_for_another_country_is_refused(focal_point_vn, thailand, work_plan, modernisation):
    with pytest.raises(DomainError) as refused:
        services.initiative_propose(
            actor=focal_point_vn, work_plan=work_plan, data=proposal(modernisation), lead=thailand
        )

    assert refused.value.field == "lead"
    assert str(refused.value.message) == "You can propose initiatives only for your own country, Viet Nam."
    assert Initiative.objects.count() == 0


def test_someone_who_is_not_a_focal_point_cannot_propose(secretariat_user, work_plan, modernisation):
    with pytest.raises(Forbidden):
        services.initiative_propose(actor=secretariat_user, work_plan=work_plan, data=proposal(modernisation))


@pytest.mark.parametrize(
    ("field", "start_offset", "end_offset"),
    [("planned_start", -10_000, 10), ("planned_end", 0, 10_000)],
)
def test_planned_dates_outside_the_plan_are_refused(
    focal_point_vn, work_plan, modernisation, field, start_offset, end_offset
):
    today = timezone.localdate()
    data = proposal(
        modernisation,
        planned_start=today + dt.timedelta(days=start_offset),
        planned_end=today + dt.timedelta(days=end_offset),
    )

    with pytest.raises(DomainError) as refused:
        services.initiative_propose(actor=focal_point_vn, work_plan=work_plan, data=data)

    assert refused.value.field == field
    assert str(refused.value.message).startswith("Choose a date within ACCSM Work Plan 2026–2030")


def test_planned_end_before_start_is_refused(focal_point_vn, work_plan, modernisation):
    today = timezone.localdate()
    data = proposal(modernisation, planned_start=today, planned_end=today - dt.timedelta(days=1))

    with pytest.raises(DomainError) as refused:
        services.initiative_propose(actor=focal_point_vn, work_plan=work_plan, data=data)

    assert refused.value.field == "planned_end"


def test_priority_area_of_another_plan_is_refused(focal_point_vn, work_plan):
    other_area = PriorityAreaFactory(work_plan=WorkPlanFactory(title="Another plan"))

    with pytest.raises(DomainError) as refused:
        services.initiative_propose(actor=focal_point_vn, work_plan=work_plan, data=proposal(other_area))

    assert refused.value.field == "priority_area"


def test_the_lead_country_cannot_be_its_own_co_lead(focal_point_vn, viet_nam, work_plan, modernisation):
    with pytest.raises(DomainError) as refused:
        services.initiative_propose(
            actor=focal_point_vn, work_plan=work_plan, data=proposal(modernisation, co_leads=(viet_nam,))
        )

    assert refused.value.field == "co_leads"


def test_returned_proposal_is_revised_and_goes_back_as_a_proposal(focal_point_vn, viet_nam, modernisation):
    initiative = InitiativeFactory(priority_area=modernisation, lead=viet_nam, status=Initiative.Status.RETURNED)

    services.initiative_revise(
        actor=focal_point_vn, initiative=initiative, data=proposal(modernisation, title_en="Revised title")
    )

    initiative.refresh_from_db()
    assert (initiative.status, initiative.title_en) == (Initiative.Status.PROPOSED, "Revised title")


def test_another_countrys_proposal_cannot_be_revised(focal_point_th, viet_nam, modernisation):
    initiative = InitiativeFactory(priority_area=modernisation, lead=viet_nam, status=Initiative.Status.PROPOSED)

    with pytest.raises(NotFound):
        services.initiative_revise(actor=focal_point_th, initiative=initiative, data=proposal(modernisation))


def test_a_proposal_on_an_agenda_cannot_be_revised(focal_point_vn, viet_nam, modernisation, coming_som):
    item = AgendaItemFactory(meeting=coming_som)
    initiative = InitiativeFactory(
        priority_area=modernisation, lead=viet_nam, status=Initiative.Status.PROPOSED, agenda_item=item
    )

    with pytest.raises(DomainError, match="is on the agenda of SOM of ACCSM 24"):
        services.initiative_revise(actor=focal_point_vn, initiative=initiative, data=proposal(modernisation))


# --- Agenda and decision ---------------------------------------------------------------------------


def test_secretariat_puts_a_proposal_on_a_soms_agenda(secretariat_user, viet_nam, modernisation, coming_som):
    AgendaItemFactory(meeting=coming_som, order=4)
    initiative = InitiativeFactory(
        priority_area=modernisation,
        lead=viet_nam,
        status=Initiative.Status.PROPOSED,
        title="PSTI network",
        title_vi="Mạng lưới PSTI",
    )

    item = services.initiative_put_on_agenda(actor=secretariat_user, initiative=initiative, meeting=coming_som)

    initiative.refresh_from_db()
    assert initiative.agenda_item == item
    assert (item.meeting, item.order) == (coming_som, 5)
    assert [(p.name, p.member_state, p.organisation) for p in item.presenters.all()] == [("", viet_nam, "")]
    assert (item.title_en, item.title_vi) == ("Proposal: PSTI network", "Đề xuất: Mạng lưới PSTI")


def test_putting_on_the_same_agenda_twice_adds_one_item(secretariat_user, modernisation, coming_som):
    initiative = InitiativeFactory(priority_area=modernisation, status=Initiative.Status.PROPOSED)

    first = services.initiative_put_on_agenda(actor=secretariat_user, initiative=initiative, meeting=coming_som)
    second = services.initiative_put_on_agenda(actor=secretariat_user, initiative=initiative, meeting=coming_som)

    assert first == second
    assert AgendaItem.objects.filter(meeting=coming_som).count() == 1


def test_a_proposal_cannot_go_on_the_agenda_of_a_meeting_that_is_not_a_som(secretariat_user, modernisation):
    workshop = MeetingFactory(kind=Meeting.Kind.WORKSHOP, title="Workshop on IT application")
    initiative = InitiativeFactory(priority_area=modernisation, status=Initiative.Status.PROPOSED)

    with pytest.raises(DomainError) as refused:
        services.initiative_put_on_agenda(actor=secretariat_user, initiative=initiative, meeting=workshop)

    assert refused.value.field == "meeting"
    assert AgendaItem.objects.count() == 0


def test_a_focal_point_cannot_put_proposals_on_an_agenda(focal_point_vn, viet_nam, modernisation, coming_som):
    initiative = InitiativeFactory(priority_area=modernisation, lead=viet_nam, status=Initiative.Status.PROPOSED)

    with pytest.raises(Forbidden):
        services.initiative_put_on_agenda(actor=focal_point_vn, initiative=initiative, meeting=coming_som)


def test_som_approves_a_proposal_on_its_agenda(secretariat_user, modernisation, past_som):
    initiative = InitiativeFactory(priority_area=modernisation, status=Initiative.Status.PROPOSED)
    item = services.initiative_put_on_agenda(
        actor=secretariat_user, initiative=initiative, meeting=MeetingFactory(kind=Meeting.Kind.SOM)
    )
    item.meeting = past_som  # the SOM it was put on has met by now
    item.save()

    decision = services.initiative_decide(
        actor=secretariat_user, initiative=initiative, meeting=past_som, outcome="approved"
    )

    initiative.refresh_from_db()
    item.refresh_from_db()
    assert (initiative.status, initiative.approved_at) == (Initiative.Status.APPROVED, past_som)
    assert (decision.meeting, decision.agenda_item, decision.recorded_by) == (past_som, item, secretariat_user)
    assert (item.outcome_en, item.outcome_vi) == ("Approved.", "Đã thông qua.")
    assert AgendaItem.objects.filter(meeting=past_som).count() == 1


def test_a_decision_without_an_agenda_item_adds_one_to_that_som(secretariat_user, modernisation, past_som):
    initiative = InitiativeFactory(priority_area=modernisation, status=Initiative.Status.PROPOSED)

    decision = services.initiative_decide(
        actor=secretariat_user, initiative=initiative, meeting=past_som, outcome="approved"
    )

    assert decision.agenda_item.meeting == past_som


def test_som_returns_a_proposal_with_its_reason(secretariat_user, modernisation, past_som):
    initiative = InitiativeFactory(priority_area=modernisation, status=Initiative.Status.PROPOSED)

    services.initiative_decide(
        actor=secretariat_user,
        initiative=initiative,
        meeting=past_som,
        outcome="returned",
        note="Clarify the budget.",
    )

    initiative.refresh_from_db()
    assert (initiative.status, initiative.approved_at, initiative.agenda_item) == (
        Initiative.Status.RETURNED,
        None,
        None,
    )
    decision = initiative.decisions.get()
    assert decision.note == "Clarify the budget."
    assert decision.agenda_item.outcome_en == "Returned to the proposing country: Clarify the budget."


def test_returning_without_a_reason_is_refused(secretariat_user, modernisation, past_som):
    initiative = InitiativeFactory(priority_area=modernisation, status=Initiative.Status.PROPOSED)

    with pytest.raises(DomainError) as refused:
        services.initiative_decide(
            actor=secretariat_user, initiative=initiative, meeting=past_som, outcome="returned", note=" "
        )

    assert refused.value.field == "note"


@pytest.mark.parametrize("kind", [Meeting.Kind.HCS, Meeting.Kind.WORKSHOP, Meeting.Kind.SOM_PLUS_THREE])
def test_approving_at_a_meeting_that_is_not_a_som_is_refused(secretariat_user, modernisation, kind):
    start = timezone.now() - dt.timedelta(days=1)
    meeting = MeetingFactory(kind=kind, start=start, registration_deadline=start - dt.timedelta(days=3))
    initiative = InitiativeFactory(priority_area=modernisation, status=Initiative.Status.PROPOSED)

    with pytest.raises(DomainError) as refused:
        services.initiative_decide(actor=secretariat_user, initiative=initiative, meeting=meeting, outcome="approved")

    assert refused.value.field == "meeting"
    assert "Only a Senior Officials Meeting (SOM) approves initiatives" in str(refused.value.message)
    initiative.refresh_from_db()
    assert (initiative.status, initiative.approved_at) == (Initiative.Status.PROPOSED, None)
    assert InitiativeDecision.objects.count() == 0


def test_a_decision_cannot_be_recorded_before_the_som_meets(secretariat_user, modernisation, coming_som):
    initiative = InitiativeFactory(priority_area=modernisation, status=Initiative.Status.PROPOSED)

    with pytest.raises(DomainError) as refused:
        services.initiative_decide(
            actor=secretariat_user, initiative=initiative, meeting=coming_som, outcome="approved"
        )

    assert refused.value.field == "meeting"


def test_an_approved_initiative_cannot_be_decided_again(secretariat_user, modernisation, past_som):
    initiative = InitiativeFactory(priority_area=modernisation, status=Initiative.Status.PROPOSED)
    services.initiative_decide(actor=secretariat_user, initiative=initiative, meeting=past_som, outcome="approved")

    with pytest.raises(DomainError, match="not a proposal awaiting a decision"):
        services.initiative_decide(actor=secretariat_user, initiative=initiative, meeting=past_som, outcome="approved")
    assert InitiativeDecision.objects.count() == 1


def test_the_database_holds_one_approval_per_initiative(modernisation, past_som):
    initiative = InitiativeFactory(priority_area=modernisation)
    InitiativeDecision.objects.create(initiative=initiative, meeting=past_som, outcome="approved")

    with pytest.raises(IntegrityError), transaction.atomic():
        InitiativeDecision.objects.create(initiative=initiative, meeting=MeetingFactory(), outcome="approved")


def test_the_database_refuses_a_return_without_reason(modernisation, past_som):
    initiative = InitiativeFactory(priority_area=modernisation)

    with pytest.raises(IntegrityError), transaction.atomic():
        InitiativeDecision.objects.create(initiative=initiative, meeting=past_som, outcome="returned", note="")


def test_a_duplicate_decision_caught_by_the_database_is_a_conflict(secretariat_user, modernisation, past_som):
    initiative = InitiativeFactory(priority_area=modernisation, status=Initiative.Status.PROPOSED)
    # Someone recorded the meeting's decision while the status still said "proposed".
    InitiativeDecision.objects.create(initiative=initiative, meeting=past_som, outcome="returned", note="Later.")

    with pytest.raises(Conflict):
        services.initiative_decide(actor=secretariat_user, initiative=initiative, meeting=past_som, outcome="approved")
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.PROPOSED


# --- Progress --------------------------------------------------------------------------------------


def test_lead_focal_point_reports_progress_and_the_work_is_ongoing(focal_point_vn, viet_nam, modernisation):
    initiative = InitiativeFactory(priority_area=modernisation, lead=viet_nam, status=Initiative.Status.APPROVED)

    update = services.progress_post(
        actor=focal_point_vn, initiative=initiative, text="Two workshops held.", percent_complete=40
    )

    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.ONGOING
    assert (update.percent_complete, update.author, update.date) == (40, focal_point_vn, timezone.localdate())


def test_hundred_percent_completes_the_initiative(focal_point_vn, viet_nam, modernisation):
    initiative = InitiativeFactory(priority_area=modernisation, lead=viet_nam, status=Initiative.Status.ONGOING)

    services.progress_post(actor=focal_point_vn, initiative=initiative, text="Done.", percent_complete=100)

    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.COMPLETED


@pytest.mark.parametrize("percent", [-1, 101, None])
def test_percent_outside_0_to_100_is_refused(focal_point_vn, viet_nam, modernisation, percent):
    initiative = InitiativeFactory(priority_area=modernisation, lead=viet_nam)

    with pytest.raises(DomainError) as refused:
        services.progress_post(actor=focal_point_vn, initiative=initiative, text="x", percent_complete=percent)

    assert refused.value.field == "percent_complete"
    assert ProgressUpdate.objects.count() == 0


def test_the_database_refuses_percent_above_100(modernisation):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressUpdateFactory(initiative=InitiativeFactory(priority_area=modernisation), percent_complete=101)


def test_a_co_lead_or_another_country_cannot_report_progress(focal_point_th, viet_nam, thailand, modernisation):
    initiative = InitiativeFactory(priority_area=modernisation, lead=viet_nam)
    initiative.co_leads.add(thailand)

    with pytest.raises(NotFound):
        services.progress_post(actor=focal_point_th, initiative=initiative, text="x", percent_complete=10)


def test_progress_is_not_reported_on_a_proposal(focal_point_vn, viet_nam, modernisation):
    initiative = InitiativeFactory(priority_area=modernisation, lead=viet_nam, status=Initiative.Status.PROPOSED)

    with pytest.raises(DomainError, match="approved, unfinished initiatives"):
        services.progress_post(actor=focal_point_vn, initiative=initiative, text="x", percent_complete=10)


def test_a_focal_point_whose_role_ended_cannot_report(viet_nam, modernisation):
    former = FocalPointFactory(member_state=viet_nam, is_active=False).user
    initiative = InitiativeFactory(priority_area=modernisation, lead=viet_nam)

    with pytest.raises(Forbidden):
        services.progress_post(actor=former, initiative=initiative, text="x", percent_complete=10)


# --- The next plan ---------------------------------------------------------------------------------


@pytest.fixture
def plan_2021(db):
    plan = WorkPlanFactory(title="ACCSM Work Plan 2021–2025")
    PriorityAreaFactory(work_plan=plan, number=1, title="Governance", title_vi="Quản trị")
    PriorityAreaFactory(work_plan=plan, number=5, title="Civil service modernisation", title_vi="Hiện đại hóa")
    return plan


def test_staff_start_the_next_plan_with_the_same_priority_areas(secretariat_user, plan_2021):
    plan = services.work_plan_start_next(
        actor=secretariat_user,
        previous=plan_2021,
        title_en="ACCSM Work Plan 2026–2030",
        title_vi="Kế hoạch công tác ACCSM 2026–2030",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2030, 12, 31),
    )

    assert (plan.previous, plan.is_draft) == (plan_2021, True)
    assert [(a.number, a.title_en, a.title_vi) for a in plan.priority_areas.order_by("number")] == [
        (1, "Governance", "Quản trị"),
        (5, "Civil service modernisation", "Hiện đại hóa"),
    ]


def test_the_next_plan_cannot_overlap_the_previous_one(secretariat_user, plan_2021):
    with pytest.raises(DomainError) as refused:
        services.work_plan_start_next(
            actor=secretariat_user,
            previous=plan_2021,
            title_en="Overlapping",
            period_start=dt.date(2025, 6, 1),
            period_end=dt.date(2030, 12, 31),
        )

    assert refused.value.field == "period_start"
    assert WorkPlan.objects.count() == 1


def test_the_next_plan_is_started_once(secretariat_user, plan_2021):
    arguments = {
        "actor": secretariat_user,
        "previous": plan_2021,
        "title_en": "Post-2025",
        "period_start": dt.date(2026, 1, 1),
        "period_end": dt.date(2030, 12, 31),
    }
    services.work_plan_start_next(**arguments)

    with pytest.raises(DomainError, match="has already been started"):
        services.work_plan_start_next(**arguments)


def test_a_focal_point_cannot_start_a_plan(focal_point_vn, plan_2021):
    with pytest.raises(Forbidden):
        services.work_plan_start_next(
            actor=focal_point_vn,
            previous=plan_2021,
            title_en="x",
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2030, 12, 31),
        )


@pytest.fixture
def next_plan(secretariat_user, plan_2021):
    return services.work_plan_start_next(
        actor=secretariat_user,
        previous=plan_2021,
        title_en="ACCSM Work Plan 2026–2030",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2030, 12, 31),
    )


def test_an_unfinished_initiative_is_carried_over_as_a_proposal(secretariat_user, plan_2021, next_plan, thailand):
    old_area = plan_2021.priority_areas.get(number=5)
    new_area = next_plan.priority_areas.get(number=5)
    original = InitiativeFactory(
        priority_area=old_area,
        title="ACCSM Strategic Partnership Framework",
        title_vi="Khung đối tác chiến lược ACCSM",
        status=Initiative.Status.ONGOING,
        planned_start=dt.date(2022, 1, 1),
        planned_end=dt.date(2026, 6, 30),
    )
    original.co_leads.add(thailand)

    copy = services.initiative_carry_over(actor=secretariat_user, initiative=original, priority_area=new_area)

    copy.refresh_from_db()
    assert copy.carried_over_from == original
    assert (copy.priority_area, copy.status, copy.lead) == (new_area, Initiative.Status.PROPOSED, original.lead)
    assert (copy.title_en, copy.title_vi) == ("ACCSM Strategic Partnership Framework", "Khung đối tác chiến lược ACCSM")
    assert (copy.planned_start, copy.planned_end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert list(copy.co_leads.all()) == [thailand]
    original.refresh_from_db()
    assert original.status == Initiative.Status.ONGOING


def test_an_initiative_is_carried_over_once(secretariat_user, plan_2021, next_plan):
    original = InitiativeFactory(priority_area=plan_2021.priority_areas.get(number=5))
    area = next_plan.priority_areas.get(number=5)
    services.initiative_carry_over(actor=secretariat_user, initiative=original, priority_area=area)

    with pytest.raises(DomainError, match="already been carried over"):
        services.initiative_carry_over(actor=secretariat_user, initiative=original, priority_area=area)
    assert Initiative.objects.filter(carried_over_from=original).count() == 1


def test_a_completed_initiative_is_not_carried_over(secretariat_user, plan_2021, next_plan):
    done = InitiativeFactory(priority_area=plan_2021.priority_areas.get(number=5), status="completed")

    with pytest.raises(DomainError, match="Only unfinished initiatives"):
        services.initiative_carry_over(
            actor=secretariat_user, initiative=done, priority_area=next_plan.priority_areas.get(number=5)
        )


def test_carrying_over_into_a_plan_that_does_not_follow_is_refused(secretariat_user, plan_2021, next_plan):
    original = InitiativeFactory(priority_area=plan_2021.priority_areas.get(number=5))
    unrelated = PriorityAreaFactory(work_plan=WorkPlanFactory(title="Unrelated"))

    with pytest.raises(DomainError) as refused:
        services.initiative_carry_over(actor=secretariat_user, initiative=original, priority_area=unrelated)

    assert refused.value.field == "priority_area"


def test_a_user_without_a_role_cannot_do_anything(modernisation, past_som):
    nobody = UserFactory()
    initiative = InitiativeFactory(priority_area=modernisation, lead=MemberStateFactory())

    with pytest.raises(Forbidden):
        services.initiative_decide(actor=nobody, initiative=initiative, meeting=past_som, outcome="approved")
    with pytest.raises(Forbidden):
        services.progress_post(actor=nobody, initiative=initiative, text="x", percent_complete=1)


# --- Attachments -----------------------------------------------------------------------------------


def test_progress_update_carries_attached_documents_checked_by_content(focal_point_vn, viet_nam, modernisation):
    initiative = InitiativeFactory(priority_area=modernisation, lead=viet_nam, status="ongoing")

    update = services.progress_post(
        actor=focal_point_vn,
        initiative=initiative,
        text="Workshop report attached.",
        percent_complete=60,
        files=[upload_file("Workshop_report.pdf")],
    )

    (document,) = update.documents.all()
    assert (document.title_en, document.kind, document.initiative, document.member_state) == (
        "Workshop report",
        Document.Kind.REPORT,
        initiative,
        viet_nam,
    )
    assert (document.visibility, document.status) == (Document.Visibility.MEMBER_STATES, Document.Status.DRAFT)
    assert document.current_version.original_name == "Workshop_report.pdf"


def test_a_refused_attachment_refuses_the_whole_update(focal_point_vn, viet_nam, modernisation):
    initiative = InitiativeFactory(priority_area=modernisation, lead=viet_nam, status="ongoing")

    with pytest.raises(DomainError) as refused:
        services.progress_post(
            actor=focal_point_vn,
            initiative=initiative,
            text="x",
            percent_complete=60,
            files=[upload_file("report.pdf", b"MZ\x90\x00 not a pdf at all")],
        )

    assert refused.value.field == "files"
    assert (ProgressUpdate.objects.count(), Document.objects.count()) == (0, 0)
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.ONGOING


def test_a_plan_that_has_ended_takes_no_more_proposals(focal_point_vn):
    ended = WorkPlanFactory(title="ACCSM Work Plan 2021–2025")
    area = PriorityAreaFactory(work_plan=ended)
    data = proposal(area, planned_start=dt.date(2025, 1, 1), planned_end=dt.date(2025, 6, 30))

    with pytest.raises(DomainError, match="ACCSM Work Plan 2021–2025 ended on 31 December 2025"):
        services.initiative_propose(actor=focal_point_vn, work_plan=ended, data=data)


def test_putting_on_the_agenda_is_a_change_of_the_meeting_for_calendars_and_the_change_log(
    secretariat_user, modernisation, coming_som
):
    initiative = InitiativeFactory(priority_area=modernisation, status=Initiative.Status.PROPOSED)
    sequence = coming_som.sequence

    services.initiative_put_on_agenda(actor=secretariat_user, initiative=initiative, meeting=coming_som)

    coming_som.refresh_from_db()
    assert coming_som.sequence == sequence + 1
    assert list(coming_som.changes.values_list("action", flat=True)) == ["changed"]


def test_a_decision_at_a_som_of_a_chairmanship_handed_over_is_refused(secretariat_user, modernisation, past_som):
    past_som.chairmanship.handed_over_at = timezone.now()
    past_som.chairmanship.save()
    initiative = InitiativeFactory(priority_area=modernisation, status=Initiative.Status.PROPOSED)

    with pytest.raises(DomainError) as refused:
        services.initiative_decide(actor=secretariat_user, initiative=initiative, meeting=past_som, outcome="approved")

    assert refused.value.field == "meeting"
    assert "handed over" in str(refused.value.message)
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.PROPOSED
    assert InitiativeDecision.objects.count() == 0

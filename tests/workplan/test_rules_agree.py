"""The plan page, the proposal form, the progress (upload) page, the initiative's page and the proposals list ask the work plan services' own rules (can_edit_initiative,
can_report_progress, can_put_on_agenda, can_decide): a link is shown exactly when the service's rule lets
the step through."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from common.errors import DomainError, Forbidden, NotFound
from tests.factories import InitiativeFactory, PriorityAreaFactory, UserFactory, WorkPlanFactory
from workplan import services
from workplan.models import Initiative
from workplan.services import ProposalData

pytestmark = pytest.mark.django_db

LINKS = {
    "workplan:initiative_edit": services.ensure_may_edit_initiative,
    "workplan:initiative_progress": services.ensure_may_report_progress,
    "workplan:initiative_agenda": services.ensure_may_put_on_agenda,
    "workplan:initiative_decision": services.ensure_may_decide,
}


def _lets_through(rule, actor, initiative) -> bool:
    try:
        rule(actor, initiative)
    except DomainError:
        return False
    return True


@pytest.mark.parametrize("who", ["focal_point_vn", "focal_point_th", "secretariat_user"])
def test_the_initiative_page_shows_each_step_exactly_when_its_rule_lets_it_through(client, request, viet_nam, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    for status in Initiative.Status:
        initiative = InitiativeFactory(lead=viet_nam, status=status)
        response = client.get(reverse("workplan:initiative", args=[initiative.pk]))
        if response.status_code == 404:
            continue
        page = response.content.decode()
        for name, rule in LINKS.items():
            shown = reverse(name, args=[initiative.pk]) in page
            assert shown == _lets_through(rule, user, initiative), (who, status, name)


def test_the_proposals_list_offers_the_secretariats_steps_exactly_when_their_rules_let_them_through(
    client, secretariat_user, viet_nam
):
    client.force_login(secretariat_user)
    initiatives = [InitiativeFactory(lead=viet_nam, status=status) for status in Initiative.PROPOSAL_STATUSES]
    work_plan = initiatives[0].priority_area.work_plan
    for initiative in initiatives[1:]:
        initiative.priority_area = initiatives[0].priority_area
        initiative.save()

    page = client.get(reverse("workplan:proposals", args=[work_plan.pk])).content.decode()

    for initiative in initiatives:
        for name in ("workplan:initiative_agenda", "workplan:initiative_decision"):
            shown = reverse(name, args=[initiative.pk]) in page
            assert shown == _lets_through(LINKS[name], secretariat_user, initiative), (initiative.status, name)


# --- Proposing and reporting (with its uploads): the page asks the service's rule, never its own copy ---

WHO = ["focal_point_vn", "focal_point_th", "secretariat_user", "plain_user"]


@pytest.fixture
def plain_user(db):
    """Signed in, but neither the secretariat nor a country's focal point."""
    return UserFactory()


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("plan", ["work_plan", "ended_plan"])
def test_the_propose_button_and_form_agree_with_the_proposal_rule(client, request, who, plan, modernisation):
    user = request.getfixturevalue(who)
    work_plan = request.getfixturevalue(plan)
    client.force_login(user)
    allowed = _lets_through(services.ensure_may_propose, user, work_plan)

    plan_page = client.get(reverse("workplan:plan", args=[work_plan.pk])).content.decode()
    form = client.get(reverse("workplan:propose", args=[work_plan.pk]))

    assert services.can_propose(user, work_plan) == allowed
    assert (reverse("workplan:propose", args=[work_plan.pk]) in plan_page) == allowed
    assert (form.status_code == 200) == allowed


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("plan", ["work_plan", "ended_plan"])
def test_the_proposal_service_agrees_with_the_proposal_rule(request, who, plan):
    user = request.getfixturevalue(who)
    work_plan = request.getfixturevalue(plan)
    area = PriorityAreaFactory(work_plan=work_plan)
    today = timezone.localdate()
    start = max(work_plan.period_start, min(today, work_plan.period_end))
    data = ProposalData(
        title_en="ASEAN Resource Centre", priority_area=area, planned_start=start, planned_end=work_plan.period_end
    )

    try:
        services.initiative_propose(actor=user, work_plan=work_plan, data=data)
    except DomainError:
        proposed = False
    else:
        proposed = True

    assert proposed == services.can_propose(user, work_plan)


@pytest.fixture
def ended_plan(db):
    return WorkPlanFactory(
        title="ACCSM Work Plan 2016–2020", period_start=dt.date(2016, 1, 1), period_end=dt.date(2020, 12, 31)
    )


@pytest.mark.parametrize("who", WHO)
def test_the_progress_page_and_its_upload_form_open_exactly_for_who_may_report(client, request, viet_nam, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    for status in Initiative.Status:
        initiative = InitiativeFactory(lead=viet_nam, status=status)
        detail = client.get(reverse("workplan:initiative", args=[initiative.pk]))
        if detail.status_code == 404:
            continue
        allowed = _lets_through(services.ensure_may_report_for, user, initiative)

        progress = client.get(reverse("workplan:initiative_progress", args=[initiative.pk]))

        assert services.can_report_for(user, initiative) == allowed
        assert (progress.status_code == 200) == allowed, (who, status, progress.status_code)
        assert ('name="files"' in progress.content.decode()) == allowed
        assert ("initiative-actions" in detail.content.decode()) == allowed, (who, status)


@pytest.mark.parametrize("who", WHO)
def test_the_progress_service_refuses_whoever_the_progress_page_refuses(request, viet_nam, who):
    user = request.getfixturevalue(who)
    initiative = InitiativeFactory(lead=viet_nam, status=Initiative.Status.APPROVED)

    try:
        services.progress_post(actor=user, initiative=initiative, text="Started.", percent_complete=10)
    except DomainError as error:
        posted, refusal = False, type(error)
    else:
        posted, refusal = True, None

    if who == "secretariat_user":  # the secretariat's record needs a SOM and a reason: refused by the form's rules
        assert services.can_report_for(user, initiative) and refusal not in (NotFound, Forbidden)
    else:
        assert posted == services.can_report_for(user, initiative)

"""The initiative's page and the proposals list ask the work plan services' own rules (can_edit_initiative,
can_report_progress, can_put_on_agenda, can_decide): a link is shown exactly when the service's rule lets
the step through."""

import pytest
from django.urls import reverse

from common.errors import DomainError
from tests.factories import InitiativeFactory
from workplan import services
from workplan.models import Initiative

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

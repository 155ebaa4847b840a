"""Issue 20, item 4: a closed procedure's outcome is written into the declaration track or the initiative's
decisions; a declaration step is recorded at a meeting that has taken place or by a closed procedure (the
one rule, documents.services.ensure_step_may_be_recorded); the compiled comments table as PDF and XLSX."""

import datetime as dt
import io

import openpyxl
import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from common.errors import DomainError
from documents.models import DeclarationStep, Document
from documents.services import ensure_step_may_be_recorded
from meetings.models import Meeting
from proceedings.services import procedures
from proceedings.services.procedures import ProcedureData
from tests.factories import (
    DocumentFactory,
    FocalPointFactory,
    InitiativeFactory,
    MeetingFactory,
    MemberStateFactory,
    SecretariatUserFactory,
)
from workplan.models import Initiative, InitiativeDecision

pytestmark = pytest.mark.django_db

CIRCULATED = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)
DEADLINE = dt.datetime(2026, 3, 16, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def people():
    states = [MemberStateFactory(code=code, name=f"Country {code}") for code in ("KH", "TH", "VN")]
    return {
        "secretariat": SecretariatUserFactory(),
        "states": states,
        **{state.code: FocalPointFactory(member_state=state).user for state in states},
    }


def circulate(people, **subject):
    with time_machine.travel(CIRCULATED, tick=False):
        return procedures.procedure_circulate(
            actor=people["secretariat"],
            data=ProcedureData(
                title_en="Draft ASEAN Declaration on mental health",
                title_vi="Dự thảo Tuyên bố ASEAN về sức khỏe tâm thần",
                body_en="The heads of civil service declare…",
                deadline=DEADLINE,
                member_states=tuple(people["states"]),
                **subject,
            ),
        )


def answer(procedure, user, kind, text=""):
    with time_machine.travel(CIRCULATED + dt.timedelta(days=1), tick=False):
        procedures.procedure_answer(actor=user, procedure=procedure, kind=kind, text=text)


def close(procedure, people):
    with time_machine.travel(DEADLINE, tick=False):
        return procedures.procedure_close(actor=people["secretariat"], procedure=procedure)


@pytest.fixture
def declaration():
    return DocumentFactory(kind=Document.Kind.DECLARATION, title="Declaration on mental health", status="circulated")


def test_adoption_by_the_heads_ad_referendum_is_a_step_of_the_declaration_track(people, declaration):
    procedure = circulate(people, declaration=declaration, declaration_step=DeclarationStep.Kind.ADOPTED_BY_HCS)
    answer(procedure, people["VN"], "comments", "Paragraph 2: 'well-being'.")

    close(procedure, people)

    step = declaration.declaration_steps.get()
    assert (step.kind, step.meeting, step.procedure, step.date) == (
        "adopted_by_hcs",
        None,
        procedure,
        dt.date(2026, 3, 16),
    )
    assert step.note_en == "Adopted with changes by the written procedure “Draft ASEAN Declaration on mental health”."
    assert step.note_vi.startswith("Được thông qua có sửa đổi bằng thủ tục thông qua bằng văn bản")
    declaration.refresh_from_db()
    assert declaration.status == Document.Status.ADOPTED


def test_a_declaration_not_adopted_gets_a_milestone_saying_so(people, declaration):
    procedure = circulate(people, declaration=declaration, declaration_step=DeclarationStep.Kind.ENDORSED_BY_SOM)
    answer(procedure, people["TH"], "objection", "Paragraph 5 goes too far.")

    close(procedure, people)

    step = declaration.declaration_steps.get()
    assert (step.kind, step.procedure) == ("other", procedure)
    assert step.note_en.startswith("Not adopted by the written procedure")
    declaration.refresh_from_db()
    assert declaration.status == Document.Status.CIRCULATED


def test_the_one_rule_a_step_by_a_procedure_only_once_it_has_closed(people, declaration):
    procedure = circulate(people, declaration=declaration, declaration_step=DeclarationStep.Kind.ADOPTED_BY_HCS)
    with pytest.raises(DomainError, match="still open"):
        ensure_step_may_be_recorded(kind=DeclarationStep.Kind.ADOPTED_BY_HCS, meeting=None, procedure=procedure)
    with pytest.raises(DomainError, match="Name the meeting"):
        ensure_step_may_be_recorded(kind=DeclarationStep.Kind.ADOPTED_BY_HCS, meeting=None)
    ahead = MeetingFactory(kind=Meeting.Kind.HCS)
    with pytest.raises(DomainError, match="has not taken place"):
        ensure_step_may_be_recorded(kind=DeclarationStep.Kind.ADOPTED_BY_HCS, meeting=ahead)

    close(procedure, people)
    procedure.refresh_from_db()
    ensure_step_may_be_recorded(kind=DeclarationStep.Kind.ADOPTED_BY_HCS, meeting=None, procedure=procedure)


@pytest.mark.parametrize(
    ("kinds", "status", "outcome"),
    [((), "approved", "approved"), (("objection",), "returned", "returned")],
)
def test_a_project_proposal_is_decided_by_the_procedure(people, kinds, status, outcome):
    proposal = InitiativeFactory(title="ASEAN public sector innovation lab", status=Initiative.Status.PROPOSED)
    procedure = circulate(people, initiative=proposal)
    for kind in kinds:
        answer(procedure, people["KH"], kind, "Not in this plan.")

    close(procedure, people)

    proposal.refresh_from_db()
    decision = InitiativeDecision.objects.get(initiative=proposal)
    assert (proposal.status, decision.outcome, decision.procedure, decision.meeting) == (
        status,
        outcome,
        procedure,
        None,
    )
    assert "written procedure" in decision.note


def test_a_proposal_decided_meanwhile_at_a_som_keeps_that_decision(people):
    proposal = InitiativeFactory(status=Initiative.Status.PROPOSED)
    procedure = circulate(people, initiative=proposal)
    Initiative.objects.filter(pk=proposal.pk).update(status=Initiative.Status.APPROVED)

    close(procedure, people)

    assert not InitiativeDecision.objects.exists()


@pytest.mark.parametrize(
    ("subject", "message", "field"),
    [
        (lambda: {"initiative": InitiativeFactory(status="ongoing")}, "Only a proposal", "initiative"),
        (
            lambda: {
                "declaration": DocumentFactory(kind="declaration", status="adopted"),
                "declaration_step": "adopted_by_hcs",
            },
            "already been adopted",
            "declaration",
        ),
        (lambda: {"declaration": DocumentFactory(kind="declaration")}, "Choose the step", "declaration_step"),
        (lambda: {"declaration_step": "adopted_by_hcs"}, "Choose the declaration", "declaration"),
        (
            lambda: {
                "declaration": DocumentFactory(kind="declaration"),
                "declaration_step": "adopted_by_hcs",
                "initiative": InitiativeFactory(status="proposed"),
            },
            "agrees one text",
            "declaration",
        ),
        (lambda: {"report_of": MeetingFactory(title="SOM 25")}, "has not taken place", "report_of"),
    ],
)
def test_circulating_refuses_a_subject_that_cannot_be_agreed(people, subject, message, field):
    with pytest.raises(DomainError, match=message) as refused:
        circulate(people, **subject())
    assert refused.value.field == field


def test_the_compiled_comments_table_as_pdf_and_xlsx(client, people):
    procedure = circulate(people)
    answer(procedure, people["VN"], "comments", '=HYPERLINK("http://x") paragraph 3')
    answer(procedure, people["TH"], "objection", "Paragraph 5 goes too far.")
    answer(procedure, people["TH"], "no_objection")  # withdrawn: one earlier answer
    client.force_login(people["secretariat"])
    url = reverse("proceedings:procedure_comments", args=[procedure.pk])

    workbook = openpyxl.load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content))
    rows = [[cell.value for cell in row] for row in workbook.active.iter_rows()]
    assert rows[0][0] == "Draft ASEAN Declaration on mental health"
    body = {row[0]: row for row in rows[4:]}
    assert body["Country KH"][1] == "Silent: counts as agreement"
    assert body["Country TH"][1] == "No objection" and body["Country TH"][5] == "1"
    assert body["Country VN"][2] == '\'=HYPERLINK("http://x") paragraph 3'  # a formula stays text

    response = client.get(url, {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Compiled comments" in text and "Country VN" in text and "paragraph 3" in text

    vi = client.get(reverse("proceedings:procedure_comments", args=[procedure.pk]).replace("/en/", "/vi/"))
    vi_text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(vi.content)).pages)
    assert "Tổng hợp ý kiến góp ý" in vi_text

    client.force_login(people["VN"])
    assert client.get(url, {"format": "xlsx"}).status_code in (403, 404)
    client.force_login(people["secretariat"])
    assert client.get(url, {"format": "exe"}).status_code == 404


def test_the_procedure_form_carries_the_report_asked_for(client, people):
    held = MeetingFactory(
        title="SOM 24",
        status=Meeting.Status.CONCLUDED,
        start=dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
        end=dt.datetime(2026, 1, 5, 8, tzinfo=dt.UTC),
        registration_deadline=None,
    )
    client.force_login(people["secretariat"])
    page = client.get(reverse("proceedings:procedure_new"), {"report_of": held.pk})
    assert str(page.context["form"]["report_of"].value()) == str(held.pk)
    assert f'<option value="{held.pk}" selected>' in page.content.decode()

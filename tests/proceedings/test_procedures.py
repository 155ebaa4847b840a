"""The written procedure: circulating, answering until the deadline, closing once with the outcome the rules give."""

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection

from common.errors import Conflict, DomainError, Forbidden, NotFound
from proceedings.models import Answer, ProcedureCountry, WrittenProcedure
from proceedings.services import procedures
from proceedings.services.procedures import DeadlinePassed, ProcedureClosed, ProcedureData
from tests.factories import (
    FocalPointFactory,
    MemberStateFactory,
    ProcedureCountryFactory,
    SecretariatUserFactory,
    WrittenProcedureFactory,
)

pytestmark = pytest.mark.django_db

CIRCULATED = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)
DEADLINE = dt.datetime(2026, 3, 16, 10, 0, tzinfo=dt.UTC)  # 17:00 in Hanoi


def ten_countries():
    codes = ["BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"]
    states = [MemberStateFactory(code=code, name=f"Country {code}") for code in codes]
    focal_points = {state.code: FocalPointFactory(member_state=state).user for state in states}
    return states, focal_points


def circulate(secretariat, states, *, silence_is_agreement=True):
    with time_machine.travel(CIRCULATED, tick=False):
        return procedures.procedure_circulate(
            actor=secretariat,
            data=ProcedureData(
                title_en="Draft ASEAN Declaration on mental health and well-being in the public sector",
                title_vi="Dự thảo Tuyên bố ASEAN về sức khỏe tâm thần",
                body_en="The heads of civil service declare…",
                deadline=DEADLINE,
                member_states=tuple(states),
                silence_is_agreement=silence_is_agreement,
            ),
        )


def answer(procedure, user, kind, text="", *, at):
    with time_machine.travel(at, tick=False):
        return procedures.procedure_answer(actor=user, procedure=procedure, kind=kind, text=text)


def close(procedure, secretariat, *, at=DEADLINE):
    with time_machine.travel(at, tick=False):
        return procedures.procedure_close(actor=secretariat, procedure=procedure)


@pytest.mark.parametrize(
    ("silence_is_agreement", "outcome"),
    [(True, WrittenProcedure.Outcome.ADOPTED_WITH_CHANGES), (False, WrittenProcedure.Outcome.NOT_ADOPTED)],
)
def test_ten_countries_three_answer_one_withdraws_its_objection_six_stay_silent(silence_is_agreement, outcome):
    secretariat = SecretariatUserFactory()
    states, fp = ten_countries()
    procedure = circulate(secretariat, states, silence_is_agreement=silence_is_agreement)
    day = dt.timedelta(days=1)

    answer(procedure, fp["VN"], Answer.Kind.NO_OBJECTION, at=CIRCULATED + day)
    answer(procedure, fp["TH"], Answer.Kind.NO_OBJECTION, at=CIRCULATED + 2 * day)
    answer(procedure, fp["SG"], Answer.Kind.COMMENTS, "Add 'hybrid work' to paragraph 3.", at=CIRCULATED + 3 * day)
    answer(procedure, fp["MY"], Answer.Kind.OBJECTION, "Paragraph 5 needs a national review.", at=CIRCULATED + 4 * day)
    answer(procedure, fp["MY"], Answer.Kind.NO_OBJECTION, at=DEADLINE - dt.timedelta(minutes=1))  # withdrawn

    closed = close(procedure, secretariat)

    assert (closed.status, closed.outcome, closed.closed_at) == (WrittenProcedure.Status.CLOSED, outcome, DEADLINE)
    current = dict(
        Answer.objects.filter(country__procedure=procedure, is_current=True).values_list(
            "country__member_state__code", "kind"
        )
    )
    assert current == {"VN": "no_objection", "TH": "no_objection", "SG": "comments", "MY": "no_objection"}
    malaysia = Answer.objects.filter(country__member_state__code="MY").order_by("created_at")
    assert [(a.kind, a.is_current) for a in malaysia] == [("objection", False), ("no_objection", True)]


@pytest.mark.parametrize(
    ("kinds", "countries", "silence", "outcome"),
    [
        ([], 3, True, "adopted"),
        (["no_objection"] * 3, 3, False, "adopted"),
        (["no_objection", "comments"], 3, True, "adopted_with_changes"),
        (["no_objection", "comments"], 3, False, "not_adopted"),
        (["no_objection", "objection", "no_objection"], 3, True, "not_adopted"),
        (["comments", "objection"], 2, True, "not_adopted"),
    ],
)
def test_the_outcome_follows_from_the_current_answers(kinds, countries, silence, outcome):
    assert procedures.outcome_of(silence_is_agreement=silence, countries=countries, current=kinds) == outcome


def test_a_second_answer_replaces_the_first_and_both_are_kept():
    secretariat = SecretariatUserFactory()
    states, fp = ten_countries()
    procedure = circulate(secretariat, states[:2])
    answer(procedure, fp["BN"], Answer.Kind.COMMENTS, "First thoughts", at=CIRCULATED + dt.timedelta(hours=1))
    answer(procedure, fp["BN"], Answer.Kind.OBJECTION, "On reflection, no", at=CIRCULATED + dt.timedelta(hours=2))

    answers = Answer.objects.filter(country__member_state__code="BN").order_by("created_at")
    assert [(a.kind, a.text, a.is_current) for a in answers] == [
        ("comments", "First thoughts", False),
        ("objection", "On reflection, no", True),
    ]


def test_an_answer_at_or_after_the_deadline_is_refused_and_changes_nothing():
    secretariat = SecretariatUserFactory()
    states, fp = ten_countries()
    procedure = circulate(secretariat, states[:2])
    answer(procedure, fp["BN"], Answer.Kind.NO_OBJECTION, at=CIRCULATED + dt.timedelta(hours=1))

    for moment in (DEADLINE, DEADLINE + dt.timedelta(days=1)):
        with pytest.raises(DeadlinePassed, match="has passed; answers can no longer be given or changed"):
            answer(procedure, fp["BN"], Answer.Kind.OBJECTION, "Too late", at=moment)
    assert list(Answer.objects.values_list("kind", "is_current")) == [("no_objection", True)]


def test_nothing_changes_after_the_procedure_closes():
    secretariat = SecretariatUserFactory()
    states, fp = ten_countries()
    procedure = circulate(secretariat, states[:2])
    close(procedure, secretariat)

    with pytest.raises(ProcedureClosed, match="answers are final"):
        answer(procedure, fp["KH"], Answer.Kind.OBJECTION, "Late", at=DEADLINE + dt.timedelta(days=2))
    with pytest.raises(Conflict, match="already closed"):
        close(procedure, secretariat, at=DEADLINE + dt.timedelta(days=2))
    procedure.refresh_from_db()
    assert (procedure.outcome, procedure.closed_at, Answer.objects.count()) == ("adopted", DEADLINE, 0)


def test_a_procedure_is_not_closed_before_its_deadline():
    secretariat = SecretariatUserFactory()
    states, _fp = ten_countries()
    procedure = circulate(secretariat, states[:2])
    with pytest.raises(DomainError, match="closes at its deadline"):
        close(procedure, secretariat, at=DEADLINE - dt.timedelta(seconds=1))
    procedure.refresh_from_db()
    assert (procedure.status, procedure.outcome) == ("open", "")


def test_an_answer_for_another_country_is_refused():
    secretariat = SecretariatUserFactory()
    states, fp = ten_countries()
    procedure = circulate(secretariat, states)
    thailand = states[8]
    with time_machine.travel(CIRCULATED, tick=False), pytest.raises(DomainError) as refused:
        procedures.procedure_answer(
            actor=fp["VN"], procedure=procedure, kind=Answer.Kind.OBJECTION, text="x", member_state=thailand
        )
    assert (str(refused.value), refused.value.field) == (
        "You can answer only for your own country, Country VN.",
        "member_state",
    )
    assert Answer.objects.count() == 0


def test_a_country_not_asked_cannot_answer_and_does_not_see_the_procedure():
    secretariat = SecretariatUserFactory()
    states, fp = ten_countries()
    procedure = circulate(secretariat, states[:2])
    with pytest.raises(NotFound):
        answer(procedure, fp["VN"], Answer.Kind.NO_OBJECTION, at=CIRCULATED)
    with pytest.raises(Forbidden):
        answer(procedure, secretariat, Answer.Kind.NO_OBJECTION, at=CIRCULATED)


@pytest.mark.parametrize(
    ("kind", "message", "field"),
    [
        ("comments", "Write your comments on the text.", "text"),
        ("objection", "Give the reasons for the objection.", "text"),
        ("abstain", "Choose no objection, comments or objection.", "kind"),
    ],
)
def test_comments_and_objections_need_their_text(kind, message, field):
    procedure = ProcedureCountryFactory().procedure
    user = FocalPointFactory(member_state=procedure.countries.get().member_state).user
    with pytest.raises(DomainError) as refused:
        procedures.procedure_answer(actor=user, procedure=procedure, kind=kind, text="   ")
    assert (str(refused.value), refused.value.field) == (message, field)


@pytest.mark.parametrize(
    ("change", "message", "field"),
    [
        ({"title_en": " "}, "Give the title in English.", "title_en"),
        ({"body_en": ""}, "Give the text in English or a link to the document.", "body_en"),
        ({"deadline": None}, "Give the deadline.", "deadline"),
        ({"deadline": CIRCULATED - dt.timedelta(hours=1)}, "The deadline must be in the future.", "deadline"),
        ({"member_states": ()}, "Choose at least one country to answer.", "member_states"),
    ],
)
def test_circulating_refuses_bad_input(change, message, field):
    secretariat = SecretariatUserFactory()
    state = MemberStateFactory(code="VN")
    data = {"title_en": "Draft report", "body_en": "Text", "deadline": DEADLINE, "member_states": (state,)}
    data.update(change)
    with time_machine.travel(CIRCULATED, tick=False), pytest.raises(DomainError) as refused:
        procedures.procedure_circulate(actor=secretariat, data=ProcedureData(**data))
    assert (str(refused.value), refused.value.field) == (message, field)
    assert WrittenProcedure.objects.count() == 0


def test_only_the_secretariat_circulates_and_closes():
    state = MemberStateFactory(code="VN")
    focal_point = FocalPointFactory(member_state=state).user
    data = ProcedureData(title_en="Draft", body_en="Text", deadline=DEADLINE, member_states=(state,))
    with time_machine.travel(CIRCULATED, tick=False), pytest.raises(Forbidden):
        procedures.procedure_circulate(actor=focal_point, data=data)
    procedure = WrittenProcedureFactory(deadline=CIRCULATED)
    with pytest.raises(Forbidden):
        close(procedure, focal_point)


def test_every_answer_is_in_the_audit_trail_with_its_country():
    from auditlog.models import LogEntry

    procedure = ProcedureCountryFactory(member_state=MemberStateFactory(code="VN")).procedure
    user = FocalPointFactory(member_state=procedure.countries.get().member_state).user
    first = procedures.procedure_answer(actor=user, procedure=procedure, kind="objection", text="No")
    procedures.procedure_answer(actor=user, procedure=procedure, kind="no_objection")

    entries = LogEntry.objects.get_for_model(Answer).order_by("pk")
    assert [(e.object_pk, e.action, e.actor_id) for e in entries][:2] == [
        (str(first.pk), LogEntry.Action.CREATE, user.pk),
        (str(first.pk), LogEntry.Action.UPDATE, user.pk),
    ]
    assert entries.count() == 3
    assert all(entry.additional_data.get("member_state") == "VN" for entry in entries)


@pytest.mark.django_db(transaction=True)
def test_two_answers_of_one_country_at_once_keep_exactly_one_final_answer(on_postgres):
    procedure = ProcedureCountryFactory(member_state=MemberStateFactory(code="VN")).procedure
    state = procedure.countries.get().member_state
    users = [FocalPointFactory(member_state=state).user for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes = []

    def answer_at_once(user, kind, text):
        try:
            barrier.wait()
            procedures.procedure_answer(actor=user, procedure=procedure, kind=kind, text=text)
            outcomes.append(kind)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=answer_at_once, args=(users[0], "objection", "Paragraph 5")),
        threading.Thread(target=answer_at_once, args=(users[1], "no_objection", "")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    country = ProcedureCountry.objects.get(procedure=procedure)
    assert sorted(outcomes) == ["no_objection", "objection"]
    assert country.answers.count() == 2
    assert country.answers.filter(is_current=True).count() == 1
    assert country.answers.get(is_current=True) == country.answers.order_by("-pk").first()  # the later one

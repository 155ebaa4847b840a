"""A procedure circulated tells the focal points of the countries asked, each in their language, with the
deadline; its outcome tells them when it closes. Both leave through the outbox."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from outbox.dispatcher import send_pending
from outbox.models import OutboxEmail
from proceedings.services import procedures
from proceedings.services.procedures import ProcedureData
from tests.factories import FocalPointFactory, MemberStateFactory, SecretariatUserFactory, UserFactory

pytestmark = pytest.mark.django_db

CIRCULATED = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)
DEADLINE = dt.datetime(2026, 3, 16, 10, 0, tzinfo=dt.UTC)  # 17:00 in Hanoi


@pytest.fixture
def countries():
    viet_nam = MemberStateFactory(code="VN", name="Viet Nam")
    thailand = MemberStateFactory(code="TH", name="Thailand")
    lao = MemberStateFactory(code="LA", name="Lao PDR")  # not asked
    vn = FocalPointFactory(member_state=viet_nam, user=UserFactory(email="fp-vn@example.org", preferred_language="vi"))
    th = FocalPointFactory(member_state=thailand, user=UserFactory(email="fp-th@example.org", preferred_language="en"))
    FocalPointFactory(member_state=thailand, is_active=False, user=UserFactory(email="old-th@example.org"))
    FocalPointFactory(member_state=lao, user=UserFactory(email="fp-la@example.org"))
    return {"VN": (viet_nam, vn.user), "TH": (thailand, th.user)}


def circulate(countries, *, silence=True):
    with time_machine.travel(CIRCULATED, tick=False):
        return procedures.procedure_circulate(
            actor=SecretariatUserFactory(),
            data=ProcedureData(
                title_en="Draft ASEAN Declaration on mental health",
                title_vi="Dự thảo Tuyên bố ASEAN về sức khỏe tâm thần",
                body_en="The heads of civil service declare…",
                deadline=DEADLINE,
                member_states=(countries["VN"][0], countries["TH"][0]),
                silence_is_agreement=silence,
            ),
        )


def sent_by_address():
    send_pending()
    return {message.to[0]: message for message in mail.outbox}


def test_circulating_emails_the_focal_points_of_the_countries_asked_in_their_language_with_the_deadline(countries):
    procedure = circulate(countries)

    sent = sent_by_address()

    assert set(sent) == {"fp-vn@example.org", "fp-th@example.org"}  # not Lao PDR, not an inactive focal point
    thai = sent["fp-th@example.org"]
    assert thai.subject == "Written procedure: Draft ASEAN Declaration on mental health"
    assert "Deadline for answers: 16 March 2026, 17:00 (Asia/Ho_Chi_Minh)" in thai.body
    assert "Silence procedure" in thai.body
    assert f"/en/proceedings/procedures/{procedure.pk}/" in thai.body
    vietnamese = sent["fp-vn@example.org"]
    assert "Dự thảo Tuyên bố ASEAN về sức khỏe tâm thần" in vietnamese.subject
    assert f"/vi/proceedings/procedures/{procedure.pk}/" in vietnamese.body


def test_an_email_for_a_procedure_closed_before_the_worker_ran_is_not_sent(countries):
    procedure = circulate(countries)
    with time_machine.travel(DEADLINE, tick=False):
        procedures.procedure_close(actor=SecretariatUserFactory(), procedure=procedure)

    send_pending()

    assert sorted(OutboxEmail.objects.values_list("kind", "state")) == [
        ("procedure_circulated", "cancelled"),
        ("procedure_circulated", "cancelled"),
        ("procedure_closed", "sent"),
        ("procedure_closed", "sent"),
    ]


def test_closing_tells_each_country_the_outcome_and_its_own_answer(countries):
    procedure = circulate(countries, silence=False)
    with time_machine.travel(CIRCULATED + dt.timedelta(days=1), tick=False):
        procedures.procedure_answer(actor=countries["TH"][1], procedure=procedure, kind="no_objection")
    send_pending()
    mail.outbox.clear()
    with time_machine.travel(DEADLINE, tick=False):
        procedures.procedure_close(actor=SecretariatUserFactory(), procedure=procedure)

    sent = sent_by_address()

    thai = sent["fp-th@example.org"]
    assert thai.subject == "Written procedure closed: Draft ASEAN Declaration on mental health — Not adopted"
    assert "Your country's answer: No objection" in thai.body
    assert "Trả lời của nước của anh/chị: Chưa trả lời" in sent["fp-vn@example.org"].body


def test_a_draft_report_circulated_emails_the_focal_points_of_the_countries_invited(countries):
    from meetings.models import MemberState
    from proceedings.services import reports
    from tests.factories import AgendaItemFactory, HeldMeetingFactory

    china = MemberStateFactory(code="CN", name="China", group=MemberState.Group.PLUS_THREE)  # not invited to a SOM
    FocalPointFactory(member_state=china, user=UserFactory(email="fp-cn@example.org"))
    meeting = HeldMeetingFactory(title="SOM 24", title_vi="Hội nghị SOM 24", start=CIRCULATED - dt.timedelta(days=5))
    AgendaItemFactory(meeting=meeting, title="Opening")
    with time_machine.travel(CIRCULATED, tick=False):
        circulation = reports.report_circulate(actor=SecretariatUserFactory(), meeting=meeting, deadline=DEADLINE)
        sent = sent_by_address()

    assert set(sent) == {"fp-vn@example.org", "fp-th@example.org", "fp-la@example.org"}
    thai = sent["fp-th@example.org"]
    assert thai.subject == "Draft report of SOM 24: your comments"
    assert f"/en/proceedings/reports/{circulation.pk}/" in thai.body
    vietnamese = sent["fp-vn@example.org"]
    assert vietnamese.subject == "Dự thảo báo cáo của Hội nghị SOM 24: đề nghị góp ý"
    assert f"/vi/proceedings/reports/{circulation.pk}/" in vietnamese.body

"""Issue 20, item 3: the drafted report is circulated to the focal points for comments with a deadline
(comments kept per country, each country seeing its own), then adopted — at the meeting, or ad referendum by
a written procedure; it becomes the meeting's "report" documents with versions."""

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from common.errors import Conflict, DomainError, NotFound
from documents.models import Document
from meetings.models import MemberState
from proceedings.models import ReportComment, WrittenProcedure
from proceedings.services import procedures, reports
from proceedings.services.procedures import DeadlinePassed, ProcedureData
from tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    FocalPointFactory,
    HeldMeetingFactory,
    MeetingFactory,
    MemberStateFactory,
    SecretariatUserFactory,
)

pytestmark = pytest.mark.django_db

HELD = dt.datetime(2026, 8, 5, 1, 0, tzinfo=dt.UTC)
NOW = dt.datetime(2026, 8, 10, 3, 0, tzinfo=dt.UTC)
DEADLINE = dt.datetime(2026, 8, 24, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def som():
    meeting = HeldMeetingFactory(
        title="SOM 24", title_vi="Hội nghị SOM 24", start=HELD, end=HELD + dt.timedelta(hours=8)
    )
    item = AgendaItemFactory(meeting=meeting, order=1, title="Work Plan review", title_vi="Rà soát Kế hoạch")
    DecisionFactory(
        agenda_item=item,
        text="The meeting endorsed the revised Work Plan.",
        text_vi="Hội nghị thông qua Kế hoạch công tác sửa đổi.",
    )
    return meeting


@pytest.fixture
def people():
    vn = MemberStateFactory(code="VN", name="Viet Nam")
    th = MemberStateFactory(code="TH", name="Thailand")
    cn = MemberStateFactory(code="CN", name="China", group=MemberState.Group.PLUS_THREE)  # not invited to a SOM
    return {
        "secretariat": SecretariatUserFactory(),
        "VN": FocalPointFactory(member_state=vn).user,
        "TH": FocalPointFactory(member_state=th).user,
        "CN": FocalPointFactory(member_state=cn).user,
    }


def pdf_text(document: Document) -> str:
    version = document.current_version
    with version.file.open("rb") as handle:
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)


def circulate(som, people, deadline=DEADLINE):
    with time_machine.travel(NOW, tick=False):
        return reports.report_circulate(actor=people["secretariat"], meeting=som, deadline=deadline)


def test_circulating_makes_the_meetings_report_documents_in_both_languages(som, people):
    circulation = circulate(som, people)

    documents = reports.report_documents(som)
    assert sorted(documents) == ["en", "vi"]
    for document in documents.values():
        assert (document.kind, document.status, document.visibility) == ("report", "circulated", "member_states")
        assert document.meeting == som and document.member_state is None
        assert document.versions.count() == 1
    assert "The meeting endorsed the revised Work Plan." in pdf_text(documents["en"])
    assert "Hội nghị thông qua Kế hoạch công tác sửa đổi." in pdf_text(documents["vi"])
    assert circulation.deadline == DEADLINE


def test_each_country_comments_and_sees_only_its_own(client, som, people):
    circulation = circulate(som, people)
    with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
        reports.report_comment(actor=people["VN"], circulation=circulation, text="Paragraph 3: add the date.")
        reports.report_comment(actor=people["VN"], circulation=circulation, text="Also the annex.")
        reports.report_comment(actor=people["TH"], circulation=circulation, text="Thailand's delegation list.")

    assert ReportComment.objects.filter(member_state__code="VN").count() == 2  # both kept
    client.force_login(people["VN"])
    page = client.get(reverse("proceedings:report_comment", args=[circulation.pk])).content.decode()
    assert "Paragraph 3: add the date." in page and "Also the annex." in page
    assert "Thailand&#x27;s delegation list." not in page and "Thailand's delegation list." not in page
    english = reports.report_documents(som)["en"]
    download = client.get(reverse("documents:download", args=[english.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    client.force_login(people["secretariat"])
    staff = client.get(reverse("proceedings:report_comments", args=[som.pk])).content.decode()
    assert "Paragraph 3: add the date." in staff and "Thailand" in staff


def test_a_country_not_invited_gets_a_404_and_cannot_comment(client, som, people):
    circulation = circulate(som, people)
    client.force_login(people["CN"])
    assert client.get(reverse("proceedings:report_comment", args=[circulation.pk])).status_code == 404
    assert client.post(reverse("proceedings:report_comment", args=[circulation.pk]), {"text": "x"}).status_code == 404
    with pytest.raises(NotFound):
        reports.report_comment(actor=people["CN"], circulation=circulation, text="Hello")
    assert not ReportComment.objects.exists()


def test_a_comment_after_the_deadline_or_empty_is_refused(som, people):
    circulation = circulate(som, people)
    with time_machine.travel(DEADLINE, tick=False), pytest.raises(DeadlinePassed, match="has passed"):
        reports.report_comment(actor=people["VN"], circulation=circulation, text="Too late")
    with time_machine.travel(NOW, tick=False), pytest.raises(DomainError, match="Write your comment"):
        reports.report_comment(actor=people["VN"], circulation=circulation, text="   ")
    assert not ReportComment.objects.exists()


def test_adopted_at_the_meeting_it_becomes_a_new_adopted_version_once(som, people):
    circulation = circulate(som, people)
    DecisionFactory(agenda_item=som.agenda_items.get(), text="A decision added after the comments.")

    with time_machine.travel(NOW + dt.timedelta(days=2), tick=False):
        reports.report_adopt(actor=people["secretariat"], meeting=som)

    for document in reports.report_documents(som).values():
        assert (document.status, document.versions.count(), document.current_version.number) == ("adopted", 2, 2)
        change = document.status_changes.order_by("-changed_at", "-pk").first()
        assert (change.new_status, change.meeting, change.note) == ("adopted", som, "Adopted at the meeting.")
    assert "A decision added after the comments." in pdf_text(reports.report_documents(som)["en"])
    with pytest.raises(Conflict, match="already been adopted"):
        reports.report_adopt(actor=people["secretariat"], meeting=som)
    with time_machine.travel(NOW + dt.timedelta(days=3), tick=False), pytest.raises(DomainError, match="adopted"):
        reports.report_comment(actor=people["VN"], circulation=circulation, text="After adoption")


def test_a_meeting_ahead_has_no_report_to_circulate_or_adopt(people):
    ahead = MeetingFactory(title="SOM 25")
    with pytest.raises(DomainError, match="has not taken place"):
        reports.report_circulate(actor=people["secretariat"], meeting=ahead, deadline=DEADLINE)
    with pytest.raises(DomainError, match="has not taken place"):
        reports.report_adopt(actor=people["secretariat"], meeting=ahead)
    assert not Document.objects.exists()


def test_only_the_secretariat_circulates_and_adopts(som, people):
    from common.errors import Forbidden

    with pytest.raises(Forbidden):
        circulate(som, {"secretariat": people["VN"]})
    with pytest.raises(Forbidden):
        reports.report_adopt(actor=people["VN"], meeting=som)


def report_procedure(som, people, states, deadline):
    with time_machine.travel(NOW, tick=False):
        return procedures.procedure_circulate(
            actor=people["secretariat"],
            data=ProcedureData(
                title_en="Report of SOM 24, ad referendum",
                body_en="The draft report is attached.",
                deadline=deadline,
                member_states=tuple(states),
                report_of=som,
            ),
        )


@pytest.mark.parametrize(("objection", "status"), [(False, "adopted"), (True, "circulated")])
def test_adopted_ad_referendum_by_a_closed_procedure(som, people, objection, status):
    circulate(som, people)
    states = MemberState.objects.filter(code__in=["VN", "TH"])
    procedure = report_procedure(som, people, states, DEADLINE)
    if objection:
        with time_machine.travel(NOW, tick=False):
            procedures.procedure_answer(actor=people["TH"], procedure=procedure, kind="objection", text="Item 2")

    with time_machine.travel(DEADLINE, tick=False):
        procedures.procedure_close(actor=people["secretariat"], procedure=procedure)

    documents = reports.report_documents(som).values()
    assert {document.status for document in documents} == {status}
    if not objection:
        note = next(iter(documents)).status_changes.get(new_status="adopted").note
        assert note == "Adopted ad referendum by the written procedure “Report of SOM 24, ad referendum”."


def test_a_report_is_not_adopted_by_an_open_procedure_or_one_about_another_report(som, people):
    other = HeldMeetingFactory(title="SOM 23", start=HELD - dt.timedelta(days=300))
    states = MemberState.objects.filter(code__in=["VN"])
    procedure = report_procedure(som, people, states, DEADLINE)
    with pytest.raises(DomainError, match="still open"):
        reports.report_adopt(actor=people["secretariat"], meeting=som, procedure=procedure)
    with pytest.raises(DomainError, match="not about the report"):
        reports.report_adopt(actor=people["secretariat"], meeting=other, procedure=procedure)
    assert procedure.status == WrittenProcedure.Status.OPEN


def test_the_record_page_offers_circulation_then_adoption(client, som, people):
    client.force_login(people["secretariat"])
    url = reverse("proceedings:record", args=[som.pk])
    page = client.get(url).content.decode()
    assert "Circulate for comments" in page and "Adopted at the meeting" in page

    response = client.post(reverse("proceedings:report_circulate", args=[som.pk]), {"deadline": "2000-01-01T10:00"})
    assert response.status_code == 422
    assert "The deadline must be in the future." in response.content.decode()

    response = client.post(reverse("proceedings:report_adopt", args=[som.pk]))
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "The report has been adopted" in page and "version 1" in page


def test_the_report_pages_read_a_constant_number_of_queries(client, som, people):
    from tests.helpers import queries_for

    circulation = circulate(som, people)
    with time_machine.travel(NOW, tick=False):
        reports.report_comment(actor=people["VN"], circulation=circulation, text="One")
    client.force_login(people["secretariat"])
    staff_page = reverse("proceedings:report_comments", args=[som.pk])
    record_page = reverse("proceedings:record", args=[som.pk])
    before = (
        queries_for(client, staff_page),
        queries_for(client, record_page),
        queries_for(client, "/en/proceedings/reports/"),
    )
    client.force_login(people["VN"])
    own_before = (queries_for(client, reverse("proceedings:report_comment", args=[circulation.pk])),)

    for code in ("KH", "LA", "MY", "SG"):
        state = MemberStateFactory(code=code, name=f"Country {code}")
        user = FocalPointFactory(member_state=state).user
        with time_machine.travel(NOW, tick=False):
            reports.report_comment(actor=user, circulation=circulation, text=f"From {code}")
            reports.report_comment(actor=people["VN"], circulation=circulation, text=f"Again {code}")
    with time_machine.travel(NOW, tick=False):
        circulate(som, people)  # a second round, a second version

    client.force_login(people["secretariat"])
    after = (
        queries_for(client, staff_page),
        queries_for(client, record_page),
        queries_for(client, "/en/proceedings/reports/"),
    )
    assert after == before
    client.force_login(people["VN"])
    assert (queries_for(client, reverse("proceedings:report_comment", args=[circulation.pk])),) == own_before

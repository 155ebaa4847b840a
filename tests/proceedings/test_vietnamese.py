"""The record, tracker and procedure pages in Vietnamese: no English interface text left, even on refused forms."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import (
    ActionItemFactory,
    AnswerFactory,
    DecisionFactory,
    MeetingFactory,
    ProcedureCountryFactory,
    ProgressReportFactory,
    WrittenProcedureFactory,
)
from tests.untranslated import english_left, html_text, untranslated_content

pytestmark = pytest.mark.django_db


def english_on(response) -> list[str]:
    assert response.status_code in (200, 422), response.status_code
    return english_left(html_text(response.content.decode()), content=untranslated_content())


def test_the_secretariats_pages_are_all_vietnamese(client, secretariat_user, viet_nam):
    decision = DecisionFactory(text_vi="Hội nghị ghi nhận.")
    item = decision.agenda_item
    action = ActionItemFactory(agenda_item=item, owner_member_state=viet_nam, description_vi="Gửi báo cáo")
    ProgressReportFactory(action_item=action, note="Đang soạn.")
    procedure = WrittenProcedureFactory(
        title_vi="Dự thảo", body_vi="Nội dung", deadline=timezone.now() + dt.timedelta(days=3)
    )
    AnswerFactory(
        country=ProcedureCountryFactory(procedure=procedure, member_state=viet_nam), kind="comments", text="Ý kiến"
    )
    ProcedureCountryFactory(procedure=procedure)
    upcoming = MeetingFactory(kind=item.meeting.kind)
    client.force_login(secretariat_user)
    meeting = item.meeting.pk
    pages = [
        client.get("/vi/proceedings/record/"),
        client.get(f"/vi/proceedings/record/meetings/{meeting}/"),
        client.get(f"/vi/proceedings/record/meetings/{upcoming.pk}/matters-arising/"),
        client.get(f"/vi/proceedings/record/decisions/{decision.pk}/"),
        client.get("/vi/proceedings/actions/"),
        client.get(f"/vi/proceedings/actions/{action.pk}/"),
        client.get(f"/vi/proceedings/actions/{action.pk}/edit/"),
        client.get("/vi/proceedings/procedures/"),
        client.get("/vi/proceedings/procedures/new/"),
        client.get(f"/vi/proceedings/procedures/{procedure.pk}/"),
        client.post(f"/vi/proceedings/record/items/{item.pk}/actions/", {f"a{item.pk}-owner_kind": "network"}),
        client.post(f"/vi/proceedings/record/items/{item.pk}/decisions/", {}),
        client.post("/vi/proceedings/procedures/new/", {"title_en": "Draft", "time_zone": "Asia/Ho_Chi_Minh"}),
    ]
    assert [english_on(page) for page in pages] == [[]] * len(pages)


def test_the_focal_points_pages_are_all_vietnamese(client, focal_point_vn, viet_nam):
    action = ActionItemFactory(owner_member_state=viet_nam, description_vi="Gửi báo cáo")
    procedure = WrittenProcedureFactory(title_vi="Dự thảo", body_vi="Nội dung")
    ProcedureCountryFactory(procedure=procedure, member_state=viet_nam)
    client.force_login(focal_point_vn)
    pages = [
        client.get("/vi/proceedings/actions/"),
        client.get(f"/vi/proceedings/actions/{action.pk}/"),
        client.post(f"/vi/proceedings/actions/{action.pk}/", {"status": "done", "note": ""}),
        client.get("/vi/proceedings/procedures/"),
        client.get(f"/vi/proceedings/procedures/{procedure.pk}/"),
        client.post(f"/vi/proceedings/procedures/{procedure.pk}/", {"kind": "objection", "text": ""}),
    ]
    assert [english_on(page) for page in pages] == [[]] * len(pages)

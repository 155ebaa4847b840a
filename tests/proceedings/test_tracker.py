"""Following action items up: progress reports by the owner country's focal point, or by the secretariat."""

import pytest

from common.errors import DomainError, NotFound
from proceedings.models import ActionItem
from proceedings.services import tracker
from tests.factories import ActionItemFactory

pytestmark = pytest.mark.django_db


def test_the_owner_countrys_focal_point_reports_progress_with_a_note(viet_nam, focal_point_vn):
    item = ActionItemFactory(owner_member_state=viet_nam)
    tracker.progress_report(actor=focal_point_vn, action_item=item, status="in_progress", note="Drafting.")
    tracker.progress_report(
        actor=focal_point_vn, action_item=item, status="done", note="Sent.", document_url="https://moha.gov.vn/r.pdf"
    )
    item.refresh_from_db()
    assert item.status == "done"
    assert [(r.status, r.note, r.document_url) for r in item.progress_reports.all()] == [
        ("done", "Sent.", "https://moha.gov.vn/r.pdf"),
        ("in_progress", "Drafting.", ""),
    ]
    with pytest.raises(DomainError, match=r"This action item is done; ask the secretariat to reopen it."):
        tracker.progress_report(actor=focal_point_vn, action_item=item, status="in_progress", note="More")


def test_another_countrys_action_item_is_not_found(viet_nam, thailand, focal_point_th):
    item = ActionItemFactory(owner_member_state=viet_nam)
    with pytest.raises(NotFound):
        tracker.progress_report(actor=focal_point_th, action_item=item, status="done", note="Not ours")
    secretariat_item = ActionItemFactory(owner_kind=ActionItem.Owner.SECRETARIAT)
    with pytest.raises(NotFound):
        tracker.progress_report(actor=focal_point_th, action_item=secretariat_item, status="done", note="x")
    assert item.progress_reports.count() == 0


@pytest.mark.parametrize(
    ("status", "note", "message"), [("dropped", "x", "Choose a status"), ("done", " ", "Write a note")]
)
def test_a_focal_point_cannot_drop_an_item_nor_report_without_a_note(viet_nam, focal_point_vn, status, note, message):
    item = ActionItemFactory(owner_member_state=viet_nam)
    with pytest.raises(DomainError, match=message):
        tracker.progress_report(actor=focal_point_vn, action_item=item, status=status, note=note)
    item.refresh_from_db()
    assert (item.status, item.progress_reports.count()) == ("open", 0)


def test_the_secretariat_records_progress_reported_orally_and_may_drop_an_item(viet_nam, secretariat_user):
    item = ActionItemFactory(owner_member_state=viet_nam)
    tracker.progress_report(actor=secretariat_user, action_item=item, status="dropped", note="Reported at SOM 23.")
    item.refresh_from_db()
    assert item.status == "dropped"

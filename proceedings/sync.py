"""The record's rows in the change log (meetings/sync.py): who may read about each, by the rules of
proceedings/selectors.py and the API's.

- a decision: the secretariat and the focal points of the countries its meeting invites, once the meeting
  is announced;
- an action item: the secretariat and, when a member state owns it, that country;
- a written procedure: the secretariat and each country asked (one row per country when it is asked);
- an answer: the secretariat and the country that gave it — never another country.
"""

from meetings.models import MeetingChange
from meetings.sync import SECRETARIAT_ONLY, Audience, Readers, track

from .models import ActionItem, Answer, Decision, ProcedureCountry, WrittenProcedure

ObjectType = MeetingChange.ObjectType


def _countries(*ids) -> Readers:
    return Readers(Audience.COUNTRIES, frozenset(i for i in ids if i is not None))


def action_item_readers(item: ActionItem) -> Readers:
    if item.owner_kind == ActionItem.Owner.MEMBER_STATE and item.owner_member_state_id is not None:
        return _countries(item.owner_member_state_id)
    return SECRETARIAT_ONLY


def procedure_readers(procedure: WrittenProcedure) -> Readers:
    return _countries(*ProcedureCountry.objects.filter(procedure=procedure).values_list("member_state_id", flat=True))


def _title(obj) -> dict:
    return {"title": str(obj)[:200]}


def track_record() -> None:
    track(
        Decision,
        object_type=ObjectType.DECISION,
        meeting_id=lambda decision: decision.agenda_item.meeting_id,
        readers=lambda decision: Readers(Audience.INVITED),
        describe=_title,
        saves="all",
    )
    track(
        ActionItem,
        object_type=ObjectType.ACTION_ITEM,
        meeting_id=lambda item: item.agenda_item.meeting_id,
        readers=action_item_readers,
        describe=_title,
        saves="all",
        narrowing_fields=frozenset({"owner_kind", "owner_member_state"}),
    )
    track(
        WrittenProcedure,
        object_type=ObjectType.WRITTEN_PROCEDURE,
        meeting_id=lambda procedure: None,
        readers=procedure_readers,
        describe=_title,
        saves="changes",  # its countries are asked after it is saved: each one's row says it was added
    )
    track(
        ProcedureCountry,
        object_type=ObjectType.WRITTEN_PROCEDURE,
        object_id=lambda country: country.procedure_id,
        meeting_id=lambda country: None,
        readers=lambda country: _countries(country.member_state_id),
        describe=lambda country: _title(country.procedure),
        saves="created",
    )
    track(
        Answer,
        object_type=ObjectType.PROCEDURE_ANSWER,
        meeting_id=lambda answer: None,
        readers=lambda answer: _countries(answer.country.member_state_id),
        describe=lambda answer: {"procedure": answer.country.procedure_id, "kind": answer.kind},
        saves="created",
    )

"""The rules of logistics: one home for each, asked by the pages (`can_…`) and the exports.

Who sees what: a delegate's travel (hotel, nights, flights) is read and changed only by the secretariat and
by the focal points of the delegate's own country; anyone else gets NotFound, like a missing participant.
The secretariat keeps the hotels of a meeting and the liaison officers of its delegations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import QuerySet, RestrictedError
from django.db.models.deletion import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import Actor, ensure_secretariat, is_secretariat
from common.audit import audit_as
from common.errors import DomainError, NotFound, full_clean
from common.locking import lock
from common.rules import can
from meetings.models import Delegation, Meeting, Participant
from registrations.services.registration import (
    ensure_can_act_for,
    ensure_departure_after_arrival,
    ensure_within_travel_window,
)

from .models import Hotel, LiaisonOfficer, Travel

TRAVEL_FIELDS = (
    "hotel",
    "check_in",
    "check_out",
    "arrival_flight",
    "arrival_airport",
    "arrival_transfer",
    "departure_flight",
    "departure_airport",
    "departure_transfer",
)


class TravelClosed(DomainError):
    code = "travel_closed"
    default_message = gettext_lazy("This meeting has ended: travel details can no longer be changed.")


class ParticipantWithdrawn(DomainError):
    code = "participant_withdrawn"
    default_message = gettext_lazy("This participant is withdrawn: there is no travel to arrange.")


# --- Hotels -------------------------------------------------------------------------------------------------


def hotels_for(meeting: Meeting) -> QuerySet[Hotel]:
    """The hotels a delegate of `meeting` may stay at: the meeting's own and, for a part of a conference week,
    the week's. The form's choices and the service's check, one queryset."""
    return Hotel.objects.filter(meeting_id__in=[pk for pk in (meeting.pk, meeting.parent_id) if pk]).order_by(
        "name", "pk"
    )


def hotel_add(*, actor: Actor, meeting: Meeting, data: dict) -> Hotel:
    ensure_secretariat(actor)
    hotel = Hotel(meeting=meeting, **data)
    full_clean(hotel)
    with transaction.atomic(), audit_as(actor):
        hotel.save()
    return hotel


def hotel_delete(*, actor: Actor, meeting: Meeting, pk: int) -> None:
    ensure_secretariat(actor)
    hotel = Hotel.objects.filter(meeting=meeting, pk=pk).first()
    if hotel is None:
        raise NotFound
    try:
        with transaction.atomic(), audit_as(actor):
            hotel.delete()
    except (ProtectedError, RestrictedError):
        raise DomainError(
            _("%(hotel)s still has guests: move them to another hotel first.") % {"hotel": hotel.name}
        ) from None


# --- Liaison officers ---------------------------------------------------------------------------------------


def liaison_officer_save(*, actor: Actor, delegation: Delegation, data: dict) -> LiaisonOfficer | None:
    """Assign (or change) the delegation's liaison officer; an empty name removes the assignment."""
    ensure_secretariat(actor)
    with transaction.atomic(), audit_as(actor):
        [delegation] = lock(delegation)
        officer = LiaisonOfficer.objects.filter(delegation=delegation).first()
        if not data.get("name"):
            if officer is not None:
                officer.delete()
            return None
        officer = officer or LiaisonOfficer(delegation=delegation)
        for name in ("name", "phone", "email"):
            setattr(officer, name, (data.get(name) or "").strip())
        full_clean(officer)
        officer.save()
    return officer


# --- A delegate's travel ------------------------------------------------------------------------------------


def ensure_can_change_travel(actor: Actor, participant: Participant) -> None:
    """The secretariat for anyone; a focal point for their own country's delegates (others: NotFound), not
    withdrawn, until the meeting ends. Registration's deadline does not apply: flights are booked late."""
    ensure_can_act_for(actor, participant.delegation.member_state)
    if participant.is_withdrawn:
        raise ParticipantWithdrawn
    if not is_secretariat(actor) and participant.delegation.meeting.end < timezone.now():
        raise TravelClosed


can_change_travel = can(ensure_can_change_travel)


def travel_of(participant: Participant) -> Travel:
    """The participant's travel, or an unsaved empty one."""
    return Travel.objects.filter(participant=participant).select_related("hotel").first() or Travel(
        participant=participant
    )


@dataclass(frozen=True)
class TravelData:
    arrival: dt.datetime | None
    departure: dt.datetime | None
    hotel: Hotel | None
    check_in: dt.date | None
    check_out: dt.date | None
    arrival_flight: str = ""
    arrival_airport: str = ""
    arrival_transfer: bool = False
    departure_flight: str = ""
    departure_airport: str = ""
    departure_transfer: bool = False


def normalised_flight(value: str) -> str:
    """' vn631 ' → 'VN631': flight numbers compare as the airline prints them."""
    return "".join(value.split()).upper()


def ensure_travel_valid(meeting: Meeting, data: TravelData) -> None:
    """Each rule with its field: the times within the meeting's window (refused, not warned: a typo in a date
    would send a car on the wrong day), departure after arrival, a hotel of this meeting for nights within
    the window, a transfer only with its flight."""
    ensure_within_travel_window(meeting, "arrival", data.arrival)
    ensure_within_travel_window(meeting, "departure", data.departure)
    if data.arrival and data.departure and data.departure < data.arrival:
        try:
            ensure_departure_after_arrival(data.arrival, data.departure)
        except DomainError as error:
            raise DomainError(error.message, field="departure") from None
    if data.hotel is not None and not hotels_for(meeting).filter(pk=data.hotel.pk).exists():
        raise DomainError(_("Choose one of this meeting's hotels."), field="hotel")
    if data.hotel is not None and not (data.check_in and data.check_out):
        raise DomainError(_("Give the check-in and check-out dates of the hotel."), field="check_in")
    if data.hotel is None and (data.check_in or data.check_out):
        raise DomainError(_("Choose the hotel of these nights."), field="hotel")
    ensure_within_travel_window(meeting, "check_in", data.check_in)
    ensure_within_travel_window(meeting, "check_out", data.check_out)
    if data.check_in and data.check_out and data.check_out <= data.check_in:
        raise DomainError(_("The check-out must be after the check-in."), field="check_out")
    for kind, needs in (("arrival", _("the arrival")), ("departure", _("the departure"))):
        if getattr(data, f"{kind}_transfer") and not (
            getattr(data, f"{kind}_flight") and getattr(data, f"{kind}_airport") and getattr(data, kind)
        ):
            raise DomainError(
                _("A transfer needs the flight, airport and time of %(what)s.") % {"what": needs},
                field=f"{kind}_flight",
            )


def travel_save(*, actor: Actor, participant: Participant, data: TravelData) -> Travel:
    ensure_can_change_travel(actor, participant)
    data = TravelData(
        **{
            **data.__dict__,
            "arrival_flight": normalised_flight(data.arrival_flight),
            "departure_flight": normalised_flight(data.departure_flight),
            "arrival_airport": data.arrival_airport.strip().upper(),
            "departure_airport": data.departure_airport.strip().upper(),
        }
    )
    with transaction.atomic():
        [participant] = lock(
            Participant.objects.select_related("delegation__meeting", "delegation__member_state").filter(
                pk=participant.pk
            )
        )
        ensure_can_change_travel(actor, participant)  # as it is now, under the lock
        meeting = participant.delegation.meeting
        ensure_travel_valid(meeting, data)
        travel = Travel.objects.filter(participant=participant).first() or Travel(participant=participant)
        for name in TRAVEL_FIELDS:
            setattr(travel, name, getattr(data, name))
        full_clean(travel, exclude=["participant"])
        with audit_as(actor):
            if (participant.arrival, participant.departure) != (data.arrival, data.departure):
                participant.arrival, participant.departure = data.arrival, data.departure
                participant.save(update_fields=["arrival", "departure", "updated_at"])
            try:
                with transaction.atomic():
                    travel.save()
            except IntegrityError:
                raise DomainError(_("These travel details contradict each other; check them and save again.")) from None
    return travel

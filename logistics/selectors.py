"""The secretariat's logistics lists: the daily transfer sheet and the hotel rooming list, each in a constant
number of queries whatever the meeting's size. A conference week's lists take in its parts; a person
registered to several parts with the same travel counts once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from meetings.models import Delegation, Meeting, Participant

from .models import Hotel, LiaisonOfficer, Travel


def travels_of(meeting: Meeting) -> QuerySet[Travel]:
    """Travel of the meeting's (and its parts') registered and confirmed delegates."""
    return (
        Travel.objects.filter(
            Q(participant__delegation__meeting=meeting) | Q(participant__delegation__meeting__parent=meeting),
            participant__status__in=Participant.ACTIVE_STATUSES,
        )
        .select_related(
            "hotel",
            "participant__delegation__member_state",
            "participant__delegation__meeting",
            "participant__delegation__liaison_officer",
        )
        .order_by("participant__delegation__member_state__name", "participant__pk")
    )


def _person_key(participant: Participant) -> tuple:
    return (participant.delegation.member_state_id, participant.full_name.casefold())


def _once_each(travels) -> list[Travel]:
    seen: set[tuple] = set()
    kept = []
    for travel in travels:
        person = travel.participant
        key = (*_person_key(person), person.arrival, person.departure, travel.hotel_id)
        if key not in seen:
            seen.add(key)
            kept.append(travel)
    return kept


@dataclass
class Transfer:
    """One car or bus: a flight at a time, the people on it, where they go and who looks after them."""

    when: dt.datetime
    direction: str  # "arrival" (airport → hotel) or "departure" (hotel → airport)
    flight: str
    airport: str
    travels: list[Travel] = field(default_factory=list)

    @property
    def hotels(self) -> list[str]:
        return sorted({t.hotel.name for t in self.travels if t.hotel})

    @property
    def liaison_officers(self) -> list[LiaisonOfficer]:
        found: dict[int, LiaisonOfficer] = {}
        for travel in self.travels:
            officer = getattr(travel.participant.delegation, "liaison_officer", None)
            if officer is not None:
                found[officer.pk] = officer
        return list(found.values())


@dataclass
class TransferDay:
    day: dt.date
    transfers: list[Transfer] = field(default_factory=list)


def transfer_sheet(*, meeting: Meeting) -> list[TransferDay]:
    """Per day (venue's time zone), by time: each flight whose passengers asked for a transfer."""
    groups: dict[tuple, Transfer] = {}
    for travel in _once_each(travels_of(meeting).filter(Q(arrival_transfer=True) | Q(departure_transfer=True))):
        person = travel.participant
        for direction in ("arrival", "departure"):
            moment = getattr(person, direction)
            if not getattr(travel, f"{direction}_transfer") or moment is None:
                continue
            local = moment.astimezone(meeting.tz)
            flight, airport = getattr(travel, f"{direction}_flight"), getattr(travel, f"{direction}_airport")
            key = (local, direction, flight, airport)
            groups.setdefault(key, Transfer(local, direction, flight, airport)).travels.append(travel)
    days: dict[dt.date, TransferDay] = {}
    for key in sorted(groups, key=lambda k: (k[0], k[1], k[2])):
        transfer = groups[key]
        transfer.travels.sort(key=lambda t: (t.participant.delegation.member_state.name, t.participant.full_name))
        days.setdefault(transfer.when.date(), TransferDay(transfer.when.date())).transfers.append(transfer)
    return list(days.values())


@dataclass
class RoomingDelegation:
    delegation: Delegation
    travels: list[Travel] = field(default_factory=list)


@dataclass
class RoomingHotel:
    hotel: Hotel
    delegations: list[RoomingDelegation] = field(default_factory=list)

    @property
    def guests(self) -> int:
        return sum(len(d.travels) for d in self.delegations)

    @property
    def nights(self) -> int:
        return sum(t.nights for d in self.delegations for t in d.travels)  # type: ignore[attr-defined]


def rooming_list(*, meeting: Meeting) -> list[RoomingHotel]:
    """Per hotel (every hotel the meeting offers, even without guests), per delegation: who checks in and out."""
    hotels = {hotel.pk: RoomingHotel(hotel) for hotel in Hotel.objects.filter(meeting=meeting).order_by("name", "pk")}
    by_country: dict[tuple[int, int], RoomingDelegation] = {}
    for travel in _once_each(travels_of(meeting).filter(hotel__isnull=False)):
        hotel = travel.hotel
        assert hotel is not None and travel.check_in and travel.check_out  # filtered; travel_hotel_with_dates
        if hotel.pk not in hotels:  # a part's own hotel, listed under it
            hotels[hotel.pk] = RoomingHotel(hotel)
        travel.nights = (travel.check_out - travel.check_in).days  # type: ignore[attr-defined]  # shown beside the dates
        delegation = travel.participant.delegation
        key = (hotel.pk, delegation.member_state_id)
        if key not in by_country:
            by_country[key] = RoomingDelegation(delegation)
            hotels[hotel.pk].delegations.append(by_country[key])
        by_country[key].travels.append(travel)
    for entry in hotels.values():
        entry.delegations.sort(key=lambda d: d.delegation.member_state.name)
        for rooming in entry.delegations:
            rooming.travels.sort(key=lambda t: (not t.participant.is_head, t.participant.full_name))
    return sorted(hotels.values(), key=lambda h: h.hotel.name)


def delegations_with_officers(*, meeting: Meeting) -> QuerySet[Delegation]:
    return (
        Delegation.objects.filter(meeting=meeting)
        .select_related("member_state", "liaison_officer")
        .order_by("member_state__name")
    )

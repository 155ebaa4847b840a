"""A delegate's hotel and flights in a person's export and erasure (privacy.registry)."""

from __future__ import annotations

from auditlog.context import disable_auditlog

from .models import Travel


def export(participants) -> list[dict]:
    rows = []
    for travel in Travel.objects.filter(participant__in=participants).select_related("hotel").order_by("pk"):
        rows.append(
            {
                "participant": travel.participant_id,
                "kind": "travel",
                "hotel": travel.hotel.name if travel.hotel else None,
                "check_in": travel.check_in.isoformat() if travel.check_in else None,
                "check_out": travel.check_out.isoformat() if travel.check_out else None,
                "arrival_flight": travel.arrival_flight,
                "arrival_airport": travel.arrival_airport,
                "arrival_transfer": travel.arrival_transfer,
                "departure_flight": travel.departure_flight,
                "departure_airport": travel.departure_airport,
                "departure_transfer": travel.departure_transfer,
            }
        )
    return rows


def erase(participants) -> None:
    """The row goes; the times of arrival and departure are the participant's own and go with it."""
    with disable_auditlog():  # the erasure is recorded on the participant; nothing of them stays here
        Travel.objects.filter(participant__in=participants).delete()

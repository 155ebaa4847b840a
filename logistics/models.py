"""Logistics of a conference week: the hotels the secretariat offers per meeting, each delegation's liaison
officer, and each delegate's stay and flights. The times of arrival and departure stay on the participant
(`Participant.arrival`/`departure`, local to the venue): one home, which the arrivals report already reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel
from meetings.models import Delegation, Meeting, Participant


class Hotel(TimeStampedModel):
    """A hotel the secretariat offers to the delegates of one meeting (a conference week's, for its parts)."""

    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py), for the type checker
        name_en: str
        name_vi: str | None
        address_en: str
        address_vi: str | None

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="hotels", verbose_name=_("meeting"))
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["meeting", "name", "pk"]
        verbose_name = _("hotel")
        verbose_name_plural = _("hotels")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "name"],
                name="hotel_name_once_per_meeting",
                violation_error_message=_("This meeting already has a hotel of that name."),
            )
        ]

    def __str__(self):
        return self.name


class LiaisonOfficer(TimeStampedModel):
    """The secretariat's person who looks after one delegation during the meeting."""

    delegation = models.OneToOneField(
        Delegation, models.CASCADE, related_name="liaison_officer", verbose_name=_("delegation")
    )
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        ordering = ["delegation"]
        verbose_name = _("liaison officer")
        verbose_name_plural = _("liaison officers")
        constraints = [
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email=""),
                name="liaison_officer_reachable",
                violation_error_message=_("Give the liaison officer's phone or email."),
            )
        ]

    def __str__(self):
        return self.name


class Travel(TimeStampedModel):
    """A delegate's hotel, nights and flights. Personal data: only the secretariat and the delegate's own
    country see it (privacy.py registers it for a person's export and erasure)."""

    NOT_AUDITED = (
        "check_in",
        "check_out",
        "arrival_flight",
        "arrival_airport",
        "departure_flight",
        "departure_airport",
    )

    participant = models.OneToOneField(
        Participant, models.CASCADE, related_name="travel", verbose_name=_("participant")
    )
    hotel = models.ForeignKey(
        Hotel, models.PROTECT, null=True, blank=True, related_name="guests", verbose_name=_("hotel")
    )
    check_in = models.DateField(_("check-in"), null=True, blank=True)
    check_out = models.DateField(_("check-out"), null=True, blank=True)
    arrival_flight = models.CharField(_("arrival flight"), max_length=12, blank=True, help_text=_("e.g. VN 631"))
    arrival_airport = models.CharField(_("arrival airport"), max_length=60, blank=True, help_text=_("e.g. BWN"))
    arrival_transfer = models.BooleanField(_("transfer from the airport"), default=False)
    departure_flight = models.CharField(_("departure flight"), max_length=12, blank=True)
    departure_airport = models.CharField(_("departure airport"), max_length=60, blank=True)
    departure_transfer = models.BooleanField(_("transfer to the airport"), default=False)

    class Meta:
        ordering = ["participant"]
        verbose_name = _("travel and stay")
        verbose_name_plural = _("travel and stays")
        constraints = [
            models.CheckConstraint(
                condition=Q(check_in__isnull=True) | Q(check_out__isnull=True) | Q(check_out__gt=F("check_in")),
                name="travel_check_out_after_check_in",
                violation_error_message=_("The check-out must be after the check-in."),
            ),
            models.CheckConstraint(
                condition=Q(hotel__isnull=True, check_in__isnull=True, check_out__isnull=True)
                | Q(hotel__isnull=False, check_in__isnull=False, check_out__isnull=False),
                name="travel_hotel_with_dates",
                violation_error_message=_("Give the hotel with its check-in and check-out dates, or none of them."),
            ),
            models.CheckConstraint(
                condition=Q(arrival_transfer=False) | ~Q(arrival_flight="") & ~Q(arrival_airport=""),
                name="travel_arrival_transfer_needs_flight",
                violation_error_message=_("A transfer from the airport needs the arrival flight and airport."),
            ),
            models.CheckConstraint(
                condition=Q(departure_transfer=False) | ~Q(departure_flight="") & ~Q(departure_airport=""),
                name="travel_departure_transfer_needs_flight",
                violation_error_message=_("A transfer to the airport needs the departure flight and airport."),
            ),
        ]

    def __str__(self):
        return f"{_('Travel')} #{self.pk}"  # never the person's name

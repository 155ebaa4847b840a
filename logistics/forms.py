"""Forms of the logistics pages. They parse and show input; the rules live in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting, Participant
from registrations.forms import DateTimeLocalInput

from . import services
from .models import Hotel, LiaisonOfficer, Travel


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TravelForm(forms.ModelForm):
    """A delegate's flights and hotel, on a phone. Times are read and shown in the venue's time zone (the view
    activates it)."""

    arrival = forms.DateTimeField(label=_("Arrival (landing)"), required=False, widget=DateTimeLocalInput())
    departure = forms.DateTimeField(label=_("Departure (take-off)"), required=False, widget=DateTimeLocalInput())

    class Meta:
        model = Travel
        fields = services.TRAVEL_FIELDS
        widgets = {
            "check_in": DateInput(),
            "check_out": DateInput(),
            "arrival_flight": forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
            "departure_flight": forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
            "arrival_airport": forms.TextInput(attrs={"autocapitalize": "characters"}),
            "departure_airport": forms.TextInput(attrs={"autocapitalize": "characters"}),
        }

    def __init__(self, *args, participant: Participant, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hotel"].queryset = services.hotels_for(meeting)
        self.fields["hotel"].empty_label = _("No hotel (staying elsewhere)")
        zone = f"{meeting.time_zone}, {meeting.utc_offset}"
        self.fields["arrival"].help_text = _("Local time at the venue (%(zone)s).") % {"zone": zone}
        self.fields["departure"].help_text = _("Local time at the venue (%(zone)s).") % {"zone": zone}
        if not self.is_bound:
            self.initial["arrival"] = participant.arrival
            self.initial["departure"] = participant.departure

    def _post_clean(self):
        """The model's checks are the service's (each with its field), not the ModelForm's."""

    def service_data(self) -> services.TravelData:
        data = self.cleaned_data
        return services.TravelData(
            arrival=data.get("arrival"),
            departure=data.get("departure"),
            hotel=data.get("hotel"),
            check_in=data.get("check_in"),
            check_out=data.get("check_out"),
            arrival_flight=data.get("arrival_flight") or "",
            arrival_airport=data.get("arrival_airport") or "",
            arrival_transfer=bool(data.get("arrival_transfer")),
            departure_flight=data.get("departure_flight") or "",
            departure_airport=data.get("departure_airport") or "",
            departure_transfer=bool(data.get("departure_transfer")),
        )


class HotelForm(forms.ModelForm):
    class Meta:
        model = Hotel
        fields = ("name_en", "name_vi", "address_en", "address_vi", "phone")
        widgets = {"phone": forms.TextInput(attrs={"inputmode": "tel"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_en"].required = True
        self.fields["name_en"].label = _("Name (English)")
        self.fields["name_vi"].label = _("Name (Vietnamese)")
        self.fields["address_en"].label = _("Address (English)")
        self.fields["address_vi"].label = _("Address (Vietnamese)")

    def _post_clean(self):
        """The meeting is the view's; the service validates the whole row."""


class LiaisonOfficerForm(forms.ModelForm):
    class Meta:
        model = LiaisonOfficer
        fields = ("name", "phone", "email")
        widgets = {"phone": forms.TextInput(attrs={"inputmode": "tel"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["name"].help_text = _("Leave the name empty to remove the liaison officer.")

    def _post_clean(self):
        """The service validates the row (a phone or an email)."""

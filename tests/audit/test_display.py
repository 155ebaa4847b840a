"""How one recorded value reads, on the trail pages and in a delegation's history (one formatter for both)."""

import zoneinfo

from audit.display import display_value
from meetings.models import Delegation, Participant


def field(model, name):
    return model._meta.get_field(name)


def test_values_read_as_a_person_would_write_them():
    assert display_value(field(Participant, "status"), "confirmed") == "Confirmed"
    assert display_value(field(Participant, "arrival"), "2030-08-06T03:00:00+00:00") == "06/08/2030 03:00"
    hanoi = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
    assert display_value(field(Participant, "arrival"), "2030-08-06T03:00:00+00:00", time_zone=hanoi) == (
        "06/08/2030 10:00"
    )
    assert display_value(field(Participant, "delegation"), "12") == "Delegation #12"  # no name given: kind and number
    names = {(Delegation, "12"): "Viet Nam — SOM 23"}
    assert display_value(field(Participant, "delegation"), "12", names=names) == "Viet Nam — SOM 23"
    assert display_value(field(Delegation, "nomination_letter"), "nomination-letters/2030/nv.pdf") == "PDF attached"
    assert display_value(field(Participant, "full_name"), "[erased]") == "(erased)"


def test_empty_values_read_as_nothing():
    for empty in (None, "None", "", "[]"):
        assert display_value(field(Participant, "email"), empty) == ""

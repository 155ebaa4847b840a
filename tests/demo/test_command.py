"""`load_demo` never overwrites the user's data: it loads into an empty database only, and `--reset` starts
again after a clear warning."""

import io

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from meetings.models import Meeting, MemberState
from tests.factories import MemberStateFactory

pytestmark = pytest.mark.django_db

SOM_23 = "23rd ACCSM Senior Officials Meeting (SOM 23)"


def load_demo(*args, **options) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("load_demo", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def rows() -> dict[str, list]:
    return {
        "meetings": sorted(Meeting.objects.values_list("pk", "title_en", "start", "updated_at")),
        "users": sorted(User.objects.values_list("pk", "username", "password", "first_name", "is_active")),
    }


def test_loading_twice_changes_nothing_and_says_so():
    load_demo()
    first = rows()

    out, _err = load_demo()

    assert rows() == first
    assert "already holds data: the demo was not loaded and nothing was changed" in out
    assert "manage.py load_demo --reset" in out


def test_an_edit_made_in_the_portal_survives_a_second_load():
    load_demo()
    Meeting.objects.filter(title_en=SOM_23).update(venue_en="Peace Palace")
    focal_point = User.objects.get(username="fp-vn")
    focal_point.set_password("changed-by-the-user")
    focal_point.save()

    load_demo()

    assert Meeting.objects.get(title_en=SOM_23).venue_en == "Peace Palace"
    assert User.objects.get(username="fp-vn").check_password("changed-by-the-user")


def test_a_database_with_the_users_own_data_gets_no_demo():
    MemberStateFactory(code="VN", name="Viet Nam (ours)")

    out, _err = load_demo()

    assert list(MemberState.objects.values_list("name_en", flat=True)) == ["Viet Nam (ours)"]
    assert (Meeting.objects.count(), User.objects.count()) == (0, 0)
    assert "nothing was changed" in out


def test_a_database_with_only_a_superuser_gets_the_demo():
    User.objects.create_superuser("admin", "admin@example.org", "s3cret-pass")

    load_demo()

    assert Meeting.objects.filter(title_en=SOM_23).exists()
    assert User.objects.get(username="admin").is_superuser


@pytest.mark.django_db(transaction=True)  # flush truncates: on PostgreSQL not inside the test's transaction
def test_reset_warns_then_starts_again_from_the_demo():
    load_demo()
    Meeting.objects.filter(title_en=SOM_23).update(venue_en="Peace Palace")
    User.objects.create_user("someone", "someone@example.org", "pw-12345678")

    out, err = load_demo(reset=True, interactive=False)

    assert "WARNING: --reset deletes everything in the database" in err
    assert "ACCSM demo data is loaded" in out
    assert Meeting.objects.get(title_en=SOM_23).venue_en == "Sokha Phnom Penh Hotel"
    assert not User.objects.filter(username="someone").exists()
    assert User.objects.get(username="fp-vn").check_password("accsm-vn-demo")


def test_reset_asks_first_and_deletes_nothing_unless_told_yes(monkeypatch):
    load_demo()
    Meeting.objects.filter(title_en=SOM_23).update(venue_en="Peace Palace")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")

    with pytest.raises(CommandError, match="nothing was deleted"):
        load_demo(reset=True)

    assert Meeting.objects.get(title_en=SOM_23).venue_en == "Peace Palace"

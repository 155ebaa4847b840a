"""Recovery from a lost phone (issue 21): one-time recovery codes, and the secretariat's reset."""

import datetime as dt
import re

import pytest
import time_machine
from auditlog.models import LogEntry
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from accounts.models import RecoveryCode
from common.errors import Forbidden
from tests.accounts.test_two_factor import code, enrolled, sign_in
from tests.factories import SecretariatUserFactory, UserFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db

CODE = re.compile(r"<code>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})</code>")


def test_enrolment_shows_ten_codes_once_and_keeps_only_keyed_hashes(client):
    user = UserFactory()
    client.force_login(user)
    client.get("/en/accounts/two-step/enrol/")
    device = TOTPDevice.objects.get(user=user)

    page = client.post("/en/accounts/two-step/enrol/", {"token": code(device)})

    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    codes = CODE.findall(page.content.decode())
    assert len(set(codes)) == 10
    stored = set(RecoveryCode.objects.filter(user=user).values_list("code_hash", flat=True))
    assert len(stored) == 10
    assert not any(c.replace("-", "") in h or c in h for c in codes for h in stored)
    assert "1 unused recovery" not in client.get("/en/accounts/two-step/").content.decode()
    assert "10 unused recovery codes" in client.get("/en/accounts/two-step/").content.decode()


def test_a_recovery_code_signs_in_once_instead_of_the_app():
    user = UserFactory()
    enrolled(user)
    [first, second, *_] = two_factor.recovery_codes_issue(user)

    client = sign_in(user)
    page = client.post(
        "/en/accounts/two-step/verify/?recovery=1", {"token": first.upper(), "recovery": "1", "next": "/en/my/"}
    )
    assert (page.status_code, page["Location"]) == (302, "/en/my/")
    assert two_factor.recovery_codes_left(user) == 9

    again = sign_in(user)
    refused = again.post("/en/accounts/two-step/verify/", {"token": first, "recovery": "1"})
    assert refused.status_code == 200
    assert refused.context["form"].errors["token"]
    with time_machine.travel(dt.timedelta(seconds=1)):  # a wrong try makes the next wait a quarter second
        accepted = again.post("/en/accounts/two-step/verify/", {"token": second.replace("-", " "), "recovery": "1"})
    assert accepted.status_code == 302


def test_new_codes_cancel_the_old_ones(client):
    user = UserFactory()
    enrolled(user)
    old = two_factor.recovery_codes_issue(user)
    client = sign_in(user)
    client.post("/en/accounts/two-step/verify/", {"token": old[0], "recovery": "1"})

    page = client.post("/en/accounts/two-step/", {"action": "recovery_codes"})

    new = CODE.findall(page.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    other = sign_in(user)
    assert other.post("/en/accounts/two-step/verify/", {"token": old[1], "recovery": "1"}).status_code == 200
    with time_machine.travel(dt.timedelta(seconds=1)):
        assert other.post("/en/accounts/two-step/verify/", {"token": new[0], "recovery": "1"}).status_code == 302


def test_a_right_code_typed_just_after_a_wrong_one_is_accepted():
    user = UserFactory()
    device = enrolled(user)
    client = sign_in(user)
    assert client.post("/en/accounts/two-step/verify/", {"token": "000000"}).status_code == 200
    with time_machine.travel(dt.timedelta(seconds=0.5)):  # a person takes longer than this to retype
        assert client.post("/en/accounts/two-step/verify/", {"token": code(device)}).status_code == 302


def test_the_secretariat_resets_a_colleagues_factor_with_a_reason_in_the_audit_trail(client):
    colleague = SecretariatUserFactory(first_name="Bích", last_name="Trần")
    enrolled(colleague)
    two_factor.recovery_codes_issue(colleague)
    staff = SecretariatUserFactory()
    client.force_login(staff)

    listing = client.get("/en/accounts/two-step/staff/")
    assert listing.status_code == 200
    assert "Bích" in listing.content.decode()
    missing = client.post("/en/accounts/two-step/staff/", {"user": colleague.pk, "reason": " "})
    assert missing.status_code == 200 and TOTPDevice.objects.filter(user=colleague).exists()

    done = client.post("/en/accounts/two-step/staff/", {"user": colleague.pk, "reason": "Lost phone, called back"})

    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    assert not RecoveryCode.objects.filter(user=colleague).exists()
    entry = LogEntry.objects.filter(content_type__model="totpdevice", action=LogEntry.Action.DELETE).get()
    assert (entry.actor, entry.additional_data["reason"]) == (staff, "Lost phone, called back")


def test_a_colleague_signed_in_during_the_reset_is_sent_to_set_it_up_again():
    colleague = SecretariatUserFactory()
    enrolled(colleague)
    client = sign_in(colleague)
    two_factor.reset_for(actor=SecretariatUserFactory(), user_id=colleague.pk, reason="Lost phone")

    response = client.get("/en/accounts/two-step/verify/?next=/en/secretariat/")

    assert response.status_code == 302


@pytest.mark.parametrize("body", [{"user": "abc", "reason": "x"}, {"user": "99999999", "reason": "x"}, {}])
def test_bad_reset_requests_are_refused_with_a_message(client, body):
    client.force_login(SecretariatUserFactory())
    response = client.post("/en/accounts/two-step/staff/", body)
    assert response.status_code in (200, 404)


def test_only_the_secretariat_reaches_the_reset_page(client):
    client.force_login(UserFactory())
    assert client.get("/en/accounts/two-step/staff/").status_code in (403, 404)
    with pytest.raises(Forbidden):
        two_factor.reset_for(actor=UserFactory(), user_id=SecretariatUserFactory().pk, reason="x")


def test_nobody_resets_their_own_factor():
    staff = SecretariatUserFactory()
    enrolled(staff)
    with pytest.raises(two_factor.DomainError, match="your own"):
        two_factor.reset_for(actor=staff, user_id=staff.pk, reason="x")


def test_the_staff_list_costs_the_same_queries_for_one_account_or_many(client):
    client.force_login(SecretariatUserFactory())
    url = "/en/accounts/two-step/staff/"
    queries_for(client, url)  # the session's first request writes what later ones only read
    one = queries_for(client, url)
    for _ in range(5):
        enrolled(SecretariatUserFactory())
    assert queries_for(client, url) <= one

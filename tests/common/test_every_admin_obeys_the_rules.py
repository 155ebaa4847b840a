"""The Django admin is not a second write path around the rules (issues 15 and 21): every model registered in
the admin is shown read-only, or saved and deleted through its service, unless it is reference data that has
no rule of its own. A new ModelAdmin that is neither fails here until someone decides which it is."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from common.admin import ReadOnlyAdminMixin, ServiceAdminMixin

# Reference data and accounts: edited as they are, no service rule applies (each line says why).
PLAIN_ADMINS = {
    "meetings.MemberState",  # names, groups and capitals of countries
    "workplan.WorkPlan",  # the plan's title and years; adoption and predecessor are not fields once it exists
    "workplan.PriorityArea",  # titles of a plan's areas; never deleted (tests/workplan/test_admin.py)
    "accounts.User",  # Django's own user admin: passwords, groups, activation
    "auth.Group",  # the Secretariat group and its permission
    # django-axes' sign-in attempts and logs: deleting an attempt lifts a lock-out before its cool-off ends
    "axes.AccessAttempt",
    "axes.AccessLog",
    "axes.AccessFailureLog",
}


def _label(model) -> str:
    return model._meta.label


def test_every_model_admin_is_read_only_or_goes_through_its_service():
    unruled = {
        _label(model)
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, ReadOnlyAdminMixin | ServiceAdminMixin) and _label(model) not in PLAIN_ADMINS
    }
    assert unruled == set(), "decide: ReadOnlyAdminMixin, ServiceAdminMixin, or a line in PLAIN_ADMINS saying why"


def test_the_list_of_plain_admins_names_only_registered_models():
    registered = {_label(model) for model in admin.site._registry}
    assert registered | {_label(Group)} >= PLAIN_ADMINS


def test_inlines_of_ruled_admins_are_read_only_too():
    """A service-backed or read-only admin must not edit related rows through an inline behind its back."""
    from common.admin import ReadOnlyInlineMixin

    editable = {
        f"{_label(model)}: {inline.__name__}"
        for model, model_admin in admin.site._registry.items()
        if _label(model) not in PLAIN_ADMINS
        for inline in model_admin.inlines
        if not issubclass(inline, ReadOnlyInlineMixin)
    }
    assert editable == set()


@pytest.mark.django_db
def test_a_second_factor_is_not_edited_or_deleted_in_the_admin(admin_client):
    from tests.factories import UserFactory

    device = TOTPDevice.objects.create(user=UserFactory(), name="phone", confirmed=True)

    from django.urls import reverse

    change = admin_client.post(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]), {"name": "x"})
    delete = admin_client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})

    assert change.status_code == 403 and delete.status_code == 403
    device.refresh_from_db()
    assert (device.name, device.confirmed) == ("phone", True)

"""The second sign-in factor (TOTP, django-otp): who must use it, enrolment and verification.

Every user may add an authenticator app; staff (Django staff, superusers and the secretariat) must when
settings.ACCSM_STAFF_REQUIRE_TWO_FACTOR is on. What a signed-in session still owes is decided once, at
sign-in, and kept in the session, so that ordinary requests pay no extra query.
"""

from __future__ import annotations

import io

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from common.errors import DomainError
from common.locking import lock

from .roles import is_secretariat

SESSION_HAS_DEVICE = "accsm_2fa_device"
SESSION_IS_STAFF = "accsm_2fa_staff"
DEVICE_NAME = "Authenticator app"


class WrongCode(DomainError):
    code = "wrong_code"
    default_message = _("This code is not right. Check the time on your phone and enter the current code.")


class TooManyWrongCodes(DomainError):
    code = "throttled"
    default_message = _("Too many wrong codes in a row. Wait a minute before you try again.")


def is_staff_account(user) -> bool:
    return bool(user.is_staff or user.is_superuser or is_secretariat(user))


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@receiver(user_logged_in, dispatch_uid="accsm_two_factor_state")
def remember_two_factor_state(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    request.session[SESSION_HAS_DEVICE] = confirmed_device(user) is not None
    request.session[SESSION_IS_STAFF] = is_staff_account(user)


def pending_step(request) -> str | None:
    """'verify' when the session still owes a code, 'enrol' when the account must add an app, else None."""
    user = request.user
    if not user.is_authenticated:
        return None
    if request.session.get(SESSION_HAS_DEVICE) and not user.is_verified():
        return "verify"
    if (
        settings.ACCSM_STAFF_REQUIRE_TWO_FACTOR
        and not request.session.get(SESSION_HAS_DEVICE)
        and request.session.get(SESSION_IS_STAFF)
    ):
        return "enrol"
    return None


def pending_device(user) -> TOTPDevice:
    """The device being enrolled: created on first visit, the same one (same QR code) until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as an inline SVG, drawn here: the secret never leaves the portal."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg") :]


def secret_for_typing(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for apps that cannot scan."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _check(device: TOTPDevice, token: str) -> DomainError | None:
    """The error to raise, if any. Returned, not raised, so that the caller's transaction commits the
    failure count that django-otp's throttling saved (raising inside it would roll the count back)."""
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        return TooManyWrongCodes(field="token")
    if not device.verify_token(token.replace(" ", "")):
        return WrongCode(field="token")
    return None


def enrol_confirm(*, request, device: TOTPDevice, token: str) -> None:
    """The user proved the app works: the device counts from now on and this session is verified."""
    with transaction.atomic():
        [device] = lock(TOTPDevice.objects.filter(pk=device.pk, user=request.user, confirmed=False))
        error = _check(device, token)
        if error is None:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
    if error is not None:
        raise error
    django_otp.login(request, device)
    request.session[SESSION_HAS_DEVICE] = True


def verify(*, request, token: str) -> None:
    with transaction.atomic():
        confirmed = lock(TOTPDevice.objects.filter(user=request.user, confirmed=True))
        device = confirmed[0] if confirmed else None
        if device is None:
            raise WrongCode(field="token")
        error = _check(device, token)
    if error is not None:
        raise error
    django_otp.login(request, device)


def remove(*, request, token: str) -> None:
    """Turn the second factor off (proved with a current code); refused when the account must keep it."""
    if settings.ACCSM_STAFF_REQUIRE_TWO_FACTOR and is_staff_account(request.user):
        raise DomainError(_("Your account must use two-step sign-in."), field="token")
    device = confirmed_device(request.user)
    if device is None:
        return
    error = _check(device, token)
    if error is not None:
        raise error
    TOTPDevice.objects.filter(user=request.user).delete()
    request.session[SESSION_HAS_DEVICE] = False
    request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)

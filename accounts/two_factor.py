"""The second sign-in factor (TOTP, django-otp): who must use it, enrolment and verification, the
recovery codes that stand in for a lost phone, and the secretariat's reset of a colleague's factor.

Every user may add an authenticator app; staff (Django staff, superusers and the secretariat) must when
settings.ACCSM_STAFF_REQUIRE_TWO_FACTOR is on. What a signed-in session still owes is decided once, at
sign-in, and kept in the session, so that ordinary requests pay no extra query.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import secrets

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from common.audit import audit_as, bulk_create_audited
from common.errors import DomainError, Forbidden, NotFound
from common.locking import lock

from .models import RecoveryCode, User
from .roles import is_secretariat

SESSION_HAS_DEVICE = "accsm_2fa_device"
SESSION_IS_STAFF = "accsm_2fa_staff"
DEVICE_NAME = "Authenticator app"
RECOVERY_CODES = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
RECOVERY_LENGTH = 12  # about 59 bits each, shown as xxxx-xxxx-xxxx


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


def _normalised(code: str) -> str:
    return "".join(char for char in code.lower() if char.isalnum())


def looks_like_recovery_code(token: str) -> bool:
    return len(_normalised(token)) == RECOVERY_LENGTH


def _recovery_hash(code: str) -> str:
    """Keyed by the site's secret: a stolen table of hashes cannot be tried offline."""
    return hmac.new(settings.SECRET_KEY.encode(), _normalised(code).encode(), hashlib.sha256).hexdigest()


def recovery_codes_issue(user) -> list[str]:
    """New recovery codes for `user` (the old ones stop working), returned once to be shown once."""
    codes = ["".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH)) for _ in range(RECOVERY_CODES)]
    with transaction.atomic(), audit_as(user, reason="recovery codes issued"):
        RecoveryCode.objects.filter(user=user).delete()
        bulk_create_audited(RecoveryCode, [RecoveryCode(user=user, code_hash=_recovery_hash(code)) for code in codes])
    return [f"{code[:4]}-{code[4:8]}-{code[8:]}" for code in codes]


def recovery_codes_left(user) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def _check_recovery_code(device: TOTPDevice, user, token: str) -> DomainError | None:
    """Like _check, for a recovery code: the same throttle, and the code is spent by its use."""
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        return TooManyWrongCodes(field="token")
    spent = RecoveryCode.objects.filter(user=user, code_hash=_recovery_hash(token), used_at__isnull=True).update(
        used_at=timezone.now()
    )
    if not spent:
        device.throttle_increment()
        return WrongCode(field="token")
    device.throttle_reset()
    return None


def verify(*, request, token: str) -> None:
    """The session's second step: a current code from the app, or one unused recovery code."""
    with transaction.atomic():
        confirmed = lock(TOTPDevice.objects.filter(user=request.user, confirmed=True))
        device = confirmed[0] if confirmed else None
        if device is None:
            raise WrongCode(field="token")
        if looks_like_recovery_code(token):
            error = _check_recovery_code(device, request.user, token)
        else:
            error = _check(device, token)
    if error is not None:
        raise error
    django_otp.login(request, device)


def reset_for(*, actor, user_id: int, reason: str) -> User:
    """The secretariat turns a colleague's second factor off (a lost phone, no recovery code left), with
    a reason kept in the audit trail. The colleague sets it up again at their next sign-in."""
    if not is_secretariat(actor):
        raise Forbidden
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Say why the second factor is reset; it is kept in the audit trail."), field="reason")
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise NotFound
    if user.pk == actor.pk:
        raise DomainError(_("You cannot reset your own second factor; ask a colleague."), field="reason")
    with transaction.atomic(), audit_as(actor, reason=reason):
        devices = lock(TOTPDevice.objects.filter(user=user))
        for device in devices:
            device.delete()
        for code in RecoveryCode.objects.filter(user=user):
            code.delete()
    return user


def staff_accounts():
    """The accounts whose second factor the secretariat looks after, each with its state, in one query."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(is_staff=True)
            | Q(is_superuser=True)
            | Q(groups__permissions__codename="secretariat")
            | Q(user_permissions__codename="secretariat")
        )
        .annotate(
            has_device=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            recovery_left=Count("recovery_codes", filter=Q(recovery_codes__used_at__isnull=True), distinct=True),
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


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
    RecoveryCode.objects.filter(user=request.user).delete()
    request.session[SESSION_HAS_DEVICE] = False
    request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)

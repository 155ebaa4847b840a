"""The accounts' demo: the secretariat's login and one focal point per member state.

A password is set only when the account is first created: a changed password survives a second load."""

from __future__ import annotations

from django.contrib.auth.models import Permission

from accounts.models import User
from accounts.roles import secretariat_group
from meetings.models import FocalPoint

from .base import Demo, upsert
from .data.member_states import FOCAL_POINT_STATES

SECRETARIAT_LOGIN = ("secretariat", "accsm-secretariat-demo")


def focal_point_login(code: str) -> tuple[str, str]:
    return f"fp-{code.lower()}", f"accsm-{code.lower()}-demo"


def account(username, password, first, last, *, staff=False, language="en") -> tuple[User, bool]:
    user = User.objects.filter(username=username).first()
    created = user is None
    if created:
        user = User(username=username, first_name=first, last_name=last, email=f"{username}@accsm.example.org")
        user.is_staff = staff
        user.preferred_language = language
        user.set_password(password)
        user.save()
    return user, created


def load_accounts(demo: Demo) -> None:
    group = secretariat_group()
    wanted = Permission.objects.filter(content_type__app_label__in=["meetings", "workplan", "documents"]).exclude(
        codename__startswith="delete_"
    )
    missing = set(wanted.values_list("pk", flat=True)) - set(group.permissions.values_list("pk", flat=True))
    if missing:
        group.permissions.add(*missing)
    username, password = SECRETARIAT_LOGIN
    user, created = account(username, password, "Demo", "Secretariat", staff=True)
    if not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
    demo.logins.append((username, password, "secretariat (chairing ministry)", created))
    for code in FOCAL_POINT_STATES:
        username, password = focal_point_login(code)
        state = demo.states[code]
        # Viet Nam's focal point reads the portal in Vietnamese, and is named so in its header.
        first, last, language = (
            ("Đầu mối", state.name_vi, "vi") if code == "VN" else ("Focal point", state.name_en, "en")
        )
        user, created = account(username, password, first, last, language=language)
        upsert(FocalPoint, {"user": user}, {"member_state": state, "is_active": True})
        demo.logins.append((username, password, f"focal point, {state.name_en}", created))

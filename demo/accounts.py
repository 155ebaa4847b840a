"""The accounts' demo: a login for every role (README.md lists them): the chairing ministry's secretariat and a
colleague of theirs (two people editing at once), the ASEAN Secretariat's staff, and a focal point for every
member state, the Plus Three countries and Timor-Leste (observer: the demo invites it to several meetings).

A password is set only when the account is first created: a changed password survives a second load."""

from __future__ import annotations

from django.contrib.auth.models import Permission

from accounts.models import User
from accounts.roles import secretariat_group
from meetings.models import FocalPoint

from .base import Demo, upsert
from .data.member_states import FOCAL_POINT_STATES

SECRETARIAT_LOGIN = ("secretariat", "accsm-secretariat-demo")
# username, password, first name, last name, language, role: the other secretariat users.
SECRETARIAT_COLLEAGUES = [
    ("secretariat-2", "accsm-secretariat-2-demo", "Thư ký", "Thứ hai", "vi", "secretariat (a second user)"),
    ("asean-secretariat", "accsm-asec-demo", "ASEAN", "Secretariat", "en", "secretariat (ASEAN Secretariat staff)"),
]


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
    secretariat = [(username, password, "Demo", "Secretariat", "en", "secretariat (chairing ministry)")]
    for username, password, first, last, language, role in secretariat + SECRETARIAT_COLLEAGUES:
        user, created = account(username, password, first, last, staff=True, language=language)
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
        demo.logins.append((username, password, role, created))
    for code in FOCAL_POINT_STATES:
        username, password = focal_point_login(code)
        state = demo.states[code]
        # Viet Nam's focal point reads the portal in Vietnamese, and is named so in its header.
        first, last, language = (
            ("Đầu mối", state.name_vi, "vi") if code == "VN" else ("Focal point", state.name_en, "en")
        )
        user, created = account(username, password, first, last, language=language)
        upsert(FocalPoint, {"user": user}, {"member_state": state, "is_active": True})
        role = "observer" if state.group == state.Group.OBSERVER else "focal point"
        demo.logins.append((username, password, f"{role}, {state.name_en}", created))

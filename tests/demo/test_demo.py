import re
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from accounts.roles import is_secretariat, member_state_of
from demo.data.member_states import FOCAL_POINT_STATES
from documents.models import DeclarationStep, Document
from meetings.models import AgendaItem, Chairmanship, Meeting, MemberState, Participant
from meetings.selectors import invited_member_states
from workplan.models import Initiative

pytestmark = pytest.mark.django_db


def snapshot():
    models = [
        MemberState,
        Chairmanship,
        Meeting,
        AgendaItem,
        Participant,
        Initiative,
        Document,
        DeclarationStep,
        User,
        LogEntry,
    ]
    return {
        model.__name__: sorted(model.objects.values_list("pk", "updated_at" if hasattr(model, "updated_at") else "pk"))
        for model in models
    }


def test_loading_the_demo_twice_changes_nothing():
    call_command("load_demo", stdout=None)
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first


def test_demo_holds_the_real_accsm_history_in_both_languages():
    call_command("load_demo")
    assert list(Chairmanship.objects.order_by("ordinal").values_list("ordinal", "chair__code")) == [
        (20, "TH"),
        (21, "VN"),
        (22, "BN"),
        (23, "KH"),
        (24, "ID"),  # illustrative: the next chairmanship, starting at ACCSM 23's handover
    ]
    accsm21 = Chairmanship.objects.get(ordinal=21)
    assert accsm21.theme_vi == "Hiện đại hóa nền công vụ hướng đến một Cộng đồng ASEAN gắn kết và chủ động thích ứng"
    som = Meeting.objects.get(title_en="Senior Officials Meeting (SOM) of ACCSM 21")
    assert (som.local_start.date().isoformat(), som.local_start.hour, som.format) == ("2021-04-08", 14, "virtual")
    assert som.title_vi == "Hội nghị trực tuyến quan chức cấp cao (SOM) ACCSM 21"
    week22 = Meeting.objects.get(chairmanship__ordinal=22, kind=Meeting.Kind.CONFERENCE_WEEK)
    assert sorted(week22.children.values_list("kind", flat=True)) == [
        "forum",
        "hcs",
        "hcs_plus_three",
        "som",
        "som_plus_three",
    ]
    assert Meeting.objects.filter(chairmanship__ordinal=23, status="published", start__gt=timezone.now()).count() >= 3
    assert Document.objects.filter(kind="declaration").count() == 3
    assert MemberState.objects.get(code="ASEC").name_vi == "Ban Thư ký ASEAN"


def test_demo_logins_have_their_roles():
    call_command("load_demo")
    assert is_secretariat(User.objects.get(username="secretariat"))
    focal_point = User.objects.get(username="fp-vn")
    assert (member_state_of(focal_point).code, is_secretariat(focal_point)) == ("VN", False)
    assert focal_point.check_password("accsm-vn-demo")
    for username in ("secretariat-2", "asean-secretariat"):
        assert is_secretariat(User.objects.get(username=username))
    observer = User.objects.get(username="fp-tl")
    assert (member_state_of(observer).code, member_state_of(observer).group) == ("TL", "observer")
    invited = MemberState.objects.filter(code__in=FOCAL_POINT_STATES)
    assert sorted(m.code for m in invited) == sorted(FOCAL_POINT_STATES)
    # Every country a demo meeting invites has a focal point who can sign in for it.
    ahead = Meeting.objects.filter(chairmanship__ordinal__gte=23, status="published")
    for meeting in ahead:
        for state in invited_member_states(meeting):
            if state.code != "ASEC":
                assert state.focal_points.filter(is_active=True).exists(), (meeting.title, state.code)


def test_demo_declarations_have_their_tracks():
    call_command("load_demo")
    tracks = {
        document.title_en.split(" on ")[1][:20]: [
            (s.kind, s.date.isoformat(), s.meeting and s.meeting.kind)
            for s in document.declaration_steps.order_by("date", "pk")
        ]
        for document in Document.objects.filter(kind="declaration")
    }
    assert tracks == {
        "Promoting Civil Serv": [("drafted", "2021-04-08", None), ("discussed", "2021-04-08", "preparatory")],
        "Strengthening Govern": [("discussed", "2024-08-07", "hcs")],
        "the Role of the Civi": [("other", "2021-10-29", "training")],
    }


def test_no_app_imports_the_demo():
    """The demo imports the apps, never the other way round (no import cycle through the demo data)."""
    root = Path(__file__).resolve().parents[2]
    packages = [
        path for path in root.iterdir() if (path / "__init__.py").exists() and path.name not in {"demo", "tests"}
    ]
    importers = [
        str(path.relative_to(root))
        for package in packages
        for path in package.rglob("*.py")
        if re.search(r"^\s*(from demo[ .]|import demo\b)", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert importers == []

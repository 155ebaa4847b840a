"""Forms sent back with errors, in Vietnamese: the messages — ours, the models', Django's — are all Vietnamese,
and what was typed is still there."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from accounts.models import User
from meetings.models import Chairmanship, Meeting, Participant
from tests.untranslated import english_left, html_text, untranslated_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=None)
    return Meeting.objects.get(title_en="23rd ACCSM Senior Officials Meeting (SOM 23)")


def errors_in_vietnamese(response) -> tuple[int, bool, list[str]]:
    """(status, whether the page shows field errors, the English interface text left on it)."""
    html = response.content.decode()
    shows_errors = 'class="field-error"' in html or 'class="form-errors"' in html or "errorlist" in html
    return response.status_code, shows_errors, english_left(html_text(html), content=untranslated_content())


def test_the_secretariats_forms_explain_their_errors_in_vietnamese(client, demo):
    client.force_login(User.objects.get(username="secretariat"))
    chairmanship = Chairmanship.objects.get(ordinal=23)
    posts = [
        ("/vi/secretariat/meetings/new/", {"title_vi": "Hội nghị SOM"}),
        (
            "/vi/secretariat/meetings/new/",
            {
                "kind": "som",
                "chairmanship": chairmanship.pk,
                "title_en": "SOM of ACCSM 23",
                "time_zone": "Asia/Phnom_Penh",
                "start": "2026-12-10T09:00",
                "end": "2026-12-09T17:00",
                "registration_deadline": "2026-12-11T17:00",
                "format": "in_person",
                "delegates_allowed": "0",
                "online_link": "not a link",
            },
        ),
        (f"/vi/secretariat/meetings/{demo.pk}/registrations/add/", {"email": "not-an-address", "role": "delegate"}),
        (f"/vi/secretariat/meetings/{demo.pk}/postpone/", {"start": "tomorrow", "end": ""}),
        (f"/vi/secretariat/meetings/{demo.pk}/cancel/", {"reason": ""}),
        (
            "/vi/secretariat/chairmanships/new/",
            {"ordinal": "x", "chair": chairmanship.chair_id, "term_start": "2027-01-01", "term_end": "2026-01-01"},
        ),
        (
            "/vi/documents/upload/",
            {
                "title_en": "Report",
                "kind": "report",
                "meeting": demo.pk,
                "file": SimpleUploadedFile("report.exe", b"MZ\x90\x00", content_type="application/octet-stream"),
            },
        ),
    ]

    results = [(path, *errors_in_vietnamese(client.post(path, data))) for path, data in posts]

    assert [
        (path, shows_errors, left)
        for path, _status, shows_errors, left in results
        if (shows_errors, left) != (True, [])
    ] == []


def test_a_focal_points_forms_explain_their_errors_in_vietnamese(client, demo):
    client.force_login(User.objects.get(username="fp-vn"))
    participant = Participant.objects.filter(delegation__meeting=demo, delegation__member_state__code="VN").first()
    posts = {
        f"/vi/my/meetings/{demo.pk}/participants/add/": {
            "full_name": "",
            "email": "le.quang.huy@",
            "role": "delegate",
            "language": "vi",
            "arrival": "2030-01-01T10:00",
        },
        f"/vi/my/participants/{participant.pk}/edit/": {
            "full_name": participant.full_name,
            "role": "head",
            "language": "vi",
            "departure": "2026-12-14T09:00",
            "arrival": "2026-12-15T09:00",
        },
        f"/vi/my/meetings/{demo.pk}/participants/import/": {
            "file": SimpleUploadedFile("delegation.csv", b"full_name,role\nNguyen Van A,minister\n", "text/csv")
        },
        f"/vi/my/meetings/{demo.pk}/nomination-letter/": {
            "file": SimpleUploadedFile("note.pdf", b"not a pdf", content_type="application/pdf")
        },
    }

    results = [(path, *errors_in_vietnamese(client.post(path, data))) for path, data in posts.items()]

    assert [
        (path, shows_errors, left)
        for path, _status, shows_errors, left in results
        if (shows_errors, left) != (True, [])
    ] == []


def test_a_wrong_password_is_explained_in_vietnamese(client, demo):
    response = client.post("/vi/accounts/login/", {"username": "fp-vn", "password": "wrong"})
    assert errors_in_vietnamese(response)[::2] == (200, [])
    assert "Vui lòng" in response.content.decode() or "không đúng" in response.content.decode()


def test_rules_the_database_enforces_are_explained_beside_their_field(client, demo):
    """A term ending before it starts, a meeting without places: the field says why, not “Constraint … is
    violated”."""
    client.force_login(User.objects.get(username="secretariat"))
    chairmanship = Chairmanship.objects.get(ordinal=23)
    term = client.post(
        "/vi/secretariat/chairmanships/new/",
        {
            "ordinal": 24,
            "chair": chairmanship.chair_id,
            "chairing_agency_en": "MOCS",
            "term_start": "2027-01-01",
            "term_end": "2026-01-01",
        },
    )
    places = client.post(
        f"/vi/secretariat/meetings/{demo.pk}/edit/",
        {"title_en": demo.title_en, "delegates_allowed": 0},
    )
    assert (term.context["form"].errors["term_end"], places.context["form"].errors["delegates_allowed"]) == (
        ["Nhiệm kỳ không thể kết thúc trước khi bắt đầu."],
        ["Mỗi đoàn phải được cử ít nhất một đại biểu."],
    )

"""Issue 21, item 3: after a person's erasure, no table and no cache entry holds their name, e-mail address,
phone or passport number, wherever the portal copied them (the API's idempotency records, Django admin's log,
the audit trail, outgoing e-mail, webhook deliveries, accreditation, letters, cached answers)."""

import json
import pickle

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from accreditation import services as accreditation
from accreditation.models import AccreditationRequirements
from api.models import IdempotencyKey
from audit.display import ERASED
from meetings.models import Participant
from tests.accreditation.images import jpeg_bytes
from tests.factories import DelegationFactory, MeetingFactory
from webhooks.models import Subscription

pytestmark = pytest.mark.django_db

NAME, EMAIL, PHONE, PASSPORT = "Đặng Thùy Trâm", "tram@moha.gov.vn", "+84 24 3999 7777", "N9988776"
NEEDLES = [NAME, EMAIL, PHONE, PASSPORT]
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, models.FileField)


def rows_holding(needles) -> list[str]:
    """Every text column of every table, read in Python (JSON as its text with letters unescaped)."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
        if not fields:
            continue
        for row in model._base_manager.values_list("pk", *fields).iterator():
            for name, value in zip(fields, row[1:], strict=True):
                text = json.dumps(value, ensure_ascii=False, default=str) if not isinstance(value, str) else value
                for needle in needles:
                    if needle.casefold() in (text or "").casefold():
                        found.append(f"{model._meta.label}.{name} #{row[0]}: {needle}")
    return found


def cache_entries_holding(needles) -> list[str]:
    backend = getattr(cache, "_wrapped", cache)
    found = []
    if hasattr(backend, "_expire_info"):  # LocMemCache
        items = [(key, pickle.loads(raw)) for key, raw in backend._cache.items()]
    else:  # Redis: this test's prefix only
        client = backend._cache.get_client()
        items = [
            (key.decode(), backend._cache._serializer.loads(client.get(key)))
            for key in client.scan_iter(backend.make_key("*"))
        ]
    for key, value in items:
        text = (
            value.decode("utf-8", "ignore")
            if isinstance(value, bytes)
            else json.dumps(value, default=str, ensure_ascii=False)
        )
        found += [f"{key}: {needle}" for needle in needles if needle.casefold() in text.casefold()]
    return found


def test_erasure_leaves_the_person_nowhere(
    client,
    token_client,
    secretariat_user,
    focal_point_vn,
    viet_nam,
    django_capture_on_commit_callbacks,
):
    meeting = MeetingFactory(title="SOM 25")
    AccreditationRequirements.objects.create(meeting=meeting, photo=True, passport=True)
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    Subscription.objects.create(
        url="https://hooks.moha.gov.vn/accsm", events=["registration.created"], member_state=viet_nam,
        owner=focal_point_vn, secret="s3cret",
    )  # fmt: skip
    api = token_client(focal_point_vn, "registrations", viet_nam, name="MOHA")
    created = api.post(
        "/api/v1/participants/",
        {"delegation": delegation.pk, "full_name": NAME, "email": EMAIL, "phone": PHONE, "honorific": "Ms."},
        format="json",
        HTTP_IDEMPOTENCY_KEY="register-tram-1",
    )
    assert created.status_code == 201, created.content
    person = Participant.objects.get(email=EMAIL)
    assert IdempotencyKey.objects.filter(key="register-tram-1").exists()

    accreditation.accreditation_save(
        actor=focal_point_vn,
        participant=person,
        data={"passport_number": PASSPORT, "passport_expiry": meeting.end.date().replace(year=meeting.end.year + 3)},
        photo=SimpleUploadedFile("tram.jpg", jpeg_bytes(600, 800)),
    )
    photo_name = person.accreditation.photo.name
    [letter] = accreditation.letter_requests_create(
        actor=focal_point_vn, meeting=meeting, participant_ids=[person.pk], purpose="visa", language="en"
    )
    accreditation.letter_request_decline(
        actor=secretariat_user, request=letter, reason=f"{NAME}: passport {PASSPORT} unreadable"
    )
    AdminLogEntry.objects.create(
        user=secretariat_user, content_type=ContentType.objects.get_for_model(Participant), object_id=str(person.pk),
        object_repr=str(person), action_flag=CHANGE, change_message=json.dumps([{"changed": {"fields": ["Phone"]}}]),
    )  # fmt: skip
    cache.set("api-page", {"results": [{"full_name": NAME, "email": EMAIL}]}, 600)
    cache.set("fastpath-body", f"<li>{NAME} · {PHONE}</li>".encode(), 600)
    cache.set("unrelated", {"title": "SOM 25"}, 600)
    assert len(rows_holding(NEEDLES)) > 5  # the test sees what it looks for
    assert {entry.split(": ")[0].rsplit(":", 1)[1] for entry in cache_entries_holding(NEEDLES)} == {
        "api-page",
        "fastpath-body",
    }

    client.force_login(secretariat_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/personal-data/participants/{person.pk}/erase/", {"reason": "Asked by e-mail", "confirm": "on"}
        )
    assert response.status_code == 302

    assert rows_holding(NEEDLES) == []
    assert cache_entries_holding(NEEDLES) == []
    assert cache.get("unrelated") == {"title": "SOM 25"}
    from django.core.files.storage import default_storage

    assert not default_storage.exists(photo_name)
    letter.refresh_from_db()
    assert (letter.state, letter.decline_reason) == ("declined", ERASED)
    # The erased person's retried request is not answered from the record any more.
    again = api.post(
        "/api/v1/participants/",
        {"delegation": delegation.pk, "full_name": NAME, "email": EMAIL, "phone": PHONE, "honorific": "Ms."},
        format="json",
        HTTP_IDEMPOTENCY_KEY="register-tram-1",
    )
    assert again.get("Idempotent-Replayed") is None

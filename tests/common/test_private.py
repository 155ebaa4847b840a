"""No answer carrying personal data may be kept by a browser or a proxy (common/private.py, issue 21 item 6).

Every route of the URLconf (tests/test_access_matrix.routes) is fetched by every identified role, and a
registrations token of country A for the API: an answer that names a participant (name, email, phone) must
say `no-store`. The route list comes from the resolver, so a new route is walked
without a line here."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from api import services as api_services
from tests.access_matrix_world import build_world
from tests.test_access_matrix import routes, url_for

pytestmark = pytest.mark.django_db

ROLES = ("api_token", "registrations_token", "focal_point_a", "secretariat", "superuser")
PERSONAL = (
    "Lê Văn Tám",
    "tam@moha.gov.vn",
    "3824 0000",
    "Somchai P.",
    "s@ocsc.go.th",
    "Phạm Minh Châu",
    "Trần Thị Hoa",
)


def text(response) -> str:
    """The answer's text; a zip package's (XLSX, DOCX) unpacked parts. (A PDF's text is compressed: the
    participants PDF, the badges and the letters are downloads of common.exports, no-store by default, which
    tests/common/test_exports.py holds.)"""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            content = b"".join(package.read(name) for name in package.namelist())
    return content.decode("utf-8", errors="replace")


def test_every_answer_naming_a_participant_or_handing_out_a_file_is_no_store(settings):
    from ops.health import record_heartbeat

    settings.HEARTBEAT_MAX_AGE_SECONDS = 3600
    record_heartbeat("worker")
    record_heartbeat("beat")
    world = build_world()
    o = world.objects
    secretariat = get_user_model().objects.get(username="secretariat")
    _token, plain = api_services.api_token_create(
        actor=secretariat,
        name="registrations",
        owner=o["user_a"],
        scope="registrations",
        member_state=o["member_state_a"],
    )
    world.clients["registrations_token"] = client = world.client("api_token").__class__()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {plain}"
    kept, walked = [], 0
    for name in sorted(routes()):
        if name.startswith("admin:") and not name.endswith(("_changelist", "_change")):
            continue
        url = url_for(world, name)
        for role in ROLES:
            if role.endswith("_token") != name.startswith("api:") or (
                name.startswith("admin:") and role != "superuser"
            ):
                continue
            with transaction.atomic():
                response = world.client(role).get(url)
                transaction.set_rollback(True)
            if response.status_code != 200:
                continue
            walked += 1
            personal = [marker for marker in PERSONAL if marker in text(response)]
            if personal and "no-store" not in response.get("Cache-Control", ""):
                kept.append(f"{role} {url} ({name}): {response.get('Cache-Control')!r} {personal}")
    assert walked > 100
    assert kept == [], "\n".join(kept)

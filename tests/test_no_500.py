"""No input is a 500 (issue 21 item 5): property-based tests (Hypothesis) over the main forms, the search
pages and the participants import's readers. Whatever is typed — control characters and a NUL (which
PostgreSQL refuses in text), 100,000 characters, dates of year 1 or 9999, numbers past 64 bits, markup —
a form answers with its errors (200/400/409/422) or saves (302), and a file is read or refused with a
ParticipantFileError. The test client raises any exception a view lets through, so a 500 fails here.

Bounded for CI on two cores: a few examples per form, derandomized, no example database. The schemathesis
test (tests/api/test_schema.py) does the same for every operation of the API."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from registrations.participant_files import ParticipantFileError, read_participant_file
from tests.access_matrix_world import build_world

pytestmark = pytest.mark.django_db

BOUNDED = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "Hà\x00Nội",
        "\x1f\x7f\u200b\ufeff",
        "x" * 100_000,
        "9999-12-31",
        "0001-01-01",
        "2030-02-30 25:61",
        "-1",
        "1e309",
        "99999999999999999999999",
        "<script>alert(1)</script>",
        '=HYPERLINK("http://x")',
        "'; DROP TABLE meetings_meeting; --",
        "Nguyễn Thị Lan",
        "lan@moha.gov.vn",
        "on",
    ]
)
VALUES = NASTY | st.text(max_size=40)

# (role, route, its objects): the forms people fill in most.
FORMS = [
    ("focal_point_a", "my:participant_add", {"meeting_pk": "meeting"}),
    ("focal_point_a", "my:participant_edit", {"pk": "participant_a"}),
    ("focal_point_a", "workplan:propose", {"pk": "work_plan"}),
    ("focal_point_a", "documents:upload", {}),
    ("secretariat", "secretariat:meeting_new", {}),
    ("secretariat", "secretariat:meeting_edit", {"pk": "meeting"}),
    ("secretariat", "secretariat:participant_add", {"pk": "meeting"}),
]
# (role, route, its objects, query parameters): the pages that search or filter.
SEARCHES = [
    ("secretariat", "secretariat:meetings", {}, ("q", "status", "chairmanship", "year", "page")),
    ("secretariat", "documents:library", {}, ("q", "kind", "status", "meeting", "chairmanship", "page")),
    ("secretariat", "privacy:search", {}, ("q", "email")),
    ("secretariat", "audit:trail", {}, ("q", "actor", "model", "action", "date_from", "date_to", "page")),
    ("anonymous", "home", {}, ("q", "year", "chairmanship", "country", "page")),
    ("anonymous", "meetings:archive", {}, ("q", "year", "chairmanship", "page")),
]


@pytest.fixture
def world(db):
    return build_world()


def _url(world, route: str, objects: dict) -> str:
    return reverse(route, kwargs={key: world.pk(name) for key, name in objects.items()})


def _answered(world, role: str, method: str, url: str, data: dict) -> int:
    client = world.client(role)
    with transaction.atomic():
        response = client.get(url, data) if method == "GET" else client.post(url, data)
        transaction.set_rollback(True)
    return response.status_code


@pytest.mark.parametrize(("role", "route", "objects"), FORMS, ids=[route for _role, route, _objects in FORMS])
def test_a_form_answers_anything_typed_with_errors_never_a_500(world, role, route, objects):
    url = _url(world, route, objects)
    page = world.client(role).get(url)
    assert page.status_code == 200
    fields = list(page.context["form"].fields)

    @BOUNDED
    @given(st.fixed_dictionaries(dict.fromkeys(fields, VALUES)))
    def post(data):
        assert _answered(world, role, "POST", url, data) in (200, 302, 400, 409, 422)

    post()


@pytest.mark.parametrize(
    ("role", "route", "objects", "parameters"), SEARCHES, ids=[route for _role, route, *_rest in SEARCHES]
)
def test_a_search_answers_anything_typed_never_a_500(world, role, route, objects, parameters):
    url = _url(world, route, objects)

    @BOUNDED
    @given(st.fixed_dictionaries({}, optional=dict.fromkeys(parameters, VALUES)))
    def search(query):
        assert _answered(world, role, "GET", url, query) in (200, 302, 400, 404)

    search()


CSV_TEXT = st.lists(st.sampled_from([*',;\t"\n\r\x00 aé=+-@', "Full name", "Email", "Role"]), max_size=120).map("".join)


@BOUNDED
@given(st.one_of(CSV_TEXT.map(str.encode), st.binary(max_size=300)))
def test_the_csv_reader_reads_or_refuses_any_bytes(content):
    try:
        rows = read_participant_file(SimpleUploadedFile("participants.csv", content))
    except ParticipantFileError:
        return
    assert all(isinstance(number, int) and isinstance(values, dict) for number, values in rows)


def _workbook() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Full name", "Email", "Arrival"])
    workbook.active.append(["Trần Văn Minh", "minh@moha.gov.vn", "2030-08-04 14:30"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


WORKBOOK = _workbook()


@BOUNDED
@given(st.lists(st.tuples(st.integers(0, len(WORKBOOK) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_the_xlsx_reader_reads_or_refuses_a_damaged_workbook(damage):
    content = bytearray(WORKBOOK)
    for offset, byte in damage:
        content[offset] = byte
    try:
        rows = read_participant_file(SimpleUploadedFile("participants.xlsx", bytes(content)))
    except ParticipantFileError:
        return
    assert all(isinstance(number, int) and isinstance(values, dict) for number, values in rows)

"""Search that ignores Vietnamese diacritics, in both languages, on SQLite (a Python function) and on
PostgreSQL (its unaccent extension): the same tests run on both rounds of CI."""

import pytest
from django.db import connection

from common.search import fold, search_filter
from meetings.models import Meeting, Participant
from tests.factories import MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

MEETING_FIELDS = ["title_en", "title_vi", "city_en", "city_vi", "venue_en", "venue_vi"]


def meetings(term: str) -> list[str]:
    return sorted(search_filter(Meeting.objects.all(), term, MEETING_FIELDS).values_list("title_en", flat=True))


def people(term: str) -> list[str]:
    return sorted(
        search_filter(Participant.objects.all(), term, ["full_name", "email"]).values_list("full_name", flat=True)
    )


@pytest.fixture
def schedule():
    MeetingFactory(
        title="SOM of ACCSM 21", title_vi="Hội nghị quan chức cấp cao ACCSM 21", city="Hanoi", city_vi="Hà Nội"
    )
    MeetingFactory(title="Forum on Good Governance", title_vi="Diễn đàn về Quản trị đất nước tốt", city="Đà Nẵng")
    MeetingFactory(title="Workshop in Phnom Penh", title_vi="", city="Phnom Penh", city_vi="Phnôm Pênh")


@pytest.mark.parametrize(
    ("term", "found"),
    [
        ("Ha Noi", ["SOM of ACCSM 21"]),
        ("HÀ NỘI", ["SOM of ACCSM 21"]),
        ("ha nội", ["SOM of ACCSM 21"]),
        ("hoi nghi", ["SOM of ACCSM 21"]),  # the Vietnamese title, typed without accents
        ("Hội nghị", ["SOM of ACCSM 21"]),
        ("quan tri dat nuoc", ["Forum on Good Governance"]),
        ("da nang", ["Forum on Good Governance"]),  # đ is d
        ("phnom penh", ["Workshop in Phnom Penh"]),
        ("Phnôm Pênh", ["Workshop in Phnom Penh"]),
        ("governance dien dan", ["Forum on Good Governance"]),  # every word, in either language
        ("hoi nghi forum", []),
        ("ha\x00noi", ["SOM of ACCSM 21"]),  # a NUL, which PostgreSQL refuses in a string, is a space
        ("\x00\x1f", ["Forum on Good Governance", "SOM of ACCSM 21", "Workshop in Phnom Penh"]),
        ("", ["Forum on Good Governance", "SOM of ACCSM 21", "Workshop in Phnom Penh"]),
    ],
)
def test_meetings_are_found_with_or_without_diacritics_in_both_languages(schedule, term, found):
    assert meetings(term) == found


def test_a_name_is_found_however_it_is_spelt():
    ParticipantFactory(full_name="Nguyễn Duy Thăng", email="thang@moha.gov.vn")
    ParticipantFactory(full_name="Nguyen Van An", email="an@moha.gov.vn")
    ParticipantFactory(full_name="Vũ Chiến Thắng", email="vct@moha.gov.vn")

    assert [
        people("Nguyen Duy Thang"),
        people("nguyễn duy thăng"),
        people("Thang Nguyen"),
        people("nguyen"),
        people("Vu Chien Thang"),
    ] == [
        ["Nguyễn Duy Thăng"],
        ["Nguyễn Duy Thăng"],
        ["Nguyễn Duy Thăng"],
        ["Nguyen Van An", "Nguyễn Duy Thăng"],
        ["Vũ Chiến Thắng"],
    ]


def test_text_stored_decomposed_is_found_too():
    """Some keyboards and Macs store Vietnamese decomposed (a letter, then its marks)."""
    import unicodedata

    MeetingFactory(title="SOM", city=unicodedata.normalize("NFD", "Hà Nội"))
    assert meetings("ha noi") == ["SOM"]


def test_the_python_fold_matches_what_the_database_does():
    """SQLite calls fold(); on PostgreSQL, unaccent(lower()) must give the same: the term is folded by fold()."""
    words = ["Hà Nội", "Nguyễn Duy Thăng", "ĐOÀN", "Hội nghị quan chức cấp cao", "Phnôm Pênh", "Đà Nẵng"]
    with connection.cursor() as cursor:
        folded = []
        for word in words:
            cursor.execute("SELECT UNACCENT(LOWER(%s))", [word])
            folded.append(cursor.fetchone()[0])
    assert folded == [fold(word) for word in words]


def test_postgresql_uses_its_unaccent_extension(on_postgres):
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname = 'unaccent'")
        assert cursor.fetchall() == [("unaccent",)]
    assert "UNACCENT" in str(search_filter(Meeting.objects.all(), "ha noi", MEETING_FIELDS).query).upper()

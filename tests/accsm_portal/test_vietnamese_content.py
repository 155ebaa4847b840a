"""Content in two languages: the demo carries Vietnamese for all its English content, and wherever a Vietnamese
field is empty the English shows instead — in the API, the calendar and Atom feeds — never an empty value.
(Pages: test_i18n.py and the browser tests; emails: test_vietnamese_emails.py.)"""

import pytest
from django.core.management import call_command
from icalendar import Calendar
from modeltranslation.translator import translator

from meetings.models import MeetingChange
from tests.factories import (
    AgendaItemFactory,
    ChairmanshipFactory,
    DocumentFactory,
    InitiativeFactory,
    MeetingFactory,
    MemberStateFactory,
)

pytestmark = pytest.mark.django_db

# Wording of ../shared/seeds/003 (MOHA's Vietnamese report) that the demo carries.
SEED_003 = [
    "Hiện đại hóa nền công vụ hướng đến một Cộng đồng ASEAN gắn kết và chủ động thích ứng",
    "Kế hoạch làm việc ACCSM 2021-2025",
    "Hội nghị trực tuyến quan chức cấp cao (SOM)",
    "Hội nghị những người đứng đầu nền công vụ các nước ASEAN lần thứ 20",
    "Diễn đàn về Quản trị đất nước tốt",
    "Chia sẻ kinh nghiệm về ứng dụng công nghệ thông tin trong hiện đại hóa nền công vụ",
    "Cập nhật tình hình thực hiện trung tâm nguồn ASEAN",
    "Cập nhật về mạng lưới các cơ sở đào tạo công vụ ASEAN",
    "Lộ trình Chủ tịch ACCSM 21 của Việt Nam (2021-2022)",
    "Thứ trưởng Bộ Nội vụ Nguyễn Duy Thăng",
    "đầu mối phụ trách ACCSM, SOM và Ban Thư ký ASEAN",
    "Ban Thư ký ASEAN",
    "Hà Nội",
]


def test_the_demo_gives_every_english_text_its_vietnamese():
    call_command("load_demo", stdout=None)

    missing = [
        (model.__name__, row.pk, field)
        for model in translator.get_registered_models()
        for field in translator.get_options_for_model(model).fields
        for row in model._base_manager.all()
        if getattr(row, f"{field}_en") and not getattr(row, f"{field}_vi")
    ]
    assert missing == []
    vietnamese = " ".join(
        str(getattr(row, f"{field}_vi"))
        for model in translator.get_registered_models()
        for field in translator.get_options_for_model(model).fields
        for row in model._base_manager.all()
    )
    assert [phrase for phrase in SEED_003 if phrase not in vietnamese] == []


@pytest.fixture
def untranslated():
    """A meeting whose every text has only its English version."""
    cambodia = MemberStateFactory(code="KH", name="Cambodia", name_vi="")
    chairmanship = ChairmanshipFactory(
        ordinal=23, chair=cambodia, chairing_agency="Ministry of Civil Service", theme="Post-2025 civil service"
    )
    meeting = MeetingFactory(
        chairmanship=chairmanship,
        host_country=cambodia,
        title="Forum on Good Governance",
        theme="Artificial intelligence for good governance",
        description="A day of presentations.",
        venue="Sokha Hotel",
        city="Phnom Penh",
    )
    AgendaItemFactory(meeting=meeting, title="Opening remarks", outcome="Noted.")
    return meeting


def test_the_api_falls_back_to_english_for_an_empty_vietnamese_field(client, untranslated):
    english = client.get(f"/api/v1/meetings/{untranslated.pk}/?lang=en").json()
    by_parameter = client.get(f"/api/v1/meetings/{untranslated.pk}/?lang=vi")
    by_header = client.get(f"/api/v1/meetings/{untranslated.pk}/", HTTP_ACCEPT_LANGUAGE="vi")
    listed = client.get(f"/api/v1/meetings/?lang=vi&chairmanship={untranslated.chairmanship.ordinal}").json()

    texts = ("title", "theme", "description", "venue", "city")
    expected = {name: english[name] for name in texts}
    assert all(expected.values())
    assert by_parameter["Content-Language"] == "vi"
    assert {name: by_parameter.json()[name] for name in texts} == expected
    assert {name: by_header.json()[name] for name in texts} == expected
    assert [(meeting["title"], meeting["city"]) for meeting in listed["results"]] == [
        ("Forum on Good Governance", "Phnom Penh")
    ]
    assert [(item["title"], item["outcome"]) for item in by_parameter.json()["agenda_items"]] == [
        ("Opening remarks", "Noted.")
    ]
    assert by_parameter.json()["host_country"]["name"] == "Cambodia"
    chairmanship = client.get(f"/api/v1/chairmanships/{untranslated.chairmanship.ordinal}/?lang=vi").json()
    assert (chairmanship["theme"], chairmanship["chairing_agency"], chairmanship["chair"]["name"]) == (
        "Post-2025 civil service",
        "Ministry of Civil Service",
        "Cambodia",
    )


def test_the_documents_and_work_plan_api_fall_back_to_english(client, untranslated):
    document = DocumentFactory(meeting=untranslated, title="Concept note of the forum")
    initiative = InitiativeFactory(title="ASEAN Resource Centres", description="Hosted by member states.")

    documents = client.get("/api/v1/documents/?lang=vi").json()["results"]
    initiatives = client.get("/api/v1/initiatives/?lang=vi").json()["results"]

    assert [d["title"] for d in documents if d["id"] == document.pk] == ["Concept note of the forum"]
    assert [(i["title"], i["description"]) for i in initiatives if i["id"] == initiative.pk] == [
        ("ASEAN Resource Centres", "Hosted by member states.")
    ]


def test_the_calendar_and_atom_feeds_fall_back_to_english(client, untranslated):
    MeetingChange.objects.create(meeting=untranslated, action=MeetingChange.Action.PUBLISHED)

    calendar = Calendar.from_ical(client.get(f"/calendar/meetings/{untranslated.pk}.ics?lang=vi").content)
    [event] = calendar.walk("VEVENT")
    atom = client.get("/api/v1/changes.atom?lang=vi").content.decode()

    assert str(event["SUMMARY"]) == "Forum on Good Governance"
    assert "Sokha Hotel" in str(event["LOCATION"])
    assert "Forum on Good Governance" in atom

"""A meeting's registrations as the secretariat sees them, the changes it makes, and the exports."""

import csv
import io
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from meetings.models import MemberState, Participant
from tests.factories import DelegationFactory, MeetingFactory, MemberStateFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(chairmanship):
    return MeetingFactory(chairmanship=chairmanship, title="SOM 21", title_vi="Hội nghị SOM 21", delegates_allowed=3)


@pytest.fixture
def delegations(meeting, viet_nam, thailand):
    cambodia = MemberStateFactory(code="KH", name="Cambodia", name_vi="Campuchia")
    vn = DelegationFactory(meeting=meeting, member_state=viet_nam)
    th = DelegationFactory(meeting=meeting, member_state=thailand)
    kh = DelegationFactory(meeting=meeting, member_state=cambodia)
    ParticipantFactory(delegation=vn, full_name="Trần Văn Bình", position="Vụ trưởng")
    ParticipantFactory(
        delegation=vn, full_name="Nguyễn Duy Thăng", role="head", position="Thứ trưởng", status="confirmed"
    )
    ParticipantFactory(delegation=th, full_name="Somchai Jaidee", role="head", status="confirmed")
    ParticipantFactory(delegation=th, full_name="Withdrawn Person", status="cancelled")
    ParticipantFactory(delegation=kh, full_name="Sok Chanthy", role="head")
    return {"VN": vn, "TH": th, "KH": kh}


def page_of(response) -> dict:
    """What the page shows: each delegation with the names of its participants, and the countries listed
    as having nobody registered."""
    assert response.status_code == 200
    return {
        "rows": [(row.member_state.code, [p.full_name for p in row.participants]) for row in response.context["rows"]],
        "nobody": [row.member_state.code for row in response.context["without_participants"]],
    }


def names_on(response) -> list[str]:
    return [p.full_name for row in response.context["rows"] for p in row.participants]


def registrations_url(meeting, **query) -> str:
    url = reverse("secretariat:registrations", args=[meeting.pk])
    return f"{url}?{urlencode(query)}" if query else url


def test_the_page_lists_every_invited_country_with_its_delegation(staff_client, meeting, delegations):
    MemberStateFactory(code="PH", name="Philippines")
    MemberStateFactory(code="CN", name="China", group=MemberState.Group.PLUS_THREE)  # not invited to this SOM

    response = staff_client.get(registrations_url(meeting))

    assert page_of(response) == {
        "rows": [
            ("KH", ["Sok Chanthy"]),
            ("TH", ["Somchai Jaidee", "Withdrawn Person"]),
            ("VN", ["Nguyễn Duy Thăng", "Trần Văn Bình"]),
        ],
        "nobody": ["PH"],
    }
    html = response.content.decode()
    assert "Countries with nobody registered" in html
    assert 'aria-label="Add participant: Philippines"' in html
    assert "China" not in html


def test_the_summary_counts_the_whole_meeting_whatever_the_filter(staff_client, meeting, delegations):
    response = staff_client.get(registrations_url(meeting, status="declined", country="KH"))

    assert response.context["totals"] == {"delegations": 3, "taken": 4, "confirmed": 2, "awaiting": 2}
    assert page_of(response) == {"rows": [], "nobody": []}


def test_the_places_of_a_delegation_count_all_of_it_when_a_filter_shows_part_of_it(staff_client, meeting, delegations):
    response = staff_client.get(registrations_url(meeting, status="registered", country="VN"))

    [row] = response.context["rows"]
    assert ([p.full_name for p in row.participants], row.taken, row.allowance) == (["Trần Văn Bình"], 2, 3)
    assert "2 of 3 places" in response.content.decode()


def test_to_confirm_shows_only_the_registered(staff_client, meeting, delegations):
    response = staff_client.get(registrations_url(meeting, status="registered"))

    assert page_of(response) == {"rows": [("KH", ["Sok Chanthy"]), ("VN", ["Trần Văn Bình"])], "nobody": []}
    assert "Nguyễn Duy Thăng" not in response.content.decode()  # confirmed, in the same delegation


@pytest.mark.parametrize(
    ("status", "names"),
    [
        ("confirmed", ["Somchai Jaidee", "Nguyễn Duy Thăng"]),
        ("cancelled", ["Withdrawn Person"]),
        ("declined", []),
        ("waitlisted", ["Waiting Person"]),
    ],
)
def test_each_status_filter_shows_its_participants(staff_client, meeting, delegations, status, names):
    ParticipantFactory(delegation=delegations["KH"], full_name="Waiting Person", status="waitlisted")

    response = staff_client.get(registrations_url(meeting, status=status))

    assert names_on(response) == names
    assert ("No participant matches these filters." in response.content.decode()) is not bool(names)


def test_the_country_filter_shows_one_delegation(staff_client, meeting, delegations):
    response = staff_client.get(registrations_url(meeting, country="TH"))

    assert page_of(response) == {"rows": [("TH", ["Somchai Jaidee", "Withdrawn Person"])], "nobody": []}


def test_the_country_filter_on_a_country_with_nobody_offers_to_add_a_participant(staff_client, meeting, delegations):
    MemberStateFactory(code="PH", name="Philippines")

    response = staff_client.get(registrations_url(meeting, country="PH"))

    assert page_of(response) == {"rows": [], "nobody": ["PH"]}
    add = reverse("secretariat:participant_add", args=[meeting.pk])
    assert f'href="{add}?country=PH"' in response.content.decode()


@pytest.mark.parametrize(
    ("term", "names"),
    [
        ("tran van binh", ["Trần Văn Bình"]),  # diacritics ignored
        ("NGUYỄN", ["Nguyễn Duy Thăng"]),
        ("ocsc.go.th", ["Somchai Jaidee"]),  # email
        ("Office of the Civil Service", ["Somchai Jaidee"]),  # organisation
        ("nobody like this", []),
    ],
)
def test_search_finds_people_by_name_email_or_organisation(staff_client, meeting, delegations, term, names):
    Participant.objects.filter(full_name="Somchai Jaidee").update(
        email="somchai@ocsc.go.th", organisation="Office of the Civil Service Commission"
    )

    response = staff_client.get(registrations_url(meeting, q=term))

    assert names_on(response) == names
    assert response.context["without_participants"] == []


def test_a_hundred_participants_to_a_page_and_the_pager_keeps_the_filters(staff_client, meeting, viet_nam, thailand):
    DelegationFactory(meeting=meeting, member_state=thailand)  # nobody registered: listed on the first page only
    vn = DelegationFactory(meeting=meeting, member_state=viet_nam, extra_places=100)
    others = ParticipantFactory.create_batch(100, delegation=vn)
    head = ParticipantFactory(delegation=vn, role="head", full_name="Head of Delegation")

    first = staff_client.get(registrations_url(meeting, status="registered"))
    second = staff_client.get(registrations_url(meeting, status="registered", page=2))

    assert [p.pk for p in first.context["rows"][0].participants] == [head.pk] + [p.pk for p in others[:99]]
    assert page_of(second) == {"rows": [("VN", [others[-1].full_name])], "nobody": []}
    assert "101 participants · Page 2 of 2" in second.content.decode()
    assert 'href="?status=registered&amp;page=2"' in first.content.decode()
    assert 'href="?status=registered&amp;page=1"' in second.content.decode()
    assert page_of(staff_client.get(registrations_url(meeting)))["nobody"] == ["TH"]
    assert page_of(staff_client.get(registrations_url(meeting, page=2)))["nobody"] == []


@pytest.mark.parametrize(
    ("query", "shown_page"),
    [({"page": "abc"}, 1), ({"page": "999"}, 2), ({"page": "-1"}, 2), ({"page": ""}, 1)],
)
def test_a_page_number_that_does_not_exist_shows_the_first_or_last_page(
    staff_client, meeting, viet_nam, query, shown_page
):
    ParticipantFactory.create_batch(101, delegation=DelegationFactory(meeting=meeting, member_state=viet_nam))

    response = staff_client.get(registrations_url(meeting, **query))

    assert response.status_code == 200
    assert response.context["page"].number == shown_page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"country": "ZZ"}, "Unknown country: every country is shown."),
        ({"country": "CN"}, "Unknown country: every country is shown."),  # exists, not invited
        ({"status": "lost"}, "Unknown status: every status is shown."),
        ({"q": "x" * 101}, "Ensure this value has at most 100 characters (it has 101)."),
    ],
)
def test_a_filter_value_that_is_not_a_choice_is_said_and_ignored(staff_client, meeting, delegations, query, message):
    MemberStateFactory(code="CN", name="China", group=MemberState.Group.PLUS_THREE)

    response = staff_client.get(registrations_url(meeting, **query))

    assert [code for code, names in page_of(response)["rows"]] == ["KH", "TH", "VN"]
    assert message in response.content.decode()


def test_the_page_in_vietnamese_names_the_person_on_each_button(staff_client, meeting, delegations):
    response = staff_client.get(registrations_url(meeting, status="registered", country="VN").replace("/en/", "/vi/"))

    html = response.content.decode()
    assert 'aria-label="Xác nhận Trần Văn Bình"' in html
    assert 'aria-label="Từ chối Trần Văn Bình"' in html
    assert ">Chờ xác nhận</option>" in html  # the status filter's "To confirm"


def test_every_button_posts_to_its_participant_through_the_one_form_of_the_page(staff_client, meeting, delegations):
    binh = Participant.objects.get(full_name="Trần Văn Bình")
    thang = Participant.objects.get(full_name="Nguyễn Duy Thăng")

    page = staff_client.get(registrations_url(meeting, country="VN")).content.decode()
    html = page[page.index('<main id="main"') : page.index("</main>")]

    status_url = reverse("secretariat:participant_status", args=[meeting.pk, binh.pk])
    assert html.count('<form id="status-form" method="post"') == 1
    assert html.count('name="csrfmiddlewaretoken"') == 2  # the buttons' one form and the bulk form, not one a row
    assert f'form="status-form" formaction="{status_url}" name="status" value="confirmed"' in html
    assert f'<input type="hidden" name="next" value="{registrations_url(meeting, country="VN")}">' in html
    for language in ("en", "vi"):  # the confirmed head of delegation's letters of invitation
        assert f'href="{reverse("registrations:invitation_letter", args=[thang.pk, language])}"' in html


def test_a_read_only_meeting_has_no_buttons(staff_client, meeting, delegations):
    meeting.chairmanship.handed_over_at = timezone.now()
    meeting.chairmanship.save()

    html = staff_client.get(registrations_url(meeting)).content.decode()

    assert "status-form" not in html
    assert "Add participant" not in html


@pytest.mark.parametrize("countries", [1, 6])
@pytest.mark.parametrize("query", [{}, {"status": "registered", "country": "Q0", "q": "delegate"}])
def test_the_registrations_page_costs_the_same_queries_for_one_or_many_participants(
    staff_client, meeting, countries, query, django_assert_num_queries
):
    for n in range(countries):
        delegation = DelegationFactory(meeting=meeting, member_state=MemberStateFactory(code=f"Q{n}"))
        ParticipantFactory(delegation=delegation, role="head", status="confirmed")
        ParticipantFactory.create_batch(countries * 5, delegation=delegation, full_name="Delegate Name")
    MemberStateFactory(code="ZZ", name="Zanzibar")  # invited, nobody registered
    with django_assert_num_queries(10):
        response = staff_client.get(registrations_url(meeting, **query))
    assert response.context["rows"]


def test_confirming_comes_back_to_the_same_filters_page_and_delegation(staff_client, meeting, delegations):
    binh = Participant.objects.get(full_name="Trần Văn Bình")
    back = registrations_url(meeting, status="registered", page=2)

    response = staff_client.post(
        reverse("secretariat:participant_status", args=[meeting.pk, binh.pk]), {"status": "confirmed", "next": back}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{back}#delegation-VN"
    binh.refresh_from_db()
    assert binh.status == "confirmed"


@pytest.mark.parametrize(
    "next_url",
    [
        "https://elsewhere.example/en/secretariat/meetings/{pk}/registrations/?status=registered",
        "//elsewhere.example/en/secretariat/meetings/{pk}/registrations/",
        "/en/secretariat/meetings/",
        "javascript:alert(1)",
        "",
    ],
)
def test_coming_back_goes_only_to_this_meetings_registrations(staff_client, meeting, delegations, next_url):
    binh = Participant.objects.get(full_name="Trần Văn Bình")

    response = staff_client.post(
        reverse("secretariat:participant_status", args=[meeting.pk, binh.pk]),
        {"status": "declined", "next": next_url.format(pk=meeting.pk)},
    )

    assert response["Location"] == f"{registrations_url(meeting)}#delegation-VN"


def test_confirm_and_decline(staff_client, meeting, delegations):
    binh = Participant.objects.get(full_name="Trần Văn Bình")
    url = reverse("secretariat:participant_status", args=[meeting.pk, binh.pk])

    staff_client.post(url, {"status": "confirmed"})
    binh.refresh_from_db()
    assert binh.status == "confirmed"

    staff_client.post(url, {"status": "declined"})
    binh.refresh_from_db()
    assert binh.status == "declined"


def test_a_participant_of_another_meeting_is_a_404(staff_client, meeting, delegations):
    elsewhere = ParticipantFactory()
    url = reverse("secretariat:participant_status", args=[meeting.pk, elsewhere.pk])
    assert staff_client.post(url, {"status": "confirmed"}).status_code == 404


def test_adding_a_participant_for_a_country_requires_a_reason(staff_client, meeting, delegations, thailand):
    url = reverse("secretariat:participant_add", args=[meeting.pk])
    data = {"member_state": thailand.pk, "full_name": "Niran Sukjai", "role": "delegate", "language": "en"}

    refused = staff_client.post(url, {**data, "reason": ""})
    added_response = staff_client.post(url, {**data, "reason": "Requested by OCSC email of 3 May"})

    assert refused.context["form"].errors["reason"]
    assert 'value="Niran Sukjai"' in refused.content.decode()
    added = Participant.objects.get(full_name="Niran Sukjai")
    assert (added.delegation, added.status) == (delegations["TH"], "registered")
    # Back to the registrations, on the page that shows Thailand's delegation.
    assert added_response["Location"] == registrations_url(meeting, country="TH") + "#delegation-TH"


def test_adding_a_second_head_is_refused_beside_the_role(staff_client, meeting, delegations, viet_nam):
    response = staff_client.post(
        reverse("secretariat:participant_add", args=[meeting.pk]),
        {"member_state": viet_nam.pk, "full_name": "Second Head", "role": "head", "language": "vi", "reason": "Asked"},
    )

    assert response.context["form"].errors["role"] == ["This delegation already has a head of delegation."]


def test_a_country_not_invited_cannot_be_chosen(staff_client, meeting):
    china = MemberStateFactory(code="CN", name="China", group=MemberState.Group.PLUS_THREE)
    response = staff_client.post(
        reverse("secretariat:participant_add", args=[meeting.pk]),
        {"member_state": china.pk, "full_name": "Li Wei", "role": "head", "language": "en", "reason": "Asked"},
    )
    assert "member_state" in response.context["form"].errors


# --- Exports --------------------------------------------------------------------------------------


def test_csv_lists_participants_by_country_in_english_order_head_first(staff_client, meeting, delegations):
    response = staff_client.get(reverse("secretariat:export_csv", args=[meeting.pk]))

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0][:4] == ["Country", "Role", "Honorific", "Full name"]
    assert [(row[0], row[3]) for row in rows[1:]] == [
        ("Cambodia", "Sok Chanthy"),
        ("Thailand", "Somchai Jaidee"),
        ("Viet Nam", "Nguyễn Duy Thăng"),
        ("Viet Nam", "Trần Văn Bình"),
    ]


def test_csv_cells_that_look_like_formulas_are_kept_as_text(staff_client, meeting, viet_nam):
    ParticipantFactory(delegation__meeting=meeting, delegation__member_state=viet_nam, full_name="=HYPERLINK(1)")
    response = staff_client.get(reverse("secretariat:export_csv", args=[meeting.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][3] == "'=HYPERLINK(1)"


def test_country_names_follow_the_page_language_but_the_order_stays_english(staff_client, meeting, delegations):
    response = staff_client.get(reverse("secretariat:export_csv", args=[meeting.pk]).replace("/en/", "/vi/"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["Campuchia", "Thái Lan", "Việt Nam", "Việt Nam"]


def test_xlsx_has_the_same_rows(staff_client, meeting, delegations):
    response = staff_client.get(reverse("secretariat:export_xlsx", args=[meeting.pk]))

    assert response.streaming  # from a temporary file, not built in memory
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "SOM 21"
    assert values[1][3] == "Full name"
    assert [(row[0], row[3]) for row in values[2:]] == [
        ("Cambodia", "Sok Chanthy"),
        ("Thailand", "Somchai Jaidee"),
        ("Viet Nam", "Nguyễn Duy Thăng"),
        ("Viet Nam", "Trần Văn Bình"),
    ]


def test_pdf_list_groups_by_delegation_with_vietnamese_letters(staff_client, meeting, delegations):
    response = staff_client.get(reverse("secretariat:export_pdf", args=[meeting.pk]))

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert response["Content-Type"] == "application/pdf"
    headings = [line for line in text.splitlines() if line in ("Cambodia", "Thailand", "Viet Nam")]
    assert headings == ["Cambodia", "Thailand", "Viet Nam"]
    assert text.index("Nguyễn Duy Thăng") < text.index("Trần Văn Bình")
    assert "Withdrawn Person" not in text


def test_badges_one_per_confirmed_participant(staff_client, meeting, delegations):
    """Badges are for confirmed participants only (venue.services.ensure_badge_allowed, issue 16)."""
    response = staff_client.get(reverse("secretariat:export_badges", args=[meeting.pk]))

    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    for name in ("Somchai Jaidee", "Nguyễn Duy Thăng"):
        assert text.count(name) == 1
    for name in ("Sok Chanthy", "Trần Văn Bình", "Withdrawn Person"):
        assert name not in text
    assert "VIỆT NAM" not in text and "VIET NAM" in text


@pytest.mark.parametrize("count", [1, 30])
def test_exports_cost_the_same_queries_for_few_or_many(
    staff_client, meeting, viet_nam, count, django_assert_num_queries
):
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam, extra_places=40)
    for _ in range(count):
        ParticipantFactory(delegation=delegation)
    # The same number however many people: the people count and the audit trail's access entry are two of them.
    with django_assert_num_queries(8):
        response = staff_client.get(reverse("secretariat:export_csv", args=[meeting.pk]))
        b"".join(response.streaming_content)
    with django_assert_num_queries(8):
        staff_client.get(reverse("secretariat:export_pdf", args=[meeting.pk]))
    with django_assert_num_queries(8):
        response = staff_client.get(reverse("secretariat:export_xlsx", args=[meeting.pk]))
        b"".join(response.streaming_content)


def test_the_page_offers_exactly_the_decisions_the_service_allows(staff_client, meeting, viet_nam):
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam, extra_places=5)
    people = {
        status: ParticipantFactory(delegation=delegation, full_name=f"Person {status}", status=status)
        for status in ("registered", "confirmed", "declined", "cancelled")
    }

    page = staff_client.get(reverse("secretariat:registrations", args=[meeting.pk])).content.decode()

    offered = {
        status: {word for word in ("Confirm", "Decline") if f'aria-label="{word} Person {status}"' in page}
        for status in people
    }
    assert offered == {
        "registered": {"Confirm", "Decline"},
        "confirmed": {"Decline"},
        "declined": {"Confirm"},
        "cancelled": set(),  # withdrawn by the country: the secretariat neither confirms nor declines
    }

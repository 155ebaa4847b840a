"""Issue 22: the upload form's "Agenda item" list reads without JavaScript (a group per meeting, the chosen
meeting's first), and an item of another meeting is refused with a clear message, whatever the page sent."""

import pytest
from django.urls import reverse

from documents.models import Document
from tests.factories import AgendaItemFactory, MeetingFactory, pdf_bytes, upload_file


@pytest.fixture
def two_meetings(db):
    som, hcs = MeetingFactory(title="SOM 23"), MeetingFactory(title="HCS 23")
    return {
        "som": som,
        "hcs": hcs,
        "opening": AgendaItemFactory(meeting=som, title="Opening", order=1),
        "report": AgendaItemFactory(meeting=hcs, title="Report of the SOM", order=1),
    }


@pytest.mark.django_db
def test_an_agenda_item_of_another_meeting_is_refused_on_the_form(client, secretariat_user, two_meetings):
    client.force_login(secretariat_user)
    response = client.post(
        reverse("documents:upload"),
        {
            "title_en": "Opening remarks",
            "kind": "agenda",
            "language": "en",
            "meeting": two_meetings["som"].pk,
            "agenda_item": two_meetings["report"].pk,
            "visibility": "public",
            "status": "draft",
            "file": upload_file(),
        },
    )

    assert response.status_code == 400
    assert response.context["form"].errors["agenda_item"] == [
        "“Report of the SOM” is on the agenda of HCS 23, not of SOM 23: choose one of its items, or none."
    ]
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_the_agenda_items_come_in_a_group_per_meeting_the_chosen_one_first(client, secretariat_user, two_meetings):
    client.force_login(secretariat_user)
    for chosen, first in (("som", "SOM 23"), ("hcs", "HCS 23")):
        page = client.get(reverse("documents:upload"), {"meeting": two_meetings[chosen].pk}).content.decode()
        agenda = page.split('name="agenda_item"')[1].split("</select>")[0]
        assert agenda.index(f'<optgroup label="{first}">') < agenda.index("<optgroup", agenda.index(first) + 1)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_upload_form_offers_the_meetings_agenda_and_refuses_another(
    browser, live_server, settings, secretariat_user, two_meetings, tmp_path
):
    from django.test import Client

    paper = tmp_path / "opening.pdf"
    paper.write_bytes(pdf_bytes("Opening remarks"))
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    signed_in = Client()
    signed_in.force_login(secretariat_user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": signed_in.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    som, opening, report = two_meetings["som"], two_meetings["opening"], two_meetings["report"]
    try:
        page.goto(f"/en/documents/upload/?meeting={som.pk}")
        agenda = page.locator('select[name="agenda_item"]')
        assert agenda.is_enabled()
        groups = agenda.locator("optgroup")
        assert [groups.nth(i).get_attribute("label") for i in range(groups.count())] == ["SOM 23", "HCS 23"]
        assert groups.first.locator("option").all_inner_texts() == ["SOM 23 · 1. Opening"]

        page.get_by_label("Title (English)").fill("Opening remarks")
        agenda.select_option(str(report.pk))  # the other meeting's item, as a hurried user might
        page.locator("#id_file").set_input_files(str(paper))
        page.get_by_role("button", name="Upload", exact=True).click()

        error = page.locator(".field-error").inner_text()
        assert "“Report of the SOM” is on the agenda of HCS 23, not of SOM 23" in error
        assert page.get_by_label("Title (English)").input_value() == "Opening remarks"
        assert not Document.objects.exists()

        page.locator('select[name="agenda_item"]').select_option(str(opening.pk))
        page.locator("#id_file").set_input_files(str(paper))
        page.get_by_role("button", name="Upload", exact=True).click()

        assert page.locator("h1").inner_text() == "Opening remarks"
        document = Document.objects.get()
        assert (document.meeting_id, document.agenda_item_id) == (som.pk, opening.pk)
    finally:
        context.close()

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from meetings.models import AgendaItem, Meeting
from tests.factories import (
    InitiativeFactory,
    MeetingFactory,
    MemberStateFactory,
    PriorityAreaFactory,
    ProgressUpdateFactory,
    WorkPlanFactory,
    upload_file,
    xlsx_bytes,
)
from tests.helpers import queries_for
from workplan.models import Initiative, InitiativeDecision, ProgressUpdate, WorkPlan


def url(path: str, lang: str = "en") -> str:
    return f"/{lang}/workplan/{path}"


def titles_on(response) -> list[str]:
    return [i.title for group in response.context["groups"] for i in group.initiatives]


@pytest.fixture
def plan_with_initiatives(work_plan, modernisation, viet_nam, thailand):
    governance = PriorityAreaFactory(work_plan=work_plan, number=1, title="Good governance")
    InitiativeFactory(priority_area=modernisation, title="ASEAN Resource Centres", lead=thailand, status="ongoing")
    InitiativeFactory(priority_area=governance, title="PSTI network", lead=viet_nam, status="approved")
    InitiativeFactory(priority_area=modernisation, title="VN proposal", lead=viet_nam, status="proposed")
    InitiativeFactory(priority_area=modernisation, title="TH proposal", lead=thailand, status="returned")
    return work_plan


# --- Reading the plan ------------------------------------------------------------------------------


def test_visitor_sees_approved_initiatives_by_priority_area_and_no_proposals(client, plan_with_initiatives):
    response = client.get(url(f"{plan_with_initiatives.pk}/"))

    assert response.status_code == 200
    assert [(g.area.number, [i.title for i in g.initiatives]) for g in response.context["groups"]] == [
        (1, ["PSTI network"]),
        (5, ["ASEAN Resource Centres"]),
    ]


def test_focal_point_sees_their_own_proposals_but_not_another_countrys(client, focal_point_vn, plan_with_initiatives):
    client.force_login(focal_point_vn)

    response = client.get(url(f"{plan_with_initiatives.pk}/"))

    assert titles_on(response) == ["PSTI network", "ASEAN Resource Centres", "VN proposal"]


def test_secretariat_sees_every_initiative(client, secretariat_user, plan_with_initiatives):
    client.force_login(secretariat_user)

    response = client.get(url(f"{plan_with_initiatives.pk}/"))

    assert sorted(titles_on(response)) == ["ASEAN Resource Centres", "PSTI network", "TH proposal", "VN proposal"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=ongoing", ["ASEAN Resource Centres"]),
        ("lead={vn}", ["PSTI network"]),
        ("priority_area={area}", ["ASEAN Resource Centres"]),
        ("status=approved&lead={th}", []),
        ("status=nonsense", ["PSTI network", "ASEAN Resource Centres"]),
    ],
)
def test_plan_filters_by_status_lead_country_and_priority_area(
    client, plan_with_initiatives, modernisation, viet_nam, thailand, query, expected
):
    query = query.format(vn=viet_nam.pk, th=thailand.pk, area=modernisation.pk)

    response = client.get(url(f"{plan_with_initiatives.pk}/?{query}"))

    assert response.status_code == 200
    assert titles_on(response) == expected


def test_plan_page_in_vietnamese_shows_vietnamese_titles(client, work_plan, modernisation):
    InitiativeFactory(priority_area=modernisation, title="PSTI network", title_vi="Mạng lưới PSTI")

    response = client.get(url(f"{work_plan.pk}/", "vi"))

    content = response.content.decode()
    assert "Mạng lưới PSTI" in content
    assert "Hiện đại hóa nền công vụ" in content
    assert "Kế hoạch công tác ACCSM 2026–2030" in content


def test_a_draft_plan_is_hidden_from_the_public(client, focal_point_vn):
    draft = WorkPlanFactory(title="Post-2025 draft", is_draft=True)

    assert client.get(url(f"{draft.pk}/")).status_code == 404
    client.force_login(focal_point_vn)
    assert client.get(url(f"{draft.pk}/")).status_code == 200


def test_work_plan_link_opens_the_plan_running_today(client, work_plan):
    WorkPlanFactory(title="Old plan", period_start=dt.date(2016, 1, 1), period_end=dt.date(2020, 12, 31))

    response = client.get(url(""))

    assert response.status_code == 302
    assert response.url == url(f"{work_plan.pk}/")


def test_initiative_page_shows_leads_timeline_approval_and_progress(client, modernisation, viet_nam, thailand):
    som = MeetingFactory(title="SOM of ACCSM 21")
    initiative = InitiativeFactory(
        priority_area=modernisation,
        title="PSTI network",
        description="A network of institutes.",
        lead=viet_nam,
        approved_at=som,
        status="ongoing",
        planned_start=dt.date(2023, 1, 1),
        planned_end=dt.date(2024, 12, 31),
    )
    initiative.co_leads.add(thailand)
    ProgressUpdateFactory(initiative=initiative, text="Convenor role handed to Brunei.", percent_complete=90)

    response = client.get(url(f"initiatives/{initiative.pk}/"))

    content = response.content.decode()
    for text in (
        "PSTI network",
        "A network of institutes.",
        "Viet Nam",
        "Thailand",
        "1 January 2023 – 31 December 2024",
        "SOM of ACCSM 21",
        "Convenor role handed to Brunei.",
        "90%",
    ):
        assert text in content


def test_another_countrys_proposal_is_not_found(client, focal_point_th, viet_nam, modernisation):
    proposal = InitiativeFactory(priority_area=modernisation, lead=viet_nam, status="proposed")

    assert client.get(url(f"initiatives/{proposal.pk}/")).status_code == 404
    client.force_login(focal_point_th)
    for path in ("", "edit/", "progress/"):
        assert client.get(url(f"initiatives/{proposal.pk}/{path}")).status_code == 404


# --- Proposing -------------------------------------------------------------------------------------


def proposal_post(area, **overrides):
    today = timezone.localdate()
    data = {
        "title_en": "ASEAN Resource Centre on digital government",
        "title_vi": "Trung tâm nguồn lực ASEAN về chính phủ số",
        "description_en": "Shares practice.",
        "description_vi": "",
        "priority_area": area.pk,
        "planned_start": today.isoformat(),
        "planned_end": (today + dt.timedelta(days=200)).isoformat(),
    }
    return {**data, **overrides}


def test_focal_point_proposes_and_the_lead_is_their_country_whatever_the_form_says(
    client, focal_point_vn, viet_nam, thailand, work_plan, modernisation
):
    client.force_login(focal_point_vn)

    response = client.post(
        url(f"{work_plan.pk}/propose/"), proposal_post(modernisation, lead=thailand.pk, co_leads=[thailand.pk])
    )

    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert response.url == url(f"initiatives/{initiative.pk}/")
    assert (initiative.lead, initiative.status) == (viet_nam, Initiative.Status.PROPOSED)
    assert list(initiative.co_leads.all()) == [thailand]


def test_dates_outside_the_plan_are_refused_beside_the_field_and_input_is_kept(
    client, focal_point_vn, work_plan, modernisation
):
    client.force_login(focal_point_vn)

    response = client.post(url(f"{work_plan.pk}/propose/"), proposal_post(modernisation, planned_end="2040-01-01"))

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["planned_end"]
    assert form.errors["planned_end"][0].startswith("Choose a date within ACCSM Work Plan 2026–2030")
    content = response.content.decode()
    assert 'value="ASEAN Resource Centre on digital government"' in content
    assert 'class="field-error"' in content
    assert Initiative.objects.count() == 0


def test_the_lead_country_is_not_offered_as_its_own_co_lead(client, focal_point_vn, viet_nam, work_plan):
    client.force_login(focal_point_vn)

    response = client.get(url(f"{work_plan.pk}/propose/"))

    assert viet_nam not in response.context["form"].fields["co_leads"].queryset


def test_only_focal_points_propose(client, secretariat_user, work_plan):
    assert client.get(url(f"{work_plan.pk}/propose/")).status_code == 302  # to sign in
    client.force_login(secretariat_user)
    assert client.get(url(f"{work_plan.pk}/propose/")).status_code == 403


def test_focal_point_resubmits_a_returned_proposal(client, focal_point_vn, viet_nam, work_plan, modernisation):
    returned = InitiativeFactory(priority_area=modernisation, lead=viet_nam, status="returned")
    client.force_login(focal_point_vn)

    response = client.post(
        url(f"initiatives/{returned.pk}/edit/"), proposal_post(modernisation, title_en="Revised proposal")
    )

    assert response.status_code == 302
    returned.refresh_from_db()
    assert (returned.title_en, returned.status) == ("Revised proposal", Initiative.Status.PROPOSED)


# --- Agenda and decision ---------------------------------------------------------------------------


def test_secretariat_puts_a_proposal_on_a_som_agenda(client, secretariat_user, modernisation, coming_som):
    proposal = InitiativeFactory(priority_area=modernisation, status="proposed", title="PSTI network")
    client.force_login(secretariat_user)

    response = client.post(url(f"initiatives/{proposal.pk}/agenda/"), {"meeting": coming_som.pk})

    assert response.status_code == 302
    assert list(AgendaItem.objects.filter(meeting=coming_som).values_list("title_en", flat=True)) == [
        "Proposal: PSTI network"
    ]


def test_a_meeting_that_is_not_a_som_is_refused_beside_the_field(client, secretariat_user, modernisation, past_som):
    hcs = MeetingFactory(kind=Meeting.Kind.HCS, start=past_som.start, registration_deadline=None)
    proposal = InitiativeFactory(priority_area=modernisation, status="proposed")
    client.force_login(secretariat_user)

    response = client.post(url(f"initiatives/{proposal.pk}/decision/"), {"meeting": hcs.pk, "outcome": "approved"})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "meeting": ["Choose a Senior Officials Meeting (SOM) that has met: only a SOM approves initiatives."]
    }
    proposal.refresh_from_db()
    assert proposal.status == Initiative.Status.PROPOSED


def test_secretariat_records_the_soms_approval(client, secretariat_user, modernisation, past_som):
    proposal = InitiativeFactory(priority_area=modernisation, status="proposed")
    client.force_login(secretariat_user)

    response = client.post(
        url(f"initiatives/{proposal.pk}/decision/"), {"meeting": past_som.pk, "outcome": "approved", "note": ""}
    )

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.approved_at) == (Initiative.Status.APPROVED, past_som)


def test_returning_without_a_reason_is_refused_beside_the_note(client, secretariat_user, modernisation, past_som):
    proposal = InitiativeFactory(priority_area=modernisation, status="proposed")
    client.force_login(secretariat_user)

    response = client.post(url(f"initiatives/{proposal.pk}/decision/"), {"meeting": past_som.pk, "outcome": "returned"})

    assert response.context["form"].errors == {"note": ["Say why the proposal is returned."]}
    assert InitiativeDecision.objects.count() == 0


@pytest.mark.parametrize("path", ["agenda/", "decision/"])
def test_focal_points_cannot_schedule_or_decide(client, focal_point_vn, viet_nam, modernisation, path):
    proposal = InitiativeFactory(priority_area=modernisation, lead=viet_nam, status="proposed")
    client.force_login(focal_point_vn)

    assert client.get(url(f"initiatives/{proposal.pk}/{path}")).status_code == 403


# --- Progress --------------------------------------------------------------------------------------


def test_lead_focal_point_posts_progress(client, focal_point_vn, viet_nam, modernisation):
    initiative = InitiativeFactory(priority_area=modernisation, lead=viet_nam, status="approved")
    client.force_login(focal_point_vn)

    response = client.post(
        url(f"initiatives/{initiative.pk}/progress/"), {"percent_complete": "35", "text": "Two workshops held."}
    )

    assert response.status_code == 302
    assert list(ProgressUpdate.objects.values_list("percent_complete", "text")) == [(35, "Two workshops held.")]


@pytest.mark.parametrize("percent", ["150", "-5"])
def test_percent_outside_0_to_100_is_refused_and_the_text_kept(
    client, focal_point_vn, viet_nam, modernisation, percent
):
    initiative = InitiativeFactory(priority_area=modernisation, lead=viet_nam, status="ongoing")
    client.force_login(focal_point_vn)

    response = client.post(
        url(f"initiatives/{initiative.pk}/progress/"), {"percent_complete": percent, "text": "Report kept."}
    )

    assert response.context["form"].errors == {"percent_complete": ["Percent complete must be between 0 and 100."]}
    assert "Report kept." in response.content.decode()
    assert ProgressUpdate.objects.count() == 0


def test_progress_on_a_completed_initiative_is_refused_above_the_form(client, focal_point_vn, viet_nam, modernisation):
    initiative = InitiativeFactory(priority_area=modernisation, lead=viet_nam, status="completed")
    client.force_login(focal_point_vn)

    response = client.post(url(f"initiatives/{initiative.pk}/progress/"), {"percent_complete": "50", "text": "x"})

    assert response.context["form"].non_field_errors() == [
        "Progress is reported on approved, unfinished initiatives; this one is completed."
    ]


# --- Secretariat views -----------------------------------------------------------------------------


def test_secretariat_sees_late_and_silent_initiatives(client, secretariat_user, work_plan, modernisation):
    today = timezone.localdate()
    InitiativeFactory(
        priority_area=modernisation,
        title="Late",
        status="ongoing",
        planned_start=today - dt.timedelta(days=30),
        planned_end=today - dt.timedelta(days=1),
    )
    silent = InitiativeFactory(
        priority_area=modernisation,
        title="Silent",
        status="approved",
        planned_start=today - dt.timedelta(days=300),
        planned_end=today + dt.timedelta(days=300),
    )
    ProgressUpdateFactory(initiative=silent, date=today - dt.timedelta(days=200))
    fresh = InitiativeFactory(
        priority_area=modernisation,
        title="Reported recently",
        status="ongoing",
        planned_start=today - dt.timedelta(days=300),
        planned_end=today + dt.timedelta(days=30),
    )
    ProgressUpdateFactory(initiative=fresh, date=today - dt.timedelta(days=10))
    InitiativeFactory(
        priority_area=modernisation, title="Done", status="completed", planned_end=today - dt.timedelta(days=90)
    )
    client.force_login(secretariat_user)

    response = client.get(url(f"{work_plan.pk}/attention/"))

    assert [(r.initiative.title, r.late, r.silent) for r in response.context["rows"]] == [
        ("Late", True, False),
        ("Silent", False, True),
    ]


def test_focal_points_do_not_see_the_late_or_silent_list(client, focal_point_vn, work_plan):
    client.force_login(focal_point_vn)

    assert client.get(url(f"{work_plan.pk}/attention/")).status_code == 403


def test_focal_point_sees_only_their_countrys_proposals(client, focal_point_vn, plan_with_initiatives):
    client.force_login(focal_point_vn)

    response = client.get(url(f"{plan_with_initiatives.pk}/proposals/"))

    assert [i.title for i in response.context["proposals"]] == ["VN proposal"]


# --- The next plan ---------------------------------------------------------------------------------


def test_staff_start_the_next_plan_and_carry_over_one_initiative(client, secretariat_user, work_plan, modernisation):
    unfinished = InitiativeFactory(priority_area=modernisation, title="Strategic Partnership", status="ongoing")
    InitiativeFactory(priority_area=modernisation, title="Another unfinished", status="approved")
    client.force_login(secretariat_user)
    next_year = work_plan.period_end.year + 1

    response = client.post(
        url(f"{work_plan.pk}/next/"),
        {
            "title_en": "ACCSM Work Plan post-2030",
            "title_vi": "Kế hoạch công tác ACCSM sau 2030",
            "period_start": f"{next_year}-01-01",
            "period_end": f"{next_year + 4}-12-31",
        },
    )
    next_plan = WorkPlan.objects.get(previous=work_plan)
    assert response.url == url(f"{next_plan.pk}/carry-over/")

    page = client.get(response.url)
    assert [row["initiative"].title for row in page.context["rows"]] == ["Strategic Partnership", "Another unfinished"]
    new_area = next_plan.priority_areas.get(number=5)
    assert [row["suggested"] for row in page.context["rows"]] == [new_area.pk, new_area.pk]

    client.post(response.url, {"initiative": unfinished.pk, "priority_area": new_area.pk})

    copy = Initiative.objects.get(carried_over_from=unfinished)
    assert (copy.priority_area, copy.status) == (new_area, Initiative.Status.PROPOSED)
    assert Initiative.objects.filter(priority_area__work_plan=next_plan).count() == 1


def test_a_carried_over_copy_is_linked_only_for_those_who_may_open_it(client, secretariat_user, work_plan, thailand):
    original = InitiativeFactory(
        priority_area=PriorityAreaFactory(work_plan=work_plan, number=5), title="Strategic Partnership", lead=thailand,
        status="ongoing",
    )  # fmt: skip
    draft_plan = WorkPlanFactory(
        title="ACCSM Work Plan post-2025", period_start=dt.date(2026, 1, 1), period_end=dt.date(2030, 12, 31),
        previous=work_plan, is_draft=True,
    )  # fmt: skip
    copy = InitiativeFactory(
        priority_area=PriorityAreaFactory(work_plan=draft_plan, number=5), title="Strategic Partnership",
        lead=thailand, status="proposed", carried_over_from=original,
    )  # fmt: skip
    copy_link = f'href="{url(f"initiatives/{copy.pk}/")}"'

    visitor_page = client.get(url(f"initiatives/{original.pk}/")).content.decode()
    assert "Carried over to" not in visitor_page and copy_link not in visitor_page
    assert client.get(url(f"initiatives/{copy.pk}/")).status_code == 404  # the link would have been a dead end
    assert "carried over to" not in client.get(url(f"{work_plan.pk}/")).content.decode()

    client.force_login(secretariat_user)
    assert copy_link in client.get(url(f"initiatives/{original.pk}/")).content.decode()
    assert "carried over to" in client.get(url(f"{work_plan.pk}/")).content.decode()


def test_a_next_plan_overlapping_the_previous_is_refused_beside_the_field(client, secretariat_user, work_plan):
    client.force_login(secretariat_user)

    response = client.post(
        url(f"{work_plan.pk}/next/"),
        {"title_en": "Overlap", "period_start": work_plan.period_end.isoformat(), "period_end": "2099-12-31"},
    )

    assert list(response.context["form"].errors) == ["period_start"]
    assert WorkPlan.objects.count() == 1


# --- Exports ---------------------------------------------------------------------------------------


def test_xlsx_export_lists_statuses_and_latest_progress(client, work_plan, modernisation, viet_nam):
    from io import BytesIO

    from openpyxl import load_workbook

    initiative = InitiativeFactory(priority_area=modernisation, title="PSTI network", lead=viet_nam, status="ongoing")
    ProgressUpdateFactory(initiative=initiative, date=dt.date(2024, 1, 1), text="Older.", percent_complete=20)
    ProgressUpdateFactory(initiative=initiative, date=dt.date(2024, 8, 5), text="Handed over.", percent_complete=90)

    response = client.get(url(f"{work_plan.pk}/export.xlsx"))

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = rows.index(next(r for r in rows if r[0] == "Priority area"))
    record = dict(zip(rows[header], rows[header + 1], strict=True))
    assert record["Initiative"] == "PSTI network"
    assert record["Lead country"] == "Viet Nam"
    assert record["Status"] == "Ongoing"
    assert record["Progress (%)"] == 90
    assert record["Latest progress"] == "Handed over."


def test_pdf_export_carries_vietnamese_text(client, work_plan, modernisation, viet_nam):
    from io import BytesIO

    from pypdf import PdfReader

    InitiativeFactory(priority_area=modernisation, title_vi="Mạng lưới các cơ sở đào tạo công vụ", lead=viet_nam)

    response = client.get(url(f"{work_plan.pk}/export.pdf", "vi"))

    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Mạng lưới các cơ sở đào tạo công vụ" in text
    assert "Hiện đại hóa nền công vụ" in text


def test_exports_leave_out_what_the_visitor_may_not_see(client, work_plan, modernisation):
    InitiativeFactory(priority_area=modernisation, title="Secret proposal", status="proposed")

    assert b"Secret proposal" not in client.get(url(f"{work_plan.pk}/export.pdf")).content


# --- Pictures --------------------------------------------------------------------------------------


def test_timeline_draws_a_bar_per_initiative_filled_to_its_progress(client, work_plan, modernisation):
    initiative = InitiativeFactory(
        priority_area=modernisation,
        title="PSTI network",
        status="ongoing",
        planned_start=work_plan.period_start,
        planned_end=work_plan.period_end,
    )
    ProgressUpdateFactory(initiative=initiative, percent_complete=50)

    response = client.get(url(f"{work_plan.pk}/timeline/", "vi"))

    (row,) = [r for r in response.context["timeline"].rows if r.kind == "initiative"]
    assert (row.label, row.percent) == ("PSTI network", 50)
    assert row.done_width == pytest.approx(row.width / 2, abs=0.2)
    content = response.content.decode()
    assert f'href="/vi/workplan/initiatives/{initiative.pk}/"' in content
    assert "<svg" in content and "," not in content.split('viewBox="')[1].split('"')[0]


def test_summary_counts_by_status_and_by_country(client, work_plan, modernisation, viet_nam, thailand):
    InitiativeFactory.create_batch(2, priority_area=modernisation, lead=viet_nam, status="ongoing")
    InitiativeFactory(priority_area=modernisation, lead=viet_nam, status="completed")
    InitiativeFactory(priority_area=modernisation, lead=thailand, status="approved")

    response = client.get(url(f"{work_plan.pk}/summary/"))

    by_status = response.context["by_status"]
    assert [(r.label, r.total) for r in by_status.rows] == [("Approved", 1), ("Ongoing", 2), ("Completed", 1)]
    by_country = response.context["by_country"]
    assert [(r.label, r.total, [(s.status, s.count) for s in r.segments]) for r in by_country.rows] == [
        ("Viet Nam", 3, [("ongoing", 2), ("completed", 1)]),
        ("Thailand", 1, [("approved", 1)]),
    ]


# --- Query counts ----------------------------------------------------------------------------------


def _add_initiatives(work_plan, count):
    for _ in range(count):
        area = PriorityAreaFactory(work_plan=work_plan)
        initiative = InitiativeFactory(priority_area=area, status="ongoing", approved_at=MeetingFactory())
        initiative.co_leads.add(MemberStateFactory(), MemberStateFactory())
        ProgressUpdateFactory(initiative=initiative)
        InitiativeFactory(priority_area=area, status="proposed", lead=initiative.lead)


@pytest.mark.parametrize("page", ["", "timeline/", "summary/", "proposals/", "attention/", "export.xlsx", "export.pdf"])
def test_plan_pages_query_count_does_not_grow_with_initiatives(client, secretariat_user, work_plan, page):
    client.force_login(secretariat_user)
    _add_initiatives(work_plan, 1)
    one = queries_for(client, url(f"{work_plan.pk}/{page}"))

    _add_initiatives(work_plan, 6)

    assert queries_for(client, url(f"{work_plan.pk}/{page}")) == one


def test_carry_over_page_query_count_does_not_grow(client, secretariat_user, work_plan):
    next_plan = WorkPlanFactory(
        title="Next", previous=work_plan, period_start=dt.date(2040, 1, 1), period_end=dt.date(2044, 12, 31)
    )
    client.force_login(secretariat_user)
    _add_initiatives(work_plan, 1)
    one = queries_for(client, url(f"{next_plan.pk}/carry-over/"))

    _add_initiatives(work_plan, 6)

    assert queries_for(client, url(f"{next_plan.pk}/carry-over/")) == one


def test_initiative_page_query_count_does_not_grow_with_updates(client, modernisation):
    initiative = InitiativeFactory(priority_area=modernisation, status="ongoing")
    ProgressUpdateFactory(initiative=initiative)
    one = queries_for(client, url(f"initiatives/{initiative.pk}/"))

    ProgressUpdateFactory.create_batch(5, initiative=initiative)
    initiative.co_leads.add(MemberStateFactory(), MemberStateFactory())

    assert queries_for(client, url(f"initiatives/{initiative.pk}/")) == one


def test_lead_posts_progress_with_documents_that_other_countries_see_only_once_circulated(
    client, focal_point_vn, focal_point_th, viet_nam, modernisation
):
    initiative = InitiativeFactory(priority_area=modernisation, lead=viet_nam, status="ongoing", title="PSTI network")
    client.force_login(focal_point_vn)

    response = client.post(
        url(f"initiatives/{initiative.pk}/progress/"),
        {
            "percent_complete": "70",
            "text": "Annual meeting held.",
            "files": [upload_file("Annual_meeting.pdf"), upload_file("Budget.xlsx", xlsx_bytes())],
        },
    )

    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert sorted(update.documents.values_list("title_en", flat=True)) == ["Annual meeting", "Budget"]
    own_page = client.get(url(f"initiatives/{initiative.pk}/")).content.decode()
    assert "Annual meeting" in own_page
    client.force_login(focal_point_th)
    other_page = client.get(url(f"initiatives/{initiative.pk}/")).content.decode()
    assert "Annual meeting held." in other_page
    assert "Annual meeting</" not in other_page and "Budget" not in other_page


def test_a_file_that_is_not_what_it_claims_is_refused_beside_the_files_field(
    client, focal_point_vn, viet_nam, modernisation
):
    initiative = InitiativeFactory(priority_area=modernisation, lead=viet_nam, status="ongoing")
    client.force_login(focal_point_vn)

    response = client.post(
        url(f"initiatives/{initiative.pk}/progress/"),
        {"percent_complete": "70", "text": "Kept.", "files": [upload_file("report.pdf", b"not a pdf")]},
    )

    assert list(response.context["form"].errors) == ["files"]
    assert ProgressUpdate.objects.count() == 0


def test_an_ended_plan_offers_no_proposal_but_leads_focal_points_to_the_draft_that_follows(client, focal_point_vn):
    ended = WorkPlanFactory(title="ACCSM Work Plan 2021–2025")
    draft = WorkPlanFactory(
        title="Post-2025 draft",
        previous=ended,
        is_draft=True,
        period_start=dt.date(timezone.localdate().year, 1, 1),
        period_end=dt.date(timezone.localdate().year + 4, 12, 31),
    )

    public = client.get(url(f"{ended.pk}/"))
    assert (public.context["can_propose"], public.context["next_plan"]) == (False, None)
    client.force_login(focal_point_vn)
    page = client.get(url(f"{ended.pk}/"))
    assert (page.context["can_propose"], page.context["next_plan"]) == (False, draft)
    assert client.get(url(f"{draft.pk}/")).context["can_propose"] is True


def _text_of(response) -> str:
    from io import BytesIO

    from openpyxl import load_workbook
    from pypdf import PdfReader

    if response["Content-Type"] == "application/pdf":
        return "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        sheets = load_workbook(BytesIO(response.content))
        return " ".join(str(cell) for sheet in sheets for row in sheet.iter_rows(values_only=True) for cell in row)
    return response.content.decode()


@pytest.mark.parametrize("page", ["", "timeline/", "summary/", "proposals/", "export.xlsx", "export.pdf"])
def test_no_plan_page_shows_a_focal_point_another_countrys_proposal(
    client, focal_point_th, work_plan, modernisation, viet_nam, thailand, page
):
    InitiativeFactory(priority_area=modernisation, title="Proposal of Viet Nam", lead=viet_nam, status="proposed")
    InitiativeFactory(priority_area=modernisation, title="Proposal of Thailand", lead=thailand, status="proposed")
    client.force_login(focal_point_th)

    response = client.get(url(f"{work_plan.pk}/{page}"))

    if page == "summary/":  # counts, not titles
        assert [row.label for row in response.context["by_country"].rows] == ["Thailand"]
    else:
        text = _text_of(response)
        assert "Proposal of Thailand" in text
        assert "Proposal of Viet Nam" not in text


@pytest.mark.parametrize("page", ["attention/", "next/", "carry-over/"])
def test_secretariat_pages_are_refused_to_focal_points(client, focal_point_vn, work_plan, page):
    next_plan = WorkPlanFactory(
        title="Next", previous=work_plan, period_start=dt.date(2040, 1, 1), period_end=dt.date(2044, 12, 31)
    )
    client.force_login(focal_point_vn)
    plan = next_plan if page == "carry-over/" else work_plan

    assert client.get(url(f"{plan.pk}/{page}")).status_code == 403


def test_the_proposal_form_of_an_ended_plan_sends_the_focal_point_back_with_a_message(client, focal_point_vn):
    ended = WorkPlanFactory(title="ACCSM Work Plan 2021–2025")
    client.force_login(focal_point_vn)

    response = client.get(url(f"{ended.pk}/propose/"), follow=True)

    assert response.redirect_chain == [(url(f"{ended.pk}/"), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        (
            f"ACCSM Work Plan 2021–2025 ended on {date_format(ended.period_end, 'DATE_FORMAT')}; "
            "propose initiatives in the plan that follows it."
        )
    ]

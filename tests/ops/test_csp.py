import pytest

from tests.factories import AgendaItemFactory, MeetingFactory, ParticipantFactory


@pytest.mark.django_db
def test_every_page_carries_a_content_security_policy_without_inline_scripts(client):
    policy = client.get("/en/")["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in directives["script-src"]


CSP_CHECKED_PAGES = [
    "/en/",
    "/vi/",
    "/en/meetings/{meeting}/",
    "/en/audit/",
    "/en/personal-data/",
    "/en/personal-data/participants/{participant}/",
    "/en/accounts/two-step/enrol/",
    "/en/admin/",
    "/en/admin/meetings/meeting/",
    "/en/admin/meetings/meeting/{meeting}/change/",
    "/en/admin/meetings/delegation/{delegation}/change/",
    "/en/admin/auditlog/logentry/",
    "/api/v1/schema/swagger/",
    "/api/v1/schema/redoc/",
]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_and_the_admin_run_under_the_policy_without_a_violation(page, sign_in, live_server):
    from django.contrib.auth import get_user_model

    from accounts.roles import secretariat_group

    user = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    user.groups.add(secretariat_group())
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting)
    participant = ParticipantFactory(delegation__meeting=meeting)
    sign_in(user)
    problems = []
    page.on("console", lambda message: message.type in ("error", "warning") and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "response", lambda response: response.status >= 400 and problems.append(f"{response.status} {response.url}")
    )

    for url in CSP_CHECKED_PAGES:
        response = page.goto(
            url.format(meeting=meeting.pk, participant=participant.pk, delegation=participant.delegation_id)
        )
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
        assert "Content-Security-Policy" in " ".join(response.headers) or response.headers.get(
            "content-security-policy"
        ), url

    # Not even ReDoc's logo: the portal serves its bundle with the logo's cdn.redoc.ly address replaced.
    assert problems == []

import uuid

import pytest
from django.db import connection

from tests.factories import FocalPointFactory, MemberStateFactory, SecretariatUserFactory
from tests.helpers import queries_for


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded files go to a fresh folder per test, never into var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": str(tmp_path / "private")}},
    }


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Each test sees an empty cache (its own key prefix: nothing is flushed, a shared Redis stays usable).
    Cached feeds and API pages are keyed by their data's freshness, and two tests with frozen clocks can
    make equal keys for different data."""
    default = settings.CACHES["default"]
    settings.CACHES = {**settings.CACHES, "default": {**default, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}}


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request to /vi/… leaves Vietnamese active in the thread, and factories writing `title=` would then fill
    the Vietnamese column: every test, in every folder, starts from English (the one such fixture)."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _celery_tasks_run_at_once():
    """A task queued with delay_on_commit runs in the test's process when the transaction commits (capture
    it with django_capture_on_commit_callbacks(execute=True)); errors propagate. Tests of the real broker
    switch this off for themselves."""
    from accsm_portal.celery import app

    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture
def count_queries(client):
    """queries_for (tests/helpers.py) with the test's client: count_queries(url) or count_queries(url, client=…)."""

    def _count(url, *, client=client, **params):
        return queries_for(client, url, **params)

    return _count


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/accsm")


@pytest.fixture
def viet_nam(db):
    return MemberStateFactory(code="VN", name="Viet Nam", name_vi="Việt Nam")


@pytest.fixture
def thailand(db):
    return MemberStateFactory(code="TH", name="Thailand", name_vi="Thái Lan")


@pytest.fixture
def secretariat_user(db):
    return SecretariatUserFactory(username="secretariat")


@pytest.fixture
def focal_point_vn(viet_nam):
    return FocalPointFactory(member_state=viet_nam, user__username="fp-vn").user


@pytest.fixture
def focal_point_th(thailand):
    return FocalPointFactory(member_state=thailand, user__username="fp-th").user


# --- Browser tests: Debian's Chromium driven by Playwright -----------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def browser():
    import os
    import shutil

    if not shutil.which(CHROMIUM):
        pytest.skip("browser tests need Chromium: apt-get install chromium (make test installs it when it may)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's ORM calls are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshots(tmp_path):
    """Where browser tests save screenshots: docs/screenshots/ with ACCSM_UPDATE_SCREENSHOTS=1 (the README
    shows them), otherwise a temporary folder, so an ordinary run leaves the tree clean."""
    import os
    from pathlib import Path

    from django.conf import settings

    if os.environ.get("ACCSM_UPDATE_SCREENSHOTS") == "1":
        folder = Path(settings.BASE_DIR) / "docs" / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path


@pytest.fixture
def sign_in(page, live_server, settings):
    """Sign a user in without the login form (the login form has its own browser test)."""
    from django.test import Client

    def _sign_in(user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )
        return page

    return _sign_in

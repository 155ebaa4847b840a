"""common.middleware.DomainErrorMiddleware: the one place a page's domain error becomes an answer."""

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from accsm_portal import urls as portal_urls
from common.errors import Busy, Conflict, DomainError, Forbidden, NotFound

pytestmark = pytest.mark.django_db

ERRORS = {"not_found": NotFound, "forbidden": Forbidden, "conflict": Conflict, "busy": Busy}


def raiser(request, kind: str):
    raise ERRORS[kind]


def refusal(request):
    raise DomainError("A refusal a form should have shown.")


def locked(request):
    from django.db import OperationalError

    raise OperationalError("database is locked")


urlpatterns = [
    *i18n_patterns(
        path("raise/<str:kind>/", raiser),
        path("refuse/", refusal),
        path("locked/", locked),
        prefix_default_language=True,
    ),
    *portal_urls.urlpatterns,
]


@pytest.fixture
def pages(settings):
    settings.ROOT_URLCONF = __name__


@pytest.mark.parametrize(
    ("kind", "status", "heading_en", "heading_vi", "message_vi"),
    [
        ("not_found", 404, "Page not found", "Không tìm thấy trang", ""),
        ("forbidden", 403, "You cannot open this page", "Anh/chị không thể mở trang này", ""),
        (
            "conflict",
            409,
            "This could not be done just now",
            "Hiện chưa thể thực hiện việc này",
            "Người khác đã thay đổi bản ghi này trong lúc anh/chị đang sửa.",
        ),
        (
            "busy",
            409,
            "This could not be done just now",
            "Hiện chưa thể thực hiện việc này",
            "Có người khác đang thay đổi mục này. Anh/chị vui lòng thử lại sau giây lát.",
        ),
    ],
)
def test_each_domain_error_is_its_error_page_in_the_users_language(
    client, pages, kind, status, heading_en, heading_vi, message_vi
):
    english = client.get(f"/en/raise/{kind}/")
    vietnamese = client.get(f"/vi/raise/{kind}/")

    assert (english.status_code, vietnamese.status_code) == (status, status)
    assert f"<h1>{heading_en}</h1>" in english.content.decode()
    assert f"<h1>{heading_vi}</h1>" in vietnamese.content.decode()
    assert message_vi in vietnamese.content.decode()
    assert '<html lang="vi"' in vietnamese.content.decode()


def test_a_busy_page_says_what_to_do(client, pages):
    body = client.get("/en/raise/busy/").content.decode()

    assert "Someone else is changing this right now. Please try again in a moment." in body
    assert "Nothing was changed." in body


def test_a_database_still_locked_is_the_busy_page_not_a_500(client, pages):
    response = client.get("/en/locked/")

    assert response.status_code == 409
    assert "Please try again in a moment." in response.content.decode()


def test_another_refusal_is_left_to_the_form_and_fails_loudly(client, pages):
    with pytest.raises(DomainError):
        client.get("/en/refuse/")

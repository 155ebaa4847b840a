"""The check the Vietnamese page tests rely on (tests/untranslated.py) finds what it should, and only that."""

import pytest

from tests.factories import MeetingFactory, ParticipantFactory
from tests.untranslated import english_left, html_text, interface_phrases, untranslated_content


def found(text, content=frozenset()):
    return [entry.split(" in …")[0].strip("'\"") for entry in english_left(text, content=set(content))]


def test_an_untranslated_catalogue_string_is_found():
    assert found("Bảng điều hành Upcoming meetings Các cuộc họp sắp tới") == ["Upcoming meetings"]


def test_the_words_around_a_placeholder_are_found():
    assert found("Đăng ký 3 participants") == ["participants"]


def test_english_that_was_never_marked_for_translation_is_found():
    assert found("Lưu thay đổi Plonk the wibbler") == ["the"]


def test_a_vietnamese_page_with_words_both_languages_share_passes():
    assert found("Tải xuống danh sách đại biểu (PDF) · ACCSM 23 · Ban Thư ký ASEAN · SHA-256 · SOM+3") == []


def test_case_is_ignored_as_css_may_capitalise():
    assert found("TIÊU ĐỀ NEEDS ACTION") == ["NEEDS ACTION"]


def test_english_content_is_no_fault():
    title = "Workshop on digital skills for civil servants"  # "Workshop" is interface text elsewhere
    assert (found(f"Hội thảo · {title}"), found(f"Hội thảo · {title}", {title})) == (["Workshop", "for"], [])


def test_every_phrase_is_long_enough_to_mean_something():
    assert [phrase for phrase in interface_phrases() if sum(c.isalpha() for c in phrase) < 4] == []


@pytest.mark.django_db
def test_content_without_a_vietnamese_version_may_stay_english_and_translated_content_may_not():
    MeetingFactory(title="Forum on Good Governance", title_vi="", city="Hanoi", city_vi="Hà Nội")
    ParticipantFactory(full_name="Somchai Jaidee", organisation="Office of the Civil Service Commission")

    content = untranslated_content()

    assert {"Forum on Good Governance", "Somchai Jaidee", "Office of the Civil Service Commission"} <= content
    assert "Hanoi" not in content


def test_code_addresses_and_text_marked_as_english_are_no_fault():
    html = (
        '<html lang="vi"><body><p>Trả lời ngay <code>304 Not Modified</code>, ví dụ /calendar/meetings/42.ics'
        ' hoặc http://example.org/en/meetings/</p><pre>{"delegation": 5}</pre>'
        '<a lang="en" href="/en/">English</a><textarea>The meeting was held online.</textarea>'
        '<button title="Upcoming meetings">Lưu</button></body></html>'
    )
    assert found(html_text(html)) == ["Upcoming meetings"]

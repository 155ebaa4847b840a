"""English and Vietnamese all the way through: the catalogue is complete, formats follow the language,
the language switch remembers the user's choice, an unknown language falls back to English."""

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import formats, translation

from tests.factories import MeetingFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def gettext_tool(*args) -> str:
    if not shutil.which(args[0]):
        pytest.skip(f"{args[0]} (gettext) is not installed: apt-get install gettext")
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def msgids(po_text: str) -> set[str]:
    """The msgids of a catalogue, multi-line ones joined, the header left out."""
    ids, current, inside = set(), [], False
    for line in po_text.splitlines():
        if line.startswith("msgid "):
            current, inside = [line[6:].strip('"')], True
        elif inside and line.startswith('"'):
            current.append(line.strip('"'))
        else:
            if inside and "".join(current):
                ids.add("".join(current))
            inside = False
    return ids


def test_every_vietnamese_entry_is_translated_and_none_is_fuzzy():
    untranslated = msgids(gettext_tool("msgattrib", "--untranslated", "--no-obsolete", str(CATALOGUE)))
    fuzzy = msgids(gettext_tool("msgattrib", "--only-fuzzy", "--no-obsolete", str(CATALOGUE)))
    assert (sorted(untranslated), sorted(fuzzy)) == ([], [])


def test_every_marked_string_is_in_the_catalogue(tmp_path):
    """makemessages in a copy of the source finds no string the committed catalogue lacks."""
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "staticfiles", "node_modules", "__pycache__", "*.mo"),
    )
    gettext_tool("msgfmt", "--version")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "vi", "--no-location", "--ignore=tests"],
        cwd=copy,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin:/usr/local/bin", "ACCSM_VAR_DIR": str(tmp_path / "var")},
        capture_output=True,
        check=True,
    )
    regenerated = msgids((copy / "locale" / "vi" / "LC_MESSAGES" / "django.po").read_text())
    committed = msgids(gettext_tool("msgattrib", "--no-obsolete", str(CATALOGUE)))
    assert sorted(regenerated - committed) == []


@pytest.mark.parametrize(
    ("language", "date", "time"),
    [("vi", "8 tháng 4, 2021", "14:00"), ("en", "8 April 2021", "14:00")],
)
def test_dates_and_times_follow_the_language(language, date, time):
    moment = dt.datetime(2021, 4, 8, 14, 0)
    with translation.override(language):
        assert (formats.date_format(moment), formats.time_format(moment)) == (date, time)


def test_numbers_follow_the_language():
    with translation.override("vi"):
        assert formats.number_format(1234.5, 1, use_l10n=True, force_grouping=True) == "1.234,5"


@pytest.mark.django_db
def test_the_language_switch_stays_on_the_page_and_remembers_the_choice(client):
    user = UserFactory(preferred_language="en")
    meeting = MeetingFactory()
    client.force_login(user)

    response = client.post("/i18n/setlang/", {"language": "vi", "next": f"/en/meetings/{meeting.pk}/"})

    user.refresh_from_db()
    assert (response.status_code, response["Location"], user.preferred_language) == (
        302,
        f"/vi/meetings/{meeting.pk}/",
        "vi",
    )


@pytest.mark.django_db
def test_a_page_in_vietnamese_shows_the_vietnamese_content_and_falls_back_to_english(client):
    translated = MeetingFactory(title="Senior Officials Meeting", title_vi="Hội nghị quan chức cấp cao")
    untranslated = MeetingFactory(title="Forum on Good Governance", title_vi="")

    assert "Hội nghị quan chức cấp cao" in client.get(f"/vi/meetings/{translated.pk}/").content.decode()
    assert "Forum on Good Governance" in client.get(f"/vi/meetings/{untranslated.pk}/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["fr", "zh-hans", "vi-VN"])
def test_an_unknown_language_code_falls_back_instead_of_an_error(client, prefix):
    meeting = MeetingFactory()
    response = client.get(f"/{prefix}/meetings/{meeting.pk}/")
    expected = "vi" if prefix == "vi-VN" else "en"
    assert (response.status_code, response["Location"]) == (302, f"/{expected}/meetings/{meeting.pk}/")


@pytest.mark.django_db
def test_accept_language_picks_vietnamese_and_an_unknown_one_english(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="vi-VN,vi;q=0.9")["Location"] == "/vi/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR")["Location"] == "/en/"

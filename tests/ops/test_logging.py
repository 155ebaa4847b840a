import copy
import io
import json
import logging
import logging.config

import pytest
from django.conf import settings

from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_log():
    """The production log configuration's JSON handler, writing to a buffer."""
    config = copy.deepcopy(settings.LOGGING)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(logging.config.DictConfigurator(config).configure_filter(config["filters"]["request_context"]))
    handler.setFormatter(logging.config.DictConfigurator(config).configure_formatter(config["formatters"]["json"]))
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


def test_each_request_logs_one_json_line_with_request_id_and_user_id(client, secretariat_user, json_log):
    client.force_login(secretariat_user)

    response = client.get("/en/personal-data/?q=Nguyen", headers={"X-Request-ID": "abc-12345678"})

    lines = [line for line in json_log() if line["logger"] == "accsm.request"]
    assert response["X-Request-ID"] == "abc-12345678"
    assert [(line["message"], line["request_id"], line["user_id"], line["status"]) for line in lines] == [
        ("GET /en/personal-data/ 200", "abc-12345678", secretariat_user.pk, 200)
    ]
    assert set(lines[0]) >= {"time", "level", "logger", "message", "request_id", "user_id", "duration_ms"}


def test_a_request_without_an_id_gets_one(client, json_log):
    response = client.get("/en/", headers={"X-Request-ID": "bad id with spaces"})

    assert len(response["X-Request-ID"]) == 32
    assert json_log()[-1]["request_id"] == response["X-Request-ID"]


def test_no_personal_data_reaches_the_logs(client, secretariat_user, json_log, settings):
    participant = ParticipantFactory(full_name="Trần Thị Bích", email="bich.tran@moha.gov.vn", phone="+84 24 3824 0000")
    client.force_login(secretariat_user)

    client.get("/en/personal-data/?q=bich.tran@moha.gov.vn")
    client.get(f"/en/personal-data/participants/{participant.pk}/")
    client.post(f"/en/personal-data/participants/{participant.pk}/erase/", {"confirm": "on"})
    client.post("/en/accounts/login/", {"username": "bich.tran@moha.gov.vn", "password": "wrong"})
    logging.getLogger("accsm.test").warning("mail to %s failed, phone %s", participant.email, "+84 24 3824 0000")

    output = json.dumps(json_log(), ensure_ascii=False)
    assert "bich.tran" not in output
    assert "Trần Thị Bích" not in output
    assert "3824" not in output
    assert "mail to [redacted] failed, phone [redacted]" in output


def test_django_request_records_lose_the_request_object(json_log, rf):
    request = rf.get("/en/personal-data/?q=Tr%E1%BA%A7n")
    logging.getLogger("django.request").error("Not Found: %s", request.path, extra={"request": request})

    assert "request" not in json_log()[-1]
    assert "q=" not in json.dumps(json_log())

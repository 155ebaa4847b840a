"""The OpenAPI document is valid and says what the answers hold (issue 21 items 5 and 6).

- A standard validator (openapi-spec-validator, OpenAPI 3.1) accepts the document `make test` serves.
- Every GET of the API, fetched over the access matrix's world (tests/access_matrix_world.py: meetings
  without optional values, papers, delegations, participants…) by an anonymous client, a registrations
  token and the secretariat, answers a body that validates against the schema of its 200 answer — so a
  field that can be null and is not declared nullable fails here, whatever serializer it comes from."""

from __future__ import annotations

import re

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.db import transaction
from jsonschema import Draft202012Validator
from openapi_spec_validator import OpenAPIV31SpecValidator

from api import services as api_services
from tests.access_matrix_world import build_world
from tests.test_access_matrix import routes, url_for

pytestmark = pytest.mark.django_db


def schema(client) -> dict:
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_the_schema_passes_a_standard_openapi_validator(client):
    document = schema(client)
    assert document["openapi"] == "3.1.0"
    assert [error.message for error in OpenAPIV31SpecValidator(document).iter_errors()] == []
    assert "nullable:" not in client.get("/api/v1/schema/").content.decode()  # 3.0's keyword, ignored by 3.1


def _template(document: dict, path: str) -> str | None:
    for template in document["paths"]:
        if re.fullmatch(
            re.sub(r"\\{[^/]+?\\}", "[^/]+", re.escape(template).replace(r"\{", "{").replace(r"\}", "}")), path
        ):
            return template
    return None


def test_every_answer_of_the_api_validates_against_its_schema(client):
    document = schema(client)
    world = build_world()
    secretariat = get_user_model().objects.get(username="secretariat")
    _token, plain = api_services.api_token_create(
        actor=secretariat,
        name="registrations",
        owner=world.objects["user_a"],
        scope="registrations",
        member_state=world.objects["member_state_a"],
    )
    clients = {"anonymous": world.client("anonymous"), "secretariat": world.client("secretariat")}
    clients["registrations_token"] = token_client = world.client("api_token").__class__()
    token_client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {plain}"
    problems, checked = [], 0
    for name in sorted(routes()):
        if not name.startswith("api:") or name in ("api:catch-all", "api:schema", "api:swagger", "api:redoc"):
            continue
        url = url_for(world, name)
        template = _template(document, url.split("?")[0])
        operation = document["paths"].get(template, {}).get("get") if template else None
        content = (operation or {}).get("responses", {}).get("200", {}).get("content", {})
        if "application/json" not in content:
            continue
        validator = Draft202012Validator(
            {**content["application/json"]["schema"], "components": document["components"]}
        )
        for role, api_client in clients.items():
            with transaction.atomic():
                response = api_client.get(url)
                transaction.set_rollback(True)
            if response.status_code != 200:
                continue
            checked += 1
            for error in validator.iter_errors(response.json()):
                problems.append(f"{role} {url}: {'/'.join(map(str, error.absolute_path))}: {error.message[:120]}")
    assert checked > 20
    assert problems == [], "\n".join(problems)

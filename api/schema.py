"""OpenAPI details every operation shares: the `lang` parameter and the error answers in one shape.

Set as REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"], so the documents and work plan endpoints get them too.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from .generated import GENERATED_HEADER


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable, machine-readable reason, e.g. `invalid`, `not_found`, `throttled`.")
    message = serializers.CharField(help_text="What went wrong, for people, in the language of the request.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per field or query parameter; empty when the error concerns the whole request.",
    )

    class Meta:
        ref_name = "Error"


ERROR_EXAMPLES = [
    OpenApiExample(
        "Invalid filter",
        value={
            "code": "invalid",
            "message": "Enter a valid date/time.",
            "fields": {"start_from": ["Enter a valid date/time."]},
        },
        response_only=True,
        status_codes=["400"],
    ),
    OpenApiExample(
        "Not found",
        value={"code": "not_found", "message": "Not found.", "fields": {}},
        response_only=True,
        status_codes=["404"],
    ),
]

ERROR_DESCRIPTIONS = {
    "400": "The request is not valid: an unknown or malformed parameter or field, an unknown language, "
    "or a rule of the portal refused it.",
    "401": "The API token is unknown, expired or revoked, or this operation needs one.",
    "403": "The token's scope or the user's role does not allow this.",
    "404": "No such object for this client (another country's data answers exactly like a missing one), "
    "or a page past the end.",
    "405": "This method is not allowed here.",
    "406": "Only JSON can be returned.",
    "409": "A request with the same Idempotency-Key is still being processed, the data changed meanwhile, "
    "or someone else is changing it right now (code `busy`: retry in a moment).",
    "415": "Send the body as JSON.",
    "422": "The Idempotency-Key was already used for a different request.",
    "429": "Too many requests: wait the number of seconds in the Retry-After header.",
}
READ_ERRORS = ("400", "401", "403", "404", "405", "406", "429")
WRITE_ERRORS = (*READ_ERRORS, "409", "415", "422")

LANG_PARAMETER = OpenApiParameter(
    "lang",
    str,
    enum=["en", "vi"],
    description="Language of translated fields (titles, themes, venues…); overrides Accept-Language. "
    "Vietnamese falls back to English where no translation exists. Default: English.",
)


class PortalAutoSchema(AutoSchema):
    def get_auth(self):
        """Operations open to anonymous clients say so (an empty security requirement)."""
        auths = super().get_auth()
        from .permissions import SignedIn

        if auths and {} not in auths and not any(isinstance(p, SignedIn) for p in self.view.get_permissions()):
            auths.append({})
        return auths

    def get_override_parameters(self):
        return [*super().get_override_parameters(), LANG_PARAMETER]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method == "GET":
            responses.setdefault(
                "304", {"description": "Not modified: the copy named by If-None-Match / If-Modified-Since is current."}
            )
        for code in READ_ERRORS if self.method in ("GET", "HEAD") else WRITE_ERRORS:
            if code not in responses:
                response = OpenApiResponse(
                    ErrorSerializer, description=ERROR_DESCRIPTIONS[code], examples=ERROR_EXAMPLES
                )
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return responses

    def _get_response_headers_for_code(self, status_code, direction="response"):
        headers = super()._get_response_headers_for_code(status_code, direction)
        if self.method == "GET" and status_code in ("200", "304"):
            headers.setdefault("ETag", {"schema": {"type": "string"}, "description": "Send back as If-None-Match."})
            if self._is_list_view():
                headers.setdefault(
                    GENERATED_HEADER,
                    {
                        "schema": {"type": "string", "format": "date-time"},
                        "description": "When this answer was generated; send it back as `updated_since` "
                        "to receive only what changed since.",
                    },
                )
        if status_code == "429":
            headers.setdefault("Retry-After", {"schema": {"type": "integer"}, "description": "Seconds to wait."})
        return headers


def nullable_as_openapi_31(result, generator, request, public):
    """drf-spectacular writes the 3.1 form of a nullable field it derives, but a schema written by hand
    (DRF's pagination: next, previous) keeps 3.0's `nullable: true`, which 3.1 ignores: turn it into
    `type: [..., "null"]` so that a validator or a client generator reads null as allowed."""

    def walk(node):
        if isinstance(node, dict):
            if node.pop("nullable", False) is True and isinstance(node.get("type"), str):
                node["type"] = [node["type"], "null"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result

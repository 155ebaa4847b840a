"""The API's JSON parser, bounded: a body nested deeper than MAX_JSON_DEPTH is refused with the JSON 400
shape instead of a RecursionError. (A body over DATA_UPLOAD_MAX_MEMORY_SIZE never reaches it: Django
refuses to read it, and api.errors answers that in the same shape.)"""

import json

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_JSON_DEPTH = 32  # our deepest representation nests three levels


def _too_deep(value, limit: int) -> bool:
    stack = [(value, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
    return False


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read() if stream is not None else b""
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            data = json.loads(raw.decode(encoding), parse_constant=self._refuse_constant)
        except RecursionError:
            data = None
            too_deep = True
        except (ValueError, UnicodeDecodeError) as error:
            raise ParseError(_("The request body is not valid JSON: %(error)s") % {"error": error}) from None
        else:
            too_deep = _too_deep(data, MAX_JSON_DEPTH)
        if too_deep:
            raise ParseError(_("The request body nests deeper than %(depth)d levels.") % {"depth": MAX_JSON_DEPTH})
        return data

    @staticmethod
    def _refuse_constant(name):
        raise ValueError(f"{name} is not a number JSON allows")

"""Log records carry the request id and the user id, and never personal data.

The request (or Celery task) in progress is kept in a context variable by `RequestIdMiddleware` and the
task signals; `RequestContextFilter` copies its ids onto every record and strips what could carry
personal data: the request object (its repr holds the query string, e.g. a searched name) and e-mail
addresses or telephone numbers in messages and tracebacks (database errors quote the values they refused).
"""

from __future__ import annotations

import contextvars
import logging
import re
import traceback

from django.utils.functional import empty

current_request = contextvars.ContextVar("accsm_current_request", default=None)
current_request_id = contextvars.ContextVar("accsm_current_request_id", default=None)
_resolving_user = contextvars.ContextVar("accsm_resolving_user", default=False)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w.])\+?\d[\d ().-]{7,}\d(?![\w.])")
REDACTED = "[redacted]"


def redact(text: str) -> str:
    return PHONE.sub(REDACTED, EMAIL.sub(REDACTED, text))


def _user_id(request) -> int | None:
    user = request.__dict__.get("user")
    if user is None or _resolving_user.get():
        return None
    # The user is a lazy object until something asks for it; resolving it here queries the session once,
    # guarded so that a record logged while resolving it does not recurse.
    token = _resolving_user.set(True)
    try:
        if getattr(user, "_wrapped", None) is empty:
            user._setup()
        authenticated = user.is_authenticated
    except Exception:  # noqa: BLE001  logging must never fail the request
        return None
    else:
        return user.pk if authenticated else None
    finally:
        _resolving_user.reset(token)


class RequestContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request = current_request.get()
        record.request_id = current_request_id.get()
        record.user_id = _user_id(request) if request is not None else None
        if hasattr(record, "request"):
            del record.request
        if isinstance(record.msg, str):
            record.msg = redact(record.getMessage())
            record.args = ()
        if record.exc_info:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip())
            record.exc_info = None
        return True


class TextFormatter(logging.Formatter):
    """The development format: the same fields as the JSON logs, on one readable line."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s user=%(user_id)s] %(message)s")

    def format(self, record):
        record.__dict__.setdefault("request_id", None)
        record.__dict__.setdefault("user_id", None)
        return super().format(record)


def configure(config: dict) -> None:
    """settings.LOGGING_CONFIG: dictConfig on a copy, since dictConfig consumes the dictionary it is given
    (the settings stay as written, which the tests read)."""
    import copy
    import logging.config

    logging.config.dictConfig(copy.deepcopy(config))

"""A rule asked the same way from every door.

Each rule is written once, as a service's `ensure_x(actor, obj)` that raises a DomainError when it refuses.
A page, a template, the admin, the API or a reminder that needs the answer in advance (to show a button,
a row's link) asks `can_x = can(ensure_x)`: the same code answering a bool, so it can never disagree with
the service that enforces it. A page that also says why not asks `refusal(ensure_x, …)` for the message.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec

from .errors import DomainError

P = ParamSpec("P")


def can(ensure: Callable[P, object]) -> Callable[P, bool]:
    """`ensure` asked as a question: True when it lets the action through, False when it raises a DomainError."""

    @functools.wraps(ensure)
    def asks(*args: P.args, **kwargs: P.kwargs) -> bool:
        try:
            ensure(*args, **kwargs)
        except DomainError:
            return False
        return True

    asks.__doc__ = f"Whether `{ensure.__name__}` lets this through (asked in advance; the service checks again)."
    return asks


def refusal(ensure: Callable[P, object], *args: P.args, **kwargs: P.kwargs) -> str:
    """Why `ensure` refuses, in the user's language; "" when it lets the action through."""
    try:
        ensure(*args, **kwargs)
    except DomainError as error:
        return str(error.message)
    return ""

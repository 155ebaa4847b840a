"""The secretariat guard exists once: `accounts.decorators.secretariat_required` for pages,
`accounts.roles.ensure_secretariat` for services. A second hand-written copy is how the portal came to
answer 403 on some secretariat pages and 404 on others (SECURITY.md, "Who may open a page")."""

import ast
import re
from pathlib import Path

import pytest
from django.test import RequestFactory

from accounts.decorators import secretariat_required
from tests.helpers import ROOT, source_files

HOMES = {Path("accounts/roles.py"), Path("accounts/decorators.py")}
GUARD_NAME = re.compile(r"(require|only|ensure|must).*secretariat|secretariat_(required|only)", re.IGNORECASE)
REFUSALS = {"Forbidden", "NotFound", "PermissionDenied", "Http404"}


def _sources():
    for relative in source_files():
        yield relative, ast.parse((ROOT / relative).read_text(), filename=str(relative))


def _asks_is_secretariat_not(test: ast.expr) -> bool:
    return (
        isinstance(test, ast.UnaryOp)
        and isinstance(test.op, ast.Not)
        and isinstance(test.operand, ast.Call)
        and getattr(test.operand.func, "id", getattr(test.operand.func, "attr", None)) == "is_secretariat"
    )


def _refuses(statement: ast.stmt) -> bool:
    if not isinstance(statement, ast.Raise) or statement.exc is None:
        return False
    raised = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
    return getattr(raised, "id", getattr(raised, "attr", None)) in REFUSALS


def test_no_second_secretariat_guard_is_written_by_hand():
    copies = []
    for relative, tree in _sources():
        if relative in HOMES:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and GUARD_NAME.search(node.name):
                copies.append(f"{relative}:{node.lineno} defines {node.name}()")
            if (
                isinstance(node, ast.If)
                and _asks_is_secretariat_not(node.test)
                and len(node.body) == 1
                and _refuses(node.body[0])
            ):
                copies.append(f"{relative}:{node.lineno} refuses by hand with `if not is_secretariat(…): raise`")
    assert copies == []


def test_the_search_finds_a_hand_written_guard(tmp_path):
    """The test above can fail: these are the shapes of the copies it replaced."""
    shapes = [
        "def secretariat_only(view):\n    return view\n",
        "def _require_secretariat(request):\n    pass\n",
        "def view(request):\n    if not is_secretariat(request.user):\n        raise Http404\n",
        "def service(actor):\n    if not roles.is_secretariat(actor):\n        raise NotFound\n",
    ]
    for source in shapes:
        tree = ast.parse(source)
        found = any(
            (isinstance(n, ast.FunctionDef) and GUARD_NAME.search(n.name))
            or (isinstance(n, ast.If) and _asks_is_secretariat_not(n.test) and _refuses(n.body[0]))
            for n in ast.walk(tree)
        )
        assert found, source


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "answer"), [("anonymous", 302), ("focal_point_vn", 403), ("secretariat_user", 200)])
def test_the_one_guard_sends_anonymous_visitors_to_sign_in_and_refuses_others_with_403(request, who, answer):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied
    from django.http import HttpResponse

    view = secretariat_required(lambda request: HttpResponse("ok"))
    page = RequestFactory().get("/en/secretariat/")
    page.user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    try:
        status = view(page).status_code
    except PermissionDenied:
        status = 403
    assert status == answer

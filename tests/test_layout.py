"""The apps import each other in one direction: registrations -> meetings, never meetings -> registrations.

The source is read with `ast` (nothing is imported), so an import inside a function counts as much as one
at the top, and relative imports are resolved to the module they name.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (package, packages it must never import)
FORBIDDEN = [("meetings", ("registrations",))]

# Calls that import a module named by a string.
IMPORTING_CALLS = {"import_module", "__import__", "include"}


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(source: str, module: str, *, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in `source`, the code of `module`."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((node.lineno, name))
            found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in IMPORTING_CALLS and isinstance(node.args[0].value, str):
                found.append((node.lineno, node.args[0].value))
    return found


def forbidden_imports(package: str, forbidden: tuple[str, ...], *, root: Path = ROOT) -> list[str]:
    problems = []
    for path in sorted((root / package).rglob("*.py")):
        module = _module_name(path, root)
        for line, name in imported_modules(
            path.read_text(encoding="utf-8"), module, is_package=path.name == "__init__.py"
        ):
            if any(name == other or name.startswith(f"{other}.") for other in forbidden):
                problems.append(f"{path.relative_to(root)}:{line} imports {name}")
    return problems


def test_meetings_never_imports_registrations():
    for package, forbidden in FORBIDDEN:
        assert forbidden_imports(package, forbidden) == []


def test_the_check_sees_every_kind_of_import():
    source = """
import registrations.views
from registrations.services import registration
def later():
    from registrations import exports
include("registrations.urls")
importlib.import_module("registrations.api")
from . import selectors
from .. import models
from meetings.models import Meeting
"""
    names = {name for _line, name in imported_modules(source, "meetings.staff.views")}

    assert {name for name in names if name.split(".")[0] == "registrations"} == {
        "registrations",
        "registrations.views",
        "registrations.services",
        "registrations.services.registration",
        "registrations.exports",
        "registrations.urls",
        "registrations.api",
    }
    # Relative imports resolve inside the package: meetings.staff.selectors, meetings.models.
    assert {"meetings.staff.selectors", "meetings.models", "meetings.models.Meeting"} <= names


def test_a_meetings_module_importing_registrations_is_reported(tmp_path):
    (tmp_path / "meetings").mkdir()
    (tmp_path / "meetings" / "views.py").write_text("from registrations.letters import render_invitation_letter\n")

    assert forbidden_imports("meetings", ("registrations",), root=tmp_path) == [
        "meetings/views.py:1 imports registrations.letters",
        "meetings/views.py:1 imports registrations.letters.render_invitation_letter",
    ]

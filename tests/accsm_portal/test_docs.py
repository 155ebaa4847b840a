"""The README and CONTRIBUTING.md stay complete: every environment variable the settings read is in the
README's table, every package of the project is in CONTRIBUTING.md's map."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READERS = {"get", "env_bool", "env_int", "env_list"}


def variables_read_by_the_settings() -> set[str]:
    names = set()
    for node in ast.walk(ast.parse((ROOT / "accsm_portal" / "settings.py").read_text())):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        reads = name in READERS and (name != "get" or ast.unparse(func) == "os.environ.get")
        if reads and node.args and isinstance(node.args[0], ast.Constant):
            names.add(node.args[0].value)
        names.update(kw.value.value for kw in node.keywords if kw.arg == "env" and isinstance(kw.value, ast.Constant))
    return names


def test_the_settings_read_the_variables_this_test_finds():
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "EMAIL_BACKEND", "REDIS_URL"} <= variables_read_by_the_settings()


def test_every_environment_variable_the_settings_read_is_in_the_readme():
    first_cells = re.findall(r"^\| (.+?) \|", (ROOT / "README.md").read_text(), re.MULTILINE)
    documented = {name for row in first_cells for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row)}
    assert variables_read_by_the_settings() - documented == set()


def test_every_package_is_in_contributing():
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")}
    contributing = (ROOT / "CONTRIBUTING.md").read_text()
    assert {name for name in packages if f"`{name}/`" not in contributing} == set()

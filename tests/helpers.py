"""Helpers the tests share (fixtures live in tests/conftest.py): counting a page's queries, running calls
at the same moment, and walking the portal's own source."""

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url: str, **params) -> int:
    """How many SQL queries one GET of `url` (with `params` as its query string) runs; it must answer 200.
    List pages compare one item with many: the count must not grow."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return len(queries)


def run_concurrently(*calls: Callable[[], Any], timeout: float = 60) -> list[Any]:
    """Run each call in its own thread, all released together by a barrier; return what each returned or
    raised, in the calls' order. Each thread has its own database connection, closed when it ends (use with
    django_db(transaction=True): the threads see only committed rows)."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def worker(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the test looks at what each call met
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), f"a call was still running after {timeout} s"
    return results


ROOT = Path(__file__).resolve().parents[1]
NOT_SOURCE = frozenset({"tests", "migrations", "bench", "var", "staticfiles", "node_modules"})


def source_files(*, skip: frozenset[str] = NOT_SOURCE) -> Iterator[Path]:
    """The portal's own Python files (relative to the checkout), in a stable order: hidden folders (.venv)
    and the folders in `skip` left out. Tests that hold a rule over the whole source walk these."""
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if not any(part.startswith(".") or part in skip for part in relative.parts):
            yield relative

import pytest

from tests.api.conftest import api_client, make_token, token_client  # noqa: F401  (the API's client fixtures)
from tests.factories import ChairmanshipFactory, MeetingFactory


@pytest.fixture
def eager_tasks(settings):
    """Celery tasks run in the test's process when queued."""
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def meeting(db):
    return MeetingFactory(title="SOM 21", title_vi="Hội nghị SOM 21", chairmanship=ChairmanshipFactory(ordinal=21))


def stored_files(settings) -> list[str]:
    """Every file in the (per-test) private storage, relative to it."""
    from pathlib import Path

    root = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())

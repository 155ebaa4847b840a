from tests.api.conftest import _english_to_begin_with  # noqa: F401  (the API tests' English start)

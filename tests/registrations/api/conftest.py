from tests.api.conftest import (  # noqa: F401  (the API's client fixtures and its English start)
    _english_to_begin_with,
    accsm21,
    api_client,
    make_token,
    token_client,
)

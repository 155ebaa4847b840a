from tests.api.conftest import (  # noqa: F401  (the API's client fixtures)
    accsm21,
    api_client,
    make_token,
    token_client,
)

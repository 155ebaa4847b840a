from tests.api.conftest import (  # noqa: F401  (the API's client fixtures)
    make_token,
    token_client,
)

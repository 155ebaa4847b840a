from tests.api.conftest import (  # noqa: F401  (the API's token fixtures, for test_api.py)
    make_token,
    token_client,
)

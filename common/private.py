"""Nothing a signed-in user or an API client is answered is kept by a browser or a proxy.

`PrivateAnswersMiddleware` gives every answer to an identified requester (a session's user, or an API token)
`Cache-Control: private, no-store` unless its view chose a policy itself. A view chooses only for answers
that carry no personal data: the public calendar feeds ("public, max-age=300"), the API's conditional reads
of the schedule ("private, no-cache", revalidated by ETag). The API's reads of delegations and participants
are `no-store` (api/conditional.py), and so is every download of personal data (common.exports).

`tests/common/test_private.py` walks every route of the URLconf as every role and fails on an answer that
carries a participant's name or email without `no-store`."""

NO_STORE = "private, no-store"


def identified(request) -> bool:
    user = getattr(request, "user", None)
    return bool((user is not None and user.is_authenticated) or getattr(request, "auth", None) is not None)


class PrivateAnswersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if identified(request) and not response.has_header("Cache-Control"):
            response["Cache-Control"] = NO_STORE
        return response

"""When an answer was generated (`X-Page-Generated`): a client sends it back as `updated_since` to fetch only
what changed. Its own module so that the conditional views and the fast path, which both write it, need
not import each other."""

from django.utils import timezone

GENERATED_HEADER = "X-Page-Generated"


def generated_now() -> str:
    return timezone.now().isoformat().replace("+00:00", "Z")

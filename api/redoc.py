"""ReDoc's bundle (drf-spectacular-sidecar) served with its one outside address replaced: the sidebar's
"API docs by Redocly" logo came from cdn.redoc.ly, which the portal's Content-Security-Policy refuses (and
which would tell a third party who reads the documentation). The logo is the portal's own copy instead."""

from functools import cache
from pathlib import Path

import drf_spectacular_sidecar
from django.http import HttpResponse
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

BUNDLE = (
    Path(drf_spectacular_sidecar.__file__).parent / "static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
)
CDN_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


@cache
def bundle() -> bytes:
    """The bundle with the logo's address replaced (read once per process)."""
    return BUNDLE.read_bytes().replace(CDN_LOGO.encode(), static("img/api-docs.svg").encode())


@require_GET
@cache_control(public=True, max_age=86400)
def redoc_bundle(request):
    return HttpResponse(bundle(), content_type="text/javascript; charset=utf-8")

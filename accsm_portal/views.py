from django.http import JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def healthz_floor(request):
    """A fixed, tiny answer with no database work: a liveness probe, and the benchmark's floor (what the
    bare Django stack costs on this machine, which every other throughput is compared with)."""
    return JsonResponse({"status": "ok"})

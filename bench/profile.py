"""Profile one benchmark endpoint in-process: its SQL queries (one warm request) and where the time goes
(cProfile over repeated requests), on the benchmark's data set with production settings.

    .venv/bin/python -m bench.profile dashboard --requests 50
    .venv/bin/python -m bench.profile meetings_list_token --sort tottime --top 40

The data set must exist (run `make bench` once, any --scale). Nothing is written to the database except
what the endpoint's own set-up writes (an API token, a signed-in session), as in `make bench`.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.split("\n\n")[0])
    parser.add_argument("endpoint", help="an endpoint key of bench/endpoints.py (e.g. dashboard)")
    parser.add_argument("--database", default="accsm_bench")
    parser.add_argument("--requests", type=int, default=30, help="profiled requests (default 30)")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key (default cumulative)")
    parser.add_argument("--top", type=int, default=35, help="rows of the profile to print")
    parser.add_argument("--queries", action="store_true", help="print the SQL of one warm request")
    parser.add_argument("--callers", help="also print the callers of functions matching this text")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
    args = parser.parse_args(argv)

    from . import database
    from .run import BASE_DIR, production_environment

    url = database.bench_database_url(os.environ.get("DATABASE_URL"), args.database)
    env = production_environment(database_url=url, redis_url=args.redis_url)
    for key in ("DEBUG", "REDIS_URL", "DATABASE_URL"):
        os.environ.pop(key, None)
    os.environ.update(env)
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from . import database as bench_database
    from .endpoints import ENDPOINTS, FLOOR
    from .run import signed_in_context

    with connection.cursor() as cursor:
        marker = bench_database.read_marker(cursor)
    if not marker or not marker.get("complete"):
        print("no benchmark data set in this database: run make bench first", file=sys.stderr)
        return 2
    endpoint = next((e for e in [FLOOR, *ENDPOINTS] if e.key == args.endpoint), None)
    if endpoint is None:
        print(f"unknown endpoint {args.endpoint!r}", file=sys.stderr)
        return 2
    ctx = signed_in_context(marker)
    request = endpoint.build(ctx)
    client = ctx.client_factory(endpoint.role)

    def get():
        response = client.get(request.path, headers=request.headers)
        if response.streaming:
            b"".join(response.streaming_content)
        return response

    get()  # cold: caches, imports
    with CaptureQueriesContext(connection) as queries:
        response = get()
    print(f"{endpoint.key}: {request.path} -> {response.status_code}, {len(queries)} queries (warm)")
    if args.queries:
        for query in queries:
            print(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql'][:400]}")
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(args.requests):
        get()
    profiler.disable()
    elapsed = time.perf_counter() - started
    print(f"{args.requests} requests, {elapsed / args.requests * 1000:.1f} ms each (under the profiler)")
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats(args.sort)
    stats.print_stats(args.top)
    if args.callers:
        stats.print_callers(args.callers)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`make bench`: build (or reuse) the stress data set, serve the portal under gunicorn with production settings,
load each endpoint from another process and write the results to var/bench/ (JSON and Markdown).

    .venv/bin/python -m bench.run                    # the full run (default data set, 10 s per endpoint)
    .venv/bin/python -m bench.run --scale 0.05 --seconds 3 --warmup 1   # a quick run while developing
    .venv/bin/python -m bench.run --only floor,meeting_detail

Only 127.0.0.1 is ever loaded. The servers it starts are stopped when it ends, fails or is interrupted.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import platform
import secrets
import signal
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.split("\n\n")[0])
    data = parser.add_argument_group("stress data")
    data.add_argument("--database", default="accsm_bench", help="the benchmark's own database (default accsm_bench)")
    data.add_argument("--scale", type=float, default=1.0, help="size factor of the data set (0.05 while developing)")
    for name in ("chairmanships", "meetings", "participants", "documents", "initiatives"):
        data.add_argument(f"--{name}", type=int, help=f"number of {name} (overrides --scale)")
    data.add_argument("--rebuild", action="store_true", help="rebuild the data set even when it matches")
    load = parser.add_argument_group("load")
    load.add_argument("--seconds", type=float, default=10, help="measured seconds per endpoint (default 10)")
    load.add_argument("--warmup", type=float, default=2, help="warm-up seconds per endpoint (default 2)")
    load.add_argument(
        "--connections",
        type=int,
        help="concurrent connections (default: one per worker, so latencies are service times at full load)",
    )
    load.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    load.add_argument("--port", type=int, default=8108, help="port on 127.0.0.1 (default 8108)")
    load.add_argument("--client", choices=["auto", "wrk", "python"], default="auto", help="load client (auto: wrk)")
    load.add_argument("--only", help="comma-separated endpoint keys to measure (the floor is always measured)")
    load.add_argument("--no-in-process", action="store_true", help="skip the reminder and import measurements")
    mixed = parser.add_argument_group("mixed load (Locust, headless)")
    mixed.add_argument(
        "--mixed",
        action="store_true",
        help="also run the mixed scenario: 130 focal points, the secretariat, 500 pollers (bench/mixed.py)",
    )
    mixed.add_argument("--mixed-seconds", type=float, default=300, help="its duration (default 300 s)")
    mixed.add_argument("--mixed-poll-seconds", type=float, default=30, help="each poller's interval (default 30 s)")
    load.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""), help="cache (default: $REDIS_URL)")
    parser.add_argument("--output", type=Path, default=BASE_DIR / "var" / "bench", help="results folder")
    args = parser.parse_args(argv)
    args.output = args.output.resolve()
    return args


def sizes_from(args: argparse.Namespace):
    from .data import Sizes

    sizes = Sizes().scaled(args.scale) if args.scale != 1.0 else Sizes()
    overrides = {
        name: getattr(args, name)
        for name in ("chairmanships", "meetings", "participants", "documents", "initiatives")
        if getattr(args, name) is not None
    }
    return dataclasses.replace(sizes, **overrides)


def production_environment(*, database_url: str, redis_url: str) -> dict[str, str]:
    """Production settings (DEBUG off, a secret key, the host), plain HTTP on the loopback."""
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "REDIS_URL", "DATABASE_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="accsm_portal.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
        # The API's throttles stay on (their cache round trips are part of each request's cost), with
        # budgets no benchmark reaches: the load comes from one address.
        API_RATE_ANON="100000000/min",
        API_RATE_TOKEN="100000000/min",
        API_RATE_USER="100000000/min",
        PYTHONDONTWRITEBYTECODE="1",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def _stop_on_signal(signum, frame):
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.connections = args.connections or args.workers
    from . import database

    database_url = database.bench_database_url(os.environ.get("DATABASE_URL"), args.database)
    try:
        database.ensure_bench_database(database_url)
    except database.NotABenchDatabase as error:
        print(f"make bench: refused: {error}", file=sys.stderr)
        return 2
    # Ctrl-C, SIGTERM and SIGHUP unwind through the `finally` that stops the servers (SIGINT explicitly:
    # a shell starts background jobs with it ignored).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _stop_on_signal)
    signal.signal(signal.SIGHUP, _stop_on_signal)
    env = production_environment(database_url=database_url, redis_url=args.redis_url)
    for key in ("DEBUG", "REDIS_URL", "DATABASE_URL"):
        os.environ.pop(key, None)
    os.environ.update(env)
    sys.path.insert(0, str(BASE_DIR))

    import django

    django.setup()
    from django.core.management import call_command

    from . import data

    sizes = sizes_from(args)
    if args.rebuild:
        call_command("migrate", interactive=False, verbosity=0)
        marker = data.build(sizes)
    else:
        marker = data.ensure_dataset(sizes)
    print("static files: collecting (production storage needs the manifest)")
    call_command("collectstatic", interactive=False, verbosity=0)

    run = new_run(args, marker)
    from .server import Gunicorn

    server = Gunicorn(
        env=env, port=args.port, workers=args.workers, log_path=args.output / "gunicorn.log", base_dir=BASE_DIR
    )
    try:
        measure_http(run, args, marker, server)
        if args.mixed:
            measure_mixed(run, args, marker, server)
    finally:
        server.stop()
    if not args.no_in_process:
        measure_in_process(run, marker)

    from . import report

    json_path, md_path = report.write(run, args.output)
    print()
    print(report.markdown(run))
    print(f"written: {json_path.relative_to(BASE_DIR)} and {md_path.relative_to(BASE_DIR)}")
    return 1 if run["failures"] else 0


def new_run(args, marker: dict) -> dict:
    from django.conf import settings

    from .load import wrk_available

    rows = marker["rows"]
    summary = ", ".join(
        f"{rows.get(label, 0):,} {name}"
        for label, name in [
            ("meetings.Meeting", "meetings"),
            ("meetings.AgendaItem", "agenda items"),
            ("meetings.Delegation", "delegations"),
            ("meetings.Participant", "participants"),
            ("documents.Document", "documents"),
            ("workplan.Initiative", "initiatives"),
        ]
    )
    client = args.client if args.client != "auto" else ("wrk" if wrk_available() else "python")
    return {
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        # Other work on the machine slows every number alike: the floor ratio is the comparable figure.
        "load_average_at_start": round(os.getloadavg()[0], 2),
        "machine": machine_description(),
        "data_summary": f"{summary} ({marker['sizes']['chairmanships']} chairmanships)",
        "data": marker,
        "workers": args.workers,
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "client": client,
        "connections": args.connections,
        "seconds": args.seconds,
        "warmup": args.warmup,
        "endpoints": [],
        "in_process": [],
        "memory": None,
        "failures": [],
    }


def machine_description() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0].split()[0]
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, PostgreSQL {postgres}"


# --- HTTP ---------------------------------------------------------------------------------------------------


def signed_in_context(marker: dict):
    from django.conf import settings
    from django.test import Client

    from accounts.models import User

    from .endpoints import Context

    anchors = marker["anchors"]
    users = {
        "secretariat": anchors["secretariat_user"],
        "focal_point": anchors["focal_point_users"]["VN"],
    }
    clients, cookies = {None: Client(HTTP_HOST="127.0.0.1")}, {}
    for role, pk in users.items():
        client = Client(HTTP_HOST="127.0.0.1")
        user = User.objects.get(pk=pk)
        client.force_login(user)
        _second_factor_done(client, user)
        clients[role] = client
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        cookies[role] = f"{settings.SESSION_COOKIE_NAME}={cookie.value}"
    return Context(anchors=anchors, cookies=cookies, client_factory=clients.__getitem__)


def _second_factor_done(client, user) -> None:
    """Staff must use a second factor in production: the benchmark's session is one that entered its code."""
    try:
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from accounts.two_factor import SESSION_HAS_DEVICE
    except (ImportError, RuntimeError):
        return
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="Benchmark", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[SESSION_HAS_DEVICE] = True
    session.save()


def count_queries(client, request) -> tuple[int, int, int]:
    """SQL queries of the first (cold) and second (warm) request in this process; the status of the second."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts, status = [], 0
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(request.path, headers=request.headers)
            if response.streaming:
                b"".join(response.streaming_content)
        counts.append(len(queries))
        status = response.status_code
    return counts[0], counts[1], status


def measure_http(run: dict, args, marker: dict, server) -> None:
    from .endpoints import ENDPOINTS, FLOOR, NotYet
    from .load import fetch_once, run_load

    ctx = signed_in_context(marker)
    only = set(args.only.split(",")) if args.only else None
    selected = [e for e in ENDPOINTS if only is None or e.key in only]

    print(f"gunicorn: starting {args.workers} workers on 127.0.0.1:{args.port}")
    server.start()

    def measure(endpoint) -> dict:
        result = {"key": endpoint.key, "label": endpoint.label, "target": endpoint.target}
        try:
            request = endpoint.build(ctx)
        except NotYet as reason:
            result["not_measured"] = "not measured yet"
            result["reason"] = str(reason)
            print(f"  {endpoint.key}: not measured yet ({reason})")
            return result
        headers = {**ctx.headers_for(endpoint.role), **request.headers}
        cold, warm, in_process_status = count_queries(ctx.client_factory(endpoint.role), request)
        status, _, body = fetch_once(server.base_url + request.path, headers=headers)
        if status != request.expect_status or in_process_status != request.expect_status:
            message = f"{endpoint.key}: {request.path} answered {status} (expected {request.expect_status})"
            run["failures"].append(message)
            result["not_measured"] = f"failed: status {status}"
            print(f"  {message}")
            return result
        connections = endpoint.connections or args.connections
        if args.warmup:
            run_load(server.base_url + request.path, headers=headers, seconds=args.warmup,
                     connections=connections, client=args.client)  # fmt: skip
        load = run_load(
            server.base_url + request.path,
            headers=headers,
            seconds=args.seconds,
            connections=connections,
            client=args.client,
        )
        result.update(
            path=request.path,
            status=status,
            size_bytes=len(body),
            queries=warm,
            queries_cold=cold,
            rps=round(load.rps, 1),
            p50_ms=round(load.p50_ms, 2),
            p95_ms=round(load.p95_ms, 2),
            p99_ms=round(load.p99_ms, 2),
            mean_ms=round(load.mean_ms, 2),
            requests=load.requests,
            errors=load.errors,
            connections=connections,
        )
        if load.errors:
            run["failures"].append(f"{endpoint.key}: {load.errors} failed requests of {load.requests}")
        print(
            f"  {endpoint.key}: {load.rps:.0f} req/s, p50 {load.p50_ms:.1f} ms, p95 {load.p95_ms:.1f} ms, "
            f"p99 {load.p99_ms:.1f} ms, {warm} queries (cold {cold}), {len(body):,} bytes"
        )
        return result

    first_floor = measure(FLOOR)
    results = [measure(endpoint) for endpoint in selected]
    last_floor = measure(FLOOR)
    floor_rps = (first_floor["rps"] + last_floor["rps"]) / 2
    floor = {**first_floor, "label": FLOOR.label + " (mean of first and last)", "rps": round(floor_rps, 1)}
    for key in ("p50_ms", "p95_ms", "p99_ms", "mean_ms"):
        floor[key] = round((first_floor[key] + last_floor[key]) / 2, 2)
    floor["floor_ratio"] = 1.0
    for result in results:
        if "rps" in result:
            result["floor_ratio"] = round(result["rps"] / floor_rps, 3) if floor_rps else None
    run["load_average_after_http"] = round(os.getloadavg()[0], 2)
    run["endpoints"] = [floor, *results]
    run["floor_runs"] = [first_floor["rps"], last_floor["rps"]]
    workers = server.worker_rss_mb()
    run["memory"] = {
        "label": "web worker RSS after the run",
        "workers_mb": [round(mb, 1) for mb in workers],
        "rss_mb": round(max(workers), 1) if workers else 0.0,
        "target": {"rss_mb": 200},
    }


def measure_mixed(run: dict, args, marker: dict, server) -> None:
    from . import mixed

    result = mixed.run(
        marker=marker,
        server=server,
        seconds=args.mixed_seconds,
        output=args.output,
        poll_seconds=args.mixed_poll_seconds,
    )
    run["mixed"] = result
    if result["errors"]:
        run["failures"].append(f"mixed load: {result['errors']} failed requests of {result['total']['requests']}")


# --- In-process -----------------------------------------------------------------------------------------------


def measure_in_process(run: dict, marker: dict) -> None:
    from .endpoints import NotYet
    from .inprocess import MEASUREMENTS

    for measurement in MEASUREMENTS:
        result = {"key": measurement.key, "label": measurement.label, "target": measurement.target}
        try:
            result.update(measurement.run(marker["anchors"]))
            print(f"  {measurement.key}: {result['seconds']:.2f} s ({result['detail']})")
        except NotYet as reason:
            result["not_measured"] = "not measured yet"
            result["reason"] = str(reason)
            print(f"  {measurement.key}: not measured yet ({reason})")
        run["in_process"].append(result)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("make bench: interrupted; servers stopped", file=sys.stderr)
        sys.exit(130)
    except subprocess.CalledProcessError as error:
        print(f"make bench: {error}", file=sys.stderr)
        sys.exit(1)

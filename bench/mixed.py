"""The mixed scenario (issue 17 item 6): 130 focal points (13 countries × 10) working their delegations, the
secretariat's pages, and 500 calendar and API pollers at once, for a bounded time, from Locust (headless).

It reports p95 per page, errors (target 0) and the web workers' memory at the start and the end (target:
no growth beyond 10 %). Locust is a development tool (requirements-dev.in); `LOCUST` names another binary.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
FOCAL_POINTS_PER_COUNTRY = 10
SECRETARIAT_USERS = 5
POLLERS = 500
MEMORY_GROWTH_LIMIT = 0.10
ERRORS_TARGET = 0


def locust_binary() -> str | None:
    named = os.environ.get("LOCUST")
    if named:
        return named
    beside = Path(sys.executable).with_name("locust")
    return str(beside) if beside.exists() else shutil.which("locust")


def summarise(rows: list[dict[str, str]], *, memory_start: list[float], memory_end: list[float]) -> dict:
    """Locust's `_stats.csv` rows and the workers' RSS (MB) at the start and the end → the scenario's result:
    per page its requests, failures and p50/p95, the totals, the memory growth, and each target met or not."""
    pages, total = [], None
    for row in rows:
        entry = {
            "name": row["Name"],
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50_ms": float(row["50%"] or 0),
            "p95_ms": float(row["95%"] or 0),
            "rps": round(float(row["Requests/s"] or 0), 1),
        }
        if row["Name"] == "Aggregated":
            total = entry
        else:
            pages.append(entry)
    if total is None:
        total = {
            "name": "Aggregated",
            "requests": sum(p["requests"] for p in pages),
            "failures": sum(p["failures"] for p in pages),
            "p50_ms": 0.0,
            "p95_ms": max((p["p95_ms"] for p in pages), default=0.0),
            "rps": round(sum(p["rps"] for p in pages), 1),
        }
    start, end = sum(memory_start), sum(memory_end)
    growth = (end - start) / start if start else 0.0
    return {
        "pages": sorted(pages, key=lambda p: p["name"]),
        "total": total,
        "errors": total["failures"],
        "errors_met": total["failures"] <= ERRORS_TARGET and total["requests"] > 0,
        "memory_start_mb": [round(mb, 1) for mb in memory_start],
        "memory_end_mb": [round(mb, 1) for mb in memory_end],
        "memory_growth": round(growth, 3),
        "memory_met": growth <= MEMORY_GROWTH_LIMIT,
    }


def markdown(result: dict) -> str:
    verdict = {True: "met", False: "**missed**"}
    lines = [
        (
            f"Mixed load: {result['users']} users for {result['seconds']:g} s "
            f"({result['focal_points']} focal points, {result['secretariat']} secretariat, {result['pollers']} pollers)"
        ),
        "",
        "| page | requests | failures | req/s | p50 ms | p95 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for page in [*result["pages"], result["total"]]:
        lines.append(
            f"| {page['name']} | {page['requests']} | {page['failures']} | {page['rps']} | "
            f"{page['p50_ms']:.0f} | {page['p95_ms']:.0f} |"
        )
    lines += [
        "",
        f"- errors: {result['errors']} (target 0) — {verdict[result['errors_met']]}",
        (
            f"- web workers' memory: {sum(result['memory_start_mb']):.0f} MB at the start, "
            f"{sum(result['memory_end_mb']):.0f} MB at the end ({result['memory_growth']:+.0%}; target ≤ +10 %) — "
            f"{verdict[result['memory_met']]}"
        ),
    ]
    return "\n".join(lines) + "\n"


def read_stats(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def prepare(marker: dict, *, poll_seconds: float) -> dict:
    """Sessions for 10 focal points of each of 13 countries (created once, in the benchmark's own database),
    for the secretariat, and a read token for the API pollers."""
    from django.conf import settings
    from django.test import Client

    from accounts.models import User
    from api.services import api_token_create
    from meetings.models import Delegation, FocalPoint, MemberState

    from .endpoints import url
    from .run import _second_factor_done

    anchors = marker["anchors"]
    meeting = anchors["big_meeting"]
    codes = list(Delegation.objects.filter(meeting_id=meeting).values_list("member_state__code", flat=True))

    def session_of(user) -> str:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        _second_factor_done(client, user)
        return client.cookies[settings.SESSION_COOKIE_NAME].value

    focal_points = []
    for code in sorted(codes):
        state = MemberState.objects.get(code=code)
        for number in range(FOCAL_POINTS_PER_COUNTRY):
            user, created = User.objects.get_or_create(
                username=f"bench-fp-{code.lower()}-{number}", defaults={"first_name": "Focal", "last_name": code}
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
                FocalPoint.objects.create(user=user, member_state=state)
            focal_points.append({"session": session_of(user), "meeting": meeting})
    secretariat = User.objects.get(pk=anchors["secretariat_user"])
    _token, plain = api_token_create(actor=secretariat, name="Benchmark pollers", owner=secretariat, scope="read")
    from meetings.models import Chairmanship

    ordinal = Chairmanship.objects.get(pk=anchors["current_chairmanship"]).ordinal
    return {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "focal_points": focal_points,
        "secretariat": [{"session": session_of(secretariat)} for _ in range(SECRETARIAT_USERS)],
        "token": plain,
        "poll_seconds": poll_seconds,
        "weights": {"focal_points": len(focal_points), "secretariat": SECRETARIAT_USERS, "pollers": POLLERS},
        "paths": {
            "dashboard": url("secretariat:dashboard"),
            "registrations": url("secretariat:registrations", pk=meeting),
            "calendar": url("calendar:chairmanship", ordinal=ordinal),
            "api_list": f"{url('api:meeting-list')}?chairmanship={ordinal}&page_size=50",
        },
    }


def warm_up(server, config: dict) -> None:
    from .load import fetch_once

    cookie = {"Cookie": f"{config['session_cookie']}={config['secretariat'][0]['session']}"}
    focal = {"Cookie": f"{config['session_cookie']}={config['focal_points'][0]['session']}"}
    meeting = config["focal_points"][0]["meeting"]
    requests = [
        (config["paths"]["dashboard"], cookie),
        (config["paths"]["registrations"], cookie),
        (config["paths"]["calendar"], {}),
        (config["paths"]["api_list"], {"Authorization": f"Bearer {config['token']}"}),
        (f"/en/my/meetings/{meeting}/", focal),
        ("/en/my/meetings/", focal),
        (f"/en/my/meetings/{meeting}/participants/add/", focal),
    ]
    for _ in range(server.workers * 2):
        for path, headers in requests:
            fetch_once(server.base_url + path, headers=headers)


def run(*, marker: dict, server, seconds: float, output: Path, poll_seconds: float = 30) -> dict:
    """Locust against the running server for `seconds` (bounded: it is stopped a minute after that)."""
    binary = locust_binary()
    if binary is None:
        raise RuntimeError("Locust is not installed (requirements-dev.in); set LOCUST to its binary")
    config = prepare(marker, poll_seconds=poll_seconds)
    output.mkdir(parents=True, exist_ok=True)
    config_path = output / "mixed-config.json"
    config_path.write_text(json.dumps(config))
    users = sum(config["weights"].values())
    prefix = output / "mixed"
    command = [binary, "-f", str(LOCUSTFILE), "--headless", "--host", server.base_url, "--users", str(users)]
    command += ["--spawn-rate", str(max(10, users // 10)), "--run-time", f"{max(1, round(seconds))}s"]
    command += ["--csv", str(prefix), "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0"]
    warm_up(server, config)  # every page once per worker first: the start is a warm worker's memory
    memory_start = server.worker_rss_mb()
    env = {**os.environ, "BENCH_MIXED_CONFIG": str(config_path)}
    print(f"mixed load: {users} users for {seconds:g} s")
    subprocess.run(command, env=env, check=True, timeout=seconds + 60)  # noqa: S603 (fixed command)
    memory_end = server.worker_rss_mb()
    result = summarise(read_stats(Path(f"{prefix}_stats.csv")), memory_start=memory_start, memory_end=memory_end)
    result.update(
        users=users,
        seconds=seconds,
        focal_points=config["weights"]["focal_points"],
        secretariat=SECRETARIAT_USERS,
        pollers=POLLERS,
    )
    config_path.unlink()  # it holds sessions and a token
    return result

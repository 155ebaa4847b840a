"""Load clients: wrk (Debian's package) when present, else a small Python client. Both run in another process
than the server, for a fixed duration at a fixed concurrency, against 127.0.0.1 only."""

from __future__ import annotations

import dataclasses
import http.client
import json
import shutil
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

WRK_SCRIPT = Path(__file__).with_name("wrk_report.lua")
RESULT_PREFIX = "BENCH-JSON "


@dataclasses.dataclass
class LoadResult:
    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    client: str

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def ensure_loopback(url: str) -> None:
    host = urlsplit(url).hostname
    if host not in {"127.0.0.1", "localhost", "::1"}:
        raise ValueError(f"The benchmark only sends load to this machine (127.0.0.1), not to {host!r}.")


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def run_load(
    url: str, *, headers: dict[str, str], seconds: float, connections: int, client: str = "auto"
) -> LoadResult:
    ensure_loopback(url)
    if client == "wrk" or (client == "auto" and wrk_available()):
        return run_wrk(url, headers=headers, seconds=seconds, connections=connections)
    return run_python(url, headers=headers, seconds=seconds, connections=connections)


def run_wrk(url: str, *, headers: dict[str, str], seconds: float, connections: int) -> LoadResult:
    command = ["wrk", "--threads", "1", "--connections", str(connections), "--duration", f"{max(1, round(seconds))}s"]
    command += ["--timeout", "30s", "--script", str(WRK_SCRIPT)]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    command.append(url)
    run = subprocess.run  # a fixed command line: wrk with our arguments
    output = run(command, capture_output=True, text=True, check=True, timeout=seconds + 60).stdout
    line = next((line for line in output.splitlines() if line.startswith(RESULT_PREFIX)), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result:\n{output}")
    data = json.loads(line[len(RESULT_PREFIX) :])
    latency = data["latency_us"]
    return LoadResult(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        errors=sum(data["errors"].values()),
        p50_ms=latency["p50"] / 1000,
        p95_ms=latency["p95"] / 1000,
        p99_ms=latency["p99"] / 1000,
        mean_ms=latency["mean"] / 1000,
        client="wrk",
    )


def run_python(url: str, *, headers: dict[str, str], seconds: float, connections: int) -> LoadResult:
    """Threads with one keep-alive connection each; a status of 400 or more counts as an error (as in wrk)."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker():
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        mine, failed = [], 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", target, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    failed += 1
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
                continue
            mine.append(time.perf_counter() - started)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return LoadResult(
        requests=len(latencies),
        seconds=elapsed,
        errors=errors[0],
        p50_ms=percentile(latencies, 50) * 1000,
        p95_ms=percentile(latencies, 95) * 1000,
        p99_ms=percentile(latencies, 99) * 1000,
        mean_ms=(sum(latencies) / len(latencies) * 1000) if latencies else 0.0,
        client="python",
    )


def percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile of an already sorted list (0 for an empty one)."""
    if not sorted_values:
        return 0.0
    rank = max(1, -(-len(sorted_values) * pct // 100))  # ceil without floats drifting
    return sorted_values[int(rank) - 1]


def fetch_once(url: str, *, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    """One request, for the status check and the response size."""
    ensure_loopback(url)
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()

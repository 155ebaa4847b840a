"""The benchmark harness's parts, without a server or a data set: the load client, the report, the refusal."""

import http.server
import json
import threading

import pytest
from django.db import connection

from bench import load, report, run
from tests.bench.test_data import server_url


@pytest.fixture
def tiny_server():
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            body = b'{"status": "ok"}' if self.path == "/ok" else b"missing"
            self.send_response(200 if self.path == "/ok" else 404)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_percentiles_are_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    assert (load.percentile(values, 50), load.percentile(values, 95), load.percentile(values, 99)) == (50, 95, 99)
    assert load.percentile([], 95) == 0.0


def test_the_python_client_counts_requests_and_errors(tiny_server):
    ok = load.run_python(f"{tiny_server}/ok", headers={}, seconds=0.3, connections=2)
    assert ok.requests > 0 and ok.errors == 0 and 0 < ok.p50_ms <= ok.p99_ms
    missing = load.run_python(f"{tiny_server}/missing", headers={}, seconds=0.2, connections=1)
    assert missing.errors == missing.requests > 0


def test_load_is_only_ever_sent_to_this_machine():
    with pytest.raises(ValueError, match="only sends load to this machine"):
        load.run_load("http://192.168.1.10:8000/", headers={}, seconds=1, connections=1)


def test_the_report_says_not_measured_yet_and_checks_targets():
    result_run = {
        "started_at": "2025-01-01T00:00:00+00:00",
        "machine": "2 cores",
        "data_summary": "10 meetings",
        "workers": 2,
        "cache": "RedisCache",
        "client": "wrk",
        "connections": 4,
        "seconds": 10,
        "warmup": 2,
        "endpoints": [
            {"label": "floor", "rps": 1000.0, "floor_ratio": 1.0, "p50_ms": 1, "p95_ms": 2, "p99_ms": 3,
             "queries": 0, "size_bytes": 16, "target": {}},
            {"label": "list", "rps": 200.0, "floor_ratio": 0.2, "p50_ms": 10, "p95_ms": 40, "p99_ms": 60,
             "queries": 4, "size_bytes": 20_000, "target": {"p95_ms": 50, "floor_ratio": 0.25}, "errors": 0},
            {"label": "feed", "not_measured": "not measured yet", "target": {"p95_ms": 300}},
        ],
        "in_process": [{"label": "import", "seconds": 1.5, "detail": "1,000 rows", "target": {"seconds": 5}}],
        "memory": {"workers_mb": [80.0, 90.0], "rss_mb": 90.0, "target": {"rss_mb": 200}},
        "failures": [],
    }  # fmt: skip
    lines = report.markdown(result_run).splitlines()
    assert "| list | 200 | 20% | 10.0 | 40.0 | 60.0 | 4 | 19.5 kB | p95 ≤ 50 ms, ≥ 25% of floor | **missed** |" in lines
    assert "| feed | not measured yet | | | | | | | p95 ≤ 300 ms | |" in lines
    assert "| import | 1.50 s (1,000 rows) | ≤ 5 s | met |" in lines


def test_the_results_are_written_as_json_and_markdown(tmp_path):
    result_run = {"started_at": "2025-01-01T00:00:00+00:00", "machine": "m", "data_summary": "d", "workers": 2,
                  "cache": "c", "client": "wrk", "connections": 4, "seconds": 1, "warmup": 0, "endpoints": [],
                  "in_process": [], "memory": None, "failures": []}  # fmt: skip
    json_path, md_path = report.write(result_run, tmp_path)
    assert json.loads(json_path.read_text())["client"] == "wrk"
    assert (tmp_path / "latest.md").read_text() == md_path.read_text()


@pytest.mark.django_db(transaction=True)
def test_make_bench_refuses_a_database_that_is_not_its_own(on_postgres, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", server_url())
    assert run.main(["--database", connection.settings_dict["NAME"]]) == 2
    assert "refused" in capsys.readouterr().err

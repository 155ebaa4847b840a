"""The mixed scenario's report (bench/mixed.py): p95 per page, errors and memory growth judged from Locust's
statistics. No load is run here."""

from bench import mixed


def _row(name, requests, failures, p50, p95, rps="1.0"):
    return {"Name": name, "Request Count": str(requests), "Failure Count": str(failures), "50%": str(p50),
            "95%": str(p95), "Requests/s": rps}  # fmt: skip


def test_pages_errors_and_memory_are_judged():
    rows = [
        _row("delegation page", 100, 0, 40, 90),
        _row("API meetings list, token", 300, 2, 5, 12),
        _row("Aggregated", 400, 2, 8, 80, "13.3"),
    ]
    result = mixed.summarise(rows, memory_start=[100.0, 100.0], memory_end=[105.0, 110.0])
    assert [page["name"] for page in result["pages"]] == ["API meetings list, token", "delegation page"]
    assert result["pages"][1]["p95_ms"] == 90.0
    assert result["errors"] == 2 and not result["errors_met"]
    assert result["memory_growth"] == 0.075 and result["memory_met"]


def test_growth_beyond_ten_percent_and_no_requests_are_missed():
    result = mixed.summarise([_row("dashboard", 0, 0, 0, 0)], memory_start=[100.0], memory_end=[111.0])
    assert result["total"]["requests"] == 0
    assert not result["errors_met"]  # nothing measured is not a pass
    assert not result["memory_met"]
    text = mixed.markdown({**result, "users": 1, "seconds": 5, "focal_points": 0, "secretariat": 1, "pollers": 0})
    assert "| dashboard | 0 | 0 |" in text and "**missed**" in text

"""The results as JSON and as a Markdown table (the table is also printed)."""

from __future__ import annotations

import json
from pathlib import Path


def fmt_ms(value) -> str:
    return "—" if value is None else f"{value:.1f}"


def fmt_size(size) -> str:
    if size is None:
        return "—"
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} kB"
    return f"{size} B"


def target_text(target: dict) -> str:
    parts = []
    if "p50_ms" in target:
        parts.append(f"p50 ≤ {target['p50_ms']} ms")
    if "p95_ms" in target:
        parts.append(f"p95 ≤ {target['p95_ms']} ms")
    if "floor_ratio" in target:
        parts.append(f"≥ {target['floor_ratio']:.0%} of floor")
    if "seconds" in target:
        parts.append(f"≤ {target['seconds']} s")
    if "rss_mb" in target:
        parts.append(f"≤ {target['rss_mb']} MB")
    return ", ".join(parts) or "—"


def verdict(result: dict) -> str:
    target = result.get("target") or {}
    if not target or result.get("not_measured"):
        return ""
    checks = []
    if "p50_ms" in target:
        checks.append(result["p50_ms"] <= target["p50_ms"])
    if "p95_ms" in target:
        checks.append(result["p95_ms"] <= target["p95_ms"])
    if "floor_ratio" in target and result.get("floor_ratio") is not None:
        checks.append(result["floor_ratio"] >= target["floor_ratio"])
    if "seconds" in target:
        checks.append(result["seconds"] <= target["seconds"])
    if "rss_mb" in target:
        checks.append(result["rss_mb"] <= target["rss_mb"])
    if result.get("errors"):
        checks.append(False)
    return "met" if all(checks) else "**missed**"


def markdown(run: dict) -> str:
    lines = [
        f"Benchmark run {run['started_at']} — {run['machine']}",
        "",
        (
            f"Data: {run['data_summary']}. Server: gunicorn, {run['workers']} sync workers, DEBUG off, "
            f"cache: {run['cache']}. Load: {run['client']}, {run['connections']} connections, "
            f"{run['seconds']:g} s per endpoint after {run['warmup']:g} s warm-up. Load average of the machine "
            f"(other work on it): {run.get('load_average_at_start', '?')} at the start, "
            f"{run.get('load_average_after_http', '?')} after the HTTP measurements."
        ),
        "",
        "| endpoint | req/s | × floor | p50 ms | p95 ms | p99 ms | SQL/request | size | target | |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for result in run["endpoints"]:
        if result.get("not_measured"):
            lines.append(
                f"| {result['label']} | {result['not_measured']} | | | | | | | {target_text(result.get('target') or {})} | |"
            )
            continue
        ratio = result.get("floor_ratio")
        queries = result.get("queries")
        lines.append(
            "| {label} | {rps:.0f} | {ratio} | {p50} | {p95} | {p99} | {queries} | {size} | {target} | {verdict} |".format(
                label=result["label"],
                rps=result["rps"],
                ratio="—" if ratio is None else f"{ratio:.0%}",
                p50=fmt_ms(result["p50_ms"]),
                p95=fmt_ms(result["p95_ms"]),
                p99=fmt_ms(result["p99_ms"]),
                queries="—" if queries is None else queries,
                size=fmt_size(result.get("size_bytes")),
                target=target_text(result.get("target") or {}),
                verdict=verdict(result),
            )
        )
    lines += ["", "| in-process | result | target | |", "|---|---:|---|---|"]
    for result in run["in_process"]:
        if result.get("not_measured"):
            lines.append(
                f"| {result['label']} | {result['not_measured']} | {target_text(result.get('target') or {})} | |"
            )
        else:
            lines.append(
                f"| {result['label']} | {result['seconds']:.2f} s ({result['detail']}) | "
                f"{target_text(result.get('target') or {})} | {verdict(result)} |"
            )
    memory = run.get("memory")
    if memory:
        lines.append(
            f"| web worker memory after the run (RSS, largest of {len(memory['workers_mb'])}) | "
            f"{memory['rss_mb']:.0f} MB | {target_text(memory['target'])} | {verdict(memory)} |"
        )
    if run.get("mixed"):
        from .mixed import markdown as mixed_markdown

        lines += ["", mixed_markdown(run["mixed"]).rstrip("\n")]
    if run.get("failures"):
        lines += ["", "Failures:", *[f"- {failure}" for failure in run["failures"]]]
    return "\n".join(lines) + "\n"


def write(run: dict, directory: Path) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = run["started_at"].replace(":", "").replace("-", "")
    json_path = directory / f"bench-{stamp}.json"
    md_path = directory / f"bench-{stamp}.md"
    json_path.write_text(json.dumps(run, indent=2, ensure_ascii=False) + "\n")
    md_path.write_text(markdown(run))
    (directory / "latest.json").write_text(json_path.read_text())
    (directory / "latest.md").write_text(md_path.read_text())
    return json_path, md_path

"""`make run` as a developer uses it (scripts/run.sh, scripts/serve.sh): it serves on $PORT with links that
say that port, leaves a var/dev.env that lets manage.py work in the checkout without variables, refuses a
bad PORT clearly, and Ctrl-C stops the web server and the worker with beat within 10 seconds."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import ROOT

PYTHON = str(ROOT / ".venv" / "bin" / "python")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def checkout_environment(var_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a developer's shell: none of the suite's settings, a var folder of its own."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(("DJANGO_", "ACCSM_"))}
    for name in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "SITE_URL", "PORT"):
        env.pop(name, None)
    return {**env, "ACCSM_VAR_DIR": str(var_dir), **extra}


def processes_using(var_dir: Path) -> list[int]:
    """Every process still running whose environment names this var folder (the server, the worker, its
    pool and beat, and anything they started)."""
    found = []
    marker = f"ACCSM_VAR_DIR={var_dir}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as answer:
        return answer.read()


def test_a_port_that_is_not_a_number_is_refused_before_anything_runs(tmp_path):
    run = subprocess.run(
        ["bash", "scripts/run.sh"],
        cwd=ROOT,
        env=checkout_environment(tmp_path, PORT="80a"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert "PORT must be a port number from 1 to 65535, not '80a'" in run.stderr
    assert not (tmp_path / "dev.env").exists()


def test_a_port_in_use_is_named_with_what_to_do(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run(
            ["bash", "scripts/run.sh"],
            cwd=ROOT,
            env=checkout_environment(tmp_path, PORT=str(port)),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert run.returncode == 2
    assert f"Port {port} on 127.0.0.1 is taken" in run.stderr


def test_settings_read_the_dev_env_and_the_environment_wins(tmp_path):
    dev_env = tmp_path / "dev.env"
    dev_env.write_text("# written by make run\nDEBUG=1\nSITE_URL=http://127.0.0.1:8101\n")
    code = "from django.conf import settings; print(settings.DEBUG, settings.SITE_URL)"
    env = checkout_environment(tmp_path, ACCSM_DEV_ENV=str(dev_env), DJANGO_SETTINGS_MODULE="accsm_portal.settings")
    shell = [PYTHON, "-c", f"import django; django.setup(); {code}"]
    assert subprocess.run(shell, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout.split() == [
        "True",
        "http://127.0.0.1:8101",
    ]
    env["SITE_URL"] = "https://accsm.example.org"
    out = subprocess.run(shell, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "https://accsm.example.org"]

    dev_env.write_text("DEBUG\n")
    broken = subprocess.run(shell, cwd=ROOT, env=env, capture_output=True, text=True)
    assert broken.returncode != 0
    assert "line 1: expected NAME=value, not 'DEBUG'" in broken.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="reads the processes' environments from /proc")
def test_make_run_serves_on_its_port_manage_py_follows_and_ctrl_c_stops_everything_within_10_seconds(tmp_path):
    port = free_port()
    env = checkout_environment(tmp_path, PORT=str(port))
    log = (tmp_path / "run.log").open("w")
    run = subprocess.Popen(
        ["bash", "scripts/run.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            output = (tmp_path / "run.log").read_text()
            assert run.poll() is None, output[-3000:]
            assert time.monotonic() < deadline, output[-3000:]
            try:
                get(f"http://127.0.0.1:{port}/healthz")
                serving = True
            except OSError:
                serving = False
            if serving and " ready." in output:  # the web server answers and Celery says "celery@… ready."
                break
            time.sleep(0.5)

        # Absolute links follow the port: the API's calendar addresses.
        chairmanships = json.loads(get(f"http://127.0.0.1:{port}/api/v1/chairmanships/"))
        assert chairmanships["results"][0]["calendar_url"].startswith(f"http://127.0.0.1:{port}/")

        # manage.py in the checkout, with no variable set by hand, has the same settings.
        shell = subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", "from django.conf import settings; print(settings.SITE_URL)"],
            cwd=ROOT,
            env=checkout_environment(tmp_path),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert shell.returncode == 0, shell.stderr
        assert shell.stdout.strip().splitlines()[-1] == f"http://127.0.0.1:{port}"

        # Ctrl-C in the terminal: SIGINT to the foreground process group.
        asked = time.monotonic()
        os.killpg(run.pid, signal.SIGINT)
        run.wait(timeout=15)
        stopped = time.monotonic() - asked
        time.sleep(0.5)
        assert stopped < 10
        assert processes_using(tmp_path) == []
    finally:
        for pid in processes_using(tmp_path):
            os.kill(pid, signal.SIGKILL)
        log.close()

"""The S3 server of the object-storage tests (moto in server mode, on the loopback) and a fresh bucket per test."""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid

import boto3
import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def s3_server():
    """A real S3 server (moto) on a free port of the loopback, for the session; stopped at its end."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("the S3 test server did not start")
    yield f"http://127.0.0.1:{port}"
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=10)


@pytest.fixture
def bucket(s3_server, settings, monkeypatch, tmp_path):
    """A fresh bucket as the default storage, as settings.py builds it when ACCSM_S3_BUCKET is set."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    name = f"accsm-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    client.create_bucket(Bucket=name)
    options = {**settings.BUCKET_FILES["OPTIONS"], "bucket_name": name, "endpoint_url": s3_server}
    settings.ACCSM_S3_BUCKET = name
    settings.BUCKET_FILES = {**settings.BUCKET_FILES, "OPTIONS": options}
    settings.LOCAL_FILES = {**settings.LOCAL_FILES, "OPTIONS": {"location": str(tmp_path / "local")}}
    settings.STORAGES = {**settings.STORAGES, "default": settings.BUCKET_FILES}
    client.name = name
    return client

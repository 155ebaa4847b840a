"""The production topology on this machine (issue 17 item 4): Debian's nginx, with deploy/nginx.conf.template
(the file docker-compose.yml mounts), in front of two gunicorn instances on the loopback and a Celery worker,
all on this test's PostgreSQL database and Redis.

Through nginx: a focal point signs in, uploads a paper (which one instance stores) and downloads it (each
instance answers the download: both see the file, nginx sends it from the protected location); ten
registrations race on both instances at once for a delegation with three places (exactly three accepted);
the feeds answer; static files come with a year's cache and gzip; a body over the limit is refused by nginx.
The same with the files in a bucket (a moto S3 server): a paper uploaded through nginx is in the bucket, each
instance answers its download with a signed URL naming the site, and nginx passes that URL on to the store.
Every process is stopped at the end.
"""

from __future__ import annotations

import concurrent.futures
import os
import shutil
import signal
import socket
import string
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from django.conf import settings
from django.db import connection

from meetings.models import Meeting, Participant
from tests.factories import DelegationFactory, FocalPointFactory, MeetingFactory, pdf_bytes

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TEMPLATE = Path(settings.BASE_DIR) / "deploy" / "nginx.conf.template"
PLACES = 3
RACERS = 10
START_TIMEOUT = 90  # seconds for every process to answer (collectstatic before it)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Topology:
    """nginx + two gunicorn + a Celery worker, each in its own process group, stopped by `stop()`."""

    def __init__(self, root: Path, *, bucket: str = "", s3_endpoint: str = "", worker: bool = True):
        self.root = root
        self.bucket, self.s3_endpoint, self.worker = bucket, s3_endpoint, worker
        self.processes: list[tuple[str, subprocess.Popen]] = []
        self.web_ports = [free_port(), free_port()]
        self.https_port, self.http_port = free_port(), free_port()
        self.private = root / "private"
        self.mail = root / "mail"
        for folder in (self.private, self.mail):
            folder.mkdir()
        # our own broker and cache database (flushed at the end): 13, or TOPOLOGY_REDIS_DB where 13 is someone's
        redis_db = os.environ["REDIS_URL"].rsplit("/", 1)[0] + "/" + os.environ.get("TOPOLOGY_REDIS_DB", "13")
        self.env = {
            **os.environ,
            "DEBUG": "0",
            "ACCSM_DEV_ENV": "",
            "SECRET_KEY": "topology-" + uuid.uuid4().hex * 2,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": f"https://127.0.0.1:{self.https_port}",
            "DATABASE_URL": database_url(),
            "DB_CONN_MAX_AGE": "0",
            "DB_POOL_MAX_SIZE": "4",  # as docker-compose.yml runs it: psycopg 3's pool in each process
            "REDIS_URL": redis_db,
            "ACCSM_VAR_DIR": str(root / "var"),
            "PRIVATE_MEDIA_ROOT": str(self.private),
            "ACCSM_X_ACCEL_REDIRECT_PREFIX": "/protected-files/",
            "TRUSTED_PROXY_COUNT": "1",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mail),
            "SECURE_HSTS_SECONDS": "0",
        }
        self.redis_db = redis_db
        if bucket:  # the files in a bucket: every instance reads and writes the S3 server, signed URLs via nginx
            self.env.update(
                ACCSM_S3_BUCKET=bucket,
                ACCSM_S3_ENDPOINT_URL=s3_endpoint,
                ACCSM_S3_PUBLIC_URL=self.base,
                AWS_ACCESS_KEY_ID="test",
                AWS_SECRET_ACCESS_KEY="test",
            )

    @property
    def cert(self) -> str:
        """Our own self-signed certificate: every HTTPS request of the test verifies nginx against it."""
        return str(self.root / "tls.crt")

    @property
    def base(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    def start(self) -> None:
        self._certificate()
        self._nginx_conf()
        for number, port in enumerate(self.web_ports, 1):
            self._spawn(
                f"web{number}",
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "accsm_portal.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                    "--timeout",
                    "60",
                ],
            )
        if self.worker:
            self._spawn(
                "worker",
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "accsm_portal",
                    "worker",
                    "--concurrency=1",
                    "-l",
                    "INFO",
                    "--without-heartbeat",
                    "--without-gossip",
                    "--without-mingle",
                ],
            )
        self._spawn("nginx", ["nginx", "-p", str(self.root / "nginx"), "-c", "nginx.conf"])
        deadline = time.monotonic() + START_TIMEOUT
        for port in self.web_ports:
            self._wait(f"http://127.0.0.1:{port}/healthz/floor", deadline)
        self._wait(f"{self.base}/static/css/portal.css", deadline)

    def _certificate(self) -> None:
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                str(self.root / "tls.key"),
                "-out",
                str(self.root / "tls.crt"),
            ],
            check=True,
            capture_output=True,
        )

    def _nginx_conf(self) -> None:
        prefix = self.root / "nginx"
        (prefix / "logs").mkdir(parents=True)
        site = string.Template(TEMPLATE.read_text()).safe_substitute(
            ACCSM_UPSTREAM_SERVERS=" ".join(f"server 127.0.0.1:{port};" for port in self.web_ports),
            ACCSM_HTTP_PORT=f"127.0.0.1:{self.http_port}",
            ACCSM_HTTPS_PORT=f"127.0.0.1:{self.https_port}",
            ACCSM_TLS_CERT=str(self.root / "tls.crt"),
            ACCSM_TLS_KEY=str(self.root / "tls.key"),
            ACCSM_STATIC_ROOT=str(settings.STATIC_ROOT),
            ACCSM_PRIVATE_MEDIA_ROOT=str(self.private),
            # without a bucket the location is there but unused (nothing answers on port 9)
            ACCSM_S3_BUCKET=self.bucket or "no-bucket",
            ACCSM_S3_UPSTREAM=self.s3_endpoint or "http://127.0.0.1:9",
        )
        (prefix / "site.conf").write_text(site)
        user = "user root;" if os.geteuid() == 0 else ""  # the tests' folders are the test runner's alone
        (prefix / "nginx.conf").write_text(
            f"""{user}
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log {prefix}/logs/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/site.conf;
}}
"""
        )

    def _spawn(self, name: str, command: list[str]) -> None:
        log = (self.root / f"{name}.log").open("wb")
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes.append((name, process))

    def _wait(self, url: str, deadline: float) -> None:
        while time.monotonic() < deadline:
            for name, process in self.processes:
                if process.poll() is not None:
                    pytest.fail(f"{name} stopped at start-up:\n{self.logs()}")
            try:
                # (a web instance alone is reached as nginx reaches it: the proxy says the client used HTTPS)
                answer = requests.get(url, verify=self.cert, timeout=2, headers={"X-Forwarded-Proto": "https"})
                if answer.status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        pytest.fail(f"{url} did not answer within {START_TIMEOUT} s:\n{self.logs()}")

    def logs(self) -> str:
        parts = []
        for path in [*self.root.glob("*.log"), self.root / "nginx" / "logs" / "error.log"]:
            if path.exists():
                parts.append(f"--- {path.name}\n{path.read_text(errors='replace')[-2500:]}")
        return "\n".join(parts)

    def stop(self) -> None:
        for _name, process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for _name, process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        import redis

        client = redis.Redis.from_url(self.redis_db)
        client.flushdb()
        client.close()


@pytest.fixture(scope="module")
def collected_static():
    """The production settings serve hashed static names (a manifest): collect them once, as the image does."""
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        pytest.skip("needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)")
    if not shutil.which("nginx"):
        pytest.skip("nginx is not installed (bash scripts/system-packages.sh test)")
    env = {**os.environ, "DEBUG": "0", "ACCSM_DEV_ENV": "", "SECRET_KEY": "collect-" + "x" * 50}
    env["ALLOWED_HOSTS"] = "127.0.0.1"
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
    )


@pytest.fixture
def topology(collected_static, tmp_path):
    running = Topology(tmp_path)
    try:
        running.start()
        yield running
    finally:
        running.stop()
    ports = [*running.web_ports, running.https_port, running.http_port]
    assert all(port_is_free(port) for port in ports), "a process of the topology outlived the test"
    assert all(process.poll() is not None for _name, process in running.processes)


def signed_in(topology: Topology, username: str) -> requests.Session:
    session = requests.Session()
    session.verify = topology.cert
    session.trust_env = False  # else REQUESTS_CA_BUNDLE from the environment wins over `verify` (requests#3829)
    login = f"{topology.base}/en/accounts/login/"
    session.get(login, timeout=10)
    answer = session.post(
        login,
        data={
            "username": username,
            "password": "correct-horse-battery",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": login},
        timeout=10,
    )
    assert answer.status_code == 200 and "sessionid" in session.cookies, topology.logs()
    return session


def test_two_instances_behind_nginx_share_one_portal(topology, viet_nam, thailand):
    meeting = MeetingFactory(status=Meeting.Status.PUBLISHED, delegates_allowed=PLACES, title="SOM 24")
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    FocalPointFactory(member_state=viet_nam, user__username="fp-vn-topology")
    session = signed_in(topology, "fp-vn-topology")
    api_headers = {"X-CSRFToken": session.cookies["csrftoken"], "Referer": f"{topology.base}/en/"}

    # A paper uploaded through nginx (stored by one instance) and downloaded from both.
    paper = pdf_bytes("Country report of Viet Nam")
    uploaded = session.post(
        f"{topology.base}/api/v1/documents/",
        data={"title_en": "Country report", "kind": "country_report", "meeting": meeting.pk},
        files={"file": ("report.pdf", paper, "application/pdf")},
        headers=api_headers,
        timeout=30,
    )
    assert uploaded.status_code == 201, uploaded.text
    download = f"/en/documents/{uploaded.json()['id']}/download/"
    for port in topology.web_ports:  # each instance checks access, then hands the file to nginx
        direct = session.get(f"http://127.0.0.1:{port}{download}", headers={"X-Forwarded-Proto": "https"}, timeout=10)
        assert direct.status_code == 200 and direct.headers["X-Accel-Redirect"].startswith("/protected-files/")
        assert direct.content == b""
    for _ in topology.web_ports:  # through nginx, round robin: the file itself, never cached
        through = session.get(f"{topology.base}{download}", timeout=10)
        assert through.status_code == 200 and through.content == paper
        assert "no-store" in through.headers["Cache-Control"]
    assert requests.get(f"{topology.base}/protected-files/", verify=topology.cert, timeout=10).status_code == 404

    # Ten registrations at once over both instances, three places: exactly three accepted.
    def register(number: int) -> int:
        answer = session.post(
            f"{topology.base}/api/v1/participants/",
            json={"delegation": delegation.pk, "full_name": f"Delegate {number}", "email": f"d{number}@moha.gov.vn"},
            headers=api_headers,
            timeout=30,
        )
        return answer.status_code

    with concurrent.futures.ThreadPoolExecutor(RACERS) as pool:
        statuses = list(pool.map(register, range(RACERS)))
    assert statuses.count(201) == PLACES, statuses
    assert Participant.objects.filter(delegation=delegation).count() == PLACES
    served_by = (topology.root / "nginx" / "logs" / "access.log").read_text()
    assert served_by.count("POST /api/v1/participants/") == RACERS

    # The worker sends the registration emails (outbox → Celery on Redis → the file backend).
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(topology.mail.glob("*.log"))) < 1:
        time.sleep(0.2)
    assert list(topology.mail.glob("*.log")), topology.logs()

    # Feeds and static files through nginx.
    feed = requests.get(f"{topology.base}/calendar/meetings.ics", verify=topology.cert, timeout=10)
    assert feed.status_code == 200 and "SOM 24" in feed.text
    atom = requests.get(f"{topology.base}/api/v1/changes.atom", verify=topology.cert, timeout=10)
    assert atom.status_code == 200
    static = requests.get(
        f"{topology.base}/static/css/portal.css",
        headers={"Accept-Encoding": "gzip"},
        verify=topology.cert,
        timeout=10,
    )
    assert static.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert static.headers.get("Content-Encoding") == "gzip"

    # Plain HTTP is sent to HTTPS; a body over the portal's bound never reaches a web worker.
    plain = requests.get(f"http://127.0.0.1:{topology.http_port}/en/", allow_redirects=False, timeout=10)
    assert plain.status_code == 301 and plain.headers["Location"].startswith("https://")
    huge = requests.post(
        f"{topology.base}/api/v1/documents/",
        data=b"x" * (27 * 1024 * 1024),
        verify=topology.cert,
        timeout=60,
    )
    assert huge.status_code == 413


@pytest.fixture
def bucket_topology(collected_static, s3_server, tmp_path):
    """Two gunicorn instances and nginx (no worker: the paper is all this one is about) on an S3 bucket."""
    import boto3

    name = f"accsm-{uuid.uuid4().hex[:12]}"
    s3 = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    s3.create_bucket(Bucket=name)
    running = Topology(tmp_path, bucket=name, s3_endpoint=s3_server, worker=False)
    running.s3 = s3  # type: ignore[attr-defined]
    try:
        running.start()
        yield running
    finally:
        running.stop()
    assert all(port_is_free(port) for port in [*running.web_ports, running.https_port, running.http_port])


def test_with_the_files_in_a_bucket_each_instance_gives_a_signed_url_that_nginx_passes_on(bucket_topology):
    topology = bucket_topology
    meeting = MeetingFactory(status=Meeting.Status.PUBLISHED, title="SOM 25")
    FocalPointFactory(member_state__code="VN", user__username="fp-vn-bucket")
    session = signed_in(topology, "fp-vn-bucket")
    paper = pdf_bytes("Country report in the bucket")

    uploaded = session.post(
        f"{topology.base}/api/v1/documents/",
        data={"title_en": "Country report", "kind": "country_report", "meeting": meeting.pk},
        files={"file": ("report.pdf", paper, "application/pdf")},
        headers={"X-CSRFToken": session.cookies["csrftoken"], "Referer": f"{topology.base}/en/"},
        timeout=30,
    )

    assert uploaded.status_code == 201, uploaded.text
    keys = [item["Key"] for item in topology.s3.list_objects_v2(Bucket=topology.bucket)["Contents"]]
    assert len(keys) == 1 and keys[0].startswith("private/documents/")
    assert not any(topology.private.rglob("*.pdf"))  # nothing on the web host's disk
    download = f"/en/documents/{uploaded.json()['id']}/download/"
    for port in topology.web_ports:  # the instance that stored it, and the other one
        direct = session.get(
            f"http://127.0.0.1:{port}{download}",
            headers={"X-Forwarded-Proto": "https"},
            allow_redirects=False,
            timeout=10,
        )
        assert direct.status_code == 302 and direct.headers["Cache-Control"] == "private, no-store"
        signed = direct.headers["Location"]
        assert (
            signed.startswith(f"{topology.base}/{topology.bucket}/private/documents/") and "X-Amz-Signature" in signed
        )
        fetched = requests.get(signed, verify=topology.cert, timeout=10)  # no session: the signature is the key
        assert fetched.status_code == 200 and fetched.content == paper, topology.logs()
        assert "attachment" in fetched.headers["Content-Disposition"]
    assert requests.delete(signed, verify=topology.cert, timeout=10).status_code == 403  # nginx lets only reads by

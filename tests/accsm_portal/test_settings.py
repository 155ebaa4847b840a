"""The settings module reads the environment; each case runs in a fresh interpreter."""

import json
import os
import subprocess
import sys

import pytest

SHOW = (
    "import django.conf as c, json; s = c.settings; "
    "print(json.dumps({'debug': s.DEBUG, 'engine': s.DATABASES['default']['ENGINE'], "
    "'db': str(s.DATABASES['default']['NAME']), 'broker': s.CELERY_BROKER_URL, "
    "'cache': s.CACHES['default']['BACKEND'], 'hosts': s.ALLOWED_HOSTS, 'tz': s.TIME_ZONE, 'use_tz': s.USE_TZ, "
    "'email_host': s.EMAIL_HOST, 'email_port': s.EMAIL_PORT, 'cookie': s.SESSION_COOKIE_NAME, "
    "'ssl_redirect': s.SECURE_SSL_REDIRECT, 'preload': s.SECURE_HSTS_PRELOAD}))"
)


def load(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="accsm_portal.settings")
    result = subprocess.run([sys.executable, "-c", SHOW], env=clean, capture_output=True, text=True, check=False)
    if result.returncode:
        return result.stderr.strip().splitlines()[-1]
    return json.loads(result.stdout)


def test_development_defaults_are_embedded_sqlite_and_filesystem_broker(tmp_path):
    s = load(DEBUG="1", ACCSM_VAR_DIR=str(tmp_path))
    assert (s["debug"], s["engine"], s["db"], s["broker"]) == (
        True,
        "django.db.backends.sqlite3",
        str(tmp_path / "db.sqlite3"),
        "filesystem://",
    )
    assert (s["tz"], s["use_tz"]) == ("UTC", True)


def test_database_and_redis_urls_switch_to_postgresql_and_redis():
    s = load(DEBUG="1", DATABASE_URL="postgres://u@db.example:5432/accsm", REDIS_URL="redis://cache:6379/0")
    assert (s["engine"], s["db"], s["broker"], s["cache"]) == (
        "django.db.backends.postgresql",
        "accsm",
        "redis://cache:6379/0",
        "common.cache.FailSoftRedisCache",
    )


def test_hsts_preload_is_off_until_the_operator_sets_it():
    production = {"DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "accsm.example.org"}
    assert load(**production)["preload"] is False
    assert load(**production, SECURE_HSTS_PRELOAD="1")["preload"] is True


def test_production_requires_a_secret_key():
    assert "SECRET_KEY must be set" in load(DEBUG="0", ALLOWED_HOSTS="accsm.example.org")


def test_production_requires_allowed_hosts():
    assert "ALLOWED_HOSTS must be set" in load(DEBUG="0", SECRET_KEY="x" * 60)


def test_production_settings_are_secure_and_read_email_settings():
    s = load(
        DEBUG="0",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="accsm.example.org,portal.example.org",
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
    )
    assert (s["debug"], s["hosts"], s["email_host"], s["email_port"]) == (
        False,
        ["accsm.example.org", "portal.example.org"],
        "smtp.example.org",
        587,
    )
    assert (s["cookie"], s["ssl_redirect"]) == ("__Secure-sessionid", True)


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_a_malformed_boolean_is_refused_by_name(value):
    assert "DEBUG must be a boolean" in load(DEBUG=value)

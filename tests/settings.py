"""The test suite's settings: the production settings (accsm_portal/settings.py, DEBUG off) as they are, with
only the differences below. pytest uses this module (pyproject.toml); every difference is written here, none
is hidden in the settings module.

The environment is only filled in for the import, and only where it is not set already: a subprocess that a
test starts with DJANGO_SETTINGS_MODULE=accsm_portal.settings sees the environment the suite was started with.
"""

import os

SUITE_ENVIRONMENT = {
    "SECRET_KEY": "tests-only-insecure-key-never-used-in-production-0123456789abcdef",
    "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1,[::1]",
    # The test client and the live server speak plain HTTP.
    "SECURE_SSL_REDIRECT": "0",
    # Requests come straight from the test client, through no proxy (the proxy tests set their own count).
    "TRUSTED_PROXY_COUNT": "0",
    # Staff users sign in with force_login; the second factor's own tests switch it on.
    "ACCSM_STAFF_REQUIRE_TWO_FACTOR": "0",
    "LOG_FORMAT": "text",  # readable in a failing test's captured log
    # Never the developer's var/dev.env (written by `make run`, with DEBUG=1): the suite runs production settings.
    "ACCSM_DEV_ENV": "",
}
_added = {name: value for name, value in SUITE_ENVIRONMENT.items() if name not in os.environ}
os.environ.update(_added)
try:
    from accsm_portal.settings import *  # noqa: F403
    from accsm_portal.settings import REDIS_URL, STORAGES
finally:
    for _name in _added:
        del os.environ[_name]

# Browsers refuse Secure and __Secure- cookies over plain HTTP (the browser tests' live server).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False
SESSION_COOKIE_NAME, CSRF_COOKIE_NAME = "sessionid", "csrftoken"

# Argon2 is deliberately slow and the tests create many users; the sign-in tests check the real list.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405

# Without Redis, one cache per test process (tests/conftest.py gives each test its own key prefix).
if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Static files straight from the source folders: the suite does not run collectstatic.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True

# Tests share one cache per process; the throttling tests set their own low rates.
API_THROTTLE_RATES = dict.fromkeys(API_THROTTLE_RATES, "100000/min")  # noqa: F405

# The webhook tests' endpoint is a server on the loopback (tests/webhooks/); production refuses loopback.
WEBHOOKS_ALLOW_LOOPBACK = True

#!/usr/bin/env bash
# Debian packages the portal needs beyond Python: gettext (translations) always; for the tests also
# chromium (browser tests), docker-compose (validates docker-compose.yml), faketime (clock tests), nginx and
# openssl (the topology test), poppler-utils (badge QR tests); for the benchmark wrk. Installed when missing
# and we may; otherwise says what is missing (browser tests then skip with a message).
set -uo pipefail
cd "$(dirname "$0")/.."
purpose=${1:-run}
need=()
command -v msgfmt >/dev/null || need+=(gettext)
if [ "$purpose" = test ]; then
  command -v chromium >/dev/null || need+=(chromium)
  command -v docker-compose >/dev/null || need+=(docker-compose)
  command -v pg_dump >/dev/null || need+=(postgresql-client)
  command -v faketime >/dev/null || need+=(faketime)  # a worker with a wrong clock (tests/outbox)
  command -v nginx >/dev/null || need+=(nginx-light)  # the production topology (tests/ops/test_topology.py)
  command -v openssl >/dev/null || need+=(openssl)  # its self-signed certificate
  command -v pdftoppm >/dev/null || need+=(poppler-utils)  # badges rendered to pixels, QR read back (tests/venue)
fi
if [ "$purpose" = bench ]; then
  command -v wrk >/dev/null || need+=(wrk)
fi
if [ "$purpose" = test ]; then
  # axe-core for the accessibility browser tests: kept under tests/vendor (gitignored), never served to users.
  axe=tests/vendor/axe.min.js
  if [ ! -s "$axe" ] && command -v npm >/dev/null; then
    mkdir -p tests/vendor && tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent axe-core@4.14.1 >/dev/null && tar xzf axe-core-4.14.1.tgz) \
      && cp "$tmp/package/axe.min.js" "$tmp/package/LICENSE" tests/vendor/ || echo "warning: could not fetch axe-core" >&2
    rm -rf "$tmp"
  fi
  [ -s "$axe" ] || echo "warning: $axe missing (npm pack axe-core@4.14.1); the accessibility tests will fail" >&2
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${need[*]}"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null \
    || echo "warning: could not install ${need[*]}" >&2
else
  echo "warning: missing ${need[*]}; install them with: sudo apt-get install ${need[*]}" >&2
fi
exit 0

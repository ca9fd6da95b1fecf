#!/usr/bin/env bash
# Installs what the tests need that Maven cannot bring: the PostgreSQL server binaries and
# Prometheus (the tests start throwaway servers of their own on loopback), headless Chromium and
# chromedriver (the dashboard's browser test drives them over WebDriver), and jq, which the
# image's smoke run (k8s/image/run-image.sh) reads the image's manifest with. Idempotent and
# quiet when everything is there.
set -euo pipefail

have_postgres() { compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; }
have_prometheus() { [ -x /usr/bin/prometheus ]; }
have_jq() { command -v jq >/dev/null; }
have_curl() { command -v curl >/dev/null; }
have_chromium() { [ -x /usr/bin/chromium ]; }
have_chromedriver() { [ -x /usr/bin/chromedriver ]; }

missing=()
have_postgres || missing+=(postgresql)
have_prometheus || missing+=(prometheus)
have_jq || missing+=(jq)
have_curl || missing+=(curl)
have_chromium || missing+=(chromium)
have_chromedriver || missing+=(chromium-driver)

if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (Debian packages) for the tests..." >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "need root to apt-get install ${missing[*]}; run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The packages start servers of their own; the tests do not use them.
  service postgresql stop >/dev/null 2>&1 || true
  service prometheus stop >/dev/null 2>&1 || true
fi
have_postgres || { echo "PostgreSQL server binaries still missing under /usr/lib/postgresql" >&2; exit 1; }
have_prometheus || { echo "Prometheus still missing at /usr/bin/prometheus" >&2; exit 1; }
have_chromium || { echo "Chromium still missing at /usr/bin/chromium" >&2; exit 1; }
have_chromedriver || { echo "chromedriver still missing at /usr/bin/chromedriver" >&2; exit 1; }

if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  echo "user 'postgres' is missing: the tests run the server as that user when started as root" >&2
  exit 1
fi

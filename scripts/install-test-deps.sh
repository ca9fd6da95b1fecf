#!/usr/bin/env bash
# Installs what the tests need that Maven cannot bring: the PostgreSQL server binaries (the tests
# start a throwaway server of their own). Idempotent and quiet when everything is there.
set -euo pipefail

have_postgres() { compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; }

if ! have_postgres; then
  echo "installing PostgreSQL server binaries (Debian package postgresql)..." >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "need root to apt-get install postgresql; run: sudo apt-get install -y postgresql" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  # The package starts a cluster of its own; the tests do not use it.
  service postgresql stop >/dev/null 2>&1 || true
fi
have_postgres || { echo "PostgreSQL server binaries still missing under /usr/lib/postgresql" >&2; exit 1; }

if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  echo "user 'postgres' is missing: the tests run the server as that user when started as root" >&2
  exit 1
fi

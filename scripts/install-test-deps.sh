#!/usr/bin/env bash
# Installs what the tests need that Maven cannot bring: the PostgreSQL server binaries and
# Prometheus (the tests start throwaway servers of their own on loopback; promtool, which comes
# with it, checks the alerts' PromQL), headless Chromium and chromedriver (the dashboard's browser
# test drives them over WebDriver), jq, which the image's smoke run (k8s/image/run-image.sh) reads
# the image's manifest with, and kubectl, which renders the kustomizations in k8s/ for the
# manifest tests (they fail without it rather than skip). Idempotent and quiet when everything is
# there.
set -euo pipefail

# kubectl 1.27 or later: its built-in kustomize (v5) reads what the overlays use (`labels`, ...).
KUBECTL_MIN_MINOR=27

have_postgres() { compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; }
have_prometheus() { [ -x /usr/bin/prometheus ]; }
have_jq() { command -v jq >/dev/null; }
have_curl() { command -v curl >/dev/null; }
have_chromium() { [ -x /usr/bin/chromium ]; }
have_chromedriver() { [ -x /usr/bin/chromedriver ]; }
kubectl_minor() {
  kubectl version --client -o json 2>/dev/null | sed -n 's/.*"minor": *"\([0-9]*\).*/\1/p' | head -n 1
}
have_kubectl() {
  command -v kubectl >/dev/null || return 1
  local minor
  minor=$(kubectl_minor)
  [ -n "$minor" ] && [ "$minor" -ge "$KUBECTL_MIN_MINOR" ]
}
# The apt package whose candidate is kubectl 1.$KUBECTL_MIN_MINOR or later, if any: kubectl from
# the Kubernetes project's repository (pkgs.k8s.io) once configured, or Debian's kubernetes-client
# (bookworm's is 1.20, whose kustomize v2 cannot render the overlays, so it does not qualify).
kubectl_package() {
  local pkg candidate minor
  for pkg in kubectl kubernetes-client; do
    candidate=$(apt-cache policy "$pkg" 2>/dev/null | sed -n 's/^ *Candidate: *//p' | head -n 1)
    case "$candidate" in ""|"(none)") continue ;; esac
    # 1.20.5+really1.20.2-1.1 is 1.20.2; an epoch ("1:") comes first.
    minor=$(echo "${candidate#*:}" | sed 's/.*really//' | sed -n 's/^1\.\([0-9]*\).*/\1/p')
    if [ -n "$minor" ] && [ "$minor" -ge "$KUBECTL_MIN_MINOR" ]; then
      echo "$pkg"
      return 0
    fi
  done
  return 1
}
kubectl_help() {
  cat >&2 <<HELP
kubectl 1.$KUBECTL_MIN_MINOR or later is missing$(command -v kubectl >/dev/null && echo " (found $(kubectl version --client 2>/dev/null | head -n 1))"), and no apt package offers it: Debian's
kubernetes-client is too old to render the overlays. Install kubectl from the Kubernetes project's
apt repository (https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/, "Install using native
package management"), then run this script again.
HELP
}

missing=()
have_postgres || missing+=(postgresql)
have_prometheus || missing+=(prometheus)
have_jq || missing+=(jq)
have_curl || missing+=(curl)
have_chromium || missing+=(chromium)
have_chromedriver || missing+=(chromium-driver)
# Without a package that qualifies, the rest is installed all the same and the check below explains.
if ! have_kubectl && package=$(kubectl_package); then
  missing+=("$package")
fi

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
have_kubectl || { kubectl_help; exit 1; }

if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  echo "user 'postgres' is missing: the tests run the server as that user when started as root" >&2
  exit 1
fi

#!/usr/bin/env bash
# Asks the mlops-agent to deploy a model version, waits for its verdict, and exits 0 only when the
# new version was promoted. Made for CI jobs (docs/CI.md); needs bash, curl and jq.
#
#   scripts/ci-deploy.sh SERVER MODEL VERSION ENVIRONMENT [STRATEGY]
#
#   SERVER       the agent's admin API, e.g. https://mlops-agent.example.internal:8080
#   MODEL        the model's name (its mlops.ai/model label)
#   VERSION      a version the model registry knows, e.g. 7
#   ENVIRONMENT  an environment the agent manages, e.g. production
#   STRATEGY     canary or blue-green; without it the agent's optimizer chooses
#
# Environment:
#   MLOPS_ADMIN_TOKEN      the admin token (required; keep it in a masked CI variable)
#   MLOPS_ACTOR            who asks, for the audit trail (default: the CI's pipeline or run id)
#   MLOPS_REASON           why, for the audit trail (default: names the pipeline's commit when known)
#   MLOPS_DEPLOY_TIMEOUT   seconds to wait for a verdict (default 3600)
#   MLOPS_POLL_INTERVAL    seconds between two looks at the deployment (default 15)
#   MLOPS_CACERT           CA certificate file for an agent behind TLS with a private CA
#
# Exit codes: 0 promoted; 1 not promoted (aborted, rolled back, or no verdict in time);
#             2 bad usage, or the agent refused or could not take the request.
set -euo pipefail

readonly EXIT_PROMOTED=0 EXIT_NOT_PROMOTED=1 EXIT_REFUSED=2

usage() {
  { echo "usage:"; sed -n '5,22p' "$0" | sed 's/^# \{0,1\}//'; } >&2
  exit "$EXIT_REFUSED"
}

die() {
  echo "ci-deploy: $*" >&2
  exit "$EXIT_REFUSED"
}

if [ $# -lt 4 ] || [ $# -gt 5 ]; then usage; fi
server=${1%/}
model=$2
version=$3
environment=$4
strategy=${5:-}

command -v curl >/dev/null || die "curl is not installed"
command -v jq >/dev/null || die "jq is not installed"
[ -n "${MLOPS_ADMIN_TOKEN:-}" ] || die "MLOPS_ADMIN_TOKEN is not set: the agent refuses mutations without the admin token"
[[ $server =~ ^https?://[^[:space:]]+$ ]] || die "SERVER '$server' is not an http:// or https:// URL"
# The agent's own rule for names; checking here keeps the name safe to put in a URL as it is.
[[ $model =~ ^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$ ]] ||
  die "MODEL '$model' is not a model name: 1-63 letters, digits, '-', '_' or '.', a letter or digit at both ends"
[ -n "$version" ] || die "VERSION is empty"
[ -n "$environment" ] || die "ENVIRONMENT is empty"
case "$strategy" in
  "" | canary | blue-green) ;;
  *) die "STRATEGY '$strategy' is not allowed: canary or blue-green, or nothing to let the agent choose" ;;
esac

timeout_s=${MLOPS_DEPLOY_TIMEOUT:-3600}
interval_s=${MLOPS_POLL_INTERVAL:-15}
if ! [[ $timeout_s =~ ^[0-9]+$ ]] || [ "$timeout_s" -eq 0 ]; then
  die "MLOPS_DEPLOY_TIMEOUT '$timeout_s' is not a whole number of seconds above 0"
fi
[[ $interval_s =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "MLOPS_POLL_INTERVAL '$interval_s' is not a number of seconds"

# X-Mlops-Actor allows 1-64 of [A-Za-z0-9._@:/-]: anything else becomes '-'.
if [ -n "${MLOPS_ACTOR:-}" ]; then
  actor=$MLOPS_ACTOR
elif [ -n "${CI_PIPELINE_ID:-}" ]; then
  actor="gitlab-pipeline-$CI_PIPELINE_ID"
elif [ -n "${GITHUB_RUN_ID:-}" ]; then
  actor="github-run-$GITHUB_RUN_ID"
else
  actor="ci"
fi
actor=$(printf '%s' "$actor" | tr -c 'A-Za-z0-9._@:/-' '-' | cut -c1-64)
commit=${CI_COMMIT_SHORT_SHA:-${GITHUB_SHA:-}}
reason=${MLOPS_REASON:-"deploy $model $version to $environment${commit:+ (commit $commit)}"}
reason=${reason:0:500}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The token goes to curl in a file only this user can read, never on a command line (ps shows those).
(umask 077 && printf 'Authorization: Bearer %s\n' "$MLOPS_ADMIN_TOKEN" >"$work/auth")

curl_opts=(--silent --show-error --connect-timeout 10 --max-time 30 -H "@$work/auth" -H "X-Mlops-Actor: $actor")
[ -n "${MLOPS_CACERT:-}" ] && curl_opts+=(--cacert "$MLOPS_CACERT")

# http METHOD URL [BODY]: the status code on stdout (000 when no answer came), the body in $work/body.
http() {
  local method=$1 url=$2 body=${3:-}
  local args=("${curl_opts[@]}" -X "$method" -o "$work/body" -D "$work/headers" -w '%{http_code}')
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  : >"$work/body"
  curl "${args[@]}" "$url" 2>"$work/curl-error" || true
}

# What the agent said was wrong: its error, and each problem it listed.
explain() {
  if [ ! -s "$work/body" ]; then
    echo "  (no body)"
    return
  fi
  jq -r '"  " + (.error // "no message"), (.problems // [] | .[] | "  - \(.path) = \(.value // "missing"): \(.message)")' \
    "$work/body" 2>/dev/null || sed 's/^/  /' "$work/body"
}

payload=$(jq -cn --arg version "$version" --arg environment "$environment" --arg strategy "$strategy" \
  --arg reason "$reason" \
  '{version: $version, environment: $environment, reason: $reason} + (if $strategy == "" then {} else {strategy: $strategy} end)')

chosen_by="the optimizer's choice"
echo "ci-deploy: asking $server to deploy $model version $version to $environment" \
  "(strategy: ${strategy:-$chosen_by}, as $actor)"

deadline=$(($(date +%s) + timeout_s))
# A 429 means the agent took nothing: asking again after Retry-After is safe. Nothing else is
# retried, since a request that timed out may still have been carried out.
while :; do
  code=$(http POST "$server/api/models/$model/deployments" "$payload")
  [ "$code" = 429 ] || break
  wait_s=$(tr -d '\r' <"$work/headers" | awk 'tolower($1) == "retry-after:" { print $2 }')
  [[ ${wait_s:-} =~ ^[0-9]+$ ]] || wait_s=5
  if [ $(($(date +%s) + wait_s)) -ge "$deadline" ]; then
    echo "ci-deploy: the agent is busy (429) and asks to wait ${wait_s} s, past the timeout" >&2
    exit "$EXIT_REFUSED"
  fi
  echo "ci-deploy: the agent is busy (429): asking again in ${wait_s} s"
  sleep "$wait_s"
done

case "$code" in
  202) ;;
  000) die "no answer from $server: $(cat "$work/curl-error")" ;;
  401) echo "ci-deploy: refused (401): the token was not sent as a bearer token" >&2; explain >&2; exit "$EXIT_REFUSED" ;;
  403) echo "ci-deploy: refused (403): MLOPS_ADMIN_TOKEN is not the agent's admin token" >&2; explain >&2; exit "$EXIT_REFUSED" ;;
  *) echo "ci-deploy: refused ($code):" >&2; explain >&2; exit "$EXIT_REFUSED" ;;
esac

id=$(jq -r '.id // empty' "$work/body")
[ -n "$id" ] || die "the agent accepted the deployment (202) but gave no id: $(cat "$work/body")"
# The id goes into a URL: the agent's ids are plain, but do not trust that blindly.
[[ $id =~ ^[A-Za-z0-9._:-]+$ ]] || die "the agent gave a deployment id unsafe in a URL: '$id'"

echo "ci-deploy: accepted as deployment $id ($(jq -r '.status' "$work/body")); the agent's plan:"
jq -r '.plan // {} |
  "  strategy: \(.strategyPart.decision // .strategy // "?") - \(.strategyPart.reason // "no reason given")",
  "  start:    \(.startPart.decision // .startAt // "?") - \(.startPart.reason // "no reason given")",
  "  cpu:      \(.resourcesPart.decision // ((.cpuCores // "?") | tostring)) - \(.resourcesPart.reason // "no reason given")",
  "  basis:    \(.basis // "?")"' "$work/body"

url="$server/api/models/$model/deployments/$id"
last=""
while :; do
  code=$(http GET "$url")
  case "$code" in
    200)
      line=$(jq -r '"\(.status) step \(.step // "-") weight \(.weight // "-")%"' "$work/body")
      if [ "$line" != "$last" ]; then
        echo "ci-deploy: $(date -u +%H:%M:%SZ) $line"
        if [ "$(jq -r '.status' "$work/body")" = paused_inconclusive ]; then
          echo "ci-deploy: an analysis was inconclusive: the rollout waits for an operator to" \
            "POST $server/api/models/$model/promote or /abort"
        fi
        last=$line
      fi
      verdict=$(jq -r '.verdict // empty' "$work/body")
      if [ -n "$verdict" ]; then
        why=$(jq -r '.reason // "no reason given"' "$work/body")
        if [ "$verdict" = promoted ]; then
          echo "ci-deploy: PROMOTED: $model $version serves $environment. $why"
          exit "$EXIT_PROMOTED"
        fi
        echo "ci-deploy: NOT PROMOTED ($verdict): $why" >&2
        exit "$EXIT_NOT_PROMOTED"
      fi
      ;;
    401 | 403 | 404)
      echo "ci-deploy: the agent refused to show deployment $id ($code):" >&2
      explain >&2
      exit "$EXIT_REFUSED"
      ;;
    *)
      # An agent restarting, a proxy's hiccup: the deployment goes on, so look again.
      echo "ci-deploy: no answer this time (${code/#000/no connection}); looking again" >&2
      ;;
  esac
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "ci-deploy: NO VERDICT within ${timeout_s} s (last: ${last:-unknown}). The deployment goes on in" \
      "the agent; see $url, or stop it with POST $server/api/models/$model/abort" >&2
    exit "$EXIT_NOT_PROMOTED"
  fi
  sleep "$interval_s"
done

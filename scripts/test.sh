#!/usr/bin/env bash
# Runs every test of the project, the slow ones (real PostgreSQL) included, then checks that the
# launcher a newcomer uses works. The fast loop while developing: mvn -Pfast test
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh

mvn -B -ntp verify

# The newcomer's entry point: the launcher must find the jar just built and answer.
./mlops-agent --version >/dev/null
echo "launcher ok: ./mlops-agent --version"

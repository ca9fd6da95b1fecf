#!/usr/bin/env bash
# Runs every test of the project, the slow ones (real PostgreSQL) included, then checks that the
# launcher a newcomer uses works. The fast loop while developing: mvn -Pfast test
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh

mvn -B -ntp clean verify

# The newcomer's entry point: the launcher must find the jar just built and answer.
./mlops-agent --version >/dev/null
echo "launcher ok: ./mlops-agent --version"

# The container image (README, docs/DEPLOY.md): Jib writes it to a tar without a Docker daemon;
# it must start the agent as its user, without Docker (k8s/image/run-image.sh chroots into it).
mvn -B -ntp -q -Pimage -DskipTests -Djib.disableUpdateChecks=true -pl agent -am package
k8s/image/run-image.sh agent/target/mlops-agent-image.tar --version >/dev/null
echo "image ok: agent/target/mlops-agent-image.tar runs mlops-agent --version"

# One closing line over every module's reports.
find . -path '*/target/surefire-reports/TEST-*.xml' -print0 | xargs -0 grep -ho '<testsuite [^>]*>' |
  awk '
    function attr(name,   m) { return match($0, name "=\"[0-9]+\"") ? substr($0, RSTART + length(name) + 2, RLENGTH - length(name) - 3) + 0 : 0 }
    { tests += attr("tests"); failed += attr("failures") + attr("errors"); skipped += attr("skipped") }
    END { printf "tests: %d passed, %d failed, %d skipped\n", tests - failed - skipped, failed, skipped }'

#!/usr/bin/env bash
# The test command of README.md: installs the test prerequisites (Debian packages, when root and
# missing), then runs Maven's full verify (unit tests, integration tests, format check).
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh --test
mvn -B -ntp verify "$@"

#!/usr/bin/env bash
# The whole test suite, from a fresh Debian machine: installs what is missing, starts the engine, builds the
# local test images, then runs unit tests (*Test) and integration tests (*IT) against the real components.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"

scripts/install-deps.sh
./capstan --version
./capstan engine start
scripts/test-images.sh
scripts/postgres.sh
scripts/test-leftovers.sh
scripts/swarm-nodes.sh down # swarm nodes an interrupted run left (MultiNodeSwarmIT starts and removes its own)

# shellcheck source=scripts/jdk.sh
. scripts/jdk.sh
JAVA_HOME="$(find_jdk)" || { echo "test.sh: needs a JDK 21 or newer" >&2; exit 1; }
export JAVA_HOME
exec mvn -B -ntp verify "$@"

#!/usr/bin/env bash
# The main job on the bundled samples: validate every sample issue.
set -euo pipefail
cd "$(dirname "$0")/.."
build/reissue validate samples/*.xml

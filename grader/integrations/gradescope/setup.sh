#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image: Node 24 (LTS), then the
# workbook's dependencies (the workbook itself is unpacked in /autograder/source).
set -euo pipefail
if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 22 ]; then
  apt-get update
  apt-get install -y ca-certificates curl gnupg
  curl -fsSL https://deb.nodesource.com/setup_24.x | bash -
  apt-get install -y nodejs
fi
cd /autograder/source
npm ci --omit=dev

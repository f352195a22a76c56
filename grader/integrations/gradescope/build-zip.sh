#!/usr/bin/env bash
# Builds gradescope-autograder.zip: the workbook as committed (git archive) with setup.sh and
# run_autograder at the top, as Gradescope expects. Upload it as a "zip file upload" autograder.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
here=grader/integrations/gradescope
git archive --format=zip -o gradescope-autograder.zip \
  --add-file="$here/setup.sh" --add-file="$here/run_autograder" HEAD
echo "wrote gradescope-autograder.zip"

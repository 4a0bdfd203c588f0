#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Count TAP results: tools/testing/tap-summary.sh [FILE|DIR]... (default
# build/results); the last line is "N passed, N failed[, N skipped]", the
# exit status 1 when anything failed or nothing ran (judge.py summary).
exec "$(dirname "$0")/judge.py" summary "$@"

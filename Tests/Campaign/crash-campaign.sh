#!/usr/bin/env bash
# The full crash campaign: 50 SIGKILLs of the betterstore process while
# shoppers check out through the HTTP client, then the exactly-once checks
# (charges, paid orders, reporting rows, receipts, shipping orders, stock).
# `swift test` runs a shorter campaign; set CRASH_CAMPAIGN_KILLS for another length.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CRASH_CAMPAIGN_KILLS="${CRASH_CAMPAIGN_KILLS:-50}"
swift test --skip-build --filter CrashCampaignTests

#!/usr/bin/env bash
# `npm test`: lint, typecheck, unit and integration tests (vitest), then the e2e tests in
# Chromium against the production build. Ends with one line "N passed, N failed" summed
# over every runner, and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
passed=0; failed=0; status=0

step() { echo; echo "=== $1"; }

step "lint"
if npx eslint --max-warnings=0 .; then passed=$((passed+1)); else failed=$((failed+1)); status=1; fi

step "no path outside the repository"
if npx tsx scripts/check-paths.ts; then passed=$((passed+1)); else failed=$((failed+1)); status=1; fi

step "typecheck"
if npx tsc --noEmit -p .; then passed=$((passed+1)); else failed=$((failed+1)); status=1; fi

step "unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile=test-results/vitest.json
[ $? -ne 0 ] && status=1
read -r vp vf < <(node -e 'try{const r=require("./test-results/vitest.json");console.log(r.numPassedTests,r.numFailedTests+(r.numRuntimeErrorTestSuites??0)+(r.testResults||[]).filter(s=>s.status==="failed"&&!(s.assertionResults||[]).length).length)}catch{console.log(0,1)}')
passed=$((passed+vp)); failed=$((failed+vf))

step "end-to-end tests (Playwright, Chromium)"
npx tsx scripts/e2e.ts
[ $? -ne 0 ] && status=1
read -r ep ef < <(node -e 'try{const r=require("./test-results/e2e-results.json");const s=r.stats;console.log(s.expected,s.unexpected+s.flaky)}catch{console.log(0,1)}')
passed=$((passed+ep)); failed=$((failed+ef))

echo
[ $status -ne 0 ] && [ $failed -eq 0 ] && failed=1
echo "$passed passed, $failed failed"
exit $status

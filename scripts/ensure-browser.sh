#!/usr/bin/env bash
# Makes sure a Chromium is available for the browser tests (client scenarios, HTML report
# check). Order: $WSC_CHROMIUM, the system chromium, Playwright's own; when none is there,
# install Debian's package (as root on Debian) or Playwright's build (elsewhere).
set -euo pipefail

have() { [ -n "${1:-}" ] && [ -x "$1" ]; }

if have "${WSC_CHROMIUM:-}"; then echo "browser: $WSC_CHROMIUM (WSC_CHROMIUM)"; exit 0; fi
for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
  if have "$candidate"; then echo "browser: $candidate (system)"; exit 0; fi
done
if pw=$(node -e "process.stdout.write(require('playwright-core').chromium.executablePath())" 2>/dev/null) && have "$pw"; then
  echo "browser: $pw (Playwright)"; exit 0
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "browser: none found; installing Debian's chromium (apt-get)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  have /usr/bin/chromium && { echo "browser: /usr/bin/chromium (installed)"; exit 0; }
fi
echo "browser: none found; running Playwright's installer..."
pnpm exec playwright install chromium

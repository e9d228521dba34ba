#!/usr/bin/env bash
# System packages vawg needs outside Python: pango/cairo for WeasyPrint PDFs, fonts for figures,
# poppler-utils to check PDFs in tests, chromium for the browser tests (Playwright drives it; it cannot
# download a browser of its own). Installed only when missing, so a developer machine that has
# them (or a non-root user) is not forced through apt.
set -euo pipefail
need=()
for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils chromium; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "vawg needs these system packages: ${need[*]} (run as root: apt-get install ${need[*]})" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null

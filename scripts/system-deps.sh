#!/usr/bin/env bash
# Installs what the test suite needs from the operating system when it is missing:
# Debian's chromium (driven by Playwright) and GNU gettext (msgfmt, xgettext, msgattrib).
set -euo pipefail

missing=()
[ -x "${EJCMS_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v msgattrib >/dev/null 2>&1 && command -v xgettext >/dev/null 2>&1 || missing+=(gettext)
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Please install: ${missing[*]} (Debian/Ubuntu packages), then run make test again." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing from Debian's packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

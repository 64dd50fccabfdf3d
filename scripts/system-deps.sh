#!/usr/bin/env bash
# Installs what the test suite needs from the operating system when it is missing:
# Debian's chromium (driven by Playwright), GNU gettext (msgfmt, xgettext, msgattrib) and the
# PostgreSQL client tools (pg_dump, pg_restore: `ejcms backup` and `ejcms restore`).
set -euo pipefail

missing=()
[ -x "${EJCMS_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v msgattrib >/dev/null 2>&1 && command -v xgettext >/dev/null 2>&1 || missing+=(gettext)
command -v pg_dump >/dev/null 2>&1 && command -v pg_restore >/dev/null 2>&1 || missing+=(postgresql-client)
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

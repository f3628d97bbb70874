#!/bin/sh
# Install what the browser tests need: Debian's Chromium at /usr/bin/chromium.
# Playwright's own browser download cannot work here (no internet beyond the package
# registries), so the tests drive the system Chromium through Playwright's Python API.
# Idempotent and non-interactive; a no-op when Chromium is already there.
set -eu

if [ -x /usr/bin/chromium ]; then
    exit 0
fi

if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "install-browser: /usr/bin/chromium is missing and we are not root;" \
             "browser tests will be skipped (install Debian's chromium package to run them)" >&2
        exit 0
    fi
else
    SUDO=""
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: no apt-get on this system; browser tests will be skipped" \
         "(install Chromium at /usr/bin/chromium to run them)" >&2
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-browser: installing Debian's chromium (apt-get) ..." >&2
if ! $SUDO apt-get update -qq >/dev/null \
   || ! $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; then
    echo "install-browser: apt-get could not install chromium; browser tests will be skipped" >&2
    exit 0
fi
/usr/bin/chromium --version >&2 || true

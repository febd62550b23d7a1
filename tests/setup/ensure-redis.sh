#!/usr/bin/env bash
# The store tests run against a real redis-server; install Debian's package if it is missing.
set -euo pipefail
command -v redis-server >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing redis-server (Debian package) for the Redis store tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  exit 0
fi
echo "The tests need redis-server on PATH: install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) and run again." >&2
exit 1

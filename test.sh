#!/usr/bin/env bash
# The one test command (README, CI): installs what the tests need on a fresh Debian machine, then
# builds and runs the whole suite. Safe to run again: installed pieces are skipped.
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the integration tests start as real servers on loopback.
# Each line: the command that must exist, then the package that brings it.
packages=(
  "nats-server nats-server"
  "mosquitto mosquitto"
  "mosquitto_pub mosquitto-clients"
  "node nodejs"
  "npm npm"
  "pg_ctlcluster postgresql"
)
missing=()
for entry in "${packages[@]}"; do
  read -r command package <<<"$entry"
  command -v "$command" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm servers the integration tests start (s3rver), pinned by tests/servers/package-lock.json,
# installed into tests/servers/node_modules (git-ignored).
if [ ! -f tests/servers/node_modules/s3rver/bin/s3rver.js ]; then
  npm ci --prefix tests/servers --no-audit --no-fund --loglevel=error
fi

dotnet build Personalization.sln -c Release --nologo -v quiet
dotnet test tests/Personalization.Tests -c Release --no-build --nologo --logger "console;verbosity=normal" "$@"

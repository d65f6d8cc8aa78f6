#!/usr/bin/env bash
# One command for the side-by-side benchmark (docs/performance.md):
#   bench/run.sh                 quick mode (~2-3 minutes)
#   bench/run.sh --mode full     full mode (--scenarios main,catalog-10k runs some of it)
# Installs redis-server (Debian package) when missing, builds in Release, writes bench/results/<stamp>-<mode>.{json,md}.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v redis-server >/dev/null 2>&1; then
  echo "Installing redis-server (Debian package) for the Redis baseline..." >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq redis-server >/dev/null
fi
dotnet build bench/Personalization.Bench -c Release -v quiet -nologo >&2
exec dotnet bench/Personalization.Bench/bin/Release/net10.0/Personalization.Bench.dll "$@"

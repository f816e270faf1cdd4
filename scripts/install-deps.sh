#!/bin/sh
# Install what bitsplit needs on a Debian machine, only what is missing.
set -e

need=""
have() { command -v "$1" >/dev/null 2>&1; }

have gcc     || need="$need gcc"
have make    || need="$need make"
have spatch  || need="$need coccinelle"
have pahole  || need="$need dwarves"
have python3 || need="$need python3"
have git     || need="$need git"
have clang   || need="$need clang"
# sweeps run as shards under GNU parallel (README, t0851)
have parallel || need="$need parallel"
# the corpus evaluation reads check --format json
have jq      || need="$need jq"
[ -x /usr/bin/python3 ] || need="$need python3"
# spatch loads libpython at run time for the rules' script blocks; a
# minimal Debian has the interpreter without the shared library.
/sbin/ldconfig -p 2>/dev/null | grep -q 'libpython3\.[0-9]*\.so' ||
	need="$need libpython3-dev"

[ -z "$need" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "bitsplit: missing:$need" >&2
	echo "bitsplit: run as root, or: sudo apt-get install$need" >&2
	exit 1
fi
if ! have apt-get; then
	echo "bitsplit: missing:$need, and this is not a Debian machine (no apt-get)" >&2
	exit 1
fi
echo "bitsplit: installing:$need" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $need >/dev/null

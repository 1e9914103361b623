#!/usr/bin/env bash
# Install the Debian packages routemu needs to build and test (sourced by ./demo and ./check).
# Usage: tools/deps.sh [build|test]   (test = build + test tools)

routemu_deps() {
	local want=(autoconf automake make gcc pkg-config
		libevent-dev libedit-dev libxml2-dev libssl-dev libjson-c-dev)
	if [ "${1:-build}" = test ]; then
		want+=(clang libclang-rt-dev python3 python3-pytest python3-pexpect python3-lxml
			libxml2-utils)
	fi
	local missing=()
	for p in "${want[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
			|| missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "routemu: missing Debian packages: ${missing[*]}" >&2
		echo "routemu: run as root, or install them: apt-get install ${missing[*]}" >&2
		return 1
	fi
	echo "routemu: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null || return 1
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || return 1
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	routemu_deps "$@"
fi

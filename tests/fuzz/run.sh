#!/bin/sh
# Run every built fuzz target (tests/fuzz/build.sh first) for a bounded time.
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]   SECONDS per target, default 60;
#                                             0 = only replay the seeds and the
#                                             saved crashes once (a regression run)
#   FUZZ_RUNS=N   stop each target after N inputs instead of a time limit
#   FUZZ_JOBS=N   libFuzzer -fork=N (several processes per target)
#   FUZZ_KEEP_GOING=1  do not stop at the first crash (fork mode, -ignore_crashes):
#                 collects every distinct reproducer of the run
#
# Seeds: corpus/<target>/ (in git, read only here). New interesting inputs go to
# out/corpus/<target>/ and crash reproducers to out/crashes/<target>/ (git-ignored;
# copy one to crashes/ to keep it as a regression input). Exit status non-zero
# when any target crashed, leaked, timed out or was missing.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out="$here/out"
secs=${1:-60}
[ $# -gt 0 ] && shift
export ROUTEMU_SCHEMA_DIR=${ROUTEMU_SCHEMA_DIR:-$top/schema}
# Report UB as a crash with a stack, and leaks; keep going in fork mode.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

if [ $# -gt 0 ]; then
	targets="$*"
else
	targets=$(cd "$here" && ls fuzz_*.c | sed 's/\.c$//')
fi

# Dictionaries: the schema's statement names for the configuration parsers,
# NETCONF element names for the RPC target.
mkdir -p "$out"
if [ -d "$ROUTEMU_SCHEMA_DIR" ]; then
	cat "$ROUTEMU_SCHEMA_DIR"/*.xml | grep -o 'name="[^"]*"' | sed 's/^name=//' |
	    sort -u > "$out/schema.dict"
	printf '"set "\n"delete "\n"deactivate "\n"activate "\n"rename "\n"insert "\n"annotate "\n"copy "\n" to "\n" before "\n" after "\n"{"\n"}"\n";"\n"["\n"]"\n"inactive: "\n"replace: "\n"/* "\n" */"\n"\\""\n"$9$"\n"groups "\n"apply-groups "\n"<*>"\n' >> "$out/schema.dict"
fi
{
	for t in rpc rpc-reply hello configuration configuration-text configuration-set \
	    configuration-json load-configuration get-configuration commit-configuration \
	    lock-configuration open-configuration close-configuration command; do
		printf '"<%s>"\n"</%s>"\n' "$t" "$t"
	done
	printf '"]]>]]>"\n"message-id=\\"1\\""\n"operation=\\"delete\\""\n"inactive=\\"inactive\\""\n"insert=\\"before\\""\n"&amp;"\n"<![CDATA["\n"]]>"\n'
} > "$out/netconf.dict"

status=0
for t in $targets; do
	t=$(basename "$t" .c)
	bin="$out/$t"
	if [ ! -x "$bin" ]; then
		echo "MISSING $t (run tests/fuzz/build.sh)"
		status=1
		continue
	fi
	seeds="$here/corpus/$t"
	work="$out/corpus/$t"
	crashes="$out/crashes/$t"
	mkdir -p "$work" "$crashes"
	[ -d "$seeds" ] || seeds=""
	# The example configurations are good seeds for the set-command parser.
	if [ "$t" = fuzz_setcmd ]; then
		for f in "$top"/examples/*.set "$top"/examples/*/*.set; do
			[ -f "$f" ] && cp "$f" "$work/example-$(basename "$f")"
		done
	fi
	dict=""
	case $t in
	fuzz_netconf_rpc) dict="-dict=$out/netconf.dict" ;;
	fuzz_secret9) dict="" ;;
	*) [ -f "$out/schema.dict" ] && dict="-dict=$out/schema.dict" ;;
	esac
	log="$out/$t.run.log"
	if [ "$secs" = 0 ]; then
		# Regression: each seed and each saved reproducer once.
		inputs=$(ls -d "$here/corpus/$t"/* "$here/crashes/$t"-* 2>/dev/null)
		if [ -z "$inputs" ]; then
			echo "ok      $t (no inputs)"
			continue
		fi
		# shellcheck disable=SC2086
		"$bin" -runs=1 $inputs >"$log" 2>&1
		rc=$?
	else
		limit="-max_total_time=$secs"
		[ -n "${FUZZ_RUNS:-}" ] && limit="-runs=$FUZZ_RUNS"
		fork=""
		[ -n "${FUZZ_JOBS:-}" ] && fork="-fork=$FUZZ_JOBS"
		[ -n "${FUZZ_KEEP_GOING:-}" ] &&
		    fork="-fork=${FUZZ_JOBS:-1} -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
		before=$(ls "$crashes" | wc -l)
		# shellcheck disable=SC2086
		"$bin" $limit $fork $dict -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
		    -print_final_stats=1 -artifact_prefix="$crashes/" \
		    "$work" $seeds >"$log" 2>&1
		rc=$?
		# In fork mode a crash does not always end the run: count reproducers.
		[ "$(ls "$crashes" | wc -l)" -gt "$before" ] && [ $rc -eq 0 ] && rc=1
	fi
	if [ $rc -eq 0 ]; then
		runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
		[ -z "$runs" ] && runs=$(grep -o '^#[0-9]*' "$log" | tr -d '#' | tail -1)
		echo "ok      $t${runs:+ $runs runs}"
	else
		echo "CRASH   $t (exit $rc): see $log; reproducers in $crashes/"
		grep -v '^#' "$log" | grep -m3 -E 'ERROR: |runtime error|fuzz invariant failed|deadly signal|timeout' |
		    sed 's/^/        /'
		status=1
	fi
done
exit $status

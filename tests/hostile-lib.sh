# tests/hostile-lib.sh - sourced after lib.sh by the hostile-corpus tests
# (t07*): generators of hostile input, and folio run under limits.

# Write N bytes of deterministic noise (seeded) to stdout.
# A valid frontmatter: fm ID [LANG]
fm() {
	printf -- '---\nid: %s\nlang: %s\ntitle: T\nupdated: 2024-01\nreviewers:\n  - name: Dr Exemple\n---\n' "$1" "${2:-fr}"
}

noise() {
	python3 -c 'import random, sys
random.seed(int(sys.argv[2]))
sys.stdout.buffer.write(bytes(random.getrandbits(8) for _ in range(int(sys.argv[1]))))' "$1" "${2:-7}"
}

# Print ARG (a Python expression) to stdout, for big generated inputs.
gen() {
	python3 -c 'import sys; sys.stdout.write(eval(sys.argv[1]))' "$1"
}

# The billion laughs: ten levels of nine aliases each (9^10 nodes).
laughs() {
	gen "\"a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\\n\" + \"\".join(
		\"a%d: &a%d [%s]\\n\" % (i, i, \", \".join([\"*a%d\" % (i - 1)] * 9)) for i in range(1, 10))"
}

# folio with a time limit (20 s: 124, timeout's status, fails the case)
# and, when GNU time is there, its peak memory recorded: the last case of
# each script checks that no run went over MAX_RSS_KB.
MAX_RSS_KB=${MAX_RSS_KB:-1048576}
GNU_TIME=
/usr/bin/time -f %M -o /dev/null true 2>/dev/null && GNU_TIME=/usr/bin/time
run() {
	if [ -n "$GNU_TIME" ]; then
		"$GNU_TIME" -f %M -o "$TRASH/rss" timeout 20 "$FOLIO" "$@"
		set -- $? "$*"
		kb=$(tail -n 1 "$TRASH/rss" 2>/dev/null)
		case $kb in
		*[!0-9]*|'') ;;
		*) [ "$kb" -le "$MAX_RSS_KB" ] || echo "$kb KB: folio $2 (in $PWD)" >>"$TRASH/rss-over" ;;
		esac
		return "$1"
	fi
	timeout 20 "$FOLIO" "$@"
}

# Checksums of every file below the current directory, to prove nothing
# was written.
sums() {
	find . -type f -print0 | sort -z | xargs -0 cksum
}

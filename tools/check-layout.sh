#!/bin/sh
# Check that cli/ stays readable in a sitting: no header that includes,
# directly or through others, a header that includes it back; no .c file
# above MAX_FILE lines; no function above MAX_FUNC lines.  Prints one line
# per problem, "cli/FILE: ...", and exits 1 when there is any.
# Usage: check-layout.sh [SRCDIR]   (the project root; "." by default)
#
# A function is counted from the line that holds its name and opening
# parenthesis, at the start of a line, to the "}" that closes it at the
# start of a line, as the code is laid out in cli/.
src=${1:-.}
MAX_FILE=1500
MAX_FUNC=110

# Files allowed to be longer: the schema engine and a generated table.
ALLOW_FILE="schema.c entities.c"
# Files whose functions are allowed to be longer: none.
ALLOW_FUNC=""

allowed() { # allowed NAME LIST
	for a in $2; do
		[ "$a" = "$1" ] && return 0
	done
	return 1
}

bad=0
cd "$src/cli" || exit 2

# 1. include cycles among the headers: each header's direct includes of
# other cli/ headers, then a walk from each header over that graph.
for h in *.h; do
	sed -n 's/^#[ \t]*include[ \t]*"\([^"]*\.h\)".*/\1/p' "$h" |
	while read -r i; do
		[ -f "$i" ] && echo "$h $i"
	done
done >"${TMPDIR:-/tmp}/folio-layout.$$"
cycles=$(awk '
	{ edge[$1] = edge[$1] " " $2; node[$1] = 1; node[$2] = 1 }
	function reach(from, to,    n, i, list) {
		if (seen[from]) return 0
		seen[from] = 1
		n = split(edge[from], list, " ")
		for (i = 1; i <= n; i++)
			if (list[i] == to || reach(list[i], to)) return 1
		return 0
	}
	END {
		for (h in node) {
			split("", seen)
			if (reach(h, h)) print h
		}
	}' "${TMPDIR:-/tmp}/folio-layout.$$" | LC_ALL=C sort)
rm -f "${TMPDIR:-/tmp}/folio-layout.$$"
for h in $cycles; do
	echo "cli/$h: includes, directly or not, a header that includes it back"
	bad=1
done

# 2. file length.
for f in *.c; do
	allowed "$f" "$ALLOW_FILE" && continue
	n=$(wc -l <"$f")
	if [ "$n" -gt "$MAX_FILE" ]; then
		echo "cli/$f: $n lines, above $MAX_FILE"
		bad=1
	fi
done

# 3. function length.
for f in *.c; do
	allowed "$f" "$ALLOW_FUNC" && continue
	awk -v max="$MAX_FUNC" -v file="$f" '
		/^[A-Za-z_].*\(/ && !/;[ \t]*$/ && !/^(typedef|struct|enum|union)[ \t]/ {
			name = $0; sub(/\(.*/, "", name); sub(/.*[ \t*]/, "", name)
			start = FNR; infn = 1; next
		}
		infn && /^}/ {
			len = FNR - start + 1
			if (len > max)
				printf "cli/%s:%d: %s() is %d lines, above %d\n", file, start, name, len, max
			infn = 0
		}' "$f" | grep . && bad=1
done

exit $bad

# tests/lib.sh - sourced by every tests/tNNNN-*.sh script.
#
# Each case is one && chain run in a fresh scratch directory:
#
#   test_expect_success 'what it checks' '
#   	folio validate >actual 2>err; echo $? >status &&
#   	test_cmp expect actual
#   '
#
# Never pipe folio's output: a pipe hides its exit status and crashes.
# $FOLIO is the binary under test, $SRC the project root, $SHARED ../shared.

SRC=${SRC:-$(cd "$(dirname "$0")/.." && pwd)}
FOLIO=${FOLIO:-$SRC/folio}
SHARED=${SHARED:-$SRC/../shared}
# pinned, whatever the environment says: the expected outputs depend on
# them (a CI that sets SOURCE_DATE_EPOCH for reproducible builds included)
FOLIO_TODAY=2026-11-28
SOURCE_DATE_EPOCH=1764288000
LC_ALL=C.UTF-8
NO_COLOR=1
export FOLIO SRC SHARED FOLIO_TODAY SOURCE_DATE_EPOCH LC_ALL NO_COLOR
unset CDPATH

test_passed=0
test_failed=0
test_skipped=0
test_name=$(basename "$0" .sh)
TRASH=$(mktemp -d "${TMPDIR:-/tmp}/folio-$test_name.XXXXXX")
trap 'rm -rf "$TRASH"' EXIT

folio() { "$FOLIO" "$@"; }

test_cmp() {
	if ! cmp -s "$1" "$2"; then
		echo "--- $1 vs $2:"
		diff -u "$1" "$2" | head -40
		return 1
	fi
}

# expect_status N: the exit status a case saved in ./status is N.
expect_status() {
	echo "$1" >expect-status &&
	test_cmp expect-status status
}

# Run a case in a fresh copy of the scratch directory's setup.
test_expect_success() {
	desc=$1
	body=$2
	dir="$TRASH/case$((test_passed + test_failed + test_skipped))"
	mkdir -p "$dir"
	out=$(cd "$dir" && eval "$body" 2>&1)
	rc=$?
	if [ $rc = 0 ]; then
		test_passed=$((test_passed + 1))
	else
		test_failed=$((test_failed + 1))
		echo "not ok - $test_name: $desc"
		printf '%s\n' "$out" | sed 's/^/    /' | head -60
	fi
}

# Skip with a reason (a missing external validator).
test_skip() {
	test_skipped=$((test_skipped + 1))
	echo "skip - $test_name: $1 ($2)"
}

test_done() {
	echo "# $test_name: $test_passed passed, $test_failed failed, $test_skipped skipped"
	[ $test_failed = 0 ]
}

# Make a minimal corpus in the current directory.
# Usage: make_corpus [languages]  (default "fr en")
make_corpus() {
	langs=${1:-fr en}
	printf 'source_language: fr\nlanguages: [%s]\n' "$(echo $langs | sed 's/ /, /g')" >folio.yaml
}

# Give the corpus the sample corpus's string catalogs (SPEC 7.3) for the
# languages given (default: fr), as a real corpus has them: without a
# catalog for a language with articles, validate warns that its pages
# would print other strings (strings-missing).
# Usage: add_catalogs [languages]
add_catalogs() {
	mkdir -p _strings &&
	for l in ${*:-fr}; do
		cp "$SRC/articles/_strings/$l.yaml" _strings/ || return 1
	done
}

# no_catalog LANG...: the warning validate gives, one line each, for a
# language with articles and no catalog, in a corpus whose source
# language has none either.
no_catalog() {
	for l in "$@"; do
		printf "_strings/%s.yaml: warning: no string catalog for '%s': its pages would print folio's built-in English strings [strings-missing]\n" "$l" "$l"
	done
}

# Write an article: write_article PATH <<EOF ... EOF
write_article() {
	mkdir -p "$(dirname "$1")" && cat >"$1"
}

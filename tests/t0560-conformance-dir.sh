#!/bin/sh
# t0560-conformance-dir: the conformance suites (SPEC 11) run from
# ../shared/conformance or from a copy named by CONFORMANCE_DIR; on a fresh
# clone, where neither is there, each prints one skip line with the reason
# and the suite still passes.
. "$(dirname "$0")/lib.sh"

UNITDIR=${UNITDIR:-$SRC/build/unit}

test_expect_success 'no conformance directory: one skip line each, exit 0' '
	(cd "$SRC" && SHARED=$TRASH/none CONFORMANCE_DIR= "$UNITDIR/mustache_spec") >out 2>&1; echo $? >status &&
	expect_status 0 &&
	(cd "$SRC" && SHARED=$TRASH/none CONFORMANCE_DIR= "$UNITDIR/schema_suite") >>out 2>&1; echo $? >status &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	skip - mustache_spec: the Mustache spec suite not found (no ../shared/conformance; set CONFORMANCE_DIR to a copy of it)
	# mustache_spec: 0 passed, 0 failed, 1 skipped
	skip - schema_suite: the JSON Schema test suite not found (no ../shared/conformance; set CONFORMANCE_DIR to a copy of it)
	# schema_suite: 0 passed, 0 failed, 1 skipped
	EOF
	test_cmp expect out
'

test_expect_success 'CONFORMANCE_DIR naming a missing directory fails' '
	(cd "$SRC" && CONFORMANCE_DIR=$TRASH/none "$UNITDIR/mustache_spec") >out 2>&1; echo $? >status &&
	expect_status 1 &&
	grep "^not ok - .*cannot read $TRASH/none/mustache/" out
'

if [ -d "$SHARED/conformance" ]; then
	test_expect_success 'CONFORMANCE_DIR naming a copy runs the suites from it' '
		mkdir copy && copy=$PWD/copy &&
		cp -R "$SHARED/conformance/mustache" "$SHARED/conformance/json-schema" copy/ &&
		(cd "$SRC" && SHARED=$TRASH/none CONFORMANCE_DIR=$copy "$UNITDIR/mustache_spec") >out 2>&1; echo $? >status &&
		expect_status 0 &&
		! grep "^skip" out &&
		grep "^# mustache_spec: [1-9][0-9]* passed, 0 failed$" out &&
		(cd "$SRC" && SHARED=$TRASH/none CONFORMANCE_DIR=$copy "$UNITDIR/schema_suite") >out 2>&1; echo $? >status &&
		expect_status 0 &&
		grep "^# schema_suite: [1-9][0-9]* passed, 0 failed" out
	'
else
	test_skip 'CONFORMANCE_DIR naming a copy runs the suites from it' \
		'no ../shared/conformance to copy'
fi

test_done

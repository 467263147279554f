#!/bin/sh
# t0941-help-write-error: help, version and usage text that cannot be
# written (a full disk, a closed pipe) is a system error, exit 3, as a
# report that cannot be written is.
. "$(dirname "$0")/lib.sh"

if [ -w /dev/full ]
then
	test_expect_success 'folio --help, --version and help on a full disk: exit 3' '
		for a in --help -h --version help
		do
			{ folio $a >/dev/full 2>err; echo $? >status; } &&
			expect_status 3 &&
			grep -q "^folio: cannot write the output" err || return 1
		done
	'

	test_expect_success 'COMMAND --help and help COMMAND on a full disk: exit 3' '
		for c in validate l10n stamp diff export schema readability xliff
		do
			{ folio $c --help >/dev/full 2>err; echo $? >status; } &&
			expect_status 3 &&
			grep -q "^folio: cannot write the output" err &&
			{ folio help $c >/dev/full 2>err; echo $? >status; } &&
			expect_status 3 || return 1
		done
	'
else
	test_skip 'help on a full disk: exit 3' 'no /dev/full'
fi

test_expect_success 'folio --help and --version still exit 0' '
	{ folio --help >out 2>err; echo $? >status; } &&
	expect_status 0 &&
	grep -q "^usage: folio" out &&
	{ folio --version >out 2>err; echo $? >status; } &&
	expect_status 0 &&
	grep -q "^folio " out
'

test_done

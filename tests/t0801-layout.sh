#!/bin/sh
# t0801-layout: cli/ stays readable in a sitting (issue 19): no header
# includes, directly or not, a header that includes it back; no .c file
# above 1,500 lines and no function above 110, but for the files that
# tools/check-layout.sh allows by name.
. "$(dirname "$0")/lib.sh"

test_expect_success 'cli/ has no include cycle, no file or function too long' '
	sh "$SRC/tools/check-layout.sh" "$SRC" >actual 2>&1 &&
	test_cmp /dev/null actual
'

test_expect_success 'the check names a header cycle, a long file and a long function' '
	mkdir -p t/cli &&
	printf "#include \"b.h\"\n" >t/cli/a.h &&
	printf "#include \"c.h\"\n" >t/cli/b.h &&
	printf "#include \"a.h\"\n#include \"d.h\"\n" >t/cli/c.h &&
	printf "#include <stdio.h>\n" >t/cli/d.h &&
	{
		echo "int" && echo "long_one(void)" && echo "{" &&
		i=0 && while [ $i -lt 120 ]; do echo "	i++;"; i=$((i + 1)); done &&
		echo "}"
	} >t/cli/f.c &&
	i=0 && while [ $i -lt 1501 ]; do echo "/* */"; i=$((i + 1)); done >t/cli/big.c &&
	sh "$SRC/tools/check-layout.sh" t >actual; echo $? >status &&
	cat >expect <<-\END &&
	cli/a.h: includes, directly or not, a header that includes it back
	cli/b.h: includes, directly or not, a header that includes it back
	cli/c.h: includes, directly or not, a header that includes it back
	cli/big.c: 1501 lines, above 1500
	cli/f.c:2: long_one() is 123 lines, above 110
	END
	test_cmp expect actual &&
	expect_status 1
'

test_done

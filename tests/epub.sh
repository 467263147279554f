# tests/epub.sh - sourced by the tests of `folio export --to xhtml`: run
# epubcheck (Debian's, 4.2.6) over books.
#
#   epubcheck_ok BOOK...   every book (an unzipped tree or an .epub) has
#                          no error and no warning; the report goes to
#                          ./epubcheck.out, and is shown when one fails
#
# EPUBCHECK is empty when epubcheck cannot run here (callers test_skip).
# Debian installs epubcheck as an executable jar; where binfmt_misc does
# not run jars it is started with java -jar, and when the JDK's compiler
# is there, every book goes through one virtual machine
# (tests/EpubcheckMany.java): five seconds a start, dozens of books.

EPUBCHECK=
EPUBCHECK_JAR=
if command -v java >/dev/null 2>&1; then
	for j in "$(readlink -f "$(command -v epubcheck 2>/dev/null)" 2>/dev/null)" \
		/usr/share/java/epubcheck.jar; do
		case $j in
		*.jar) if [ -f "$j" ]; then EPUBCHECK_JAR=$j; break; fi ;;
		esac
	done
fi
if [ -n "$EPUBCHECK_JAR" ]; then
	if java --list-modules 2>/dev/null | grep -q '^jdk.compiler@'; then
		EPUBCHECK=many
	else
		EPUBCHECK=jar
	fi
elif command -v epubcheck >/dev/null 2>&1 && epubcheck --version >/dev/null 2>&1; then
	EPUBCHECK=cmd
fi

# One book, the slow way: a virtual machine each.
epubcheck_one() {
	mode=
	[ -d "$1" ] && mode="--mode exp"
	if [ $EPUBCHECK = jar ]; then
		java -jar "$EPUBCHECK_JAR" $mode --failonwarnings "$1"
	else
		epubcheck $mode --failonwarnings "$1"
	fi
}

epubcheck_ok() {
	: >epubcheck.out
	case $EPUBCHECK in
	many)
		java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$EPUBCHECK_JAR" \
			"$SRC/tests/EpubcheckMany.java" "$@" >>epubcheck.out 2>&1 ||
			{ grep -E "^(FATAL|ERROR|WARNING)|^== .*: [^0]" epubcheck.out | head -40; return 1; }
		;;
	jar|cmd)
		for book in "$@"; do
			epubcheck_one "$book" >>epubcheck.out 2>&1 ||
			{ grep -E "^(FATAL|ERROR|WARNING)" epubcheck.out | head -40; return 1; }
		done
		;;
	*)
		return 1
		;;
	esac
}

# tests/xliff-lib.sh - sourced by the t11NN XLIFF tests, after lib.sh.

# fill_targets IN OUT: what a translator who changed nothing sends back:
# every unit's target is its source, in a translated state; existing
# targets, states and notes are dropped first.
fill_targets() {
	if grep -q 'version="2.0"' "$1"; then
		sed -e '/<target/d' -e '/<note /d' -e '/<\/\{0,1\}notes>/d' \
		    -e 's|<segment state="[a-z]*">|<segment>|' \
		    -e 's|<segment>|<segment state="translated">|' \
		    -e 's|^\( *\)<source>\(.*\)</source>$|&\
\1<target>\2</target>|' "$1" >"$2"
	else
		sed -e '/<target/d' -e '/<note /d' \
		    -e 's|^\( *\)<source>\(.*\)</source>$|&\
\1<target state="translated">\2</target>|' "$1" >"$2"
	fi
}

# body_of FILE: an article's body, byte for byte (what follows the
# frontmatter's closing line).
body_of() {
	sed '1,/^---\r\{0,1\}$/d' "$1"
}

# snapshot: every file below . with its checksum, to show nothing changed.
snapshot() {
	find . -type f ! -name 'snap*' ! -name '*.xlf' ! -name expect ! -name actual \
		! -name err ! -name stdout ! -name stderr ! -name status ! -name 'expect-status' -print | LC_ALL=C sort |
		while read -r f; do cksum "$f"; done
}

#!/bin/sh
# qa-inject.sh SRC DST - a copy of a generated corpus (gen.c) with the
# errors translation QA (SPEC 13) must find, one kind per id: a dose
# dropped, 500 mg become 50 mg, a phone digit changed, a link lost, a
# paragraph left in French, digit scripts mixed, a glossary term not
# rendered and a forbidden one used; and two that must stay silent
# (0,5 g for 500 mg, Turkish %60).  For comparing `validate --format
# json` and `l10n --format json` of two builds of folio on it.
set -eu
src=$1 dst=$2
rm -rf "$dst"
cp -R "$src" "$dst"
cd "$dst"

# para FILE K TEXT: append TEXT to the K-th paragraph of FILE's body
para() {
	awk -v k="$2" -v t="$3" '
		fm < 2 { if ($0 == "---") fm++; print; next }
		/^[^-#>|`*<!\[ 0-9]/ && ++p == k { print $0 " " t; next }
		{ print }' "$1" >"$1.t" && mv "$1.t" "$1"
}
# para_text FILE K: the K-th paragraph of FILE's body
para_text() {
	awk -v k="$2" 'fm < 2 { if ($0 == "---") fm++; next }
		/^[^-#>|`*<!\[ 0-9]/ && ++p == k { print; exit }' "$1"
}
# para_set FILE K TEXT: replace it
para_set() {
	awk -v k="$2" -v t="$3" '
		fm < 2 { if ($0 == "---") fm++; print; next }
		/^[^-#>|`*<!\[ 0-9]/ && ++p == k { print t; next }
		{ print }' "$1" >"$1.t" && mv "$1.t" "$1"
}

# current TRANS: TRANS renders its original as it is now (its
# translated_from.updated set to the original's updated), so that QA
# compares the two
current() {
	up=$(sed -n 's/^updated: *//p' "$(dirname "$1")/fr.md" | head -1)
	awk -v up="$up" '
		fm < 2 && $0 == "---" { fm++ }
		fm < 2 && /^translated_from:/ { tf = 1; print; next }
		fm < 2 && tf && /^  updated:/ { print "  updated: " up; tf = 0; next }
		fm < 2 && !/^  / { tf = 0 }
		{ print }' "$1" >"$1.t" && mv "$1.t" "$1"
}

used=" "
ids=$(find . -mindepth 1 -maxdepth 1 -type d ! -name '_*' ! -name '.*' |
	sed 's,^\./,,' | LC_ALL=C sort)
# pick LANG [PATTERN]: d is the first id, in name order, not picked yet,
# with an original and a translation into LANG (whose text matches
# PATTERN)
pick() {
	for d in $ids; do
		case $used in *" $d "*) continue ;; esac
		if [ ! -f "$d/$1.md" ] || [ ! -f "$d/fr.md" ]; then
			continue
		fi
		if [ -n "${2-}" ] && ! grep -q -- "$2" "$d/$1.md"; then
			continue
		fi
		used="$used$d "
		return 0
	done
	echo "qa-inject: no id with a $1 translation ${2-}" >&2
	exit 1
}

# a dose dropped
pick en && current "$d/en.md"
para "$d/fr.md" 1 "Prenez 500 mg deux fois par jour."
# 500 mg become 50 mg
pick en && current "$d/en.md"
para "$d/fr.md" 1 "Prenez 500 mg par jour."
para "$d/en.md" 1 "Take 50 mg a day."
# a phone digit changed
pick en && current "$d/en.md"
para "$d/fr.md" 2 "Appelez le +33 1 44 55 66 77 du lundi au vendredi."
para "$d/en.md" 2 "Call +33 1 44 55 66 78 from Monday to Friday."
# a link lost
pick en '](https:' && current "$d/en.md"
sed 's/](https:[^)]*)/]/' "$d/en.md" >"$d/en.t" && mv "$d/en.t" "$d/en.md"
# a paragraph left in French
pick de && current "$d/de.md"
para_set "$d/de.md" 3 "$(para_text "$d/fr.md" 3)"
# digit scripts mixed
pick ar && current "$d/ar.md"
para "$d/ar.md" 1 "انظر الصفحة ١٢ من الدليل."
# a glossary term not rendered, a forbidden one used
pick en && current "$d/en.md"
para "$d/fr.md" 2 "La chimiothérapie est adaptée."
para "$d/en.md" 2 "The treatment is adapted."
pick en && current "$d/en.md"
para "$d/en.md" 2 "Ask about chemo."
# equal by value: no finding
pick de && current "$d/de.md"
para "$d/fr.md" 1 "Soit 0,5 g par jour et 1 000 patients."
para "$d/de.md" 1 "Also 500 mg am Tag und 1.000 Patienten."
pick tr && current "$d/tr.md"
para "$d/fr.md" 1 "Environ 60 % des cas."
para "$d/tr.md" 1 "Vakaların yaklaşık %60'ı."

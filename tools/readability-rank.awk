# readability-rank.awk - the easiest and the hardest article of each
# language, from `folio readability --format json` (one article a line):
# by the score of the language's formula, higher is easier; for a
# language without one (Arabic), by words per sentence, fewer is easier.
# `make demo` prints it.
function field(line, name,    s) {
	if (!match(line, "\"" name "\":(\"[^\"]*\"|[^,}]*)"))
		return ""
	s = substr(line, RSTART + length(name) + 3, RLENGTH - length(name) - 3)
	gsub(/"/, "", s)
	return s
}
/"file":/ {
	lang = field($0, "lang")
	score = field($0, "score")
	if (score == "null") {
		ease = -field($0, "words_per_sentence")
		shown = field($0, "words_per_sentence") " words per sentence"
	} else {
		ease = score + 0
		shown = score
	}
	if (!(lang in easy) || ease > easy_v[lang]) {
		easy[lang] = field($0, "file"); easy_v[lang] = ease; easy_s[lang] = shown
	}
	if (!(lang in hard) || ease < hard_v[lang]) {
		hard[lang] = field($0, "file"); hard_v[lang] = ease; hard_s[lang] = shown
	}
	if (!(lang in seen)) {
		seen[lang] = 1; order[++n] = lang
	}
}
END {
	for (i = 1; i <= n; i++) {
		l = order[i]
		printf "readability %s: easiest %s (%s), hardest %s (%s)\n", l,
			easy[l], easy_s[l], hard[l], hard_s[l]
	}
}

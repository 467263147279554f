/*
 * readability_report.c - the report of `folio readability` in text, JSON
 * (SPEC 15) and a self-contained HTML page.
 */
#include "buf.h"
#include "escape.h"
#include "readability.h"

#include <string.h>

double rd_words_per_sentence(const struct rd_stats *s)
{
	return s->sentences ? (double)s->words / (double)s->sentences : 0;
}

static void text_one(struct buf *b, const struct rd_article *x)
{
	const struct rd_stats *s = &x->stats;
	size_t i;

	escape_text_line(b, x->file, strlen(x->file));
	buf_adds(b, "  ");
	escape_text_line(b, x->lang, strlen(x->lang));
	if (x->has_score)
		buf_addf(b, "  %.1f %s (%s)\n", x->score, rd_band_name(x->band),
			 rd_formula(x->syl));
	else if (s->words)
		buf_adds(b, "  no score: lengths only\n");
	else
		buf_adds(b, "  no text to measure\n");
	buf_addf(b, "  %zu sentence%s, %zu word%s, ", s->sentences,
		 s->sentences == 1 ? "" : "s", s->words, s->words == 1 ? "" : "s");
	if (x->syl != SYL_AR && x->syl != SYL_OTHER)
		buf_addf(b, "%zu syllable%s, ", s->syllables,
			 s->syllables == 1 ? "" : "s");
	buf_addf(b, "%.1f words per sentence\n", rd_words_per_sentence(s));
	if (s->nlongest) {
		buf_adds(b, "  longest:");
		for (i = 0; i < s->nlongest; i++)
			buf_addf(b, "%s %u word%s at line %u", i ? "," : "",
				 s->longest[i].words,
				 s->longest[i].words == 1 ? "" : "s",
				 s->longest[i].line);
		buf_addc(b, '\n');
	}
	if (x->much_harder) {
		buf_adds(b, "  much harder to read than its original ");
		escape_text_line(b, x->original, strlen(x->original));
		buf_addf(b, " (%s)\n", rd_band_name(x->original_band));
	}
}

void rd_report_text(const struct rd_report *r, struct buf *out)
{
	size_t i, harder = 0;

	for (i = 0; i < r->n; i++) {
		text_one(out, &r->v[i]);
		harder += r->v[i].much_harder;
	}
	buf_addf(out, "%zu article%s", r->n, r->n == 1 ? "" : "s");
	if (harder)
		buf_addf(out, ", %zu much harder to read than %s original", harder,
			 harder == 1 ? "its" : "their");
	buf_addc(out, '\n');
}

void rd_report_json(const struct rd_report *r, struct buf *out)
{
	size_t i, k;

	buf_adds(out, "{\"articles\":[");
	for (i = 0; i < r->n; i++) {
		const struct rd_article *x = &r->v[i];
		const struct rd_stats *s = &x->stats;

		buf_adds(out, i ? ",\n  {\"file\":" : "\n  {\"file\":");
		escape_json_str(out, x->file, strlen(x->file));
		buf_adds(out, ",\"lang\":");
		escape_json_str(out, x->lang, strlen(x->lang));
		buf_addf(out, ",\"sentences\":%zu,\"words\":%zu,\"syllables\":%zu,"
			 "\"words_per_sentence\":%.1f,\"score\":", s->sentences,
			 s->words, s->syllables, rd_words_per_sentence(s));
		if (x->has_score)
			buf_addf(out, "%.1f,\"band\":\"%s\"", x->score,
				 rd_band_name(x->band));
		else
			buf_adds(out, "null,\"band\":null");
		buf_adds(out, ",\"longest\":[");
		for (k = 0; k < s->nlongest; k++)
			buf_addf(out, "%s{\"line\":%u,\"words\":%u}", k ? "," : "",
				 s->longest[k].line, s->longest[k].words);
		buf_addf(out, "],\"much_harder\":%s}", x->much_harder ? "true" : "false");
	}
	buf_adds(out, r->n ? "\n]}\n" : "]}\n");
}

/* ---- HTML ---------------------------------------------------------------- */

static const char html_head[] =
	"<!DOCTYPE html>\n"
	"<html lang=\"en\">\n"
	"<head>\n"
	"<meta charset=\"utf-8\">\n"
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	"<title>Readability</title>\n"
	"<style>\n"
	"body{margin:0;font:16px/1.45 system-ui,sans-serif;color:#1b1b1b;background:#fff}\n"
	"main{max-width:48rem;margin:0 auto;padding:1rem}\n"
	"h1{font-size:1.5rem;margin:.5rem 0}\n"
	"ol{list-style:none;margin:0;padding:0}\n"
	"li{border-top:1px solid #ddd;padding:.75rem 0}\n"
	".t{font-weight:600;overflow-wrap:anywhere}\n"
	".l{display:inline-block;font-size:.8rem;border:1px solid #888;border-radius:.25rem;padding:0 .3rem;margin-right:.4rem}\n"
	".bar{height:.9rem;background:#eee;border-radius:.45rem;overflow:hidden;margin:.4rem 0}\n"
	".bar span{display:block;height:100%}\n"
	".b0,.b1{background:#1a7f37}.b2{background:#4c9a2a}.b3{background:#b08800}\n"
	".b4{background:#d4700b}.b5,.b6{background:#c62828}.bn{background:#999}\n"
	".f{margin:0;font-size:.9rem}\n"
	".p{margin:0;font-size:.8rem;color:#555;overflow-wrap:anywhere}\n"
	".w{color:#c62828;font-weight:600}\n"
	"dl{display:grid;grid-template-columns:auto 1fr;gap:0 .75rem;font-size:.85rem}\n"
	"dt{font-weight:600}dd{margin:0}\n"
	"</style>\n"
	"</head>\n"
	"<body>\n"
	"<main>\n"
	"<h1>Readability</h1>\n"
	"<p>Each bar is an article's score, from 0 (very difficult) to 100 "
	"(very easy), by its language's formula: Kandel&#8211;Moles (fr), "
	"Flesch&#8211;Douma (nl), Flesch (en), Amstad (de), Ate&#351;man (tr). "
	"Arabic is measured by lengths only.</p>\n"
	"<dl>\n"
	"<dt>90&#8211;100</dt><dd>very easy</dd><dt>80&#8211;90</dt><dd>easy</dd>\n"
	"<dt>70&#8211;80</dt><dd>fairly easy</dd><dt>60&#8211;70</dt><dd>standard</dd>\n"
	"<dt>50&#8211;60</dt><dd>fairly difficult</dd><dt>30&#8211;50</dt><dd>difficult</dd>\n"
	"<dt>0&#8211;30</dt><dd>very difficult</dd>\n"
	"</dl>\n";

static void html_one(struct buf *b, const struct rd_article *x)
{
	const struct rd_stats *s = &x->stats;
	const char *title = x->title ? x->title : x->file;

	buf_adds(b, "<li>\n<p class=\"f\"><span class=\"l\">");
	escape_html(b, x->lang, strlen(x->lang));
	buf_adds(b, "</span><span class=\"t\" lang=\"");
	escape_html(b, x->lang, strlen(x->lang));
	buf_adds(b, "\" dir=\"auto\">");
	escape_html(b, title, strlen(title));
	buf_adds(b, "</span></p>\n");
	if (x->has_score) {
		buf_addf(b, "<div class=\"bar\"><span class=\"b%d\" style=\"width:%.1f%%\">"
			 "</span></div>\n", (int)x->band, x->score);
		buf_addf(b, "<p class=\"f\"><strong>%.1f</strong> %s", x->score,
			 rd_band_name(x->band));
	} else {
		buf_adds(b, "<div class=\"bar\"><span class=\"bn\" style=\"width:0\">"
			 "</span></div>\n<p class=\"f\">no score: lengths only");
	}
	buf_addf(b, " &#183; %.1f words per sentence &#183; %zu sentence%s, %zu word%s",
		 rd_words_per_sentence(s), s->sentences,
		 s->sentences == 1 ? "" : "s", s->words, s->words == 1 ? "" : "s");
	if (s->nlongest)
		buf_addf(b, " &#183; longest %u word%s (line %u)", s->longest[0].words,
			 s->longest[0].words == 1 ? "" : "s", s->longest[0].line);
	buf_adds(b, "</p>\n");
	if (x->much_harder) {
		buf_addf(b, "<p class=\"f w\">much harder to read than its original (%s)</p>\n",
			 rd_band_name(x->original_band));
	}
	buf_adds(b, "<p class=\"p\">");
	escape_html(b, x->file, strlen(x->file));
	buf_adds(b, "</p>\n</li>\n");
}

void rd_report_html(const struct rd_report *r, struct buf *out)
{
	size_t i;

	buf_adds(out, html_head);
	if (!r->n)
		buf_adds(out, "<p>No article to measure.</p>\n");
	else
		buf_adds(out, "<ol>\n");
	for (i = 0; i < r->n; i++)
		html_one(out, &r->v[i]);
	if (r->n)
		buf_adds(out, "</ol>\n");
	buf_adds(out, "</main>\n</body>\n</html>\n");
}

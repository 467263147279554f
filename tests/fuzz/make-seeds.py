#!/usr/bin/env python3
"""tests/fuzz/make-seeds.py - (re)generate the seed corpora in
tests/fuzz/corpus/<harness>/ from the project's own test files, the sample
articles, the conformance suites and a few hand-written hostile shapes.

Run from anywhere: python3 tests/fuzz/make-seeds.py.  Seeds are named by
the SHA-1 of their content (as libFuzzer names its corpus files), so
running it again only adds what is new.  The seeds are kept in git; this
script is only needed when the sources they come from change.
"""
import glob
import hashlib
import json
import os
import re
import sys

SRC = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
SHARED = os.path.abspath(os.path.join(SRC, '..', 'shared'))
OUT = os.path.join(SRC, 'tests', 'fuzz', 'corpus')
MAX = 64 * 1024


def put(harness, data):
    if isinstance(data, str):
        data = data.encode('utf-8')
    if len(data) > MAX:
        return
    d = os.path.join(OUT, harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), 'wb') as f:
        f.write(data)


def files(*patterns):
    seen = []
    for p in patterns:
        seen += sorted(glob.glob(os.path.join(SRC, p), recursive=True))
    return [f for f in seen if os.path.isfile(f)]


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def split_md(data):
    """frontmatter and body of an article's bytes (None when no fences)"""
    m = re.match(rb'---\r?\n(.*?\r?\n)?(---|\.\.\.)[ \t]*\r?\n?(.*)\Z', data, re.S)
    if not m:
        return None, data
    return m.group(1) or b'', m.group(3)


LANGS = [0, 1, 2, 3, 4, 5]    # fr en de nl tr ar in the harnesses' tables

articles = files('articles/**/*.md', 'tests/corpora/**/*.md')
yamls = files('articles/**/*.yaml', 'tests/corpora/**/*.yaml',
              'schemas/*.yaml', 'tests/corpora/**/*.json')

# fuzz_yaml: every YAML file, every frontmatter, and hostile shapes
for f in yamls:
    put('fuzz_yaml', read(f))
for f in articles:
    fm, _ = split_md(read(f))
    if fm is not None:
        put('fuzz_yaml', fm)
HOSTILE_YAML = [
    'a: &a [x, y]\nb: *a\nc: [*a, *a]\n',
    'a: &a ["l","l","l","l","l","l","l","l","l"]\n'
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n',
    '[' * 70 + ']' * 70,
    '{a: ' * 70 + '1' + '}' * 70,
    'a: 1\na: 2\n',
    '? [complex, key]\n: value\n',
    '--- a\n--- b\n',
    'x: !!str 12\ny: !!int "3"\nz: !custom {a: 1}\n',
    'i: 0x7fffffffffffffff\nj: 0o777\nk: -9223372036854775808\n'
    'l: 99999999999999999999999\nf: .inf\ng: -.Inf\nh: .nan\ne: 1e400\n',
    'lit: |\n  a\n   b\nfold: >-\n  c\n  d\n',
    'k: "\\x00\\u00e9\\U0001F600"\n',
    '\ufeffid: bom\n',
    'a:\r\n  - b\r\n  - c\r\n',
    '&a a: *a\n',
    '*unknown\n',
    'a: &x 1\nb: &x 2\nc: *x\n',
    '"\\ud800": surrogate\n',
    'key with spaces: v\n"": empty\n~: null key\n',
    'a:\tb\n',
]
for y in HOSTILE_YAML:
    put('fuzz_yaml', y)

# fuzz_frontmatter: whole articles, with variations
for f in articles:
    data = read(f)
    put('fuzz_frontmatter', data)
for f in files('articles/immunotherapie-reponse/fr.md'):
    data = read(f)
    put('fuzz_frontmatter', b'\xef\xbb\xbf' + data)
    put('fuzz_frontmatter', data.replace(b'\n', b'\r\n'))
    put('fuzz_frontmatter', data.replace(b'\n', b'\r'))
for s in ['', '---\n', '---\n---\n', '---\n...\n', '---\n- a\n- b\n---\n',
          '---\nscalar\n---\nbody\n', '--- \t\nid: x\n---   \nbody',
          '---\nid: x\n', 'no frontmatter\n', '---\r\nid: a\r\n---\r\n# h\r\n',
          '---\nid: \xff\n---\n', '---\nid: a\x00b\n---\n']:
    put('fuzz_frontmatter', s.encode('latin-1') if '\xff' in s else s)

# fuzz_schema: schema NUL instance
confdir = os.path.join(SHARED, 'conformance', 'json-schema')
for f in sorted(glob.glob(os.path.join(confdir, '*.json')) +
                glob.glob(os.path.join(confdir, 'optional-format', '*.json'))):
    try:
        groups = json.load(open(f))
    except ValueError:
        continue
    for g in groups:
        schema = json.dumps(g['schema'], ensure_ascii=False)
        for t in g['tests'][:2]:
            put('fuzz_schema', schema + '\0' + json.dumps(t['data'], ensure_ascii=False))
pairs = [('schemas/folio.schema.yaml', files('articles/folio.yaml', 'tests/corpora/**/folio.yaml')),
         ('schemas/strings.schema.yaml', files('articles/_strings/*.yaml')),
         ('schemas/article.schema.yaml', articles)]
for schema, insts in pairs:
    stext = read(os.path.join(SRC, schema))
    put('fuzz_schema', stext)
    for f in insts[:12]:
        data = read(f)
        if f.endswith('.md'):
            data, _ = split_md(data)
            if data is None:
                continue
        put('fuzz_schema', stext + b'\0' + data)
for f in files('tests/corpora/**/schema*.yaml', 'tests/corpora/**/*.schema.*'):
    put('fuzz_schema', read(f))
HOSTILE_SCHEMA = [
    '{"$ref": "#"}\0{}',
    '{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}\0 1',
    '{"properties": {"a": {"$ref": "#"}}}\0{"a": {"a": {"a": {}}}}',
    '{"pattern": "(a+)+$"}\0"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"',
    '{"pattern": "\\\\p{Letter}+"}\0"é"',
    '{"multipleOf": 0.0001}\0 1e308',
    '{"multipleOf": 1e-300}\0 7',
    '{"$ref": "other.yaml#/x"}\0 1',
    '{"$ref": "schemas/article.schema.yaml"}\0{}',
    '{"$id": "http://x/y", "$anchor": "a", "$ref": "#a"}\0 1',
    '{"format": "hostname"}\0"xn--bcher-kva.example"',
    '{"format": "email"}\0"a@[IPv6:::1]"',
    '{"uniqueItems": true}\0[1, 1.0, {"a": 1}, {"a": 1.0}]',
    '{"if": {"type": "string"}, "then": {"minLength": 3}, "else": false}\0"ab"',
    'type: object\nrequired: [id]\nproperties:\n  id: {type: string, pattern: "^[a-z]+$"}\n\0id: 1\n',
]
for s in HOSTILE_SCHEMA:
    put('fuzz_schema', s)

# fuzz_markdown: two config bytes (language and flags; width) + body
bodies = []
for f in articles:
    _, body = split_md(read(f))
    bodies.append(body)
spec = os.path.join(SRC, 'tests', 'spec', 'render_html.txt')
if os.path.exists(spec):
    text = open(spec, encoding='utf-8').read()
    for m in re.finditer(r'^`{32} example[^\n]*\n(.*?)^\.\n', text, re.S | re.M):
        bodies.append(m.group(1).replace('\u2192', '\t').encode('utf-8'))
HOSTILE_MD = [
    '> ' * 200 + 'deep\n',
    '[' * 300 + 'x' + ']' * 300 + '(u)\n',
    ''.join('  ' * i + '- item\n' for i in range(60)),
    '![![![![a](b)](c)](d)](e)\n',
    '[![alt](img.png)](article:same#frag)\n',
    '[t](javascript:alert(1)) <script>x</script> <a href="x">y</a>\n',
    '| a | b |\n|---|:-:|\n| `c|d` | [e](f) |\n',
    '# h1\n\n#### h4\n\n## ' + 'é' * 100 + '\n\n## 1 2 3\n',
    '&eacute;&#x1F600;&#0;&#xD800;&bogus; &amp;\n',
    'www.example.org http://a.b/c?d=e mailto:x@y.z x@y.z\n',
    '```\ncode "quotes" !\n```\n\n    indented ?\n',
    '"Bonjour" dit-il : « oui » ! 14:30 http://x.y/?a=b;c\n',
    '[](x) [x]() ![](y)\n',
    '<div>\nblock\n</div>\n\n<!-- c -->\n',
    '***bold italic*** ~~strike~~ `code` \\* \\_\n',
    'a  \nb\\\nc\n',
    '- [ ] task\n1. one\n2) two\n',
    '[ref]\n\n[ref]: http://x "title"\n',
]
for b in HOSTILE_MD:
    bodies.append(b.encode('utf-8'))
for i, b in enumerate(bodies):
    cfg = LANGS[i % 6] | (16 if i % 5 == 0 else 0) | (32 if i % 11 == 0 else 0)
    put('fuzz_markdown', bytes([cfg, i % 32]) + b)
    if i % 3 == 0:
        put('fuzz_markdown', bytes([i % 16 | 0xC0, (i * 7) % 32]) + b)

# fuzz_typo: lang byte + runs (0x01 text, 0x02 verbatim, 0x03 new block)
TYPO_LANG = {'fr': 0, 'en': 1, 'de': 2, 'nl': 3, 'tr': 4, 'ar': 5}
typo = os.path.join(SRC, 'tests', 'spec', 'typo.txt')
if os.path.exists(typo):
    text = open(typo, encoding='utf-8').read()
    for case in re.finditer(r'^### [^\n]*\nlang: (\S+)\n(?:flags: (\S+)\n)?(.*?)\n\.\n', text, re.S | re.M):
        lang, flags, inp = case.group(1), case.group(2), case.group(3)
        cfg = TYPO_LANG.get(lang.split('-')[0].lower(), 9)
        if flags == 'no-nnbsp':
            cfg |= 16
        elif flags == 'no-nbsp':
            cfg |= 32

        def unesc(s):
            s = re.sub(r'\\u([0-9A-Fa-f]{4})', lambda m: chr(int(m.group(1), 16)), s)
            return s.replace('\\t', '\t').replace('\\n', '\n').replace('\\|', '|') \
                    .replace('\\`', '`').replace('\\\\', '\\')
        out = bytearray([cfg])
        for line in inp.split('\n'):
            out += b'\x03'
            for run in re.split(r'(?<!\\)\|', line):
                if run.startswith('`') and run.endswith('`') and len(run) > 1:
                    out += b'\x02' + unesc(run[1:-1]).encode('utf-8')
                else:
                    out += b'\x01' + unesc(run).encode('utf-8')
        put('fuzz_typo', bytes(out))

# fuzz_mustache: template NUL data NUL partial
mdir = os.path.join(SHARED, 'conformance', 'mustache')
try:
    import yaml
except ImportError:
    yaml = None
if yaml:
    for f in sorted(glob.glob(os.path.join(mdir, '*.yml'))):
        for t in yaml.safe_load(open(f, encoding='utf-8'))['tests']:
            partial = ''
            if t.get('partials'):
                partial = list(t['partials'].values())[0]
            put('fuzz_mustache', t['template'] + '\0' +
                json.dumps(t['data'], ensure_ascii=False) + '\0' + partial)
for f in files('cli/templates/*'):
    put('fuzz_mustache', read(f) + b'\0title: "<b>T</b>"\nlang: fr\nitems: [a, b]\n\0{{.}}')
HOSTILE_MUSTACHE = [
    '{{>self}}{{>self}}\0\0',
    '{{#a}}{{>self}}{{/a}}\0a: [1, 2]\0',
    '{{=<% %>=}}<%a%>\0a: x\0',
    '{{#a}}{{#b}}{{c.d.e}}{{/b}}{{/a}}\0a: {b: [{c: {d: {e: deep}}}]}\0',
    '  {{>p}}\n\0\0line1\nline2\n{{>p}}\n',
    '{{{a}}}{{&a}}{{a}}\0a: "<&\\"\'>"\0',
    '{{! comment }}{{^x}}none{{/x}}\0x: []\0',
    '{{a}} {{b}} {{c}} {{d}}\0{a: 1.5, b: 1e300, c: -0.0, d: .nan}\0',
]
for s in HOSTILE_MUSTACHE:
    put('fuzz_mustache', s)

# fuzz_iconv: encoding and --translit byte + a page
PAGES = ['Comment le cancer réagit-il face aux immunothérapies\u202f? «\u00a0Bien\u00a0»',
         'Größe – „Anführungszeichen“ € …', 'Türkçe: ğüşıöç İ',
         'العربية مع التشكيل: كِتَابٌ؛ ؟', 'Nederlands: “citaat” ‘enkel’',
         'plain ascii text\n\nwith lines', '日本語 emoji 😀 \U0010FFFF',
         'Ω≈ç√∫˜µ≤≥÷ œ∑´®†¥¨ˆøπ“‘']
for i, t in enumerate(PAGES):
    for e in range(16):
        if (i + e) % 3 == 0:
            for tr in (0, 1):
                put('fuzz_iconv', bytes([e | (tr << 4)]) + t.encode('utf-8'))

# fuzz_escape: any bytes
put('fuzz_escape', 'plain')
put('fuzz_escape', b'<a href="x">&amp;</a>\x01\x7f\xc2\x85\xef\xbf\xbe\xff\xc0\x80\n\r\t%:,')
put('fuzz_escape', 'café العربية 😀')
for t in PAGES:
    put('fuzz_escape', t)

for h in sorted(os.listdir(OUT)):
    print('%s: %d seeds' % (h, len(os.listdir(os.path.join(OUT, h)))))

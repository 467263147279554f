# folio - build, test, install.  See README.md.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DATADIR = $(PREFIX)/share/folio

CC ?= cc
PKGS = yaml-0.1 libpcre2-8 md4c libutf8proc libcrypto libzip libxml-2.0 zlib libdeflate
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lyaml -lpcre2-8 -lmd4c -lutf8proc -lcrypto -lzip -lxml2 -lz -ldeflate)
CFLAGS ?= -O3 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra \
	$(PKG_CFLAGS) -Icli $(CFLAGS)
LDLIBS = $(PKG_LIBS) -lpthread -lm

DEBIAN_DEPS = build-essential pkg-config libyaml-dev libpcre2-dev libmd4c-dev \
	libmd4c-html0-dev libutf8proc-dev libssl-dev libzip-dev zlib1g-dev libdeflate-dev libxml2-dev \
	git mandoc libxml2-utils epubcheck translate-toolkit \
	default-jre-headless default-jdk-headless zip unzip clang

# BUILD names the object directory: `make BUILD=build-asan` builds the
# same sources with the same rules under AddressSanitizer and UBSan.
BUILD ?= build
ASAN_CFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
ifeq ($(BUILD),build)
BIN = folio
else
BIN = $(BUILD)/folio
endif
ifeq ($(BUILD),build-asan)
CFLAGS = $(ASAN_CFLAGS)
endif

SRCS := $(sort $(wildcard cli/*.c))
LIB_SRCS := $(filter-out cli/main.c,$(SRCS))
OBJS := $(SRCS:cli/%.c=$(BUILD)/%.o)
LIB_OBJS := $(LIB_SRCS:cli/%.c=$(BUILD)/%.o)
UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/unit/%)
EMBED := $(sort $(wildcard schemas/*.yaml) $(wildcard cli/templates/*))

all: $(BIN)

$(BIN): $(OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(BUILD)/%.o: cli/%.c $(wildcard cli/*.h) | $(BUILD)
	$(CC) $(ALL_CFLAGS) -I$(BUILD) -c -o $@ $<

# Schemas and default templates are compiled into the binary; only the
# file that includes them waits for them.
$(BUILD)/embed.o: $(BUILD)/embedded.h
$(BUILD)/embedded.h: $(EMBED) tools/embed.sh | $(BUILD)
	sh tools/embed.sh $(EMBED) > $@.tmp && mv $@.tmp $@

$(BUILD):
	mkdir -p $(BUILD) $(BUILD)/unit

$(BUILD)/unit/%: tests/unit/%.c $(LIB_OBJS) $(wildcard tests/unit/*.h) | $(BUILD)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJS) $(LDLIBS)

units: $(UNIT_BINS)

check: $(BIN) $(UNIT_BINS)
	@FOLIO=$(CURDIR)/$(BIN) UNITDIR=$(CURDIR)/$(BUILD)/unit sh tests/run.sh

# The whole suite again under AddressSanitizer and UBSan, in its own tree.
check-asan:
	@$(MAKE) -s BUILD=build-asan build-asan/folio units
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		$(MAKE) -s BUILD=build-asan check

deps:
	@if [ "$$(id -u)" = 0 ]; then \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBIAN_DEPS) >/dev/null && \
		{ [ -f node_modules/vnu-jar/build/dist/vnu.jar ] || \
		  { command -v npm >/dev/null && npm install --no-save --no-audit --no-fund --silent vnu-jar >/dev/null 2>&1; } || \
		  echo "make deps: vnu-jar not installed (the HTML checks will be skipped)"; }; \
	else \
		echo "run as root: apt-get install $(DEBIAN_DEPS)"; \
	fi
	@$(MAKE) -s xsd

# The OASIS XLIFF schemas (1.2 strict, 2.0 core, and the W3C xml.xsd they
# import) that the XLIFF tests validate exports against, from Debian's
# php-symfony-translation package: downloaded and unpacked, never installed.
XSD_DIR = tests/xsd
XSD_FILES = xliff-core-1.2-strict.xsd xliff-core-2.0.xsd xml.xsd
xsd:
	@[ -f $(XSD_DIR)/xliff-core-2.0.xsd ] || { \
		tmp=$$(mktemp -d) && \
		(cd $$tmp && apt-get download php-symfony-translation >/dev/null 2>&1) && \
		dpkg-deb -x $$tmp/php-symfony-translation_*.deb $$tmp/x && \
		mkdir -p $(XSD_DIR) && \
		for f in $(XSD_FILES); do \
			cp $$tmp/x/usr/share/php/Symfony/Component/Translation/Resources/schemas/$$f $(XSD_DIR)/ || exit 1; \
		done; rc=$$?; rm -rf $$tmp; \
		[ $$rc = 0 ] || echo "make deps: the XLIFF schemas could not be fetched (their tests will be skipped)"; }

install: folio
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DATADIR)/schemas
	install -m 755 folio $(DESTDIR)$(BINDIR)/folio
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1
	install -m 644 man/*.5 $(DESTDIR)$(MANDIR)/man5
	install -m 644 schemas/*.yaml $(DESTDIR)$(DATADIR)/schemas

# The quick start: every command on the sample corpus.
demo: folio
	./folio validate articles
	./folio l10n articles
	./folio -C articles diff
	./folio export --to html -o out/html articles
	./folio export --to xhtml -o out/xhtml articles
	./folio export --to epub -o out/epub articles
	./folio export --to text -o out/text articles
	./folio readability articles
	./folio readability --format json -o out/readability.json articles
	awk -f tools/readability-rank.awk out/readability.json
	@echo "demo: pages in out/html, e-book trees in out/xhtml, books in out/epub, text in out/text"

bench: folio
	sh tests/bench/run.sh

fuzz:
	sh tests/fuzz/run.sh

clean:
	rm -rf build build-asan folio out

.PHONY: demo all check check-asan deps install bench fuzz clean units xsd

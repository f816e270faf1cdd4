# SPDX-License-Identifier: GPL-2.0
# Plain "make" builds ./bitsplit.  "make check" installs what is missing
# (Debian), builds, and runs the unit tests under ASan+UBSan and the
# end-to-end tests over samples/.

VERSION   := 0.1
PREFIX    ?= /usr/local
CC        ?= cc
CFLAGS    ?= -O2 -g
BS_CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow \
	     -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter \
	     -DBITSPLIT_VERSION='"$(VERSION)"' \
	     -DBITSPLIT_DATADIR='"$(PREFIX)/share/bitsplit"'
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	     -fno-sanitize-recover=all

LIB_SRCS  := $(filter-out bitsplit.c,$(wildcard *.c))
LIB_OBJS  := $(LIB_SRCS:%.c=build/%.o)
SAN_OBJS  := $(LIB_SRCS:%.c=build/san/%.o)
UNIT_SRCS := $(wildcard tests/unit/test-*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=build/san/tests/%)
HDRS      := $(wildcard *.h) $(wildcard tests/unit/*.h)

# The coccicheck rule, generated from facts.cocci's rules and the Python
# the .cocci files share; committed, so a kernel tree takes it as it is.
RACY_COCCI := semantic-patches/racy_bitfields.cocci
RACY_SRCS  := $(addprefix semantic-patches/,racy_bitfields.in.cocci facts.cocci \
	      lockvocab.py racy.py locks-kernel.txt roots-kernel.txt objects-kernel.txt)

all: bitsplit $(RACY_COCCI)

$(RACY_COCCI): scripts/gen-racy-cocci.sh $(RACY_SRCS)
	scripts/gen-racy-cocci.sh semantic-patches >$@+ && mv $@+ $@

bitsplit: build/bitsplit.o $(LIB_OBJS)
	$(CC) $(CFLAGS) -o $@ $^

build/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(BS_CFLAGS) $(CFLAGS) -c -o $@ $<

build/san/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(BS_CFLAGS) $(SAN_FLAGS) -c -o $@ $<

build/san/bitsplit: build/san/bitsplit.o $(SAN_OBJS)
	$(CC) $(SAN_FLAGS) -o $@ $^

build/san/tests/%: tests/unit/%.c $(SAN_OBJS) $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(BS_CFLAGS) $(SAN_FLAGS) -I. -o $@ $< $(SAN_OBJS)

deps:
	@scripts/install-deps.sh

check: deps bitsplit $(RACY_COCCI) build/san/bitsplit $(UNIT_BINS)
	@tests/run-tests.sh $(UNIT_BINS)

# Break each expected file in turn and require a test to notice (slow);
# DIRS="layout check" only those under tests/expect/.
check-mutation: bitsplit build/san/bitsplit $(UNIT_BINS)
	@scripts/check-mutation.sh $(DIRS)

demo: deps bitsplit
	@scripts/demo.sh

bench: deps bitsplit
	@scripts/bench.sh

# libFuzzer targets, one per reader of outside input (tests/fuzz/fuzz-*.c)
FUZZ_FLAGS   := -O1 -g -fno-sanitize-recover=all
FUZZ_OBJS    := $(filter-out build/fuzz/cmd_%.o,$(LIB_SRCS:%.c=build/fuzz/%.o))
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,build/%,$(wildcard tests/fuzz/fuzz-*.c))

build/fuzz/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	clang $(BS_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

# kept: make would delete them as intermediates and rebuild them for every target
.SECONDARY: $(FUZZ_OBJS)

build/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/fuzz.h $(FUZZ_OBJS) $(HDRS)
	clang $(BS_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer,address,undefined -I. \
		-o $@ $< $(FUZZ_OBJS)

fuzz: $(FUZZ_TARGETS)
	@scripts/fuzz.sh $(FUZZ_TARGETS:build/fuzz-%=%)

install: bitsplit $(RACY_COCCI)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/bitsplit \
		$(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 bitsplit $(DESTDIR)$(PREFIX)/bin/bitsplit
	cp -R semantic-patches/. $(DESTDIR)$(PREFIX)/share/bitsplit/
	install -m 644 Documentation/bitsplit.1 $(DESTDIR)$(PREFIX)/share/man/man1/

clean:
	rm -rf build bitsplit

.PHONY: all deps check check-mutation demo bench fuzz install clean
.DELETE_ON_ERROR:

# cryptolab -- GNU make build.  `make help` lists the targets.
#
#   make                 libraries (build/libcryptolab.a, .so) and programs (bin/)
#   make check           build and run every test (the README's test command)
#   make check SAN=1     the same under AddressSanitizer + UndefinedBehaviorSanitizer
#   make check TSAN=1    CUnit suites + network tests under ThreadSanitizer (not with SAN=1)
#   make check-cross ARCH=s390x|aarch64  cross-build, CUnit + vector files under qemu-user
#   make check-fresh     make demo + make check on a fresh Debian 12 root (debootstrap; root)
#   make debug           -O0 -g3 build, for stepping through the code in gdb
#   make demo            the four-step protocol on loopback
#   make bench           benchmarks beside OpenSSL (links libcrypto; benchmark only)
#   make fuzz            libFuzzer targets tests/fuzz/fuzz_*.c (clang); FUZZ_SECONDS=N runs each N s
#   make ctgrind         constant-time paths under valgrind memcheck (secrets marked undefined)
#   make deps            install the Debian packages the build and tests need
#   make install         library, headers, cryptolab.pc, programs, man pages, completion
#                        (PREFIX=/usr/local DESTDIR=); make uninstall removes them
#   make clean           remove build/ and bin/

CC      ?= cc
PREFIX  ?= /usr/local
DESTDIR ?=
SAN     ?= 0
TSAN    ?= 0
DEBUG   ?= 0
# Where the shared NIST/RFC vectors live (used by the tests when present).
SHARED_VECTORS ?= ../shared/vectors

ifeq ($(origin CC),default)
CC := cc
endif

BUILD := build
BIN   := bin
OBJ   := $(BUILD)/obj
GEN   := $(BUILD)/gen
LIB   := $(BUILD)/libcryptolab.a
# The version, from common/version.h; the shared library's soname is .so.0.
VERSION := $(shell sed -n 's/^\#define CL_VERSION "\(.*\)"/\1/p' common/version.h)
SOMAJOR := 0
SOLIB   := $(BUILD)/libcryptolab.so.$(VERSION)
SONAME  := libcryptolab.so.$(SOMAJOR)
PIC     := $(BUILD)/pic

# ---------------------------------------------------------------- flags
WARN     := -std=c11 -Wall -Wextra -Werror -pedantic
CPPFLAGS += -D_GNU_SOURCE -I.
CTGRIND ?= 0
ifeq ($(CTGRIND),1)
# the checked build of `make ctgrind`: CL_DECLASSIFY (common/ct.h) is active
CPPFLAGS += -DCL_CTGRIND
endif
ifeq ($(SAN)$(TSAN),11)
$(error TSAN=1 and SAN=1 cannot be combined: ThreadSanitizer and AddressSanitizer exclude each other)
endif
ifeq ($(SAN),1)
OPTFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
LDSAN    := -fsanitize=address,undefined
else ifeq ($(SAN),fuzz)
# `make fuzz` builds the library this way in build/fuzz (clang, libFuzzer
# instrumentation without its main); CL_FUZZING lowers the work caps that
# would make single inputs slow (docs/security.md, "Caps").
OPTFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -DCL_FUZZING
LDSAN    := -fsanitize=address,undefined
# The block-cipher, GHASH and hash compression files are straight-line
# arithmetic over fixed-count loops: libFuzzer's comparison tracing there
# (trace-cmp) guides no mutation but took 40-60% of the time of the targets
# that encrypt (gcm, record, tls_record), and 75% of keyfile's once its
# corpus held many encrypted keys (PBKDF2-HMAC-SHA1: sha1.c, one file with
# its compression function).  They keep edge coverage, ASan and
# UBSan; every parser keeps trace-cmp (docs/security.md, "The campaign").
FUZZ_NOCMP := aes/aes_spec.c aes/aes_ttable.c aes/aes_ct64.c aes/aes_fast.c aes/aes_aesni.c \
              aes/aes_key_expansion.c aes/aes_sbox.c aes/ghash.c aes/ghash_clmul.c \
              sha256/sha256_compress.c sha256/sha256_fast.c sha256/sha256_shani.c sha256/sha1.c
else ifeq ($(TSAN),1)
# ThreadSanitizer (issue 11 §4): data races between the server's threads,
# the connection code and the library; tests/tsan.supp names the one known
# report that is left for its owner to fix (nothing else may go there).
OPTFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=thread
LDSAN    := -fsanitize=thread
else ifeq ($(DEBUG),1)
OPTFLAGS := -O0 -g3
LDSAN    :=
else
OPTFLAGS := -O2 -g
LDSAN    :=
endif
CFLAGS  ?=
ALL_CFLAGS = $(WARN) $(OPTFLAGS) $(CFLAGS)

# ---------------------------------------------------------------- dependencies
# (installed automatically when missing: see "automatic set-up" at the end)
NODEP_GOALS := clean deps help distclean uninstall check-fresh check-cross
GMP_CFLAGS := $(shell pkg-config --cflags gmp 2>/dev/null)
GMP_LIBS   := $(shell pkg-config --libs gmp 2>/dev/null)
CUNIT_CFLAGS := $(shell pkg-config --cflags cunit 2>/dev/null)
CUNIT_LIBS   := $(shell pkg-config --libs cunit 2>/dev/null)
CPPFLAGS += $(GMP_CFLAGS)

# Rebuild everything when the compiler or flags change (SAN=1, debug, clang).
FLAGS_LINE := $(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDSAN)
FLAGS_FILE := $(BUILD)/.flags
ifneq ($(filter-out $(NODEP_GOALS),$(or $(MAKECMDGOALS),all)),)
ifneq ($(shell cat $(FLAGS_FILE) 2>/dev/null),$(FLAGS_LINE))
$(shell mkdir -p $(BUILD) && echo '$(FLAGS_LINE)' > $(FLAGS_FILE))
endif
endif

# ---------------------------------------------------------------- sources
LIB_SRC  := $(sort $(wildcard common/*.c aes/*.c sha256/*.c rsa/*.c net/*.c))
# TLS 1.2 / 1.3 (issue 14): net/tls/, one concept per file
LIB_SRC  += $(sort $(wildcard net/tls/*.c))
# X.509 (issue 13): certificates, requests, path validation
LIB_SRC  += $(sort $(wildcard rsa/x509/*.c))
CMD_SRC  := $(sort $(wildcard demo/cmd_*.c))
CLI_SRC  := $(wildcard demo/cli.c)
MAIN_SRC := $(sort $(wildcard demo/*_main.c))
TEST_SRC := $(sort $(wildcard tests/test_*.c))
TEST_AUX := $(sort $(filter-out $(TEST_SRC),$(wildcard tests/*.c)))
# constant-time paths (see "constant time" below)
CT_SRC   := $(sort $(wildcard tests/ctgrind/ct_*.c))
CT_NAMES := $(CT_SRC:tests/ctgrind/ct_%.c=%)
# fuzz targets (see "fuzzing" below)
FUZZ_SRC     := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES   := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
FUZZ_REPLAY  := $(FUZZ_NAMES:%=$(BUILD)/fuzz-replay/fuzz_%)
FUZZ_BINS    := $(FUZZ_NAMES:%=$(BUILD)/bin/fuzz_%)

LIB_OBJ  := $(LIB_SRC:%.c=$(OBJ)/%.o)
PIC_OBJ  := $(LIB_SRC:%.c=$(PIC)/%.o)
CMD_OBJ  := $(CMD_SRC:%.c=$(OBJ)/%.o) $(CLI_SRC:%.c=$(OBJ)/%.o) $(OBJ)/demo/cryptolab.o $(OBJ)/gen/commands.o
# s_server / s_client share demo/tls_cli.c (TLS, issue 14)
CMD_OBJ  += $(OBJ)/demo/tls_cli.o
TEST_OBJ := $(TEST_SRC:%.c=$(OBJ)/%.o) $(TEST_AUX:%.c=$(OBJ)/%.o) $(OBJ)/gen/suites.o
# demo/viz/: the step viewers' pages and the terminal stepper, linked into
# bin/cryptolab; demo/viz/assets/ (CSS, JavaScript) is compiled in.
VIZ_SRC    := $(sort $(wildcard demo/viz/*.c))
VIZ_ASSETS := $(sort $(wildcard demo/viz/assets/*.css demo/viz/assets/*.js))
CMD_OBJ  += $(VIZ_SRC:%.c=$(OBJ)/%.o) $(OBJ)/gen/viz_assets.o
# lab/: LAB ONLY -- deliberately vulnerable targets and the attacks on them
# (docs/labs/padding-oracle.md, bleichenbacher.md); linked into bin/cryptolab
# and the tests, never into build/libcryptolab.a, never installed.
LAB_SRC  := $(sort $(wildcard lab/*.c))
CMD_OBJ  += $(LAB_SRC:%.c=$(OBJ)/%.o)
TEST_OBJ += $(LAB_SRC:%.c=$(OBJ)/%.o)
# demo/server_main.c -> bin/cryptolab-server, etc.
MAIN_BIN := $(MAIN_SRC:demo/%_main.c=$(BIN)/cryptolab-%)

PROGRAMS := $(BIN)/cryptolab $(MAIN_BIN)
TESTS    := $(BIN)/cryptolab-tests

# Files built with instruction-set extensions; run-time CPUID dispatch
# decides whether they are ever called.  The flags exist only on x86: for
# any other target (arm64, s390x, ...) these files are compiled without them
# and their #if leaves only stubs that report "not available".
TARGET_MACHINE := $(shell $(CC) $(CFLAGS) -dumpmachine 2>/dev/null)
TARGET_X86 := $(if $(filter x86_64-% amd64-% i386-% i486-% i586-% i686-%,$(TARGET_MACHINE)),yes)
ifeq ($(TARGET_X86),yes)
ISA_aesni := -maes -mpclmul -msse4.1 -mssse3
ISA_clmul := -mpclmul -msse4.1 -mssse3
ISA_shani := -msha -msse4.1 -mssse3
endif
isa_flags = $(foreach t,aesni clmul shani,$(if $(findstring _$(t),$(notdir $1)),$(ISA_$(t))))
fuzz_flags = $(if $(filter $1,$(FUZZ_NOCMP)),-fno-sanitize-coverage=trace-cmp)

# ---------------------------------------------------------------- registries
# Each demo/cmd_NAME.c defines `const struct cl_command cmd_NAME`;
# each tests/test_NAME.c defines `void register_NAME_suites(void)`.
CMD_NAMES   := $(CMD_SRC:demo/cmd_%.c=%)
TEST_NAMES  := $(TEST_SRC:tests/test_%.c=%)
COMMANDS_C  := \#include "demo/cli.h"\n$(foreach n,$(CMD_NAMES),extern const struct cl_command cmd_$(n);\n)const struct cl_command *const cl_commands[] = {\n$(foreach n,$(CMD_NAMES),    &cmd_$(n),\n)    0\n};\n
SUITES_C    := $(foreach n,$(TEST_NAMES),void register_$(n)_suites(void);\n)void register_all_suites(void);\nvoid register_all_suites(void)\n{\n$(foreach n,$(TEST_NAMES),    register_$(n)_suites();\n)}\n

.PHONY: all lib programs tests check check-cross check-fresh debug demo bench deps man install uninstall clean help need-cunit FORCE
.DEFAULT_GOAL := all

all: lib programs

lib: $(LIB) $(BUILD)/$(SONAME)
programs: $(PROGRAMS)
tests: $(TESTS) $(FUZZ_REPLAY)

$(GEN)/commands.c: FORCE
	@mkdir -p $(GEN)
	@printf '$(COMMANDS_C)' > $@.tmp; cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(GEN)/viz_assets.c: $(VIZ_ASSETS) demo/viz/embed.sh
	@mkdir -p $(GEN)
	bash demo/viz/embed.sh $(VIZ_ASSETS) > $@.tmp && mv $@.tmp $@

$(GEN)/suites.c: FORCE
	@mkdir -p $(GEN)
	@printf '$(SUITES_C)' > $@.tmp; cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(OBJ)/gen/%.o: $(GEN)/%.c $(FLAGS_FILE)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(OBJ)/tests/%.o: tests/%.c $(FLAGS_FILE) | need-cunit
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CUNIT_CFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(OBJ)/%.o: %.c $(FLAGS_FILE)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(call isa_flags,$<) $(call fuzz_flags,$<) -MMD -MP -c $< -o $@

$(PIC)/%.o: %.c $(FLAGS_FILE)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -fPIC $(call isa_flags,$<) -MMD -MP -c $< -o $@

# The static library is ONE object linked from all the others (ld -r), in
# which the symbols declared CL_INTERNAL (hidden: the FIPS-197 steps, the
# SHA-256 constants, ...) become local, as static functions are: a program
# linked with it sees only prefixed names, gdb still finds SubBytes
# (common/internal.h, docs/architecture.md "Names").
OBJCOPY ?= $(or $(shell command -v $(TARGET_MACHINE)-objcopy 2>/dev/null),objcopy)
$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ $(BUILD)/libcryptolab.o
	$(CC) -r -nostdlib -o $(BUILD)/libcryptolab.o $^
	$(OBJCOPY) --localize-hidden $(BUILD)/libcryptolab.o
	ar rcs $@ $(BUILD)/libcryptolab.o

# The shared library: -fPIC objects, soname libcryptolab.so.0; hidden
# symbols are not exported.
$(SOLIB): $(PIC_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDSAN) -shared -Wl,-soname,$(SONAME) -o $@ $^ $(GMP_LIBS) -lpthread
$(BUILD)/$(SONAME): $(SOLIB)
	ln -sf $(notdir $(SOLIB)) $@
	ln -sf $(notdir $(SOLIB)) $(BUILD)/libcryptolab.so

$(BIN)/cryptolab: $(CMD_OBJ) $(LIB)
	@mkdir -p $(BIN)
	$(CC) $(ALL_CFLAGS) $(LDSAN) -o $@ $(CMD_OBJ) $(LIB) $(GMP_LIBS) -lpthread

$(BIN)/cryptolab-%: $(OBJ)/demo/%_main.o $(CLI_SRC:%.c=$(OBJ)/%.o) $(LIB)
	@mkdir -p $(BIN)
	$(CC) $(ALL_CFLAGS) $(LDSAN) -o $@ $< $(CLI_SRC:%.c=$(OBJ)/%.o) $(LIB) $(GMP_LIBS) -lpthread

# The unit tests link the library's objects themselves: they call the
# internal steps (SubBytes, KeyExpansion, ...) that the library does not export.
$(TESTS): $(TEST_OBJ) $(LIB_OBJ)
	@mkdir -p $(BIN)
	$(CC) $(ALL_CFLAGS) $(LDSAN) -o $@ $(TEST_OBJ) $(LIB_OBJ) $(CUNIT_LIBS) $(GMP_LIBS) -lpthread

need-cunit:
	@pkg-config --exists cunit 2>/dev/null || { echo "CUnit development files not found: run 'make deps'"; exit 1; }

# ---------------------------------------------------------------- fuzzing (tests/fuzz)
# Every tests/fuzz/fuzz_NAME.c defines LLVMFuzzerTestOneInput; its seeds are
# in tests/fuzz/corpus/NAME/.  `make tests` links each with the small driver
# tests/fuzz/driver.c (any compiler, SAN=1 too): build/fuzz-replay/fuzz_NAME
# FILE|DIR... runs the inputs once (tests/sh/45-fuzz-corpus.sh replays every
# corpus through every target).  `make fuzz` builds real libFuzzer binaries
# build/fuzz/bin/fuzz_NAME with clang; FUZZ_SECONDS=N then runs each for N
# seconds, one after the other, on a copy of its corpus (build/fuzz/work/NAME).
FUZZ_CC      ?= $(or $(shell command -v clang-14 2>/dev/null),clang)
FUZZ_SECONDS ?= 0
FUZZ_FLAGS   ?= -rss_limit_mb=2048 -timeout=25
FUZZ_CPP     := -DFUZZ_TOP='"$(CURDIR)"'
# (the library's objects, as the unit tests: internal steps stay callable)
FUZZ_LINK    := $(CLI_SRC:%.c=$(OBJ)/%.o) $(LIB_OBJ) $(GMP_LIBS) -lpthread

$(OBJ)/tests/fuzz/%.o: tests/fuzz/%.c $(FLAGS_FILE)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(FUZZ_CPP) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/fuzz-replay/fuzz_%: $(OBJ)/tests/fuzz/fuzz_%.o $(OBJ)/tests/fuzz/driver.o $(CLI_SRC:%.c=$(OBJ)/%.o) $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDSAN) -o $@ $< $(OBJ)/tests/fuzz/driver.o $(FUZZ_LINK)

# (inside the SAN=fuzz sub-make) libFuzzer supplies main().
$(BUILD)/bin/fuzz_%: $(OBJ)/tests/fuzz/fuzz_%.o $(CLI_SRC:%.c=$(OBJ)/%.o) $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $(LDSAN) -o $@ $< $(FUZZ_LINK)

.SECONDARY: $(FUZZ_SRC:%.c=$(OBJ)/%.o) $(OBJ)/tests/fuzz/driver.o
.PHONY: fuzz fuzz-bins fuzz-corpus
fuzz-bins: $(FUZZ_BINS)

fuzz:
	@command -v $(firstword $(FUZZ_CC)) >/dev/null 2>&1 || { echo "fuzz: $(FUZZ_CC) not found: run 'make deps' (clang-14, libclang-rt-14-dev)"; exit 1; }
	@$(MAKE) --no-print-directory BUILD=build/fuzz SAN=fuzz TSAN=0 CC=$(FUZZ_CC) fuzz-bins
	@if [ '$(FUZZ_SECONDS)' != 0 ]; then bash tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_NAMES); fi

# Regenerates the seed files (seed-*) of tests/fuzz/corpus/ from vectors/.
fuzz-corpus:
	@python3 tests/fuzz/make_corpus.py tests/fuzz/corpus $(FUZZ_NAMES)

# ---------------------------------------------------------------- constant time (tests/ctgrind)
# Every tests/ctgrind/ct_NAME.c defines register_ct_NAME(), which adds its
# paths (tests/ctgrind/ctgrind.h).  `make ctgrind` builds the library again
# in build/ctgrind with -DCL_CTGRIND (the verdicts the code declassifies)
# and runs every path under valgrind memcheck with its secrets undefined
# (tests/sh/46-ctgrind.sh, which `make check` runs too when valgrind is
# installed).  Report: build/ctgrind/report.txt.
CT_C := $(foreach n,$(CT_NAMES),void register_ct_$(n)(void);\n)void ct_register_all(void);\nvoid ct_register_all(void)\n{\n$(foreach n,$(CT_NAMES),    register_ct_$(n)();\n)}\n
CT_OBJ := $(CT_SRC:%.c=$(OBJ)/%.o) $(OBJ)/tests/ctgrind/ctgrind.o $(OBJ)/gen/ct_paths.o

$(GEN)/ct_paths.c: FORCE
	@mkdir -p $(GEN)
	@printf '$(CT_C)' > $@.tmp; cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(OBJ)/tests/ctgrind/%.o: tests/ctgrind/%.c $(FLAGS_FILE)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -DCT_TOP='"$(CURDIR)"' $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/bin/ctgrind: $(CT_OBJ) $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $(CT_OBJ) $(LIB_OBJ) $(GMP_LIBS) -lpthread

.PHONY: ctgrind ctgrind-build
ctgrind-build:
	@test -f /usr/include/valgrind/memcheck.h || { echo "ctgrind: valgrind/memcheck.h not found: run 'make deps' (valgrind)"; exit 1; }
	@$(MAKE) --no-print-directory BUILD=build/ctgrind CTGRIND=1 SAN=0 TSAN=0 DEBUG=0 build/ctgrind/bin/ctgrind

ctgrind: ctgrind-build
	@bash tests/sh/46-ctgrind.sh

# ---------------------------------------------------------------- running
check: all tests
	@SHARED_VECTORS='$(SHARED_VECTORS)' SAN='$(SAN)' TSAN='$(TSAN)' bash tests/check.sh

debug:
	@$(MAKE) --no-print-directory DEBUG=1 all tests

demo: all
	@bash demo/demo.sh

bench: all
	@$(MAKE) --no-print-directory -C tests/bench run

# Another architecture (issue 11 §5): s390x (big-endian) or aarch64, built
# with Debian's cross compiler into build/cross-ARCH/ and run under
# qemu-user; installs its packages (dpkg --add-architecture) when missing.
ARCH ?= s390x
check-cross:
	@SHARED_VECTORS='$(SHARED_VECTORS)' bash tests/cross/check-cross.sh $(ARCH)

# The README's two commands on a fresh Debian 12 root (debootstrap, chroot;
# root and network needed; minutes): tests/fresh/check-fresh.sh.
check-fresh:
	@bash tests/fresh/check-fresh.sh

# ---------------------------------------------------------------- packages
DEB_PACKAGES := build-essential clang pkg-config libgmp-dev libcunit1-dev openssl libssl-dev gdb python3 python3-pycryptodome tshark bc
DEB_PACKAGES += help2man
# TLS interop peers (issue 14): curl, GnuTLS, ss for the ports of openssl s_server
DEB_PACKAGES += curl gnutls-bin iproute2
# viz (issue 15): headless browser and terminal for the viewer tests
DEB_PACKAGES += chromium tmux
# fuzz (issue 11): libFuzzer (make fuzz) and valgrind (make ctgrind)
DEB_PACKAGES += clang-14 libclang-rt-14-dev valgrind
deps:
	@bash $(DEPS_INSTALLER) $(DEB_PACKAGES)
	@bash tests/browser/install.sh

# ---------------------------------------------------------------- install
# PREFIX/bin: the programs; PREFIX/lib: libcryptolab.a, libcryptolab.so.0
# (soname) and pkgconfig/cryptolab.pc; PREFIX/include/cryptolab/MODULE/*.h:
# the public headers (not *_internal.h, nor a header that includes one);
# PREFIX/share/man/man1: a page per
# program and per `cryptolab` command, made from their --help by help2man;
# the bash completion.  In the tree a header includes "common/status.h"
# (the tree's top is on the include path); installed, that line reads
# "cryptolab/common/status.h", so that -IPREFIX/include alone is enough:
# the only change made to a header when it is installed.
LIBDIR      ?= $(PREFIX)/lib
INCLUDEDIR  ?= $(PREFIX)/include
MANDIR      ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
HEADER_DIRS  = $(sort $(patsubst %/,%,$(dir $(LIB_SRC))))
TOP_DIRS     = $(sort $(foreach d,$(HEADER_DIRS),$(firstword $(subst /, ,$(d)))))
# (a header that includes an internal one is internal too)
PUB_HEADERS  = $(filter-out %_internal.h common/internal.h $(shell grep -l '^\#[[:space:]]*include[[:space:]]*".*internal\.h"' $(addsuffix /*.h,$(HEADER_DIRS)) 2>/dev/null),$(wildcard $(addsuffix /*.h,$(HEADER_DIRS))))
INCLUDE_FIX  = s@^(\#[[:space:]]*include[[:space:]]*)"(($(subst $(eval) ,|,$(TOP_DIRS)))/[^"]*)"@\1"cryptolab/\2"@
MAN_WRAP    := $(BUILD)/man/wrap
MAN_STAMP   := $(BUILD)/man/.stamp
COMPLETION  := demo/cryptolab.bash-completion
MAN_DESC_cryptolab        := educational cryptography toolkit: AES, SHA-256, HMAC, HKDF, RSA, like openssl
MAN_DESC_cryptolab-server := file and chat server over the cryptolab secure channel
MAN_DESC_cryptolab-client := client of the cryptolab secure channel: send, get, ls, chat, echo
MAN_DESC_cryptolab-mitm   := man-in-the-middle proxy for the cryptolab protocol (lab tool)

# Man pages from --help (so they cannot drift): one per program, and
# cryptolab-COMMAND.1 per subcommand, each through a wrapper script that
# runs the program and passes its output through demo/man-usage.awk (our
# "usage:" lines, openssl's lower case kept in --help, as the "Usage:"
# synopsis lines help2man takes for the SYNOPSIS section).
MAN_WRAPPER = printf '\043!/bin/sh\n"%s" %s "$$@" | awk -f "%s"\n'
$(MAN_STAMP): $(PROGRAMS) demo/man-usage.awk
	@command -v help2man >/dev/null || { echo "help2man not found: run 'make deps'"; exit 1; }
	@rm -rf $(BUILD)/man; mkdir -p $(MAN_WRAP)
	@set -e; $(foreach p,$(notdir $(PROGRAMS)),$(MAN_WRAPPER) "$(abspath $(BIN))/$(p)" "" "$(abspath demo/man-usage.awk)" > $(MAN_WRAP)/$(p); \
	  chmod +x $(MAN_WRAP)/$(p); help2man --no-info --version-string=$(VERSION) \
	  --name='$(or $(MAN_DESC_$(p)),part of cryptolab)' -o $(BUILD)/man/$(p).1 $(MAN_WRAP)/$(p);)
	@set -e; $(BIN)/cryptolab help | awk '/^  [a-z]/ {c = $$1; $$1 = ""; sub(/^ +/, ""); print c "\t" $$0}' | \
	while IFS='	' read -r c desc; do \
	  $(MAN_WRAPPER) "$(abspath $(BIN))/cryptolab" "$$c" "$(abspath demo/man-usage.awk)" > $(MAN_WRAP)/cryptolab-$$c; \
	  chmod +x $(MAN_WRAP)/cryptolab-$$c; \
	  help2man --no-info --version-string=$(VERSION) --name="$$desc" \
	    -o $(BUILD)/man/cryptolab-$$c.1 $(MAN_WRAP)/cryptolab-$$c; done
	@touch $@
man: $(MAN_STAMP)

install: all $(MAN_STAMP)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)/cryptolab \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(PROGRAMS) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/
	install -m 755 $(SOLIB) $(DESTDIR)$(LIBDIR)/
	ln -sf $(notdir $(SOLIB)) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libcryptolab.so
	@set -e; for h in $(PUB_HEADERS); do \
	  install -d $(DESTDIR)$(INCLUDEDIR)/cryptolab/$$(dirname $$h); \
	  sed -E '$(INCLUDE_FIX)' $$h > $(DESTDIR)$(INCLUDEDIR)/cryptolab/$$h; \
	  chmod 644 $(DESTDIR)$(INCLUDEDIR)/cryptolab/$$h; done
	@echo "installed $(words $(PUB_HEADERS)) headers in $(DESTDIR)$(INCLUDEDIR)/cryptolab"
	printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' 'includedir=$(INCLUDEDIR)' '' \
	  'Name: cryptolab' 'Description: educational cryptography toolkit: AES, SHA-256, HMAC, HKDF, RSA, a secure channel' \
	  'Version: $(VERSION)' 'Requires: gmp' 'Libs: -L$${libdir} -lcryptolab' 'Libs.private: -lpthread' \
	  'Cflags: -I$${includedir}' > $(DESTDIR)$(LIBDIR)/pkgconfig/cryptolab.pc
	install -m 644 $(BUILD)/man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(COMPLETION) $(DESTDIR)$(BASHCOMPDIR)/cryptolab
	for p in $(filter-out cryptolab,$(notdir $(PROGRAMS))); do ln -sf cryptolab $(DESTDIR)$(BASHCOMPDIR)/$$p; done

uninstall:
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/bin/,$(notdir $(PROGRAMS)))
	rm -f $(DESTDIR)$(LIBDIR)/libcryptolab.a $(DESTDIR)$(LIBDIR)/libcryptolab.so $(DESTDIR)$(LIBDIR)/libcryptolab.so.*
	rm -f $(DESTDIR)$(LIBDIR)/pkgconfig/cryptolab.pc
	rm -rf $(DESTDIR)$(INCLUDEDIR)/cryptolab
	rm -f $(DESTDIR)$(MANDIR)/man1/cryptolab.1 $(DESTDIR)$(MANDIR)/man1/cryptolab-*.1
	rm -f $(DESTDIR)$(BASHCOMPDIR)/cryptolab $(addprefix $(DESTDIR)$(BASHCOMPDIR)/,$(notdir $(PROGRAMS)))

clean:
	rm -rf $(BUILD) $(BIN)

help:
	@sed -n '/^#/!q; s/^# \{0,1\}//p' Makefile

FORCE:

# ---------------------------------------------------------------- automatic set-up
# On a fresh machine `make`, `make demo` and `make check` install what is
# missing themselves: when the compiler, GMP or (for the tests) CUnit is not
# there, make first runs the installer of `make deps` (.ci/install-deps.sh:
# as root, or through `sudo -n`) as the rule for an included file, then
# restarts and reads this Makefile again with the packages in place.  If it
# cannot install, it stops with one line giving the apt-get command.
# NO_DEPS=1 turns the automatic installer off.
NO_DEPS ?= 0
DEPS_INSTALLER ?= .ci/install-deps.sh
CL_GOALS := $(or $(MAKECMDGOALS),all)
ifneq ($(filter-out $(NODEP_GOALS),$(CL_GOALS)),)
DEPS_MISSING := $(if $(shell command -v $(firstword $(CC)) 2>/dev/null),,the C compiler '$(CC)') \
  $(if $(shell pkg-config --exists gmp 2>/dev/null && echo yes),,GMP development files (pkg-config gmp))
ifneq ($(filter tests check debug $(BIN)/cryptolab-tests,$(CL_GOALS)),)
DEPS_MISSING += $(if $(shell pkg-config --exists cunit 2>/dev/null && echo yes),,CUnit development files (pkg-config cunit))
endif
ifneq ($(filter install man,$(CL_GOALS)),)
DEPS_MISSING += $(if $(shell command -v help2man 2>/dev/null),,help2man (for the man pages))
endif
# make check also needs the tools the tests compare with (openssl, gdb, tshark...).
ifneq ($(filter check,$(CL_GOALS)),)
DEPS_MISSING += $(shell command -v dpkg-query >/dev/null 2>&1 && \
  [ "$$(dpkg-query -W -f='$${Status}\n' $(DEB_PACKAGES) 2>/dev/null | grep -c 'install ok installed')" -lt $(words $(DEB_PACKAGES)) ] && \
  echo "Debian packages the tests use")
endif
DEPS_MISSING := $(strip $(DEPS_MISSING))
ifneq ($(DEPS_MISSING),)
ifeq ($(NO_DEPS),1)
$(error missing $(DEPS_MISSING): run 'make deps')
else ifeq ($(MAKE_RESTARTS),)
include $(BUILD)/.deps.mk
$(BUILD)/.deps.mk: FORCE
	@mkdir -p $(BUILD); rm -f $(BUILD)/.deps-error
	@bash $(DEPS_INSTALLER) --auto --error-file $(BUILD)/.deps-error $(DEB_PACKAGES) || true
	@echo '# written by make after running .ci/install-deps.sh' > $@
else
$(error $(or $(shell cat $(BUILD)/.deps-error 2>/dev/null),still missing after installing: $(DEPS_MISSING): see 'make deps'))
endif
endif
endif

-include $(shell find $(OBJ) -name '*.d' 2>/dev/null)

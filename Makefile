# SPDX-License-Identifier: GPL-2.0-only
#
# SIPC top-level build.
#   make          build the module and every part's guest binaries
#   make check    install deps, build, run all test suites (tools/testing/check.sh)
#   make demo     install deps, build, boot the guest with tools/demo/demo-guest.sh
#   make kunit    the KUnit suites on UML (tools/testing/kunit.sh)
#   make check-debug    every guest suite on the debug kernel
#                       (tools/testing/check-debug.sh)
#   make check-mutants  the planted bugs of tools/testing/mutants/ must all
#                       be caught (tools/testing/check-mutants.sh; slow)
#   make lint     W=1, checkpatch and sparse on kmod/, gcc -fanalyzer on lib/
#                 and tools/ (tools/testing/lint.sh)
#   make install  PREFIX=/usr/local DESTDIR= : library, header, tools, man pages
#   make deps     install the Debian packages (tools/install-deps.sh)
#   make clean    remove build outputs
#
# Parts: each of lib, selftests, tools that has a Makefile is built with its
# default goal, then `make guest GUEST_DIR=...`, which installs its static
# guest binaries under build/guest (the guest's /).  lib comes first because
# the others may link against it.  Parts run one after another so that order
# holds under -j; each sub-make can still parallelise inside.

GUEST_DIR := $(CURDIR)/build/guest
PARTS := $(foreach d,lib selftests tools/cli tools/demo tools/bench bindings,$(if $(wildcard $(d)/Makefile),$(d)))

all:
	$(MAKE) -C kmod
	rm -rf $(GUEST_DIR)	# no stale binaries from renamed tests
	mkdir -p $(GUEST_DIR)
	set -e; for d in $(PARTS); do \
		$(MAKE) -C $$d; \
		$(MAKE) -C $$d guest GUEST_DIR=$(GUEST_DIR); \
	done

deps:
	tools/install-deps.sh

# Dependencies first (the build needs them), so `all` runs in a sub-make
# rather than as a prerequisite that -j could start early.
check: deps
	$(MAKE) all
	tools/testing/check.sh

demo: deps
	$(MAKE) all
	tools/demo/demo.sh

kunit: deps
	tools/testing/kunit.sh

lint: deps
	tools/testing/lint.sh

# The reverse channels of each IPC mechanism, measured on the host and in
# the QEMU guest (tools/ipc-audit): figures and tables in build/audit/;
# audit-doc copies the tables of the last run into
# Documentation/ipc-security.md
audit: deps
	tools/ipc-audit/run.sh audit

audit-doc:
	tools/ipc-audit/run.sh doc

# SIPC against pipes, sockets and shared memory, on the host and in the
# QEMU guest (tools/bench): tables, with CSV/PNG in build/bench/
bench: deps
	$(MAKE) -C tools/bench bench

# Debian packages in build/deb/; check-packages builds and checks them and
# installs them on a Debian root booted in QEMU (packaging/test/run.sh)
deb: deps
	$(MAKE) -C packaging deb

check-packages: deps
	SIPC_RESULTS=build/packages/results packaging/test/run.sh; \
	tools/testing/tap-summary.sh build/packages/results

# The kselftests, the reliability campaign, the SELinux suite and the
# ipc-audit assertions on a debug guest kernel (KASAN, lockdep, kmemleak,
# fault injection; Documentation/testing.md): tools/testing/check-debug.sh,
# with the model-based fuzzer's full run of 1,000,000 calls (make check's
# campaign suite runs it time-bounded instead)
FUZZ_FULL = SIPC_FUZZ_CALLS=$${SIPC_FUZZ_CALLS:-1000000} \
	SIPC_FUZZ_MIN=$${SIPC_FUZZ_MIN:-1000000} SIPC_FUZZ_SECS=$${SIPC_FUZZ_SECS:-3600} \
	SIPC_TEST_TIMEOUT=$${SIPC_TEST_TIMEOUT:-4000} SIPC_DEBUG_TIMEOUT=$${SIPC_DEBUG_TIMEOUT:-5400}
check-debug: deps
	$(MAKE) all
	$(FUZZ_FULL) tools/testing/check-debug.sh

# Every planted bug of tools/testing/mutants/ must fail a suite
# (tools/testing/check-mutants.sh; slow: see Documentation/testing.md)
check-mutants: deps
	$(MAKE) all
	tools/testing/check-mutants.sh

install:
	$(MAKE) -C lib install
	$(MAKE) -C tools/cli install
	$(MAKE) -C policy install-files

# kbuild's clean needs the headers; ignore its failure when they are absent.
clean:
	-$(MAKE) -C kmod clean
	-for d in $(PARTS); do $(MAKE) -C $$d clean; done
	rm -rf build

.PHONY: all deps check demo kunit lint install clean audit audit-doc bench deb check-packages check-debug \
	check-mutants

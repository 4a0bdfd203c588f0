# SPDX-License-Identifier: GPL-2.0-only
#
# The SIPC test library (st_*), built into a static archive for the
# program Makefile that includes this file, with that Makefile's CC and
# CFLAGS (the tests are static binaries: the guest has no C library).
#
# Set before including:
#   ST_DIR     this directory, relative to the including Makefile
#   ST_OUT     where the objects and libst.a go
#   ST_ORDER   order-only prerequisites of a compile (e.g. a check that
#              kselftest.h is there); may be empty
# Defines ST_A (the archive, to put after the program's own sources),
# ST_HDRS and ST_CFLAGS (add to the program's compile).

ST_SRCS := $(wildcard $(ST_DIR)/*.c)
ST_HDRS := $(wildcard $(ST_DIR)/*.h)
ST_OBJS := $(patsubst $(ST_DIR)/%.c,$(ST_OUT)/%.o,$(ST_SRCS))
ST_A := $(ST_OUT)/libst.a
ST_CFLAGS = -I$(ST_DIR)

$(ST_OUT)/%.o: $(ST_DIR)/%.c $(ST_HDRS) | $(ST_OUT) $(ST_ORDER)
	$(CC) $(CFLAGS) $(ST_CFLAGS) -c -o $@ $<

$(ST_A): $(ST_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(ST_OUT):
	mkdir -p $@

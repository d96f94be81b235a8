# SPDX-License-Identifier: MIT
# mk/board-test.mk - the QEMU board's programs (issue #8) from the host
# build: "make board-programs" builds them, "make clean" removes them.
# "make test" runs them under qemu-system-arm through tools/run-tests
# (tests/qemu-mps2-an386/run-board-test, which builds them itself). A
# board build is a make run of its own (mk/cross.mk: it replaces CC),
# hence the recursive make. Included by the top-level Makefile.

ifndef BOARD
QEMU_TEST_BOARD := qemu-mps2-an386

.PHONY: board-programs clean-board-programs
board-programs:
	$(MAKE) --no-print-directory BOARD=$(QEMU_TEST_BOARD) BUILD=$(BUILD) \
	    board board-run

clean: clean-board-programs
clean-board-programs:
	rm -rf $(BUILD)/$(QEMU_TEST_BOARD) $(BUILD)/rv32
endif

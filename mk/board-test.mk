# SPDX-License-Identifier: MIT
# mk/board-test.mk - "make test" also builds the QEMU board's programs
# (issue #8) and tools/run-tests runs them under qemu-system-arm
# (tests/qemu-mps2-an386/run-board-test). A board build is a make run of
# its own (mk/cross.mk: it replaces CC), hence the recursive make.
# Included by the top-level Makefile.

ifndef BOARD
QEMU_TEST_BOARD := qemu-mps2-an386

.PHONY: board-programs clean-board-programs
board-programs:
	$(MAKE) --no-print-directory BOARD=$(QEMU_TEST_BOARD) BUILD=$(BUILD) \
	    board board-run

test: board-programs
clean: clean-board-programs
clean-board-programs:
	rm -rf $(BUILD)/$(QEMU_TEST_BOARD)
endif

/* SPDX-License-Identifier: MIT */
/*
 * suites.h - the table of test suites, in the order run.c runs them.
 * Add a suite by writing "void suite_NAME(void)" in test_NAME.c and
 * listing it here.
 */
#ifndef MAV_TEST_SUITES_H
#define MAV_TEST_SUITES_H

#define MAV_TEST_SUITES \
    SUITE(nomalloc)     \
    SUITE(sha)          \
    SUITE(rsa)          \
    SUITE(ecdsa)        \
    SUITE(ed25519)      \
    SUITE(arena)        \
    SUITE(dns_wire)     \
    SUITE(dnssec_core)  \
    SUITE(dnssec_denial) \
    SUITE(dns_sim)      \
    SUITE(dns_live)     \
    SUITE(dnssec_live)  \
    SUITE(trust_anchor) \
    SUITE(authres)      \
    SUITE(dnssec_revoke) \
    SUITE(zone_read)    \
    SUITE(zone_port)    \
    SUITE(zone_signed)  \
    SUITE(ip_text)      \
    SUITE(spf)          \
    SUITE(spf_suite)    \
    SUITE(spf_diff)     \
    SUITE(dmarc_record) \
    SUITE(dmarc)        \
    SUITE(selftest)     \
    SUITE(dkim)         \
    SUITE(dkim_signers) \
    SUITE(verify)       \
    SUITE(verify_matrix) \
    SUITE(verify_budget) \
    SUITE(verify_diff)  \
    SUITE(verify_load)

/*
 * The suites that also run on a target, in the same runner
 * (boards/qemu-mps2-an386 under QEMU, tests/qemu-mps2-an386): they need
 * mav's core and crypto, stdio on files and shell commands (the board
 * reaches the host's by semihosting), and no sockets or other POSIX.
 * A suite listed here must build for the target: add its file to
 * QEMU_RUN_SUITE_SRCS in boards/qemu-mps2-an386/board.mk.
 */
#define MAV_TARGET_SUITES \
    SUITE(selftest)       \
    SUITE(sha)            \
    SUITE(rsa)            \
    SUITE(ecdsa)          \
    SUITE(ed25519)        \
    SUITE(dnssec_core)    \
    SUITE(dns_wire)       \
    SUITE(authres)        \
    SUITE(dmarc_record)

#define SUITE(name) void suite_##name(void);
MAV_TEST_SUITES
#undef SUITE

#endif /* MAV_TEST_SUITES_H */

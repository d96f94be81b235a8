/* SPDX-License-Identifier: MIT */
/*
 * signed_world.h - a resolver on the signed test world for a test suite
 * (tests/world-signed; tools/run-tests builds it, serves it and sets
 * MAV_TEST_SIGNED_DIR and MAV_TEST_SIGNED_RECURSOR): the world's root
 * DS records as the only trust anchor and the world's `now` as the wall
 * clock, so validity windows and verdicts are fixed.
 */
#ifndef MAV_TEST_SIGNED_WORLD_H
#define MAV_TEST_SIGNED_WORLD_H

#include <stdint.h>

#include "mav_dns.h"
#include "mav_posix.h"
#include "mav_verify.h"

/* DIR/now as unix seconds; 0 when it cannot be read. */
int64_t signed_world_now(const char *dir);

/* Set px and dns up: the POSIX port with wall clock `now` (the world's,
 * or MAV_PORT_TIME_UNKNOWN), DIR/root.ds as anchors, `server`
 * ("IP:PORT") as the recursor. Returns 0, or -1 on any failure. */
int signed_world_resolver(mav_posix *px, mav_dns_ctx *dns, const char *dir,
                          const char *server, int64_t now);

/* Verify msg[0..len) with ver on px/dns, from client `ip` with `helo`
 * and `mail_from`, at wall clock `now`; the Authentication-Results field
 * (authserv-id mx.mav.test) into out. Returns MAV_OK, or -1 when the
 * envelope is refused or the verification stalls with the resolver
 * idle. */
int signed_world_verify(mav_posix *px, mav_dns_ctx *dns, mav_verify_ctx *ver,
                        int64_t now, const char *ip, const char *helo,
                        const char *mail_from, const uint8_t *msg,
                        size_t len, char *out, size_t cap);

/* signed_world_verify, except that a verification still pending while
 * its resolver, read right after the poll, has no lookup under way (no
 * event will ever come, so mav_verify.h's loop would wait forever) is
 * polled again, up to
 * max_idle_polls times; *idle_polls (may be NULL) says how many such
 * polls it took, so that the caller can check the liveness apart from
 * the results. signed_world_verify allows none. */
int signed_world_verify_idle(mav_posix *px, mav_dns_ctx *dns,
                             mav_verify_ctx *ver, int64_t now, const char *ip,
                             const char *helo, const char *mail_from,
                             const uint8_t *msg, size_t len, char *out,
                             size_t cap, unsigned max_idle_polls,
                             unsigned *idle_polls);

#endif /* MAV_TEST_SIGNED_WORLD_H */

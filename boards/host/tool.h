/* SPDX-License-Identifier: MIT */
/*
 * tool.h - what the commands of the host tool share: option parsing
 * helpers, JSON output, and the resolver set-up behind --resolver,
 * --zone and --timeout-ms.
 */
#ifndef MAV_TOOL_H
#define MAV_TOOL_H

#include <stdint.h>
#include <stdio.h>

#include "mav_dns.h"
#include "mav_posix.h"

/* Exit statuses (mav.c's header comment). */
#define TOOL_EXIT_OK 0
#define TOOL_EXIT_FAIL 1
#define TOOL_EXIT_USAGE 2

/* Print "mav: <msg>" and return TOOL_EXIT_USAGE. */
int tool_usage_error(const char *fmt, ...);

/* The network a command runs on. */
typedef struct {
    mav_posix px;
    mav_dns_ctx dns;
    uint32_t timeout_ms;
} tool_net;

/* Options every network command takes. */
typedef struct {
    const char *resolver; /* IP[:PORT], or NULL for /etc/resolv.conf */
    const char *zone;     /* zone file, or NULL */
    const char *trust_anchor; /* DS/DNSKEY file, or NULL: built-in root
                               * anchors, none (no validation) with --zone */
    uint32_t timeout_ms;
    int json;
    int64_t now; /* --now, or INT64_MIN */
} tool_opts;

/* Parse one common option at argv[*i] (advancing *i past its value);
 * returns 1 if it was one, 0 if not, -1 on a usage error (printed). */
int tool_common_opt(int argc, char **argv, int *i, tool_opts *o);

/* A question given as "NAME TYPE" on the command line. */
typedef struct {
    const char *name; /* as typed */
    uint8_t wire[MAV_DNS_NAME_MAX];
    size_t wire_len;
    uint16_t type;
} tool_question;

/* Parse "CMD NAME TYPE [common options]" (argv[0] is CMD): 0, or the exit
 * status of a usage error (printed, with usage). */
int tool_question_args(int argc, char **argv, const char *usage,
                       tool_opts *o, tool_question *q);

/* An IP address as typed: IPv4 dotted or IPv6 (no port). 0 or -1. */
int tool_parse_ip(const char *text, mav_addr *a);

/* A message file as SMTP carries it: bare LF line ends become CRLF.
 * Feeds buf[0..n) to sink; *last_cr carries across chunks whether the
 * previous byte was CR (start it at 0). */
typedef void (*tool_sink)(void *arg, const uint8_t *p, size_t n);
void tool_feed_crlf(tool_sink sink, void *arg, const uint8_t *buf, size_t n,
                    int *last_cr);

/* Set up the resolver the options ask for; returns 0 or prints the
 * problem and returns TOOL_EXIT_USAGE / TOOL_EXIT_FAIL. */
int tool_net_open(tool_net *n, const tool_opts *o);
/* Run until idle or the timeout. */
void tool_net_run(tool_net *n);
void tool_net_close(tool_net *n);

/* JSON string output with escapes. */
void json_str(FILE *f, const char *s);

int cmd_dns(int argc, char **argv);
int cmd_dnssec(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_dmarc(int argc, char **argv);
int cmd_dkim(int argc, char **argv);
int cmd_spf(int argc, char **argv);

#endif /* MAV_TOOL_H */

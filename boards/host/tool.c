/* SPDX-License-Identifier: MIT */
/*
 * tool.c - the shared parts of the host tool's commands (tool.h).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

int tool_usage_error(const char *fmt, ...)
{
    va_list ap;

    fputs("mav: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs(" (try 'mav help')\n", stderr);
    return TOOL_EXIT_USAGE;
}

static int number(const char *s, long long lo, long long hi, long long *v)
{
    char *end;

    if (s == NULL || *s == 0)
        return -1;
    *v = strtoll(s, &end, 10);
    return (*end == 0 && *v >= lo && *v <= hi) ? 0 : -1;
}

int tool_common_opt(int argc, char **argv, int *i, tool_opts *o)
{
    const char *a = argv[*i];
    const char *v = *i + 1 < argc ? argv[*i + 1] : NULL;
    long long n;

    if (strcmp(a, "--json") == 0) {
        o->json = 1;
        return 1;
    }
    if (strcmp(a, "--resolver") != 0 && strcmp(a, "--zone") != 0 &&
        strcmp(a, "--timeout-ms") != 0 && strcmp(a, "--now") != 0)
        return 0;
    if (v == NULL) {
        tool_usage_error("%s needs a value", a);
        return -1;
    }
    (*i)++;
    if (strcmp(a, "--resolver") == 0) {
        o->resolver = v;
    } else if (strcmp(a, "--zone") == 0) {
        o->zone = v;
    } else if (strcmp(a, "--timeout-ms") == 0) {
        if (number(v, 1, 600000, &n) != 0) {
            tool_usage_error("--timeout-ms wants 1..600000, not '%s'", v);
            return -1;
        }
        o->timeout_ms = (uint32_t)n;
    } else {
        if (number(v, 0, 0xffffffffLL, &n) != 0) {
            tool_usage_error("--now wants a unix time, not '%s'", v);
            return -1;
        }
        o->now = n;
    }
    return 1;
}

int tool_net_open(tool_net *n, const tool_opts *o)
{
    mav_addr server;

    memset(n, 0, sizeof *n);
    n->timeout_ms = o->timeout_ms ? o->timeout_ms : 15000;
    if (o->zone) {
        fprintf(stderr, "mav: --zone is not available in this build\n");
        return TOOL_EXIT_USAGE;
    }
    mav_posix_init(&n->px);
    if (o->now != INT64_MIN)
        n->px.fixed_time = o->now;
    if (o->resolver) {
        if (mav_posix_parse_addr(o->resolver, &server) != MAV_OK)
            return tool_usage_error("bad --resolver '%s' (IP, IP:PORT or "
                                    "[IPv6]:PORT)", o->resolver);
    } else if (mav_posix_resolv_conf("/etc/resolv.conf", &server) != MAV_OK) {
        fprintf(stderr, "mav: no nameserver in /etc/resolv.conf; "
                        "give --resolver\n");
        return TOOL_EXIT_FAIL;
    }
    if (mav_dns_init(&n->dns, &n->px.port) != MAV_OK ||
        mav_dns_add_server(&n->dns, &server) != MAV_OK) {
        fprintf(stderr, "mav: resolver set-up failed\n");
        return TOOL_EXIT_FAIL;
    }
    mav_posix_attach(&n->px, &n->dns);
    return 0;
}

void tool_net_run(tool_net *n)
{
    (void)mav_posix_run(&n->px, n->timeout_ms);
}

void tool_net_close(tool_net *n)
{
    mav_posix_close(&n->px);
}

void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

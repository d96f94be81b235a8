/* SPDX-License-Identifier: MIT */
/*
 * tool.c - the shared parts of the host tool's commands (tool.h).
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "mav_dns_text.h"
#include "tool.h"
#include "zone/mav_zone.h"

/*
 * --zone FILE|DIR: the zone port answers from master files instead of a
 * server. The texts must outlive the resolver, so they live here, in one
 * static buffer (the tool runs one command); a directory means every
 * "*.zone" file in it, one zone each, like tests/world/zones. The origin
 * is the file's $ORIGIN (or its absolute SOA owner), else the file name.
 */
#define ZONE_TEXT_MAX (4u << 20)
static char zone_text[ZONE_TEXT_MAX];
static size_t zone_used;
static mav_zone_port zone_port;
static int zone_mode;

/* Read one file into zone_text and add it as a zone. */
static int zone_file(const char *path)
{
    char *text = zone_text + zone_used;
    size_t n;
    mav_perr e = {0, 0, NULL};
    unsigned line, col;
    FILE *f = fopen(path, "rb");
    int rc;

    if (!f) {
        fprintf(stderr, "mav: cannot read zone file '%s'\n", path);
        return TOOL_EXIT_USAGE;
    }
    n = fread(text, 1, ZONE_TEXT_MAX - zone_used, f);
    if (!feof(f)) {
        fclose(f);
        fprintf(stderr, "mav: %s: zone files over %u bytes in all\n", path,
                ZONE_TEXT_MAX);
        return TOOL_EXIT_USAGE;
    }
    fclose(f);
    zone_used += n;
    rc = mav_zone_add(&zone_port, text, n, NULL, &e);
    if (rc == MAV_ERR_FORMAT) {
        /* no $ORIGIN: a file named <zone>.zone (as tools/dnsworld names
         * them; root.zone is ".") says its origin, as a server's config
         * would */
        const char *base = strrchr(path, '/');
        size_t bl;
        uint8_t origin[MAV_DNS_NAME_MAX];
        base = base ? base + 1 : path;
        bl = strlen(base);
        if (bl > 5 && strcmp(base + bl - 5, ".zone") == 0 &&
            (strcmp(base, "root.zone") == 0
                 ? mav_dns_name_from_text(".", 1, NULL, origin, NULL)
                 : mav_dns_name_from_text(base, bl - 5, NULL, origin,
                                          NULL)) == MAV_OK)
            rc = mav_zone_add(&zone_port, text, n, origin, &e);
    }
    if (rc != MAV_OK) {
        mav_zone_line_col(text, n, e.offset, &line, &col);
        fprintf(stderr, "mav: %s:%u:%u: %s (%s)\n", path, line, col,
                e.what ? e.what : "cannot add the zone", mav_strerror(rc));
        return TOOL_EXIT_USAGE;
    }
    return 0;
}

static int zone_open(const char *path)
{
    struct stat st;
    struct dirent *d;
    DIR *dir;
    int rc = 0, count = 0;

    mav_zone_init(&zone_port, (uint32_t)time(NULL));
    zone_used = 0;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return zone_file(path);
    if (!(dir = opendir(path))) {
        fprintf(stderr, "mav: cannot read zone directory '%s'\n", path);
        return TOOL_EXIT_USAGE;
    }
    while (rc == 0 && (d = readdir(dir)) != NULL) {
        char full[4096];
        size_t l = strlen(d->d_name);
        if (l < 6 || strcmp(d->d_name + l - 5, ".zone") != 0)
            continue;
        snprintf(full, sizeof full, "%s/%s", path, d->d_name);
        rc = zone_file(full);
        count++;
    }
    closedir(dir);
    if (rc == 0 && count == 0) {
        fprintf(stderr, "mav: no *.zone file in '%s'\n", path);
        rc = TOOL_EXIT_USAGE;
    }
    return rc;
}

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
        strcmp(a, "--timeout-ms") != 0 && strcmp(a, "--now") != 0 &&
        strcmp(a, "--trust-anchor") != 0)
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
    } else if (strcmp(a, "--trust-anchor") == 0) {
        o->trust_anchor = v;
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

int tool_question_args(int argc, char **argv, const char *usage,
                       tool_opts *o, tool_question *q)
{
    const char *cmd = argv[0], *type_s = NULL;
    int i;

    memset(o, 0, sizeof *o);
    memset(q, 0, sizeof *q);
    o->now = INT64_MIN;
    for (i = 1; i < argc; i++) {
        int c = tool_common_opt(argc, argv, &i, o);
        if (c < 0)
            return TOOL_EXIT_USAGE;
        if (c > 0)
            continue;
        if (argv[i][0] == '-' && argv[i][1] != 0)
            return tool_usage_error("%s: unknown option '%s'", cmd, argv[i]);
        if (!q->name)
            q->name = argv[i];
        else if (!type_s)
            type_s = argv[i];
        else
            return tool_usage_error("%s: too many arguments\n%s", cmd, usage);
    }
    if (!q->name || !type_s)
        return tool_usage_error("%s: NAME and TYPE are needed\n%s", cmd,
                                usage);
    if (mav_dns_name_from_text(q->name, strlen(q->name), NULL, q->wire,
                               &q->wire_len) != MAV_OK)
        return tool_usage_error("%s: '%s' is not a domain name", cmd,
                                q->name);
    if (mav_dns_type_from_name(type_s, &q->type) != MAV_OK)
        return tool_usage_error("%s: unknown type '%s'", cmd, type_s);
    return 0;
}

int tool_parse_ip(const char *text, mav_addr *a)
{
    char buf[80];
    size_t n = strlen(text);

    if (n + 3 > sizeof buf)
        return -1;
    if (strchr(text, ':')) { /* IPv6: bracket it, no port after */
        buf[0] = '[';
        memcpy(buf + 1, text, n);
        memcpy(buf + 1 + n, "]", 2);
        return mav_posix_parse_addr(buf, a) == MAV_OK ? 0 : -1;
    }
    return mav_posix_parse_addr(text, a) == MAV_OK ? 0 : -1;
}

void tool_feed_crlf(tool_sink sink, void *arg, const uint8_t *buf, size_t n,
                    int *last_cr)
{
    static const uint8_t cr = '\r';
    size_t i, run = 0;

    for (i = 0; i < n; i++) {
        if (buf[i] == '\n' && !(i > 0 ? buf[i - 1] == '\r' : *last_cr)) {
            sink(arg, buf + run, i - run);
            sink(arg, &cr, 1);
            run = i;
        }
    }
    sink(arg, buf + run, n - run);
    if (n)
        *last_cr = buf[n - 1] == '\r';
}

/*
 * The trust anchors the options ask for: a file of DS/DNSKEY records, or
 * the built-in root anchors, or (with --zone and no file) none, since
 * local zone files rarely chain up to the real root.
 */
static int trust_anchors(tool_net *n, const tool_opts *o)
{
    static char text[65536];
    static mav_zone_reader rd;
    static mav_zone_rr rr;
    mav_perr e = {0, 0, NULL};
    unsigned line, col;
    size_t len;
    FILE *f;
    int rc;

    if (!o->trust_anchor) {
        if (o->zone)
            (void)mav_dns_set_trust_anchors(&n->dns, NULL, 0);
        return 0;
    }
    if (!(f = fopen(o->trust_anchor, "rb"))) {
        fprintf(stderr, "mav: cannot read trust anchor file '%s'\n",
                o->trust_anchor);
        return TOOL_EXIT_USAGE;
    }
    len = fread(text, 1, sizeof text, f);
    fclose(f);
    rc = mav_zone_trust_anchors(&n->dns, &rd, &rr, text, len, &e);
    if (rc != MAV_OK) {
        mav_zone_line_col(text, len, e.offset, &line, &col);
        fprintf(stderr, "mav: %s:%u:%u: %s\n", o->trust_anchor, line, col,
                e.what ? e.what : mav_strerror(rc));
        return TOOL_EXIT_USAGE;
    }
    return 0;
}

int tool_net_open(tool_net *n, const tool_opts *o)
{
    mav_addr server;

    memset(n, 0, sizeof *n);
    n->timeout_ms = o->timeout_ms ? o->timeout_ms : 15000;
    zone_mode = 0;
    mav_posix_init(&n->px);
    if (o->zone) {
        int rc = zone_open(o->zone);
        if (rc != 0)
            return rc;
        /* the clock for signature validity: --now or the real one */
        zone_port.unix_time = o->now != INT64_MIN ? o->now
                                                  : (int64_t)time(NULL);
        /* any address: the zone port answers whatever is asked of it */
        memset(&server, 0, sizeof server);
        server.family = 4;
        server.addr[0] = 127;
        server.addr[3] = 1;
        server.port = 53;
        if (mav_dns_init(&n->dns, &zone_port.port) != MAV_OK ||
            mav_dns_add_server(&n->dns, &server) != MAV_OK) {
            fprintf(stderr, "mav: resolver set-up failed\n");
            return TOOL_EXIT_FAIL;
        }
        mav_zone_attach(&zone_port, &n->dns);
        zone_mode = 1;
        return trust_anchors(n, o);
    }
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
    return trust_anchors(n, o);
}

void tool_net_run(tool_net *n)
{
    if (zone_mode)
        (void)mav_zone_run(&zone_port, n->timeout_ms);
    else
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

/* SPDX-License-Identifier: MIT */
/*
 * image_main.c - the body of the freestanding image: it calls every
 * public function of crypto/mav_crypto.h once, and drives core/'s DNS
 * codec, resolver and the whole verifier (SPF, DKIM, DMARC,
 * Authentication-Results) over a port that has no network, so that the
 * link with
 * --gc-sections keeps all of crypto/ that a real firmware could reach
 * and the freestanding proof (tools/freestanding-check) and "make size"
 * see the whole of it. It runs the self-test first; the other calls use
 * throw-away inputs and only have to be linked, not to succeed. Results
 * go to volatile globals that a debugger (or a later QEMU board) reads.
 * mav_image_reset(), the C start-up that both CPUs share, is here too:
 * the start files only set up what C cannot (vector table, sp, gp).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mav_crypto.h"
#include "mav_dns.h"
#include "mav_dns_text.h"
#include "mav_verify.h"

/* 0 when the self-test passed; which primitive failed otherwise. */
volatile int mav_image_status = 1;
volatile const char *mav_image_which;
/* A sink for every other result, so no call is optimised away. */
volatile uintptr_t mav_image_sink;

static const uint8_t msg[3] = {'a', 'b', 'c'};
/* Not a key or a signature: these calls need only be linked. */
static uint8_t junk[128];

static void hashes(void)
{
    uint8_t out[MAV_SHA512_LEN];
    mav_sha1_ctx c1;
    mav_sha256_ctx c256;
    mav_sha512_ctx c512;

    mav_sha1_init(&c1);
    mav_sha1_update(&c1, msg, sizeof msg);
    mav_sha1_final(&c1, out);
    mav_sha256_init(&c256);
    mav_sha256_update(&c256, msg, sizeof msg);
    mav_sha256_final(&c256, out);
    mav_sha384_init(&c512);
    mav_sha384_update(&c512, msg, sizeof msg);
    mav_sha384_final(&c512, out);
    mav_sha512_init(&c512);
    mav_sha512_update(&c512, msg, sizeof msg);
    mav_sha512_final(&c512, out);
    mav_sha256(msg, sizeof msg, out);
    mav_sha512(msg, sizeof msg, out);
    mav_image_sink += out[0];
}

static void signatures(void)
{
    mav_rsa_pub pub;
    int rc;

    rc = mav_rsa_parse_key(MAV_RSA_KEY_DER, junk, sizeof junk, &pub);
    if (rc == 0)
        rc = mav_rsa_pkcs1_verify(&pub, MAV_HASH_SHA256, junk, 32, junk,
                                  sizeof junk);
    mav_image_sink += (uintptr_t)rc;
    mav_image_sink += (uintptr_t)mav_ecdsa_p256_verify(junk, 64, junk, 32,
                                                       junk, 64);
    mav_image_sink += (uintptr_t)mav_ecdsa_p384_verify(junk, 96, junk, 48,
                                                       junk, 96);
    mav_image_sink += (uintptr_t)mav_ed25519_verify(junk, 32, msg,
                                                    sizeof msg, junk, 64);
    mav_image_sink += (uintptr_t)mav_crypto_strerror(rc);
}

/* A port with no network: every send fails, the clock stands still. */
static uint32_t no_clock(void *u)
{
    (void)u;
    return 0;
}
static int64_t no_wall(void *u)
{
    (void)u;
    return MAV_PORT_TIME_UNKNOWN;
}
static int no_random(void *u, void *b, size_t n)
{
    (void)u;
    memset(b, 0x5a, n);
    return 0;
}
static int no_udp_open(void *u, unsigned s, const mav_addr *a, uint16_t p)
{
    (void)u, (void)s, (void)a, (void)p;
    return MAV_ERR_STATE;
}
static int no_send(void *u, unsigned s, const uint8_t *d, size_t n)
{
    (void)u, (void)s, (void)d, (void)n;
    return MAV_ERR_STATE;
}
static void no_close(void *u, unsigned s)
{
    (void)u, (void)s;
}
static int no_tcp_open(void *u, unsigned s, const mav_addr *a)
{
    (void)u, (void)s, (void)a;
    return MAV_ERR_STATE;
}

static mav_dns_ctx resolver;

static void dns(void)
{
    static const struct mav_port port = {
        MAV_PORT_VERSION, NULL,     no_clock,    no_wall,  no_random,
        no_udp_open,      no_send,  no_close,    no_tcp_open, no_send,
        no_close,         NULL};
    static const uint8_t name[] = {3, 'm', 'a', 'v', 4, 't', 'e', 's', 't', 0};
    mav_addr server;
    mav_dns_handle h = 0;
    mav_dns_result res;
    mav_dns_msg m;
    mav_dns_rr rr;
    mav_dns_iter it;
    char text[64];

    memset(&server, 0, sizeof server);
    server.family = 4;
    server.port = 53;
    mav_image_sink += (uintptr_t)mav_dns_init(&resolver, &port);
    mav_image_sink += (uintptr_t)mav_dns_add_server(&resolver, &server);
    mav_image_sink += (uintptr_t)mav_dns_lookup(&resolver, name, sizeof name,
                                                MAV_DNS_TYPE_TXT, &h);
    mav_image_sink += (uintptr_t)mav_dns_poll(&resolver, NULL);
    mav_image_sink += (uintptr_t)mav_dns_get_result(&resolver, h, &res);
    mav_dns_release(&resolver, h);
    if (mav_dns_msg_parse(&m, junk, sizeof junk, NULL) == MAV_OK) {
        mav_dns_iter_init(&it, &m, MAV_DNS_SEC_ALL);
        while (mav_dns_iter_next(&it, &rr) > 0)
            mav_image_sink += (uintptr_t)mav_dns_rdata_to_text(&m, &rr, text,
                                                               sizeof text);
    }
    mav_image_sink += (uintptr_t)mav_strerror(MAV_ERR_ARG);
}

/* The whole verifier over the same network-less resolver: every lookup
 * fails at once, so each check ends with its error path. */
static mav_verify_ctx verifier;

static void verify(void)
{
    static const uint8_t message[] =
        "From: a@example.com\r\nDKIM-Signature: v=1; a=rsa-sha256; "
        "d=example.com; s=s; h=from; bh=AA==; b=AA==\r\n\r\nbody\r\n";
    static char field[512];
    mav_verify_envelope_in env;
    size_t len;
    int rounds;

    memset(&env, 0, sizeof env);
    env.client.family = 4;
    env.helo = "mail.example.com";
    env.mail_from = "a@example.com";
    mav_verify_init(&verifier, &resolver, MAV_PORT_TIME_UNKNOWN);
    mav_verify_envelope(&verifier, &env);
    mav_verify_feed(&verifier, message, sizeof message - 1);
    mav_verify_end(&verifier);
    for (rounds = 0; rounds < 100; rounds++) {
        mav_dns_poll(&resolver, NULL);
        if (mav_verify_poll(&verifier) != MAV_PENDING)
            break;
    }
    mav_image_sink += (uintptr_t)mav_verify_authres(
        &verifier, "mx.example.net", field, sizeof field, &len);
    mav_verify_abort(&verifier);
}

int main(void);
void mav_image_reset(void);

/* Set by the linker scripts: .data's image in flash, .data and .bss. */
extern uint8_t _sidata[], _sdata[], _edata[], _sbss[], _ebss[];

int main(void)
{
    const char *which = NULL;

    mav_crypto_init();
    mav_image_status = mav_crypto_selftest(&which);
    mav_image_which = which;
    hashes();
    signatures();
    dns();
    verify();
    mav_image_sink += mav_crypto_arena_size() + mav_crypto_arena_peak();
    mav_image_sink += (uintptr_t)mav_crypto_arena_check();
    return mav_image_status;
}

/* The reset handler: what the C runtime would set up, then main. */
void mav_image_reset(void)
{
    memcpy(_sdata, _sidata, (size_t)((uintptr_t)_edata - (uintptr_t)_sdata));
    memset(_sbss, 0, (size_t)((uintptr_t)_ebss - (uintptr_t)_sbss));
    (void)main();
    for (;;) {
    }
}

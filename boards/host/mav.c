/* SPDX-License-Identifier: MIT */
/*
 * mav.c - the host command-line tool: operators run it to see why a
 * message passed or failed. This file only parses the command line and
 * dispatches; each command lives in its own cmd_*.c beside it.
 *
 *   mav --version      version, crypto backend and the crypto self-test
 *   mav dns NAME TYPE  one lookup through mav's resolver (cmd_dns.c)
 *   mav dnssec NAME TYPE  the same with its DNSSEC verdict and chain
 *                      of trust (cmd_dnssec.c)
 *   mav verify ...     SPF, DKIM and DMARC of one message, as an
 *                      Authentication-Results field (cmd_verify.c)
 *   mav dmarc ...      the same as separate result lines
 *   mav dkim [FILE|-]  verify the message's DKIM signatures (cmd_dkim.c)
 *   mav spf --ip A --mail-from M --helo H  SPF check_host() (cmd_spf.c)
 *   mav help           usage
 *
 * Exit status: 0 done, 1 a failed self-test, 2 a usage error.
 */
#include <stdio.h>
#include <string.h>

#include "mav_crypto.h"
#include "mav_config.h"
#include "mav_version.h"
#include "tool.h"

static const char usage[] =
    "usage: mav COMMAND [ARGS]\n"
    "  mav --version      print the version and run the crypto self-test\n"
    "  mav dns NAME TYPE [--resolver IP[:PORT]] [--zone FILE]\n"
    "                    [--timeout-ms N] [--json]\n"
    "                     one lookup through mav's own DNS client\n"
    "  mav dnssec NAME TYPE [--trust-anchor FILE] [--now UNIXTIME] ...\n"
    "                     the DNSSEC verdict and the chain of trust\n"
    "  mav dkim [FILE|-] [--resolver ...|--zone FILE] [--now UNIXTIME]\n"
    "                    [--json]  verify every DKIM signature\n"
    "  mav spf --ip ADDR --mail-from ADDR --helo NAME [--resolver ...|\n"
    "                    --zone FILE] [--json]\n"
    "                     SPF (RFC 7208) for an SMTP envelope\n"
    "  mav verify --ip ADDR --helo NAME --mail-from ADDR [FILE|-]\n"
    "             [--resolver ...|--zone FILE] [--authserv-id ID] [--json]\n"
    "                     SPF, DKIM and DMARC: the Authentication-Results\n"
    "  mav dmarc ...      the same, as one line per result\n"
    "  mav help           this text\n";

static int cmd_version(void)
{
    const char *which = "";
    int rc = mav_crypto_selftest(&which);

    printf("mav %s\n", MAV_VERSION_STRING);
    printf("crypto: %s; Ed25519: mav's own (%s-bit limbs)\n",
           mav_crypto_backend(), MAV_CFG_ED25519_64BIT ? "64" : "32");
    printf("crypto arena: %zu bytes, peak after self-test %zu bytes\n",
           mav_crypto_arena_size(), mav_crypto_arena_peak());
    if (rc == 0) {
        printf("self-test: ok (SHA-1/256/384/512, RSA PKCS#1 v1.5, "
               "ECDSA P-256, Ed25519)\n");
        return 0;
    }
    printf("self-test: FAILED in %s: %s\n", which, mav_crypto_strerror(rc));
    return 1;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "dns") == 0)
        return cmd_dns(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "dnssec") == 0)
        return cmd_dnssec(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "verify") == 0)
        return cmd_verify(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "dmarc") == 0)
        return cmd_dmarc(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "dkim") == 0)
        return cmd_dkim(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "spf") == 0)
        return cmd_spf(argc - 1, argv + 1);
    if (argc == 2 && (strcmp(argv[1], "--version") == 0 ||
                      strcmp(argv[1], "version") == 0))
        return cmd_version();
    if (argc == 2 && (strcmp(argv[1], "help") == 0 ||
                      strcmp(argv[1], "--help") == 0 ||
                      strcmp(argv[1], "-h") == 0)) {
        fputs(usage, stdout);
        return 0;
    }
    if (argc < 2)
        fprintf(stderr, "mav: no command given (try 'mav help')\n");
    else
        fprintf(stderr, "mav: unknown command or option '%s' (try 'mav help')\n",
                argv[1]);
    return 2;
}

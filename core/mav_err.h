/* SPDX-License-Identifier: MIT */
/*
 * mav_err.h - the return codes every mav function shares (STYLE.md C9).
 *
 * A function returns an int: MAV_OK (0) when it did what was asked,
 * MAV_PENDING (1) when it waits for the network and must be called again,
 * a negative MAV_ERR_* for a fault. Verdicts (SPF pass, DNSSEC bogus...)
 * are never return codes: they live in each module's own enum. The crypto
 * layer keeps its own MAV_CRYPTO_ERR_* range (-0x101...), disjoint from
 * these. mav_strerror() is always compiled in, so a device log can say
 * what failed.
 */
#ifndef MAV_ERR_H
#define MAV_ERR_H

#ifdef __cplusplus
extern "C" {
#endif

#define MAV_OK 0
#define MAV_PENDING 1            /* not done yet: push input, poll again */
#define MAV_ERR_ARG (-1)         /* NULL pointer, bad length or value */
#define MAV_ERR_STATE (-2)       /* call not valid in this state */
#define MAV_ERR_SPACE (-3)       /* caller's buffer too small */
#define MAV_ERR_FORMAT (-4)      /* input malformed or truncated */
#define MAV_ERR_LIMIT (-5)       /* a configured or RFC limit was reached */
#define MAV_ERR_TIMEOUT (-6)     /* no answer in time */
#define MAV_ERR_CRYPTO (-7)      /* a crypto primitive failed */
#define MAV_ERR_UNSUPPORTED (-8) /* well-formed but not implemented */
#define MAV_ERR_BUSY (-9)        /* resource taken (e.g. a local port) */

/**
 * \brief  Name of a return code, for logs.
 * \param  code  any MAV_OK / MAV_PENDING / MAV_ERR_* value.
 * \return a static string; "unknown error" for a code not listed above.
 */
const char *mav_strerror(int code);

#ifdef __cplusplus
}
#endif

#endif /* MAV_ERR_H */

/* SPDX-License-Identifier: MIT */
/*
 * mav_err.c - names of the shared return codes (STYLE.md C9): always
 * compiled in, unlike a debug-only strerror, so a field log is readable.
 */
#include "mav_err.h"

/* see mav_err.h */
const char *mav_strerror(int code)
{
    switch (code) {
    case MAV_OK:
        return "ok";
    case MAV_PENDING:
        return "pending";
    case MAV_ERR_ARG:
        return "bad argument";
    case MAV_ERR_STATE:
        return "wrong state";
    case MAV_ERR_SPACE:
        return "buffer too small";
    case MAV_ERR_FORMAT:
        return "malformed input";
    case MAV_ERR_LIMIT:
        return "limit reached";
    case MAV_ERR_TIMEOUT:
        return "timed out";
    case MAV_ERR_CRYPTO:
        return "crypto failure";
    case MAV_ERR_UNSUPPORTED:
        return "unsupported";
    case MAV_ERR_BUSY:
        return "resource busy";
    default:
        return "unknown error";
    }
}

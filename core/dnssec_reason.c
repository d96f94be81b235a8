/* SPDX-License-Identifier: MIT */
/*
 * dnssec_reason.c - the words for each mav_dnssec_reason, always compiled
 * in (STYLE.md C9) so that a device log and the CLI can say why an
 * answer is bogus or indeterminate, and which work limit ran out.
 */
#include "mav_dnssec.h"

static const char *const reason_text[MAV_DNSSEC_R__COUNT] = {
    "ok",
    "signature expired",
    "signature not yet valid",
    "no wall clock: validity window unproven",
    "unsupported algorithm",
    "unsupported DS digest type",
    "no matching DNSKEY (signer, algorithm, key tag)",
    "signature mismatch",
    "malformed RRSIG",
    "malformed DNSKEY or DS",
    "key size outside the accepted range",
    "malformed record in the RRset",
    "missing RRSIG",
    "RRSIG covers another type or class",
    "RRSIG labels field larger than the owner's label count",
    "signer is not the owner or a parent of it",
    "DNSKEY is not a zone key (flags bit 7) or is revoked",
    "DNSKEY protocol is not 3",
    "DS digest does not match the DNSKEY",
    "crypto backend failure",
    "NSEC3 iterations above the limit",
    "limit: RRSIGs per RRset",
    "limit: keys per RRSIG",
    "limit: signature validations per lookup",
    "limit: failed validations per lookup",
    "limit: NSEC3 hash iterations per lookup",
    "limit: RRs per RRset",
    "limit: canonical RDATA size",
    "no DNSKEY RRset for the signer zone",
    "a DS or DNSKEY lookup failed",
    "no proof of nonexistence",
    "a zone on the path does not exist",
    "records signed by an unexpected zone",
    "unsigned delegation (no DS)",
    "NSEC3 opt-out span",
    "no DS of a supported algorithm and digest",
    "no lookup slot free for the key chain",
};

/* see mav_dnssec.h */
const char *mav_dnssec_reason_str(mav_dnssec_reason r)
{
    if ((unsigned)r >= (unsigned)MAV_DNSSEC_R__COUNT)
        return "unknown reason";
    return reason_text[r];
}

/* see mav_dnssec.h */
int mav_dnssec_reason_is_limit(mav_dnssec_reason r)
{
    return r >= MAV_DNSSEC_R_LIMIT_SIGS && r <= MAV_DNSSEC_R_LIMIT_RDATA;
}

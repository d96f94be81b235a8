/* SPDX-License-Identifier: MIT */
/*
 * mav_dnssec_denial.h - what the NSEC / NSEC3 records of a response
 * prove about a question (RFC 4035 §5.4, RFC 6840 §4, RFC 5155 §8), for
 * the validator.
 *
 * Use: validate the signatures of every NSEC/NSEC3 RRset of the
 * response's authority section first (mav_dnssec_verify_rrset); then
 *   - a negative answer: mav_denial_check(m, zone, qname, qtype, ...)
 *     with zone = the signer of those records;
 *   - a positive answer whose RRSIG Labels show a wildcard expansion:
 *     mav_denial_wildcard_answer() proves no closer name exists.
 * The records are read in place from the message. NSEC3 hashing spends
 * the budget (CVE-2023-50868); running out gives MAV_DENIAL_LIMIT.
 */
#ifndef MAV_DNSSEC_DENIAL_H
#define MAV_DNSSEC_DENIAL_H

#include <stddef.h>
#include <stdint.h>

#include "mav_dnssec.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    MAV_DENIAL_NONE = 0, /* nothing proven */
    MAV_DENIAL_NXDOMAIN, /* the name does not exist, nor a wildcard that
                          * could produce it */
    MAV_DENIAL_NODATA,   /* the name (or the wildcard, see .wildcard)
                          * exists without the type */
    MAV_DENIAL_INSECURE, /* NSEC3 opt-out span over the name (RFC 5155
                          * §9.2), or iterations over the cap (RFC 9276
                          * §3.2): an unsigned answer is acceptable */
    MAV_DENIAL_LIMIT     /* the NSEC3 hash budget ran out: bogus */
} mav_denial_proof;

typedef struct {
    mav_denial_proof proof;
    uint8_t wildcard;   /* the proof went through a wildcard */
    uint8_t delegation; /* DS NODATA at a zone cut: an unsigned
                         * delegation (RFC 4035 §5.2) */
    uint8_t nsec3;      /* NSEC3 records were used */
    uint8_t optout;     /* an opt-out span decided */
    uint8_t too_many_iterations;
} mav_denial;

/**
 * \brief  Do the NSEC/NSEC3 records of zone in m's authority section
 *         prove that qname has no qtype RRset (NODATA, also at a
 *         wildcard), or does not exist (NXDOMAIN)?
 * \return MAV_OK with d filled; MAV_ERR_ARG.
 */
int mav_denial_check(const mav_dns_msg *m, const uint8_t *zone,
                     const uint8_t *qname, uint16_t qtype,
                     mav_dnssec_budget *b, mav_denial *d);

/**
 * \brief  For an answer synthesized from a wildcard (RRSIG Labels
 *         sig_labels < the labels of qname): prove that qname itself does
 *         not exist (RFC 4035 §5.3.4, RFC 5155 §8.8). d->proof is
 *         MAV_DENIAL_NXDOMAIN when proven, _INSECURE for an opt-out span.
 * \return MAV_OK; MAV_ERR_ARG (also when sig_labels >= labels of qname).
 */
int mav_denial_wildcard_answer(const mav_dns_msg *m, const uint8_t *zone,
                               const uint8_t *qname, unsigned sig_labels,
                               mav_dnssec_budget *b, mav_denial *d);

#ifdef __cplusplus
}
#endif

#endif /* MAV_DNSSEC_DENIAL_H */

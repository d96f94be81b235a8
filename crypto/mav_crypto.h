/* SPDX-License-Identifier: MIT */
/*
 * mav_crypto.h - the verify-only cryptography that mav's core needs.
 *
 * Hashes: SHA-1 (NSEC3 only, RFC 5155), SHA-256, SHA-384, SHA-512
 * (FIPS 180-4), incremental, with caller-allocated contexts.
 * Signatures, verify only:
 *   - RSA PKCS#1 v1.5 (RFC 8017 §8.2.2) with SHA-256 or SHA-512 digests,
 *     keys as DER SubjectPublicKeyInfo, DER RSAPublicKey (both occur in
 *     DKIM p=, RFC 6376 §3.6.1) or the DNSKEY form of RFC 3110 §2;
 *   - ECDSA P-256/SHA-256 and P-384/SHA-384 with DNSSEC's raw encodings
 *     (RFC 6605 §4: key X||Y, signature r||s);
 *   - Ed25519 (RFC 8032 §5.1.7, pure), our own code.
 *
 * Call sequence for a signature:
 *   1. hash the signed data with mav_sha*_init/update/final;
 *   2. for RSA, mav_rsa_parse_key() the key bytes once (no copy: the
 *      result points into them), then mav_rsa_pkcs1_verify();
 *      for ECDSA and Ed25519, call the verifier with the raw key.
 *
 * Every verifier returns 0 (MAV_CRYPTO_OK) for a valid signature and one
 * of the distinct negative MAV_CRYPTO_ERR_* codes otherwise; never 1 for
 * "true". Nothing reads outside the (pointer, length) pairs it is given.
 * Nothing calls malloc: Mbed TLS's bignums come from one static arena
 * owned by crypto/ (MAV_CFG_MBEDTLS_ARENA bytes), see mav_crypto_arena_*.
 * The arena has no lock: the port must not verify from two threads.
 */
#ifndef MAV_CRYPTO_H
#define MAV_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- result codes ------------------------------------------------------ */

#define MAV_CRYPTO_OK 0
#define MAV_CRYPTO_ERR_ARG (-0x101)         /* NULL pointer, bad length */
#define MAV_CRYPTO_ERR_KEY (-0x102)         /* key bytes malformed */
#define MAV_CRYPTO_ERR_KEY_SIZE (-0x103)    /* key size outside limits */
#define MAV_CRYPTO_ERR_SIG (-0x104)         /* signature malformed */
#define MAV_CRYPTO_ERR_MISMATCH (-0x105)    /* well-formed, does not verify */
#define MAV_CRYPTO_ERR_UNSUPPORTED (-0x106) /* hash or curve not built in */
#define MAV_CRYPTO_ERR_MEMORY (-0x107)      /* Mbed TLS arena exhausted */

/** \brief A short constant English name for a MAV_CRYPTO_* code. */
const char *mav_crypto_strerror(int code);

/* ---- hashes ------------------------------------------------------------ */

#define MAV_SHA1_LEN 20
#define MAV_SHA256_LEN 32
#define MAV_SHA384_LEN 48
#define MAV_SHA512_LEN 64

/*
 * Hash contexts. Fields are private and the size may change; they hold
 * no pointers, so a struct copy snapshots a running hash (DKIM forks
 * the header hash this way). No cleanup is needed.
 */
typedef struct {
    uint64_t priv[12];
} mav_sha1_ctx;
typedef struct {
    uint64_t priv[14];
} mav_sha256_ctx;
typedef struct {
    uint64_t priv[28];
} mav_sha512_ctx; /* also SHA-384 */

void mav_sha1_init(mav_sha1_ctx *ctx);
void mav_sha1_update(mav_sha1_ctx *ctx, const void *data, size_t len);
void mav_sha1_final(mav_sha1_ctx *ctx, uint8_t out[MAV_SHA1_LEN]);

void mav_sha256_init(mav_sha256_ctx *ctx);
void mav_sha256_update(mav_sha256_ctx *ctx, const void *data, size_t len);
void mav_sha256_final(mav_sha256_ctx *ctx, uint8_t out[MAV_SHA256_LEN]);

void mav_sha384_init(mav_sha512_ctx *ctx);
void mav_sha384_update(mav_sha512_ctx *ctx, const void *data, size_t len);
void mav_sha384_final(mav_sha512_ctx *ctx, uint8_t out[MAV_SHA384_LEN]);

void mav_sha512_init(mav_sha512_ctx *ctx);
void mav_sha512_update(mav_sha512_ctx *ctx, const void *data, size_t len);
void mav_sha512_final(mav_sha512_ctx *ctx, uint8_t out[MAV_SHA512_LEN]);

/** \brief One-shot helpers: out must hold the digest length. */
void mav_sha256(const void *data, size_t len, uint8_t out[MAV_SHA256_LEN]);
void mav_sha512(const void *data, size_t len, uint8_t out[MAV_SHA512_LEN]);

/* ---- RSA PKCS#1 v1.5 ---------------------------------------------------- */

typedef enum {
    MAV_RSA_KEY_SPKI = 1, /* DER SubjectPublicKeyInfo, rsaEncryption */
    MAV_RSA_KEY_PKCS1,    /* DER RSAPublicKey (RFC 8017 A.1.1) */
    MAV_RSA_KEY_DER,      /* either of the two above (DKIM p=) */
    MAV_RSA_KEY_DNSKEY    /* RFC 3110 §2: exponent length, e, n */
} mav_rsa_key_format;

typedef enum {
    MAV_HASH_SHA256 = 1,
    MAV_HASH_SHA512
} mav_rsa_hash;

/*
 * A parsed RSA public key: big-endian magnitudes, leading zero bytes
 * stripped, pointing into the buffer given to mav_rsa_parse_key (keep
 * that buffer alive while the key is used).
 */
typedef struct {
    const uint8_t *n;
    size_t n_len;
    const uint8_t *e;
    size_t e_len;
    unsigned bits; /* modulus size in bits */
} mav_rsa_pub;

/**
 * \brief Parse an RSA public key.
 * \param fmt   in: encoding of key
 * \param key   in: key bytes, key_len long
 * \param pub   out: the key (also filled, bits included, when the only
 *              fault is its size, so a caller can report "key too small")
 * \return 0; MAV_CRYPTO_ERR_KEY for a malformed encoding, an even or
 *         tiny (< 3) exponent or one over 64 bits; MAV_CRYPTO_ERR_KEY_SIZE
 *         for a modulus outside MAV_CFG_RSA_MIN_BITS..MAX_BITS;
 *         MAV_CRYPTO_ERR_ARG for NULL arguments or a bad fmt.
 */
int mav_rsa_parse_key(mav_rsa_key_format fmt, const uint8_t *key,
                      size_t key_len, mav_rsa_pub *pub);

/**
 * \brief Verify an RSASSA-PKCS1-v1_5 signature over a digest.
 * \param pub     in: key from mav_rsa_parse_key
 * \param hash    in: which digest (its DigestInfo is checked)
 * \param digest  in: digest bytes, digest_len (32 or 64) long
 * \param sig     in: signature, exactly as long as the modulus
 * \return 0 valid; MAV_CRYPTO_ERR_SIG wrong length or sig >= n;
 *         MAV_CRYPTO_ERR_MISMATCH; MAV_CRYPTO_ERR_KEY_SIZE;
 *         MAV_CRYPTO_ERR_MEMORY; MAV_CRYPTO_ERR_ARG.
 */
int mav_rsa_pkcs1_verify(const mav_rsa_pub *pub, mav_rsa_hash hash,
                         const uint8_t *digest, size_t digest_len,
                         const uint8_t *sig, size_t sig_len);

/* ---- ECDSA (RFC 6605 raw forms) ----------------------------------------- */

/**
 * \brief Verify ECDSA P-256 over a SHA-256 digest.
 * \param key  in: 64 bytes X||Y; \param sig in: 64 bytes r||s
 * \return 0; MAV_CRYPTO_ERR_KEY (length, or point not on the curve);
 *         MAV_CRYPTO_ERR_SIG (length, r or s outside 1..n-1);
 *         MAV_CRYPTO_ERR_MISMATCH; MAV_CRYPTO_ERR_MEMORY; _ARG.
 */
int mav_ecdsa_p256_verify(const uint8_t *key, size_t key_len,
                          const uint8_t *digest, size_t digest_len,
                          const uint8_t *sig, size_t sig_len);

/** \brief As mav_ecdsa_p256_verify for P-384 (96-byte key and sig). */
int mav_ecdsa_p384_verify(const uint8_t *key, size_t key_len,
                          const uint8_t *digest, size_t digest_len,
                          const uint8_t *sig, size_t sig_len);

/* ---- Ed25519 (RFC 8032 §5.1.7) ------------------------------------------ */

#define MAV_ED25519_KEY_LEN 32
#define MAV_ED25519_SIG_LEN 64

/**
 * \brief Verify a pure Ed25519 signature over msg (msg may be NULL when
 * msg_len is 0).
 * Cofactorless check [S]B = R + [k]A, with S < L and canonical encodings
 * of A and R required and A or R of small order refused, as libsodium
 * does (see crypto/ed25519_verify.c for the choice and the edge cases).
 * \return 0; MAV_CRYPTO_ERR_KEY (length, non-canonical, not on the curve
 *         or of small order); MAV_CRYPTO_ERR_SIG (length, S >= L, R
 *         non-canonical, not on the curve or of small order);
 *         MAV_CRYPTO_ERR_MISMATCH; MAV_CRYPTO_ERR_ARG (key or sig NULL,
 *         or msg NULL with msg_len > 0).
 */
int mav_ed25519_verify(const uint8_t *key, size_t key_len,
                       const uint8_t *msg, size_t msg_len,
                       const uint8_t *sig, size_t sig_len);

/**
 * \brief The same check with the message already hashed by the caller:
 * hram_digest = SHA-512(R || A || M), R the first 32 bytes of sig, A the
 * key (RFC 8032 §5.1.7 step 2 before "mod L"). The hash can then be fed
 * in pieces, so a long message (DNSSEC's signed data, RFC 8080 §3) need
 * not sit in one buffer. This is pure Ed25519, not Ed25519ph (RFC 8032
 * §5.1: the prehash variant hashes M alone and signs a different
 * string). Same results as mav_ed25519_verify for the same R, A, M.
 */
int mav_ed25519_verify_hram(const uint8_t *key, size_t key_len,
                            const uint8_t hram_digest[MAV_SHA512_LEN],
                            const uint8_t *sig, size_t sig_len);

/* ---- the Mbed TLS arena ------------------------------------------------- */

/** \brief Set up the arena; idempotent, also done by the first verify. */
void mav_crypto_init(void);

/** \brief Peak bytes ever in use in the arena, and its size. */
size_t mav_crypto_arena_peak(void);
size_t mav_crypto_arena_size(void);

/** \brief 0 when Mbed TLS's own consistency check of the arena passes. */
int mav_crypto_arena_check(void);

/** \brief What implements the primitives, e.g. "Mbed TLS 3.6.6". */
const char *mav_crypto_backend(void);

/**
 * \brief Known-answer self-test of every primitive (one vector each).
 * \return 0, or the negative code of the first primitive that failed,
 *         with *which set to its name.
 */
int mav_crypto_selftest(const char **which);

#ifdef __cplusplus
}
#endif

#endif /* MAV_CRYPTO_H */

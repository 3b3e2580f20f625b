/*
 * rsa/rsa_vectors.c -- the RSA vector-file runner behind `cryptolab vectors`.
 *
 * Recognised by file name:
 *   NIST CAVP (FIPS 186-3 RSA validation system, 186-3rsatestvectors.zip):
 *     SigGen15_186-3.txt / SigGenPSS_186-3.txt  (carry d and SaltVal):
 *         every signature is recomputed and compared, then verified;
 *     SigGen15_186-3.rsp / SigGenPSS_186-3.rsp: every signature verified;
 *     SigVer15_186-3.rsp / SigVerPSS_186-3.rsp: our verdict must equal Result;
 *     KeyGen_RandomProbablyPrime3_3.rsp: n = pq, ed = 1 mod lambda(n), CRT.
 *   RSA Laboratories PKCS #1 v2.1 (pkcs-1v2-1-vec.zip) and v1.5 vectors:
 *     oaep-vect.txt (encrypt with the given seed, decrypt), pss-vect.txt
 *     (sign with the given salt, verify), pkcs1v15sign-vectors.txt -- SHA-1.
 *   The project's own known answers: vectors/rsa/rsa_kat*.rsp (Scheme =
 *     OAEP-SHA256 / PSS-SHA256 / PKCS1-SHA256, optionally "-MGF1SHA1" for a
 *     different MGF1 hash; "Result = F" marks an input that must be refused).
 * SHA-224/384/512 cases are counted as skipped (not implemented).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "common/vectors.h"
#include "common/rsp.h"
#include "common/hex.h"
#include "rsa/rsa.h"

#define VBUF 4096

enum vmode {
    M_SIGGEN15_TXT, M_SIGGEN15_RSP, M_SIGGENPSS_TXT, M_SIGGENPSS_RSP,
    M_SIGVER15, M_SIGVERPSS, M_KEYGEN, M_KAT,
    M_LABS_OAEP, M_LABS_PSS, M_LABS_V15
};

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static int detect(const char *path, enum vmode *m)
{
    const char *b = base_name(path);
    static const struct { const char *name; enum vmode m; } tab[] = {
        {"SigGen15_186-3.txt", M_SIGGEN15_TXT}, {"SigGen15_186-3.rsp", M_SIGGEN15_RSP},
        {"SigGenPSS_186-3.txt", M_SIGGENPSS_TXT}, {"SigGenPSS_186-3.rsp", M_SIGGENPSS_RSP},
        {"SigVer15_186-3.rsp", M_SIGVER15}, {"SigVerPSS_186-3.rsp", M_SIGVERPSS},
        {"KeyGen_RandomProbablyPrime3_3.rsp", M_KEYGEN},
        {"oaep-vect.txt", M_LABS_OAEP}, {"pss-vect.txt", M_LABS_PSS},
        {"pkcs1v15sign-vectors.txt", M_LABS_V15},
    };
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (strcmp(b, tab[i].name) == 0) {
            *m = tab[i].m;
            return 1;
        }
    if (strncmp(b, "rsa_kat", 7) == 0 && strlen(b) > 4 && strcmp(b + strlen(b) - 4, ".rsp") == 0) {
        *m = M_KAT;
        return 1;
    }
    return 0;
}

/* Hex to bytes; an odd number of digits means a dropped leading zero. */
static int hex_bytes(const char *hex, uint8_t *out, size_t cap, size_t *len)
{
    char tmp[2 * VBUF + 2];
    size_t n = strlen(hex);
    if (n + 2 > sizeof tmp)
        return 0;
    if (n % 2) {
        tmp[0] = '0';
        memcpy(tmp + 1, hex, n + 1);
    } else {
        memcpy(tmp, hex, n + 1);
    }
    return cl_hex_decode(tmp, out, cap, len) == CL_OK;
}

static int hex_mpz(mpz_t x, const char *hex)
{
    return hex[0] != '\0' && mpz_set_str(x, hex, 16) == 0;
}

static const cl_hash *hash_by_name(const char *name)
{
    if (strcmp(name, "SHA256") == 0 || strcmp(name, "SHA-256") == 0)
        return &cl_hash_sha256;
    if (strcmp(name, "SHA1") == 0 || strcmp(name, "SHA-1") == 0)
        return &cl_hash_sha1;
    return NULL;
}

static void log_hex(FILE *log, const char *label, const uint8_t *b, size_t n)
{
    char buf[2 * VBUF + 1];              /* on the stack: runners may run in threads */
    if (n > VBUF)
        n = VBUF;
    cl_hex_encode(b, n, buf);
    fprintf(log, "    %s: %s\n", label, n ? buf : "(empty)");
}

static void add_note(struct vec_result *res, const char *what)
{
    size_t used = strlen(res->note);
    if (strstr(res->note, what) != NULL)
        return;
    snprintf(res->note + used, sizeof res->note - used, "%s%s", used ? "; " : "", what);
}

/* ------------------------------------------------------------------ CAVP / KAT */

struct rec {
    char alg[32], scheme[32];
    uint8_t msg[VBUF], sig[VBUF], salt[VBUF], label[VBUF];
    size_t msg_len, sig_len, salt_len, label_len, salt_field_len;
    int have_msg, have_sig, have_salt, have_result, have_label, have_saltlen;
    char result;
    unsigned long line;
};

struct keystate {
    rsa_key key;
    int have_n, have_e, have_d, have_p, have_q;
    int dirty;          /* key material changed since last derivation */
    int priv_ok;        /* private key derived and checked */
};

static void rec_reset(struct rec *r)
{
    r->alg[0] = r->scheme[0] = '\0';
    r->have_msg = r->have_sig = r->have_salt = r->have_result = r->have_label = 0;
    r->have_saltlen = 0;
    r->msg_len = r->sig_len = r->salt_len = r->label_len = 0;
}

static int derive_private(struct keystate *ks)
{
    if (!ks->dirty)
        return ks->priv_ok;
    ks->dirty = 0;
    ks->priv_ok = 0;
    if (ks->have_p && ks->have_q && ks->have_d)
        ks->priv_ok = rsa_key_complete_crt(&ks->key) == CL_OK;
    else if (ks->have_d)
        ks->priv_ok = rsa_key_recover_factors(&ks->key) == CL_OK;
    return ks->priv_ok;
}

static void fail_case(struct vec_result *res, FILE *log, const char *path, unsigned long line,
                      const char *what)
{
    res->failed++;
    fprintf(log, "%s:%lu: FAIL %s\n", path, line, what);
}

static void run_cavp_record(enum vmode mode, struct keystate *ks, struct rec *r,
                            struct vec_result *res, FILE *log, const char *path)
{
    const cl_hash *h, *mgf = NULL;
    uint8_t out[VBUF];
    size_t out_len = 0, k;
    cl_status st;
    int pss = mode == M_SIGGENPSS_TXT || mode == M_SIGGENPSS_RSP || mode == M_SIGVERPSS;

    res->cases++;
    if (mode == M_KAT) {
        /* "OAEP-SHA256", "PSS-SHA256", "PKCS1-SHA256"; a "-MGF1SHA1" suffix
         * names a different hash inside MGF1 (RFC 8017 A.2.1, A.2.3). */
        char base[32];
        char *suffix;
        snprintf(base, sizeof base, "%s", r->scheme);
        if ((suffix = strstr(base, "-MGF1")) != NULL) {
            mgf = hash_by_name(suffix + 5);
            *suffix = '\0';
        }
        if (suffix != NULL && (mgf == NULL || strncmp(base, "PKCS1-", 6) == 0))
            h = NULL;
        else if (strncmp(base, "OAEP-", 5) == 0)
            h = hash_by_name(base + 5);
        else if (strncmp(base, "PSS-", 4) == 0)
            h = hash_by_name(base + 4), pss = 1;
        else if (strncmp(base, "PKCS1-", 6) == 0)
            h = hash_by_name(base + 6);
        else
            h = NULL;
    } else {
        h = hash_by_name(r->alg);
    }
    if (h == NULL) {
        char note[64];
        res->skipped++;
        snprintf(note, sizeof note, "%s skipped: not implemented",
                 mode == M_KAT ? r->scheme : r->alg);
        add_note(res, note);
        return;
    }
    k = rsa_key_bytes(&ks->key);
    /* signatures may have lost leading zero octets: left-pad to k */
    if (r->have_sig && r->sig_len < k && r->sig_len > 0) {
        memmove(r->sig + (k - r->sig_len), r->sig, r->sig_len);
        memset(r->sig, 0, k - r->sig_len);
        r->sig_len = k;
    }

    switch (mode) {
    case M_SIGGEN15_TXT:
    case M_SIGGENPSS_TXT:
        if (!derive_private(ks)) {
            fail_case(res, log, path, r->line, "key (n, e, d) inconsistent: p and q not found");
            return;
        }
        {
            uint8_t H[CL_HASH_MAX_DIGEST];
            cl_hash_digest(h, r->msg, r->msg_len, H);
            if (pss)
                st = rsa_pss_sign_digest(&ks->key, h, H, r->salt_len, r->salt, out, sizeof out,
                                         &out_len);
            else
                st = rsa_pkcs1v15_sign_digest(&ks->key, h, H, out, sizeof out, &out_len);
        }
        if (st != CL_OK || out_len != r->sig_len || memcmp(out, r->sig, out_len) != 0) {
            fail_case(res, log, path, r->line, "signature differs");
            log_hex(log, "expected", r->sig, r->sig_len);
            log_hex(log, "actual  ", out, st == CL_OK ? out_len : 0);
            return;
        }
        st = pss ? rsa_pss_verify(&ks->key, h, r->msg, r->msg_len, r->salt_len, r->sig, r->sig_len)
                 : rsa_pkcs1v15_verify(&ks->key, h, r->msg, r->msg_len, r->sig, r->sig_len);
        if (st != CL_OK) {
            fail_case(res, log, path, r->line, "own signature does not verify");
            return;
        }
        res->passed++;
        return;
    case M_SIGGEN15_RSP:
    case M_SIGGENPSS_RSP:
        st = pss ? rsa_pss_verify(&ks->key, h, r->msg, r->msg_len, RSA_PSS_SALT_AUTO, r->sig,
                                  r->sig_len)
                 : rsa_pkcs1v15_verify(&ks->key, h, r->msg, r->msg_len, r->sig, r->sig_len);
        if (st != CL_OK) {
            fail_case(res, log, path, r->line, "signature does not verify");
            log_hex(log, "S", r->sig, r->sig_len);
            return;
        }
        res->passed++;
        return;
    case M_SIGVER15:
    case M_SIGVERPSS: {
        char verdict;
        if (!r->have_result) {
            fail_case(res, log, path, r->line, "record without Result");
            return;
        }
        if (pss) {
            /* "SaltVal = 00" stands for an empty salt (sLen = 0) */
            size_t sLen = (r->salt_len == 1 && r->salt[0] == 0) ? 0 : r->salt_len;
            st = rsa_pss_verify(&ks->key, h, r->msg, r->msg_len, sLen, r->sig, r->sig_len);
        } else {
            st = rsa_pkcs1v15_verify(&ks->key, h, r->msg, r->msg_len, r->sig, r->sig_len);
        }
        verdict = st == CL_OK ? 'P' : 'F';
        if (verdict != r->result) {
            char what[80];
            snprintf(what, sizeof what, "verdict %c, file says %c (%s)", verdict, r->result,
                     cl_strerror(st));
            fail_case(res, log, path, r->line, what);
            log_hex(log, "S", r->sig, r->sig_len);
            return;
        }
        res->passed++;
        return;
    }
    case M_KAT: {
        if (!derive_private(ks)) {
            fail_case(res, log, path, r->line, "key inconsistent");
            return;
        }
        /* "Result = F": an invalid ciphertext / signature that must be refused
         * with the one error (CL_ERR_DECRYPT / CL_ERR_VERIFY). */
        int want_fail = r->have_result && r->result == 'F';
        if (want_fail && strncmp(r->scheme, "PKCS1-", 6) == 0) {
            res->skipped++;
            add_note(res, "PKCS1 Result = F records skipped");
            return;
        }
        if (strncmp(r->scheme, "OAEP-", 5) == 0) {
            st = rsa_oaep_decrypt_mgf1(&ks->key, h, mgf, r->label, r->label_len, r->sig,
                                       r->sig_len, out, sizeof out, &out_len);
            if (want_fail) {
                if (st != CL_ERR_DECRYPT) {
                    fail_case(res, log, path, r->line, st == CL_OK ? "invalid OAEP ciphertext decrypted"
                                                             : "invalid OAEP ciphertext: not the one error");
                    log_hex(log, "CT", r->sig, r->sig_len);
                    return;
                }
            } else if (st != CL_OK || out_len != r->msg_len || memcmp(out, r->msg, out_len) != 0) {
                fail_case(res, log, path, r->line, "OAEP decryption differs");
                log_hex(log, "expected", r->msg, r->msg_len);
                log_hex(log, "actual  ", out, st == CL_OK ? out_len : 0);
                return;
            }
        } else if (pss) {
            size_t sLen = r->have_saltlen ? r->salt_field_len : RSA_PSS_SALT_AUTO;
            uint8_t H[CL_HASH_MAX_DIGEST];
            cl_hash_digest(h, r->msg, r->msg_len, H);
            st = rsa_pss_verify_digest_mgf1(&ks->key, h, mgf, H, sLen, r->sig, r->sig_len);
            if (st == CL_OK)
                st = rsa_pss_verify_digest_mgf1(&ks->key, h, mgf, H, RSA_PSS_SALT_AUTO, r->sig,
                                                r->sig_len);
            if (want_fail) {
                if (st != CL_ERR_VERIFY) {
                    fail_case(res, log, path, r->line, "invalid PSS signature accepted");
                    log_hex(log, "S", r->sig, r->sig_len);
                    return;
                }
            } else if (st != CL_OK) {
                fail_case(res, log, path, r->line, "PSS signature does not verify");
                log_hex(log, "S", r->sig, r->sig_len);
                return;
            }
        } else {
            st = rsa_pkcs1v15_sign(&ks->key, h, r->msg, r->msg_len, out, sizeof out, &out_len);
            if (st != CL_OK || out_len != r->sig_len || memcmp(out, r->sig, out_len) != 0) {
                fail_case(res, log, path, r->line, "PKCS#1 v1.5 signature differs");
                log_hex(log, "expected", r->sig, r->sig_len);
                log_hex(log, "actual  ", out, st == CL_OK ? out_len : 0);
                return;
            }
        }
        res->passed++;
        return;
    }
    default:
        res->skipped++;
        return;
    }
}

static void run_keygen_record(struct keystate *ks, struct vec_result *res, FILE *log,
                              const char *path, unsigned long line)
{
    mpz_t d_file;
    res->cases++;
    mpz_init_set(d_file, ks->key.d);
    /* our own d from p, q, e must be the file's d, and the key must be consistent */
    if (rsa_key_complete_from_pq(&ks->key) != CL_OK || mpz_cmp(d_file, ks->key.d) != 0) {
        fail_case(res, log, path, line, "key inconsistent (n = pq, d = e^-1 mod lambda(n))");
    } else {
        res->passed++;
    }
    mpz_clear(d_file);
}

static cl_status run_cavp(const char *path, enum vmode mode, struct vec_result *res, FILE *log)
{
    struct rsp_reader rd;
    struct keystate ks;
    struct rec *r;
    cl_status st;

    if ((st = cl_rsp_open(&rd, path)) != CL_OK)
        return st;
    r = calloc(1, sizeof *r);
    if (r == NULL) {
        cl_rsp_close(&rd);
        return CL_ERR_NOMEM;
    }
    memset(&ks, 0, sizeof ks);
    rsa_key_init(&ks.key);
    rec_reset(r);
    for (;;) {
        if ((st = cl_rsp_next(&rd)) != CL_OK)
            break;
        if (rd.kind == RSP_KEYVAL) {
            const char *nm = rd.name, *v = rd.value;
            int ok = 1;
            if (strcmp(nm, "n") == 0) {
                ok = hex_mpz(ks.key.n, v);
                ks.have_n = 1, ks.have_p = ks.have_q = 0, ks.dirty = 1;
            } else if (strcmp(nm, "e") == 0) {
                if (mode == M_KEYGEN && (ks.have_p || ks.have_n)) {
                    ks.have_n = ks.have_p = ks.have_q = ks.have_d = 0;
                }
                ok = hex_mpz(ks.key.e, v);
                ks.have_e = 1, ks.dirty = 1;
            } else if (strcmp(nm, "d") == 0) {
                ok = hex_mpz(ks.key.d, v);
                ks.have_d = mpz_sgn(ks.key.d) > 0, ks.dirty = 1;
            } else if (strcmp(nm, "p") == 0) {
                ok = hex_mpz(ks.key.p, v);
                ks.have_p = 1, ks.dirty = 1;
            } else if (strcmp(nm, "q") == 0) {
                ok = hex_mpz(ks.key.q, v);
                ks.have_q = 1, ks.dirty = 1;
            } else if (strcmp(nm, "SHAAlg") == 0) {
                snprintf(r->alg, sizeof r->alg, "%s", v);
            } else if (strcmp(nm, "Scheme") == 0) {
                snprintf(r->scheme, sizeof r->scheme, "%s", v);
            } else if (strcmp(nm, "Msg") == 0) {
                ok = hex_bytes(v, r->msg, sizeof r->msg, &r->msg_len);
                r->have_msg = 1;
                r->line = rd.line_no;
            } else if (strcmp(nm, "S") == 0 || strcmp(nm, "CT") == 0) {
                ok = hex_bytes(v, r->sig, sizeof r->sig, &r->sig_len);
                r->have_sig = 1;
            } else if (strcmp(nm, "SaltVal") == 0) {
                ok = hex_bytes(v, r->salt, sizeof r->salt, &r->salt_len);
                r->have_salt = 1;
            } else if (strcmp(nm, "SaltLen") == 0) {
                r->salt_field_len = (size_t)strtoul(v, NULL, 10);
                r->have_saltlen = 1;
            } else if (strcmp(nm, "Label") == 0) {
                ok = v[0] == '\0' ? (r->label_len = 0, 1)
                                  : hex_bytes(v, r->label, sizeof r->label, &r->label_len);
            } else if (strcmp(nm, "Result") == 0) {
                r->result = v[0];
                r->have_result = 1;
            }
            if (!ok) {
                fprintf(log, "%s:%lu: bad hex value for %s\n", path, rd.line_no, nm);
                st = CL_ERR_PARSE;
                break;
            }
            if (mode == M_KEYGEN && strcmp(nm, "d") == 0) {
                ks.have_d = 1;
                run_keygen_record(&ks, res, log, path, rd.line_no);
            }
            /* A SigVer record ends with its Result line; SigGen .rsp records with S. */
            if (r->have_msg && r->have_sig &&
                ((mode == M_SIGVER15 || mode == M_SIGVERPSS) ? r->have_result
                 : (mode == M_SIGGEN15_RSP || mode == M_SIGGENPSS_RSP || mode == M_SIGGEN15_TXT))) {
                run_cavp_record(mode, &ks, r, res, log, path);
                rec_reset(r);
            }
        } else if (rd.kind == RSP_BLANK || rd.kind == RSP_EOF || rd.kind == RSP_SECTION) {
            /* SigGenPSS .txt: SaltVal follows S; KAT records end at a blank line */
            if (r->have_msg && r->have_sig) {
                run_cavp_record(mode, &ks, r, res, log, path);
                rec_reset(r);
            }
            if (rd.kind == RSP_EOF)
                break;
        }
    }
    rsa_key_clear(&ks.key);
    free(r);
    cl_rsp_close(&rd);
    return st;
}

/* ------------------------------------------------------------------ RSA Labs text */

enum lfield {
    F_NONE, F_N, F_E, F_D, F_P, F_Q, F_DP, F_DQ, F_QINV, F_MSG, F_SEED, F_SALT, F_CT, F_SIG
};

static enum lfield label_field(const char *t, int in_private, int *saw_pubexp)
{
    if (strstr(t, "modulus n") || strcmp(t, "Modulus:") == 0)
        return F_N;
    if (strstr(t, "public exponent e") || strcmp(t, "Public exponent:") == 0) {
        *saw_pubexp = 1;
        return F_E;
    }
    if (strcmp(t, "Exponent:") == 0)
        return in_private && *saw_pubexp ? F_D : F_E;
    if (strstr(t, "private exponent d"))
        return F_D;
    if (strcmp(t, "Prime p:") == 0 || strcmp(t, "Prime 1:") == 0)
        return F_P;
    if (strcmp(t, "Prime q:") == 0 || strcmp(t, "Prime 2:") == 0)
        return F_Q;
    if (strstr(t, "CRT exponent dP") || strcmp(t, "Prime exponent 1:") == 0)
        return F_DP;
    if (strstr(t, "CRT exponent dQ") || strcmp(t, "Prime exponent 2:") == 0)
        return F_DQ;
    if (strstr(t, "coefficient qInv") || strcmp(t, "Coefficient:") == 0)
        return F_QINV;
    if (strncmp(t, "Message to be", 13) == 0)
        return F_MSG;
    if (strcmp(t, "Seed:") == 0)
        return F_SEED;
    if (strcmp(t, "Salt:") == 0)
        return F_SALT;
    if (strcmp(t, "Encryption:") == 0)
        return F_CT;
    if (strcmp(t, "Signature:") == 0)
        return F_SIG;
    return F_NONE;
}

struct labs {
    rsa_key key;
    mpz_t dP, dQ, qInv;            /* the file's CRT values, compared with ours */
    int key_ready, key_bad;
    uint8_t msg[VBUF], seed[VBUF], ct[VBUF], buf[VBUF];
    size_t msg_len, seed_len, ct_len, buf_len;
    unsigned long line, case_line;
    char example[64];
};

static void labs_case(enum vmode mode, struct labs *L, struct vec_result *res, FILE *log,
                      const char *path)
{
    uint8_t out[VBUF], back[VBUF];
    size_t out_len = 0, back_len = 0;
    const cl_hash *h = &cl_hash_sha1;
    cl_status st;
    char what[128];

    res->cases++;
    if (!L->key_ready) {
        L->key_ready = 1;
        L->key_bad = rsa_key_complete_crt(&L->key) != CL_OK ||
                     mpz_cmp(L->dP, L->key.dP) != 0 || mpz_cmp(L->dQ, L->key.dQ) != 0 ||
                     mpz_cmp(L->qInv, L->key.qInv) != 0;
    }
    if (L->key_bad) {
        snprintf(what, sizeof what, "%s: key inconsistent (or dP/dQ/qInv differ from ours)",
                 L->example);
        fail_case(res, log, path, L->case_line, what);
        return;
    }
    if (mode == M_LABS_OAEP) {
        st = rsa_oaep_encrypt_seeded(&L->key, h, NULL, 0, L->msg, L->msg_len, L->seed, out,
                                     sizeof out, &out_len);
        if (st == CL_OK && out_len == L->ct_len && memcmp(out, L->ct, out_len) == 0)
            st = rsa_oaep_decrypt(&L->key, h, NULL, 0, L->ct, L->ct_len, back, sizeof back,
                                  &back_len);
        else
            st = CL_ERR_DECRYPT, back_len = 0;
        if (st != CL_OK || back_len != L->msg_len || memcmp(back, L->msg, back_len) != 0) {
            snprintf(what, sizeof what, "%s: OAEP encryption/decryption differs", L->example);
            fail_case(res, log, path, L->case_line, what);
            log_hex(log, "expected", L->ct, L->ct_len);
            log_hex(log, "actual  ", out, out_len);
            return;
        }
    } else {
        uint8_t H[CL_HASH_MAX_DIGEST];
        cl_hash_digest(h, L->msg, L->msg_len, H);
        if (mode == M_LABS_PSS)
            st = rsa_pss_sign_digest(&L->key, h, H, L->seed_len, L->seed, out, sizeof out,
                                     &out_len);
        else
            st = rsa_pkcs1v15_sign_digest(&L->key, h, H, out, sizeof out, &out_len);
        if (st == CL_OK && out_len == L->ct_len && memcmp(out, L->ct, out_len) == 0)
            st = mode == M_LABS_PSS
                     ? rsa_pss_verify(&L->key, h, L->msg, L->msg_len, RSA_PSS_SALT_AUTO, L->ct,
                                      L->ct_len)
                     : rsa_pkcs1v15_verify(&L->key, h, L->msg, L->msg_len, L->ct, L->ct_len);
        else
            st = CL_ERR_VERIFY;
        if (st != CL_OK) {
            snprintf(what, sizeof what, "%s: signature differs or does not verify", L->example);
            fail_case(res, log, path, L->case_line, what);
            log_hex(log, "expected", L->ct, L->ct_len);
            log_hex(log, "actual  ", out, out_len);
            return;
        }
    }
    res->passed++;
}

static void labs_store(enum vmode mode, struct labs *L, enum lfield f, struct vec_result *res,
                       FILE *log, const char *path)
{
    switch (f) {
    case F_N:
        /* a new key begins */
        rsa_os2ip(L->key.n, L->buf, L->buf_len);
        L->key_ready = 0;
        break;
    case F_E: rsa_os2ip(L->key.e, L->buf, L->buf_len); break;
    case F_D: rsa_os2ip(L->key.d, L->buf, L->buf_len); break;
    case F_P: rsa_os2ip(L->key.p, L->buf, L->buf_len); break;
    case F_Q: rsa_os2ip(L->key.q, L->buf, L->buf_len); break;
    case F_DP: rsa_os2ip(L->dP, L->buf, L->buf_len); break;
    case F_DQ: rsa_os2ip(L->dQ, L->buf, L->buf_len); break;
    case F_QINV: rsa_os2ip(L->qInv, L->buf, L->buf_len); break;
    case F_MSG:
        memcpy(L->msg, L->buf, L->buf_len);
        L->msg_len = L->buf_len;
        L->seed_len = 0;
        L->case_line = L->line;
        break;
    case F_SEED:
    case F_SALT:
        memcpy(L->seed, L->buf, L->buf_len);
        L->seed_len = L->buf_len;
        break;
    case F_CT:
    case F_SIG:
        memcpy(L->ct, L->buf, L->buf_len);
        L->ct_len = L->buf_len;
        labs_case(mode, L, res, log, path);
        break;
    default:
        break;
    }
}

static cl_status run_labs(const char *path, enum vmode mode, struct vec_result *res, FILE *log)
{
    FILE *fp = fopen(path, "r");
    struct labs *L;
    char line[1024];
    enum lfield cur = F_NONE;
    int in_private = 0, saw_pubexp = 0;
    cl_status st = CL_OK;

    if (fp == NULL)
        return CL_ERR_IO;
    L = calloc(1, sizeof *L);
    if (L == NULL) {
        fclose(fp);
        return CL_ERR_NOMEM;
    }
    rsa_key_init(&L->key);
    mpz_inits(L->dP, L->dQ, L->qInv, NULL);
    while (fgets(line, sizeof line, fp) != NULL) {
        char *s = line, *e;
        L->line++;
        e = s + strlen(s);
        while (e > s && isspace((unsigned char)e[-1]))
            *--e = '\0';
        while (isspace((unsigned char)*s))
            s++;
        if (*s == '#' || *s == '\0') {
            /* a comment or a blank line ends the current hex field */
            if (cur != F_NONE && L->buf_len > 0)
                labs_store(mode, L, cur, res, log, path);
            cur = F_NONE;
            L->buf_len = 0;
            if (*s == '#') {
                s++;
                while (isspace((unsigned char)*s))
                    s++;
                if (strncmp(s, "Example ", 8) == 0) {
                    snprintf(L->example, sizeof L->example, "%s", s);
                    in_private = 0;
                    saw_pubexp = 0;
                } else if (strncmp(s, "Private key", 11) == 0) {
                    in_private = 1;
                } else if (strncmp(s, "Public key", 10) == 0) {
                    in_private = 0;
                } else if (strncmp(s, "RSAES-OAEP Encryption Example", 29) == 0 ||
                           strncmp(s, "RSASSA-PSS Signature Example", 28) == 0 ||
                           strncmp(s, "PKCS#1 v1.5 Signature Example", 29) == 0) {
                    snprintf(L->example, sizeof L->example, "%s", s);
                }
                cur = label_field(s, in_private, &saw_pubexp);
            }
            continue;
        }
        if (cur == F_NONE)
            continue;
        /* hex octets separated by spaces or tabs */
        while (*s) {
            unsigned v;
            if (isspace((unsigned char)*s)) {
                s++;
                continue;
            }
            if (!isxdigit((unsigned char)s[0]) || !isxdigit((unsigned char)s[1]) ||
                L->buf_len >= VBUF || sscanf(s, "%2x", &v) != 1) {
                fprintf(log, "%s:%lu: malformed hex line\n", path, L->line);
                st = CL_ERR_PARSE;
                goto out;
            }
            L->buf[L->buf_len++] = (uint8_t)v;
            s += 2;
        }
    }
    if (cur != F_NONE && L->buf_len > 0)
        labs_store(mode, L, cur, res, log, path);
    add_note(res, mode == M_LABS_V15 ? "SHA-1 DigestInfo, as the file specifies"
                                     : "SHA-1 and MGF1-SHA-1, as the file specifies");
out:
    mpz_clears(L->dP, L->dQ, L->qInv, NULL);
    rsa_key_clear(&L->key);
    free(L);
    fclose(fp);
    return st;
}

cl_status rsa_vectors_run(const char *path, struct vec_result *res, FILE *log)
{
    enum vmode mode;
    if (path == NULL || res == NULL || log == NULL)
        return CL_ERR_NULL_POINTER;
    if (!detect(path, &mode))
        return CL_ERR_UNSUPPORTED;
    if (mode == M_LABS_OAEP || mode == M_LABS_PSS || mode == M_LABS_V15)
        return run_labs(path, mode, res, log);
    return run_cavp(path, mode, res, log);
}

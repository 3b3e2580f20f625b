/*
 * demo/cmd_rsa_trace.c -- `cryptolab rsa-trace`: RSA step by step, for the
 * classroom (docs/labs/rsa.md).
 *
 *   genkey       [-bits N] [-e E] [-seed HEX] [-out FILE]
 *                FIPS 186-5 A.1.3: every candidate, its trial division and
 *                Miller-Rabin outcome, then p, q, n, lambda(n), d, dP, dQ, qInv.
 *   oaep-encrypt -inkey FILE [-pubin] [-in FILE | -msg HEX] [-label HEX] [-seed HEX] [-sha1] [-out FILE]
 *   oaep-decrypt -inkey FILE -in FILE [-label HEX] [-sha1] [-out FILE]
 *                RFC 8017 §7.1.1 / §7.1.2, every intermediate value with the
 *                names and in the order of RSA Laboratories' oaep-int.txt.
 *   pss-sign     -inkey FILE [-in FILE | -msg HEX] [-salt HEX | -saltlen N] [-sha1] [-out FILE]
 *                RFC 8017 §8.1.1 / §9.1.1 after pss-int.txt.
 *   malleate     -inkey FILE [-pubin] -in FILE -factor F -out FILE
 *                textbook RSA attack: c' = c * F^e mod n (decrypts to m * F).
 *   root         -in FILE [-e E] [-out FILE]
 *                small-e attack: the integer e-th root of a ciphertext.
 *
 * Values are printed as RSA Labs prints them: "# Name:" then octets in hex,
 * 16 to a line.  The lab-only generator behind -seed is NEVER for real keys.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "common/ct.h"
#include "common/hex.h"
#include "rsa/rsa.h"
#include "rsa/rsa_keyfile.h"
#include "demo/viz/pages.h"

#define CMD "rsa-trace"
#define MAX_DATA (1u << 20)

static const char USAGE[] =
    "usage: cryptolab rsa-trace SUBCOMMAND [options]   (classroom traces of RSA)\n"
    "  genkey [-bits N] [-e E] [-seed HEX] [-out FILE]\n"
    "      generate a key step by step (FIPS 186-5 A.1.3, Miller-Rabin B.3.1); N = 512 (default),\n"
    "      1024, 2048, 3072, 4096; E odd >= 3 (default 65537); -seed makes the run reproducible\n"
    "      with a deterministic generator (LAB ONLY: anyone with the seed has the key);\n"
    "      -out writes the key as PKCS#8 PEM (mode 0600)\n"
    "  oaep-encrypt -inkey FILE [-pubin] [-passin ARG] [-in FILE | -msg HEX] [-label HEX]\n"
    "      [-seed HEX] [-sha1] [-out FILE]   RSAES-OAEP (RFC 8017 7.1.1) as oaep-int.txt shows it\n"
    "  oaep-decrypt -inkey FILE [-passin ARG] -in FILE [-label HEX] [-sha1] [-out FILE]\n"
    "      RSAES-OAEP decryption with the CRT steps (RFC 8017 7.1.2, 5.1.2)\n"
    "  pss-sign -inkey FILE [-passin ARG] [-in FILE | -msg HEX] [-salt HEX | -saltlen N] [-sha1]\n"
    "      [-out FILE]   RSASSA-PSS (RFC 8017 8.1.1, 9.1.1) as pss-int.txt shows it\n"
    "  malleate -inkey FILE [-pubin] -in FILE -factor F -out FILE\n"
    "      UNSAFE-RSA demo: c' = c * F^e mod n, which textbook RSA decrypts to m * F\n"
    "  root -in FILE [-e E] [-out FILE]\n"
    "      small-e demo: integer E-th root (default 3) of a ciphertext, exact or not\n"
    "  -sha1 uses SHA-1 only to reproduce RSA Laboratories' worked examples.\n"
    "  --html FILE (oaep-encrypt, oaep-decrypt, pss-sign) also writes a self-contained\n"
    "      HTML page stepping through the same values, with the layout of EM and DB.\n";

/* ------------------------------------------------------------------ printing */

static void print_octets(const char *name, const uint8_t *b, size_t n)
{
    printf("# %s:\n", name);
    for (size_t i = 0; i < n; i++)
        printf("%02x%s", b[i], (i % 16 == 15 || i + 1 == n) ? " \n" : " ");
    if (n == 0)
        printf("(empty)\n");
    printf("\n");
}

static void print_mpz(const char *name, const mpz_t x)
{
    size_t len = mpz_sgn(x) == 0 ? 1 : (mpz_sizeinbase(x, 2) + 7) / 8;
    uint8_t *b = calloc(1, len);
    if (b == NULL)
        return;
    rsa_i2osp(x, len, b);
    print_octets(name, b, len);
    cl_wipe(b, len);
    free(b);
}

static void print_mpz_len(const char *name, const mpz_t x, size_t len)
{
    uint8_t *b = calloc(1, len ? len : 1);
    if (b == NULL)
        return;
    if (rsa_i2osp(x, len, b) == CL_OK)
        print_octets(name, b, len);
    else
        print_mpz(name, x);
    cl_wipe(b, len);
    free(b);
}

/* ------------------------------------------------------------------ common options */

struct topts {
    const char *inkey, *in, *out, *passin, *msg_hex, *label_hex, *seed_hex, *salt_hex, *html;
    int pubin, sha1, have_saltlen;
    unsigned long bits, e, factor, saltlen;
};

static int parse_ulong(const char *opt, const char *v, unsigned long *out)
{
    char *end;
    if (v[0] < '0' || v[0] > '9')
        return cli_fail(CMD, "%s: not a number: %s", opt, v);
    *out = strtoul(v, &end, 0);
    if (*end != '\0')
        return cli_fail(CMD, "%s: not a number: %s", opt, v);
    return 0;
}

static int parse_opts(int argc, char **argv, struct topts *o)
{
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define ARG(field) do { \
            if (v == NULL) \
                return cli_fail(CMD, "option %s needs an argument", a); \
            o->field = v; \
            i++; \
        } while (0)
#define NUM(field) do { \
            if (v == NULL) \
                return cli_fail(CMD, "option %s needs an argument", a); \
            if (parse_ulong(a, v, &o->field)) \
                return 1; \
            i++; \
        } while (0)
        if (strcmp(a, "-inkey") == 0) ARG(inkey);
        else if (strcmp(a, "-in") == 0) ARG(in);
        else if (strcmp(a, "-out") == 0) ARG(out);
        else if (strcmp(a, "-passin") == 0) ARG(passin);
        else if (strcmp(a, "-msg") == 0) ARG(msg_hex);
        else if (strcmp(a, "-label") == 0) ARG(label_hex);
        else if (strcmp(a, "-seed") == 0) ARG(seed_hex);
        else if (strcmp(a, "-salt") == 0) ARG(salt_hex);
        else if (strcmp(a, "-html") == 0 || strcmp(a, "--html") == 0) ARG(html);
        else if (strcmp(a, "-pubin") == 0) o->pubin = 1;
        else if (strcmp(a, "-sha1") == 0) o->sha1 = 1;
        else if (strcmp(a, "-bits") == 0) NUM(bits);
        else if (strcmp(a, "-e") == 0) NUM(e);
        else if (strcmp(a, "-factor") == 0) NUM(factor);
        else if (strcmp(a, "-saltlen") == 0) { NUM(saltlen); o->have_saltlen = 1; }
        else return cli_fail(CMD, "%s: unknown option or argument %s (see --help)", argv[1], a);
#undef ARG
#undef NUM
    }
    return 0;
}

static int load_key(rsa_key *key, const struct topts *o, int need_private)
{
    uint8_t *data = NULL;
    size_t len = 0;
    char *pw = NULL;
    rsa_keyfile_error err;
    cl_status st;
    if (o->inkey == NULL)
        return cli_fail(CMD, "no key given: use -inkey FILE");
    if (need_private && o->pubin)
        return cli_fail(CMD, "this step needs a private key, -pubin gives a public key");
    if (cli_read_all(CMD, o->inkey, MAX_DATA, &data, &len))
        return 1;
    if (o->passin != NULL && cli_pass_arg(CMD, "-passin", o->passin, 0, &pw)) {
        free(data);
        return 1;
    }
    if (o->passin == NULL && !o->pubin && rsa_key_is_encrypted(data, len)) {
        char prompt[300];
        snprintf(prompt, sizeof prompt, "Enter pass phrase for %s:", o->inkey);
        if (cli_pass_prompt(CMD, prompt, 0, &pw) > 0) {   /* a terminal: ask, as openssl does */
            cl_wipe(data, len);
            free(data);
            return 1;
        }
    }
    memset(&err, 0, sizeof err);
    st = o->pubin ? rsa_key_load_public_ex(key, data, len, NULL, &err)
                  : rsa_key_load_private_ex(key, data, len, pw, NULL, &err);
    cl_wipe(data, len);
    free(data);
    cli_pass_free(pw);
    if (st == CL_ERR_NOT_PRIVATE)
        return cli_fail(CMD, "%s: holds a public key, not a private key (use -pubin for a public key)",
                        o->inkey);
    if (st != CL_OK)
        return cli_fail(CMD, "%s: %s", o->inkey, err.detail[0] ? err.detail : cl_strerror(st));
    return 0;
}

/* The message: -msg HEX or the contents of -in (default stdin). */
static int get_message(const struct topts *o, uint8_t **m, size_t *len)
{
    if (o->msg_hex != NULL) {
        size_t cap = strlen(o->msg_hex) / 2 + 1;
        *m = malloc(cap);
        if (*m == NULL)
            return cli_fail(CMD, "out of memory");
        if (cli_hex_arg(CMD, "-msg", o->msg_hex, *m, cap, 0, len)) {
            free(*m);
            *m = NULL;
            return 1;
        }
        return 0;
    }
    return cli_read_all(CMD, o->in, MAX_DATA, m, len);
}

static int write_out(const char *path, const uint8_t *b, size_t n, mode_t mode)
{
    struct cli_out co;
    if (path == NULL)
        return 0;
    if (cli_out_open(CMD, &co, path, mode))
        return 1;
    if (fwrite(b, 1, n, co.fp) != n) {
        cli_out_abort(&co);
        return cli_fail(CMD, "cannot write %s", path);
    }
    return cli_out_commit(CMD, &co);
}

static const cl_hash *pick_hash(const struct topts *o)
{
    if (o->sha1) {
        printf("# NOTE: SHA-1 (and MGF1-SHA-1) only to reproduce RSA Laboratories' examples.\n\n");
        return &cl_hash_sha1;
    }
    return &cl_hash_sha256;
}

/* ------------------------------------------------------------------ --html pages */

static const uint8_t zeros[RSA_MAX_BYTES];   /* PS, shown as its octets */

static int write_page(const char *path, const char *title, const char *scheme, const cl_hash *h,
                      const char *intro, const struct viz_rsa_layout *lay, size_t n_lay,
                      const struct viz_rsa_value *v, size_t n)
{
    struct cli_out co;
    if (cli_out_open(CMD, &co, path, 0644))
        return 1;
    if (viz_rsa_page(co.fp, title, scheme, h->name, intro, lay, n_lay, v, n) != 0 || ferror(co.fp)) {
        cli_out_abort(&co);
        return cli_fail(CMD, "cannot write %s", path);
    }
    return cli_out_commit(CMD, &co);
}

/* RFC 8017 7.1.1: EM = 0x00 || maskedSeed || maskedDB, DB = lHash || PS || 0x01 || M. */
static int oaep_page(const char *path, int decrypt, const cl_hash *h, const rsa_oaep_trace *t,
                     const uint8_t *m, size_t m_len, const uint8_t *label, size_t label_len,
                     const uint8_t *c, size_t c_len, const struct viz_rsa_value *crt, size_t n_crt)
{
    const struct viz_rsa_part em[] = { { "Y = 0x00", 1 }, { "maskedSeed", t->hLen }, { "maskedDB", t->db_len } };
    const struct viz_rsa_part db[] = { { "lHash", t->hLen }, { "PS", t->ps_len }, { "0x01", 1 }, { "M", m_len } };
    const struct viz_rsa_layout lay[] = { { "EM", em, 3 }, { "DB", db, 4 } };
    struct viz_rsa_value v[24];
    size_t n = 0;
#define VAL(name, formula, step, b, len, marks, from) \
    v[n++] = (struct viz_rsa_value){ name, formula, step, b, len, marks, from }
    if (!decrypt) {
        VAL("M", "the message to be encrypted", "RFC 8017 7.1.1 input", m, m_len, "DB:M", NULL);
        VAL("L", "the label (empty by default)", "7.1.1 input", label, label_len, NULL, NULL);
        VAL("lHash", "lHash = Hash(L)", "7.1.1 step 2.a", t->lHash, t->hLen, "DB:lHash", "L");
        VAL("PS", "PS = k - mLen - 2hLen - 2 zero octets", "7.1.1 step 2.b", zeros, t->ps_len, "DB:PS", NULL);
        VAL("DB", "DB = lHash || PS || 0x01 || M", "7.1.1 step 2.c", t->DB, t->db_len, "DB", "lHash M");
        VAL("seed", "seed = a random string of hLen octets", "7.1.1 step 2.d", t->seed, t->hLen, NULL, NULL);
        VAL("dbMask", "dbMask = MGF(seed, k - hLen - 1)", "7.1.1 step 2.e", t->dbMask, t->db_len, NULL, "seed");
        VAL("maskedDB", "maskedDB = DB xor dbMask", "7.1.1 step 2.f", t->maskedDB, t->db_len, "EM:maskedDB", "DB dbMask");
        VAL("seedMask", "seedMask = MGF(maskedDB, hLen)", "7.1.1 step 2.g", t->seedMask, t->hLen, NULL, "maskedDB");
        VAL("maskedSeed", "maskedSeed = seed xor seedMask", "7.1.1 step 2.h", t->maskedSeed, t->hLen, "EM:maskedSeed", "seed seedMask");
        VAL("EM", "EM = 0x00 || maskedSeed || maskedDB", "7.1.1 step 2.i", t->EM, t->k, "EM", "maskedSeed maskedDB");
        VAL("C", "C = I2OSP(RSAEP((n, e), OS2IP(EM)), k): the RSA encryption of EM", "7.1.1 step 3", c, c_len, NULL, "EM");
    } else {
        VAL("C", "the ciphertext", "RFC 8017 7.1.2 input", c, c_len, NULL, NULL);
        for (size_t i = 0; i < n_crt && n < 8; i++)
            v[n++] = crt[i];
        VAL("EM", "EM = I2OSP(m, k) = Y || maskedSeed || maskedDB", "7.1.2 steps 2.c, 3.b", t->EM, t->k, "EM", NULL);
        VAL("lHash", "lHash = Hash(L)", "7.1.2 step 3.a", t->lHash, t->hLen, "DB:lHash", NULL);
        VAL("maskedSeed", "the hLen octets after Y", "7.1.2 step 3.b", t->EM + 1, t->hLen, "EM:maskedSeed", NULL);
        VAL("maskedDB", "the k - hLen - 1 octets after maskedSeed", "7.1.2 step 3.b", t->EM + 1 + t->hLen, t->db_len, "EM:maskedDB", NULL);
        VAL("seedMask", "seedMask = MGF(maskedDB, hLen)", "7.1.2 step 3.c", t->seedMask, t->hLen, NULL, "maskedDB");
        VAL("seed", "seed = maskedSeed xor seedMask", "7.1.2 step 3.d", t->seed, t->hLen, NULL, "maskedSeed seedMask");
        VAL("dbMask", "dbMask = MGF(seed, k - hLen - 1)", "7.1.2 step 3.e", t->dbMask, t->db_len, NULL, "seed");
        VAL("DB", "DB = maskedDB xor dbMask = lHash' || PS || 0x01 || M; Y, lHash' and 0x01 are checked", "7.1.2 steps 3.f, 3.g",
            t->DB, t->db_len, "DB", "maskedDB dbMask");
        VAL("M", "the message", "7.1.2 step 4", m, m_len, "DB:M", NULL);
    }
#undef VAL
    return write_page(path, decrypt ? "RSAES-OAEP decryption, step by step" : "RSAES-OAEP encryption, step by step",
                      decrypt ? "RSAES-OAEP decryption (RFC 8017 7.1.2) with the CRT (5.1.2)"
                              : "RSAES-OAEP encryption (RFC 8017 7.1.1)",
                      h, "Every intermediate value of EME-OAEP under RFC 8017's names, in the order of RSA Laboratories' oaep-int.txt.",
                      lay, 2, v, n);
}

/* RFC 8017 9.1.1: M' = 0x00 * 8 || mHash || salt, DB = PS || 0x01 || salt,
 * EM = maskedDB || H || 0xbc. */
static int pss_page(const char *path, const cl_hash *h, const rsa_pss_trace *t, const uint8_t *m, size_t m_len,
                    const uint8_t *s, size_t s_len)
{
    const struct viz_rsa_part mp[] = { { "padding (8 zero octets)", 8 }, { "mHash", t->hLen }, { "salt", t->s_len } };
    const struct viz_rsa_part db[] = { { "PS", t->db_len - t->s_len - 1 }, { "0x01", 1 }, { "salt", t->s_len } };
    const struct viz_rsa_part em[] = { { "maskedDB", t->db_len }, { "H", t->hLen }, { "0xbc", 1 } };
    const struct viz_rsa_layout lay[] = { { "M'", mp, 3 }, { "DB", db, 3 }, { "EM", em, 3 } };
    const struct viz_rsa_value v[] = {
        { "M", "the message to be signed", "RFC 8017 8.1.1 input", m, m_len, NULL, NULL },
        { "mHash", "mHash = Hash(M)", "9.1.1 step 2", t->mHash, t->hLen, "M':mHash", "M" },
        { "salt", "salt = a random string of sLen octets", "9.1.1 step 4", t->salt, t->s_len, "M':salt DB:salt", NULL },
        { "M'", "M' = (0x)00 00 00 00 00 00 00 00 || mHash || salt", "9.1.1 step 5", t->Mprime, t->mprime_len, "M'", "mHash salt" },
        { "H", "H = Hash(M')", "9.1.1 step 6", t->H, t->hLen, "EM:H", "M'" },
        { "DB", "DB = PS || 0x01 || salt", "9.1.1 steps 7-8", t->DB, t->db_len, "DB", "salt" },
        { "dbMask", "dbMask = MGF(H, emLen - hLen - 1)", "9.1.1 step 9", t->dbMask, t->db_len, NULL, "H" },
        { "maskedDB", "maskedDB = DB xor dbMask, leftmost 8emLen - emBits bits set to zero", "9.1.1 steps 10-11",
          t->maskedDB, t->db_len, "EM:maskedDB", "DB dbMask" },
        { "EM", "EM = maskedDB || H || 0xbc", "9.1.1 step 12", t->EM, t->em_len, "EM", "maskedDB H" },
        { "S", "S = I2OSP(RSASP1(K, OS2IP(EM)), k): the signature", "8.1.1 step 2", s, s_len, NULL, "EM" },
    };
    return write_page(path, "RSASSA-PSS signature, step by step", "RSASSA-PSS signature (RFC 8017 8.1.1, EMSA-PSS 9.1.1)",
                      h, "Every intermediate value of EMSA-PSS under RFC 8017's names, in the order of RSA Laboratories' pss-int.txt.",
                      lay, 3, v, sizeof v / sizeof v[0]);
}

/* ------------------------------------------------------------------ genkey */

struct gen_stats {
    unsigned long cand[2], trial[2], gcd[2], mr[2], close;
    unsigned rounds;
};

static void gen_trace(void *ctx, enum rsa_gen_event ev, char which, const mpz_t x,
                      unsigned long detail)
{
    struct gen_stats *s = ctx;
    int w = which == 'q';
    char *hex;
    switch (ev) {
    case RSA_GEN_CANDIDATE:
        if (w && s->cand[1] == 0)
            printf("Step 5: q the same way, and |p - q| > 2^(nlen/2 - 100)\n");
        s->cand[w]++;
        hex = mpz_get_str(NULL, 16, x);
        printf("  %c candidate %lu: %s\n", which, detail, hex);
        free(hex);
        break;
    case RSA_GEN_PQ_TOO_CLOSE:
        s->close++;
        printf("      rejected: |p - q| <= 2^(nlen/2 - 100)\n");
        break;
    case RSA_GEN_TRIAL_DIVISION:
        s->trial[w]++;
        printf("      trial division: divisible by %lu\n", detail);
        break;
    case RSA_GEN_GCD_E:
        s->gcd[w]++;
        printf("      rejected: gcd(%c - 1, e) != 1\n", which);
        break;
    case RSA_GEN_MR_COMPOSITE:
        s->mr[w]++;
        printf("      trial division passed; Miller-Rabin: COMPOSITE (witness found in round %lu)\n",
               detail);
        break;
    case RSA_GEN_PRIME:
        printf("      trial division passed; Miller-Rabin: PROBABLY PRIME after %lu rounds\n\n",
               detail);
        break;
    }
}

static int cmd_genkey(const struct topts *o)
{
    rsa_key key;
    rsa_lab_rng lab;
    struct gen_stats stats;
    unsigned long bits = o->bits ? o->bits : 512, e = o->e ? o->e : 65537;
    uint8_t seed[256];
    size_t seed_len = 0;
    mpz_t p1, q1, lambda;
    cl_status st;
    int rc = 1;

    if (bits != 512 && bits != 1024 && bits != 2048 && bits != 3072 && bits != 4096)
        return cli_fail(CMD, "genkey: -bits %lu not supported (512, 1024, 2048, 3072, 4096)", bits);
    if (e < 3 || e % 2 == 0)
        return cli_fail(CMD, "genkey: -e must be odd and at least 3");
    if (o->seed_hex && cli_hex_arg(CMD, "-seed", o->seed_hex, seed, sizeof seed, 0, &seed_len))
        return 1;
    if (bits < 2048)
        fprintf(stderr, "cryptolab %s: warning: %lu-bit RSA keys are for labs only; use 2048 bits or more\n",
                CMD, bits);
    memset(&stats, 0, sizeof stats);
    printf("rsa-trace genkey: nlen = %lu bits, e = %lu (FIPS 186-5 A.1.3, primes of %lu bits)\n", bits, e,
           bits / 2);
    if (o->seed_hex) {
        printf("randomness: SEEDED lab generator (seed %s) -- reproducible, NEVER a real key\n",
               o->seed_hex);
        rsa_lab_rng_init(&lab, seed, seed_len);
    } else {
        printf("randomness: getrandom(2)\n");
    }
    printf("Miller-Rabin rounds per prime (FIPS 186-5 Table B.1): %u\n\n", rsa_mr_rounds((unsigned)bits / 2));
    printf("Step 4: p = random odd %lu-bit integer, top two bits set (p > sqrt(2) 2^(nlen/2-1))\n",
           bits / 2);
    rsa_key_init(&key);
    mpz_inits(p1, q1, lambda, NULL);
    st = rsa_generate_ex(&key, (unsigned)bits, e, o->seed_hex ? rsa_lab_rng_bytes : NULL,
                         o->seed_hex ? &lab : NULL, gen_trace, &stats);
    if (st != CL_OK) {
        cli_fail_status(CMD, st, "key generation failed");
        goto out;
    }
    printf("p: %lu candidates (%lu stopped by trial division, %lu by gcd(p-1, e), %lu by Miller-Rabin)\n",
           stats.cand[0], stats.trial[0], stats.gcd[0], stats.mr[0]);
    printf("q: %lu candidates (%lu stopped by trial division, %lu by gcd(q-1, e), %lu by Miller-Rabin, "
           "%lu too close to p)\n\n", stats.cand[1], stats.trial[1], stats.gcd[1], stats.mr[1], stats.close);
    printf("(p and q are ordered so that p > q, as OpenSSL writes them)\n\n");
    mpz_sub_ui(p1, key.p, 1);
    mpz_sub_ui(q1, key.q, 1);
    mpz_lcm(lambda, p1, q1);
    print_mpz("Prime p", key.p);
    print_mpz("Prime q", key.q);
    print_mpz("RSA modulus n = p q", key.n);
    print_mpz("lambda(n) = lcm(p - 1, q - 1)", lambda);
    print_mpz("RSA public exponent e", key.e);
    print_mpz("RSA private exponent d = e^-1 mod lambda(n)", key.d);
    print_mpz("p's CRT exponent dP = d mod (p - 1)", key.dP);
    print_mpz("q's CRT exponent dQ = d mod (q - 1)", key.dQ);
    print_mpz("CRT coefficient qInv = q^-1 mod p", key.qInv);
    if (o->out) {
        uint8_t *pem = NULL;
        size_t len = 0;
        st = rsa_key_encode(&key, RSA_KEY_PKCS8, 1, NULL, &pem, &len);
        if (st != CL_OK) {
            cli_fail_status(CMD, st, "cannot encode the key");
            goto out;
        }
        int w = write_out(o->out, pem, len, 0600);
        cl_wipe(pem, len);
        free(pem);
        if (w)
            goto out;
        printf("key written to %s (PKCS#8 PEM)\n", o->out);
    }
    rc = 0;
out:
    mpz_clears(p1, q1, lambda, NULL);
    rsa_key_clear(&key);
    cl_wipe(&lab, sizeof lab);
    return rc;
}

/* ------------------------------------------------------------------ OAEP */

static rsa_oaep_trace tr;   /* large: kept out of the stack */

static int cmd_oaep_encrypt(const struct topts *o)
{
    rsa_key key;
    const cl_hash *h;
    uint8_t *m = NULL, label[1024], seed[CL_HASH_MAX_DIGEST], c[RSA_MAX_BYTES];
    size_t m_len = 0, label_len = 0, seed_len = 0, c_len = 0;
    cl_status st;
    int rc = 1;

    rsa_key_init(&key);
    if (load_key(&key, o, 0))
        goto out;
    h = pick_hash(o);
    if (o->label_hex && cli_hex_arg(CMD, "-label", o->label_hex, label, sizeof label, 0, &label_len))
        goto out;
    if (o->seed_hex &&
        cli_hex_arg(CMD, "-seed", o->seed_hex, seed, sizeof seed, h->digest_len, &seed_len))
        goto out;
    if (get_message(o, &m, &m_len))
        goto out;
    st = rsa_oaep_encrypt_traced(&key, h, label, label_len, m, m_len, o->seed_hex ? seed : NULL,
                                 c, sizeof c, &c_len, &tr);
    if (st == CL_ERR_RSA_TOO_LONG) {
        cli_fail(CMD, "message too long: %zu bytes, at most k - 2hLen - 2 = %zu", m_len,
                 rsa_key_bytes(&key) > 2 * h->digest_len + 2 ? rsa_key_bytes(&key) - 2 * h->digest_len - 2 : 0);
        goto out;
    }
    if (st != CL_OK) {
        cli_fail_status(CMD, st, "OAEP encryption failed");
        goto out;
    }
    printf("RSAES-OAEP encryption (RFC 8017 7.1.1), hash %s, k = %zu, hLen = %zu\n"
           "# lHash      = Hash(L)\n# DB         = lHash || PS || 0x01 || M\n"
           "# seed       = random string of octets%s\n# dbMask     = MGF(seed, length(DB))\n"
           "# maskedDB   = DB xor dbMask\n# seedMask   = MGF(maskedDB, length(seed))\n"
           "# maskedSeed = seed xor seedMask\n# EM         = 0x00 || maskedSeed || maskedDB\n\n",
           h->name, tr.k, tr.hLen, o->seed_hex ? " (given with -seed)" : "");
    print_octets("Message M to be encrypted", m, m_len);
    print_octets("Label L", label, label_len);
    print_octets("lHash", tr.lHash, tr.hLen);
    printf("# PS: %zu zero octets\n\n", tr.ps_len);
    print_octets("DB", tr.DB, tr.db_len);
    print_octets("seed", tr.seed, tr.hLen);
    print_octets("dbMask", tr.dbMask, tr.db_len);
    print_octets("maskedDB", tr.maskedDB, tr.db_len);
    print_octets("seedMask", tr.seedMask, tr.hLen);
    print_octets("maskedSeed", tr.maskedSeed, tr.hLen);
    print_octets("EM = 00 || maskedSeed || maskedDB", tr.EM, tr.k);
    print_octets("Ciphertext, the RSA encryption of EM", c, c_len);
    if (write_out(o->out, c, c_len, 0644))
        goto out;
    if (o->html && oaep_page(o->html, 0, h, &tr, m, m_len, label, label_len, c, c_len, NULL, 0))
        goto out;
    rc = 0;
out:
    free(m);
    cl_wipe(&tr, sizeof tr);
    rsa_key_clear(&key);
    return rc;
}

/* The decryption page, with the CRT values of RFC 8017 5.1.2 as oaep-int.txt names them. */
static int crt_page(const char *path, const cl_hash *h, const rsa_oaep_trace *t, const uint8_t *m, size_t m_len,
                    const uint8_t *c, size_t c_len, const mpz_t cp, const mpz_t cq, const mpz_t m1,
                    const mpz_t m2, const mpz_t hh, size_t k)
{
    static uint8_t b[5][RSA_MAX_BYTES];
    mpz_srcptr x[5] = { cp, cq, m1, m2, hh };
    size_t len[5];
    for (int i = 0; i < 5; i++) {
        len[i] = mpz_sgn(x[i]) == 0 ? 1 : (mpz_sizeinbase(x[i], 2) + 7) / 8;
        if (len[i] > k || rsa_i2osp(x[i], len[i], b[i]) != CL_OK)
            len[i] = 0;
    }
    const struct viz_rsa_value crt[] = {
        { "c mod p", "c mod p, c = OS2IP(C)", "5.1.2 step 2.b", b[0], len[0], NULL, "C" },
        { "c mod q", "c mod q", "5.1.2 step 2.b", b[1], len[1], NULL, "C" },
        { "m1", "m1 = (c mod p)^dP mod p", "5.1.2 step 2.b.i", b[2], len[2], NULL, "c mod p" },
        { "m2", "m2 = (c mod q)^dQ mod q", "5.1.2 step 2.b.ii", b[3], len[3], NULL, "c mod q" },
        { "h", "h = (m1 - m2) * qInv mod p; m = m2 + q * h", "5.1.2 step 2.b.iii-v", b[4], len[4], NULL, "m1 m2" },
    };
    int rc = oaep_page(path, 1, h, t, m, m_len, NULL, 0, c, c_len, crt, 5);
    cl_wipe(b, sizeof b);
    return rc;
}

static int cmd_oaep_decrypt(const struct topts *o)
{
    rsa_key key;
    const cl_hash *h;
    uint8_t *c = NULL, label[1024], m[RSA_MAX_BYTES];
    size_t c_len = 0, label_len = 0, m_len = 0, k;
    mpz_t ci, cp, cq, m1, m2, hh, mi;
    cl_status st;
    int rc = 1;

    rsa_key_init(&key);
    mpz_inits(ci, cp, cq, m1, m2, hh, mi, NULL);
    if (load_key(&key, o, 1))
        goto out;
    h = pick_hash(o);
    if (o->label_hex && cli_hex_arg(CMD, "-label", o->label_hex, label, sizeof label, 0, &label_len))
        goto out;
    if (cli_read_all(CMD, o->in, MAX_DATA, &c, &c_len))
        goto out;
    k = rsa_key_bytes(&key);
    if (c_len != k) {
        cli_fail(CMD, "ciphertext is %zu bytes; this key needs exactly %zu", c_len, k);
        goto out;
    }
    printf("RSAES-OAEP decryption (RFC 8017 7.1.2) using CRT (5.1.2, 2.b), hash %s\n"
           "# c  = the integer value of C\n# m1 = c^dP mod p = (c mod p)^dP mod p\n"
           "# m2 = c^dQ mod q = (c mod q)^dQ mod q\n# h  = (m1-m2)*qInv mod p\n"
           "# m  = m2 + q*h = the integer value of EM\n\n", h->name);
    print_octets("Ciphertext C", c, c_len);
    rsa_os2ip(ci, c, c_len);
    st = rsa_rsadp_crt_steps(&key, ci, cp, cq, m1, m2, hh, mi);
    if (st == CL_ERR_INPUT_LENGTH) {
        cli_fail(CMD, "ciphertext representative out of range (c >= n)");
        goto out;
    }
    print_mpz("c mod p", cp);
    print_mpz("c mod q", cq);
    print_mpz("m1", m1);
    print_mpz("m2", m2);
    print_mpz("h", hh);
    print_mpz_len("m", mi, k);
    st = rsa_oaep_decrypt_traced(&key, h, label, label_len, c, c_len, m, sizeof m, &m_len, &tr);
    if (tr.k == k) {
        print_octets("EM = Y || maskedSeed || maskedDB", tr.EM, tr.k);
        print_octets("seedMask = MGF(maskedDB, hLen)", tr.seedMask, tr.hLen);
        print_octets("seed = maskedSeed xor seedMask", tr.seed, tr.hLen);
        print_octets("dbMask = MGF(seed, k - hLen - 1)", tr.dbMask, tr.db_len);
        print_octets("DB = maskedDB xor dbMask", tr.DB, tr.db_len);
        print_octets("lHash = Hash(L)", tr.lHash, tr.hLen);
    }
    if (st != CL_OK) {
        printf("Check of Y = 0, lHash' = lHash and PS || 0x01: FAILED -- \"decryption error\"\n");
        cli_fail(CMD, "decryption error (one error for every kind of bad padding, RFC 8017 7.1.2 note)");
        goto out;
    }
    printf("Check of Y = 0, lHash' = lHash and PS || 0x01: passed (PS is %zu zero octets)\n\n", tr.ps_len);
    print_octets("Message M", m, m_len);
    if (write_out(o->out, m, m_len, 0600))
        goto out;
    if (o->html && crt_page(o->html, h, &tr, m, m_len, c, c_len, cp, cq, m1, m2, hh, k))
        goto out;
    rc = 0;
out:
    cl_wipe(m, sizeof m);
    cl_wipe(&tr, sizeof tr);
    free(c);
    mpz_clears(ci, cp, cq, m1, m2, hh, mi, NULL);
    rsa_key_clear(&key);
    return rc;
}

/* ------------------------------------------------------------------ PSS */

static rsa_pss_trace ptr;

static int cmd_pss_sign(const struct topts *o)
{
    rsa_key key;
    const cl_hash *h;
    uint8_t *m = NULL, salt[RSA_MAX_BYTES], s[RSA_MAX_BYTES];
    size_t m_len = 0, salt_len = 0, s_len = 0, sl;
    cl_status st;
    int rc = 1;

    rsa_key_init(&key);
    if (load_key(&key, o, 1))
        goto out;
    h = pick_hash(o);
    if (o->salt_hex && cli_hex_arg(CMD, "-salt", o->salt_hex, salt, sizeof salt, 0, &salt_len))
        goto out;
    if (o->salt_hex && o->have_saltlen && o->saltlen != salt_len) {
        cli_fail(CMD, "-salt has %zu octets but -saltlen says %lu", salt_len, o->saltlen);
        goto out;
    }
    sl = o->salt_hex ? salt_len : o->have_saltlen ? (size_t)o->saltlen : h->digest_len;
    if (get_message(o, &m, &m_len))
        goto out;
    st = rsa_pss_sign_traced(&key, h, m, m_len, sl, o->salt_hex ? salt : NULL, s, sizeof s, &s_len,
                             &ptr);
    if (st != CL_OK) {
        cli_fail_status(CMD, st, "PSS signing failed");
        goto out;
    }
    printf("RSASSA-PSS signature (RFC 8017 8.1.1, EMSA-PSS 9.1.1), hash %s, MGF1-%s, sLen = %zu\n"
           "# mHash    = Hash(M)\n# salt     = random string of octets%s\n"
           "# M'       = Padding || mHash || salt\n# H        = Hash(M')\n"
           "# DB       = Padding || salt\n# dbMask   = MGF(H, length(DB))\n"
           "# maskedDB = DB xor dbMask (leftmost bit set to zero)\n"
           "# EM       = maskedDB || H || 0xbc\n\n",
           h->name, h->name, sl, o->salt_hex ? " (given with -salt)" : "");
    print_octets("Message M to be signed", m, m_len);
    print_octets("mHash", ptr.mHash, ptr.hLen);
    print_octets("salt", ptr.salt, ptr.s_len);
    print_octets("M'", ptr.Mprime, ptr.mprime_len);
    print_octets("H", ptr.H, ptr.hLen);
    print_octets("DB", ptr.DB, ptr.db_len);
    print_octets("dbMask", ptr.dbMask, ptr.db_len);
    print_octets("maskedDB", ptr.maskedDB, ptr.db_len);
    print_octets("Encoded message EM", ptr.EM, ptr.em_len);
    print_octets("Signature S, the RSA decryption of EM", s, s_len);
    if (write_out(o->out, s, s_len, 0644))
        goto out;
    if (o->html && pss_page(o->html, h, &ptr, m, m_len, s, s_len))
        goto out;
    rc = 0;
out:
    free(m);
    cl_wipe(&ptr, sizeof ptr);
    rsa_key_clear(&key);
    return rc;
}

/* ------------------------------------------------------------------ attacks (labs) */

static int cmd_malleate(const struct topts *o)
{
    rsa_key key;
    uint8_t *c = NULL, out[RSA_MAX_BYTES];
    size_t c_len = 0, out_len = 0;
    cl_status st;
    int rc = 1;
    rsa_key_init(&key);
    if (o->factor < 2) {
        cli_fail(CMD, "malleate: give -factor F (F >= 2)");
        goto out;
    }
    if (o->out == NULL) {
        cli_fail(CMD, "malleate: give -out FILE for the new ciphertext");
        goto out;
    }
    if (load_key(&key, o, 0) || cli_read_all(CMD, o->in, MAX_DATA, &c, &c_len))
        goto out;
    st = rsa_textbook_malleate(&key, c, c_len, o->factor, out, sizeof out, &out_len);
    if (st == CL_ERR_INPUT_LENGTH) {
        cli_fail(CMD, "ciphertext is %zu bytes; this key needs exactly %zu", c_len, rsa_key_bytes(&key));
        goto out;
    }
    if (st != CL_OK) {
        cli_fail_status(CMD, st, "malleate failed");
        goto out;
    }
    printf("c' = c * %lu^e mod n  (textbook RSA: c' decrypts to m * %lu mod n)\n\n", o->factor, o->factor);
    print_octets("c", c, c_len);
    print_octets("c'", out, out_len);
    if (write_out(o->out, out, out_len, 0644))
        goto out;
    rc = 0;
out:
    free(c);
    rsa_key_clear(&key);
    return rc;
}

/* "square", "cube", "4th", "21st", "22nd", "23rd", "111th" ... for messages. */
static const char *root_name(unsigned long e, char *buf, size_t cap)
{
    if (e == 2) return "square";
    if (e == 3) return "cube";
    unsigned long h = e % 100, t = e % 10;
    const char *suf = (h >= 11 && h <= 13) ? "th" : t == 1 ? "st" : t == 2 ? "nd" : t == 3 ? "rd" : "th";
    snprintf(buf, cap, "%lu%s", e, suf);
    return buf;
}

static int cmd_root(const struct topts *o)
{
    uint8_t *c = NULL, r[RSA_MAX_BYTES];
    size_t c_len = 0, r_len = 0;
    unsigned long e = o->e ? o->e : 3;
    int exact = 0, rc = 1;
    char name[32];
    cl_status st;
    if (e < 2)
        return cli_fail(CMD, "root: -e must be at least 2");
    if (cli_read_all(CMD, o->in, MAX_DATA, &c, &c_len))
        return 1;
    st = rsa_integer_root(c, c_len, e, r, sizeof r, &r_len, &exact);
    if (st != CL_OK) {
        cli_fail_status(CMD, st, "root failed");
        goto out;
    }
    printf("integer e-th root (e = %lu) of the ciphertext, over the integers (no modulus):\n\n", e);
    print_octets("c", c, c_len);
    print_octets("r = floor(c^(1/e))", r, r_len);
    if (exact)
        printf("r^%lu = c EXACTLY: m^e never wrapped around n, so r is the message m.\n", e);
    else
        printf("r^%lu != c: m^e wrapped around n (or the message is padded); the root is not m.\n", e);
    if (exact && write_out(o->out, r, r_len, 0644))
        goto out;
    rc = exact ? 0 : 1;
    if (!exact)
        cli_fail(CMD, "no exact %s root: the attack does not apply to this ciphertext", root_name(e, name, sizeof name));
out:
    free(c);
    return rc;
}

static int run(int argc, char **argv)
{
    struct topts o;
    const char *sub;
    if (argc < 2)
        return cli_fail(CMD, "give a subcommand: genkey, oaep-encrypt, oaep-decrypt, pss-sign, malleate, root (see --help)");
    sub = argv[1];
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-help") == 0 || strcmp(sub, "help") == 0) {
        fputs(USAGE, stdout);
        return 0;
    }
    memset(&o, 0, sizeof o);
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-help") == 0) {
            fputs(USAGE, stdout);
            return 0;
        }
    if (parse_opts(argc, argv, &o))
        return 1;
    if (strcmp(sub, "genkey") == 0)
        return cmd_genkey(&o);
    if (strcmp(sub, "oaep-encrypt") == 0)
        return cmd_oaep_encrypt(&o);
    if (strcmp(sub, "oaep-decrypt") == 0)
        return cmd_oaep_decrypt(&o);
    if (strcmp(sub, "pss-sign") == 0)
        return cmd_pss_sign(&o);
    if (strcmp(sub, "malleate") == 0)
        return cmd_malleate(&o);
    if (strcmp(sub, "root") == 0)
        return cmd_root(&o);
    return cli_fail(CMD, "unknown subcommand %s (genkey, oaep-encrypt, oaep-decrypt, pss-sign, malleate, root)",
                    sub);
}

const struct cl_command cmd_rsa_trace = {"rsa-trace", "RSA step by step: key generation, OAEP, PSS, lab attacks", run};

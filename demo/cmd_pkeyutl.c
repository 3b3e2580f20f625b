/*
 * demo/cmd_pkeyutl.c -- `cryptolab pkeyutl`, shaped like `openssl pkeyutl`
 * (OpenSSL 3.0) for RSA keys:
 *
 *   cryptolab pkeyutl -encrypt|-decrypt|-sign|-verify -inkey FILE [-pubin]
 *       [-passin ARG] [-in FILE] [-out FILE] [-sigfile FILE]
 *       [-pkeyopt rsa_padding_mode:pkcs1|oaep|pss|none]
 *       [-pkeyopt rsa_oaep_md:sha256] [-pkeyopt rsa_mgf1_md:sha256|sha1]
 *       [-pkeyopt rsa_oaep_label:HEX] [-pkeyopt rsa_pss_saltlen:N|digest|max|auto]
 *       [-pkeyopt digest:sha256]
 *
 * As in OpenSSL, -sign/-verify work on a DIGEST given as input (use `dgst`
 * to sign a file); without digest:sha256, pkcs1 signing pads the raw input.
 * The cryptography is in rsa/; this file parses options and moves bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "cli.h"
#include "common/ct.h"
#include "common/hex.h"
#include "rsa/rsa.h"
#include "rsa/rsa_keyfile.h"

#define CMD "pkeyutl"
#define MAX_DATA (1u << 20)

static const char USAGE[] =
    "usage: cryptolab pkeyutl -encrypt|-decrypt|-sign|-verify -inkey FILE [options]\n"
    "  -encrypt            encrypt the input with the (public) key\n"
    "  -decrypt            decrypt the input with the private key\n"
    "  -sign               sign the input (a digest) with the private key\n"
    "  -verify             verify -sigfile against the input (a digest); prints\n"
    "                      \"Signature Verified Successfully\" or \"Signature Verification Failure\"\n"
    "  -inkey FILE         the key (PEM or DER; PKCS#8, encrypted PKCS#8, PKCS#1)\n"
    "  -pubin              the key file holds a public key (SubjectPublicKeyInfo or RSAPublicKey)\n"
    "  -passin ARG         password of an encrypted key (pass:, env:, file:, fd:, stdin);\n"
    "                      without it, asked on the terminal (as openssl does)\n"
    "  -in FILE            input (default standard input)\n"
    "  -out FILE           output (default standard output)\n"
    "  -sigfile FILE       the signature to check with -verify\n"
    "  -pkeyopt rsa_padding_mode:MODE\n"
    "                      pkcs1 (default, as OpenSSL: RSAES-PKCS1-v1_5 / RSASSA-PKCS1-v1_5),\n"
    "                      oaep (RSAES-OAEP), pss (RSASSA-PSS), none (textbook RSA: UNSAFE, labs only)\n"
    "  -pkeyopt rsa_oaep_md:sha256   OAEP hash; REQUIRED with oaep (OpenSSL's default there is\n"
    "                      SHA-1, which cryptolab does not offer for OAEP)\n"
    "  -pkeyopt rsa_mgf1_md:sha256|sha1  MGF1 hash (default: the OAEP / signature hash); SHA-1\n"
    "                      only inside MGF1 (RFC 8017 A.2.1/A.2.3 allow a different MGF1 hash)\n"
    "  -pkeyopt rsa_oaep_label:HEX   OAEP label (default empty)\n"
    "  -pkeyopt digest:sha256        the input is a SHA-256 digest (32 bytes); pkcs1 signatures\n"
    "                      carry its DigestInfo; REQUIRED with pss (OpenSSL's default is SHA-1)\n"
    "  -pkeyopt rsa_pss_saltlen:N|digest|max|auto\n"
    "                      PSS salt length: sign default 32 (= digest; OpenSSL 3.0 uses max),\n"
    "                      verify default auto (any salt length, 0 included)\n";

enum op { OP_NONE, OP_ENCRYPT, OP_DECRYPT, OP_SIGN, OP_VERIFY };
enum pad { PAD_PKCS1, PAD_OAEP, PAD_PSS, PAD_NONE };

struct opts {
    enum op op;
    enum pad pad;
    int digest_sha256, oaep_md_set, mgf1_set;
    const cl_hash *mgf1;     /* hash inside MGF1; NULL = the OAEP / PSS hash */
    size_t saltlen;          /* octets, or RSA_PSS_SALT_AUTO / RSA_PSS_SALT_MAX */
    int saltlen_set, saltlen_digest;
    uint8_t label[1024];
    size_t label_len;
};

static int parse_pkeyopt(struct opts *o, const char *arg)
{
    const char *colon = strchr(arg, ':');
    char name[64];
    const char *v;
    size_t nlen;
    if (colon == NULL || (nlen = (size_t)(colon - arg)) >= sizeof name)
        return cli_fail(CMD, "-pkeyopt %s: expected NAME:VALUE", arg);
    memcpy(name, arg, nlen);
    name[nlen] = '\0';
    v = colon + 1;
    if (strcmp(name, "rsa_padding_mode") == 0) {
        if (strcmp(v, "pkcs1") == 0) o->pad = PAD_PKCS1;
        else if (strcmp(v, "oaep") == 0) o->pad = PAD_OAEP;
        else if (strcmp(v, "pss") == 0) o->pad = PAD_PSS;
        else if (strcmp(v, "none") == 0) o->pad = PAD_NONE;
        else return cli_fail(CMD, "rsa_padding_mode: unsupported mode \"%s\" (pkcs1, oaep, pss, none)", v);
    } else if (strcmp(name, "rsa_mgf1_md") == 0 && strcasecmp(v, "sha1") == 0) {
        o->mgf1_set = 1;
        o->mgf1 = &cl_hash_sha1;
    } else if (strcmp(name, "rsa_oaep_md") == 0 || strcmp(name, "rsa_mgf1_md") == 0 ||
               strcmp(name, "digest") == 0) {
        if (strcasecmp(v, "sha256") != 0 && strcasecmp(v, "sha2-256") != 0 &&
            strcasecmp(v, "sha-256") != 0)
            return cli_fail(CMD, "%s: unsupported digest \"%s\" (only sha256%s)", name, v,
                            name[4] == 'm' ? " or sha1" : "");
        if (name[0] == 'd') o->digest_sha256 = 1;
        else if (name[4] == 'o') o->oaep_md_set = 1;
        else { o->mgf1_set = 1; o->mgf1 = &cl_hash_sha256; }
    } else if (strcmp(name, "rsa_oaep_label") == 0) {
        if (cli_hex_arg(CMD, "rsa_oaep_label", v, o->label, sizeof o->label, 0, &o->label_len))
            return 1;
    } else if (strcmp(name, "rsa_pss_saltlen") == 0) {
        char *end;
        o->saltlen_set = 1;
        o->saltlen_digest = 0;
        if (strcmp(v, "digest") == 0) { o->saltlen = 32; o->saltlen_digest = 1; }
        else if (strcmp(v, "max") == 0) o->saltlen = RSA_PSS_SALT_MAX;
        else if (strcmp(v, "auto") == 0) o->saltlen = RSA_PSS_SALT_AUTO;
        else {
            unsigned long n = strtoul(v, &end, 10);
            if (v[0] < '0' || v[0] > '9' || *end != '\0' || n > RSA_MAX_BYTES)
                return cli_fail(CMD, "rsa_pss_saltlen: invalid value \"%s\" (N, digest, max or auto)", v);
            o->saltlen = (size_t)n;
        }
    } else {
        return cli_fail(CMD, "-pkeyopt: unsupported option \"%s\"", name);
    }
    return 0;
}

static int run(int argc, char **argv)
{
    struct opts o;
    const char *inkey = NULL, *in = NULL, *out = NULL, *sigfile = NULL, *passin = NULL;
    int pubin = 0, rc = 1;
    uint8_t *input = NULL, *sig = NULL;
    size_t in_len = 0, sig_len = 0, k, res_len = 0;
    uint8_t result[RSA_MAX_BYTES];
    rsa_key key;
    cl_status st = CL_OK;
    struct cli_out co;

    memset(&o, 0, sizeof o);
    o.pad = PAD_PKCS1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has = i + 1 < argc;
#define NEED_ARG() do { if (!has) return cli_fail(CMD, "option %s needs an argument", a); } while (0)
        if (strcmp(a, "--help") == 0 || strcmp(a, "-help") == 0) {
            fputs(USAGE, stdout);
            return 0;
        } else if (strcmp(a, "-encrypt") == 0 || strcmp(a, "-decrypt") == 0 ||
                   strcmp(a, "-sign") == 0 || strcmp(a, "-verify") == 0) {
            enum op op = a[1] == 'e' ? OP_ENCRYPT : a[1] == 'd' ? OP_DECRYPT
                       : a[1] == 's' ? OP_SIGN : OP_VERIFY;
            if (o.op != OP_NONE && o.op != op)
                return cli_fail(CMD, "give only one of -encrypt, -decrypt, -sign, -verify");
            o.op = op;
        } else if (strcmp(a, "-inkey") == 0) { NEED_ARG(); inkey = argv[++i];
        } else if (strcmp(a, "-in") == 0) { NEED_ARG(); in = argv[++i];
        } else if (strcmp(a, "-out") == 0) { NEED_ARG(); out = argv[++i];
        } else if (strcmp(a, "-sigfile") == 0) { NEED_ARG(); sigfile = argv[++i];
        } else if (strcmp(a, "-passin") == 0) { NEED_ARG(); passin = argv[++i];
        } else if (strcmp(a, "-pubin") == 0) { pubin = 1;
        } else if (strcmp(a, "-pkeyopt") == 0) {
            NEED_ARG();
            if (parse_pkeyopt(&o, argv[++i]))
                return 1;
        } else {
            return cli_fail(CMD, "unknown option or argument %s (see --help)", a);
        }
#undef NEED_ARG
    }
    if (o.op == OP_NONE)
        return cli_fail(CMD, "give one of -encrypt, -decrypt, -sign, -verify (see --help)");
    if (inkey == NULL)
        return cli_fail(CMD, "no key given: use -inkey FILE");
    if (o.op == OP_VERIFY && sigfile == NULL)
        return cli_fail(CMD, "-verify needs -sigfile FILE");
    if (o.op != OP_VERIFY && sigfile != NULL)
        return cli_fail(CMD, "-sigfile is only for -verify");
    if (pubin && (o.op == OP_DECRYPT || o.op == OP_SIGN))
        return cli_fail(CMD, "%s needs a private key, -pubin gives a public key",
                        o.op == OP_DECRYPT ? "-decrypt" : "-sign");
    /* Padding modes that do not fit the operation, as OpenSSL refuses them. */
    if (o.pad == PAD_PSS && (o.op == OP_ENCRYPT || o.op == OP_DECRYPT))
        return cli_fail(CMD, "rsa_padding_mode:pss is for -sign/-verify only");
    if (o.pad == PAD_OAEP && (o.op == OP_SIGN || o.op == OP_VERIFY))
        return cli_fail(CMD, "rsa_padding_mode:oaep is for -encrypt/-decrypt only");
    if (o.pad == PAD_OAEP && !o.oaep_md_set)
        return cli_fail(CMD, "rsa_padding_mode:oaep needs -pkeyopt rsa_oaep_md:sha256 "
                             "(OpenSSL's default, SHA-1, is not offered for OAEP)");
    if (o.pad == PAD_PSS && !o.digest_sha256)
        return cli_fail(CMD, "rsa_padding_mode:pss needs -pkeyopt digest:sha256 "
                             "(OpenSSL's default, SHA-1, is not offered)");
    if ((o.oaep_md_set || o.label_len) && o.pad != PAD_OAEP)
        return cli_fail(CMD, "rsa_oaep_md / rsa_oaep_label need rsa_padding_mode:oaep");
    if (o.mgf1_set && o.pad != PAD_OAEP && o.pad != PAD_PSS)
        return cli_fail(CMD, "rsa_mgf1_md needs rsa_padding_mode:oaep or pss");
    if (o.saltlen_set && o.pad != PAD_PSS)
        return cli_fail(CMD, "rsa_pss_saltlen needs rsa_padding_mode:pss");
    if (o.pad == PAD_NONE)
        fprintf(stderr, "cryptolab %s: warning: rsa_padding_mode:none is textbook RSA -- "
                        "UNSAFE, for labs only\n", CMD);

    rsa_key_init(&key);
    if (cli_load_rsa_key(CMD, &key, inkey, !pubin, passin,
                         " (use -pubin for a public key)", NULL))
        goto out;
    k = rsa_key_bytes(&key);
    if (cli_read_all(CMD, in, MAX_DATA, &input, &in_len))
        goto out;
    if (o.op == OP_VERIFY && cli_read_all(CMD, sigfile, MAX_DATA, &sig, &sig_len))
        goto out;

    switch (o.op) {
    case OP_ENCRYPT:
        if (o.pad == PAD_OAEP) {
            if (k < 2 * 32 + 2) {
                cli_fail(CMD, "a %zu-bit key is too small for OAEP with SHA-256 (k - 2hLen - 2 < 0)",
                         mpz_sizeinbase(key.n, 2));
                goto out;
            }
            if (in_len > k - 2 * 32 - 2) {
                cli_fail(CMD, "input too long: %zu bytes, at most %zu for OAEP-SHA256 with this %zu-bit key",
                         in_len, k - 66, mpz_sizeinbase(key.n, 2));
                goto out;
            }
            st = rsa_oaep_encrypt_mgf1(&key, &cl_hash_sha256, o.mgf1, o.label, o.label_len,
                                       input, in_len, NULL, result, sizeof result, &res_len);
        } else if (o.pad == PAD_PKCS1) {
            if (in_len > k - 11) {
                cli_fail(CMD, "input too long: %zu bytes, at most %zu for PKCS#1 v1.5 with this key",
                         in_len, k - 11);
                goto out;
            }
            st = rsa_pkcs1v15_encrypt(&key, input, in_len, result, sizeof result, &res_len);
        } else {
            if (in_len != k) {
                cli_fail(CMD, "input is %zu bytes; rsa_padding_mode:none needs exactly %zu", in_len, k);
                goto out;
            }
            st = rsa_textbook_encrypt(&key, input, in_len, result, sizeof result, &res_len);
        }
        break;
    case OP_DECRYPT:
        if (in_len != k) {
            cli_fail(CMD, "ciphertext is %zu bytes; this %zu-bit key needs exactly %zu",
                     in_len, mpz_sizeinbase(key.n, 2), k);
            goto out;
        }
        if (o.pad == PAD_OAEP)
            st = rsa_oaep_decrypt_mgf1(&key, &cl_hash_sha256, o.mgf1, o.label, o.label_len,
                                       input, in_len, result, sizeof result, &res_len);
        else if (o.pad == PAD_PKCS1)
            st = rsa_pkcs1v15_decrypt(&key, input, in_len, result, sizeof result, &res_len);
        else
            st = rsa_textbook_decrypt(&key, input, in_len, result, sizeof result, &res_len);
        break;
    case OP_SIGN:
        if (o.digest_sha256 && o.pad != PAD_NONE && in_len != 32) {
            cli_fail(CMD, "input is %zu bytes; digest:sha256 needs a 32-byte SHA-256 digest", in_len);
            goto out;
        }
        if (o.pad == PAD_PSS)
            st = rsa_pss_sign_digest_mgf1(&key, &cl_hash_sha256, o.mgf1, input,
                                     o.saltlen_set && o.saltlen != RSA_PSS_SALT_AUTO ? o.saltlen
                                     : o.saltlen_set ? RSA_PSS_SALT_MAX : 32,
                                     NULL, result, sizeof result, &res_len);
        else if (o.pad == PAD_PKCS1 && o.digest_sha256)
            st = rsa_pkcs1v15_sign_digest(&key, &cl_hash_sha256, input, result, sizeof result,
                                          &res_len);
        else if (o.pad == PAD_PKCS1)
            st = rsa_pkcs1v15_sign_raw(&key, input, in_len, result, sizeof result, &res_len);
        else {
            if (in_len != k) {
                cli_fail(CMD, "input is %zu bytes; rsa_padding_mode:none needs exactly %zu", in_len, k);
                goto out;
            }
            st = rsa_textbook_decrypt(&key, input, in_len, result, sizeof result, &res_len);
        }
        break;
    case OP_VERIFY: {
        int ok;
        if (o.pad == PAD_PSS || (o.pad == PAD_PKCS1 && o.digest_sha256)) {
            if (in_len != 32) {
                cli_fail(CMD, "input is %zu bytes; digest:sha256 needs a 32-byte SHA-256 digest", in_len);
                goto out;
            }
        }
        if (o.pad == PAD_PSS) {
            size_t sl = !o.saltlen_set ? RSA_PSS_SALT_AUTO : o.saltlen;
            if (sl == RSA_PSS_SALT_MAX) {
                size_t emLen = (mpz_sizeinbase(key.n, 2) - 1 + 7) / 8;
                sl = emLen >= 34 ? emLen - 34 : 0;
            }
            st = rsa_pss_verify_digest_mgf1(&key, &cl_hash_sha256, o.mgf1, input, sl, sig, sig_len);
            ok = st == CL_OK;
        } else if (o.pad == PAD_PKCS1 && o.digest_sha256) {
            st = rsa_pkcs1v15_verify_digest(&key, &cl_hash_sha256, input, sig, sig_len);
            ok = st == CL_OK;
        } else if (o.pad == PAD_PKCS1) {
            st = rsa_pkcs1v15_recover_raw(&key, sig, sig_len, result, sizeof result, &res_len);
            ok = st == CL_OK && res_len == in_len && cl_ct_memeq(result, input, in_len);
        } else {
            st = sig_len == k ? rsa_textbook_encrypt(&key, sig, sig_len, result, sizeof result, &res_len)
                              : CL_ERR_VERIFY;
            ok = st == CL_OK && res_len == in_len && cl_ct_memeq(result, input, in_len);
        }
        if (ok) {
            printf("Signature Verified Successfully\n");
            rc = 0;
        } else {
            printf("Signature Verification Failure\n");
        }
        goto out;
    }
    default:
        break;
    }
    if (st == CL_ERR_NOT_PRIVATE) {
        cli_fail(CMD, "%s needs a private key", o.op == OP_DECRYPT ? "-decrypt" : "-sign");
        goto out;
    }
    if (st == CL_ERR_DECRYPT) {
        cli_fail(CMD, "decryption failed (wrong key, wrong padding mode or label, or a damaged ciphertext)");
        goto out;
    }
    if (st != CL_OK) {
        cli_fail_status(CMD, st, "%s failed", o.op == OP_SIGN ? "signing"
                        : o.op == OP_ENCRYPT ? "encryption" : "decryption");
        goto out;
    }
    if (cli_out_open(CMD, &co, out, o.op == OP_DECRYPT ? 0600 : 0644))
        goto out;
    if (fwrite(result, 1, res_len, co.fp) != res_len) {
        cli_out_abort(&co);
        cli_fail(CMD, "cannot write the output");
        goto out;
    }
    if (cli_out_commit(CMD, &co))
        goto out;
    rc = 0;
out:
    cl_wipe(result, sizeof result);
    if (input) {
        cl_wipe(input, in_len);
        free(input);
    }
    free(sig);
    rsa_key_clear(&key);
    return rc;
}

const struct cl_command cmd_pkeyutl = {"pkeyutl", "public-key operations with RSA (like openssl pkeyutl)", run};

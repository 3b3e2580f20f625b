/*
 * rsa/x509/x509_oid.c -- the object identifiers X.509 uses here and the
 * names OpenSSL prints for them (its crypto/objects/objects.txt: a short
 * name such as "CN" and a long name such as "commonName"), so that our text
 * output reads like `openssl x509 -text`.
 *
 * Sources: RFC 5280 §4.1.2.4 and Appendix A (attribute types, id-ce, id-kp),
 * RFC 4519 (more attribute types), RFC 4055 (RSA algorithms), RFC 2985
 * (PKCS#9 attributes), RFC 8017 Appendix A.2.
 */
#include <stdio.h>
#include <string.h>
#include "rsa/x509/x509_internal.h"

const uint8_t X509_OID_SUBJECT_KEY_ID[3]    = {0x55, 0x1D, 0x0E};
const uint8_t X509_OID_KEY_USAGE[3]         = {0x55, 0x1D, 0x0F};
const uint8_t X509_OID_SUBJECT_ALT_NAME[3]  = {0x55, 0x1D, 0x11};
const uint8_t X509_OID_BASIC_CONSTRAINTS[3] = {0x55, 0x1D, 0x13};
const uint8_t X509_OID_AUTHORITY_KEY_ID[3]  = {0x55, 0x1D, 0x23};
const uint8_t X509_OID_EXT_KEY_USAGE[3]     = {0x55, 0x1D, 0x25};
const uint8_t X509_OID_ANY_EKU[4]           = {0x55, 0x1D, 0x25, 0x00};
const uint8_t X509_OID_EXTENSION_REQUEST[9] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x0E};
const uint8_t X509_OID_CHALLENGE_PASSWORD[9] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x07};

struct oid_name {
    const char *dotted, *sn, *ln;
    unsigned tag;                /* attribute types: the string type OpenSSL's req writes */
};

static const struct oid_name NAMES[] = {
    /* attribute types (RFC 5280 §4.1.2.4, Appendix A.1; RFC 4519) */
    {"2.5.4.3",  "CN", "commonName", DER_UTF8_STRING},
    {"2.5.4.4",  "SN", "surname", DER_UTF8_STRING},
    {"2.5.4.5",  "serialNumber", "serialNumber", DER_PRINTABLE_STRING},
    {"2.5.4.6",  "C",  "countryName", DER_PRINTABLE_STRING},
    {"2.5.4.7",  "L",  "localityName", DER_UTF8_STRING},
    {"2.5.4.8",  "ST", "stateOrProvinceName", DER_UTF8_STRING},
    {"2.5.4.9",  "street", "streetAddress", DER_UTF8_STRING},
    {"2.5.4.10", "O",  "organizationName", DER_UTF8_STRING},
    {"2.5.4.11", "OU", "organizationalUnitName", DER_UTF8_STRING},
    {"2.5.4.12", "title", "title", DER_UTF8_STRING},
    {"2.5.4.13", "description", "description", DER_UTF8_STRING},
    {"2.5.4.15", "businessCategory", "businessCategory", DER_UTF8_STRING},
    {"2.5.4.17", "postalCode", "postalCode", DER_UTF8_STRING},
    {"2.5.4.41", "name", "name", DER_UTF8_STRING},
    {"2.5.4.42", "GN", "givenName", DER_UTF8_STRING},
    {"2.5.4.43", "initials", "initials", DER_UTF8_STRING},
    {"2.5.4.44", "generationQualifier", "generationQualifier", DER_UTF8_STRING},
    {"2.5.4.46", "dnQualifier", "dnQualifier", DER_PRINTABLE_STRING},
    {"2.5.4.65", "pseudonym", "pseudonym", DER_UTF8_STRING},
    {"2.5.4.97", "organizationIdentifier", "organizationIdentifier", DER_UTF8_STRING},
    {"1.2.840.113549.1.9.1", "emailAddress", "emailAddress", DER_IA5_STRING},
    {"0.9.2342.19200300.100.1.1", "UID", "userId", DER_UTF8_STRING},
    {"0.9.2342.19200300.100.1.25", "DC", "domainComponent", DER_IA5_STRING},
    {"1.3.6.1.4.1.311.60.2.1.1", "jurisdictionL", "jurisdictionLocalityName", DER_UTF8_STRING},
    {"1.3.6.1.4.1.311.60.2.1.2", "jurisdictionST", "jurisdictionStateOrProvinceName", DER_UTF8_STRING},
    {"1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC", "jurisdictionCountryName", DER_PRINTABLE_STRING},
    /* public-key and signature algorithms (RFC 4055, RFC 8017 A.2, RFC 5480) */
    {"1.2.840.113549.1.1.1",  "rsaEncryption", "rsaEncryption", 0},
    {"1.2.840.113549.1.1.4",  "RSA-MD5", "md5WithRSAEncryption", 0},
    {"1.2.840.113549.1.1.5",  "RSA-SHA1", "sha1WithRSAEncryption", 0},
    {"1.2.840.113549.1.1.8",  "MGF1", "mgf1", 0},
    {"1.2.840.113549.1.1.10", "RSASSA-PSS", "rsassaPss", 0},
    {"1.2.840.113549.1.1.11", "RSA-SHA256", "sha256WithRSAEncryption", 0},
    {"1.2.840.113549.1.1.12", "RSA-SHA384", "sha384WithRSAEncryption", 0},
    {"1.2.840.113549.1.1.13", "RSA-SHA512", "sha512WithRSAEncryption", 0},
    {"1.2.840.10045.2.1",     "id-ecPublicKey", "id-ecPublicKey", 0},
    {"1.2.840.10045.4.3.2",   "ecdsa-with-SHA256", "ecdsa-with-SHA256", 0},
    {"1.2.840.10045.4.3.3",   "ecdsa-with-SHA384", "ecdsa-with-SHA384", 0},
    {"1.3.101.112",           "ED25519", "ED25519", 0},
    {"1.3.14.3.2.26",          "SHA1", "sha1", 0},
    {"2.16.840.1.101.3.4.2.1", "SHA256", "sha256", 0},
    {"2.16.840.1.101.3.4.2.2", "SHA384", "sha384", 0},
    {"2.16.840.1.101.3.4.2.3", "SHA512", "sha512", 0},
    /* certificate extensions we process (RFC 5280 §4.2.1) */
    {"2.5.29.14", "subjectKeyIdentifier", "X509v3 Subject Key Identifier", 0},
    {"2.5.29.15", "keyUsage", "X509v3 Key Usage", 0},
    {"2.5.29.17", "subjectAltName", "X509v3 Subject Alternative Name", 0},
    {"2.5.29.19", "basicConstraints", "X509v3 Basic Constraints", 0},
    {"2.5.29.35", "authorityKeyIdentifier", "X509v3 Authority Key Identifier", 0},
    {"2.5.29.37", "extendedKeyUsage", "X509v3 Extended Key Usage", 0},
    /* key purposes (RFC 5280 §4.2.1.12) */
    {"1.3.6.1.5.5.7.3.1", "serverAuth", "TLS Web Server Authentication", 0},
    {"1.3.6.1.5.5.7.3.2", "clientAuth", "TLS Web Client Authentication", 0},
    {"1.3.6.1.5.5.7.3.3", "codeSigning", "Code Signing", 0},
    {"1.3.6.1.5.5.7.3.4", "emailProtection", "E-mail Protection", 0},
    {"1.3.6.1.5.5.7.3.8", "timeStamping", "Time Stamping", 0},
    {"1.3.6.1.5.5.7.3.9", "OCSPSigning", "OCSP Signing", 0},
    {"2.5.29.37.0", "anyExtendedKeyUsage", "Any Extended Key Usage", 0},
    /* PKCS#9 attributes of a request (RFC 2985 §5.4) */
    {"1.2.840.113549.1.9.7",  "challengePassword", "challengePassword", 0},
    {"1.2.840.113549.1.9.14", "extReq", "Extension Request", 0},
};

static const struct oid_name *lookup(const uint8_t *oid, size_t len)
{
    char dotted[96];
    der_oid_to_text(oid, len, dotted, sizeof dotted);
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++)
        if (strcmp(dotted, NAMES[i].dotted) == 0)
            return &NAMES[i];
    return NULL;
}

const char *x509_oid_sn(const uint8_t *oid, size_t len)
{
    const struct oid_name *n = lookup(oid, len);
    return n ? n->sn : NULL;
}

const char *x509_oid_ln(const uint8_t *oid, size_t len)
{
    const struct oid_name *n = lookup(oid, len);
    return n ? n->ln : NULL;
}

/* X.690 §8.19 encoding of a dotted OID; 0 if it is not one (or too long). */
size_t x509_oid_from_text(const char *dotted, size_t dlen, uint8_t *out, size_t cap)
{
    uint64_t arcs[32];
    size_t n = 0, i = 0;
    while (i < dlen) {
        uint64_t v = 0;
        size_t start = i;
        while (i < dlen && dotted[i] >= '0' && dotted[i] <= '9') {
            if (v > (UINT64_MAX - 9) / 10)
                return 0;
            v = v * 10 + (uint64_t)(dotted[i++] - '0');
        }
        if (i == start || (i - start > 1 && dotted[start] == '0') || n == 32)
            return 0;
        arcs[n++] = v;
        if (i < dlen && dotted[i++] != '.')
            return 0;
        if (i == dlen && dotted[dlen - 1] == '.')
            return 0;
    }
    if (n < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39) || arcs[1] > UINT64_MAX - 80)
        return 0;
    size_t len = 0;
    for (size_t k = 1; k < n; k++) {
        uint64_t v = k == 1 ? arcs[0] * 40 + arcs[1] : arcs[k];
        uint8_t tmp[10];
        size_t t = 0;
        do {
            tmp[t++] = (uint8_t)(v & 0x7F);
            v >>= 7;
        } while (v != 0);
        if (len + t > cap)
            return 0;
        while (t > 0) {
            t--;
            out[len++] = (uint8_t)(tmp[t] | (t ? 0x80 : 0));
        }
    }
    return len;
}

size_t x509_attr_oid(const char *sn, size_t sn_len, uint8_t out[X509_OID_MAX], unsigned *tag)
{
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++) {
        const struct oid_name *n = &NAMES[i];
        if (n->tag == 0)
            continue;
        if ((strlen(n->sn) == sn_len && strncmp(n->sn, sn, sn_len) == 0) ||
            (strlen(n->ln) == sn_len && strncmp(n->ln, sn, sn_len) == 0)) {
            *tag = n->tag;
            return x509_oid_from_text(n->dotted, strlen(n->dotted), out, X509_OID_MAX);
        }
    }
    return 0;
}

/* id-kp-* = 1.3.6.1.5.5.7.3.n */
static const struct { unsigned bit; uint8_t oid[8]; } KP[] = {
    {X509_EKU_SERVER_AUTH,   {0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01}},
    {X509_EKU_CLIENT_AUTH,   {0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x02}},
    {X509_EKU_CODE_SIGNING,  {0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x03}},
    {X509_EKU_EMAIL,         {0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x04}},
    {X509_EKU_TIME_STAMPING, {0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x08}},
    {X509_EKU_OCSP_SIGNING,  {0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x09}},
};

unsigned x509_eku_bit(const uint8_t *oid, size_t len)
{
    if (der_oid_eq(oid, len, X509_OID_ANY_EKU, sizeof X509_OID_ANY_EKU))
        return X509_EKU_ANY;
    for (size_t i = 0; i < sizeof KP / sizeof KP[0]; i++)
        if (der_oid_eq(oid, len, KP[i].oid, sizeof KP[i].oid))
            return KP[i].bit;
    return X509_EKU_OTHER;
}

const uint8_t *x509_eku_oid(unsigned bit, size_t *len)
{
    if (bit == X509_EKU_ANY) {
        *len = sizeof X509_OID_ANY_EKU;
        return X509_OID_ANY_EKU;
    }
    for (size_t i = 0; i < sizeof KP / sizeof KP[0]; i++)
        if (KP[i].bit == bit) {
            *len = sizeof KP[i].oid;
            return KP[i].oid;
        }
    *len = 0;
    return NULL;
}

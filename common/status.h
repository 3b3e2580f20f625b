/*
 * common/status.h -- the one project-wide status enum.
 *
 * Every cryptolab function that can fail returns a cl_status.  CL_OK is 0,
 * so `if (st != CL_OK)` and `if (st)` both work.  cl_strerror() turns a
 * status into one short English sentence for error messages.
 *
 * The codes are grouped by the module that introduced them; a module adds
 * its codes inside its own group so that parallel work does not collide.
 */
#ifndef CRYPTOLAB_COMMON_STATUS_H
#define CRYPTOLAB_COMMON_STATUS_H

typedef enum cl_status {
    CL_OK = 0,

    /* --- general --- */
    CL_ERR_NULL_POINTER,     /* a required pointer argument was NULL */
    CL_ERR_BAD_ARGUMENT,     /* an argument is out of its allowed range */
    CL_ERR_KEY_LENGTH,       /* key has a length the algorithm does not allow */
    CL_ERR_IV_LENGTH,        /* IV / nonce / counter block has the wrong length */
    CL_ERR_INPUT_LENGTH,     /* input length not allowed (e.g. not a block multiple) */
    CL_ERR_OUTPUT_SPACE,     /* caller's output buffer is too small */
    CL_ERR_BAD_PADDING,      /* padding check failed on decryption */
    CL_ERR_STATE,            /* function called in the wrong order (e.g. update after final) */
    CL_ERR_HEX,              /* not a valid hexadecimal string */
    CL_ERR_BASE64,           /* not valid base64 */
    CL_ERR_RANDOM,           /* the operating system's random generator failed */
    CL_ERR_IO,               /* reading or writing a file failed */
    CL_ERR_NOMEM,            /* out of memory (only outside the primitives) */
    CL_ERR_UNSUPPORTED,      /* valid request, but not supported by this build */
    CL_ERR_PARSE,            /* malformed input file (vectors, options, ...) */
    CL_ERR_COUNTER_WRAP,     /* a counter would wrap around (CTR mode, sequence numbers) */

    /* --- aes --- */
    CL_ERR_AUTH,             /* authentication tag did not verify (GCM) */

    /* --- sha256 / hmac / hkdf --- */
    CL_ERR_HKDF_LENGTH,      /* HKDF output longer than 255 * HashLen */
    CL_ERR_MESSAGE_TOO_LONG, /* message longer than the algorithm allows */
    CL_ERR_TAG_LENGTH,       /* MAC tag shorter than the allowed minimum (RFC 2104 §5) */

    /* --- rsa --- */
    CL_ERR_DECRYPT,          /* decryption failed (one generic error, by design) */
    CL_ERR_VERIFY,           /* signature did not verify */
    CL_ERR_RSA_TOO_LONG,     /* message too long for this key and padding */
    CL_ERR_KEY_INVALID,      /* key is inconsistent (n != p*q, e*d != 1, ...) */
    CL_ERR_KEY_SIZE,         /* key size not supported */
    CL_ERR_NOT_PRIVATE,      /* a private key is needed, a public key was given */
    CL_ERR_ASN1,             /* malformed or non-DER ASN.1 */
    CL_ERR_ASN1_OID,         /* unexpected algorithm identifier (OID) */
    CL_ERR_PEM,              /* malformed PEM armour */
    CL_ERR_PASSWORD,         /* wrong password, or encrypted key needs one */

    /* --- net --- */
    CL_ERR_PROTOCOL,         /* peer violated the protocol */
    CL_ERR_ALERT,            /* peer sent an alert */
    CL_ERR_PIN_MISMATCH,     /* server key does not match the pin / known host */
    CL_ERR_UNKNOWN_HOST,     /* server key not known and trust-on-first-use not allowed */
    CL_ERR_BAD_RECORD_MAC,   /* record failed its integrity check */
    CL_ERR_CLOSED,           /* connection closed (orderly) */
    CL_ERR_TRUNCATED,        /* connection ended without an orderly close */
    CL_ERR_TIMEOUT,          /* peer too slow */
    CL_ERR_SOCKET,           /* socket-level error */
    CL_ERR_REFUSED,          /* the server refused the request (see its RESULT text) */
    CL_ERR_HASH_MISMATCH,    /* SHA-256 of a transferred file does not match */
    CL_ERR_FILE_EXISTS,      /* the local file exists (client get without --overwrite) */
    CL_ERR_AUTH_DENIED,      /* the server does not accept our client key (§13) */

    /* --- outfile (common/outfile.h) --- */
    CL_ERR_OUT_DIRECTORY,    /* the output path is a directory */
    CL_ERR_OUT_REFUSED,      /* the output path is of a kind this writer refuses */
    CL_ERR_OUT_CHANGED,      /* the output path was replaced while it was written */

    /* --- x509 (rsa/x509/: RFC 5280 certificates, RFC 2986 requests, RFC 6125 names) --- */
    CL_ERR_X509_BAD_CERT,        /* not a well-formed (DER) X.509 certificate (RFC 5280 §4.1) */
    CL_ERR_X509_BAD_CSR,         /* not a well-formed PKCS#10 certification request (RFC 2986 §4) */
    CL_ERR_X509_NO_CERT,         /* the file holds no certificate */
    CL_ERR_X509_UNSUPPORTED_ALG, /* signature or public-key algorithm not implemented here */
    CL_ERR_X509_BAD_SIGNATURE,   /* signature does not verify with the issuer's key (§6.1.3 (a)(1)) */
    CL_ERR_X509_EXPIRED,         /* the time is after notAfter (§6.1.3 (a)(2)) */
    CL_ERR_X509_NOT_YET_VALID,   /* the time is before notBefore (§6.1.3 (a)(2)) */
    CL_ERR_X509_UNKNOWN_ISSUER,  /* no issuer among the intermediates and trust anchors (§6.1.3 (a)(4)) */
    CL_ERR_X509_SELF_SIGNED,     /* the chain ends in a self-signed certificate that is not trusted */
    CL_ERR_X509_NOT_CA,          /* an issuer is not a CA: basicConstraints cA absent or FALSE (§6.1.4 (k)) */
    CL_ERR_X509_NO_CERT_SIGN,    /* an issuer's keyUsage lacks keyCertSign (§6.1.4 (n)) */
    CL_ERR_X509_PATH_TOO_LONG,   /* pathLenConstraint exceeded (§6.1.4 (l)-(m)) */
    CL_ERR_X509_CHAIN_TOO_LONG,  /* more certificates than X509_MAX_CHAIN */
    CL_ERR_X509_CRITICAL_EXT,    /* unrecognised critical extension (§6.1.4 (o), §4.2) */
    CL_ERR_X509_WRONG_USAGE,     /* the leaf's keyUsage does not allow the use asked for (§4.2.1.3) */
    CL_ERR_X509_WRONG_PURPOSE,   /* extendedKeyUsage lacks serverAuth/clientAuth (§4.2.1.12) */
    CL_ERR_X509_HOST_MISMATCH,   /* no subjectAltName dNSName matches the host name (RFC 6125 §6.4) */
    CL_ERR_X509_IP_MISMATCH,     /* no subjectAltName iPAddress matches the IP address (RFC 6125 §6.2.1) */

    /* --- lab (lab/: deliberately vulnerable targets and the attacks on them) --- */
    CL_ERR_LAB_PAD_0002,     /* LAB ONLY leaky PKCS#1 v1.5: EM does not start 00 02 */
    CL_ERR_LAB_PAD_FORMAT,   /* LAB ONLY leaky PKCS#1 v1.5: 00 02 but no valid PS/separator */
    CL_ERR_LAB_NO_ORACLE,    /* an attack got no usable answer from its oracle */
    CL_ERR_LAB_QUERY_LIMIT,  /* an attack stopped at its query or time limit */

    CL_STATUS_COUNT          /* keep last */
} cl_status;

/* One short, human-readable sentence for a status; never NULL. */
const char *cl_strerror(cl_status st);

#endif

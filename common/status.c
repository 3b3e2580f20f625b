/* common/status.c -- messages for cl_status. */
#include "status.h"

const char *cl_strerror(cl_status st)
{
    switch (st) {
    case CL_OK:                  return "success";
    /* general */
    case CL_ERR_NULL_POINTER:    return "a required argument is missing (NULL pointer)";
    case CL_ERR_BAD_ARGUMENT:    return "invalid argument";
    case CL_ERR_KEY_LENGTH:      return "invalid key length";
    case CL_ERR_IV_LENGTH:       return "invalid IV length";
    case CL_ERR_INPUT_LENGTH:    return "invalid input length";
    case CL_ERR_OUTPUT_SPACE:    return "output buffer too small";
    case CL_ERR_BAD_PADDING:     return "bad decrypt (wrong key or corrupt data: padding check failed)";
    case CL_ERR_STATE:           return "function called in the wrong order";
    case CL_ERR_HEX:             return "invalid hex string";
    case CL_ERR_BASE64:          return "invalid base64";
    case CL_ERR_RANDOM:          return "the system random number generator failed";
    case CL_ERR_IO:              return "input/output error";
    case CL_ERR_NOMEM:           return "out of memory";
    case CL_ERR_UNSUPPORTED:     return "not supported";
    case CL_ERR_PARSE:           return "malformed input";
    case CL_ERR_COUNTER_WRAP:    return "counter would wrap around";
    /* aes */
    case CL_ERR_AUTH:            return "authentication failed (tag mismatch)";
    /* sha256 */
    case CL_ERR_HKDF_LENGTH:     return "HKDF output length too large (at most 255*HashLen)";
    case CL_ERR_MESSAGE_TOO_LONG:return "message too long";
    case CL_ERR_TAG_LENGTH:      return "MAC tag too short (at least half the hash output and 80 bits)";
    /* rsa */
    case CL_ERR_DECRYPT:         return "decryption error";
    case CL_ERR_VERIFY:          return "signature verification failed";
    case CL_ERR_RSA_TOO_LONG:    return "message too long for this RSA key";
    case CL_ERR_KEY_INVALID:     return "RSA key is invalid (inconsistent values)";
    case CL_ERR_KEY_SIZE:        return "unsupported RSA key size";
    case CL_ERR_NOT_PRIVATE:     return "a private key is needed but a public key was given";
    case CL_ERR_ASN1:            return "malformed DER (ASN.1) data";
    case CL_ERR_ASN1_OID:        return "unexpected algorithm identifier";
    case CL_ERR_PEM:             return "malformed PEM data";
    case CL_ERR_PASSWORD:        return "wrong password or key not decryptable";
    /* net */
    case CL_ERR_PROTOCOL:        return "protocol violation by the peer";
    case CL_ERR_ALERT:           return "the peer sent an alert";
    case CL_ERR_PIN_MISMATCH:    return "server key does not match the expected fingerprint";
    case CL_ERR_UNKNOWN_HOST:    return "server key is not known";
    case CL_ERR_BAD_RECORD_MAC:  return "record integrity check failed";
    case CL_ERR_CLOSED:          return "connection closed";
    case CL_ERR_TRUNCATED:       return "connection ended without an orderly close";
    case CL_ERR_TIMEOUT:         return "timed out";
    case CL_ERR_SOCKET:          return "network error";
    case CL_ERR_REFUSED:         return "the server refused the request";
    case CL_ERR_HASH_MISMATCH:   return "SHA-256 of the transferred file does not match";
    case CL_ERR_FILE_EXISTS:     return "the local file exists (use --overwrite)";
    case CL_ERR_AUTH_DENIED:     return "the server does not accept this client key";
    /* outfile */
    case CL_ERR_OUT_DIRECTORY:   return "is a directory";
    case CL_ERR_OUT_REFUSED:     return "not a regular file or new path (refused for this output)";
    case CL_ERR_OUT_CHANGED:     return "the path was replaced by something else while being written";
    /* x509 */
    case CL_ERR_X509_BAD_CERT:   return "malformed X.509 certificate";
    case CL_ERR_X509_BAD_CSR:    return "malformed certificate request (PKCS#10)";
    case CL_ERR_X509_NO_CERT:    return "no certificate found";
    case CL_ERR_X509_UNSUPPORTED_ALG: return "unsupported signature or public-key algorithm";
    case CL_ERR_X509_BAD_SIGNATURE:   return "certificate signature does not verify with the issuer's key";
    case CL_ERR_X509_EXPIRED:    return "certificate has expired";
    case CL_ERR_X509_NOT_YET_VALID:   return "certificate is not yet valid";
    case CL_ERR_X509_UNKNOWN_ISSUER:  return "issuer certificate not found (unknown issuer)";
    case CL_ERR_X509_SELF_SIGNED:     return "self-signed certificate that is not a trust anchor";
    case CL_ERR_X509_NOT_CA:     return "issuer is not a CA (basicConstraints cA is not TRUE)";
    case CL_ERR_X509_NO_CERT_SIGN:    return "issuer's key usage does not include keyCertSign";
    case CL_ERR_X509_PATH_TOO_LONG:   return "path length constraint exceeded";
    case CL_ERR_X509_CHAIN_TOO_LONG:  return "certificate chain too long";
    case CL_ERR_X509_CRITICAL_EXT:    return "unrecognised critical extension";
    case CL_ERR_X509_WRONG_USAGE:     return "certificate key usage does not allow this use";
    case CL_ERR_X509_WRONG_PURPOSE:   return "certificate extended key usage does not allow this purpose";
    case CL_ERR_X509_HOST_MISMATCH:   return "host name does not match the certificate";
    case CL_ERR_X509_IP_MISMATCH:     return "IP address does not match the certificate";
    /* lab */
    case CL_ERR_LAB_PAD_0002:    return "lab (leaky): the decrypted block does not start with 00 02";
    case CL_ERR_LAB_PAD_FORMAT:  return "lab (leaky): 00 02, but no valid padding string and zero separator";
    case CL_ERR_LAB_NO_ORACLE:   return "the oracle gave no usable answer: the attack is stopped";
    case CL_ERR_LAB_QUERY_LIMIT: return "the attack reached its query or time limit";
    case CL_STATUS_COUNT:        break;
    }
    return "unknown error";
}

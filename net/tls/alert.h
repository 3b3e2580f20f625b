/*
 * net/tls/alert.h -- alert protocol (RFC 8446 §6, RFC 5246 §7.2): the
 * descriptions we send or recognise, and their names for messages.
 *
 * struct { AlertLevel level; AlertDescription description; } Alert;
 * level 1 = warning, 2 = fatal.  In TLS 1.3 every alert except
 * close_notify and user_canceled is fatal whatever its level (§6).
 */
#ifndef CRYPTOLAB_NET_TLS_ALERT_H
#define CRYPTOLAB_NET_TLS_ALERT_H

#include <stdint.h>

#define TLS_ALERT_WARNING 1
#define TLS_ALERT_FATAL   2

enum tls_alert {
    TLS_ALERT_CLOSE_NOTIFY = 0,
    TLS_ALERT_UNEXPECTED_MESSAGE = 10,
    TLS_ALERT_BAD_RECORD_MAC = 20,
    TLS_ALERT_RECORD_OVERFLOW = 22,
    TLS_ALERT_HANDSHAKE_FAILURE = 40,
    TLS_ALERT_BAD_CERTIFICATE = 42,
    TLS_ALERT_UNSUPPORTED_CERTIFICATE = 43,
    TLS_ALERT_CERTIFICATE_REVOKED = 44,
    TLS_ALERT_CERTIFICATE_EXPIRED = 45,
    TLS_ALERT_CERTIFICATE_UNKNOWN = 46,
    TLS_ALERT_ILLEGAL_PARAMETER = 47,
    TLS_ALERT_UNKNOWN_CA = 48,
    TLS_ALERT_ACCESS_DENIED = 49,
    TLS_ALERT_DECODE_ERROR = 50,
    TLS_ALERT_DECRYPT_ERROR = 51,
    TLS_ALERT_PROTOCOL_VERSION = 70,
    TLS_ALERT_INSUFFICIENT_SECURITY = 71,
    TLS_ALERT_INTERNAL_ERROR = 80,
    TLS_ALERT_INAPPROPRIATE_FALLBACK = 86,
    TLS_ALERT_USER_CANCELED = 90,
    TLS_ALERT_NO_RENEGOTIATION = 100,
    TLS_ALERT_MISSING_EXTENSION = 109,
    TLS_ALERT_UNSUPPORTED_EXTENSION = 110,
    TLS_ALERT_UNRECOGNIZED_NAME = 112,
    TLS_ALERT_BAD_CERTIFICATE_STATUS_RESPONSE = 113,
    TLS_ALERT_UNKNOWN_PSK_IDENTITY = 115,
    TLS_ALERT_CERTIFICATE_REQUIRED = 116,
    TLS_ALERT_NO_APPLICATION_PROTOCOL = 120
};

/* "bad_record_mac", ... as the RFC spells them; "alert N" for others. */
const char *tls_alert_name(int description);

#endif

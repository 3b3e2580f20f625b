/*
 * net/tls/alert.c -- alert names (RFC 8446 §6, RFC 5246 §7.2).
 */
#include <stdio.h>
#include "net/tls/alert.h"

const char *tls_alert_name(int d)
{
    static const struct { int d; const char *name; } names[] = {
        { 0, "close_notify" }, { 10, "unexpected_message" }, { 20, "bad_record_mac" },
        { 21, "decryption_failed" }, { 22, "record_overflow" }, { 40, "handshake_failure" },
        { 42, "bad_certificate" }, { 43, "unsupported_certificate" }, { 44, "certificate_revoked" },
        { 45, "certificate_expired" }, { 46, "certificate_unknown" }, { 47, "illegal_parameter" },
        { 48, "unknown_ca" }, { 49, "access_denied" }, { 50, "decode_error" },
        { 51, "decrypt_error" }, { 70, "protocol_version" }, { 71, "insufficient_security" },
        { 80, "internal_error" }, { 86, "inappropriate_fallback" }, { 90, "user_canceled" },
        { 100, "no_renegotiation" }, { 109, "missing_extension" }, { 110, "unsupported_extension" },
        { 112, "unrecognized_name" }, { 113, "bad_certificate_status_response" },
        { 115, "unknown_psk_identity" }, { 116, "certificate_required" },
        { 120, "no_application_protocol" },
    };
    static _Thread_local char buf[24];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].d == d)
            return names[i].name;
    snprintf(buf, sizeof buf, "alert %d", d);
    return buf;
}

/*
 * rsa/x509/x509_host.c -- is this the certificate of the host we wanted?
 * RFC 6125 ("Representation and Verification of Domain-Based Application
 * Service Identity ... in the Context of TLS"):
 *
 *   §6.4.1  DNS names are compared ASCII case-insensitively, label by label;
 *   §6.4.3  a wildcard '*' in a presented identifier: we follow the rules
 *           the RFC recommends and browsers apply -- only as the complete
 *           left-most label ("*.example.com"), matching exactly one label,
 *           never "f*.example.com", never "*.com" (at least two labels
 *           after the wildcard), never the bare "example.com";
 *   §6.4.4  checking the subject's CN when there is no subjectAltName
 *           dNSName: NOT done here (CAs must put names in the SAN; the CN
 *           fallback is where the classic mismatch bugs hide);
 *   §6.2.1  (with RFC 5280 §4.2.1.6) an IP address is compared octet by
 *           octet with the iPAddress entries, never with dNSNames.
 */
#include <arpa/inet.h>
#include <string.h>
#include "rsa/x509/x509_internal.h"

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* LDH label characters; the reference identifier must be a plain DNS name. */
static int valid_host(const char *h, size_t n)
{
    if (n == 0 || h[0] == '.' || h[n - 1] == '.')
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = h[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_' || (c == '.' && h[i + 1] != '.');
        if (!ok)
            return 0;
    }
    return 1;
}

static int equal_nocase(const char *a, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)a[i]) != lower(b[i]))
            return 0;
    return 1;
}

int x509_dns_name_matches(const char *host, const uint8_t *pres, size_t pres_len)
{
    size_t hl = strlen(host);
    if (!valid_host(host, hl) || pres_len == 0)
        return 0;
    if (memchr(pres, '*', pres_len) == NULL)
        return hl == pres_len && equal_nocase(host, pres, hl);      /* §6.4.1 */
    /* §6.4.3: "*." then the rest; the '*' is the whole first label */
    if (pres_len < 3 || pres[0] != '*' || pres[1] != '.' || memchr(pres + 1, '*', pres_len - 1) != NULL)
        return 0;
    const uint8_t *rest = pres + 1;            /* ".example.com" */
    size_t rl = pres_len - 1;
    size_t dots = 0;
    for (size_t i = 0; i < rl; i++)
        dots += rest[i] == '.';
    if (dots < 2 || rest[rl - 1] == '.')       /* "*.com": too wide */
        return 0;
    const char *first_dot = strchr(host, '.');
    if (first_dot == NULL || first_dot == host) /* the wildcard stands for one non-empty label */
        return 0;
    size_t tail = hl - (size_t)(first_dot - host);
    return tail == rl && equal_nocase(first_dot, rest, rl);
}

cl_status x509_check_host(const x509_cert *c, const char *host)
{
    if (c == NULL || host == NULL)
        return CL_ERR_NULL_POINTER;
    der_reader r;
    x509_general_name gn;
    x509_gn_iter_init(&r, &c->ext.san);
    while (x509_gn_next(&r, &gn))
        if (gn.type == X509_GN_DNS && x509_dns_name_matches(host, gn.value.p, gn.value.len))
            return CL_OK;
    return CL_ERR_X509_HOST_MISMATCH;
}

size_t x509_parse_ip(const char *s, uint8_t out[16])
{
    struct in_addr a4;
    struct in6_addr a6;
    if (s == NULL)
        return 0;
    if (inet_pton(AF_INET, s, &a4) == 1) {
        memcpy(out, &a4, 4);
        return 4;
    }
    if (inet_pton(AF_INET6, s, &a6) == 1) {
        memcpy(out, &a6, 16);
        return 16;
    }
    return 0;
}

cl_status x509_check_ip(const x509_cert *c, const char *ip)
{
    uint8_t want[16];
    if (c == NULL || ip == NULL)
        return CL_ERR_NULL_POINTER;
    size_t n = x509_parse_ip(ip, want);
    if (n == 0)
        return CL_ERR_BAD_ARGUMENT;
    der_reader r;
    x509_general_name gn;
    x509_gn_iter_init(&r, &c->ext.san);
    while (x509_gn_next(&r, &gn))
        if (gn.type == X509_GN_IP && gn.value.len == n && memcmp(gn.value.p, want, n) == 0)
            return CL_OK;
    return CL_ERR_X509_IP_MISMATCH;
}

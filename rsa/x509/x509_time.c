/*
 * rsa/x509/x509_time.c -- Validity times (RFC 5280 §4.1.2.5).
 *
 *   §4.1.2.5.1 UTCTime          YYMMDDHHMMSSZ    YY >= 50: 19YY, else 20YY
 *   §4.1.2.5.2 GeneralizedTime  YYYYMMDDHHMMSSZ  no fractional seconds
 * "MUST be expressed in Greenwich Mean Time (Zulu) and MUST include
 * seconds"; CAs use UTCTime through 2049 and GeneralizedTime from 2050.
 * Reading accepts either type for any year (as OpenSSL does) but only in
 * those exact forms; writing follows the 2049/2050 rule.
 * Times are seconds since 1970-01-01T00:00:00Z (int64_t), computed with
 * the proleptic Gregorian calendar (days_from_civil, H. Hinnant).
 */
#include <stdio.h>
#include <string.h>
#include "rsa/x509/x509_internal.h"
#include "rsa/x509/x509_write.h"

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* Days from 1970-01-01 to y-m-d. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                                   /* [0, 399] */
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;  /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

int64_t x509_time_from_civil(int year, int month, int day, int hour, int minute, int second)
{
    return days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

static int digits(const uint8_t *p, size_t n, int *v)
{
    int x = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return 0;
        x = x * 10 + (p[i] - '0');
    }
    *v = x;
    return 1;
}

cl_status x509_time_read(der_reader *r, int64_t *t)
{
    size_t at = r->pos;
    int tag = der_peek_tag(r);
    const uint8_t *c;
    size_t n;
    cl_status st;
    if (tag != (int)DER_UTC_TIME && tag != (int)DER_GENERALIZED_TIME)
        return der_fail(r, at, "expected a UTCTime or GeneralizedTime");
    if ((st = der_read_tlv(r, (unsigned)tag, &c, &n)) != CL_OK)
        return st;
    int y, mo, d, h, mi, s;
    size_t yl = tag == (int)DER_UTC_TIME ? 2 : 4;
    if (n != yl + 11 || c[n - 1] != 'Z')
        return der_fail(r, at, tag == (int)DER_UTC_TIME
                        ? "UTCTime is not of the form YYMMDDHHMMSSZ (RFC 5280 §4.1.2.5.1)"
                        : "GeneralizedTime is not of the form YYYYMMDDHHMMSSZ (RFC 5280 §4.1.2.5.2)");
    if (!digits(c, yl, &y) || !digits(c + yl, 2, &mo) || !digits(c + yl + 2, 2, &d) ||
        !digits(c + yl + 4, 2, &h) || !digits(c + yl + 6, 2, &mi) || !digits(c + yl + 8, 2, &s))
        return der_fail(r, at, "time with a non-digit character");
    if (yl == 2)
        y += y >= 50 ? 1900 : 2000;           /* §4.1.2.5.1 */
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 59)
        return der_fail(r, at, "time with a field out of range (month, day, hour, minute or second)");
    *t = x509_time_from_civil(y, mo, d, h, mi, s);
    return CL_OK;
}

void x509_time_format(int64_t t, char out[32])
{
    static const char *const mon[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t secs = t - days * 86400;
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    /* ASN1_TIME_print: "%s %2d %02d:%02d:%02d %d GMT" */
    snprintf(out, 32, "%s %2d %02d:%02d:%02d %d GMT", mon[m - 1], d,
             (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60), y);
}

cl_status x509_time_write(der_writer *w, int64_t t)
{
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t secs = t - days * 86400;
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    if (y < 1950 || y > 9999)
        return CL_ERR_BAD_ARGUMENT;
    char s[48];
    int hh = (int)(secs / 3600), mi = (int)(secs / 60 % 60), ss = (int)(secs % 60);
    if (y < 2050) {                           /* §4.1.2.5: UTCTime through 2049 */
        snprintf(s, sizeof s, "%02d%02d%02d%02d%02d%02dZ", y % 100, m, d, hh, mi, ss);
        der_write_tlv(w, DER_UTC_TIME, (const uint8_t *)s, 13);
    } else {
        snprintf(s, sizeof s, "%04d%02d%02d%02d%02d%02dZ", y, m, d, hh, mi, ss);
        der_write_tlv(w, DER_GENERALIZED_TIME, (const uint8_t *)s, 15);
    }
    return CL_OK;
}

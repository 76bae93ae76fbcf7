/*
 * http/date.c - HTTP-date (RFC 9110 section 5.6.7) and Retry-After
 * (section 10.2.3).
 *
 * SPDX-License-Identifier: MIT
 */
#include "http/internal.h"

static const char http_date_days[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char http_date_long_days[7][10] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                           "Thursday", "Friday", "Saturday"};
static const char http_date_months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* Days since 1970-01-01 of a proleptic Gregorian date (month 1..12). */
static int64_t http_date_days_from_civil(int64_t y, int m, int d)
{
    int64_t era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (int64_t)(m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void http_date_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    int64_t era, doe, yoe, doy, mp;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int http_date_is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int http_date_month_days(int64_t y, int m)
{
    static const uint8_t md[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && http_date_is_leap(y) ? 29 : md[m - 1];
}

/* n decimal digits at s; -1 if any is not a digit. */
static int http_date_digits(const char *s, size_t n)
{
    int v = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int http_date_month(const char *s)
{
    int i;
    for (i = 0; i < 12; i++)
        if (memcmp(s, http_date_months[i], 3) == 0)
            return i + 1;
    return 0;
}

/* "HH:MM:SS" at s into seconds of the day; -1 if malformed. */
static int http_date_time_of_day(const char *s)
{
    int h, mi, se;
    if (s[2] != ':' || s[5] != ':')
        return -1;
    h = http_date_digits(s, 2);
    mi = http_date_digits(s + 3, 2);
    se = http_date_digits(s + 6, 2);
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60)
        return -1;
    return h * 3600 + mi * 60 + se;
}

static int http_date_build(int64_t y, int m, int d, int tod, int64_t *out)
{
    if (m < 1 || d < 1 || d > http_date_month_days(y, m) || tod < 0)
        return HK_ERR_HTTP_RETRY_AFTER;
    *out = http_date_days_from_civil(y, m, d) * 86400 + tod;
    return HK_OK;
}

int hk_http_parse_date(const char *s, size_t len, int64_t *unix_time)
{
    int i, y, m, d;
    if (unix_time == NULL || (s == NULL && len > 0))
        return HK_ERR_INVALID_ARG;
    if (len == 29 && s[3] == ',') {
        /* IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT" */
        for (i = 0; i < 7; i++)
            if (memcmp(s, http_date_days[i], 3) == 0)
                break;
        if (i == 7 || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' ||
            memcmp(s + 25, " GMT", 4) != 0)
            return HK_ERR_HTTP_RETRY_AFTER;
        d = http_date_digits(s + 5, 2);
        m = http_date_month(s + 8);
        y = http_date_digits(s + 12, 4);
        if (d < 0 || y < 0)
            return HK_ERR_HTTP_RETRY_AFTER;
        return http_date_build(y, m, d, http_date_time_of_day(s + 17), unix_time);
    }
    if (len == 24 && s[3] == ' ') {
        /* asctime-date: "Sun Nov  6 08:49:37 1994" */
        for (i = 0; i < 7; i++)
            if (memcmp(s, http_date_days[i], 3) == 0)
                break;
        if (i == 7 || s[7] != ' ' || s[10] != ' ' || s[19] != ' ')
            return HK_ERR_HTTP_RETRY_AFTER;
        m = http_date_month(s + 4);
        d = s[8] == ' ' ? http_date_digits(s + 9, 1) : http_date_digits(s + 8, 2);
        y = http_date_digits(s + 20, 4);
        if (d < 0 || y < 0)
            return HK_ERR_HTTP_RETRY_AFTER;
        return http_date_build(y, m, d, http_date_time_of_day(s + 11), unix_time);
    }
    for (i = 0; i < 7; i++) {
        /* rfc850-date: "Sunday, 06-Nov-94 08:49:37 GMT" */
        size_t dl = strlen(http_date_long_days[i]);
        const char *r;
        if (len != dl + 24 || memcmp(s, http_date_long_days[i], dl) != 0)
            continue;
        r = s + dl;
        if (r[0] != ',' || r[1] != ' ' || r[4] != '-' || r[8] != '-' || r[11] != ' ' ||
            memcmp(r + 20, " GMT", 4) != 0)
            return HK_ERR_HTTP_RETRY_AFTER;
        d = http_date_digits(r + 2, 2);
        m = http_date_month(r + 5);
        y = http_date_digits(r + 9, 2);
        if (d < 0 || y < 0)
            return HK_ERR_HTTP_RETRY_AFTER;
        /* Two-digit years: RFC 9110 section 5.6.7 says to read a year more
         * than 50 years in the future as the past; without a clock here,
         * 70..99 is 19xx and 00..69 is 20xx. */
        y += y < 70 ? 2000 : 1900;
        return http_date_build(y, m, d, http_date_time_of_day(r + 12), unix_time);
    }
    return HK_ERR_HTTP_RETRY_AFTER;
}

int hk_http_format_date(int64_t unix_time, char *out)
{
    int64_t days, secs, y;
    int m, d, wd, h, mi, se, i;
    /* 0000-01-01 .. 9999-12-31 */
    if (out == NULL || unix_time < -62167219200LL || unix_time > 253402300799LL)
        return HK_ERR_INVALID_ARG;
    days = unix_time >= 0 ? unix_time / 86400 : -((-unix_time + 86399) / 86400);
    secs = unix_time - days * 86400;
    http_date_civil_from_days(days, &y, &m, &d);
    wd = (int)(((days % 7) + 11) % 7); /* 1970-01-01 was a Thursday */
    h = (int)(secs / 3600);
    mi = (int)(secs / 60 % 60);
    se = (int)(secs % 60);
    memcpy(out, http_date_days[wd], 3);
    out[3] = ',';
    out[4] = ' ';
    out[5] = (char)('0' + d / 10);
    out[6] = (char)('0' + d % 10);
    out[7] = ' ';
    memcpy(out + 8, http_date_months[m - 1], 3);
    out[11] = ' ';
    for (i = 0; i < 4; i++) {
        out[15 - i] = (char)('0' + y % 10);
        y /= 10;
    }
    out[16] = ' ';
    out[17] = (char)('0' + h / 10);
    out[18] = (char)('0' + h % 10);
    out[19] = ':';
    out[20] = (char)('0' + mi / 10);
    out[21] = (char)('0' + mi % 10);
    out[22] = ':';
    out[23] = (char)('0' + se / 10);
    out[24] = (char)('0' + se % 10);
    memcpy(out + 25, " GMT", 5); /* with the NUL */
    return HK_OK;
}

int hk_http_parse_retry_after(const char *value, size_t len, int64_t now, uint64_t *delay_seconds)
{
    size_t i;
    int64_t t;
    int err;
    if (delay_seconds == NULL || (value == NULL && len > 0))
        return HK_ERR_INVALID_ARG;
    while (len > 0 && (value[0] == ' ' || value[0] == '\t')) {
        value++;
        len--;
    }
    while (len > 0 && (value[len - 1] == ' ' || value[len - 1] == '\t'))
        len--;
    if (len == 0)
        return HK_ERR_HTTP_RETRY_AFTER;
    if (value[0] >= '0' && value[0] <= '9') {
        /* delta-seconds = 1*DIGIT (RFC 9110 section 10.2.3) */
        uint64_t v = 0;
        for (i = 0; i < len; i++) {
            if (value[i] < '0' || value[i] > '9')
                return HK_ERR_HTTP_RETRY_AFTER;
            if (v < 2147483647u)
                v = v * 10 + (uint64_t)(value[i] - '0');
        }
        *delay_seconds = v > 2147483647u ? 2147483647u : v;
        return HK_OK;
    }
    err = hk_http_parse_date(value, len, &t);
    if (err != HK_OK)
        return err;
    *delay_seconds = t > now ? (uint64_t)(t - now) : 0;
    return HK_OK;
}

/*
 * test_standard.c - Standard Webhooks v1: keys, sign, verify, streaming,
 * ids and secrets.
 *
 * Known answer: the Standard Webhooks reference libraries' "sign function
 * works" test (github.com/standard-webhooks/standard-webhooks,
 * libraries/javascript/src/webhook.test.ts, the same values as the Svix
 * documentation's manual verification example): secret
 * whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw, id msg_p5jXN8AQM9LWM0D4loKWxJek,
 * timestamp 1614265330, body {"test": 2432232314} gives
 * v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=
 */
#include "hk_test.h"

#define KAT_SECRET "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
#define KAT_ID "msg_p5jXN8AQM9LWM0D4loKWxJek"
#define KAT_TS 1614265330
#define KAT_TS_S "1614265330"
#define KAT_BODY "{\"test\": 2432232314}"
#define KAT_SIG "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
/* A second, unrelated 24-byte secret (base64 of bytes 0x00..0x17). */
#define OTHER_SECRET "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX"

static hk_wh_key kat_key(void)
{
    hk_wh_key k;
    assert_int_equal(hk_wh_key_from_secret(&k, KAT_SECRET, strlen(KAT_SECRET)), HK_OK);
    return k;
}

static hk_wh_key other_key(void)
{
    hk_wh_key k;
    assert_int_equal(hk_wh_key_from_secret(&k, OTHER_SECRET, strlen(OTHER_SECRET)), HK_OK);
    return k;
}

static hk_wh_headers hdrs(const char *id, const char *ts, const char *sig)
{
    hk_wh_headers h;
    h.id = id;
    h.id_len = id ? strlen(id) : 0;
    h.timestamp = ts;
    h.timestamp_len = ts ? strlen(ts) : 0;
    h.signature = sig;
    h.signature_len = sig ? strlen(sig) : 0;
    return h;
}

static int verify_at(const char *id, const char *ts, const char *sig, const char *body,
                     int64_t now)
{
    hk_wh_key k = kat_key();
    hk_wh_headers h = hdrs(id, ts, sig);
    return hk_wh_verify(&k, 1, &h, body, strlen(body), now, HK_WH_TOLERANCE_DEFAULT);
}

static void test_sign_kat(void **state)
{
    char out[HK_WH_SIGNATURE_CAP(1)];
    size_t n = 0;
    hk_wh_key k = kat_key();
    (void)state;
    assert_int_equal(hk_wh_sign(out, sizeof out, &n, &k, 1, KAT_ID, strlen(KAT_ID), KAT_TS,
                                KAT_BODY, strlen(KAT_BODY)),
                     HK_OK);
    assert_int_equal(n, strlen(KAT_SIG));
    assert_string_equal(out, KAT_SIG);
    /* the prefix is optional */
    assert_int_equal(hk_wh_key_from_secret(&k, &KAT_SECRET[6], strlen(KAT_SECRET) - 6), HK_OK);
    assert_int_equal(hk_wh_sign(out, sizeof out, &n, &k, 1, KAT_ID, strlen(KAT_ID), KAT_TS,
                                KAT_BODY, strlen(KAT_BODY)),
                     HK_OK);
    assert_string_equal(out, KAT_SIG);
    /* raw-bytes key: the decoded secret */
    {
        uint8_t raw[24];
        size_t rn = hk_test_unhex("31f290f6bf06298aab4f08d43c3f082cf648a362da2da4b0", raw, 24);
        assert_int_equal(hk_wh_key_from_bytes(&k, raw, rn), HK_OK);
        assert_int_equal(hk_wh_sign(out, sizeof out, &n, &k, 1, KAT_ID, strlen(KAT_ID),
                                    KAT_TS, KAT_BODY, strlen(KAT_BODY)),
                         HK_OK);
        assert_string_equal(out, KAT_SIG);
    }
    hk_wh_key_wipe(&k);
    /* a wiped key is refused */
    assert_int_equal(hk_wh_sign(out, sizeof out, &n, &k, 1, KAT_ID, strlen(KAT_ID), KAT_TS,
                                KAT_BODY, strlen(KAT_BODY)),
                     HK_ERR_WH_SECRET);
}

static void test_sign_errors(void **state)
{
    char out[HK_WH_SIGNATURE_CAP(2)];
    size_t n = 0;
    hk_wh_key k[2];
    (void)state;
    k[0] = kat_key();
    k[1] = other_key();
    /* exact capacity for one entry: 47 characters + NUL */
    assert_int_equal(hk_wh_sign(out, 46, &n, k, 1, KAT_ID, strlen(KAT_ID), KAT_TS, "", 0),
                     HK_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(n, 48);
    assert_int_equal(hk_wh_sign(out, 47, &n, k, 1, KAT_ID, strlen(KAT_ID), KAT_TS, "", 0),
                     HK_OK);
    assert_int_equal(n, 47);
    assert_int_equal(hk_wh_sign(out, sizeof out, &n, k, 2, KAT_ID, strlen(KAT_ID), KAT_TS, "",
                                0),
                     HK_OK);
    assert_int_equal(n, 95);
    assert_int_equal(out[47], ' ');
    assert_int_equal(hk_wh_sign(out, sizeof out, &n, k, 1, "msg 1", 5, KAT_TS, "", 0),
                     HK_ERR_WH_ID);
    assert_int_equal(hk_wh_sign(out, sizeof out, &n, k, 1, "", 0, KAT_TS, "", 0),
                     HK_ERR_WH_ID);
    assert_int_equal(hk_wh_sign(out, sizeof out, &n, k, 1, "a\n", 2, KAT_TS, "", 0),
                     HK_ERR_WH_ID);
    assert_int_equal(hk_wh_sign(out, sizeof out, &n, k, 0, KAT_ID, strlen(KAT_ID), KAT_TS, "",
                                0),
                     HK_ERR_INVALID_ARG);
    assert_int_equal(hk_wh_sign(out, sizeof out, &n, k, 1, KAT_ID, strlen(KAT_ID), -1, "", 0),
                     HK_ERR_INVALID_ARG);
    assert_int_equal(hk_wh_sign(out, sizeof out, &n, k, 1, KAT_ID, strlen(KAT_ID), KAT_TS,
                                NULL, 3),
                     HK_ERR_INVALID_ARG);
}

static void test_verify_kat(void **state)
{
    (void)state;
    assert_int_equal(verify_at(KAT_ID, KAT_TS_S, KAT_SIG, KAT_BODY, KAT_TS), HK_OK);
    /* one byte of body changed */
    assert_int_equal(verify_at(KAT_ID, KAT_TS_S, KAT_SIG, "{\"test\": 2432232315}", KAT_TS),
                     HK_ERR_WH_NO_MATCH);
    /* re-serialised body (what a framework's parsed JSON gives back) */
    assert_int_equal(verify_at(KAT_ID, KAT_TS_S, KAT_SIG, "{\"test\":2432232314}", KAT_TS),
                     HK_ERR_WH_NO_MATCH);
    /* the id and timestamp are signed too */
    assert_int_equal(verify_at("msg_p5jXN8AQM9LWM0D4loKWxJeK", KAT_TS_S, KAT_SIG, KAT_BODY,
                               KAT_TS),
                     HK_ERR_WH_NO_MATCH);
    assert_int_equal(verify_at(KAT_ID, "1614265331", KAT_SIG, KAT_BODY, KAT_TS),
                     HK_ERR_WH_NO_MATCH);
    /* the same timestamp with a leading zero is other signed bytes */
    assert_int_equal(verify_at(KAT_ID, "01614265330", KAT_SIG, KAT_BODY, KAT_TS),
                     HK_ERR_WH_NO_MATCH);
    {
        hk_wh_key k = other_key();
        hk_wh_headers h = hdrs(KAT_ID, KAT_TS_S, KAT_SIG);
        assert_int_equal(hk_wh_verify(&k, 1, &h, KAT_BODY, strlen(KAT_BODY), KAT_TS, 300),
                         HK_ERR_WH_NO_MATCH);
    }
}

static void test_tolerance(void **state)
{
    hk_wh_key k = kat_key();
    hk_wh_headers h = hdrs(KAT_ID, KAT_TS_S, KAT_SIG);
    size_t n = strlen(KAT_BODY);
    (void)state;
    /* exactly 300 s either way accepted, 301 s refused */
    assert_int_equal(hk_wh_verify(&k, 1, &h, KAT_BODY, n, KAT_TS + 300, 300), HK_OK);
    assert_int_equal(hk_wh_verify(&k, 1, &h, KAT_BODY, n, KAT_TS - 300, 300), HK_OK);
    assert_int_equal(hk_wh_verify(&k, 1, &h, KAT_BODY, n, KAT_TS + 301, 300),
                     HK_ERR_WH_TOO_OLD);
    assert_int_equal(hk_wh_verify(&k, 1, &h, KAT_BODY, n, KAT_TS - 301, 300),
                     HK_ERR_WH_TOO_NEW);
    /* the default constant is 300 */
    assert_int_equal(hk_wh_verify(&k, 1, &h, KAT_BODY, n, KAT_TS + 301,
                                  HK_WH_TOLERANCE_DEFAULT),
                     HK_ERR_WH_TOO_OLD);
    /* configurable */
    assert_int_equal(hk_wh_verify(&k, 1, &h, KAT_BODY, n, KAT_TS + 10, 10), HK_OK);
    assert_int_equal(hk_wh_verify(&k, 1, &h, KAT_BODY, n, KAT_TS + 11, 10), HK_ERR_WH_TOO_OLD);
    assert_int_equal(hk_wh_verify(&k, 1, &h, KAT_BODY, n, KAT_TS, 0), HK_OK);
    assert_int_equal(hk_wh_verify(&k, 1, &h, KAT_BODY, n, KAT_TS - 1, 0), HK_ERR_WH_TOO_NEW);
    assert_int_equal(hk_wh_verify(&k, 1, &h, KAT_BODY, n, KAT_TS + 86400, 86400), HK_OK);
    /* extreme clocks do not overflow */
    assert_int_equal(hk_wh_verify(&k, 1, &h, KAT_BODY, n, INT64_MAX, 300), HK_ERR_WH_TOO_OLD);
    assert_int_equal(hk_wh_verify(&k, 1, &h, KAT_BODY, n, INT64_MIN, 300), HK_ERR_WH_TOO_NEW);
    assert_int_equal(hk_wh_verify(&k, 1, &h, KAT_BODY, n, -1, UINT32_MAX), HK_OK);
    /* the explicit variant skips the check but still needs a valid timestamp */
    assert_int_equal(hk_wh_verify_ignoring_timestamp(&k, 1, &h, KAT_BODY, n), HK_OK);
    h = hdrs(KAT_ID, "x", KAT_SIG);
    assert_int_equal(hk_wh_verify_ignoring_timestamp(&k, 1, &h, KAT_BODY, n),
                     HK_ERR_WH_TIMESTAMP);
    h = hdrs(KAT_ID, "1", KAT_SIG);
    assert_int_equal(hk_wh_verify_ignoring_timestamp(&k, 1, &h, KAT_BODY, n),
                     HK_ERR_WH_NO_MATCH);
}

static void test_rotation(void **state)
{
    hk_wh_key both[2], one;
    char sig[HK_WH_SIGNATURE_CAP(2)];
    hk_wh_headers h;
    size_t n = strlen(KAT_BODY);
    (void)state;
    both[0] = other_key();
    both[1] = kat_key();
    /* sender side: one entry per secret, the receiver with either one accepts */
    assert_int_equal(hk_wh_sign(sig, sizeof sig, NULL, both, 2, KAT_ID, strlen(KAT_ID), KAT_TS,
                                KAT_BODY, n),
                     HK_OK);
    assert_non_null(strstr(sig, KAT_SIG));
    h = hdrs(KAT_ID, KAT_TS_S, sig);
    one = kat_key();
    assert_int_equal(hk_wh_verify(&one, 1, &h, KAT_BODY, n, KAT_TS, 300), HK_OK);
    one = other_key();
    assert_int_equal(hk_wh_verify(&one, 1, &h, KAT_BODY, n, KAT_TS, 300), HK_OK);
    /* receiver side: several secrets, the message signed with any one */
    h = hdrs(KAT_ID, KAT_TS_S, KAT_SIG);
    assert_int_equal(hk_wh_verify(both, 2, &h, KAT_BODY, n, KAT_TS, 300), HK_OK);
    assert_int_equal(hk_wh_verify(both, 1, &h, KAT_BODY, n, KAT_TS, 300), HK_ERR_WH_NO_MATCH);
    /* the streaming final says which key matched */
    {
        hk_wh_stream s;
        size_t which = 99;
        assert_int_equal(hk_wh_stream_init(&s, both, 2, &h, KAT_TS, 300, 0), HK_OK);
        assert_int_equal(hk_wh_stream_update(&s, KAT_BODY, n), HK_OK);
        assert_int_equal(hk_wh_stream_final(&s, &which), HK_OK);
        assert_int_equal(which, 1);
    }
    /* the reference libraries' multi-signature case: valid entry among others */
    {
        char list[512];
        snprintf(list, sizeof list,
                 "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= "
                 "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= %s "
                 "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
                 KAT_SIG);
        assert_int_equal(verify_at(KAT_ID, KAT_TS_S, list, KAT_BODY, KAT_TS), HK_OK);
    }
}

static void test_malformed_headers(void **state)
{
    static const struct {
        const char *id, *ts, *sig;
        int want;
    } cases[] = {
        {NULL, KAT_TS_S, KAT_SIG, HK_ERR_WH_MISSING_HEADER},
        {KAT_ID, NULL, KAT_SIG, HK_ERR_WH_MISSING_HEADER},
        {KAT_ID, KAT_TS_S, NULL, HK_ERR_WH_MISSING_HEADER},
        {"", KAT_TS_S, KAT_SIG, HK_ERR_WH_MISSING_HEADER},
        {KAT_ID, "", KAT_SIG, HK_ERR_WH_MISSING_HEADER},
        {KAT_ID, KAT_TS_S, "", HK_ERR_WH_MISSING_HEADER},
        {"msg 1", KAT_TS_S, KAT_SIG, HK_ERR_WH_ID},
        {"msg\x7f", KAT_TS_S, KAT_SIG, HK_ERR_WH_ID},
        {"msg\xc3\xa9", KAT_TS_S, KAT_SIG, HK_ERR_WH_ID},
        {KAT_ID, "hello", KAT_SIG, HK_ERR_WH_TIMESTAMP},
        {KAT_ID, "-1614265330", KAT_SIG, HK_ERR_WH_TIMESTAMP},
        {KAT_ID, "+1614265330", KAT_SIG, HK_ERR_WH_TIMESTAMP},
        {KAT_ID, " 1614265330", KAT_SIG, HK_ERR_WH_TIMESTAMP},
        {KAT_ID, "1614265330 ", KAT_SIG, HK_ERR_WH_TIMESTAMP},
        {KAT_ID, "1614265330.0", KAT_SIG, HK_ERR_WH_TIMESTAMP},
        {KAT_ID, "1614265330000", KAT_SIG, HK_ERR_WH_TOO_NEW}, /* milliseconds */
        {KAT_ID, "0x60380ff2", KAT_SIG, HK_ERR_WH_TIMESTAMP},
        {KAT_ID, "1e9", KAT_SIG, HK_ERR_WH_TIMESTAMP},
        {KAT_ID, "9223372036854775808", KAT_SIG, HK_ERR_WH_TIMESTAMP},
        {KAT_ID, "12345678901234567890", KAT_SIG, HK_ERR_WH_TIMESTAMP},
        {KAT_ID, "1614264000", KAT_SIG, HK_ERR_WH_TOO_OLD},
        {KAT_ID, "1614266000", KAT_SIG, HK_ERR_WH_TOO_NEW},
        {KAT_ID, KAT_TS_S, "v1", HK_ERR_WH_SIGNATURE_FORMAT},
        {KAT_ID, KAT_TS_S, "v1,", HK_ERR_WH_SIGNATURE_FORMAT},
        {KAT_ID, KAT_TS_S, ",g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
         HK_ERR_WH_SIGNATURE_FORMAT},
        {KAT_ID, KAT_TS_S, "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
         HK_ERR_WH_SIGNATURE_FORMAT},
        {KAT_ID, KAT_TS_S, "v1,g0hM9", HK_ERR_WH_SIGNATURE_FORMAT}, /* partial */
        {KAT_ID, KAT_TS_S, "v1,dawfeoifkpqwoekfpqoekf", HK_ERR_WH_SIGNATURE_FORMAT},
        {KAT_ID, KAT_TS_S, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE",
         HK_ERR_WH_SIGNATURE_FORMAT}, /* padding missing */
        {KAT_ID, KAT_TS_S, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OF=",
         HK_ERR_WH_SIGNATURE_FORMAT}, /* non-zero trailing bits */
        {KAT_ID, KAT_TS_S, "v1,g0hM9SsE-OTPJTGt_tmIKtSyZlE3uFJELVlNIOLJ1OE=",
         HK_ERR_WH_SIGNATURE_FORMAT}, /* url-safe alphabet */
        {KAT_ID, KAT_TS_S, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE==",
         HK_ERR_WH_SIGNATURE_FORMAT},
        {KAT_ID, KAT_TS_S, " " KAT_SIG, HK_ERR_WH_SIGNATURE_FORMAT},
        {KAT_ID, KAT_TS_S, KAT_SIG " ", HK_ERR_WH_SIGNATURE_FORMAT},
        {KAT_ID, KAT_TS_S, "v2,abc  " KAT_SIG, HK_ERR_WH_SIGNATURE_FORMAT},
        {KAT_ID, KAT_TS_S, "v2,abc\t" KAT_SIG, HK_ERR_WH_SIGNATURE_FORMAT},
        {KAT_ID, KAT_TS_S, "v2,abc," KAT_SIG, HK_ERR_WH_NO_MATCH}, /* one v2 entry */
        {KAT_ID, KAT_TS_S, "v2", HK_ERR_WH_SIGNATURE_FORMAT},
        {KAT_ID, KAT_TS_S, "v1b,xyz " KAT_SIG, HK_OK},     /* unknown version skipped */
        {KAT_ID, KAT_TS_S, "v1a,xyz " KAT_SIG, HK_ERR_WH_SIGNATURE_FORMAT}, /* v1a is known */
        {KAT_ID, KAT_TS_S, "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=", HK_ERR_WH_NO_MATCH},
        {KAT_ID, KAT_TS_S, "V1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", HK_ERR_WH_NO_MATCH},
        {KAT_ID, KAT_TS_S, "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=", HK_ERR_WH_NO_MATCH},
        {KAT_ID, KAT_TS_S, KAT_SIG, HK_OK},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = verify_at(cases[i].id, cases[i].ts, cases[i].sig, KAT_BODY, KAT_TS);
        if (rc != cases[i].want)
            fail_msg("case %zu: got %s want %s", i, hk_error_name(rc),
                     hk_error_name(cases[i].want));
    }
    /* 257-character id */
    {
        char id[258];
        memset(id, 'a', 257);
        id[257] = '\0';
        assert_int_equal(verify_at(id, KAT_TS_S, KAT_SIG, KAT_BODY, KAT_TS), HK_ERR_WH_ID);
        id[256] = '\0';
        assert_int_equal(verify_at(id, KAT_TS_S, KAT_SIG, KAT_BODY, KAT_TS),
                         HK_ERR_WH_NO_MATCH);
    }
    /* header strings are (pointer, length): a NUL inside is a bad character */
    {
        hk_wh_key k = kat_key();
        hk_wh_headers h = hdrs(KAT_ID, KAT_TS_S, KAT_SIG);
        h.timestamp_len = 11; /* includes the terminating NUL */
        assert_int_equal(hk_wh_verify(&k, 1, &h, KAT_BODY, strlen(KAT_BODY), KAT_TS, 300),
                         HK_ERR_WH_TIMESTAMP);
        assert_int_equal(hk_wh_verify(&k, 1, NULL, KAT_BODY, 1, KAT_TS, 300),
                         HK_ERR_INVALID_ARG);
        assert_int_equal(hk_wh_verify(&k, 0, &h, KAT_BODY, 1, KAT_TS, 300),
                         HK_ERR_INVALID_ARG);
    }
}

static void test_secrets(void **state)
{
    static const struct {
        const char *secret;
        int want;
    } cases[] = {
        {"", HK_ERR_WH_SECRET},
        {"whsec_", HK_ERR_WH_SECRET},
        {"whsec", HK_ERR_WH_SECRET},
        /* 23 bytes: below the spec's minimum of 24 */
        {"whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRY=", HK_ERR_WH_SECRET},
        {"whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX", HK_OK},  /* 24 bytes */
        {"AAECAwQFBgcICQoLDA0ODxAREhMUFRYX", HK_OK},
        {"whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGA==", HK_OK}, /* 25 bytes */
        {"whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGA", HK_ERR_WH_SECRET}, /* no padding */
        {"whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGA=", HK_ERR_WH_SECRET}, /* partial */
        {"whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGB==", HK_ERR_WH_SECRET}, /* trailing bits */
        {"whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX ", HK_ERR_WH_SECRET},
        {" whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX", HK_ERR_WH_SECRET},
        {"whsec_AAECAwQFBgcICQoLDA0O\nDxAREhMUFRYX", HK_ERR_WH_SECRET},
        {"whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRY-", HK_ERR_WH_SECRET}, /* url alphabet */
        {"whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRY_", HK_ERR_WH_SECRET},
        {"whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX!", HK_ERR_WH_SECRET},
        {"WHSEC_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX", HK_ERR_WH_SECRET},
        {"whsec_whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX", HK_ERR_WH_SECRET},
        {"not a secret", HK_ERR_WH_SECRET},
        {"password", HK_ERR_WH_SECRET}, /* valid base64 of 6 bytes: a weak key */
    };
    size_t i;
    hk_wh_key k;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = hk_wh_key_from_secret(&k, cases[i].secret, strlen(cases[i].secret));
        if (rc != cases[i].want)
            fail_msg("case %zu (%s): got %s want %s", i, cases[i].secret, hk_error_name(rc),
                     hk_error_name(cases[i].want));
        if (rc != HK_OK) {
            /* a failed key is unusable, never a weak key */
            char out[64];
            assert_int_equal(hk_wh_sign(out, sizeof out, NULL, &k, 1, "m", 1, 1, "", 0),
                             HK_ERR_WH_SECRET);
        }
    }
    /* lengths: 256 bytes accepted, 257 refused */
    {
        uint8_t raw[257];
        char enc[400];
        size_t n = 0;
        memset(raw, 0x5a, sizeof raw);
        assert_int_equal(hk_base64_encode(enc, sizeof enc, raw, 256, HK_BASE64_STD, &n), HK_OK);
        assert_int_equal(hk_wh_key_from_secret(&k, enc, n), HK_OK);
        assert_int_equal(hk_base64_encode(enc, sizeof enc, raw, 257, HK_BASE64_STD, &n), HK_OK);
        assert_int_equal(hk_wh_key_from_secret(&k, enc, n), HK_ERR_WH_SECRET);
        assert_int_equal(hk_wh_key_from_bytes(&k, raw, 23), HK_ERR_WH_SECRET);
        assert_int_equal(hk_wh_key_from_bytes(&k, raw, 0), HK_ERR_WH_SECRET);
        assert_int_equal(hk_wh_key_from_bytes(&k, raw, 24), HK_OK);
        assert_int_equal(hk_wh_key_from_bytes(&k, raw, 256), HK_OK);
        assert_int_equal(hk_wh_key_from_bytes(&k, raw, 257), HK_ERR_WH_SECRET);
    }
    assert_int_equal(hk_wh_key_from_secret(NULL, "x", 1), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_wh_key_from_secret(&k, NULL, 1), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_wh_key_from_secret(&k, NULL, 0), HK_ERR_WH_SECRET);
}

static void test_stream_split_points(void **state)
{
    /* a body long enough to cross HMAC block boundaries, UTF-8 included */
    char body[300];
    char sig[HK_WH_SIGNATURE_CAP(1)];
    hk_wh_key k = kat_key();
    hk_wh_headers h;
    size_t n, i, j;
    hk_test_rng rng;
    (void)state;
    hk_test_rng_seed(&rng, 7);
    for (i = 0; i < sizeof body; i++)
        body[i] = (char)(' ' + hk_test_rng_below(&rng, 90));
    memcpy(body + 100, "\xc3\xa9t\xc3\xa9 \xe2\x82\xac", 10);
    n = sizeof body;
    assert_int_equal(hk_wh_sign(sig, sizeof sig, NULL, &k, 1, KAT_ID, strlen(KAT_ID), KAT_TS,
                                body, n),
                     HK_OK);
    h = hdrs(KAT_ID, KAT_TS_S, sig);
    /* every single split point, and every pair of split points in a window */
    for (i = 0; i <= n; i++) {
        hk_wh_stream s;
        assert_int_equal(hk_wh_stream_init(&s, &k, 1, &h, KAT_TS, 300, 0), HK_OK);
        assert_int_equal(hk_wh_stream_update(&s, body, i), HK_OK);
        assert_int_equal(hk_wh_stream_update(&s, body + i, n - i), HK_OK);
        assert_int_equal(hk_wh_stream_final(&s, NULL), HK_OK);
    }
    for (i = 60; i <= 70; i++) {
        for (j = i; j <= n; j += 7) {
            hk_wh_stream s;
            assert_int_equal(hk_wh_stream_init(&s, &k, 1, &h, KAT_TS, 300, 0), HK_OK);
            assert_int_equal(hk_wh_stream_update(&s, body, i), HK_OK);
            assert_int_equal(hk_wh_stream_update(&s, NULL, 0), HK_OK);
            assert_int_equal(hk_wh_stream_update(&s, body + i, j - i), HK_OK);
            assert_int_equal(hk_wh_stream_update(&s, body + j, n - j), HK_OK);
            assert_int_equal(hk_wh_stream_final(&s, NULL), HK_OK);
        }
    }
    /* byte by byte, and a flipped byte at each position fails */
    for (i = 0; i < n; i++) {
        hk_wh_stream s;
        assert_int_equal(hk_wh_stream_init(&s, &k, 1, &h, KAT_TS, 300, 0), HK_OK);
        for (j = 0; j < n; j++) {
            char c = body[j];
            if (j == i)
                c = (char)(c ^ 1);
            assert_int_equal(hk_wh_stream_update(&s, &c, 1), HK_OK);
        }
        assert_int_equal(hk_wh_stream_final(&s, NULL), HK_ERR_WH_NO_MATCH);
    }
    /* truncated body */
    {
        hk_wh_stream s;
        assert_int_equal(hk_wh_stream_init(&s, &k, 1, &h, KAT_TS, 300, 0), HK_OK);
        assert_int_equal(hk_wh_stream_update(&s, body, n - 1), HK_OK);
        assert_int_equal(hk_wh_stream_final(&s, NULL), HK_ERR_WH_NO_MATCH);
    }
}

static void test_stream_errors(void **state)
{
    hk_wh_key keys[9];
    hk_wh_stream s;
    hk_wh_headers h;
    size_t i;
    char many[20 * 48 + 1];
    (void)state;
    for (i = 0; i < 9; i++)
        keys[i] = kat_key();
    h = hdrs(KAT_ID, KAT_TS_S, KAT_SIG);
    assert_int_equal(hk_wh_stream_init(&s, keys, 9, &h, KAT_TS, 300, 0), HK_ERR_LIMIT);
    assert_int_equal(hk_wh_stream_update(&s, "x", 1), HK_ERR_LIMIT);
    assert_int_equal(hk_wh_stream_final(&s, NULL), HK_ERR_LIMIT);
    assert_int_equal(hk_wh_stream_init(&s, keys, 8, &h, KAT_TS, 300, 0), HK_OK);
    assert_int_equal(hk_wh_stream_update(&s, KAT_BODY, strlen(KAT_BODY)), HK_OK);
    assert_int_equal(hk_wh_stream_final(&s, NULL), HK_OK);
    /* after final the stream is wiped: further use is a state error */
    assert_int_equal(hk_wh_stream_update(&s, "x", 1), HK_ERR_STATE);
    /* header errors come from init and stick */
    h = hdrs(KAT_ID, KAT_TS_S, KAT_SIG);
    assert_int_equal(hk_wh_stream_init(&s, keys, 1, &h, KAT_TS + 301, 300, 0), HK_ERR_WH_TOO_OLD);
    assert_int_equal(hk_wh_stream_update(&s, "x", 1), HK_ERR_WH_TOO_OLD);
    assert_int_equal(hk_wh_stream_final(&s, NULL), HK_ERR_WH_TOO_OLD);
    assert_int_equal(hk_wh_stream_init(&s, keys, 1, &h, KAT_TS + 301, 300,
                                       HK_WH_NO_TIMESTAMP_CHECK),
                     HK_OK);
    assert_int_equal(hk_wh_stream_update(&s, KAT_BODY, strlen(KAT_BODY)), HK_OK);
    assert_int_equal(hk_wh_stream_final(&s, NULL), HK_OK);
    assert_int_equal(hk_wh_stream_init(&s, keys, 1, &h, KAT_TS, 300, 8), HK_ERR_INVALID_ARG);
    h = hdrs(NULL, KAT_TS_S, KAT_SIG);
    assert_int_equal(hk_wh_stream_init(&s, keys, 1, &h, KAT_TS, 300, 0),
                     HK_ERR_WH_MISSING_HEADER);
    assert_int_equal(hk_wh_stream_final(&s, NULL), HK_ERR_WH_MISSING_HEADER);
    /* 16 v1 entries fit, 17 do not */
    many[0] = '\0';
    for (i = 0; i < 16; i++) {
        strcat(many, i ? " " : "");
        strcat(many, i == 15 ? KAT_SIG : "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=");
    }
    h = hdrs(KAT_ID, KAT_TS_S, many);
    assert_int_equal(hk_wh_stream_init(&s, keys, 1, &h, KAT_TS, 300, 0), HK_OK);
    assert_int_equal(hk_wh_stream_update(&s, KAT_BODY, strlen(KAT_BODY)), HK_OK);
    assert_int_equal(hk_wh_stream_final(&s, NULL), HK_OK);
    strcat(many, " v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=");
    h = hdrs(KAT_ID, KAT_TS_S, many);
    assert_int_equal(hk_wh_stream_init(&s, keys, 1, &h, KAT_TS, 300, 0),
                     HK_ERR_WH_SIGNATURE_FORMAT);
    /* the one-shot verifier has no such limit */
    assert_int_equal(hk_wh_verify(keys, 9, &h, KAT_BODY, strlen(KAT_BODY), KAT_TS, 300), HK_OK);
    hk_wh_stream_wipe(&s);
    assert_int_equal(hk_wh_stream_update(&s, "x", 1), HK_ERR_STATE);
}

/* A 1 GiB body verifies through the stream in pieces of 64 KiB: the stream
 * is a fixed-size struct (no allocation), so memory stays constant. The
 * expected signature is built with the crypto module's streaming HMAC. */
static void test_stream_1gib(void **state)
{
    const size_t piece = 64 * 1024, total = (size_t)1 << 30;
    uint8_t *buf = malloc(piece);
    uint8_t mac[32], raw[24];
    char sig[64];
    size_t i, n = 0;
    hk_hmac_sha256_ctx c;
    hk_hmac_sha256_key hk;
    hk_wh_key k = kat_key();
    hk_wh_stream s;
    hk_wh_headers h;
    (void)state;
    assert_non_null(buf);
    for (i = 0; i < piece; i++)
        buf[i] = (uint8_t)(i * 131u + 7u);
    hk_test_unhex("31f290f6bf06298aab4f08d43c3f082cf648a362da2da4b0", raw, sizeof raw);
    hk_hmac_sha256_key_init(&hk, raw, sizeof raw);
    hk_hmac_sha256_init(&c, &hk);
    hk_hmac_sha256_update(&c, KAT_ID "." KAT_TS_S ".", strlen(KAT_ID "." KAT_TS_S "."));
    for (i = 0; i < total; i += piece)
        hk_hmac_sha256_update(&c, buf, piece);
    hk_hmac_sha256_final(&c, mac);
    memcpy(sig, "v1,", 3);
    assert_int_equal(hk_base64_encode(sig + 3, sizeof sig - 4, mac, 32, HK_BASE64_STD, &n), HK_OK);
    sig[3 + n] = '\0';
    h = hdrs(KAT_ID, KAT_TS_S, sig);
    assert_int_equal(hk_wh_stream_init(&s, &k, 1, &h, KAT_TS, 300, 0), HK_OK);
    for (i = 0; i < total; i += piece)
        assert_int_equal(hk_wh_stream_update(&s, buf, piece), HK_OK);
    assert_int_equal(hk_wh_stream_final(&s, NULL), HK_OK);
    /* one byte short fails */
    assert_int_equal(hk_wh_stream_init(&s, &k, 1, &h, KAT_TS, 300, 0), HK_OK);
    for (i = 0; i < total; i += piece)
        assert_int_equal(hk_wh_stream_update(&s, buf, i + piece < total ? piece : piece - 1),
                         HK_OK);
    assert_int_equal(hk_wh_stream_final(&s, NULL), HK_ERR_WH_NO_MATCH);
    hk_hmac_sha256_key_wipe(&hk);
    free(buf);
}

static int failing_random(void *user, uint8_t *buf, size_t len)
{
    (void)user;
    (void)buf;
    (void)len;
    return HK_ERR_RANDOM;
}

static void test_generate(void **state)
{
    char a[HK_WH_MSG_ID_CAP], b[HK_WH_MSG_ID_CAP], sec[HK_WH_SECRET_CAP];
    size_t n = 0, i;
    hk_test_rng rng;
    hk_wh_key k;
    (void)state;
    hk_test_rng_seed(&rng, 1);
    assert_int_equal(hk_wh_generate_id(a, sizeof a, &n, hk_test_random, &rng), HK_OK);
    assert_int_equal(n, 31);
    assert_int_equal(strlen(a), 31);
    assert_memory_equal(a, "msg_", 4);
    for (i = 4; i < n; i++) {
        char c = a[i];
        assert_true((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    }
    assert_int_equal(hk_wh_generate_id(b, sizeof b, &n, hk_test_random, &rng), HK_OK);
    assert_string_not_equal(a, b);
    /* deterministic for a fixed source */
    hk_test_rng_seed(&rng, 1);
    assert_int_equal(hk_wh_generate_id(b, sizeof b, &n, hk_test_random, &rng), HK_OK);
    assert_string_equal(a, b);
    assert_int_equal(hk_wh_generate_id(a, 31, &n, hk_test_random, &rng), HK_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(hk_wh_generate_id(a, sizeof a, &n, failing_random, NULL), HK_ERR_RANDOM);
    assert_int_equal(hk_wh_generate_id(a, sizeof a, &n, NULL, NULL), HK_OK); /* OS source */
    /* a generated id is accepted by sign */
    {
        char sig[HK_WH_SIGNATURE_CAP(1)];
        k = kat_key();
        assert_int_equal(hk_wh_sign(sig, sizeof sig, NULL, &k, 1, a, n, 1, "", 0), HK_OK);
    }
    assert_int_equal(hk_wh_generate_secret(sec, sizeof sec, &n, hk_test_random, &rng), HK_OK);
    assert_int_equal(n, 50);
    assert_memory_equal(sec, "whsec_", 6);
    assert_int_equal(hk_wh_key_from_secret(&k, sec, n), HK_OK);
    assert_int_equal(hk_wh_generate_secret(sec, 50, &n, hk_test_random, &rng),
                     HK_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(hk_wh_generate_secret(sec, sizeof sec, &n, failing_random, NULL),
                     HK_ERR_RANDOM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sign_kat),
        cmocka_unit_test(test_sign_errors),
        cmocka_unit_test(test_verify_kat),
        cmocka_unit_test(test_tolerance),
        cmocka_unit_test(test_rotation),
        cmocka_unit_test(test_malformed_headers),
        cmocka_unit_test(test_secrets),
        cmocka_unit_test(test_stream_split_points),
        cmocka_unit_test(test_stream_errors),
        cmocka_unit_test(test_stream_1gib),
        cmocka_unit_test(test_generate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

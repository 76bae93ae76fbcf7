/*
 * test_v1a.c - Standard Webhooks asymmetric signatures ("v1a", Ed25519) and
 * the Discord scheme.
 *
 * Known answer: Svix's own test of its asymmetric signing,
 * svix/svix-webhooks server/svix-server/src/worker.rs,
 * test_asymmetric_key_signing: secret key (base64 of seed || public key)
 * "6Xb/dCcH...Fs6Kvg==", id "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp
 * 1614265330, body {"test": 2432232314}, expected header value
 * "v1a,hnO3f9T8...m7TBAg==". The same v1a entry appears in the example
 * header of the Standard Webhooks specification (spec/standard-webhooks.md,
 * "Webhook headers"), next to a v1 entry of another secret. The public key
 * "whpk_1SiA4o9h...Oir4=" is the seed's, derived independently with Node's
 * crypto (OpenSSL).
 *
 * Discord publishes no example request with a matching key; its scheme is
 * tested with generated keys here and against Node's crypto in
 * tests/interop/webhook/ed25519.js.
 */
#include "hk_test.h"

#define SVIX_SK "whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg=="
#define SVIX_PK "whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4="
#define SVIX_ID "msg_p5jXN8AQM9LWM0D4loKWxJek"
#define SVIX_TS 1614265330
#define SVIX_TS_S "1614265330"
#define SVIX_BODY "{\"test\": 2432232314}"
#define SVIX_SIG                                                                         \
    "v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+" \
    "m7TBAg=="
/* the v1 known answer of test_standard.c (same id, timestamp and body) */
#define HMAC_SECRET "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
#define HMAC_SIG "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
/* the spec's example header: a v1 entry of an unknown secret, then the v1a */
#define SPEC_HEADER "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4= " SVIX_SIG

static hk_wh_key key_of(const char *s)
{
    hk_wh_key k;
    int rc = hk_wh_key_from_secret(&k, s, strlen(s));
    if (rc != HK_OK)
        fail_msg("key %s: %s", s, hk_error_name(rc));
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

static int verify_with(const hk_wh_key *keys, size_t n, const char *sig, const char *body)
{
    hk_wh_headers h = hdrs(SVIX_ID, SVIX_TS_S, sig);
    return hk_wh_verify(keys, n, &h, body, strlen(body), SVIX_TS, 300);
}

/* A fresh key pair from the test PRNG, as strings. */
static void gen_pair(hk_test_rng *r, char sk[HK_WH_SECRET_KEY_CAP], char pk[HK_WH_PUBLIC_KEY_CAP])
{
    assert_int_equal(hk_wh_generate_keypair(sk, HK_WH_SECRET_KEY_CAP, NULL, pk,
                                            HK_WH_PUBLIC_KEY_CAP, NULL, hk_test_random, r),
                     HK_OK);
}

static void test_svix_known_answer(void **state)
{
    hk_wh_key sk = key_of(SVIX_SK), pk = key_of(SVIX_PK), both[2];
    char out[HK_WH_SIGNATURE_CAP(2)], pub[HK_WH_PUBLIC_KEY_CAP];
    size_t len = 0;
    (void)state;
    assert_int_equal(hk_wh_key_type(&sk), HK_WH_KEY_ED25519_SECRET);
    assert_int_equal(hk_wh_key_type(&pk), HK_WH_KEY_ED25519_PUBLIC);
    assert_int_equal(hk_wh_sign(out, sizeof out, &len, &sk, 1, SVIX_ID, strlen(SVIX_ID), SVIX_TS,
                                SVIX_BODY, strlen(SVIX_BODY)),
                     HK_OK);
    assert_string_equal(out, SVIX_SIG);
    assert_int_equal(len, HK_WH_SIGNATURE_V1A_ENTRY_LEN);
    /* the public key string of the secret key */
    assert_int_equal(hk_wh_key_public(&sk, pub, sizeof pub, &len), HK_OK);
    assert_string_equal(pub, SVIX_PK);
    assert_int_equal(len, strlen(SVIX_PK));
    assert_int_equal(hk_wh_key_public(&pk, pub, sizeof pub, NULL), HK_OK);
    assert_string_equal(pub, SVIX_PK);
    /* verification with the public key and with the secret key's public half */
    assert_int_equal(verify_with(&pk, 1, SVIX_SIG, SVIX_BODY), HK_OK);
    assert_int_equal(verify_with(&sk, 1, SVIX_SIG, SVIX_BODY), HK_OK);
    assert_int_equal(verify_with(&pk, 1, SVIX_SIG, SVIX_BODY " "), HK_ERR_WH_NO_MATCH);
    /* the spec's example header: v1 of another secret, then this v1a */
    assert_int_equal(verify_with(&pk, 1, SPEC_HEADER, SVIX_BODY), HK_OK);
    both[0] = key_of(HMAC_SECRET);
    both[1] = pk;
    assert_int_equal(verify_with(both, 2, SPEC_HEADER, SVIX_BODY), HK_OK);
    assert_int_equal(verify_with(both, 1, SPEC_HEADER, SVIX_BODY), HK_ERR_WH_NO_MATCH);
    /* mixed signing: v1 then v1a, the two known answers in key order */
    both[1] = sk;
    assert_int_equal(hk_wh_sign(out, sizeof out, &len, both, 2, SVIX_ID, strlen(SVIX_ID), SVIX_TS,
                                SVIX_BODY, strlen(SVIX_BODY)),
                     HK_OK);
    assert_string_equal(out, HMAC_SIG " " SVIX_SIG);
    assert_int_equal(len, HK_WH_SIGNATURE_ENTRY_LEN + 1 + HK_WH_SIGNATURE_V1A_ENTRY_LEN);
    hk_wh_key_wipe(&sk);
    assert_int_equal(hk_wh_key_type(&sk), HK_ERR_WH_SECRET);
}

static void test_raw_constructors(void **state)
{
    /* RFC 8032 section 7.1, TEST 1 */
    uint8_t seed[32], pkb[32], skb[64];
    hk_wh_key k, k2;
    char pub[HK_WH_PUBLIC_KEY_CAP], expect[HK_WH_PUBLIC_KEY_CAP];
    size_t n = 0;
    (void)state;
    hk_test_unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", seed, 32);
    hk_test_unhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", pkb, 32);
    memcpy(expect, "whpk_", 5);
    assert_int_equal(hk_base64_encode(expect + 5, sizeof expect - 5, pkb, 32, HK_BASE64_STD, &n),
                     HK_OK);
    expect[5 + n] = '\0';
    assert_int_equal(hk_wh_key_from_ed25519_seed(&k, seed), HK_OK);
    assert_int_equal(hk_wh_key_public(&k, pub, sizeof pub, NULL), HK_OK);
    assert_string_equal(pub, expect);
    assert_int_equal(hk_wh_key_from_ed25519_public(&k2, pkb), HK_OK);
    assert_int_equal(hk_wh_key_public(&k2, pub, sizeof pub, NULL), HK_OK);
    assert_string_equal(pub, expect);
    assert_int_equal(hk_wh_key_public(&k2, pub, HK_WH_PUBLIC_KEY_CAP - 1, NULL),
                     HK_ERR_BUFFER_TOO_SMALL);
    memcpy(skb, seed, 32);
    memcpy(skb + 32, pkb, 32);
    assert_int_equal(hk_wh_key_from_ed25519_secret(&k, skb), HK_OK);
    assert_int_equal(hk_wh_key_type(&k), HK_WH_KEY_ED25519_SECRET);
    skb[63] ^= 0x01;
    assert_int_equal(hk_wh_key_from_ed25519_secret(&k, skb), HK_ERR_KEY_MISMATCH);
    assert_int_equal(hk_wh_key_type(&k), HK_ERR_WH_SECRET); /* wiped */
    assert_int_equal(hk_wh_key_from_ed25519_seed(NULL, seed), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_wh_key_from_ed25519_seed(&k, NULL), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_wh_key_from_ed25519_secret(&k, NULL), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_wh_key_from_ed25519_public(&k, NULL), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_wh_key_type(NULL), HK_ERR_INVALID_ARG);
    /* an HMAC key has no public form */
    k = key_of(HMAC_SECRET);
    assert_int_equal(hk_wh_key_type(&k), HK_WH_KEY_HMAC);
    assert_int_equal(hk_wh_key_public(&k, pub, sizeof pub, NULL), HK_ERR_WH_KEY_TYPE);
    assert_int_equal(hk_wh_key_public(NULL, pub, sizeof pub, NULL), HK_ERR_INVALID_ARG);
    hk_wh_key_wipe(&k);
    assert_int_equal(hk_wh_key_public(&k, pub, sizeof pub, NULL), HK_ERR_WH_SECRET);
}

static void test_malformed_keys(void **state)
{
    static const struct {
        const char *key;
        int want;
    } cases[] = {
        {"whsk_", HK_ERR_KEY_FORMAT},
        {"whpk_", HK_ERR_KEY_FORMAT},
        /* public half does not match the seed (one bit flipped) */
        {"whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMOkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==",
         HK_ERR_KEY_MISMATCH},
        /* 63 bytes, 65 bytes, 32 bytes (a bare seed) */
        {"whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6K",
         HK_ERR_KEY_FORMAT},
        {"whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvng=",
         HK_ERR_KEY_FORMAT},
        {"whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbc=", HK_ERR_KEY_FORMAT},
        /* padding missing, doubled, non-zero trailing bits, url alphabet, space */
        {"whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg",
         HK_ERR_KEY_FORMAT},
        {"whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg===",
         HK_ERR_KEY_FORMAT},
        {"whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvh==",
         HK_ERR_KEY_FORMAT},
        {"whsk_6Xb_dCcHpPea21PS1N9VY_NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==",
         HK_ERR_KEY_FORMAT},
        {"whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg== ",
         HK_ERR_KEY_FORMAT},
        {"whsk_ 6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==",
         HK_ERR_KEY_FORMAT},
        /* public keys: 31 and 33 bytes, the 64-byte secret key, bad characters */
        {"whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOig==", HK_ERR_KEY_FORMAT},
        {"whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir54", HK_ERR_KEY_FORMAT},
        {"whpk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==",
         HK_ERR_KEY_FORMAT},
        {"whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4", HK_ERR_KEY_FORMAT},
        {"whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir5=", HK_ERR_KEY_FORMAT},
        {"whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=\n", HK_ERR_KEY_FORMAT},
        /* y = p (non-canonical), the identity and the point of order 2 (small
         * order): weak keys, refused as hk_ed25519_verify refuses them */
        {"whpk_7f///////////////////////////////////////38=", HK_ERR_KEY_FORMAT},
        {"whpk_AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", HK_ERR_KEY_FORMAT},
        {"whpk_7P///////////////////////////////////////38=", HK_ERR_KEY_FORMAT},
        /* prefixes are case-sensitive: a bare HMAC secret, and a bad one */
        {"WHSK_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==",
         HK_ERR_WH_SECRET},
        {SVIX_SK, HK_OK},
        {SVIX_PK, HK_OK},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hk_wh_key k;
        int rc;
        memset(&k, 0xa5, sizeof k);
        rc = hk_wh_key_from_secret(&k, cases[i].key, strlen(cases[i].key));
        if (rc != cases[i].want)
            fail_msg("case %zu (%s): got %s want %s", i, cases[i].key, hk_error_name(rc),
                     hk_error_name(cases[i].want));
        if (rc != HK_OK) {
            /* a failed key is wiped: no secret left, and unusable */
            static const uint8_t zero[sizeof(hk_wh_key)] = {0};
            assert_memory_equal(&k, zero, sizeof k);
            assert_int_equal(hk_wh_key_type(&k), HK_ERR_WH_SECRET);
        }
    }
}

static void test_malformed_entries(void **state)
{
    static const struct {
        const char *sig;
        int want;
    } cases[] = {
        {"v1a,", HK_ERR_WH_SIGNATURE_FORMAT},
        {"v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg=",
         HK_ERR_WH_SIGNATURE_FORMAT}, /* one '=' short */
        {"v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg",
         HK_ERR_WH_SIGNATURE_FORMAT}, /* no padding */
        {"v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAh==",
         HK_ERR_WH_SIGNATURE_FORMAT}, /* non-zero trailing bits */
        {"v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw_enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM-m7TBAg==",
         HK_ERR_WH_SIGNATURE_FORMAT}, /* url-safe alphabet */
        {"v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", HK_ERR_WH_SIGNATURE_FORMAT}, /* 32 B */
        {"v1,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==",
         HK_ERR_WH_SIGNATURE_FORMAT}, /* 64 bytes under v1 */
        {"V1A,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==",
         HK_ERR_WH_NO_MATCH}, /* unknown version: skipped */
        {"v1aa,x " SVIX_SIG, HK_OK},
        {SVIX_SIG "  " HMAC_SIG, HK_ERR_WH_SIGNATURE_FORMAT},
        /* valid base64 of 64 bytes, not a signature of this message */
        {"v1a,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
         HK_ERR_WH_NO_MATCH},
        /* S >= L (all ones): non-canonical, counts as no match */
        {"v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe7//////////////////////////////////////////w==",
         HK_ERR_WH_NO_MATCH},
        /* four v1a entries are accepted, a fifth is over the limit */
        {"v1a,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA== "
         "v1a,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA== "
         "v1a,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA== " SVIX_SIG,
         HK_OK},
        {"v1a,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA== "
         "v1a,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA== "
         "v1a,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA== "
         "v1a,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA== " SVIX_SIG,
         HK_ERR_LIMIT},
        {HMAC_SIG, HK_ERR_WH_NO_MATCH}, /* only the other scheme */
        {SVIX_SIG, HK_OK},
    };
    hk_wh_key pk = key_of(SVIX_PK);
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = verify_with(&pk, 1, cases[i].sig, SVIX_BODY);
        if (rc != cases[i].want)
            fail_msg("case %zu: got %s want %s", i, hk_error_name(rc),
                     hk_error_name(cases[i].want));
    }
    /* the v1 known answer is not found by a public key alone, and the v1a
     * entries do not confuse an HMAC-only receiver */
    pk = key_of(HMAC_SECRET);
    assert_int_equal(verify_with(&pk, 1, SVIX_SIG " " HMAC_SIG, SVIX_BODY), HK_OK);
    assert_int_equal(verify_with(&pk, 1, SVIX_SIG, SVIX_BODY), HK_ERR_WH_NO_MATCH);
}

static void test_rotation(void **state)
{
    hk_test_rng r;
    char sks[3][HK_WH_SECRET_KEY_CAP], pks[3][HK_WH_PUBLIC_KEY_CAP];
    char secret[HK_WH_SECRET_CAP], sig[HK_WH_SIGNATURE_CAP(4)];
    hk_wh_key signer[4], recv[4];
    const char *body = "{\"rotation\":true}";
    size_t i, which = 99;
    hk_wh_headers h;
    hk_wh_stream s;
    (void)state;
    hk_test_rng_seed(&r, 42);
    for (i = 0; i < 3; i++)
        gen_pair(&r, sks[i], pks[i]);
    assert_int_equal(hk_wh_generate_secret(secret, sizeof secret, NULL, hk_test_random, &r), HK_OK);
    /* the sender signs with old and new Ed25519 keys and an HMAC secret */
    signer[0] = key_of(sks[0]);
    signer[1] = key_of(secret);
    signer[2] = key_of(sks[1]);
    assert_int_equal(hk_wh_sign(sig, sizeof sig, NULL, signer, 3, SVIX_ID, strlen(SVIX_ID),
                                SVIX_TS, body, strlen(body)),
                     HK_OK);
    assert_int_equal(strncmp(sig, "v1a,", 4), 0);
    assert_int_equal(strncmp(sig + HK_WH_SIGNATURE_V1A_ENTRY_LEN + 1, "v1,", 3), 0);
    /* each receiver holding any one of the three accepts */
    recv[0] = key_of(pks[0]);
    assert_int_equal(verify_with(recv, 1, sig, body), HK_OK);
    recv[0] = key_of(pks[1]);
    assert_int_equal(verify_with(recv, 1, sig, body), HK_OK);
    recv[0] = key_of(secret);
    assert_int_equal(verify_with(recv, 1, sig, body), HK_OK);
    /* a receiver with only the third (unused) key refuses */
    recv[0] = key_of(pks[2]);
    assert_int_equal(verify_with(recv, 1, sig, body), HK_ERR_WH_NO_MATCH);
    /* a receiver with unrelated keys first: the stream says which matched */
    recv[1] = key_of("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    recv[2] = key_of(pks[1]);
    recv[3] = key_of(pks[0]);
    assert_int_equal(verify_with(recv, 4, sig, body), HK_OK);
    h = hdrs(SVIX_ID, SVIX_TS_S, sig);
    assert_int_equal(hk_wh_stream_init(&s, recv, 4, &h, SVIX_TS, 300, 0), HK_OK);
    assert_int_equal(hk_wh_stream_update(&s, body, strlen(body)), HK_OK);
    assert_int_equal(hk_wh_stream_final(&s, &which), HK_OK);
    assert_int_equal(which, 2);
    /* a public key cannot sign, alone or among others */
    signer[3] = key_of(pks[0]);
    assert_int_equal(hk_wh_sign(sig, sizeof sig, NULL, signer + 3, 1, SVIX_ID, strlen(SVIX_ID),
                                SVIX_TS, body, strlen(body)),
                     HK_ERR_WH_KEY_TYPE);
    assert_int_equal(hk_wh_sign(sig, sizeof sig, NULL, signer, 4, SVIX_ID, strlen(SVIX_ID),
                                SVIX_TS, body, strlen(body)),
                     HK_ERR_WH_KEY_TYPE);
    for (i = 0; i < 4; i++) {
        hk_wh_key_wipe(&signer[i]);
        hk_wh_key_wipe(&recv[i]);
    }
}

static void test_sign_buffer(void **state)
{
    hk_wh_key keys[3];
    char out[HK_WH_SIGNATURE_CAP(3)], full[HK_WH_SIGNATURE_CAP(3)];
    size_t cap, need = 0, len = 0;
    (void)state;
    keys[0] = key_of(SVIX_SK);
    keys[1] = key_of(HMAC_SECRET);
    keys[2] = key_of(SVIX_SK);
    assert_int_equal(hk_wh_sign(full, sizeof full, &len, keys, 3, SVIX_ID, strlen(SVIX_ID),
                                SVIX_TS, SVIX_BODY, strlen(SVIX_BODY)),
                     HK_OK);
    assert_string_equal(full, SVIX_SIG " " HMAC_SIG " " SVIX_SIG);
    for (cap = 0; cap < len; cap++) {
        assert_int_equal(hk_wh_sign(cap ? out : NULL, cap, &need, keys, 3, SVIX_ID,
                                    strlen(SVIX_ID), SVIX_TS, SVIX_BODY, strlen(SVIX_BODY)),
                         HK_ERR_BUFFER_TOO_SMALL);
        assert_int_equal(need, len + 1);
    }
    /* exactly the length: written without the NUL */
    memset(out, 'x', sizeof out);
    assert_int_equal(hk_wh_sign(out, len, &need, keys, 3, SVIX_ID, strlen(SVIX_ID), SVIX_TS,
                                SVIX_BODY, strlen(SVIX_BODY)),
                     HK_OK);
    assert_memory_equal(out, full, len);
}

/* Streaming at every split point with v1a and mixed keys, against one-shot. */
static void test_stream_split_points(void **state)
{
    hk_test_rng r;
    char sk[HK_WH_SECRET_KEY_CAP], pk[HK_WH_PUBLIC_KEY_CAP], sig[HK_WH_SIGNATURE_CAP(2)];
    hk_wh_key signer[2], recv[3];
    uint8_t body[300];
    size_t n = sizeof body, cut, which;
    hk_wh_headers h;
    (void)state;
    hk_test_rng_seed(&r, 7);
    hk_test_rng_fill(&r, body, n);
    gen_pair(&r, sk, pk);
    signer[0] = key_of(sk);
    signer[1] = key_of(HMAC_SECRET);
    /* v1a only, then v1a + v1 */
    assert_int_equal(hk_wh_sign(sig, sizeof sig, NULL, signer, 1, SVIX_ID, strlen(SVIX_ID),
                                SVIX_TS, body, n),
                     HK_OK);
    recv[0] = key_of("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    recv[1] = key_of(SVIX_PK); /* another Ed25519 key */
    recv[2] = key_of(pk);
    h = hdrs(SVIX_ID, SVIX_TS_S, sig);
    assert_int_equal(hk_wh_verify(recv, 3, &h, body, n, SVIX_TS, 300), HK_OK);
    for (cut = 0; cut <= n; cut++) {
        size_t cut2 = cut + (n - cut) / 2;
        hk_wh_stream s;
        which = 99;
        assert_int_equal(hk_wh_stream_init(&s, recv, 3, &h, SVIX_TS, 300, 0), HK_OK);
        assert_int_equal(hk_wh_stream_update(&s, body, cut), HK_OK);
        assert_int_equal(hk_wh_stream_update(&s, body + cut, cut2 - cut), HK_OK);
        assert_int_equal(hk_wh_stream_update(&s, NULL, 0), HK_OK);
        assert_int_equal(hk_wh_stream_update(&s, body + cut2, n - cut2), HK_OK);
        assert_int_equal(hk_wh_stream_final(&s, &which), HK_OK);
        assert_int_equal(which, 2);
        /* one flipped byte anywhere: refused */
        if (cut < n) {
            body[cut] ^= 0x40;
            assert_int_equal(hk_wh_stream_init(&s, recv, 3, &h, SVIX_TS, 300, 0), HK_OK);
            assert_int_equal(hk_wh_stream_update(&s, body, cut), HK_OK);
            assert_int_equal(hk_wh_stream_update(&s, body + cut, n - cut), HK_OK);
            assert_int_equal(hk_wh_stream_final(&s, NULL), HK_ERR_WH_NO_MATCH);
            assert_int_equal(hk_wh_verify(recv, 3, &h, body, n, SVIX_TS, 300),
                             HK_ERR_WH_NO_MATCH);
            body[cut] ^= 0x40;
        }
    }
    /* mixed header, the HMAC key matching first */
    assert_int_equal(hk_wh_sign(sig, sizeof sig, NULL, signer, 2, SVIX_ID, strlen(SVIX_ID),
                                SVIX_TS, body, n),
                     HK_OK);
    recv[0] = key_of(HMAC_SECRET);
    h = hdrs(SVIX_ID, SVIX_TS_S, sig);
    for (cut = 0; cut <= n; cut += 7) {
        hk_wh_stream s;
        which = 99;
        assert_int_equal(hk_wh_stream_init(&s, recv, 3, &h, SVIX_TS, 300, 0), HK_OK);
        assert_int_equal(hk_wh_stream_update(&s, body, cut), HK_OK);
        assert_int_equal(hk_wh_stream_update(&s, body + cut, n - cut), HK_OK);
        assert_int_equal(hk_wh_stream_final(&s, &which), HK_OK);
        assert_int_equal(which, 0);
    }
}

static void test_stream_limits(void **state)
{
    hk_wh_key keys[9];
    hk_wh_stream s;
    hk_wh_headers h = hdrs(SVIX_ID, SVIX_TS_S, SVIX_SIG);
    size_t i;
    (void)state;
    for (i = 0; i < 9; i++)
        keys[i] = key_of(i < 5 ? SVIX_PK : HMAC_SECRET);
    /* four Ed25519 keys (and four HMAC keys) fit; a fifth Ed25519 key does not */
    assert_int_equal(hk_wh_stream_init(&s, keys + 1, 8, &h, SVIX_TS, 300, 0), HK_OK);
    assert_int_equal(hk_wh_stream_update(&s, SVIX_BODY, strlen(SVIX_BODY)), HK_OK);
    assert_int_equal(hk_wh_stream_final(&s, NULL), HK_OK);
    assert_int_equal(hk_wh_stream_init(&s, keys, 5, &h, SVIX_TS, 300, 0), HK_ERR_LIMIT);
    assert_int_equal(hk_wh_stream_update(&s, "x", 1), HK_ERR_LIMIT); /* sticky */
    assert_int_equal(hk_wh_stream_final(&s, NULL), HK_ERR_LIMIT);
    assert_int_equal(hk_wh_stream_init(&s, keys, 9, &h, SVIX_TS, 300, 0), HK_ERR_LIMIT);
    /* five v1a entries */
    h = hdrs(SVIX_ID, SVIX_TS_S, SVIX_SIG " " SVIX_SIG " " SVIX_SIG " " SVIX_SIG " " SVIX_SIG);
    assert_int_equal(hk_wh_stream_init(&s, keys, 1, &h, SVIX_TS, 300, 0), HK_ERR_LIMIT);
    h = hdrs(SVIX_ID, SVIX_TS_S, SVIX_SIG " " SVIX_SIG " " SVIX_SIG " " SVIX_SIG);
    assert_int_equal(hk_wh_stream_init(&s, keys, 4, &h, SVIX_TS, 300, 0), HK_OK);
    assert_int_equal(hk_wh_stream_update(&s, SVIX_BODY, strlen(SVIX_BODY)), HK_OK);
    assert_int_equal(hk_wh_stream_final(&s, NULL), HK_OK);
}

static void test_generate_keypair(void **state)
{
    hk_test_rng r, r2;
    char sk[HK_WH_SECRET_KEY_CAP], pk[HK_WH_PUBLIC_KEY_CAP], sk2[HK_WH_SECRET_KEY_CAP],
        pk2[HK_WH_PUBLIC_KEY_CAP], sig[HK_WH_SIGNATURE_CAP(1)];
    size_t skl = 0, pkl = 0;
    hk_wh_key k, p;
    uint8_t seed[32];
    (void)state;
    hk_test_rng_seed(&r, 1);
    assert_int_equal(hk_wh_generate_keypair(sk, sizeof sk, &skl, pk, sizeof pk, &pkl,
                                            hk_test_random, &r),
                     HK_OK);
    assert_int_equal(skl, HK_WH_SECRET_KEY_CAP - 1);
    assert_int_equal(pkl, HK_WH_PUBLIC_KEY_CAP - 1);
    assert_int_equal(strlen(sk), skl);
    assert_int_equal(strncmp(sk, "whsk_", 5), 0);
    assert_int_equal(strncmp(pk, "whpk_", 5), 0);
    /* the seed is the first 32 random bytes */
    hk_test_rng_seed(&r2, 1);
    hk_test_rng_fill(&r2, seed, 32);
    assert_int_equal(hk_wh_key_from_ed25519_seed(&k, seed), HK_OK);
    assert_int_equal(hk_wh_key_public(&k, pk2, sizeof pk2, NULL), HK_OK);
    assert_string_equal(pk, pk2);
    k = key_of(sk);
    p = key_of(pk);
    assert_int_equal(hk_wh_sign(sig, sizeof sig, NULL, &k, 1, SVIX_ID, strlen(SVIX_ID), SVIX_TS,
                                "", 0),
                     HK_OK);
    assert_int_equal(verify_with(&p, 1, sig, ""), HK_OK);
    /* the default source gives a different pair every time */
    assert_int_equal(hk_wh_generate_keypair(sk, sizeof sk, NULL, pk, sizeof pk, NULL, NULL, NULL),
                     HK_OK);
    assert_int_equal(hk_wh_generate_keypair(sk2, sizeof sk2, NULL, pk2, sizeof pk2, NULL, NULL,
                                            NULL),
                     HK_OK);
    assert_string_not_equal(sk, sk2);
    /* errors */
    assert_int_equal(hk_wh_generate_keypair(sk, HK_WH_SECRET_KEY_CAP - 1, NULL, pk, sizeof pk,
                                            NULL, NULL, NULL),
                     HK_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(hk_wh_generate_keypair(sk, sizeof sk, NULL, pk, HK_WH_PUBLIC_KEY_CAP - 1,
                                            NULL, NULL, NULL),
                     HK_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(hk_wh_generate_keypair(NULL, 0, NULL, pk, sizeof pk, NULL, NULL, NULL),
                     HK_ERR_INVALID_ARG);
    hk_wh_key_wipe(&k);
}

static int failing_random(void *user, uint8_t *buf, size_t len)
{
    (void)user;
    memset(buf, 0x55, len);
    return HK_ERR_RANDOM;
}

static void test_generate_keypair_random_fails(void **state)
{
    char sk[HK_WH_SECRET_KEY_CAP] = "x", pk[HK_WH_PUBLIC_KEY_CAP] = "x";
    (void)state;
    assert_int_equal(hk_wh_generate_keypair(sk, sizeof sk, NULL, pk, sizeof pk, NULL,
                                            failing_random, NULL),
                     HK_ERR_RANDOM);
    assert_string_equal(sk, "");
    assert_string_equal(pk, "");
}

/* Delivery signs with a whsk_ key; the receiver helper verifies with whpk_. */
static void test_delivery_and_receiver(void **state)
{
    hk_wh_key keys[2], pub[1];
    hk_wh_delivery *d = NULL;
    const uint8_t *req;
    size_t req_len;
    hk_http_header hs[32];
    hk_http_message msg;
    hk_ssize head;
    const char *body = "{\"delivered\":1}";
    (void)state;
    keys[0] = key_of(SVIX_SK);
    keys[1] = key_of(HMAC_SECRET);
    assert_int_equal(hk_wh_delivery_create(&d, NULL, "http://127.0.0.1:9/in", 21, keys, 2,
                                           SVIX_ID, strlen(SVIX_ID), body, strlen(body), NULL,
                                           0, (int64_t)SVIX_TS * 1000),
                     HK_OK);
    assert_int_equal(hk_wh_delivery_begin(d, (int64_t)SVIX_TS * 1000, &req, &req_len), HK_OK);
    memset(&msg, 0, sizeof msg);
    msg.size = sizeof msg;
    head = hk_http_parse_request((const char *)req, req_len, hs, 32, &msg);
    assert_true(head > 0);
    pub[0] = key_of(SVIX_PK);
    assert_int_equal(hk_wh_verify_request(pub, 1, &msg, req + head, strlen(body), SVIX_TS, 300),
                     HK_OK);
    assert_int_equal(hk_wh_verify_request(pub, 1, &msg, "{}", 2, SVIX_TS, 300),
                     HK_ERR_WH_NO_MATCH);
    assert_int_equal(hk_wh_verify_request(keys + 1, 1, &msg, req + head, strlen(body), SVIX_TS,
                                          300),
                     HK_OK);
    hk_wh_delivery_destroy(d);
    /* a public key cannot sign deliveries */
    d = NULL;
    assert_int_equal(hk_wh_delivery_create(&d, NULL, "http://127.0.0.1:9/in", 21, pub, 1, NULL,
                                           0, body, strlen(body), NULL, 0, 0),
                     HK_ERR_WH_KEY_TYPE);
    assert_null(d);
    hk_wh_key_wipe(&keys[0]);
}

/* ---- Discord ------------------------------------------------------------------ */

static int discord_verify(const char *pk, const hk_wh_header *h, size_t nh, const char *body,
                          int64_t now)
{
    hk_wh_provider_params p;
    hk_wh_secret s;
    s.data = pk;
    s.len = strlen(pk);
    hk_wh_provider_params_init(&p, HK_WH_DISCORD);
    p.secrets = &s;
    p.nsecrets = 1;
    p.now = now;
    return hk_wh_provider_verify(&p, h, nh, body, strlen(body));
}

static int discord_sign(const char *sk, int64_t ts, const char *body, hk_wh_header *out,
                        char *buf, size_t cap)
{
    hk_wh_provider_params p;
    hk_wh_secret s;
    size_t n = 0;
    int rc;
    s.data = sk;
    s.len = strlen(sk);
    hk_wh_provider_params_init(&p, HK_WH_DISCORD);
    p.secrets = &s;
    p.nsecrets = 1;
    p.timestamp = ts;
    rc = hk_wh_provider_sign(&p, body, strlen(body), out, &n, buf, cap, NULL, NULL);
    if (rc == HK_OK)
        assert_int_equal(n, 2);
    return rc;
}

static hk_wh_header hv(const char *name, const char *value)
{
    hk_wh_header h;
    h.name = name;
    h.name_len = strlen(name);
    h.value = value;
    h.value_len = strlen(value);
    return h;
}

static void test_discord(void **state)
{
    /* RFC 8032 TEST 1 key pair, in the forms Discord users hold */
    const char *seed_hex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    const char *pk_hex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    const char *pk_hex_uc = "D75A980182B10AB7D54BFED3C964073A0EE172F3DAA62325AF021A68F707511A";
    const char *body = "{\"type\":1}";
    char sk_hex[129], sk_whsk[HK_WH_SECRET_KEY_CAP], pk_whpk[HK_WH_PUBLIC_KEY_CAP];
    char buf[HK_WH_PROVIDER_SIGN_CAP(1)], buf2[HK_WH_PROVIDER_SIGN_CAP(1)], sig[129];
    hk_wh_header out[3], out2[3], h[2];
    uint8_t seed[32];
    hk_wh_key k;
    size_t cap;
    int rc;
    (void)state;
    snprintf(sk_hex, sizeof sk_hex, "%s%s", seed_hex, pk_hex);
    hk_test_unhex(seed_hex, seed, 32);
    assert_int_equal(hk_wh_key_from_ed25519_seed(&k, seed), HK_OK);
    assert_int_equal(hk_wh_key_public(&k, pk_whpk, sizeof pk_whpk, NULL), HK_OK);
    {
        uint8_t skb[64];
        size_t n = 0;
        memcpy(skb, seed, 32);
        hk_test_unhex(pk_hex, skb + 32, 32);
        memcpy(sk_whsk, "whsk_", 5);
        assert_int_equal(hk_base64_encode(sk_whsk + 5, sizeof sk_whsk - 5, skb, 64,
                                          HK_BASE64_STD, &n),
                         HK_OK);
        sk_whsk[5 + n] = '\0';
    }
    /* sign with the seed: signature header then timestamp header */
    assert_int_equal(discord_sign(seed_hex, 1700000000, body, out, buf, sizeof buf), HK_OK);
    assert_int_equal(out[0].name_len, strlen("X-Signature-Ed25519"));
    assert_memory_equal(out[0].name, "X-Signature-Ed25519", out[0].name_len);
    assert_int_equal(out[0].value_len, 128);
    assert_memory_equal(out[1].name, "X-Signature-Timestamp", out[1].name_len);
    assert_string_equal(out[1].value, "1700000000");
    /* the same signature from the 128-hex secret key and from whsk_ */
    assert_int_equal(discord_sign(sk_hex, 1700000000, body, out2, buf2, sizeof buf2), HK_OK);
    assert_string_equal(out2[0].value, out[0].value);
    assert_int_equal(discord_sign(sk_whsk, 1700000000, body, out2, buf2, sizeof buf2), HK_OK);
    assert_string_equal(out2[0].value, out[0].value);
    /* it is the Ed25519 signature of "<ts><body>" */
    {
        uint8_t sigb[64];
        char msg[64];
        uint8_t pkb[32];
        snprintf(msg, sizeof msg, "1700000000%s", body);
        hk_test_unhex(out[0].value, sigb, 64);
        hk_test_unhex(pk_hex, pkb, 32);
        assert_int_equal(hk_ed25519_verify(sigb, msg, strlen(msg), pkb), HK_OK);
    }
    /* verify: hex (either case) and whpk_ public keys */
    assert_int_equal(discord_verify(pk_hex, out, 2, body, 1700000000), HK_OK);
    assert_int_equal(discord_verify(pk_hex_uc, out, 2, body, 1700000000), HK_OK);
    assert_int_equal(discord_verify(pk_whpk, out, 2, body, 1700000000), HK_OK);
    assert_int_equal(discord_verify(pk_hex, out, 2, "{\"type\":2}", 1700000000),
                     HK_ERR_WH_NO_MATCH);
    assert_int_equal(discord_verify(pk_hex, out, 2, body, 1700000301), HK_ERR_WH_TOO_OLD);
    assert_int_equal(discord_verify(pk_hex, out, 2, body, 1699999699), HK_ERR_WH_TOO_NEW);
    assert_int_equal(discord_verify(pk_hex, out, 2, body, 1700000300), HK_OK);
    assert_int_equal(discord_verify(pk_hex, out, 1, body, 1700000000), HK_ERR_WH_MISSING_HEADER);
    assert_int_equal(discord_verify(pk_hex, out + 1, 1, body, 1700000000),
                     HK_ERR_WH_MISSING_HEADER);
    /* another key */
    assert_int_equal(discord_verify(SVIX_PK, out, 2, body, 1700000000), HK_ERR_WH_NO_MATCH);
    /* the signature made for another timestamp */
    h[0] = out[0];
    h[1] = hv("X-Signature-Timestamp", "1700000001");
    assert_int_equal(discord_verify(pk_hex, h, 2, body, 1700000000), HK_ERR_WH_NO_MATCH);
    h[1] = hv("x-signature-timestamp", "17e8");
    assert_int_equal(discord_verify(pk_hex, h, 2, body, 1700000000), HK_ERR_WH_TIMESTAMP);
    /* malformed signatures: odd length, short, long, non-hex, base64 */
    h[1] = out[1];
    memcpy(sig, out[0].value, 128);
    sig[128] = '\0';
    {
        static const char *const bad[] = {"", "abc", "00", "zz"};
        size_t i;
        for (i = 0; i < 4; i++) {
            h[0] = hv("X-Signature-Ed25519", bad[i]);
            rc = discord_verify(pk_hex, h, 2, body, 1700000000);
            assert_int_equal(rc, i == 0 ? HK_ERR_WH_MISSING_HEADER : HK_ERR_WH_SIGNATURE_FORMAT);
        }
        sig[127] = '\0';
        h[0] = hv("X-Signature-Ed25519", sig);
        assert_int_equal(discord_verify(pk_hex, h, 2, body, 1700000000),
                         HK_ERR_WH_SIGNATURE_FORMAT);
        sig[127] = 'g';
        h[0] = hv("X-Signature-Ed25519", sig);
        assert_int_equal(discord_verify(pk_hex, h, 2, body, 1700000000),
                         HK_ERR_WH_SIGNATURE_FORMAT);
    }
    /* malformed keys */
    h[0] = out[0];
    assert_int_equal(discord_verify(seed_hex + 1, h, 2, body, 1700000000), HK_ERR_KEY_FORMAT);
    assert_int_equal(discord_verify(sk_hex, h, 2, body, 1700000000), HK_ERR_KEY_FORMAT);
    assert_int_equal(discord_verify("0100000000000000000000000000000000000000000000000000000000000000",
                                    h, 2, body, 1700000000),
                     HK_ERR_KEY_FORMAT); /* the identity: small order */
    assert_int_equal(discord_verify("whpk_AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", h, 2, body,
                                    1700000000),
                     HK_ERR_KEY_FORMAT);
    assert_int_equal(discord_verify(sk_whsk, h, 2, body, 1700000000), HK_ERR_KEY_FORMAT);
    sk_hex[127] = sk_hex[127] == '0' ? '1' : '0';
    assert_int_equal(discord_sign(sk_hex, 1700000000, body, out2, buf2, sizeof buf2),
                     HK_ERR_KEY_MISMATCH);
    assert_int_equal(discord_sign(pk_whpk, 1700000000, body, out2, buf2, sizeof buf2),
                     HK_ERR_WH_KEY_TYPE);
    assert_int_equal(discord_sign("9d61", 1700000000, body, out2, buf2, sizeof buf2),
                     HK_ERR_KEY_FORMAT);
    assert_int_equal(discord_sign("whsk_AAAA", 1700000000, body, out2, buf2, sizeof buf2),
                     HK_ERR_KEY_FORMAT);
    /* buffer too small at every size below what is needed */
    rc = HK_ERR_BUFFER_TOO_SMALL;
    for (cap = 0; rc == HK_ERR_BUFFER_TOO_SMALL; cap++)
        rc = discord_sign(seed_hex, 1700000000, body, out2, buf2, cap);
    assert_int_equal(rc, HK_OK);
    assert_int_equal(cap - 1, 128 + 1 + 10 + 1);
    /* several public keys: any may match; NO_TIMESTAMP_CHECK */
    {
        hk_wh_provider_params p;
        hk_wh_secret s[2];
        s[0].data = SVIX_PK;
        s[0].len = strlen(SVIX_PK);
        s[1].data = pk_hex;
        s[1].len = strlen(pk_hex);
        hk_wh_provider_params_init(&p, HK_WH_DISCORD);
        p.secrets = s;
        p.nsecrets = 2;
        p.flags = HK_WH_NO_TIMESTAMP_CHECK;
        assert_int_equal(hk_wh_provider_verify(&p, out, 2, body, strlen(body)), HK_OK);
        p.nsecrets = 1;
        assert_int_equal(hk_wh_provider_verify(&p, out, 2, body, strlen(body)),
                         HK_ERR_WH_NO_MATCH);
    }
    /* generated key pairs: whsk_ to sign, the public key as Discord shows
     * it (64 hex characters) to verify, over random bodies */
    {
        hk_test_rng r;
        size_t round;
        hk_test_rng_seed(&r, 2024);
        for (round = 0; round < 16; round++) {
            char gsk[HK_WH_SECRET_KEY_CAP], gpk[HK_WH_PUBLIC_KEY_CAP], hex[65];
            char gbody[200];
            uint8_t pkb[33];
            size_t got = 0, blen = (size_t)hk_test_rng_below(&r, sizeof gbody - 2), j;
            for (j = 0; j < blen; j++)
                gbody[j] = (char)(' ' + hk_test_rng_below(&r, 95));
            gbody[blen] = '\0';
            gen_pair(&r, gsk, gpk);
            assert_int_equal(hk_base64_decode(pkb, sizeof pkb, gpk + 5, strlen(gpk) - 5,
                                              HK_BASE64_STD, &got),
                             HK_OK);
            assert_int_equal(got, 32);
            hk_hex_encode(hex, pkb, 32);
            hex[64] = '\0';
            assert_int_equal(discord_sign(gsk, 1700000000 + (int64_t)round, gbody, out2, buf2,
                                          sizeof buf2),
                             HK_OK);
            assert_int_equal(discord_verify(hex, out2, 2, gbody, 1700000000), HK_OK);
            assert_int_equal(discord_verify(gpk, out2, 2, gbody, 1700000000), HK_OK);
            assert_int_equal(discord_verify(pk_hex, out2, 2, gbody, 1700000000),
                             HK_ERR_WH_NO_MATCH);
            gbody[blen] = 'x';
            gbody[blen + 1] = '\0';
            assert_int_equal(discord_verify(hex, out2, 2, gbody, 1700000000), HK_ERR_WH_NO_MATCH);
        }
    }
    assert_int_equal(hk_wh_provider_from_name("discord", 7), HK_WH_DISCORD);
    assert_string_equal(hk_wh_provider_name(HK_WH_DISCORD), "discord");
    hk_wh_key_wipe(&k);
}

/* Standard/Svix provider schemes take whsk_/whpk_ strings too. */
static void test_provider_standard_v1a(void **state)
{
    hk_wh_provider_params p;
    hk_wh_secret s[2];
    hk_wh_header out[3];
    char buf[HK_WH_PROVIDER_SIGN_CAP(2)];
    size_t n = 0;
    (void)state;
    s[0].data = HMAC_SECRET;
    s[0].len = strlen(HMAC_SECRET);
    s[1].data = SVIX_SK;
    s[1].len = strlen(SVIX_SK);
    hk_wh_provider_params_init(&p, HK_WH_SVIX);
    p.secrets = s;
    p.nsecrets = 2;
    p.timestamp = SVIX_TS;
    p.now = SVIX_TS;
    p.id = SVIX_ID;
    p.id_len = strlen(SVIX_ID);
    assert_int_equal(hk_wh_provider_sign(&p, SVIX_BODY, strlen(SVIX_BODY), out, &n, buf,
                                         sizeof buf, NULL, NULL),
                     HK_OK);
    assert_int_equal(n, 3);
    assert_string_equal(out[2].value, HMAC_SIG " " SVIX_SIG);
    s[0].data = SVIX_PK;
    s[0].len = strlen(SVIX_PK);
    p.nsecrets = 1;
    assert_int_equal(hk_wh_provider_verify(&p, out, n, SVIX_BODY, strlen(SVIX_BODY)), HK_OK);
    assert_int_equal(hk_wh_provider_verify(&p, out, n, "{}", 2), HK_ERR_WH_NO_MATCH);
    /* signing with a public key */
    assert_int_equal(hk_wh_provider_sign(&p, SVIX_BODY, strlen(SVIX_BODY), out, &n, buf,
                                         sizeof buf, NULL, NULL),
                     HK_ERR_WH_KEY_TYPE);
    s[0].data = "whpk_AAAA";
    s[0].len = 9;
    assert_int_equal(hk_wh_provider_verify(&p, out, n, SVIX_BODY, strlen(SVIX_BODY)),
                     HK_ERR_KEY_FORMAT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_svix_known_answer),
        cmocka_unit_test(test_raw_constructors),
        cmocka_unit_test(test_malformed_keys),
        cmocka_unit_test(test_malformed_entries),
        cmocka_unit_test(test_rotation),
        cmocka_unit_test(test_sign_buffer),
        cmocka_unit_test(test_stream_split_points),
        cmocka_unit_test(test_stream_limits),
        cmocka_unit_test(test_generate_keypair),
        cmocka_unit_test(test_generate_keypair_random_fails),
        cmocka_unit_test(test_delivery_and_receiver),
        cmocka_unit_test(test_discord),
        cmocka_unit_test(test_provider_standard_v1a),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Frame codec: header decode/encode, masking, close codes (RFC 6455 5.2,
 * 5.3, 5.7, 7.4). Public API only. */
#include "ws_util.h"

/* RFC 6455 section 5.7, examples 1-4 (headers + payload). */
static const char *rfc_unmasked_hello = "81 05 48 65 6c 6c 6f";
static const char *rfc_masked_hello = "81 85 37 fa 21 3d 7f 9f 4d 51 58";
static const char *rfc_frag_1 = "01 03 48 65 6c";
static const char *rfc_frag_2 = "80 02 6c 6f";
static const char *rfc_ping = "89 05 48 65 6c 6c 6f";
static const char *rfc_pong_masked = "8a 85 37 fa 21 3d 7f 9f 4d 51 58";

static void test_decode_rfc_examples(void **state)
{
    uint8_t b[32];
    hk_ws_frame_header h;
    size_t n;
    (void)state;

    n = hk_test_unhex(rfc_unmasked_hello, b, sizeof b);
    assert_int_equal(hk_ws_frame_decode(&h, b, n, NULL), 2);
    assert_int_equal(h.fin, 1);
    assert_int_equal(h.rsv, 0);
    assert_int_equal(h.opcode, HK_WS_OP_TEXT);
    assert_int_equal(h.masked, 0);
    assert_int_equal(h.payload_len, 5);
    assert_int_equal(h.header_len, 2);
    assert_memory_equal(b + 2, "Hello", 5);

    n = hk_test_unhex(rfc_masked_hello, b, sizeof b);
    assert_int_equal(hk_ws_frame_decode(&h, b, n, NULL), 6);
    assert_int_equal(h.masked, 1);
    assert_int_equal(h.payload_len, 5);
    assert_memory_equal(h.mask_key, "\x37\xfa\x21\x3d", 4);
    assert_int_equal(hk_ws_mask(b + 6, 5, h.mask_key, 0), 5);
    assert_memory_equal(b + 6, "Hello", 5);

    n = hk_test_unhex(rfc_frag_1, b, sizeof b);
    assert_int_equal(hk_ws_frame_decode(&h, b, n, NULL), 2);
    assert_int_equal(h.fin, 0);
    assert_int_equal(h.opcode, HK_WS_OP_TEXT);
    assert_int_equal(h.payload_len, 3);
    n = hk_test_unhex(rfc_frag_2, b, sizeof b);
    assert_int_equal(hk_ws_frame_decode(&h, b, n, NULL), 2);
    assert_int_equal(h.fin, 1);
    assert_int_equal(h.opcode, HK_WS_OP_CONTINUATION);
    assert_int_equal(h.payload_len, 2);

    n = hk_test_unhex(rfc_ping, b, sizeof b);
    assert_int_equal(hk_ws_frame_decode(&h, b, n, NULL), 2);
    assert_int_equal(h.opcode, HK_WS_OP_PING);
    n = hk_test_unhex(rfc_pong_masked, b, sizeof b);
    assert_int_equal(hk_ws_frame_decode(&h, b, n, NULL), 6);
    assert_int_equal(h.opcode, HK_WS_OP_PONG);
    assert_int_equal(h.masked, 1);

    /* 5.7: 256 bytes binary in one unmasked frame: 0x82 0x7E 0x0100 */
    n = hk_test_unhex("82 7e 01 00", b, sizeof b);
    assert_int_equal(hk_ws_frame_decode(&h, b, n, NULL), 4);
    assert_int_equal(h.opcode, HK_WS_OP_BINARY);
    assert_int_equal(h.payload_len, 256);
    /* 5.7: 64 KiB binary: 0x82 0x7F 0x0000000000010000 */
    n = hk_test_unhex("82 7f 00 00 00 00 00 01 00 00", b, sizeof b);
    assert_int_equal(hk_ws_frame_decode(&h, b, n, NULL), 10);
    assert_int_equal(h.payload_len, 65536);
}

static void test_encode_rfc_examples(void **state)
{
    static const struct {
        const char *hex;
        int fin, opcode, masked;
        uint64_t len;
    } v[] = {
        {"81 05", 1, 1, 0, 5},
        {"81 85 37 fa 21 3d", 1, 1, 1, 5},
        {"01 03", 0, 1, 0, 3},
        {"80 02", 1, 0, 0, 2},
        {"89 05", 1, 9, 0, 5},
        {"8a 85 37 fa 21 3d", 1, 10, 1, 5},
        {"82 7e 01 00", 1, 2, 0, 256},
        {"82 7f 00 00 00 00 00 01 00 00", 1, 2, 0, 65536},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof v / sizeof v[0]; i++) {
        uint8_t want[16], got[16];
        size_t n = hk_test_unhex(v[i].hex, want, sizeof want);
        hk_ws_frame_header h;
        memset(&h, 0, sizeof h);
        h.fin = (uint8_t)v[i].fin;
        h.opcode = (uint8_t)v[i].opcode;
        h.masked = (uint8_t)v[i].masked;
        h.payload_len = v[i].len;
        memcpy(h.mask_key, "\x37\xfa\x21\x3d", 4);
        assert_int_equal(hk_ws_frame_header_len(v[i].len, v[i].masked), n);
        assert_int_equal(hk_ws_frame_encode(got, sizeof got, &h), (hk_ssize)n);
        assert_memory_equal(got, want, n);
        /* too small by one: nothing written */
        memset(got, 0xEE, sizeof got);
        assert_int_equal(hk_ws_frame_encode(got, n - 1, &h), HK_ERR_BUFFER_TOO_SMALL);
        assert_int_equal(got[0], 0xEE);
    }
    {
        /* full example 2: masked "Hello" built with encode + mask_copy */
        uint8_t want[16], got[16];
        size_t n = hk_test_unhex(rfc_masked_hello, want, sizeof want);
        hk_ws_frame_header h;
        memset(&h, 0, sizeof h);
        h.fin = 1;
        h.opcode = HK_WS_OP_TEXT;
        h.masked = 1;
        h.payload_len = 5;
        memcpy(h.mask_key, "\x37\xfa\x21\x3d", 4);
        assert_int_equal(hk_ws_frame_encode(got, sizeof got, &h), 6);
        assert_int_equal(hk_ws_mask_copy(got + 6, "Hello", 5, h.mask_key, 0), 5);
        assert_memory_equal(got, want, n);
    }
}

static void test_encode_invalid(void **state)
{
    uint8_t b[16];
    hk_ws_frame_header h;
    (void)state;
    memset(&h, 0, sizeof h);
    h.opcode = 16;
    assert_int_equal(hk_ws_frame_encode(b, sizeof b, &h), HK_ERR_INVALID_ARG);
    h.opcode = 1;
    h.rsv = 8;
    assert_int_equal(hk_ws_frame_encode(b, sizeof b, &h), HK_ERR_INVALID_ARG);
    h.rsv = 0;
    h.fin = 2;
    assert_int_equal(hk_ws_frame_encode(b, sizeof b, &h), HK_ERR_INVALID_ARG);
    h.fin = 1;
    h.masked = 2;
    assert_int_equal(hk_ws_frame_encode(b, sizeof b, &h), HK_ERR_INVALID_ARG);
    h.masked = 0;
    h.payload_len = UINT64_C(1) << 63;
    assert_int_equal(hk_ws_frame_encode(b, sizeof b, &h), HK_ERR_INVALID_ARG);
    h.payload_len = 0;
    assert_int_equal(hk_ws_frame_encode(NULL, sizeof b, &h), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_frame_encode(b, sizeof b, NULL), HK_ERR_INVALID_ARG);
    /* all RSV bits and max 63-bit length round-trip */
    h.rsv = 7;
    h.payload_len = (UINT64_C(1) << 63) - 1;
    assert_int_equal(hk_ws_frame_encode(b, sizeof b, &h), 10);
    assert_memory_equal(b, "\xf1\x7f\x7f\xff\xff\xff\xff\xff\xff\xff", 10);
    {
        hk_ws_frame_header d;
        assert_int_equal(hk_ws_frame_decode(&d, b, 10, NULL), 10);
        assert_int_equal(d.rsv, 7);
        assert_int_equal(d.payload_len, (UINT64_C(1) << 63) - 1);
    }
}

/* Length encodings at their boundaries round-trip; the decoder refuses a
 * set top bit and non-minimal forms (RFC 6455 5.2). */
static void test_length_rules(void **state)
{
    static const uint64_t lens[] = {0, 1, 125, 126, 127, 65535, 65536, 65537,
                                    UINT64_C(0x7fffffffffffffff)};
    size_t i;
    uint8_t b[16];
    hk_ws_frame_header h, d;
    size_t need = 0;
    (void)state;
    for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        int m;
        for (m = 0; m < 2; m++) {
            hk_ssize n;
            memset(&h, 0, sizeof h);
            h.fin = 1;
            h.opcode = 2;
            h.masked = (uint8_t)m;
            memcpy(h.mask_key, "\x01\x02\x03\x04", 4);
            h.payload_len = lens[i];
            n = hk_ws_frame_encode(b, sizeof b, &h);
            assert_true(n > 0);
            assert_int_equal(hk_ws_frame_decode(&d, b, (size_t)n, NULL), n);
            assert_int_equal(d.payload_len, lens[i]);
            assert_int_equal(d.masked, m);
            if (m)
                assert_memory_equal(d.mask_key, "\x01\x02\x03\x04", 4);
        }
    }
    /* 64-bit length with the most significant bit set */
    hk_test_unhex("82 7f 80 00 00 00 00 00 00 00", b, sizeof b);
    assert_int_equal(hk_ws_frame_decode(&d, b, 10, NULL), HK_ERR_WS_LENGTH);
    hk_test_unhex("82 ff ff ff ff ff ff ff ff ff 00 00 00 00", b, sizeof b);
    assert_int_equal(hk_ws_frame_decode(&d, b, 14, NULL), HK_ERR_WS_LENGTH);
    /* non-minimal: 16-bit form for 125, 64-bit form for 65535 */
    hk_test_unhex("82 7e 00 7d", b, sizeof b);
    assert_int_equal(hk_ws_frame_decode(&d, b, 4, NULL), HK_ERR_WS_LENGTH);
    hk_test_unhex("82 7f 00 00 00 00 00 00 ff ff", b, sizeof b);
    assert_int_equal(hk_ws_frame_decode(&d, b, 10, NULL), HK_ERR_WS_LENGTH);
    /* argument errors */
    assert_int_equal(hk_ws_frame_decode(NULL, b, 10, &need), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_frame_decode(&d, NULL, 3, &need), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_frame_decode(&d, NULL, 0, &need), HK_ERR_NEED_MORE);
    assert_int_equal(need, 2);
}

/* Every prefix of every header form reports "need more" with a count that
 * never overshoots the real header length. */
static void test_decode_every_split(void **state)
{
    static const char *hdrs[] = {"81 05", "81 85 37 fa 21 3d", "82 7e 01 00",
                                 "82 fe 01 00 01 02 03 04", "82 7f 00 00 00 00 00 01 00 00",
                                 "82 ff 00 00 00 00 00 01 00 00 01 02 03 04"};
    size_t i, k;
    (void)state;
    for (i = 0; i < sizeof hdrs / sizeof hdrs[0]; i++) {
        uint8_t b[16];
        size_t n = hk_test_unhex(hdrs[i], b, sizeof b);
        hk_ws_frame_header d;
        for (k = 0; k < n; k++) {
            size_t need = 0;
            assert_int_equal(hk_ws_frame_decode(&d, b, k, &need), HK_ERR_NEED_MORE);
            assert_true(need >= 1);
            assert_true(k + need <= n);
        }
        assert_int_equal(hk_ws_frame_decode(&d, b, n, NULL), (hk_ssize)n);
        /* extra bytes after the header are not looked at */
        b[n] = 0xFF;
        assert_int_equal(hk_ws_frame_decode(&d, b, n + 1, NULL), (hk_ssize)n);
    }
}

static void naive_mask(uint8_t *p, size_t n, const uint8_t *key, uint64_t off)
{
    size_t i;
    for (i = 0; i < n; i++)
        p[i] ^= key[(off + i) % 4];
}

/* Word/vector masking equals byte-by-byte masking at every length, offset
 * (key phase) and split point, in place and copying. */
static void test_mask_matches_naive(void **state)
{
    hk_test_rng rng;
    uint8_t *src, *a, *b;
    size_t len, off, cut;
    const uint8_t key[4] = {0x37, 0xfa, 0x21, 0x3d};
    (void)state;
    hk_test_rng_seed(&rng, 1);
    src = malloc(5000);
    a = malloc(5000 + 64);
    b = malloc(5000 + 64);
    assert_non_null(src);
    hk_test_rng_fill(&rng, src, 5000);
    for (len = 0; len <= 300; len++) {
        for (off = 0; off < 8; off++) {
            memcpy(a, src, len);
            memcpy(b, src, len);
            naive_mask(a, len, key, off);
            assert_int_equal(hk_ws_mask(b, len, key, off), off + len);
            assert_memory_equal(a, b, len);
            /* copy variant into a misaligned destination */
            memset(b, 0, len + 3);
            assert_int_equal(hk_ws_mask_copy(b + 3, src, len, key, off), off + len);
            assert_memory_equal(a, b + 3, len);
        }
        /* every split point of a len-byte payload */
        for (cut = 0; cut <= len; cut += (len > 100 ? 7 : 1)) {
            uint64_t o;
            memcpy(a, src, len);
            memcpy(b, src, len);
            naive_mask(a, len, key, 0);
            o = hk_ws_mask(b, cut, key, 0);
            o = hk_ws_mask(b + cut, len - cut, key, o);
            assert_int_equal(o, len);
            assert_memory_equal(a, b, len);
        }
    }
    /* long random pieces */
    {
        uint64_t o = 0;
        size_t pos = 0;
        memcpy(a, src, 5000);
        memcpy(b, src, 5000);
        naive_mask(a, 5000, key, 0);
        while (pos < 5000) {
            size_t k = (size_t)hk_test_rng_below(&rng, 700);
            if (k > 5000 - pos)
                k = 5000 - pos;
            o = hk_ws_mask_copy(b + pos, b + pos, k, key, o);
            pos += k;
        }
        assert_memory_equal(a, b, 5000);
    }
    /* NULL data with zero length is fine */
    assert_int_equal(hk_ws_mask(NULL, 0, key, 5), 5);
    free(src);
    free(a);
    free(b);
}

/* RFC 6455 7.4.1/7.4.2 and the IANA registry: only these are valid on the
 * wire (Autobahn 7.7.x valid, 7.9.x invalid). */
static void test_close_codes(void **state)
{
    int code;
    (void)state;
    for (code = -1; code < 70000; code++) {
        int want = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) ||
                   (code >= 3000 && code <= 4999);
        assert_int_equal(hk_ws_close_code_valid(code), want);
    }
    /* explicit Autobahn 7.9.x values */
    assert_false(hk_ws_close_code_valid(0));
    assert_false(hk_ws_close_code_valid(999));
    assert_false(hk_ws_close_code_valid(1004));
    assert_false(hk_ws_close_code_valid(1005));
    assert_false(hk_ws_close_code_valid(1006));
    assert_false(hk_ws_close_code_valid(1015));
    assert_false(hk_ws_close_code_valid(1016));
    assert_false(hk_ws_close_code_valid(1100));
    assert_false(hk_ws_close_code_valid(2000));
    assert_false(hk_ws_close_code_valid(2999));
    assert_true(hk_ws_close_code_valid(1000));
    assert_true(hk_ws_close_code_valid(3000));
    assert_true(hk_ws_close_code_valid(4999));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_rfc_examples),
        cmocka_unit_test(test_encode_rfc_examples),
        cmocka_unit_test(test_encode_invalid),
        cmocka_unit_test(test_length_rules),
        cmocka_unit_test(test_decode_every_split),
        cmocka_unit_test(test_mask_matches_naive),
        cmocka_unit_test(test_close_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

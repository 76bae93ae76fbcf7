/* hk_version_compatible and hk_type_size: what a binding checks at load. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <hooksock.h>

#define HK_T_V(maj, min, pat) (((uint32_t)(maj) << 16) | ((uint32_t)(min) << 8) | (uint32_t)(pat))

static void test_version_compatible(void **state)
{
    (void)state;
    assert_int_equal(hk_version_compatible(HK_VERSION_NUMBER), 1);
    /* An older patch of the same minor: compatible. */
    if (HK_VERSION_PATCH > 0)
        assert_int_equal(hk_version_compatible(HK_T_V(HK_VERSION_MAJOR, HK_VERSION_MINOR, 0)),
                         1);
    /* A newer header than the library: refused. */
    assert_int_equal(hk_version_compatible(HK_VERSION_NUMBER + 1u), 0);
    assert_int_equal(
        hk_version_compatible(HK_T_V(HK_VERSION_MAJOR, HK_VERSION_MINOR + 1, 0)), 0);
    /* Another major: refused either way. */
    assert_int_equal(hk_version_compatible(HK_T_V(HK_VERSION_MAJOR + 1, 0, 0)), 0);
    if (HK_VERSION_MAJOR > 0)
        assert_int_equal(hk_version_compatible(HK_T_V(HK_VERSION_MAJOR - 1, 0, 0)), 0);
    /* 0.x: an older minor is refused too (pre-1.0 minors break the ABI). */
    if (HK_VERSION_MAJOR == 0 && HK_VERSION_MINOR > 0)
        assert_int_equal(hk_version_compatible(HK_T_V(0, HK_VERSION_MINOR - 1, 0)), 0);
    /* Garbage above 24 bits. */
    assert_int_equal(hk_version_compatible(0xff000000u | HK_VERSION_NUMBER), 0);
    assert_int_equal(hk_version_compatible(0), HK_VERSION_NUMBER == 0 ? 1 : 0);
}

static void test_type_size(void **state)
{
    (void)state;
#define HK_T_SIZE(t) assert_int_equal(hk_type_size(#t), sizeof(t))
    HK_T_SIZE(hk_allocator);
    HK_T_SIZE(hk_sha256_ctx);
    HK_T_SIZE(hk_sha512_ctx);
    HK_T_SIZE(hk_hmac_sha256_key);
    HK_T_SIZE(hk_utf8_state);
    HK_T_SIZE(hk_http_header);
    HK_T_SIZE(hk_http_message);
    HK_T_SIZE(hk_http_parser);
    HK_T_SIZE(hk_http_parser_options);
    HK_T_SIZE(hk_http_url);
    HK_T_SIZE(hk_http_builder);
    HK_T_SIZE(hk_ws_frame_header);
    HK_T_SIZE(hk_ws_config);
    HK_T_SIZE(hk_ws_session_config);
    HK_T_SIZE(hk_ws_client_spec);
    HK_T_SIZE(hk_wh_key);
    HK_T_SIZE(hk_wh_headers);
    HK_T_SIZE(hk_wh_stream);
    HK_T_SIZE(hk_wh_secret);
    HK_T_SIZE(hk_wh_provider_params);
    HK_T_SIZE(hk_wh_delivery_config);
#undef HK_T_SIZE
    /* Opaque handles have no size; unknown names and NULL give 0. */
    assert_int_equal(hk_type_size("hk_ws_conn"), 0);
    assert_int_equal(hk_type_size("hk_wh_key "), 0);
    assert_int_equal(hk_type_size("HK_WH_KEY"), 0);
    assert_int_equal(hk_type_size(""), 0);
    assert_int_equal(hk_type_size(NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_compatible),
        cmocka_unit_test(test_type_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

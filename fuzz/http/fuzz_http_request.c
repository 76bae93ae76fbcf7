/*
 * fuzz_http_request.c - libFuzzer target: the request parser (head and body)
 * whole vs in random pieces; the first byte selects options (bare-LF
 * leniency, small limits) so both modes and the limit paths are explored.
 */
#include "fuzz_http_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hk_http_parser_options opt;
    uint8_t sel;
    if (size < 1)
        return 0;
    sel = data[0];
    hk_http_parser_options_default(&opt);
    if (sel & 1)
        opt.flags |= HK_HTTP_LENIENT_LF;
    if (sel & 2) {
        opt.max_start_line = 64;
        opt.max_header_bytes = 128;
        opt.max_headers = 4;
        opt.max_body = 100;
        opt.max_chunk_line = 16;
    }
    fz_compare(HK_HTTP_REQUEST, NULL, &opt, 0, data + 1, size - 1, (sel & 4) != 0);
    /* the one-shot parser agrees with the incremental one on the head */
    {
        hk_http_header h[FZ_MAX_HEADERS];
        hk_http_message m;
        hk_ssize a;
        fz_result r;
        m.size = sizeof m;
        a = hk_http_parse_request((const char *)data + 1, size - 1, h, FZ_MAX_HEADERS, &m);
        fz_run(&r, HK_HTTP_REQUEST, NULL, NULL, 0, data + 1, size - 1, NULL, 0, 0);
        if (a > 0)
            FZ_CHECK((size_t)a == r.head_len);
        else if (a != HK_ERR_NEED_MORE)
            FZ_CHECK(a == r.rc);
        fz_free(&r);
    }
    return 0;
}

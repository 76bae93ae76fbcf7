/*
 * fuzz_http_response.c - libFuzzer target: the response parser whole vs in
 * random pieces. The first byte selects the request method (GET, HEAD,
 * CONNECT: framing depends on it), leniency, small limits and EOF.
 */
#include "fuzz_http_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const methods[4] = {"GET", "HEAD", "CONNECT", "POST"};
    hk_http_parser_options opt;
    uint8_t sel;
    if (size < 1)
        return 0;
    sel = data[0];
    hk_http_parser_options_default(&opt);
    if (sel & 4)
        opt.flags |= HK_HTTP_LENIENT_LF;
    if (sel & 8) {
        opt.max_start_line = 64;
        opt.max_header_bytes = 128;
        opt.max_headers = 4;
        opt.max_body = 100;
        opt.max_chunk_line = 16;
    }
    fz_compare(HK_HTTP_RESPONSE, methods[sel & 3], &opt, 0, data + 1, size - 1,
               (sel & 16) != 0);
    return 0;
}

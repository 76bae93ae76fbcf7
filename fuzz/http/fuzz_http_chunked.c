/*
 * fuzz_http_chunked.c - libFuzzer target: the chunked decoder alone
 * (hk_http_parser_begin_body), spans whole vs in random pieces, and the
 * copying/in-place decoder against the span reader.
 */
#include "fuzz_http_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hk_http_parser_options opt;
    fz_result spans;
    uint8_t sel;
    if (size < 1)
        return 0;
    sel = data[0];
    data++;
    size--;
    hk_http_parser_options_default(&opt);
    if (sel & 1)
        opt.flags |= HK_HTTP_LENIENT_LF;
    if (sel & 2) {
        opt.max_header_bytes = 32;
        opt.max_headers = 2;
        opt.max_body = 64;
        opt.max_chunk_line = 8;
    }
    fz_compare(HK_HTTP_REQUEST, NULL, &opt, 1, data, size, 0);

    /* decode in place (and into a small buffer) gives the same body */
    fz_run(&spans, HK_HTTP_REQUEST, NULL, &opt, 1, data, size, NULL, 0, 0);
    {
        hk_http_parser p;
        uint8_t *copy = malloc(size + 1);
        size_t consumed = 0, produced = 0;
        int r;
        FZ_CHECK(copy != NULL);
        memcpy(copy, data, size);
        FZ_CHECK(hk_http_parser_init(&p, HK_HTTP_REQUEST, &opt) == HK_OK);
        FZ_CHECK(hk_http_parser_begin_body(&p, HK_HTTP_BODY_CHUNKED, 0) == HK_OK);
        r = hk_http_body_decode(&p, (const char *)copy, size, &consumed, (char *)copy, size,
                                &produced);
        FZ_CHECK(r == spans.rc);
        FZ_CHECK(produced <= consumed);
        if (r == HK_HTTP_EV_END || r == HK_ERR_NEED_MORE) {
            FZ_CHECK(produced == spans.body_len);
            FZ_CHECK(memcmp(copy, spans.body, produced) == 0);
        }
        if (r == HK_HTTP_EV_END)
            FZ_CHECK(consumed == spans.consumed);
        /* into a 7-byte buffer, draining between calls */
        {
            uint8_t out[7];
            size_t off = 0, got = 0;
            FZ_CHECK(hk_http_parser_init(&p, HK_HTTP_REQUEST, &opt) == HK_OK);
            FZ_CHECK(hk_http_parser_begin_body(&p, HK_HTTP_BODY_CHUNKED, 0) == HK_OK);
            do {
                size_t c, pr;
                r = hk_http_body_decode(&p, (const char *)data + off, size - off, &c, (char *)out,
                                        sizeof out, &pr);
                FZ_CHECK(pr <= sizeof out);
                if (r == HK_HTTP_EV_END || r == HK_ERR_NEED_MORE ||
                    r == HK_ERR_BUFFER_TOO_SMALL) {
                    FZ_CHECK(got + pr <= spans.body_len || spans.rc < 0);
                    if (got + pr <= spans.body_len)
                        FZ_CHECK(memcmp(out, spans.body + got, pr) == 0);
                }
                got += pr;
                off += c;
            } while (r == HK_ERR_BUFFER_TOO_SMALL);
            FZ_CHECK(r == spans.rc);
            if (r == HK_HTTP_EV_END)
                FZ_CHECK(got == spans.body_len && off == spans.consumed);
        }
        free(copy);
    }
    fz_free(&spans);
    return 0;
}

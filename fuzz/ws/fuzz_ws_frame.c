/*
 * Fuzz target: the frame header decoder and the masking functions.
 * A decoded header re-encodes to exactly the bytes it came from (the
 * decoder accepts only minimal length encodings); hk_ws_mask in arbitrary
 * pieces equals byte-by-byte masking.
 */
#include <stdlib.h>
#include <string.h>

#include <hooksock.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hk_ws_frame_header h;
    size_t need = 0;
    hk_ssize n = hk_ws_frame_decode(&h, data, size, &need);
    if (n == HK_ERR_NEED_MORE) {
        if (need == 0 || need > 14)
            abort();
    } else if (n > 0) {
        uint8_t enc[14];
        if ((size_t)n > size || n > 14 || h.header_len != (uint32_t)n)
            abort();
        if (hk_ws_frame_encode(enc, sizeof enc, &h) != n || memcmp(enc, data, (size_t)n) != 0)
            abort();
        if (hk_ws_frame_header_len(h.payload_len, h.masked) != (size_t)n)
            abort();
    } else if (n != HK_ERR_WS_LENGTH) {
        abort();
    }
    if (size > 4) {
        size_t len = size - 4, i, pos = 0;
        uint8_t *a = malloc(len), *b = malloc(len);
        uint64_t off = 0;
        memcpy(a, data + 4, len);
        memcpy(b, data + 4, len);
        for (i = 0; i < len; i++)
            a[i] ^= data[i % 4];
        while (pos < len) {
            size_t k = 1 + (data[pos] % 67u) * (1 + data[pos] % 5u);
            if (k > len - pos)
                k = len - pos;
            off = hk_ws_mask(b + pos, k, data, off);
            pos += k;
        }
        if (off != len || memcmp(a, b, len) != 0)
            abort();
        free(a);
        free(b);
    }
    return 0;
}

#include "hk_test.h"

static int hk_test_hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

size_t hk_test_unhex(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = 0;
    int hi = -1;
    for (; *hex; hex++) {
        int v;
        if (*hex == ' ' || *hex == '\n' || *hex == '\t')
            continue;
        v = hk_test_hexval((unsigned char)*hex);
        if (v < 0)
            fail_msg("bad hex digit '%c'", *hex);
        if (hi < 0) {
            hi = v;
        } else {
            if (n >= cap)
                fail_msg("hex string too long for buffer (%zu)", cap);
            out[n++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    if (hi >= 0)
        fail_msg("odd hex string");
    return n;
}

void hk_test_rng_seed(hk_test_rng *r, uint64_t seed)
{
    r->s = seed;
}

uint64_t hk_test_rng_next(hk_test_rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void hk_test_rng_fill(hk_test_rng *r, void *buf, size_t n)
{
    uint8_t *p = buf;
    while (n > 0) {
        uint64_t v = hk_test_rng_next(r);
        size_t k = n < 8 ? n : 8;
        memcpy(p, &v, k);
        p += k;
        n -= k;
    }
}

uint64_t hk_test_rng_below(hk_test_rng *r, uint64_t bound)
{
    return hk_test_rng_next(r) % bound;
}

int hk_test_random(void *user, uint8_t *buf, size_t len)
{
    hk_test_rng_fill((hk_test_rng *)user, buf, len);
    return HK_OK;
}

/* Each block carries a header with its size so frees can be checked. */
#define HK_TEST_HDR 16

static void *hk_test_malloc(size_t size, void *user)
{
    hk_test_alloc *st = user;
    uint8_t *p;
    st->calls++;
    if (st->fail_at != 0 && st->calls == st->fail_at)
        return NULL;
    p = malloc(size + HK_TEST_HDR);
    if (p == NULL)
        return NULL;
    memcpy(p, &size, sizeof size);
    st->live_blocks++;
    st->live_bytes += size;
    if (st->live_bytes > st->peak_bytes)
        st->peak_bytes = st->live_bytes;
    return p + HK_TEST_HDR;
}

static void *hk_test_realloc(void *ptr, size_t old_size, size_t new_size, void *user)
{
    hk_test_alloc *st = user;
    uint8_t *p = (uint8_t *)ptr - HK_TEST_HDR;
    size_t real;
    st->calls++;
    memcpy(&real, p, sizeof real);
    if (real != old_size)
        st->size_errors++;
    if (st->fail_at != 0 && st->calls == st->fail_at)
        return NULL;
    p = realloc(p, new_size + HK_TEST_HDR);
    if (p == NULL)
        return NULL;
    memcpy(p, &new_size, sizeof new_size);
    st->live_bytes = st->live_bytes - real + new_size;
    if (st->live_bytes > st->peak_bytes)
        st->peak_bytes = st->live_bytes;
    return p + HK_TEST_HDR;
}

static void hk_test_free(void *ptr, size_t size, void *user)
{
    hk_test_alloc *st = user;
    uint8_t *p = (uint8_t *)ptr - HK_TEST_HDR;
    size_t real;
    memcpy(&real, p, sizeof real);
    if (real != size)
        st->size_errors++;
    st->live_blocks--;
    st->live_bytes -= real;
    free(p);
}

void hk_test_alloc_init(hk_test_alloc *st, hk_allocator *out)
{
    size_t fail_at = st->fail_at;
    memset(st, 0, sizeof *st);
    st->fail_at = fail_at;
    out->malloc_fn = hk_test_malloc;
    out->realloc_fn = hk_test_realloc;
    out->free_fn = hk_test_free;
    out->user = st;
}

uint8_t *hk_test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t cap = 0, n = 0;
    if (f == NULL)
        return NULL;
    for (;;) {
        size_t got;
        if (n == cap) {
            uint8_t *nb;
            cap = cap ? cap * 2 : 4096;
            nb = realloc(buf, cap);
            if (nb == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    *len = n;
    return buf;
}

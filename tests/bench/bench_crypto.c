/*
 * bench_crypto - SHA-256 and HMAC-SHA256 throughput (plus SHA-1 and SHA-512):
 * hooksock portable, hooksock SHA-NI and OpenSSL libcrypto, measured side by
 * side in one run.
 *
 * Run by hand (never a test):  build/gcc/tests/bench/bench_crypto [seconds]
 * Each cell is the best of 7 runs of about `seconds` each (default 0.05 s),
 * with a hard cap on iterations; the three paths are measured in turn within
 * each round, so they see the same conditions, and the best run is the one
 * least disturbed by other load on the machine. MB/s = 10^6 bytes per second of
 * message data. Prints a Markdown table (as in docs/performance.md).
 */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <hooksock.h>

static double bench_secs = 0.05;
static volatile uint8_t bench_sink;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct {
    int impl; /* hooksock impl, or -1 for OpenSSL */
    EVP_MD *md1, *md512;
    const uint8_t *key;
    size_t key_len;
    hk_hmac_sha256_key hkey;
    EVP_MD_CTX *md_ctx;
    EVP_MD *md;
    EVP_MAC_CTX *mac_ctx;
} bench_env;

typedef void (*bench_fn)(bench_env *e, const uint8_t *msg, size_t n, uint8_t out[64]);

static void b_sha256_hk(bench_env *e, const uint8_t *msg, size_t n, uint8_t out[64])
{
    hk_sha256_ctx c;
    hk_sha256_init_impl(&c, e->impl);
    hk_sha256_update(&c, msg, n);
    hk_sha256_final(&c, out);
}

static void b_sha256_ossl(bench_env *e, const uint8_t *msg, size_t n, uint8_t out[64])
{
    unsigned len;
    EVP_DigestInit_ex(e->md_ctx, e->md, NULL);
    EVP_DigestUpdate(e->md_ctx, msg, n);
    EVP_DigestFinal_ex(e->md_ctx, out, &len);
}

static void b_sha1_hk(bench_env *e, const uint8_t *msg, size_t n, uint8_t out[64])
{
    hk_sha1_ctx c;
    hk_sha1_init_impl(&c, e->impl);
    hk_sha1_update(&c, msg, n);
    hk_sha1_final(&c, out);
}

static void b_sha1_ossl(bench_env *e, const uint8_t *msg, size_t n, uint8_t out[64])
{
    unsigned len;
    EVP_DigestInit_ex(e->md_ctx, e->md1, NULL);
    EVP_DigestUpdate(e->md_ctx, msg, n);
    EVP_DigestFinal_ex(e->md_ctx, out, &len);
}

static void b_sha512_hk(bench_env *e, const uint8_t *msg, size_t n, uint8_t out[64])
{
    hk_sha512_ctx c;
    hk_sha512_init_impl(&c, e->impl);
    hk_sha512_update(&c, msg, n);
    hk_sha512_final(&c, out);
}

static void b_sha512_ossl(bench_env *e, const uint8_t *msg, size_t n, uint8_t out[64])
{
    unsigned len;
    EVP_DigestInit_ex(e->md_ctx, e->md512, NULL);
    EVP_DigestUpdate(e->md_ctx, msg, n);
    EVP_DigestFinal_ex(e->md_ctx, out, &len);
}

/* HMAC with a key prepared once (pad states reused). */
static void b_hmac_hk(bench_env *e, const uint8_t *msg, size_t n, uint8_t out[64])
{
    hk_hmac_sha256_ctx c;
    hk_hmac_sha256_init(&c, &e->hkey);
    hk_hmac_sha256_update(&c, msg, n);
    hk_hmac_sha256_final(&c, out);
}

static void b_hmac_ossl(bench_env *e, const uint8_t *msg, size_t n, uint8_t out[64])
{
    size_t len;
    /* NULL key: re-initialise with the key already set (OpenSSL 3 EVP_MAC). */
    EVP_MAC_init(e->mac_ctx, NULL, 0, NULL);
    EVP_MAC_update(e->mac_ctx, msg, n);
    EVP_MAC_final(e->mac_ctx, out, &len, 32);
}

/* One-shot HMAC, key processed on every call. */
static void b_hmac1_hk(bench_env *e, const uint8_t *msg, size_t n, uint8_t out[64])
{
    hk_hmac_sha256_key k;
    hk_hmac_sha256_ctx c;
    hk_hmac_sha256_key_init_impl(&k, e->key, e->key_len, e->impl);
    hk_hmac_sha256_init(&c, &k);
    hk_hmac_sha256_update(&c, msg, n);
    hk_hmac_sha256_final(&c, out);
    hk_hmac_sha256_key_wipe(&k);
}

static void b_hmac1_ossl(bench_env *e, const uint8_t *msg, size_t n, uint8_t out[64])
{
    unsigned len;
    HMAC(EVP_sha256(), e->key, (int)e->key_len, msg, n, out, &len);
}

/* MB/s of fn over n-byte messages in one timed run of about bench_secs
 * (bounded to 2 GB of data). */
static double measure_once(bench_fn fn, bench_env *e, const uint8_t *msg, size_t n)
{
    uint8_t out[64];
    unsigned long cap = (unsigned long)(2e9 / (double)n) + 1, it = 0;
    double t0 = now_s(), dt;
    do {
        unsigned long k;
        for (k = 0; k < 16 && it < cap; k++, it++) {
            fn(e, msg, n, out);
            bench_sink ^= out[0];
        }
        dt = now_s() - t0;
    } while (dt < bench_secs && it < cap);
    return (double)it * (double)n / dt / 1e6;
}

/* Best of BENCH_RUNS runs of each of the (up to) three paths, taken in turn,
 * so that the paths see the same machine conditions and the ratios hold even
 * when other load comes and goes. */
#define BENCH_RUNS 7
static void measure3(bench_fn hk, bench_fn ossl, bench_env *port, bench_env *ni, bench_env *os,
                     int shani, const uint8_t *msg, size_t n, double best[3])
{
    uint8_t out[64];
    int run;
    best[0] = best[1] = best[2] = 0;
    hk(port, msg, n, out); /* warm-up */
    ossl(os, msg, n, out);
    for (run = 0; run < BENCH_RUNS; run++) {
        double v = measure_once(hk, port, msg, n);
        best[0] = v > best[0] ? v : best[0];
        if (shani) {
            v = measure_once(hk, ni, msg, n);
            best[1] = v > best[1] ? v : best[1];
        }
        v = measure_once(ossl, os, msg, n);
        best[2] = v > best[2] ? v : best[2];
    }
}

static const char *size_name(size_t n)
{
    return n == 64 ? "64 B" : n == 1024 ? "1 KiB" : "1 MiB";
}

int main(int argc, char **argv)
{
    static const size_t sizes[] = {64, 1024, 1u << 20};
    static const struct {
        const char *name;
        bench_fn hk, ossl;
        size_t dlen;
    } rows[] = {
        {"SHA-256", b_sha256_hk, b_sha256_ossl, 32},
        {"HMAC-SHA256, key prepared once", b_hmac_hk, b_hmac_ossl, 32},
        {"HMAC-SHA256 one-shot (32-byte key)", b_hmac1_hk, b_hmac1_ossl, 32},
        {"SHA-1", b_sha1_hk, b_sha1_ossl, 20},
        {"SHA-512 (no SHA-NI path)", b_sha512_hk, b_sha512_ossl, 64},
    };
    uint8_t *msg, key[32];
    size_t r, s;
    int shani = hk_hash_impl_available(HK_HASH_IMPL_SHANI, 32);
    bench_env port, ni, ossl;
    OSSL_PARAM params[2];
    EVP_MAC *mac;

    if (argc > 1)
        bench_secs = atof(argv[1]);
    if (bench_secs <= 0 || bench_secs > 10)
        bench_secs = 0.05;
    msg = malloc(1u << 20);
    if (msg == NULL)
        return 1;
    for (s = 0; s < (1u << 20); s++)
        msg[s] = (uint8_t)(s * 131 + 7);
    for (s = 0; s < sizeof key; s++)
        key[s] = (uint8_t)(s + 1);

    memset(&port, 0, sizeof port);
    port.impl = HK_HASH_IMPL_PORTABLE;
    port.key = key;
    port.key_len = sizeof key;
    hk_hmac_sha256_key_init_impl(&port.hkey, key, sizeof key, HK_HASH_IMPL_PORTABLE);
    ni = port;
    ni.impl = HK_HASH_IMPL_SHANI;
    if (shani)
        hk_hmac_sha256_key_init_impl(&ni.hkey, key, sizeof key, HK_HASH_IMPL_SHANI);
    memset(&ossl, 0, sizeof ossl);
    ossl.impl = -1;
    ossl.key = key;
    ossl.key_len = sizeof key;
    ossl.md = EVP_MD_fetch(NULL, "SHA256", NULL);
    ossl.md1 = EVP_MD_fetch(NULL, "SHA1", NULL);
    ossl.md512 = EVP_MD_fetch(NULL, "SHA512", NULL);
    ossl.md_ctx = EVP_MD_CTX_new();
    mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    if (ossl.md == NULL || ossl.md1 == NULL || ossl.md512 == NULL || ossl.md_ctx == NULL ||
        mac == NULL)
        return 1;
    ossl.mac_ctx = EVP_MAC_CTX_new(mac);
    params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)"SHA256", 0);
    params[1] = OSSL_PARAM_construct_end();
    if (ossl.mac_ctx == NULL || EVP_MAC_init(ossl.mac_ctx, key, sizeof key, params) != 1)
        return 1;

    /* The three paths agree before anything is timed. */
    for (r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        uint8_t a[64], b[64], c[64];
        size_t dl = rows[r].dlen;
        rows[r].hk(&port, msg, 1000, a);
        rows[r].ossl(&ossl, msg, 1000, b);
        if (shani && hk_hash_impl_available(HK_HASH_IMPL_SHANI, dl))
            rows[r].hk(&ni, msg, 1000, c);
        else
            memcpy(c, a, dl);
        if (memcmp(a, b, dl) != 0 || memcmp(a, c, dl) != 0) {
            fprintf(stderr, "bench_crypto: %s results differ\n", rows[r].name);
            return 1;
        }
    }

    printf("%s, %s; best of %d interleaved runs of %.2f s; MB/s = 10^6 B/s\n\n",
           OpenSSL_version(OPENSSL_VERSION), shani ? "SHA-NI present" : "no SHA-NI", BENCH_RUNS,
           bench_secs);
    printf("| Operation | Size | portable MB/s | SHA-NI MB/s | OpenSSL MB/s | SHA-NI / portable "
           "| hooksock best / OpenSSL |\n");
    printf("|---|---|---:|---:|---:|---:|---:|\n");
    for (r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        for (s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
            double best[3], p, n, o;
            int row_ni = shani && hk_hash_impl_available(HK_HASH_IMPL_SHANI, rows[r].dlen);
            measure3(rows[r].hk, rows[r].ossl, &port, &ni, &ossl, row_ni, msg, sizes[s], best);
            p = best[0];
            n = best[1];
            o = best[2];
            if (row_ni)
                printf("| %s | %s | %.0f | %.0f | %.0f | %.2f | %.2f |\n", rows[r].name,
                       size_name(sizes[s]), p, n, o, n / p, n / o);
            else
                printf("| %s | %s | %.0f | - | %.0f | - | %.2f |\n", rows[r].name,
                       size_name(sizes[s]), p, o, p / o);
            fflush(stdout);
        }
    }
    hk_hmac_sha256_key_wipe(&port.hkey);
    hk_hmac_sha256_key_wipe(&ni.hkey);
    EVP_MAC_CTX_free(ossl.mac_ctx);
    EVP_MAC_free(mac);
    EVP_MD_CTX_free(ossl.md_ctx);
    EVP_MD_free(ossl.md);
    EVP_MD_free(ossl.md1);
    EVP_MD_free(ossl.md512);
    free(msg);
    return 0;
}

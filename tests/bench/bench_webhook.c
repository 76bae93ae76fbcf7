/*
 * bench_webhook - Standard Webhooks sign and verify throughput for 1 KiB and
 * 1 MiB bodies, next to OpenSSL's HMAC-SHA256 over the same signed content
 * ("id.timestamp.body", key set once, EVP_MAC) plus its base64 encoding,
 * measured side by side in one run.
 *
 * Run by hand (never a test):  build/gcc/tests/bench/bench_webhook [seconds]
 * Each cell is the best of 5 runs of about `seconds` each (default 0.2 s).
 * MB/s = 10^6 body bytes per second. Prints a Markdown table.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <hooksock.h>

static double bench_secs = 0.2;
static volatile uint8_t bench_sink;

#define ID "msg_p5jXN8AQM9LWM0D4loKWxJek"
#define TS 1614265330
#define TS_S "1614265330"
#define SECRET "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct {
    hk_wh_key key;
    hk_wh_headers h;
    char sig[HK_WH_SIGNATURE_CAP(1)];
    EVP_MAC_CTX *mac;
} env;

static void op_sign_hk(env *e, const uint8_t *b, size_t n)
{
    char out[HK_WH_SIGNATURE_CAP(1)];
    if (hk_wh_sign(out, sizeof out, NULL, &e->key, 1, ID, strlen(ID), TS, b, n) != HK_OK)
        abort();
    bench_sink ^= (uint8_t)out[5];
}

static void op_verify_hk(env *e, const uint8_t *b, size_t n)
{
    if (hk_wh_verify(&e->key, 1, &e->h, b, n, TS, 300) != HK_OK)
        abort();
    bench_sink ^= 1;
}

static void op_sign_ossl(env *e, const uint8_t *b, size_t n)
{
    unsigned char mac[32], out[64];
    size_t len;
    EVP_MAC_init(e->mac, NULL, 0, NULL);
    EVP_MAC_update(e->mac, (const unsigned char *)ID ".", strlen(ID) + 1);
    EVP_MAC_update(e->mac, (const unsigned char *)TS_S ".", strlen(TS_S) + 1);
    EVP_MAC_update(e->mac, b, n);
    EVP_MAC_final(e->mac, mac, &len, sizeof mac);
    EVP_EncodeBlock(out, mac, 32);
    bench_sink ^= out[3];
}

typedef void (*op_fn)(env *e, const uint8_t *b, size_t n);

static double run(op_fn f, env *e, const uint8_t *b, size_t n)
{
    double best = 0;
    int r;
    for (r = 0; r < 5; r++) {
        double t0 = now_s(), t;
        long iters = 0;
        do {
            f(e, b, n);
            iters++;
            t = now_s() - t0;
        } while (t < bench_secs && iters < 10000000);
        if ((double)iters / t > best)
            best = (double)iters / t;
    }
    return best; /* operations per second */
}

int main(int argc, char **argv)
{
    static const size_t sizes[] = {1024, 1024 * 1024};
    env e;
    EVP_MAC *m;
    OSSL_PARAM params[2];
    uint8_t raw[24];
    size_t raw_len = 0, i;
    uint8_t *body;
    if (argc > 1)
        bench_secs = atof(argv[1]);
    if (hk_wh_key_from_secret(&e.key, SECRET, strlen(SECRET)) != HK_OK)
        return 1;
    hk_base64_decode(raw, sizeof raw, &SECRET[6], strlen(SECRET) - 6, HK_BASE64_STD, &raw_len);
    m = EVP_MAC_fetch(NULL, "HMAC", NULL);
    e.mac = EVP_MAC_CTX_new(m);
    params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)"SHA256", 0);
    params[1] = OSSL_PARAM_construct_end();
    EVP_MAC_init(e.mac, raw, raw_len, params);
    body = malloc(1024 * 1024);
    for (i = 0; i < 1024 * 1024; i++)
        body[i] = (uint8_t)('a' + i % 26);
    printf("| body | hooksock sign | hooksock verify | OpenSSL HMAC + base64 | sign / OpenSSL |"
           " verify / OpenSSL |\n");
    printf("|---|---|---|---|---|---|\n");
    for (i = 0; i < 2; i++) {
        size_t n = sizes[i];
        double s, v, o;
        e.h.id = ID;
        e.h.id_len = strlen(ID);
        e.h.timestamp = TS_S;
        e.h.timestamp_len = strlen(TS_S);
        hk_wh_sign(e.sig, sizeof e.sig, &e.h.signature_len, &e.key, 1, ID, strlen(ID), TS, body,
                   n);
        e.h.signature = e.sig;
        s = run(op_sign_hk, &e, body, n);
        v = run(op_verify_hk, &e, body, n);
        o = run(op_sign_ossl, &e, body, n);
        printf("| %s | %.0f op/s, %.0f MB/s | %.0f op/s, %.0f MB/s | %.0f op/s, %.0f MB/s |"
               " %.2f | %.2f |\n",
               n == 1024 ? "1 KiB" : "1 MiB", s, s * (double)n / 1e6, v, v * (double)n / 1e6, o,
               o * (double)n / 1e6, s / o, v / o);
    }
    EVP_MAC_CTX_free(e.mac);
    EVP_MAC_free(m);
    free(body);
    hk_wh_key_wipe(&e.key);
    return 0;
}

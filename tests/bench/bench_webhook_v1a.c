/*
 * bench_webhook_v1a - Standard Webhooks v1a (Ed25519) sign and verify for
 * 1 KiB and 1 MiB bodies, next to libsodium's crypto_sign_detached /
 * crypto_sign_verify_detached over the same signed content
 * ("id.timestamp.body", assembled in a buffer first, as a libsodium user
 * must) plus the base64 encoding or decoding of the signature, measured side
 * by side in one run.
 *
 * Run by hand (never a test):  build/gcc/tests/bench/bench_webhook_v1a [seconds]
 * Each cell is the best of 5 runs of about `seconds` each (default 0.2 s).
 * Prints a Markdown table.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include <hooksock.h>

static double bench_secs = 0.2;
static volatile uint8_t bench_sink;

#define ID "msg_p5jXN8AQM9LWM0D4loKWxJek"
#define TS 1614265330
#define TS_S "1614265330"
#define SK "whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg=="
#define PK "whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4="

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct {
    hk_wh_key sk, pk;
    hk_wh_headers h;
    char sig[HK_WH_SIGNATURE_CAP(1)];
    uint8_t rsk[64], rpk[32];
    uint8_t *content; /* for libsodium: id.ts.body */
} env;

static void op_sign_hk(env *e, const uint8_t *b, size_t n)
{
    char out[HK_WH_SIGNATURE_CAP(1)];
    if (hk_wh_sign(out, sizeof out, NULL, &e->sk, 1, ID, strlen(ID), TS, b, n) != HK_OK)
        abort();
    bench_sink ^= (uint8_t)out[5];
}

static void op_verify_hk(env *e, const uint8_t *b, size_t n)
{
    if (hk_wh_verify(&e->pk, 1, &e->h, b, n, TS, 300) != HK_OK)
        abort();
    bench_sink ^= 1;
}

static void op_stream_hk(env *e, const uint8_t *b, size_t n)
{
    hk_wh_stream s;
    if (hk_wh_stream_init(&s, &e->pk, 1, &e->h, TS, 300, 0) != HK_OK ||
        hk_wh_stream_update(&s, b, n) != HK_OK || hk_wh_stream_final(&s, NULL) != HK_OK)
        abort();
    bench_sink ^= 1;
}

static size_t assemble(env *e, const uint8_t *b, size_t n)
{
    size_t p = strlen(ID ".") + strlen(TS_S ".");
    memcpy(e->content, ID "." TS_S ".", p);
    memcpy(e->content + p, b, n);
    return p + n;
}

static void op_sign_sodium(env *e, const uint8_t *b, size_t n)
{
    unsigned char sig[64];
    char out[100];
    size_t len = assemble(e, b, n);
    crypto_sign_detached(sig, NULL, e->content, len, e->rsk);
    sodium_bin2base64(out, sizeof out, sig, 64, sodium_base64_VARIANT_ORIGINAL);
    bench_sink ^= (uint8_t)out[3];
}

static void op_verify_sodium(env *e, const uint8_t *b, size_t n)
{
    unsigned char sig[64];
    size_t len = assemble(e, b, n), got = 0;
    if (sodium_base642bin(sig, sizeof sig, e->sig + 4, 88, NULL, &got, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        crypto_sign_verify_detached(sig, e->content, len, e->rpk) != 0)
        abort();
    bench_sink ^= 1;
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
    size_t i, got = 0;
    uint8_t *body;
    if (argc > 1)
        bench_secs = atof(argv[1]);
    if (sodium_init() < 0 || hk_wh_key_from_secret(&e.sk, SK, strlen(SK)) != HK_OK ||
        hk_wh_key_from_secret(&e.pk, PK, strlen(PK)) != HK_OK)
        return 1;
    hk_base64_decode(e.rsk, sizeof e.rsk, &SK[5], strlen(SK) - 5, HK_BASE64_STD, &got);
    memcpy(e.rpk, e.rsk + 32, 32);
    body = malloc(1024 * 1024);
    e.content = malloc(1024 * 1024 + 64);
    for (i = 0; i < 1024 * 1024; i++)
        body[i] = (uint8_t)('a' + i % 26);
    printf("| body | hooksock sign | libsodium sign | sign ratio | hooksock verify |"
           " hooksock stream verify | libsodium verify | verify ratio |\n");
    printf("|---|---|---|---|---|---|---|---|\n");
    for (i = 0; i < 2; i++) {
        size_t n = sizes[i];
        double s, so, v, st, vo;
        e.h.id = ID;
        e.h.id_len = strlen(ID);
        e.h.timestamp = TS_S;
        e.h.timestamp_len = strlen(TS_S);
        hk_wh_sign(e.sig, sizeof e.sig, &e.h.signature_len, &e.sk, 1, ID, strlen(ID), TS, body,
                   n);
        e.h.signature = e.sig;
        s = run(op_sign_hk, &e, body, n);
        so = run(op_sign_sodium, &e, body, n);
        v = run(op_verify_hk, &e, body, n);
        st = run(op_stream_hk, &e, body, n);
        vo = run(op_verify_sodium, &e, body, n);
        printf("| %s | %.0f op/s | %.0f op/s | %.2f | %.0f op/s | %.0f op/s | %.0f op/s |"
               " %.2f |\n",
               n == 1024 ? "1 KiB" : "1 MiB", s, so, s / so, v, st, vo, v / vo);
    }
    free(body);
    free(e.content);
    hk_wh_key_wipe(&e.sk);
    return 0;
}

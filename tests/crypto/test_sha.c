/*
 * Tests of SHA-1, SHA-256 and SHA-512 (FIPS 180-4): official example
 * vectors, padding boundaries, every split point of the streaming API, every
 * implementation (portable, SHA-NI where the CPU has it), context wiping and
 * forking.
 */
#include "hk_test.h"

/* ---- a uniform view of the three hashes ---------------------------------- */

typedef union {
    hk_sha1_ctx s1;
    hk_sha256_ctx s256;
    hk_sha512_ctx s512;
} any_ctx;

typedef struct {
    const char *name;
    size_t dlen;
    size_t blen;
    size_t ctx_size;
    int (*init_impl)(any_ctx *c, int impl);
    void (*update)(any_ctx *c, const void *p, size_t n);
    void (*final)(any_ctx *c, uint8_t *out);
    void (*oneshot)(const void *p, size_t n, uint8_t *out);
} hash_alg;

static int w_sha1_init(any_ctx *c, int impl) { return hk_sha1_init_impl(&c->s1, impl); }
static void w_sha1_update(any_ctx *c, const void *p, size_t n) { hk_sha1_update(&c->s1, p, n); }
static void w_sha1_final(any_ctx *c, uint8_t *out) { hk_sha1_final(&c->s1, out); }
static void w_sha1(const void *p, size_t n, uint8_t *out) { hk_sha1(p, n, out); }
static int w_sha256_init(any_ctx *c, int impl) { return hk_sha256_init_impl(&c->s256, impl); }
static void w_sha256_update(any_ctx *c, const void *p, size_t n) { hk_sha256_update(&c->s256, p, n); }
static void w_sha256_final(any_ctx *c, uint8_t *out) { hk_sha256_final(&c->s256, out); }
static void w_sha256(const void *p, size_t n, uint8_t *out) { hk_sha256(p, n, out); }
static int w_sha512_init(any_ctx *c, int impl) { return hk_sha512_init_impl(&c->s512, impl); }
static void w_sha512_update(any_ctx *c, const void *p, size_t n) { hk_sha512_update(&c->s512, p, n); }
static void w_sha512_final(any_ctx *c, uint8_t *out) { hk_sha512_final(&c->s512, out); }
static void w_sha512(const void *p, size_t n, uint8_t *out) { hk_sha512(p, n, out); }

enum { ALG_SHA1, ALG_SHA256, ALG_SHA512, ALG_COUNT };
static const hash_alg algs[ALG_COUNT] = {
    {"SHA-1", 20, 64, sizeof(hk_sha1_ctx), w_sha1_init, w_sha1_update, w_sha1_final, w_sha1},
    {"SHA-256", 32, 64, sizeof(hk_sha256_ctx), w_sha256_init, w_sha256_update, w_sha256_final,
     w_sha256},
    {"SHA-512", 64, 128, sizeof(hk_sha512_ctx), w_sha512_init, w_sha512_update, w_sha512_final,
     w_sha512},
};

/* The implementations to test for an algorithm: PORTABLE always, SHANI when
 * this CPU has it, and AUTO. Returns the count written to impls[]. */
static int impls_for(const hash_alg *a, int impls[3])
{
    int n = 0;
    impls[n++] = HK_HASH_IMPL_PORTABLE;
    if (hk_hash_impl_available(HK_HASH_IMPL_SHANI, a->dlen))
        impls[n++] = HK_HASH_IMPL_SHANI;
    impls[n++] = HK_HASH_IMPL_AUTO;
    return n;
}

static const char *impl_name(int impl)
{
    return impl == HK_HASH_IMPL_PORTABLE ? "portable" : impl == HK_HASH_IMPL_SHANI ? "sha-ni" : "auto";
}

/* Hash msg in pieces cut at the given points (sorted, each <= n). */
static void hash_pieces(const hash_alg *a, int impl, const uint8_t *msg, size_t n,
                        const size_t *cuts, size_t ncuts, uint8_t *out)
{
    any_ctx c;
    size_t prev = 0, i;
    assert_int_equal(a->init_impl(&c, impl), HK_OK);
    for (i = 0; i < ncuts; i++) {
        a->update(&c, msg + prev, cuts[i] - prev);
        prev = cuts[i];
    }
    a->update(&c, msg + prev, n - prev);
    a->final(&c, out);
}

/*
 * Check msg against its expected digest with every implementation: one
 * piece, a cut at every split point, byte by byte, and (short messages) a
 * cut at every pair of points, with empty updates in between.
 */
static void check_digest(const hash_alg *a, const uint8_t *msg, size_t n, const uint8_t *want)
{
    uint8_t got[64];
    int impls[3], ni = impls_for(a, impls), k;
    size_t i, j;

    a->oneshot(msg, n, got);
    assert_memory_equal(got, want, a->dlen);
    for (k = 0; k < ni; k++) {
        any_ctx c;
        hash_pieces(a, impls[k], msg, n, NULL, 0, got);
        if (memcmp(got, want, a->dlen) != 0)
            fail_msg("%s %s, len %zu: wrong digest", a->name, impl_name(impls[k]), n);
        for (i = 0; i <= n; i++) {
            size_t cut[1];
            cut[0] = i;
            hash_pieces(a, impls[k], msg, n, cut, 1, got);
            if (memcmp(got, want, a->dlen) != 0)
                fail_msg("%s %s, len %zu split at %zu: wrong digest", a->name,
                         impl_name(impls[k]), n, i);
        }
        assert_int_equal(a->init_impl(&c, impls[k]), HK_OK);
        for (i = 0; i < n; i++) {
            a->update(&c, msg + i, 1);
            a->update(&c, NULL, 0);
        }
        a->final(&c, got);
        if (memcmp(got, want, a->dlen) != 0)
            fail_msg("%s %s, len %zu byte by byte: wrong digest", a->name, impl_name(impls[k]), n);
        if (n <= 2 * a->blen) {
            for (i = 0; i <= n; i++) {
                for (j = i; j <= n; j++) {
                    size_t cut[2];
                    cut[0] = i;
                    cut[1] = j;
                    hash_pieces(a, impls[k], msg, n, cut, 2, got);
                    if (memcmp(got, want, a->dlen) != 0)
                        fail_msg("%s %s, len %zu split at %zu,%zu: wrong digest", a->name,
                                 impl_name(impls[k]), n, i, j);
                }
            }
        }
    }
}

/* ---- FIPS 180-4 example vectors ---------------------------------------------
 * Source: NIST CSRC "Cryptographic Standards and Guidelines - Examples with
 * Intermediate Values" (SHA1.pdf, SHA256.pdf, SHA512.pdf; one-block "abc",
 * two-block 448-bit and 896-bit messages) and the long-message vector of one
 * million 'a' (FIPS 180-2 appendices A-C). The empty-message digests are the
 * NIST CAVP SHAVS "ShortMsg" Len = 0 entries. */

static const char msg448[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
static const char msg896[] = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                             "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

static const struct {
    int alg;
    const char *msg;
    const char *digest;
} fips_vectors[] = {
    {ALG_SHA1, "", "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
    {ALG_SHA1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"},
    {ALG_SHA1, msg448, "84983e441c3bd26ebaae4aa1f95129e5e54670f1"},
    {ALG_SHA1, msg896, "a49b2446a02c645bf419f995b67091253a04a259"},
    {ALG_SHA256, "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {ALG_SHA256, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {ALG_SHA256, msg448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    {ALG_SHA256, msg896, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
    {ALG_SHA512, "",
     "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
     "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"},
    {ALG_SHA512, "abc",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
     "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
    {ALG_SHA512, msg448,
     "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
     "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445"},
    {ALG_SHA512, msg896,
     "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
     "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"},
};

static void test_fips_vectors(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof fips_vectors / sizeof fips_vectors[0]; i++) {
        const hash_alg *a = &algs[fips_vectors[i].alg];
        uint8_t want[64];
        assert_int_equal(hk_test_unhex(fips_vectors[i].digest, want, sizeof want), a->dlen);
        check_digest(a, (const uint8_t *)fips_vectors[i].msg, strlen(fips_vectors[i].msg), want);
    }
}

static const char *million_a[ALG_COUNT] = {
    "34aa973cd4c4daa4f61eeb2bdbad27316534016f",
    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
    ("e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
     "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"),
};

/* One million 'a': one-shot, and streamed in pieces of 1, 7, 64, 1000 and
 * 65537 bytes with every implementation. */
static void test_million_a(void **state)
{
    static const size_t steps[] = {1, 7, 64, 1000, 65537};
    size_t n = 1000000, s, off;
    uint8_t *msg = malloc(n);
    int ai;
    (void)state;
    assert_non_null(msg);
    memset(msg, 'a', n);
    for (ai = 0; ai < ALG_COUNT; ai++) {
        const hash_alg *a = &algs[ai];
        uint8_t want[64], got[64];
        int impls[3], ni = impls_for(a, impls), k;
        assert_int_equal(hk_test_unhex(million_a[ai], want, sizeof want), a->dlen);
        a->oneshot(msg, n, got);
        assert_memory_equal(got, want, a->dlen);
        for (k = 0; k < ni; k++) {
            for (s = 0; s < sizeof steps / sizeof steps[0]; s++) {
                any_ctx c;
                if (steps[s] == 1 && impls[k] == HK_HASH_IMPL_AUTO)
                    continue; /* same path as one of the others; saves time */
                assert_int_equal(a->init_impl(&c, impls[k]), HK_OK);
                for (off = 0; off < n; off += steps[s])
                    a->update(&c, msg + off, n - off < steps[s] ? n - off : steps[s]);
                a->final(&c, got);
                if (memcmp(got, want, a->dlen) != 0)
                    fail_msg("%s %s million a, step %zu: wrong digest", a->name,
                             impl_name(impls[k]), steps[s]);
            }
        }
    }
    free(msg);
}

/* ---- padding boundaries -------------------------------------------------------
 * 'a' repeated L times, for L around the points where the length field
 * stops fitting in the last block (55/56 and 119/120 for 64-byte blocks,
 * 111/112 for SHA-512) and around block ends (63/64/65, 127/128/129).
 * Expected values computed with an independent implementation (Python
 * hashlib, i.e. OpenSSL) and checked by hand against sha*sum. */

static const struct {
    size_t len;
    const char *sha1, *sha256, *sha512;
} boundary_vectors[] = {
    {0, "da39a3ee5e6b4b0d3255bfef95601890afd80709",
     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
     "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"},
    {1, "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8",
     "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb",
     "1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75"},
    {55, "c1c8bbdc22796e28c0e15163d20899b65621d65a",
     "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
     "b0220c772cbf6c1822e2cb38a437d0e1d58772417a4bbb21c961364f8b6143e05aa6316dca8d1d7b19e16448419076395f6086cb55101fbd6d5497b148e1745f"},
    {56, "c2db330f6083854c99d4b5bfb6e8f29f201be699",
     "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
     "962b64aae357d2a4fee3ded8b539bdc9d325081822b0bfc55583133aab44f18bafe11d72a7ae16c79ce2ba620ae2242d5144809161945f1367f41b3972e26e04"},
    {57, "f08f24908d682555111be7ff6f004e78283d989a",
     "f13b2d724659eb3bf47f2dd6af1accc87b81f09f59f2b75e5c0bed6589dfe8c6",
     "d3115798e872fc1ca6b276368e8ea0926daec6ab1f8f08297e4348ff5f5fe4c6e5205413271babafd4929b070754bc5800e5db44790666ec4e2f6ac52a17e163"},
    {63, "03f09f5b158a7a8cdad920bddc29b81c18a551f5",
     "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
     "c1b0f5c6d3b03dfe4a2602e67242f54e344090b66e01100a469b129f583f016c7e27dddeaa438393dcc7ec54b0b57c9ba7af007f9b56db5f6fb677d972a31362"},
    {64, "0098ba824b5c16427bd7a1122a5a442a25ec644d",
     "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
     "01d35c10c6c38c2dcf48f7eebb3235fb5ad74a65ec4cd016e2354c637a8fb49b695ef3c1d6f7ae4cd74d78cc9c9bcac9d4f23a73019998a7f73038a5c9b2dbde"},
    {65, "11655326c708d70319be2610e8a57d9a5b959d3b",
     "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0",
     "b83086cd8494e55708ad7ecd82dfb4bca1bda61ecbb7caf0c68967902e709345e5d8305eb7ac0d588afc6cbb75161aa9c8c7e0ea986bd833dafe5e1ccd37345a"},
    {111, "ac877859d427d9192054eea8feb3b8a403ef83a5",
     "6374f73208854473827f6f6a3f43b1f53eaa3b82c21c1a6d69a2110b2a79baad",
     "fa9121c7b32b9e01733d034cfc78cbf67f926c7ed83e82200ef86818196921760b4beff48404df811b953828274461673c68d04e297b0eb7b2b4d60fc6b566a2"},
    {112, "689993727ba37386bb032495e9dbdfb4dd1ba744",
     "f54353008a2553262ecdc4a34749563ba0950e8b0fc8652780b0a614b99683c1",
     "c01d080efd492776a1c43bd23dd99d0a2e626d481e16782e75d54c2503b5dc32bd05f0f1ba33e568b88fd2d970929b719ecbb152f58f130a407c8830604b70ca"},
    {113, "3bcfff44cf3237b9b63c661a530077f794872efc",
     "ba02731ae695aae5cd49b49d84330b63995733eb22102aca755f0179b1e0e20f",
     "55ddd8ac210a6e18ba1ee055af84c966e0dbff091c43580ae1be703bdb85da31acf6948cf5bd90c55a20e5450f22fb89bd8d0085e39f85a86cc46abbca75e24d"},
    {119, "ee971065aaa017e0632a8ca6c77bb3bf8b1dfc56",
     "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb",
     "130396a75cb483f2eee8c56d8a668bb3d2641f5243212c0bee2bd33da096ad9eb8179fe18f9eaacf76e09fae9de4c3f14ba13341e345be05bf76c182cc3468cb"},
    {120, "f34c1488385346a55709ba056ddd08280dd4c6d6",
     "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c",
     "f241de612b01aa2fa3cf01531d2a8e5e17fc761dfd48a704a834a47f57d6eade7804ecc39be42fdef16ec6adeaf7c01c2fd0c4cc97d3860907cfa4a3b36d0c05"},
    {127, "89d95fa32ed44a7c610b7ee38517ddf57e0bb975",
     "c57e9278af78fa3cab38667bef4ce29d783787a2f731d4e12200270f0c32320a",
     "828613968b501dc00a97e08c73b118aa8876c26b8aac93df128502ab360f91bab50a51e088769a5c1eff4782ace147dce3642554199876374291f5d921629502"},
    {128, "ad5b3fdbcb526778c2839d2f151ea753995e26a0",
     "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e",
     "b73d1929aa615934e61a871596b3f3b33359f42b8175602e89f7e06e5f658a243667807ed300314b95cacdd579f3e33abdfbe351909519a846d465c59582f321"},
    {129, "d96debf1bdcbc896e6c134ea76e8141f40d78536",
     "c12cb024a2e5551cca0e08fce8f1c5e314555cc3fef6329ee994a3db752166ae",
     "4f681e0bd53cda4b5a2041cc8a06f2eabde44fb16c951fbd5b87702f07aeab611565b19c47fde30587177ebb852e3971bbd8d3fd30da18d71037dfbd98420429"},
};

static void test_padding_boundaries(void **state)
{
    uint8_t msg[129];
    size_t i;
    (void)state;
    memset(msg, 'a', sizeof msg);
    for (i = 0; i < sizeof boundary_vectors / sizeof boundary_vectors[0]; i++) {
        const char *hex[ALG_COUNT];
        int ai;
        hex[ALG_SHA1] = boundary_vectors[i].sha1;
        hex[ALG_SHA256] = boundary_vectors[i].sha256;
        hex[ALG_SHA512] = boundary_vectors[i].sha512;
        for (ai = 0; ai < ALG_COUNT; ai++) {
            uint8_t want[64];
            assert_int_equal(hk_test_unhex(hex[ai], want, sizeof want), algs[ai].dlen);
            check_digest(&algs[ai], msg, boundary_vectors[i].len, want);
        }
    }
}

/* ---- implementations agree ------------------------------------------------------ */

/* Portable and SHA-NI on pseudo-random messages of every length 0..600 and
 * a few large ones, with random piece sizes. Skipped without SHA-NI. */
static void test_impls_agree(void **state)
{
    static const size_t big[] = {4096, 65536 + 13, (1u << 20) + 1};
    size_t maxn = (1u << 20) + 1, n, off;
    uint8_t *msg = malloc(maxn);
    hk_test_rng rng;
    int ai, any = 0;
    (void)state;
    assert_non_null(msg);
    hk_test_rng_seed(&rng, 0x5a17);
    hk_test_rng_fill(&rng, msg, maxn);
    for (ai = ALG_SHA1; ai <= ALG_SHA256; ai++) {
        const hash_alg *a = &algs[ai];
        if (!hk_hash_impl_available(HK_HASH_IMPL_SHANI, a->dlen))
            continue;
        any = 1;
        for (n = 0; n <= 600 + 3; n++) {
            uint8_t d1[64], d2[64];
            any_ctx c;
            size_t len = n <= 600 ? n : big[n - 601];
            hash_pieces(a, HK_HASH_IMPL_PORTABLE, msg, len, NULL, 0, d1);
            assert_int_equal(a->init_impl(&c, HK_HASH_IMPL_SHANI), HK_OK);
            for (off = 0; off < len;) {
                size_t k = (size_t)hk_test_rng_below(&rng, 200);
                if (k > len - off)
                    k = len - off;
                a->update(&c, msg + off, k);
                off += k;
            }
            a->final(&c, d2);
            if (memcmp(d1, d2, a->dlen) != 0)
                fail_msg("%s: portable and SHA-NI differ at length %zu", a->name, len);
        }
    }
    if (!any)
        print_message("SHA-NI not available on this CPU: only the portable path was tested\n");
    free(msg);
}

/* ---- implementation selection ------------------------------------------------- */

static void test_impl_selection(void **state)
{
    static const size_t lens[] = {20, 32, 64};
    hk_sha1_ctx c1;
    hk_sha256_ctx c2;
    hk_sha512_ctx c5;
    uint8_t out[64], want[64];
    size_t i;
    (void)state;
    for (i = 0; i < 3; i++) {
        assert_int_equal(hk_hash_impl_available(HK_HASH_IMPL_AUTO, lens[i]), 1);
        assert_int_equal(hk_hash_impl_available(HK_HASH_IMPL_PORTABLE, lens[i]), 1);
        assert_int_equal(hk_hash_impl_available(7, lens[i]), 0);
        assert_int_equal(hk_hash_impl_available(-1, lens[i]), 0);
    }
    assert_int_equal(hk_hash_impl_available(HK_HASH_IMPL_PORTABLE, 28), 0);
    assert_int_equal(hk_hash_impl_available(HK_HASH_IMPL_AUTO, 0), 0);
    assert_int_equal(hk_hash_impl_available(HK_HASH_IMPL_SHANI, 64), 0);
    /* SHA-NI does SHA-1 and SHA-256 alike. */
    assert_int_equal(hk_hash_impl_available(HK_HASH_IMPL_SHANI, 20),
                     hk_hash_impl_available(HK_HASH_IMPL_SHANI, 32));

    assert_int_equal(hk_sha1_init_impl(NULL, HK_HASH_IMPL_AUTO), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_sha256_init_impl(NULL, HK_HASH_IMPL_AUTO), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_sha512_init_impl(NULL, HK_HASH_IMPL_AUTO), HK_ERR_INVALID_ARG);

    /* Unknown value: INVALID_ARG, and the context still works (portable). */
    assert_int_equal(hk_sha256_init_impl(&c2, 99), HK_ERR_INVALID_ARG);
    hk_sha256_update(&c2, "abc", 3);
    hk_sha256_final(&c2, out);
    hk_test_unhex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", want, 32);
    assert_memory_equal(out, want, 32);
    assert_int_equal(hk_sha1_init_impl(&c1, -3), HK_ERR_INVALID_ARG);
    hk_sha1_update(&c1, "abc", 3);
    hk_sha1_final(&c1, out);
    hk_test_unhex("a9993e364706816aba3e25717850c26c9cd0d89d", want, 20);
    assert_memory_equal(out, want, 20);

    /* SHA-512 has no SHA-NI path: UNSUPPORTED, context usable. */
    assert_int_equal(hk_sha512_init_impl(&c5, HK_HASH_IMPL_SHANI), HK_ERR_UNSUPPORTED);
    hk_sha512_update(&c5, "abc", 3);
    hk_sha512_final(&c5, out);
    hk_test_unhex("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                  "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
                  want, 64);
    assert_memory_equal(out, want, 64);
    assert_int_equal(hk_sha512_init_impl(&c5, 42), HK_ERR_INVALID_ARG);

    /* Where SHA-NI is missing, forcing it reports so and falls back. */
    if (!hk_hash_impl_available(HK_HASH_IMPL_SHANI, 32)) {
        assert_int_equal(hk_sha256_init_impl(&c2, HK_HASH_IMPL_SHANI), HK_ERR_UNSUPPORTED);
        assert_int_equal(hk_sha1_init_impl(&c1, HK_HASH_IMPL_SHANI), HK_ERR_UNSUPPORTED);
    } else {
        assert_int_equal(hk_sha256_init_impl(&c2, HK_HASH_IMPL_SHANI), HK_OK);
        assert_int_equal(hk_sha1_init_impl(&c1, HK_HASH_IMPL_SHANI), HK_OK);
    }
    hk_sha256_init(&c2);
    hk_sha256_final(&c2, out);
    hk_sha1_init(&c1);
    hk_sha1_final(&c1, out);
}

/* ---- final wipes; contexts can be forked with memcpy ---------------------------- */

static void test_final_wipes(void **state)
{
    static const uint8_t zero[sizeof(any_ctx)];
    int ai;
    (void)state;
    for (ai = 0; ai < ALG_COUNT; ai++) {
        const hash_alg *a = &algs[ai];
        int impls[3], ni = impls_for(a, impls), k;
        for (k = 0; k < ni; k++) {
            any_ctx c;
            uint8_t out[64];
            a->init_impl(&c, impls[k]);
            a->update(&c, "secret message", 14); /* leaves bytes in the buffer */
            a->final(&c, out);
            assert_memory_equal(&c, zero, a->ctx_size);
        }
    }
}

static void test_fork(void **state)
{
    static const char prefix[] = "a common prefix longer than one SHA-256 block, so that the "
                                 "state has moved on before the fork happens";
    int ai;
    (void)state;
    for (ai = 0; ai < ALG_COUNT; ai++) {
        const hash_alg *a = &algs[ai];
        any_ctx c, d;
        uint8_t buf[256], got1[64], got2[64], want1[64], want2[64];
        size_t pl = strlen(prefix);
        a->init_impl(&c, HK_HASH_IMPL_AUTO);
        a->update(&c, prefix, pl);
        memcpy(&d, &c, sizeof c);
        a->update(&c, "-one", 4);
        a->update(&d, "-two!", 5);
        a->final(&c, got1);
        a->final(&d, got2);
        memcpy(buf, prefix, pl);
        memcpy(buf + pl, "-one", 4);
        a->oneshot(buf, pl + 4, want1);
        memcpy(buf + pl, "-two!", 5);
        a->oneshot(buf, pl + 5, want2);
        assert_memory_equal(got1, want1, a->dlen);
        assert_memory_equal(got2, want2, a->dlen);
        assert_memory_not_equal(got1, got2, a->dlen);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fips_vectors),
        cmocka_unit_test(test_million_a),
        cmocka_unit_test(test_padding_boundaries),
        cmocka_unit_test(test_impls_agree),
        cmocka_unit_test(test_impl_selection),
        cmocka_unit_test(test_final_wipes),
        cmocka_unit_test(test_fork),
    };
    return cmocka_run_group_tests_name("crypto_sha", tests, NULL, NULL);
}

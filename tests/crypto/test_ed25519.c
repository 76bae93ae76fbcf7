/*
 * Tests of Ed25519 (lib/crypto/ed25519.c): RFC 8032 section 7.1 test
 * vectors, the encoding rules of section 5.1.7 (canonical S, A and R), the
 * small-order policy (as libsodium 1.0.18), key mismatch on signing and
 * argument checks. The cross-check against libsodium is test_ed25519_sodium.c.
 */
#include "hk_test.h"

/* RFC 8032 section 7.1: SECRET KEY (the seed), PUBLIC KEY, MESSAGE,
 * SIGNATURE of TEST 1, TEST 2, TEST 3, TEST 1024 and TEST SHA(abc). */
static const char ED25519_T_MSG1023[] =
    "08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98"
    "fa6e264bf09efe12ee50f8f54e9f77b1e355f6c50544e23fb1433ddf73be84d8"
    "79de7c0046dc4996d9e773f4bc9efe5738829adb26c81b37c93a1b270b20329d"
    "658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640f89ffbc"
    "1a858efcb8550ee3a5e1998bd177e93a7363c344fe6b199ee5d02e82d522c4fe"
    "ba15452f80288a821a579116ec6dad2b3b310da903401aa62100ab5d1a36553e"
    "06203b33890cc9b832f79ef80560ccb9a39ce767967ed628c6ad573cb116dbef"
    "efd75499da96bd68a8a97b928a8bbc103b6621fcde2beca1231d206be6cd9ec7"
    "aff6f6c94fcd7204ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed1"
    "85ce81bd84359d44254d95629e9855a94a7c1958d1f8ada5d0532ed8a5aa3fb2"
    "d17ba70eb6248e594e1a2297acbbb39d502f1a8c6eb6f1ce22b3de1a1f40cc24"
    "554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f270"
    "88d78b7e883c8759d2c4f5c65adb7553878ad575f9fad878e80a0c9ba63bcbcc"
    "2732e69485bbc9c90bfbd62481d9089beccf80cfe2df16a2cf65bd92dd597b07"
    "07e0917af48bbb75fed413d238f5555a7a569d80c3414a8d0859dc65a46128ba"
    "b27af87a71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51a"
    "ddd3b75a2b1ae0784504df543af8969be3ea7082ff7fc9888c144da2af58429e"
    "c96031dbcad3dad9af0dcbaaaf268cb8fcffead94f3c7ca495e056a9b47acdb7"
    "51fb73e666c6c655ade8297297d07ad1ba5e43f1bca32301651339e22904cc8c"
    "42f58c30c04aafdb038dda0847dd988dcda6f3bfd15c4b4c4525004aa06eeff8"
    "ca61783aacec57fb3d1f92b0fe2fd1a85f6724517b65e614ad6808d6f6ee34df"
    "f7310fdc82aebfd904b01e1dc54b2927094b2db68d6f903b68401adebf5a7e08"
    "d78ff4ef5d63653a65040cf9bfd4aca7984a74d37145986780fc0b16ac451649"
    "de6188a7dbdf191f64b5fc5e2ab47b57f7f7276cd419c17a3ca8e1b939ae49e4"
    "88acba6b965610b5480109c8b17b80e1b7b750dfc7598d5d5011fd2dcc5600a3"
    "2ef5b52a1ecc820e308aa342721aac0943bf6686b64b2579376504ccc493d97e"
    "6aed3fb0f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c496afc5f"
    "b93246f6b1116398a346f1a641f3b041e989f7914f90cc2c7fff357876e506b5"
    "0d334ba77c225bc307ba537152f3f1610e4eafe595f6d9d90d11faa933a15ef1"
    "369546868a7f3a45a96768d40fd9d03412c091c6315cf4fde7cb68606937380d"
    "b2eaaa707b4c4185c32eddcdd306705e4dc1ffc872eeee475a64dfac86aba41c"
    "0618983f8741c5ef68d3a101e8a3b8cac60c905c15fc910840b94c00a0b9d0";

static const struct {
    const char *name, *seed, *pk, *msg, *sig;
} ed25519_vectors[] = {
    {"TEST 1", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9"
     "b46bd25bf5f0595bbe24655141438e7a100b"},
    {"TEST 2", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f1"
     "1d8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"TEST 3", "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984d"
     "c6594a7c15e9716ed28dc027beceea1ec40a"},
    {"TEST 1024", "f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
     "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e", ED25519_T_MSG1023,
     "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350aa5371b1508f9f4528ecea23c436"
     "d94b5e8fcd4f681e30a6ac00a9704a188a03"},
    {"TEST SHA(abc)", "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
     "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3fe"
     "ebbd454d4423643ce80e2a9ac94fa54ca49f",
     "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431"
     "e0303dca179c138ac17ad9bef1177331a704"},
};
#define ED25519_T_NVEC (sizeof ed25519_vectors / sizeof ed25519_vectors[0])

/* L = 2^252 + 27742317777372353535851937790883648493, little-endian */
static const char ED25519_T_L[] =
    "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010";

/* Encodings (y with the sign of x in bit 255) used by the matrices below. */
/* y of the points of small order: 0 (order 4), 1 (identity), the two y of
 * the order-8 points, and p - 1 (order 2). */
static const char *const ED25519_T_SMALL[] = {
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
};
/* y >= p: p, p + 1, p + 3 (= 3, which is on the curve), 2^255 - 1 */
static const char *const ED25519_T_NONCANON[] = {
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "f0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
};
/* y = 2: (y^2 - 1)/(d y^2 + 1) is not a square, no point has this y */
static const char ED25519_T_OFFCURVE[] =
    "0200000000000000000000000000000000000000000000000000000000000000";
/* y = 3: a point of large order */
static const char ED25519_T_Y3[] =
    "0300000000000000000000000000000000000000000000000000000000000000";

/*
 * Edge cases of Chalkias, Garillot, Nikolaenko, "Taming the many EdDSAs"
 * (SSR 2020), as published in the ed25519-speccheck repository
 * (novifinancial/ed25519-speccheck, scripts/cases.json and cases.json):
 * message, public key, signature and the result under hooksock's policy.
 * libsodium 1.0.18 accepts exactly case 7, as its column in the repository's
 * results table shows; so does hooksock.
 */
static const struct {
    const char *msg, *pk, *sig, *why;
    int want;
} ed25519_speccheck[] = {
    {"2a66241a42a9ee12994d8068dcf1bb7dfc6637b45450acd43711f637fa5080fc",
     "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
     "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"
     "0000000000000000000000000000000000000000000000000000000000000000",
     "small-order A, small-order R, S = 0", HK_ERR_KEY_FORMAT},
    {"8c93255d71dcab10e8f379c26200f3c7bd5f09d9bc3068d3ef4edeb4853022b6",
     "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
     "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"
     "0000000000000000000000000000000000000000000000000000000000000000",
     "small-order A, small-order R, S = 0", HK_ERR_KEY_FORMAT},
    {"9bedc267423725d473888631ebf45988bad3db83851ee85c85e241a07d148b41",
     "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
     "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43"
     "a5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04",
     "small-order A, mixed-order R", HK_ERR_KEY_FORMAT},
    {"9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79",
     "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
     "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43"
     "a5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04",
     "small-order A, mixed-order R", HK_ERR_KEY_FORMAT},
    {"9bedc267423725d473888631ebf45988bad3db83851ee85c85e241a07d148b41",
     "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43",
     "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa"
     "182ef1a5b928da07fec769cc8a12db6bcf70dab3f3227fa315e9d5e3e01a3405",
     "mixed-order A, small-order R", HK_ERR_SIGNATURE},
    {"aebf3f2601a0c8c5d39cc7d8911642f740b78168218da8471772b35f9d35b9ab",
     "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43",
     "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa"
     "8c4bd45aecaca5b24fb97bc10ac27ac8751a7dfe1baff8b953ec9f5833ca260e",
     "mixed-order A, small-order R", HK_ERR_SIGNATURE},
    {"e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c",
     "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d",
     "160a1cb0dc9c0258cd0a7d23e94d8fa878bcb1925f2c64246b2dee1796bed512"
     "5ec6bc982a269b723e0668e540911a9a6a58921d6925e434ab10aa7940551a09",
     "mixed-order A and R: only the cofactored equation holds", HK_ERR_SIGNATURE},
    {"9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79",
     "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d",
     "9046a64750444938de19f227bb80485e92b83fdb4b6506c160484c016cc1852f"
     "87909e14428a7a1d62e9f22f3d3ad7802db02eb2e688b6c52fcd6648a98bd009",
     "mixed-order A and R: both equations hold (libsodium accepts)", HK_OK},
    {"e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c",
     "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d",
     "21122a84e0b5fca4052f5b1235c80a537878b38f3142356b2c2384ebad4668b7"
     "e40bc836dac0f71076f9abe3a53f9c03c1ceeeddb658d0030494ace586687405",
     "mixed-order A and R: only the cofactored equation holds", HK_ERR_SIGNATURE},
    {"85e241a07d148b41e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec40",
     "442aad9f089ad9e14647b1ef9099a1ff4798d78589e66f28eca69c11f582a623",
     "e96f66be976d82e60150baecff9906684aebb1ef181f67a7189ac78ea23b6c0e"
     "547f7690a0e2ddcd04d87dbc3490dc19b3b3052f7ff0538cb68afb369ba3a514",
     "S >= L", HK_ERR_SIGNATURE_ENCODING},
    {"85e241a07d148b41e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec40",
     "442aad9f089ad9e14647b1ef9099a1ff4798d78589e66f28eca69c11f582a623",
     "8ce5b96c8f26d0ab6c47958c9e68b937104cd36e13c33566acd2fe8d38aa1942"
     "7e71f98a473474f2f13f06f97c20d58cc3f54b8bd0d272f42b695dd7e89a8c22",
     "S >= L", HK_ERR_SIGNATURE_ENCODING},
    {"fdaebc429f4a735932a160da1301080c13280eea8bc280d1b392c6b9e6ba3a5a",
     "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43",
     "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"
     "454d370c8d9fc323a41450f8d513eafeb5b0697390c1e505a0d4ddc71f566607",
     "R non-canonical (y = p)", HK_ERR_SIGNATURE_ENCODING},
    {"84b698d39be126ff55fe45079e6c8bf64a0d7db6994560b4e96b7021eb39c1a1",
     "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43",
     "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"
     "084d5b99c2a9463d9c8bd5026916996984eeec87ddf1d3be329006ace1b37b09",
     "R non-canonical (y = p)", HK_ERR_SIGNATURE_ENCODING},
};

typedef struct {
    uint8_t seed[32], pk[32], sk[64], sig[64];
    uint8_t msg[1024];
    size_t n;
} ed25519_t_vec;

static void ed25519_t_load(ed25519_t_vec *v, size_t i)
{
    assert_int_equal(hk_test_unhex(ed25519_vectors[i].seed, v->seed, 32), 32);
    assert_int_equal(hk_test_unhex(ed25519_vectors[i].pk, v->pk, 32), 32);
    assert_int_equal(hk_test_unhex(ed25519_vectors[i].sig, v->sig, 64), 64);
    v->n = hk_test_unhex(ed25519_vectors[i].msg, v->msg, sizeof v->msg);
    memcpy(v->sk, v->seed, 32);
    memcpy(v->sk + 32, v->pk, 32);
}

static void test_rfc8032_vectors(void **state)
{
    size_t i;
    (void)state;
    assert_int_equal(ED25519_T_NVEC, 5);
    for (i = 0; i < ED25519_T_NVEC; i++) {
        ed25519_t_vec v;
        uint8_t pk[32], sk[64], sig[64];
        ed25519_t_load(&v, i);
        if (i == 3)
            assert_int_equal(v.n, 1023);
        assert_int_equal(hk_ed25519_keypair(pk, sk, v.seed), HK_OK);
        assert_memory_equal(pk, v.pk, 32);
        assert_memory_equal(sk, v.sk, 64);
        assert_int_equal(hk_ed25519_sign(sig, v.msg, v.n, sk), HK_OK);
        assert_memory_equal(sig, v.sig, 64);
        assert_int_equal(hk_ed25519_verify(v.sig, v.msg, v.n, v.pk), HK_OK);
    }
}

/* Every single-bit change of the signature, the key or the message of each
 * vector is rejected. */
static void test_rfc8032_bitflips(void **state)
{
    size_t i, bit;
    (void)state;
    for (i = 0; i < ED25519_T_NVEC; i++) {
        ed25519_t_vec v;
        ed25519_t_load(&v, i);
        for (bit = 0; bit < 512; bit++) {
            v.sig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            assert_int_not_equal(hk_ed25519_verify(v.sig, v.msg, v.n, v.pk), HK_OK);
            v.sig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
        for (bit = 0; bit < 256; bit += 3) {
            v.pk[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            assert_int_not_equal(hk_ed25519_verify(v.sig, v.msg, v.n, v.pk), HK_OK);
            v.pk[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
        if (v.n > 0) {
            for (bit = 0; bit < v.n * 8; bit += 1 + v.n / 8) {
                v.msg[bit / 8] ^= (uint8_t)(1u << (bit % 8));
                assert_int_equal(hk_ed25519_verify(v.sig, v.msg, v.n, v.pk), HK_ERR_SIGNATURE);
                v.msg[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            }
        }
        /* one byte more or less */
        assert_int_equal(hk_ed25519_verify(v.sig, v.msg, v.n + 1, v.pk), HK_ERR_SIGNATURE);
        if (v.n > 0)
            assert_int_equal(hk_ed25519_verify(v.sig, v.msg, v.n - 1, v.pk), HK_ERR_SIGNATURE);
        assert_int_equal(hk_ed25519_verify(v.sig, v.msg, v.n, v.pk), HK_OK);
    }
}

/* 256-bit little-endian r = a + b (mod 2^256) */
static void ed25519_t_add256(uint8_t r[32], const uint8_t a[32], const uint8_t b[32])
{
    unsigned c = 0;
    int i;
    for (i = 0; i < 32; i++) {
        c += (unsigned)a[i] + b[i];
        r[i] = (uint8_t)c;
        c >>= 8;
    }
}

/* RFC 8032 5.1.7 step 1: S must be in [0, L). */
static void test_s_range(void **state)
{
    ed25519_t_vec v;
    uint8_t l[32], sig[64];
    size_t i;
    (void)state;
    assert_int_equal(hk_test_unhex(ED25519_T_L, l, 32), 32);
    for (i = 0; i < ED25519_T_NVEC; i++) {
        ed25519_t_load(&v, i);
        /* S + L satisfies the group equation but is not canonical */
        memcpy(sig, v.sig, 64);
        ed25519_t_add256(sig + 32, v.sig + 32, l);
        assert_int_equal(hk_ed25519_verify(sig, v.msg, v.n, v.pk), HK_ERR_SIGNATURE_ENCODING);
        /* S + 2L, S + 15L */
        ed25519_t_add256(sig + 32, sig + 32, l);
        assert_int_equal(hk_ed25519_verify(sig, v.msg, v.n, v.pk), HK_ERR_SIGNATURE_ENCODING);
    }
    ed25519_t_load(&v, 0);
    memcpy(sig, v.sig, 64);
    memcpy(sig + 32, l, 32); /* S = L */
    assert_int_equal(hk_ed25519_verify(sig, v.msg, v.n, v.pk), HK_ERR_SIGNATURE_ENCODING);
    sig[32] = (uint8_t)(sig[32] - 1); /* S = L - 1: in range, wrong */
    assert_int_equal(hk_ed25519_verify(sig, v.msg, v.n, v.pk), HK_ERR_SIGNATURE);
    memset(sig + 32, 0xff, 32); /* S = 2^256 - 1 */
    assert_int_equal(hk_ed25519_verify(sig, v.msg, v.n, v.pk), HK_ERR_SIGNATURE_ENCODING);
    memset(sig + 32, 0, 32); /* S = 0 */
    assert_int_equal(hk_ed25519_verify(sig, v.msg, v.n, v.pk), HK_ERR_SIGNATURE);
    memset(sig + 32, 0, 31); /* S = 2^253: above L by its top bits only */
    sig[63] = 0x20;
    assert_int_equal(hk_ed25519_verify(sig, v.msg, v.n, v.pk), HK_ERR_SIGNATURE_ENCODING);
}

/* The public key: canonical, on the curve, not of small order. */
static void test_public_key_matrix(void **state)
{
    ed25519_t_vec v;
    uint8_t pk[32];
    size_t i;
    int sign;
    (void)state;
    ed25519_t_load(&v, 1);
    for (i = 0; i < sizeof ED25519_T_SMALL / sizeof ED25519_T_SMALL[0]; i++) {
        for (sign = 0; sign < 2; sign++) {
            hk_test_unhex(ED25519_T_SMALL[i], pk, 32);
            pk[31] = (uint8_t)(pk[31] | (sign << 7));
            assert_int_equal(hk_ed25519_verify(v.sig, v.msg, v.n, pk), HK_ERR_KEY_FORMAT);
        }
    }
    for (i = 0; i < sizeof ED25519_T_NONCANON / sizeof ED25519_T_NONCANON[0]; i++) {
        for (sign = 0; sign < 2; sign++) {
            hk_test_unhex(ED25519_T_NONCANON[i], pk, 32);
            pk[31] = (uint8_t)(pk[31] | (sign << 7));
            assert_int_equal(hk_ed25519_verify(v.sig, v.msg, v.n, pk), HK_ERR_KEY_FORMAT);
        }
    }
    hk_test_unhex(ED25519_T_OFFCURVE, pk, 32);
    assert_int_equal(hk_ed25519_verify(v.sig, v.msg, v.n, pk), HK_ERR_KEY_FORMAT);
    pk[31] |= 0x80;
    assert_int_equal(hk_ed25519_verify(v.sig, v.msg, v.n, pk), HK_ERR_KEY_FORMAT);
    /* a valid point that is not the signer's key */
    hk_test_unhex(ED25519_T_Y3, pk, 32);
    assert_int_equal(hk_ed25519_verify(v.sig, v.msg, v.n, pk), HK_ERR_SIGNATURE);
    pk[31] |= 0x80;
    assert_int_equal(hk_ed25519_verify(v.sig, v.msg, v.n, pk), HK_ERR_SIGNATURE);
    /* the key's own negation (sign bit flipped) */
    memcpy(pk, v.pk, 32);
    pk[31] ^= 0x80;
    assert_int_equal(hk_ed25519_verify(v.sig, v.msg, v.n, pk), HK_ERR_SIGNATURE);
}

/* R: canonical and decodable (HK_ERR_SIGNATURE_ENCODING otherwise), not of
 * small order (HK_ERR_SIGNATURE, as libsodium). */
static void test_r_matrix(void **state)
{
    ed25519_t_vec v;
    uint8_t sig[64];
    size_t i;
    int sign;
    (void)state;
    ed25519_t_load(&v, 2);
    memcpy(sig, v.sig, 64);
    for (i = 0; i < sizeof ED25519_T_NONCANON / sizeof ED25519_T_NONCANON[0]; i++) {
        for (sign = 0; sign < 2; sign++) {
            hk_test_unhex(ED25519_T_NONCANON[i], sig, 32);
            sig[31] = (uint8_t)(sig[31] | (sign << 7));
            assert_int_equal(hk_ed25519_verify(sig, v.msg, v.n, v.pk),
                             HK_ERR_SIGNATURE_ENCODING);
        }
    }
    for (i = 0; i < sizeof ED25519_T_SMALL / sizeof ED25519_T_SMALL[0]; i++) {
        for (sign = 0; sign < 2; sign++) {
            int want = HK_ERR_SIGNATURE;
            hk_test_unhex(ED25519_T_SMALL[i], sig, 32);
            sig[31] = (uint8_t)(sig[31] | (sign << 7));
            /* x = 0 with the sign bit set is not a canonical encoding */
            if (sign && (i == 1 || i == 4))
                want = HK_ERR_SIGNATURE_ENCODING;
            assert_int_equal(hk_ed25519_verify(sig, v.msg, v.n, v.pk), want);
        }
    }
    hk_test_unhex(ED25519_T_OFFCURVE, sig, 32);
    assert_int_equal(hk_ed25519_verify(sig, v.msg, v.n, v.pk), HK_ERR_SIGNATURE_ENCODING);
    hk_test_unhex(ED25519_T_Y3, sig, 32);
    assert_int_equal(hk_ed25519_verify(sig, v.msg, v.n, v.pk), HK_ERR_SIGNATURE);
    /* -R (sign bit flipped) */
    memcpy(sig, v.sig, 64);
    sig[31] ^= 0x80;
    assert_int_equal(hk_ed25519_verify(sig, v.msg, v.n, v.pk), HK_ERR_SIGNATURE);
}

/* A key of small order passes no check even when the signature is made so
 * that the equation holds: R = identity-like encodings, S = 0. */
static void test_small_order_forgery(void **state)
{
    uint8_t sig[64], pk[32];
    size_t i, j;
    (void)state;
    for (i = 0; i < sizeof ED25519_T_SMALL / sizeof ED25519_T_SMALL[0]; i++) {
        for (j = 0; j < sizeof ED25519_T_SMALL / sizeof ED25519_T_SMALL[0]; j++) {
            hk_test_unhex(ED25519_T_SMALL[i], pk, 32);
            hk_test_unhex(ED25519_T_SMALL[j], sig, 32);
            memset(sig + 32, 0, 32);
            assert_int_equal(hk_ed25519_verify(sig, "x", 1, pk), HK_ERR_KEY_FORMAT);
        }
    }
}

static void test_sign_key_mismatch(void **state)
{
    ed25519_t_vec v, w;
    uint8_t sk[64], sig[64], zero[64];
    (void)state;
    ed25519_t_load(&v, 0);
    ed25519_t_load(&w, 1);
    memset(zero, 0, sizeof zero);
    memcpy(sk, v.seed, 32);
    memcpy(sk + 32, w.pk, 32);
    memset(sig, 0xaa, sizeof sig);
    assert_int_equal(hk_ed25519_sign(sig, "abc", 3, sk), HK_ERR_KEY_MISMATCH);
    assert_memory_equal(sig, zero, 64);
    memcpy(sk + 32, v.pk, 32);
    sk[40] ^= 0x10;
    assert_int_equal(hk_ed25519_sign(sig, "abc", 3, sk), HK_ERR_KEY_MISMATCH);
    sk[40] ^= 0x10;
    assert_int_equal(hk_ed25519_sign(sig, v.msg, v.n, sk), HK_OK);
    assert_memory_equal(sig, v.sig, 64);
    assert_string_equal(hk_error_name(HK_ERR_KEY_MISMATCH), "HK_ERR_KEY_MISMATCH");
}

static void test_arguments(void **state)
{
    ed25519_t_vec v;
    uint8_t pk[32], sk[64], sig[64];
    (void)state;
    ed25519_t_load(&v, 0);
    assert_int_equal(hk_ed25519_keypair(NULL, sk, v.seed), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ed25519_keypair(pk, NULL, v.seed), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ed25519_keypair(pk, sk, NULL), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ed25519_sign(NULL, "", 0, v.sk), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ed25519_sign(sig, NULL, 1, v.sk), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ed25519_sign(sig, "", 0, NULL), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ed25519_verify(NULL, "", 0, v.pk), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ed25519_verify(v.sig, NULL, 1, v.pk), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ed25519_verify(v.sig, "", 0, NULL), HK_ERR_INVALID_ARG);
    /* NULL message of length 0 is the empty message (TEST 1) */
    assert_int_equal(hk_ed25519_sign(sig, NULL, 0, v.sk), HK_OK);
    assert_memory_equal(sig, v.sig, 64);
    assert_int_equal(hk_ed25519_verify(v.sig, NULL, 0, v.pk), HK_OK);
    /* the secret key may be built in place over the seed */
    memcpy(sk, v.seed, 32);
    assert_int_equal(hk_ed25519_keypair(pk, sk, sk), HK_OK);
    assert_memory_equal(sk, v.sk, 64);
}

/* sig may overlap the message: the signature is written last. */
static void test_sign_in_place(void **state)
{
    ed25519_t_vec v;
    uint8_t buf[1100];
    (void)state;
    ed25519_t_load(&v, 3);
    memcpy(buf, v.msg, v.n);
    assert_int_equal(hk_ed25519_sign(buf, buf, v.n, v.sk), HK_OK);
    assert_memory_equal(buf, v.sig, 64);
}

/* Random keys and messages: sign/verify round trip, determinism, and
 * rejection of a different message or key. */
static void test_random_roundtrip(void **state)
{
    hk_test_rng rng;
    int i;
    (void)state;
    hk_test_rng_seed(&rng, 0xed25519);
    for (i = 0; i < 200; i++) {
        uint8_t seed[32], pk[32], sk[64], pk2[32], sk2[64], sig[64], sig2[64], msg[300];
        size_t n = (size_t)hk_test_rng_below(&rng, sizeof msg);
        hk_test_rng_fill(&rng, seed, 32);
        hk_test_rng_fill(&rng, msg, n);
        assert_int_equal(hk_ed25519_keypair(pk, sk, seed), HK_OK);
        assert_int_equal(hk_ed25519_sign(sig, msg, n, sk), HK_OK);
        assert_int_equal(hk_ed25519_sign(sig2, msg, n, sk), HK_OK);
        assert_memory_equal(sig, sig2, 64);
        assert_int_equal(hk_ed25519_verify(sig, msg, n, pk), HK_OK);
        seed[i % 32] ^= 1;
        assert_int_equal(hk_ed25519_keypair(pk2, sk2, seed), HK_OK);
        assert_memory_not_equal(pk, pk2, 32);
        assert_int_equal(hk_ed25519_verify(sig, msg, n, pk2), HK_ERR_SIGNATURE);
        if (n > 0) {
            msg[hk_test_rng_below(&rng, n)] ^= (uint8_t)(1u << (i % 8));
            assert_int_equal(hk_ed25519_verify(sig, msg, n, pk), HK_ERR_SIGNATURE);
        }
    }
}

static void test_speccheck_cases(void **state)
{
    size_t i, accepted = 0;
    (void)state;
    for (i = 0; i < sizeof ed25519_speccheck / sizeof ed25519_speccheck[0]; i++) {
        uint8_t msg[32], pk[32], sig[64];
        int rc;
        assert_int_equal(hk_test_unhex(ed25519_speccheck[i].msg, msg, 32), 32);
        assert_int_equal(hk_test_unhex(ed25519_speccheck[i].pk, pk, 32), 32);
        assert_int_equal(hk_test_unhex(ed25519_speccheck[i].sig, sig, 64), 64);
        rc = hk_ed25519_verify(sig, msg, 32, pk);
        if (rc != ed25519_speccheck[i].want)
            print_error("case %zu (%s): %s\n", i, ed25519_speccheck[i].why, hk_error_name(rc));
        assert_int_equal(rc, ed25519_speccheck[i].want);
        accepted += rc == HK_OK;
    }
    assert_int_equal(accepted, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc8032_vectors),
        cmocka_unit_test(test_rfc8032_bitflips),
        cmocka_unit_test(test_s_range),
        cmocka_unit_test(test_public_key_matrix),
        cmocka_unit_test(test_r_matrix),
        cmocka_unit_test(test_small_order_forgery),
        cmocka_unit_test(test_speccheck_cases),
        cmocka_unit_test(test_sign_key_mismatch),
        cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_sign_in_place),
        cmocka_unit_test(test_random_roundtrip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

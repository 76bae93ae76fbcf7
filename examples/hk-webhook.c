/*
 * hk-webhook - hooksock's webhook functions in a shell.
 *
 *   hk-webhook sign [--secret S ...] [--key whsk_... ...] --id ID --timestamp TS
 *                     [FILE]
 *   hk-webhook verify [--secret S ...] [--public-key whpk_... ...] --id ID
 *                     --timestamp TS --signature SIG [--now UNIX]
 *                     [--tolerance SEC] [FILE]
 *   hk-webhook provider-sign --provider NAME --secret S [--timestamp TS]
 *                     [--id ID] [--url U] [--json] [FILE]
 *   hk-webhook provider-verify --provider NAME --secret S
 *                     --header 'Name: value' ... [--url U] [--now UNIX]
 *                     [--tolerance SEC] [FILE]
 *   hk-webhook send URL [--secret S ...] [--key whsk_... ...] [--id ID]
 *                     [--header 'N: v' ...] [--schedule MS,MS,...]
 *                     [--timeout SEC] [FILE]
 *   hk-webhook serve --port P [--secret S ...] [--public-key whpk_... ...]
 *                     [--count N] [--tolerance SEC] [--fail-first N]
 *   hk-webhook keygen [--ed25519]
 *
 * sign/verify/send/serve need at least one key: --secret (whsec_, HMAC,
 * "v1" entries), --key (whsk_, Ed25519 secret key, "v1a" entries) or
 * --public-key (whpk_, verifies "v1a" entries); all may be repeated and
 * mixed. sign prints one entry per key, the --secret ones first, separated by
 * spaces. keygen prints a whsec_ secret, or with --ed25519 the whsk_ secret
 * key on the first line and the whpk_ public key on the second.
 *
 * FILE is "-" or absent for standard input. Exit status: 0 success (verify:
 * "ok"), 1 failure (verify: the reason on standard output), 2 usage error
 * (one line on standard error).
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hooksock.h>

#include "hk-webhook-net.h"

#define MAX_MULTI 16
/* --secret, --key and --public-key together */
#define MAX_KEYS (3 * MAX_MULTI)

/* ---- small helpers ----------------------------------------------------------- */

static const char *g_cmd = "hk-webhook";

/* One line on stderr, exit status 2. */
static int usage(const char *what, const char *arg)
{
    if (arg != NULL)
        fprintf(stderr, "hk-webhook %s: %s '%s'\n", g_cmd, what, arg);
    else
        fprintf(stderr, "hk-webhook %s: %s\n", g_cmd, what);
    return 2;
}

static int parse_i64(const char *s, int64_t *out)
{
    int64_t v = 0;
    const char *p = s;
    int neg = 0;
    if (*p == '-') {
        neg = 1;
        p++;
    }
    if (*p == '\0')
        return -1;
    for (; *p; p++) {
        if (*p < '0' || *p > '9' || v > (INT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (*p - '0');
    }
    *out = neg ? -v : v;
    return 0;
}

/* Read a whole file ("-" or NULL: standard input). */
static unsigned char *read_all(const char *path, size_t *len)
{
    FILE *f = (path == NULL || strcmp(path, "-") == 0) ? stdin : fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t cap = 0, n = 0;
    if (f == NULL)
        return NULL;
    for (;;) {
        size_t got;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 65536;
            unsigned char *nb = realloc(buf, ncap);
            if (nb == NULL) {
                free(buf);
                if (f != stdin)
                    fclose(f);
                return NULL;
            }
            buf = nb;
            cap = ncap;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        buf = NULL;
    }
    if (f != stdin)
        fclose(f);
    *len = n;
    return buf;
}

/* Parsed command line: options, repeated options, one positional. */
typedef struct opts {
    const char *secret[MAX_MULTI];
    size_t nsecret;
    const char *key[MAX_MULTI];
    size_t nkey;
    const char *pubkey[MAX_MULTI];
    size_t npubkey;
    int ed25519;
    const char *header[MAX_MULTI];
    size_t nheader;
    const char *id, *timestamp, *signature, *now, *tolerance, *provider, *url, *port;
    const char *schedule, *timeout, *count, *fail_first;
    const char *gen_header, *gen_prefix, *gen_encoding, *gen_algorithm;
    int json;
    const char *pos[2];
    size_t npos;
} opts;

static int parse_opts(int argc, char **argv, opts *o, const char *allowed)
{
    int i;
    memset(o, 0, sizeof *o);
    for (i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (strcmp(a, "-") == 0 || a[0] != '-' || strcmp(a, "--") == 0) {
            if (strcmp(a, "--") == 0) {
                i++;
                if (i >= argc)
                    break;
                a = argv[i];
            }
            if (o->npos == 2)
                return usage("unexpected argument", a);
            o->pos[o->npos++] = a;
            continue;
        }
        if (strncmp(a, "--", 2) != 0 || strstr(allowed, a) == NULL ||
            (strstr(allowed, a)[strlen(a)] != ' ' && strstr(allowed, a)[strlen(a)] != '\0'))
            return usage("unknown option", a);
        if (strcmp(a, "--json") == 0) {
            o->json = 1;
            continue;
        }
        if (strcmp(a, "--ed25519") == 0) {
            o->ed25519 = 1;
            continue;
        }
        if (i + 1 >= argc)
            return usage("missing the value of", a);
        if (strcmp(a, "--secret") == 0 || strcmp(a, "--header") == 0 ||
            strcmp(a, "--key") == 0 || strcmp(a, "--public-key") == 0) {
            size_t *n;
            const char **list;
            if (a[2] == 's') {
                n = &o->nsecret;
                list = o->secret;
            } else if (a[2] == 'h') {
                n = &o->nheader;
                list = o->header;
            } else if (a[2] == 'k') {
                n = &o->nkey;
                list = o->key;
            } else {
                n = &o->npubkey;
                list = o->pubkey;
            }
            if (*n == MAX_MULTI)
                return usage("too many", a);
            list[(*n)++] = argv[++i];
            continue;
        }
        if (strcmp(a, "--id") == 0) slot = &o->id;
        else if (strcmp(a, "--timestamp") == 0) slot = &o->timestamp;
        else if (strcmp(a, "--signature") == 0) slot = &o->signature;
        else if (strcmp(a, "--now") == 0) slot = &o->now;
        else if (strcmp(a, "--tolerance") == 0) slot = &o->tolerance;
        else if (strcmp(a, "--provider") == 0) slot = &o->provider;
        else if (strcmp(a, "--url") == 0) slot = &o->url;
        else if (strcmp(a, "--port") == 0) slot = &o->port;
        else if (strcmp(a, "--schedule") == 0) slot = &o->schedule;
        else if (strcmp(a, "--timeout") == 0) slot = &o->timeout;
        else if (strcmp(a, "--count") == 0) slot = &o->count;
        else if (strcmp(a, "--fail-first") == 0) slot = &o->fail_first;
        else if (strcmp(a, "--generic-header") == 0) slot = &o->gen_header;
        else if (strcmp(a, "--generic-prefix") == 0) slot = &o->gen_prefix;
        else if (strcmp(a, "--generic-encoding") == 0) slot = &o->gen_encoding;
        else if (strcmp(a, "--generic-algorithm") == 0) slot = &o->gen_algorithm;
        else
            return usage("unknown option", a);
        if (*slot != NULL)
            return usage("given twice:", a);
        *slot = argv[++i];
    }
    return 0;
}

/* One key of the given type from its string; a string of another type is
 * refused with that option's error (a --secret must stay an HMAC secret). */
static int load_one(hk_wh_key *k, const char *s, int want)
{
    static const char *const prefix[4] = {NULL, NULL, "whsk_", "whpk_"};
    int rc;
    if (want == HK_WH_KEY_HMAC ? (strncmp(s, "whsk_", 5) == 0 || strncmp(s, "whpk_", 5) == 0)
                               : strncmp(s, prefix[want], 5) != 0) {
        hk_wh_key_wipe(k);
        return want == HK_WH_KEY_HMAC ? HK_ERR_WH_SECRET : HK_ERR_KEY_FORMAT;
    }
    rc = hk_wh_key_from_secret(k, s, strlen(s));
    if (rc == HK_OK && hk_wh_key_type(k) != want) {
        hk_wh_key_wipe(k);
        rc = HK_ERR_WH_SECRET;
    }
    return rc;
}

/* --secret keys, then --key, then --public-key: keys[0..nkeys(o)). */
static int load_keys(const opts *o, hk_wh_key *keys)
{
    size_t i, n = 0;
    int rc = HK_OK;
    memset(keys, 0, MAX_KEYS * sizeof *keys);
    for (i = 0; i < o->nsecret && rc == HK_OK; i++)
        rc = load_one(&keys[n++], o->secret[i], HK_WH_KEY_HMAC);
    for (i = 0; i < o->nkey && rc == HK_OK; i++)
        rc = load_one(&keys[n++], o->key[i], HK_WH_KEY_ED25519_SECRET);
    for (i = 0; i < o->npubkey && rc == HK_OK; i++)
        rc = load_one(&keys[n++], o->pubkey[i], HK_WH_KEY_ED25519_PUBLIC);
    return rc;
}

static size_t nkeys(const opts *o)
{
    return o->nsecret + o->nkey + o->npubkey;
}

static void wipe_keys(hk_wh_key *keys, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        hk_wh_key_wipe(&keys[i]);
}

/* ---- sign / verify ------------------------------------------------------------- */

static int cmd_sign(int argc, char **argv)
{
    opts o;
    hk_wh_key keys[MAX_KEYS];
    int64_t ts;
    unsigned char *body;
    size_t len = 0, out_len = 0;
    char out[HK_WH_SIGNATURE_CAP(2 * MAX_MULTI)];
    int rc = parse_opts(argc, argv, &o, "--secret --key --id --timestamp");
    if (rc)
        return rc;
    if (nkeys(&o) == 0 || o.id == NULL || o.timestamp == NULL)
        return usage("needs --secret, --id and --timestamp", NULL);
    if (o.npos > 1)
        return usage("at most one FILE", NULL);
    if (parse_i64(o.timestamp, &ts) != 0 || ts < 0)
        return usage("bad --timestamp", o.timestamp);
    rc = load_keys(&o, keys);
    if (rc != HK_OK) {
        fprintf(stderr, "hk-webhook sign: %s\n", hk_strerror(rc));
        wipe_keys(keys, MAX_KEYS);
        return 1;
    }
    body = read_all(o.pos[0], &len);
    if (body == NULL) {
        fprintf(stderr, "hk-webhook sign: cannot read %s\n", o.pos[0] ? o.pos[0] : "stdin");
        wipe_keys(keys, MAX_KEYS);
        return 1;
    }
    rc = hk_wh_sign(out, sizeof out, &out_len, keys, nkeys(&o), o.id, strlen(o.id), ts, body,
                    len);
    wipe_keys(keys, MAX_KEYS);
    free(body);
    if (rc != HK_OK) {
        fprintf(stderr, "hk-webhook sign: %s\n", hk_strerror(rc));
        return 1;
    }
    printf("%s\n", out);
    return 0;
}

static int get_now(const opts *o, int64_t *now)
{
    if (o->now == NULL) {
        *now = (int64_t)time(NULL);
        return 0;
    }
    if (parse_i64(o->now, now) != 0)
        return usage("bad --now", o->now);
    return 0;
}

static int get_tolerance(const opts *o, uint32_t *tol, uint32_t def)
{
    int64_t v;
    *tol = def;
    if (o->tolerance == NULL)
        return 0;
    if (parse_i64(o->tolerance, &v) != 0 || v < 0 || v > (int64_t)UINT32_MAX)
        return usage("bad --tolerance", o->tolerance);
    *tol = (uint32_t)v;
    return 0;
}

static int report(int rc)
{
    if (rc == HK_OK) {
        printf("ok\n");
        return 0;
    }
    printf("%s\n", hk_strerror(rc));
    return 1;
}

static int cmd_verify(int argc, char **argv)
{
    opts o;
    hk_wh_key keys[MAX_KEYS];
    hk_wh_headers h;
    int64_t now;
    uint32_t tol;
    unsigned char *body;
    size_t len = 0;
    int rc = parse_opts(argc, argv, &o,
                        "--secret --public-key --id --timestamp --signature --now --tolerance");
    if (rc)
        return rc;
    if (nkeys(&o) == 0 || o.id == NULL || o.timestamp == NULL || o.signature == NULL)
        return usage("needs --secret, --id, --timestamp and --signature", NULL);
    if (o.npos > 1)
        return usage("at most one FILE", NULL);
    if ((rc = get_now(&o, &now)) != 0 || (rc = get_tolerance(&o, &tol, 300)) != 0)
        return rc;
    rc = load_keys(&o, keys);
    if (rc != HK_OK) {
        wipe_keys(keys, MAX_KEYS);
        return report(rc);
    }
    body = read_all(o.pos[0], &len);
    if (body == NULL) {
        fprintf(stderr, "hk-webhook verify: cannot read %s\n", o.pos[0] ? o.pos[0] : "stdin");
        wipe_keys(keys, MAX_KEYS);
        return 1;
    }
    h.id = o.id;
    h.id_len = strlen(o.id);
    h.timestamp = o.timestamp;
    h.timestamp_len = strlen(o.timestamp);
    h.signature = o.signature;
    h.signature_len = strlen(o.signature);
    rc = hk_wh_verify(keys, nkeys(&o), &h, body, len, now, tol);
    wipe_keys(keys, MAX_KEYS);
    free(body);
    return report(rc);
}

/* ---- provider-sign / provider-verify ---------------------------------------------- */

static int provider_setup(const opts *o, hk_wh_provider_params *p, hk_wh_secret *secrets,
                          hk_wh_generic *g)
{
    size_t i;
    int prov;
    if (o->provider == NULL || o->nsecret == 0)
        return usage("needs --provider and --secret", NULL);
    prov = hk_wh_provider_from_name(o->provider, strlen(o->provider));
    if (prov < 0)
        return usage("unknown provider", o->provider);
    hk_wh_provider_params_init(p, prov);
    for (i = 0; i < o->nsecret; i++) {
        secrets[i].data = o->secret[i];
        secrets[i].len = strlen(o->secret[i]);
    }
    p->secrets = secrets;
    p->nsecrets = o->nsecret;
    if (o->url != NULL) {
        p->url = o->url;
        p->url_len = strlen(o->url);
    }
    memset(g, 0, sizeof *g);
    g->size = sizeof *g;
    g->header = o->gen_header ? o->gen_header : "X-Webhook-Signature";
    g->header_len = strlen(g->header);
    g->prefix = o->gen_prefix ? o->gen_prefix : "sha256=";
    g->prefix_len = strlen(g->prefix);
    g->encoding = HK_WH_ENC_HEX;
    if (o->gen_encoding != NULL) {
        if (strcmp(o->gen_encoding, "base64") == 0)
            g->encoding = HK_WH_ENC_BASE64;
        else if (strcmp(o->gen_encoding, "hex") != 0)
            return usage("bad --generic-encoding", o->gen_encoding);
    }
    g->algorithm = HK_WH_ALG_SHA256;
    if (o->gen_algorithm != NULL) {
        if (strcmp(o->gen_algorithm, "sha1") == 0)
            g->algorithm = HK_WH_ALG_SHA1;
        else if (strcmp(o->gen_algorithm, "sha256") != 0)
            return usage("bad --generic-algorithm", o->gen_algorithm);
    }
    p->generic = g;
    if (prov == HK_WH_TWILIO && o->url == NULL)
        return usage("provider twilio needs --url", NULL);
    return 0;
}

#define GENERIC_OPTS " --generic-header --generic-prefix --generic-encoding --generic-algorithm"

static int cmd_provider_sign(int argc, char **argv)
{
    opts o;
    hk_wh_provider_params p;
    hk_wh_secret secrets[MAX_MULTI];
    hk_wh_generic g;
    hk_wh_header out[HK_WH_PROVIDER_MAX_HEADERS];
    char idbuf[HK_WH_MSG_ID_CAP];
    char *buf;
    size_t n = 0, len = 0, i, cap;
    unsigned char *body;
    const char *signed_url = NULL;
    size_t signed_url_len = 0;
    int64_t ts;
    int rc = parse_opts(argc, argv, &o,
                        "--provider --secret --timestamp --id --url --json" GENERIC_OPTS);
    if (rc)
        return rc;
    if (o.npos > 1)
        return usage("at most one FILE", NULL);
    if ((rc = provider_setup(&o, &p, secrets, &g)) != 0)
        return rc;
    if (o.timestamp == NULL)
        ts = (int64_t)time(NULL);
    else if (parse_i64(o.timestamp, &ts) != 0 || ts < 0)
        return usage("bad --timestamp", o.timestamp);
    p.timestamp = ts;
    p.json = (uint32_t)o.json;
    if (o.id != NULL) {
        p.id = o.id;
        p.id_len = strlen(o.id);
    } else {
        size_t idl = 0;
        if (hk_wh_generate_id(idbuf, sizeof idbuf, &idl, NULL, NULL) != HK_OK) {
            fprintf(stderr, "hk-webhook provider-sign: no random source\n");
            return 1;
        }
        p.id = idbuf;
        p.id_len = idl;
    }
    body = read_all(o.pos[0], &len);
    if (body == NULL) {
        fprintf(stderr, "hk-webhook provider-sign: cannot read %s\n",
                o.pos[0] ? o.pos[0] : "stdin");
        return 1;
    }
    cap = HK_WH_PROVIDER_SIGN_CAP(MAX_MULTI) + (o.url ? strlen(o.url) : 0);
    buf = malloc(cap);
    if (buf == NULL) {
        free(body);
        return 1;
    }
    rc = hk_wh_provider_sign(&p, body, len, out, &n, buf, cap, &signed_url, &signed_url_len);
    free(body);
    if (rc != HK_OK) {
        fprintf(stderr, "hk-webhook provider-sign: %s\n", hk_strerror(rc));
        free(buf);
        return 1;
    }
    for (i = 0; i < n; i++)
        printf("%.*s: %.*s\n", (int)out[i].name_len, out[i].name, (int)out[i].value_len,
               out[i].value);
    if (signed_url != NULL && (o.url == NULL || strlen(o.url) != signed_url_len))
        fprintf(stderr, "hk-webhook provider-sign: signed URL: %.*s\n", (int)signed_url_len,
                signed_url);
    free(buf);
    return 0;
}

static int cmd_provider_verify(int argc, char **argv)
{
    opts o;
    hk_wh_provider_params p;
    hk_wh_secret secrets[MAX_MULTI];
    hk_wh_generic g;
    hk_wh_header hs[MAX_MULTI];
    unsigned char *body;
    size_t len = 0, i;
    int64_t now;
    uint32_t tol;
    int rc = parse_opts(argc, argv, &o,
                        "--provider --secret --header --url --now --tolerance" GENERIC_OPTS);
    if (rc)
        return rc;
    if (o.npos > 1)
        return usage("at most one FILE", NULL);
    if ((rc = provider_setup(&o, &p, secrets, &g)) != 0)
        return rc;
    if ((rc = get_now(&o, &now)) != 0 || (rc = get_tolerance(&o, &tol, 0)) != 0)
        return rc;
    p.now = now;
    p.tolerance = tol;
    for (i = 0; i < o.nheader; i++) {
        const char *h = o.header[i], *colon = strchr(h, ':'), *v;
        size_t vl;
        if (colon == NULL || colon == h)
            return usage("bad --header", h);
        v = colon + 1;
        while (*v == ' ' || *v == '\t')
            v++;
        vl = strlen(v);
        while (vl > 0 && (v[vl - 1] == ' ' || v[vl - 1] == '\t'))
            vl--;
        hs[i].name = h;
        hs[i].name_len = (size_t)(colon - h);
        hs[i].value = v;
        hs[i].value_len = vl;
    }
    body = read_all(o.pos[0], &len);
    if (body == NULL) {
        fprintf(stderr, "hk-webhook provider-verify: cannot read %s\n",
                o.pos[0] ? o.pos[0] : "stdin");
        return 1;
    }
    rc = hk_wh_provider_verify(&p, hs, o.nheader, body, len);
    free(body);
    return report(rc);
}

static int cmd_keygen(int argc, char **argv)
{
    char s[HK_WH_SECRET_CAP];
    int rc;
    if (argc == 1 && strcmp(argv[0], "--ed25519") == 0) {
        char sk[HK_WH_SECRET_KEY_CAP], pk[HK_WH_PUBLIC_KEY_CAP];
        rc = hk_wh_generate_keypair(sk, sizeof sk, NULL, pk, sizeof pk, NULL, NULL, NULL);
        if (rc != HK_OK) {
            fprintf(stderr, "hk-webhook keygen: %s\n", hk_strerror(rc));
            return 1;
        }
        printf("%s\n%s\n", sk, pk);
        hk_wipe(sk, sizeof sk);
        return 0;
    }
    if (argc != 0)
        return usage(argc == 1 && strncmp(argv[0], "--", 2) == 0 ? "unknown option"
                                                                  : "takes no arguments",
                     argc == 1 && strncmp(argv[0], "--", 2) == 0 ? argv[0] : NULL);
    rc = hk_wh_generate_secret(s, sizeof s, NULL, NULL, NULL);
    if (rc != HK_OK) {
        fprintf(stderr, "hk-webhook keygen: %s\n", hk_strerror(rc));
        return 1;
    }
    printf("%s\n", s);
    hk_wipe(s, sizeof s);
    return 0;
}

/* ---- send / serve ------------------------------------------------------------------ */

static int cmd_send(int argc, char **argv)
{
    opts o;
    hk_wh_key keys[MAX_KEYS];
    hk_http_header hs[MAX_MULTI];
    uint32_t schedule[HK_WH_SCHEDULE_MAX_LEN];
    size_t nschedule = 0, i, len = 0;
    int64_t timeout = 10;
    unsigned char *body;
    int rc = parse_opts(argc, argv, &o, "--secret --key --id --header --schedule --timeout");
    if (rc)
        return rc;
    if (o.npos < 1)
        return usage("needs a URL", NULL);
    if (o.nsecret + o.nkey == 0)
        return usage("needs --secret", NULL);
    if (o.timeout != NULL && (parse_i64(o.timeout, &timeout) != 0 || timeout <= 0 ||
                              timeout > 3600))
        return usage("bad --timeout", o.timeout);
    if (o.schedule != NULL) {
        const char *s = o.schedule;
        while (*s) {
            char *end;
            unsigned long v;
            errno = 0;
            v = strtoul(s, &end, 10);
            if (end == s || errno != 0 || v > UINT32_MAX || nschedule == HK_WH_SCHEDULE_MAX_LEN ||
                (*end != ',' && *end != '\0') || *s == '-' || *s == '+' || *s == ' ')
                return usage("bad --schedule", o.schedule);
            schedule[nschedule++] = (uint32_t)v;
            s = *end == ',' ? end + 1 : end;
            if (*end == ',' && *s == '\0')
                return usage("bad --schedule", o.schedule);
        }
        if (nschedule == 0)
            return usage("bad --schedule", o.schedule);
    }
    for (i = 0; i < o.nheader; i++) {
        const char *h = o.header[i], *colon = strchr(h, ':'), *v;
        size_t vl;
        if (colon == NULL || colon == h)
            return usage("bad --header", h);
        v = colon + 1;
        while (*v == ' ' || *v == '\t')
            v++;
        vl = strlen(v);
        while (vl > 0 && (v[vl - 1] == ' ' || v[vl - 1] == '\t'))
            vl--;
        hs[i].name = h;
        hs[i].name_len = (size_t)(colon - h);
        hs[i].value = v;
        hs[i].value_len = vl;
    }
    rc = load_keys(&o, keys);
    if (rc != HK_OK) {
        fprintf(stderr, "hk-webhook send: %s\n", hk_strerror(rc));
        wipe_keys(keys, MAX_KEYS);
        return 1;
    }
    body = read_all(o.pos[1], &len);
    if (body == NULL) {
        fprintf(stderr, "hk-webhook send: cannot read %s\n", o.pos[1] ? o.pos[1] : "stdin");
        wipe_keys(keys, MAX_KEYS);
        return 1;
    }
    rc = hkw_send(o.pos[0], keys, nkeys(&o), o.id, hs, o.nheader,
                  nschedule ? schedule : NULL, nschedule, (int)timeout, body, len);
    wipe_keys(keys, MAX_KEYS);
    free(body);
    return rc;
}

static int cmd_serve(int argc, char **argv)
{
    opts o;
    hk_wh_key keys[MAX_KEYS];
    int64_t port, count = -1, fail_first = 0;
    int rc = parse_opts(argc, argv, &o,
                        "--port --secret --public-key --count --tolerance --fail-first");
    uint32_t tol;
    if (rc)
        return rc;
    if (o.npos != 0)
        return usage("unexpected argument", o.pos[0]);
    if (o.port == NULL || nkeys(&o) == 0)
        return usage("needs --port and --secret", NULL);
    if (parse_i64(o.port, &port) != 0 || port < 0 || port > 65535)
        return usage("bad --port", o.port);
    if (o.count != NULL && (parse_i64(o.count, &count) != 0 || count <= 0))
        return usage("bad --count", o.count);
    if (o.fail_first != NULL && (parse_i64(o.fail_first, &fail_first) != 0 || fail_first < 0))
        return usage("bad --fail-first", o.fail_first);
    if ((rc = get_tolerance(&o, &tol, 300)) != 0)
        return rc;
    rc = load_keys(&o, keys);
    if (rc != HK_OK) {
        fprintf(stderr, "hk-webhook serve: %s\n", hk_strerror(rc));
        wipe_keys(keys, MAX_KEYS);
        return 1;
    }
    rc = hkw_serve((int)port, keys, nkeys(&o), tol, count, fail_first);
    wipe_keys(keys, MAX_KEYS);
    return rc;
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } cmds[] = {
        {"sign", cmd_sign},
        {"verify", cmd_verify},
        {"provider-sign", cmd_provider_sign},
        {"provider-verify", cmd_provider_verify},
        {"send", cmd_send},
        {"serve", cmd_serve},
        {"keygen", cmd_keygen},
    };
    size_t i;
    if (argc < 2) {
        fprintf(stderr, "hk-webhook: usage: hk-webhook sign|verify|provider-sign|"
                        "provider-verify|send|serve|keygen [options]\n");
        return 2;
    }
    for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        if (strcmp(argv[1], cmds[i].name) == 0) {
            g_cmd = cmds[i].name;
            return cmds[i].fn(argc - 2, argv + 2);
        }
    }
    fprintf(stderr, "hk-webhook: unknown command '%s'\n", argv[1]);
    return 2;
}

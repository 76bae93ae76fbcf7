/*
 * test_delivery.c - sans-IO delivery (request building, response
 * classification, Retry-After, retry schedule with a fixed random source,
 * allocation failures) and the receiver helper over requests parsed by the
 * HTTP layer.
 *
 * Retry-After forms: RFC 9110 section 10.2.3 (delay-seconds, HTTP-date).
 */
#include "hk_test.h"

#define SECRET "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
#define URL "http://hooks.example.com:8080/in/bound?x=1"
#define BODY "{\"type\":\"invoice.paid\",\"amount\":\"12 \xe2\x82\xac\"}"
#define T0 1700000000000LL /* ms */

static hk_wh_key key(void)
{
    hk_wh_key k;
    assert_int_equal(hk_wh_key_from_secret(&k, SECRET, strlen(SECRET)), HK_OK);
    return k;
}

static hk_wh_delivery *make(const uint32_t *sched, size_t n, uint32_t jitter, hk_test_rng *rng)
{
    hk_wh_delivery_config cfg;
    hk_wh_delivery *d = NULL;
    hk_wh_key k = key();
    hk_wh_delivery_config_init(&cfg);
    cfg.schedule_ms = sched;
    cfg.schedule_len = n;
    cfg.jitter_percent = jitter;
    cfg.random = hk_test_random;
    cfg.random_user = rng;
    assert_int_equal(hk_wh_delivery_create(&d, &cfg, URL, strlen(URL), &k, 1, "msg_fixed", 9,
                                           BODY, strlen(BODY), NULL, 0, T0),
                     HK_OK);
    return d;
}

static int respond(hk_wh_delivery *d, const char *resp, int64_t now)
{
    return hk_wh_delivery_feed(d, resp, strlen(resp), now);
}

/* Parse the request an attempt produced and verify it like a receiver. */
static void check_request(const uint8_t *req, size_t len, int64_t now_s, char *ts_out)
{
    hk_http_header hs[32];
    hk_http_message msg;
    hk_ssize head;
    hk_wh_key k = key();
    hk_wh_headers h;
    hk_ssize i;
    memset(&msg, 0, sizeof msg);
    msg.size = sizeof msg;
    head = hk_http_parse_request((const char *)req, len, hs, 32, &msg);
    assert_true(head > 0);
    assert_memory_equal(msg.method, "POST", 4);
    assert_int_equal(msg.target_len, strlen("/in/bound?x=1"));
    assert_memory_equal(msg.target, "/in/bound?x=1", msg.target_len);
    assert_int_equal(msg.body_kind, HK_HTTP_BODY_LENGTH);
    assert_int_equal(msg.content_length, strlen(BODY));
    assert_int_equal(len - (size_t)head, strlen(BODY));
    assert_memory_equal(req + head, BODY, strlen(BODY));
    i = hk_http_header_find(hs, msg.num_headers, "Host", 4, 0);
    assert_true(i >= 0);
    assert_int_equal(hs[i].value_len, strlen("hooks.example.com:8080"));
    assert_memory_equal(hs[i].value, "hooks.example.com:8080", hs[i].value_len);
    i = hk_http_header_find(hs, msg.num_headers, "User-Agent", 10, 0);
    assert_true(i >= 0);
    assert_int_equal(hs[i].value_len, strlen("hooksock/" HK_VERSION_STRING));
    assert_memory_equal(hs[i].value, "hooksock/" HK_VERSION_STRING, hs[i].value_len);
    i = hk_http_header_find(hs, msg.num_headers, "Content-Type", 12, 0);
    assert_true(i >= 0);
    assert_memory_equal(hs[i].value, "application/json", hs[i].value_len);
    /* the receiver helper accepts it, over the raw body */
    assert_int_equal(hk_wh_verify_request(&k, 1, &msg, req + head, strlen(BODY), now_s, 300),
                     HK_OK);
    assert_int_equal(hk_wh_verify_request(&k, 1, &msg, BODY "\n", strlen(BODY) + 1, now_s, 300),
                     HK_ERR_WH_NO_MATCH);
    assert_int_equal(hk_wh_headers_from_http(hs, msg.num_headers, &h), HK_OK);
    assert_int_equal(h.id_len, 9);
    assert_memory_equal(h.id, "msg_fixed", 9);
    memcpy(ts_out, h.timestamp, h.timestamp_len);
    ts_out[h.timestamp_len] = '\0';
}

static void test_classify(void **state)
{
    int s;
    (void)state;
    for (s = 0; s < 1000; s++) {
        int want = HK_WH_CLASS_RETRY;
        if (s >= 200 && s <= 299)
            want = HK_WH_CLASS_DELIVERED;
        else if (s == 410)
            want = HK_WH_CLASS_GONE;
        else if (s == 429 || s == 502 || s == 503 || s == 504)
            want = HK_WH_CLASS_SLOW_DOWN;
        assert_int_equal(hk_wh_classify(s), want);
    }
    assert_int_equal(hk_wh_classify(-1), HK_WH_CLASS_RETRY);
}

static void test_request_and_attempts(void **state)
{
    static const uint32_t sched[] = {0, 1000, 2000};
    hk_test_rng rng;
    hk_wh_delivery *d;
    const uint8_t *req;
    size_t len;
    char ts1[32], ts2[32];
    int64_t when = 0;
    (void)state;
    hk_test_rng_seed(&rng, 3);
    d = make(sched, 3, 0, &rng);
    assert_string_equal(hk_wh_delivery_id(d), "msg_fixed");
    {
        const char *host;
        size_t hl;
        uint16_t port;
        int secure;
        assert_int_equal(hk_wh_delivery_endpoint(d, &host, &hl, &port, &secure), HK_OK);
        assert_int_equal(hl, 17);
        assert_memory_equal(host, "hooks.example.com", 17);
        assert_int_equal(port, 8080);
        assert_int_equal(secure, 0);
    }
    assert_int_equal(hk_wh_delivery_next(d, &when), HK_WH_PENDING);
    assert_int_equal(when, T0);
    assert_int_equal(hk_wh_delivery_feed(d, "x", 1, T0), HK_ERR_STATE);
    assert_int_equal(hk_wh_delivery_fail(d, HK_ERR_IO, T0), HK_ERR_STATE);
    assert_int_equal(hk_wh_delivery_begin(d, T0, &req, &len), HK_OK);
    check_request(req, len, T0 / 1000, ts1);
    assert_int_equal(respond(d, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n",
                             T0 + 50),
                     HK_WH_RETRY);
    assert_int_equal(hk_wh_delivery_status(d), 500);
    assert_int_equal(hk_wh_delivery_next(d, &when), HK_WH_RETRY);
    assert_int_equal(when, T0 + 50 + 1000);
    /* the second attempt: same id, its own timestamp */
    assert_int_equal(hk_wh_delivery_begin(d, T0 + 7000, &req, &len), HK_OK);
    check_request(req, len, (T0 + 7000) / 1000, ts2);
    assert_string_not_equal(ts1, ts2);
    assert_int_equal(hk_wh_delivery_attempts(d), 2);
    assert_int_equal(respond(d, "HTTP/1.1 204 No Content\r\n\r\n", T0 + 7100), HK_WH_DELIVERED);
    assert_int_equal(hk_wh_delivery_state(d), HK_WH_DELIVERED);
    /* feeding after the end repeats the state; no new attempt */
    assert_int_equal(respond(d, "more", T0 + 7200), HK_WH_DELIVERED);
    assert_int_equal(hk_wh_delivery_begin(d, T0 + 8000, &req, &len), HK_ERR_STATE);
    hk_wh_delivery_destroy(d);
}

static void test_every_status_class(void **state)
{
    static const struct {
        const char *resp;
        int want;
    } cases[] = {
        {"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", HK_WH_DELIVERED},
        {"HTTP/1.1 201 Created\r\n\r\n", HK_WH_DELIVERED},
        {"HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n", HK_WH_DELIVERED},
        {"HTTP/1.1 204 No Content\r\n\r\n", HK_WH_DELIVERED},
        {"HTTP/1.0 299 Whatever\r\n\r\n", HK_WH_DELIVERED},
        {"HTTP/1.1 410 Gone\r\n\r\n", HK_WH_GONE},
        {"HTTP/1.1 301 Moved Permanently\r\nLocation: /x\r\n\r\n", HK_WH_RETRY},
        {"HTTP/1.1 400 Bad Request\r\n\r\n", HK_WH_RETRY},
        {"HTTP/1.1 401 Unauthorized\r\n\r\n", HK_WH_RETRY},
        {"HTTP/1.1 404 Not Found\r\n\r\n", HK_WH_RETRY},
        {"HTTP/1.1 429 Too Many Requests\r\n\r\n", HK_WH_RETRY},
        {"HTTP/1.1 500 Internal Server Error\r\n\r\n", HK_WH_RETRY},
        {"HTTP/1.1 502 Bad Gateway\r\n\r\n", HK_WH_RETRY},
        {"HTTP/1.1 503 Service Unavailable\r\n\r\n", HK_WH_RETRY},
        {"HTTP/1.1 504 Gateway Timeout\r\n\r\n", HK_WH_RETRY},
        {"HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: upgrade\r\n\r\n",
         HK_WH_RETRY},
        {"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\n", HK_WH_DELIVERED},
        {"HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 410 Gone\r\n\r\n", HK_WH_GONE},
        {"HTTP/1.1 2000 OK\r\n\r\n", HK_WH_RETRY},       /* malformed */
        {"HTTP/2 200 OK\r\n\r\n", HK_WH_RETRY},          /* malformed */
        {"SSH-2.0-OpenSSH_9.2\r\n\r\n", HK_WH_RETRY},     /* not HTTP */
        {"HTTP/1.1 200 OK\nX: y\n\n", HK_WH_RETRY},      /* bare LF */
    };
    static const uint32_t sched[] = {0, 10};
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hk_test_rng rng;
        hk_wh_delivery *d;
        const uint8_t *req;
        size_t len, split, rl = strlen(cases[i].resp);
        hk_test_rng_seed(&rng, i);
        /* every split point of the response */
        for (split = 0; split <= rl; split++) {
            int rc;
            d = make(sched, 2, 0, &rng);
            assert_int_equal(hk_wh_delivery_begin(d, T0, &req, &len), HK_OK);
            rc = hk_wh_delivery_feed(d, cases[i].resp, split, T0);
            if (rc == HK_ERR_NEED_MORE)
                rc = hk_wh_delivery_feed(d, cases[i].resp + split, rl - split, T0);
            if (rc != cases[i].want)
                fail_msg("case %zu split %zu: got %d want %d", i, split, rc, cases[i].want);
            if (rc == HK_WH_RETRY && hk_wh_delivery_status(d) == 0)
                assert_int_not_equal(hk_wh_delivery_last_error(d), HK_OK);
            hk_wh_delivery_destroy(d);
        }
    }
}

static void test_retry_after(void **state)
{
    static const uint32_t sched[] = {0, 1000, 1000};
    char date[HK_HTTP_DATE_LEN + 1], resp[256];
    hk_test_rng rng;
    hk_wh_delivery *d;
    const uint8_t *req;
    size_t len;
    int64_t when = 0;
    (void)state;
    hk_test_rng_seed(&rng, 9);
    /* delay-seconds */
    d = make(sched, 3, 0, &rng);
    assert_int_equal(hk_wh_delivery_begin(d, T0, &req, &len), HK_OK);
    assert_int_equal(respond(d, "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 120\r\n\r\n", T0),
                     HK_WH_RETRY);
    assert_int_equal(hk_wh_delivery_retry_after(d), 120);
    hk_wh_delivery_next(d, &when);
    assert_int_equal(when, T0 + 120000);
    /* HTTP-date, 90 s ahead */
    assert_int_equal(hk_http_format_date(T0 / 1000 + 90, date), HK_OK);
    snprintf(resp, sizeof resp, "HTTP/1.1 503 Service Unavailable\r\nRetry-After: %s\r\n\r\n",
             date);
    assert_int_equal(hk_wh_delivery_begin(d, T0, &req, &len), HK_OK);
    assert_int_equal(respond(d, resp, T0), HK_WH_RETRY);
    assert_int_equal(hk_wh_delivery_retry_after(d), 90);
    hk_wh_delivery_next(d, &when);
    assert_int_equal(when, T0 + 90000);
    hk_wh_delivery_destroy(d);

    /* a shorter Retry-After never shortens the schedule; malformed is ignored;
     * Retry-After on a plain 500 is not a slow-down signal */
    {
        static const struct {
            const char *resp;
            int64_t ra, delay;
        } cases[] = {
            {"HTTP/1.1 503 x\r\nRetry-After: 0\r\n\r\n", 0, 1000},
            {"HTTP/1.1 502 x\r\nRetry-After: soon\r\n\r\n", -1, 1000},
            {"HTTP/1.1 504 x\r\nRetry-After: 5\r\n\r\n", 5, 5000},
            {"HTTP/1.1 500 x\r\nRetry-After: 5\r\n\r\n", -1, 1000},
            {"HTTP/1.1 429 x\r\nRetry-After: 999999999\r\n\r\n", 999999999, 86400000},
            {"HTTP/1.1 429 x\r\nRetry-After: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n", 0, 1000},
        };
        size_t i;
        for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            d = make(sched, 3, 0, &rng);
            assert_int_equal(hk_wh_delivery_begin(d, T0, &req, &len), HK_OK);
            assert_int_equal(respond(d, cases[i].resp, T0), HK_WH_RETRY);
            assert_int_equal(hk_wh_delivery_retry_after(d), cases[i].ra);
            hk_wh_delivery_next(d, &when);
            if (when != T0 + cases[i].delay)
                fail_msg("case %zu: next at +%lld", i, (long long)(when - T0));
            hk_wh_delivery_destroy(d);
        }
    }
}

static void test_schedule(void **state)
{
    /* the default schedule: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h,
     * 10 h, +-20 % jitter, drawn from the fixed random source */
    static const int64_t base[] = {5000, 300000, 1800000, 7200000, 18000000, 36000000,
                                   36000000};
    hk_wh_delivery_config cfg;
    hk_wh_delivery *d = NULL;
    hk_test_rng rng;
    hk_wh_key k = key();
    const uint8_t *req;
    size_t len, i;
    int64_t now = T0, when = 0, first[7];
    int round;
    (void)state;
    for (round = 0; round < 3; round++) {
        hk_test_rng_seed(&rng, round < 2 ? 42 : 43);
        hk_wh_delivery_config_init(&cfg);
        cfg.random = hk_test_random;
        cfg.random_user = &rng;
        assert_int_equal(hk_wh_delivery_create(&d, &cfg, URL, strlen(URL), &k, 1, NULL, 0, "{}", 2,
                                               NULL, 0, T0),
                         HK_OK);
        /* a generated id */
        assert_memory_equal(hk_wh_delivery_id(d), "msg_", 4);
        now = T0;
        assert_int_equal(hk_wh_delivery_next(d, &when), HK_WH_PENDING);
        assert_int_equal(when, T0); /* immediately */
        for (i = 0; i < 8; i++) {
            int st;
            assert_int_equal(hk_wh_delivery_begin(d, now, &req, &len), HK_OK);
            st = hk_wh_delivery_fail(d, HK_ERR_TIMEOUT, now + 10);
            if (i == 7) {
                assert_int_equal(st, HK_WH_GIVE_UP);
                break;
            }
            assert_int_equal(st, HK_WH_RETRY);
            hk_wh_delivery_next(d, &when);
            {
                int64_t delay = when - (now + 10);
                assert_true(delay >= base[i] * 8 / 10 && delay <= base[i] * 12 / 10);
                if (round == 0)
                    first[i] = delay;
                else if (round == 1)
                    assert_int_equal(delay, first[i]); /* same seed, same draw */
            }
            now = when;
        }
        assert_int_equal(hk_wh_delivery_last_error(d), HK_ERR_TIMEOUT);
        assert_int_equal(hk_wh_delivery_attempts(d), 8);
        assert_int_equal(hk_wh_delivery_begin(d, now, &req, &len), HK_ERR_STATE);
        hk_wh_delivery_destroy(d);
    }
    /* the jitter spreads: over many draws both halves of the window occur */
    {
        static const uint32_t s2[] = {0, 10000};
        int lo = 0, hi = 0;
        hk_test_rng_seed(&rng, 5);
        for (i = 0; i < 200; i++) {
            d = make(s2, 2, 20, &rng);
            assert_int_equal(hk_wh_delivery_begin(d, T0, &req, &len), HK_OK);
            assert_int_equal(hk_wh_delivery_fail(d, HK_ERR_IO, T0), HK_WH_RETRY);
            hk_wh_delivery_next(d, &when);
            assert_true(when - T0 >= 8000 && when - T0 <= 12000);
            lo += when - T0 < 10000;
            hi += when - T0 > 10000;
            hk_wh_delivery_destroy(d);
        }
        assert_true(lo > 50 && hi > 50);
    }
}

static void test_create_errors(void **state)
{
    hk_wh_delivery *d = NULL;
    hk_wh_delivery_config cfg;
    hk_wh_key k = key(), bad;
    hk_http_header h[2];
    uint32_t s[HK_WH_SCHEDULE_MAX_LEN + 1];
    (void)state;
    memset(&bad, 0, sizeof bad);
    memset(s, 0, sizeof s);
    assert_int_equal(hk_wh_delivery_create(&d, NULL, "ftp://x/", 8, &k, 1, NULL, 0, "", 0, NULL,
                                           0, T0),
                     HK_ERR_HTTP_URL);
    assert_int_equal(hk_wh_delivery_create(&d, NULL, "ws://x/", 7, &k, 1, NULL, 0, "", 0, NULL, 0,
                                           T0),
                     HK_ERR_HTTP_URL);
    assert_int_equal(hk_wh_delivery_create(&d, NULL, "http://u:p@x/", 13, &k, 1, NULL, 0, "", 0,
                                           NULL, 0, T0),
                     HK_ERR_HTTP_URL);
    assert_int_equal(hk_wh_delivery_create(&d, NULL, URL, strlen(URL), &bad, 1, NULL, 0, "", 0,
                                           NULL, 0, T0),
                     HK_ERR_WH_SECRET);
    assert_int_equal(hk_wh_delivery_create(&d, NULL, URL, strlen(URL), &k, 1, "a b", 3, "", 0,
                                           NULL, 0, T0),
                     HK_ERR_WH_ID);
    h[0].name = "Content-Length";
    h[0].name_len = 14;
    h[0].value = "5";
    h[0].value_len = 1;
    assert_int_equal(hk_wh_delivery_create(&d, NULL, URL, strlen(URL), &k, 1, NULL, 0, "", 0, h,
                                           1, T0),
                     HK_ERR_INVALID_ARG);
    h[0].name = "webhook-signature";
    h[0].name_len = 17;
    assert_int_equal(hk_wh_delivery_create(&d, NULL, URL, strlen(URL), &k, 1, NULL, 0, "", 0, h,
                                           1, T0),
                     HK_ERR_INVALID_ARG);
    h[0].name = "X-Bad";
    h[0].name_len = 5;
    h[0].value = "a\r\nInjected: 1";
    h[0].value_len = strlen(h[0].value);
    assert_int_equal(hk_wh_delivery_create(&d, NULL, URL, strlen(URL), &k, 1, NULL, 0, "", 0, h,
                                           1, T0),
                     HK_ERR_HTTP_HEADER_VALUE);
    h[0].name = "Bad Name";
    h[0].name_len = 8;
    h[0].value = "v";
    h[0].value_len = 1;
    assert_int_equal(hk_wh_delivery_create(&d, NULL, URL, strlen(URL), &k, 1, NULL, 0, "", 0, h,
                                           1, T0),
                     HK_ERR_HTTP_HEADER_NAME);
    hk_wh_delivery_config_init(&cfg);
    cfg.schedule_ms = s;
    cfg.schedule_len = HK_WH_SCHEDULE_MAX_LEN + 1;
    assert_int_equal(hk_wh_delivery_create(&d, &cfg, URL, strlen(URL), &k, 1, NULL, 0, "", 0,
                                           NULL, 0, T0),
                     HK_ERR_INVALID_ARG);
    cfg.schedule_len = 0;
    assert_int_equal(hk_wh_delivery_create(&d, &cfg, URL, strlen(URL), &k, 1, NULL, 0, "", 0,
                                           NULL, 0, T0),
                     HK_ERR_INVALID_ARG);
    hk_wh_delivery_config_init(&cfg);
    cfg.jitter_percent = 101;
    assert_int_equal(hk_wh_delivery_create(&d, &cfg, URL, strlen(URL), &k, 1, NULL, 0, "", 0,
                                           NULL, 0, T0),
                     HK_ERR_INVALID_ARG);
    assert_null(d);
    /* extra headers replace Content-Type and User-Agent, others are added */
    {
        const uint8_t *req;
        size_t len;
        char text[1024];
        h[0].name = "content-type";
        h[0].name_len = 12;
        h[0].value = "application/cloudevents+json";
        h[0].value_len = strlen(h[0].value);
        h[1].name = "Authorization";
        h[1].name_len = 13;
        h[1].value = "Bearer t0k3n";
        h[1].value_len = strlen(h[1].value);
        assert_int_equal(hk_wh_delivery_create(&d, NULL, "https://h.example/", 18, &k, 1, "m", 1,
                                               "", 0, h, 2, T0),
                         HK_OK);
        assert_int_equal(hk_wh_delivery_begin(d, T0, &req, &len), HK_OK);
        assert_true(len < sizeof text);
        memcpy(text, req, len);
        text[len] = '\0';
        assert_non_null(strstr(text, "\r\ncontent-type: application/cloudevents+json\r\n"));
        assert_null(strstr(text, "application/json"));
        assert_non_null(strstr(text, "\r\nAuthorization: Bearer t0k3n\r\n"));
        assert_non_null(strstr(text, "\r\nContent-Length: 0\r\n"));
        assert_non_null(strstr(text, "POST / HTTP/1.1\r\nHost: h.example\r\n"));
        hk_wh_delivery_destroy(d);
    }
}

static void test_alloc_failures(void **state)
{
    hk_test_alloc st;
    hk_allocator a;
    hk_wh_delivery_config cfg;
    hk_wh_key k = key();
    size_t fail;
    (void)state;
    for (fail = 1; fail < 10; fail++) {
        hk_wh_delivery *d = NULL;
        int rc;
        memset(&st, 0, sizeof st);
        st.fail_at = fail;
        hk_test_alloc_init(&st, &a);
        hk_wh_delivery_config_init(&cfg);
        cfg.allocator = &a;
        rc = hk_wh_delivery_create(&d, &cfg, URL, strlen(URL), &k, 1, NULL, 0, BODY,
                                   strlen(BODY), NULL, 0, T0);
        if (rc == HK_OK) {
            const uint8_t *req;
            size_t len;
            assert_true(st.calls < fail); /* succeeded before the failing call */
            assert_int_equal(hk_wh_delivery_begin(d, T0, &req, &len), HK_OK);
            assert_int_equal(respond(d, "HTTP/1.1 200 OK\r\n\r\n", T0), HK_WH_DELIVERED);
            hk_wh_delivery_destroy(d);
        } else {
            assert_int_equal(rc, HK_ERR_NOMEM);
            assert_null(d);
        }
        assert_int_equal(st.live_blocks, 0);
        assert_int_equal(st.size_errors, 0);
    }
}

static void test_receive_helper(void **state)
{
    hk_wh_key k = key();
    hk_http_header hs[16];
    hk_http_message msg;
    hk_wh_headers h;
    /* Svix-branded headers, chunked body: the verified bytes are the decoded
     * body, not the framing */
    static const char req[] =
        "POST /hook HTTP/1.1\r\nHost: x\r\nsvix-id: msg_p5jXN8AQM9LWM0D4loKWxJek\r\n"
        "svix-timestamp: 1614265330\r\n"
        "svix-signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
        "a\r\n{\"test\": 2\r\na\r\n432232314}\r\n0\r\n\r\n";
    hk_http_parser p;
    hk_ssize head;
    char body[64];
    size_t consumed = 0, produced = 0;
    (void)state;
    memset(&msg, 0, sizeof msg);
    msg.size = sizeof msg;
    hk_http_parser_init(&p, HK_HTTP_REQUEST, NULL);
    head = hk_http_parse_head(&p, req, sizeof req - 1, hs, 16, &msg);
    assert_true(head > 0);
    assert_int_equal(hk_http_body_decode(&p, req + head, sizeof req - 1 - (size_t)head,
                                         &consumed, body, sizeof body, &produced),
                     HK_HTTP_EV_END);
    assert_int_equal(produced, 20);
    assert_int_equal(hk_wh_verify_request(&k, 1, &msg, body, produced, 1614265330, 300), HK_OK);
    /* verifying the framed bytes fails: the signature covers the body */
    assert_int_equal(hk_wh_verify_request(&k, 1, &msg, req + head, sizeof req - 1 - (size_t)head,
                                          1614265330, 300),
                     HK_ERR_WH_NO_MATCH);
    assert_int_equal(hk_wh_verify_request(&k, 1, &msg, body, produced, 1614265330 + 301, 300),
                     HK_ERR_WH_TOO_OLD);
    /* no signature headers at all */
    assert_int_equal(hk_wh_headers_from_http(hs, 1, &h), HK_OK);
    assert_null(h.id);
    msg.num_headers = 1;
    assert_int_equal(hk_wh_verify_request(&k, 1, &msg, body, produced, 1614265330, 300),
                     HK_ERR_WH_MISSING_HEADER);
    msg.kind = HK_HTTP_RESPONSE;
    assert_int_equal(hk_wh_verify_request(&k, 1, &msg, body, produced, 1614265330, 300),
                     HK_ERR_INVALID_ARG);
    assert_int_equal(hk_wh_headers_from_http(NULL, 1, &h), HK_ERR_INVALID_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_classify),
        cmocka_unit_test(test_request_and_attempts),
        cmocka_unit_test(test_every_status_class),
        cmocka_unit_test(test_retry_after),
        cmocka_unit_test(test_schedule),
        cmocka_unit_test(test_create_errors),
        cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_receive_helper),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

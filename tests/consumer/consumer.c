/*
 * consumer.c - a tiny program that uses hooksock the way a user does, built
 * by tests/consumer/run.sh against the installed library (pkg-config), as a
 * meson subproject, and from the two amalgamated files. Exits 0 and prints
 * "ok" when every check passed; prints the failed check and exits 1.
 */
#include <stdio.h>
#include <string.h>

#include <hooksock.h>

static int failures;

#define CHECK(cond)                                                      \
    do {                                                                 \
        if (!(cond)) {                                                   \
            fprintf(stderr, "consumer: check failed, line %d: %s\n",     \
                    __LINE__, #cond);                                    \
            failures++;                                                  \
        }                                                                \
    } while (0)

struct got {
    int messages;
    size_t len;
};

static int on_message(void *user, int opcode, const uint8_t *data, size_t len)
{
    struct got *g = user;
    (void)data;
    g->messages += opcode == HK_WS_OP_TEXT;
    g->len = len;
    return 0;
}

int main(void)
{
    /* Standard Webhooks spec example (spec/standard-webhooks.md). */
    static const char secret[] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static const char id[] = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static const char body[] = "{\"test\": 2432232314}";
    static const char want[] = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    char sig[HK_WH_SIGNATURE_CAP(1)];
    size_t sig_len = 0;
    hk_wh_key key;
    hk_wh_headers h;
    uint8_t frame[HK_WS_MAX_HEADER_LEN];
    hk_ws_frame_header fh, back;
    hk_ssize n;
    hk_http_header fields[8];
    hk_http_message msg;
    static const char req[] = "GET /chat HTTP/1.1\r\nHost: example.com\r\n\r\n";
    hk_ws_config cfg;
    hk_ws_conn *client = NULL, *server = NULL;
    struct got got = {0, 0};
    const uint8_t *out;
    size_t out_len;
    uint8_t wire[64];

    CHECK(hk_version_compatible(HK_VERSION_NUMBER) == 1);
    CHECK(hk_version(NULL) == HK_VERSION_NUMBER);
    CHECK(hk_type_size("hk_wh_key") == sizeof(hk_wh_key));

    CHECK(hk_wh_key_from_secret(&key, secret, strlen(secret)) == HK_OK);
    CHECK(hk_wh_sign(sig, sizeof sig, &sig_len, &key, 1, id, strlen(id), 1614265330, body,
                     strlen(body)) == HK_OK);
    CHECK(sig_len == strlen(want) && memcmp(sig, want, sig_len) == 0);
    memset(&h, 0, sizeof h);
    h.id = id;
    h.id_len = strlen(id);
    h.timestamp = "1614265330";
    h.timestamp_len = 10;
    h.signature = sig;
    h.signature_len = sig_len;
    CHECK(hk_wh_verify(&key, 1, &h, body, strlen(body), 1614265330, 300) == HK_OK);
    CHECK(hk_wh_verify(&key, 1, &h, body, 3, 1614265330, 300) == HK_ERR_WH_NO_MATCH);
    CHECK(strcmp(hk_error_name(HK_ERR_WH_NO_MATCH), "HK_ERR_WH_NO_MATCH") == 0);
    hk_wh_key_wipe(&key);

    memset(&fh, 0, sizeof fh);
    fh.fin = 1;
    fh.opcode = HK_WS_OP_BINARY;
    fh.payload_len = UINT64_C(5000000000); /* beyond 32 bits */
    n = hk_ws_frame_encode(frame, sizeof frame, &fh);
    CHECK(n == 10);
    CHECK(hk_ws_frame_decode(&back, frame, (size_t)(n > 0 ? n : 0), NULL) == 10);
    CHECK(back.payload_len == UINT64_C(5000000000) && back.opcode == HK_WS_OP_BINARY);

    msg.size = sizeof msg;
    CHECK(hk_http_parse_request(req, strlen(req), fields, 8, &msg) == (hk_ssize)strlen(req));
    CHECK(msg.num_headers == 1 && msg.target_len == 5 && memcmp(msg.target, "/chat", 5) == 0);

    hk_ws_config_default(&cfg);
    cfg.role = HK_WS_ROLE_CLIENT;
    CHECK(hk_ws_conn_create(&client, &cfg) == HK_OK);
    hk_ws_config_default(&cfg);
    cfg.user = &got;
    cfg.on_message = on_message;
    CHECK(hk_ws_conn_create(&server, &cfg) == HK_OK);
    if (client != NULL && server != NULL) {
        CHECK(hk_ws_conn_send_text(client, "hello", 5) == HK_OK);
        out_len = hk_ws_conn_output(client, &out);
        CHECK(out_len == 11 && out_len <= sizeof wire);
        if (out_len <= sizeof wire) {
            memcpy(wire, out, out_len);
            CHECK(hk_ws_conn_output_advance(client, out_len) == HK_OK);
            CHECK(hk_ws_conn_feed(server, wire, out_len) == (hk_ssize)out_len);
        }
        CHECK(got.messages == 1 && got.len == 5);
    }
    hk_ws_conn_destroy(client);
    hk_ws_conn_destroy(server);

    if (failures != 0)
        return 1;
    printf("ok\n");
    return 0;
}

// consumer.cpp - a C++17 program using hooksock: RAII around the handles,
// std::string_view / std::vector for buffers, a lambda-free C callback.
// Built by tests/consumer/run.sh with -std=c++17 -Wall -Wextra -Werror
// -pedantic against the installed library. Prints "ok" and exits 0.
#include <hooksock.h>

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct ConnDeleter {
    void operator()(hk_ws_conn *c) const noexcept { hk_ws_conn_destroy(c); }
};
using Conn = std::unique_ptr<hk_ws_conn, ConnDeleter>;

class Error : public std::exception {
  public:
    explicit Error(int code) : code_(code) {}
    const char *what() const noexcept override { return hk_error_name(code_); }
    int code() const noexcept { return code_; }

  private:
    int code_;
};

int check(int rc)
{
    if (rc < 0)
        throw Error(rc);
    return rc;
}

std::string sign(std::string_view secret, std::string_view id, int64_t ts,
                 std::string_view body)
{
    hk_wh_key key{};
    check(hk_wh_key_from_secret(&key, secret.data(), secret.size()));
    std::string out(HK_WH_SIGNATURE_CAP(1), '\0');
    size_t n = 0;
    int rc = hk_wh_sign(out.data(), out.size(), &n, &key, 1, id.data(), id.size(), ts,
                        body.data(), body.size());
    hk_wh_key_wipe(&key);
    check(rc);
    out.resize(n);
    return out;
}

struct Received {
    std::vector<std::string> texts;
};

extern "C" int on_message(void *user, int opcode, const uint8_t *data, size_t len)
{
    if (opcode == HK_WS_OP_TEXT)
        static_cast<Received *>(user)->texts.emplace_back(reinterpret_cast<const char *>(data),
                                                          len);
    return 0;
}

Conn make_conn(int role, Received *rx)
{
    hk_ws_config cfg;
    hk_ws_config_default(&cfg);
    cfg.role = role;
    cfg.user = rx;
    cfg.on_message = rx != nullptr ? on_message : nullptr;
    hk_ws_conn *c = nullptr;
    check(hk_ws_conn_create(&c, &cfg));
    return Conn(c);
}

} // namespace

int main()
{
    static_assert(sizeof(hk_ssize) == sizeof(std::ptrdiff_t), "hk_ssize is ptrdiff_t");
    if (!hk_version_compatible(HK_VERSION_NUMBER))
        return 1;
    const std::string sig = sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                                 "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                                 "{\"test\": 2432232314}");
    if (sig != "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=") {
        std::fprintf(stderr, "consumer.cpp: signature %s\n", sig.c_str());
        return 1;
    }
    try {
        sign("whsec_short", "msg_1", 1, "");
        return 1;
    } catch (const Error &e) {
        if (e.code() != HK_ERR_WH_SECRET)
            return 1;
    }

    Received rx;
    Conn client = make_conn(HK_WS_ROLE_CLIENT, nullptr);
    Conn server = make_conn(HK_WS_ROLE_SERVER, &rx);
    for (std::string_view m : {"one", "two", "three"})
        check(hk_ws_conn_send_text(client.get(), m.data(), m.size()));
    const uint8_t *out = nullptr;
    std::vector<uint8_t> wire;
    while (size_t n = hk_ws_conn_output(client.get(), &out)) {
        wire.insert(wire.end(), out, out + n);
        check(hk_ws_conn_output_advance(client.get(), n));
    }
    if (hk_ws_conn_feed(server.get(), wire.data(), wire.size()) !=
        static_cast<hk_ssize>(wire.size()))
        return 1;
    if (rx.texts != std::vector<std::string>{"one", "two", "three"})
        return 1;
    std::puts("ok");
    return 0;
}

// Every public header must compile as C++ on its own and via the umbrella.
#include <hooksock/base.h>
#include <hooksock/crypto.h>
#include <hooksock/utf8.h>
#include <hooksock/http.h>
#include <hooksock/ws.h>
#include <hooksock/handshake.h>
#include <hooksock/webhook.h>
#include <hooksock.h>

#include <cstdint>
#include <cstdio>

int main()
{
    const char *v = nullptr;
    std::uint32_t n = hk_version(&v);
    if (n != HK_VERSION_NUMBER || v == nullptr)
        return 1;
    if (hk_strerror(HK_ERR_NOMEM) == nullptr)
        return 1;
    std::printf("C++ linkage ok: %s\n", v);
    return 0;
}

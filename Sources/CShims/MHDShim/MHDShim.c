#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <string.h>
#include <stdarg.h>
#include <microhttpd.h>
#include "MHDShim.h"

void *sf_mhd_start(const char *bind_ip, uint16_t port, unsigned int thread_count,
                   unsigned int connection_limit, unsigned int per_ip_limit,
                   unsigned int timeout_seconds, size_t connection_memory_limit,
                   sf_mhd_handler handler, sf_mhd_completed completed,
                   sf_mhd_target_logger target_logger, void *cls) {
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    if (bind_ip == NULL || inet_pton(AF_INET, bind_ip, &addr.sin_addr) != 1) {
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    }
    // A few threads, each serving many connections from its own epoll set:
    // a request costs no thread switch of its own. A request that must wait
    // (a password hash) is suspended and answered from another thread, so it
    // holds up no other connection of its thread.
    unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO | MHD_ALLOW_SUSPEND_RESUME;
    return MHD_start_daemon(flags, port, NULL, NULL,
        (MHD_AccessHandlerCallback)handler, cls,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, thread_count,
        MHD_OPTION_CONNECTION_LIMIT, connection_limit,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_ip_limit,
        MHD_OPTION_CONNECTION_TIMEOUT, timeout_seconds,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, connection_memory_limit,
        MHD_OPTION_NOTIFY_COMPLETED, (MHD_RequestCompletedCallback)completed, cls,
        MHD_OPTION_URI_LOG_CALLBACK, (void *(*)(void *, const char *, struct MHD_Connection *))target_logger, cls,
        MHD_OPTION_END);
}

uint16_t sf_mhd_port(void *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : 0;
}

int sf_mhd_client_address(void *connection, char *buffer, size_t size) {
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info == NULL || info->client_addr == NULL || buffer == NULL || size == 0) return 0;
    const struct sockaddr *address = info->client_addr;
    const void *raw;
    if (address->sa_family == AF_INET) {
        raw = &((const struct sockaddr_in *)address)->sin_addr;
    } else if (address->sa_family == AF_INET6) {
        raw = &((const struct sockaddr_in6 *)address)->sin6_addr;
    } else {
        return 0;
    }
    return inet_ntop(address->sa_family, raw, buffer, (socklen_t)size) != NULL;
}

#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <string.h>
#include <stdarg.h>
#include <microhttpd.h>
#include "MHDShim.h"

void *sf_mhd_start(const char *bind_ip, uint16_t port, unsigned int threads,
                   unsigned int connection_limit, unsigned int timeout_seconds,
                   size_t connection_memory_limit, sf_mhd_handler handler,
                   sf_mhd_completed completed, void *cls) {
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    if (bind_ip == NULL || inet_pton(AF_INET, bind_ip, &addr.sin_addr) != 1) {
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    }
    unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
    return MHD_start_daemon(flags, port, NULL, NULL,
        (MHD_AccessHandlerCallback)handler, cls,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_LIMIT, connection_limit,
        MHD_OPTION_CONNECTION_TIMEOUT, timeout_seconds,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, connection_memory_limit,
        MHD_OPTION_NOTIFY_COMPLETED, (MHD_RequestCompletedCallback)completed, cls,
        MHD_OPTION_END);
}

uint16_t sf_mhd_port(void *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : 0;
}

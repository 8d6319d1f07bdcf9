#ifndef MHD_SHIM_H
#define MHD_SHIM_H
#include <stddef.h>
#include <stdint.h>
// MHD_start_daemon and MHD_get_daemon_info are variadic; these wrappers fix
// the options the service host uses. Daemon and connection are void * so this
// header needs no microhttpd include (CMicroHTTPD is the module that has it).
typedef int (*sf_mhd_handler)(void *cls, void *connection, const char *url,
                              const char *method, const char *version,
                              const char *upload_data, size_t *upload_data_size,
                              void **request_state);
typedef void (*sf_mhd_completed)(void *cls, void *connection, void **request_state, int reason);

// Starts a daemon with an internal thread pool on bind_ip:port (port 0 picks
// a free one). Returns NULL on failure.
void *sf_mhd_start(const char *bind_ip, uint16_t port, unsigned int threads,
                   unsigned int connection_limit, unsigned int timeout_seconds,
                   size_t connection_memory_limit, sf_mhd_handler handler,
                   sf_mhd_completed completed, void *cls);
// The port the daemon listens on.
uint16_t sf_mhd_port(void *daemon);
#endif

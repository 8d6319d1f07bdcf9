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
// Called with the request target exactly as sent (before any decoding); what
// it returns becomes the request's state, released by the completed callback.
typedef void *(*sf_mhd_target_logger)(void *cls, const char *target, void *connection);

// Starts a daemon on bind_ip:port (port 0 picks a free one) with thread_count
// threads, each polling its share of the connections with epoll; connections
// may be suspended. per_ip_limit caps the connections one client address may
// hold (0: no cap). Returns NULL on failure.
void *sf_mhd_start(const char *bind_ip, uint16_t port, unsigned int thread_count,
                   unsigned int connection_limit, unsigned int per_ip_limit,
                   unsigned int timeout_seconds, size_t connection_memory_limit,
                   sf_mhd_handler handler, sf_mhd_completed completed,
                   sf_mhd_target_logger target_logger, void *cls);
// The port the daemon listens on.
uint16_t sf_mhd_port(void *daemon);
// Writes the connection's client address as text (e.g. "127.0.0.1") into
// buffer; returns 0 when it is not known.
int sf_mhd_client_address(void *connection, char *buffer, size_t size);
#endif

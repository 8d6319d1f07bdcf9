#ifndef CURL_SHIM_H
#define CURL_SHIM_H
#include <stddef.h>
// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift refuses;
// one typed wrapper per argument kind. Handles are passed as void * (CURL is
// a void typedef) so this header needs no curl include.
typedef size_t (*sf_curl_data_callback)(char *data, size_t size, size_t count, void *userdata);

int sf_curl_setopt_long(void *handle, int option, long value);
int sf_curl_setopt_string(void *handle, int option, const char *value);
int sf_curl_setopt_pointer(void *handle, int option, void *value);
int sf_curl_setopt_callback(void *handle, int option, sf_curl_data_callback callback);
int sf_curl_getinfo_long(void *handle, int info, long *value);
#endif

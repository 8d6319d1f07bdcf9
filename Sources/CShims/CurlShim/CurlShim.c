#include <curl/curl.h>
#include "CurlShim.h"

int sf_curl_setopt_long(void *handle, int option, long value) {
    return curl_easy_setopt(handle, (CURLoption)option, value);
}
int sf_curl_setopt_string(void *handle, int option, const char *value) {
    return curl_easy_setopt(handle, (CURLoption)option, value);
}
int sf_curl_setopt_pointer(void *handle, int option, void *value) {
    return curl_easy_setopt(handle, (CURLoption)option, value);
}
int sf_curl_setopt_callback(void *handle, int option, sf_curl_data_callback callback) {
    return curl_easy_setopt(handle, (CURLoption)option, callback);
}
int sf_curl_getinfo_long(void *handle, int info, long *value) {
    return curl_easy_getinfo(handle, (CURLINFO)info, value);
}

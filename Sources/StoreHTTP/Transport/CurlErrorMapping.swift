import CCurl
import StoreCore

/// Turns a libcurl failure into the client's error vocabulary. The message names
/// the method and URL only: request bodies may hold card details.
enum CurlErrorMapping {
    static func apiError(for code: CURLcode, method: HTTPMethod, url: String) -> APIError {
        let reason = String(cString: curl_easy_strerror(code))
        let request = "\(method.rawValue) \(url)"
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut
        case CURLE_WRITE_ERROR:
            return .badResponse("\(request): the answer was larger than \(CurlTransport.maxResponseBytes) bytes")
        case CURLE_WEIRD_SERVER_REPLY, CURLE_BAD_CONTENT_ENCODING:
            return .badResponse("\(request): \(reason)")
        default:
            // Refused, DNS, no route, TLS failure, connection dropped: nothing usable answers there.
            return .unreachable("\(request): \(reason)")
        }
    }
}

import CCurl
import Foundation
import StoreWire

/// What libcurl says about a failed transfer: its code, its own words (the
/// error buffer), the certificate check's result and the system's errno.
struct CurlFailure {
    var code: CURLcode
    var message: String
    /// OpenSSL's X509_V_ERR_* of the peer's certificate; 0 when the chain was fine.
    var verifyResult: Int
    var osErrno: Int
}

/// Turns a libcurl failure into the client's error vocabulary. The detail names
/// the method and URL only: request bodies may hold card details.
enum CurlErrorMapping {
    static func apiError(for failure: CurlFailure, method: HTTPMethod, url: String, endpoint: Endpoint) -> APIError {
        let words = failure.message.isEmpty ? String(cString: curl_easy_strerror(failure.code)) : failure.message
        let detail = "\(method.rawValue) \(url): \(words)"
        func unreachable(_ reason: ConnectionFailure.Reason) -> APIError {
            .unreachable(ConnectionFailure(reason, host: endpoint.host, port: endpoint.port, detail: detail))
        }
        switch failure.code {
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut
        case CURLE_WRITE_ERROR:
            return .badResponse("\(method.rawValue) \(url): the answer was larger than \(CurlTransport.maxResponseBytes) bytes")
        case CURLE_WEIRD_SERVER_REPLY, CURLE_BAD_CONTENT_ENCODING:
            return .badResponse(detail)
        case CURLE_COULDNT_RESOLVE_HOST:
            return unreachable(.nameNotFound)
        case CURLE_COULDNT_CONNECT where failure.osErrno == Int(ECONNREFUSED):
            return unreachable(.refused)
        case CURLE_PEER_FAILED_VERIFICATION:
            return unreachable(.certificateNotTrusted(certificateProblem(failure)))
        case CURLE_SSL_CONNECT_ERROR:
            return unreachable(.handshakeFailed)
        default:
            // No route, a dropped connection, a proxy that failed, a CA file libcurl could not load.
            return unreachable(.other)
        }
    }

    /// Which check the server's certificate failed. libcurl checks the name
    /// itself and says so in words; OpenSSL reports the chain (X509_V_ERR_* codes).
    static func certificateProblem(_ failure: CurlFailure) -> ConnectionFailure.CertificateProblem {
        let message = failure.message.lowercased()
        if message.contains("subject name") || message.contains("does not match") { return .hostnameMismatch }
        switch failure.verifyResult {
        case 2, 18, 19, 20, 21:
            // Unable to get the issuer, self-signed (alone or in the chain), unable to verify the leaf.
            return .unknownAuthority
        case 10: return .expired
        case 9: return .notYetValid
        case 62, 64: return .hostnameMismatch
        default: return .other
        }
    }
}

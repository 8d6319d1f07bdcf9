import CCurl
import CurlShim
import Foundation
import StoreWire

/// Sends requests with libcurl over pooled easy handles. Thread-safe: each call
/// borrows its own handle. libcurl's proxy settings from the environment
/// (http_proxy, https_proxy, no_proxy) apply as they do for curl(1); libcurl reads
/// no variable for certificate authorities, so those come in as `authorities`
/// (see `CertificateAuthorities`, which reads CURL_CA_BUNDLE and SSL_CERT_FILE).
final class CurlTransport: @unchecked Sendable {
    static let maxResponseBytes = 16 * 1024 * 1024

    let baseURL: String
    let endpoint: Endpoint
    let connectTimeout: TimeInterval
    let requestTimeout: TimeInterval
    let authorities: CertificateAuthorities
    let observer: HTTPExchangeObserver?
    private let pool = CurlHandlePool()

    init(baseURL: String, connectTimeout: TimeInterval, requestTimeout: TimeInterval,
         authorities: CertificateAuthorities, observer: HTTPExchangeObserver? = nil) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.endpoint = Endpoint(url: base)
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.authorities = authorities
        self.observer = observer
    }

    func url(for request: HTTPRequest) -> String {
        let query = URLEncoding.queryString(request.query)
        return baseURL + request.path + (query.isEmpty ? "" : "?" + query)
    }

    /// Sends the request with a `traceparent` (the caller's, or one for the
    /// current trace) and tells the observer how the exchange went.
    func send(_ request: HTTPRequest) throws -> HTTPResponse {
        var request = request
        let traceparent = request.header(TraceParent.headerName) ?? {
            let value = TraceContext.outgoing().description
            request.extraHeaders.append((TraceParent.headerName, value))
            return value
        }()
        let observers = [observer, HTTPExchanges.observer].compactMap { $0 }
        guard !observers.isEmpty else { return try exchange(request) }
        let started = DispatchTime.now().uptimeNanoseconds
        func record(status: Int?, failure: String?) {
            let elapsed = (DispatchTime.now().uptimeNanoseconds &- started) / 1_000_000
            let record = HTTPExchangeRecord(method: request.method.rawValue, path: request.path, status: status,
                                            failure: failure, milliseconds: Int(clamping: elapsed),
                                            idempotencyKey: request.header("Idempotency-Key"), traceparent: traceparent)
            for observer in observers { observer(record) }
        }
        do {
            let response = try exchange(request)
            record(status: response.status, failure: nil)
            return response
        } catch let error as APIError {
            record(status: nil, failure: error.connectivitySummary ?? "no answer")
            throw error
        }
    }

    private func exchange(_ request: HTTPRequest) throws -> HTTPResponse {
        guard let response = try pool.withHandle({ handle in try perform(request, on: handle) }) else {
            throw APIError.unreachable(ConnectionFailure(.other, host: endpoint.host, port: endpoint.port,
                                                         detail: "\(request.method.rawValue) \(url(for: request)): "
                                                             + "libcurl could not create a handle"))
        }
        return response
    }

    private func perform(_ request: HTTPRequest, on handle: UnsafeMutableRawPointer) throws -> HTTPResponse {
        // Forget the previous request's options; live connections stay in the handle.
        curl_easy_reset(handle)
        let url = url(for: request)
        let buffer = ResponseBuffer(limit: Self.maxResponseBytes)
        let bufferPointer = Unmanaged.passRetained(buffer)
        defer { bufferPointer.release() }

        var headers: UnsafeMutablePointer<curl_slist>?
        for line in request.headerLines { headers = curl_slist_append(headers, line) }
        defer { curl_slist_free_all(headers) }

        setLong(handle, CURLOPT_NOSIGNAL, 1)  // timeouts without SIGALRM: calls come from many threads
        setLong(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(connectTimeout))
        setLong(handle, CURLOPT_TIMEOUT_MS, milliseconds(requestTimeout))
        setLong(handle, CURLOPT_TCP_KEEPALIVE, 1)
        if let file = authorities.file {
            _ = sf_curl_setopt_string(handle, Int32(CURLOPT_CAINFO.rawValue), file)
        }
        // libcurl's own words for a failure (which certificate check, which host), beyond the code's.
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer {
            _ = sf_curl_setopt_pointer(handle, Int32(CURLOPT_ERRORBUFFER.rawValue), nil)
            errorBuffer.deallocate()
        }
        _ = sf_curl_setopt_pointer(handle, Int32(CURLOPT_ERRORBUFFER.rawValue), errorBuffer)
        _ = sf_curl_setopt_string(handle, Int32(CURLOPT_URL.rawValue), url)
        _ = sf_curl_setopt_pointer(handle, Int32(CURLOPT_HTTPHEADER.rawValue), headers)
        _ = sf_curl_setopt_callback(handle, Int32(CURLOPT_WRITEFUNCTION.rawValue), responseWriteCallback)
        _ = sf_curl_setopt_pointer(handle, Int32(CURLOPT_WRITEDATA.rawValue), bufferPointer.toOpaque())

        if request.method != .get && request.method != .post {
            _ = sf_curl_setopt_string(handle, Int32(CURLOPT_CUSTOMREQUEST.rawValue), request.method.rawValue)
        }
        let code = withBody(request, on: handle) { curl_easy_perform(handle) }

        guard code == CURLE_OK else {
            var verifyResult = 0
            var osErrno = 0
            _ = sf_curl_getinfo_long(handle, Int32(CURLINFO_SSL_VERIFYRESULT.rawValue), &verifyResult)
            _ = sf_curl_getinfo_long(handle, Int32(CURLINFO_OS_ERRNO.rawValue), &osErrno)
            let failure = CurlFailure(code: code, message: String(cString: errorBuffer),
                                      verifyResult: verifyResult, osErrno: osErrno)
            throw CurlErrorMapping.apiError(for: failure, method: request.method, url: url, endpoint: endpoint)
        }
        var status = 0
        _ = sf_curl_getinfo_long(handle, Int32(CURLINFO_RESPONSE_CODE.rawValue), &status)
        return HTTPResponse(status: status, body: buffer.data)
    }

    /// Points libcurl at the body for the duration of `perform` (no copy of the
    /// bytes, which may hold card details). POST and PUT without a body send an empty one.
    private func withBody(_ request: HTTPRequest, on handle: UnsafeMutableRawPointer,
                          _ perform: () -> CURLcode) -> CURLcode {
        guard request.method == .post || request.method == .put || request.body != nil else {
            return perform()
        }
        let body = request.body ?? Data()
        setLong(handle, CURLOPT_POSTFIELDSIZE, body.count)
        if body.isEmpty {
            _ = sf_curl_setopt_string(handle, Int32(CURLOPT_COPYPOSTFIELDS.rawValue), "")
            return perform()
        }
        return body.withUnsafeBytes { bytes in
            _ = sf_curl_setopt_pointer(handle, Int32(CURLOPT_POSTFIELDS.rawValue),
                                       UnsafeMutableRawPointer(mutating: bytes.baseAddress))
            return perform()
        }
    }

    private func setLong(_ handle: UnsafeMutableRawPointer, _ option: CURLoption, _ value: Int) {
        _ = sf_curl_setopt_long(handle, Int32(option.rawValue), value)
    }

    private func milliseconds(_ interval: TimeInterval) -> Int {
        max(1, Int((interval * 1000).rounded()))
    }
}

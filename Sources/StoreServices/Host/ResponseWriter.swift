import CMicroHTTPD

/// Hands an `HTTPResponse` to libmicrohttpd, which copies the body.
enum ResponseWriter {
    static func queue(_ response: HTTPResponse, on connection: OpaquePointer) -> Bool {
        let created = response.body.withUnsafeBytes { buffer in
            MHD_create_response_from_buffer(buffer.count, UnsafeMutableRawPointer(mutating: buffer.baseAddress),
                                            .RESPMEM_MUST_COPY)
        }
        guard let created else { return false }
        defer { MHD_destroy_response(created) }
        for (name, value) in response.headers {
            _ = MHD_add_response_header(created, name, value)
        }
        return MHD_queue_response(connection, UInt32(response.status), created) == .YES
    }
}

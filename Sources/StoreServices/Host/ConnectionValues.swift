import CMicroHTTPD

/// Reads headers or query arguments of a connection from libmicrohttpd,
/// which has already percent-decoded the arguments. Values are read by their
/// length, not as C strings, so a NUL inside a value stays in it (and is
/// refused by `RequestChecks`) instead of silently cutting the value short.
enum ConnectionValues {
    private final class Collector {
        var values: [String: String] = [:]
        let lowercaseKeys: Bool
        init(lowercaseKeys: Bool) { self.lowercaseKeys = lowercaseKeys }
    }

    static func read(_ connection: OpaquePointer, kind: MHD_ValueKind) -> [String: String] {
        let collector = Collector(lowercaseKeys: kind == .HEADER_KIND)
        let context = Unmanaged.passUnretained(collector).toOpaque()
        _ = MHD_get_connection_values_n(connection, kind, { cls, _, key, keySize, value, valueSize in
            guard let cls, let key else { return .YES }
            let collector = Unmanaged<Collector>.fromOpaque(cls).takeUnretainedValue()
            let name = decodedText(key, keySize)
            collector.values[collector.lowercaseKeys ? name.lowercased() : name] = value.map { decodedText($0, valueSize) } ?? ""
            return .YES
        }, context)
        return withExtendedLifetime(collector) { collector.values }
    }
}

/// `size` bytes of UTF-8 at `pointer` as text, NULs included.
private func decodedText(_ pointer: UnsafePointer<CChar>, _ size: Int) -> String {
    pointer.withMemoryRebound(to: UInt8.self, capacity: size) {
        String(decoding: UnsafeBufferPointer(start: $0, count: size), as: UTF8.self)
    }
}

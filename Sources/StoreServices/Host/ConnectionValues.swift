import CMicroHTTPD

/// Reads headers or query arguments of a connection from libmicrohttpd,
/// which has already percent-decoded the arguments.
enum ConnectionValues {
    private final class Collector {
        var values: [String: String] = [:]
        let lowercaseKeys: Bool
        init(lowercaseKeys: Bool) { self.lowercaseKeys = lowercaseKeys }
    }

    static func read(_ connection: OpaquePointer, kind: MHD_ValueKind) -> [String: String] {
        let collector = Collector(lowercaseKeys: kind == .HEADER_KIND)
        let context = Unmanaged.passUnretained(collector).toOpaque()
        _ = MHD_get_connection_values(connection, kind, { cls, _, key, value in
            guard let cls, let key else { return .YES }
            let collector = Unmanaged<Collector>.fromOpaque(cls).takeUnretainedValue()
            let name = String(cString: key)
            collector.values[collector.lowercaseKeys ? name.lowercased() : name] = value.map { String(cString: $0) } ?? ""
            return .YES
        }, context)
        return withExtendedLifetime(collector) { collector.values }
    }
}

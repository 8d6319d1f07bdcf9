import Foundation

/// A W3C Trace Context `traceparent` header: version 00, a 16-byte trace id
/// and an 8-byte span id in lower-case hex, and the flags (01: sampled).
/// Every call the client makes starts a trace; a service keeps the trace id
/// for the calls and events a request causes, each with a span id of its own,
/// so one order's path through the services shares one trace id in their logs.
public struct TraceParent: Hashable, Sendable, CustomStringConvertible {
    public static let headerName = "traceparent"

    /// 32 lower-case hex digits, never all zero.
    public let traceID: String
    /// 16 lower-case hex digits, never all zero.
    public let spanID: String
    public let sampled: Bool

    /// A new trace with a random trace id and span id from the system's random source.
    public static func newTrace() -> TraceParent {
        // One draw for both ids.
        let hex = randomHex(bytes: 24)
        return TraceParent(traceID: String(hex.prefix(32)), spanID: String(hex.suffix(16)), sampled: true)
    }

    /// A new span of the trace `traceID` (as stored with an event), or nil when it is not a trace id.
    public static func continuing(traceID: String) -> TraceParent? {
        guard isHex(traceID, count: 32), traceID != String(repeating: "0", count: 32) else { return nil }
        return TraceParent(traceID: traceID, spanID: randomHex(bytes: 8), sampled: true)
    }

    /// The same trace, one step on: a new span id.
    public func child() -> TraceParent {
        TraceParent(traceID: traceID, spanID: Self.randomHex(bytes: 8), sampled: sampled)
    }

    /// Parses a header value; nil for anything malformed (the caller starts a
    /// new trace then). Versions after 00 are read as 00 when their first four
    /// fields have its shape, as the specification asks; version ff is invalid.
    public init?(header: String) {
        let value = header.trimmingCharacters(in: .whitespaces)
        let fields = value.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 4, Self.isHex(fields[0], count: 2), fields[0] != "ff",
              fields[0] != "00" || fields.count == 4,
              Self.isHex(fields[1], count: 32), Self.isHex(fields[2], count: 16), Self.isHex(fields[3], count: 2),
              fields[1] != String(repeating: "0", count: 32), fields[2] != String(repeating: "0", count: 16),
              let flags = UInt8(fields[3], radix: 16)
        else { return nil }
        self.init(traceID: fields[1], spanID: fields[2], sampled: flags & 1 == 1)
    }

    init(traceID: String, spanID: String, sampled: Bool) {
        self.traceID = traceID; self.spanID = spanID; self.sampled = sampled
    }

    /// The header value, e.g. `00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01`.
    public var description: String { "00-\(traceID)-\(spanID)-\(sampled ? "01" : "00")" }

    private static func isHex(_ text: String, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// Hex of `bytes` (a multiple of 8) random bytes from the system's random
    /// source, drawn in one go; drawn again in the (2^-64 or less) case of an
    /// all-zero word, so each id cut from whole words is never all zeros.
    private static func randomHex(bytes count: Int) -> String {
        var random = [UInt8](repeating: 0, count: count)
        repeat {
            fillRandom(&random)
        } while stride(from: 0, to: count, by: 8).contains { random[$0..<min($0 + 8, count)].allSatisfy { $0 == 0 } }
        return Hex.lowercase(random)
    }

    /// The system's random source, for the lot in one call.
    private static func fillRandom(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { buffer in
            if let start = buffer.baseAddress { arc4random_buf(start, buffer.count) }
        }
    }
}

import Foundation
import Glibc

/// Where a service writes one line per request and per event a consumer
/// handles, each with its trace, so one order can be followed through the
/// services by its trace id. `betterstore` writes to standard error; the
/// embedded shop and tests are silent unless they ask for lines.
public struct ServiceLog: Sendable {
    private let sink: (@Sendable (String) -> Void)?

    public init(_ sink: @escaping @Sendable (String) -> Void) { self.sink = sink }
    private init() { sink = nil }

    public static let silent = ServiceLog()
    /// One `write` of the whole line (so lines of several threads do not
    /// interleave), straight to the descriptor: `FileHandle` asks the
    /// descriptor's flags on every write, a second system call per request.
    public static let standardError = ServiceLog { line in
        var text = line + "\n"
        text.withUTF8 { bytes in
            var written = 0
            while written < bytes.count {
                let result = Glibc.write(STDERR_FILENO, bytes.baseAddress.map { $0 + written }, bytes.count - written)
                if result > 0 {
                    written += result
                } else if result < 0 && errno == EINTR {
                    continue
                } else {
                    return   // standard error is gone or full: the line is lost, the request is not
                }
            }
        }
    }

    public var isOn: Bool { sink != nil }

    /// Writes the line; it is only built when someone reads it.
    public func write(_ line: @autoclosure () -> String) { sink?(line()) }
}

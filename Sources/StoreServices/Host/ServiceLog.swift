import Foundation

/// Where a service writes one line per request and per event a consumer
/// handles, each with its trace, so one order can be followed through the
/// services by its trace id. `betterstore` writes to standard error; the
/// embedded shop and tests are silent unless they ask for lines.
public struct ServiceLog: Sendable {
    private let sink: (@Sendable (String) -> Void)?

    public init(_ sink: @escaping @Sendable (String) -> Void) { self.sink = sink }
    private init() { sink = nil }

    public static let silent = ServiceLog()
    public static let standardError = ServiceLog { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }

    public var isOn: Bool { sink != nil }

    /// Writes the line; it is only built when someone reads it.
    public func write(_ line: @autoclosure () -> String) { sink?(line()) }
}

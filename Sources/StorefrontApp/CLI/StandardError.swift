import Foundation

/// Writes to standard error, where diagnostics go so standard output stays clean.
enum StandardError {
    static func print(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

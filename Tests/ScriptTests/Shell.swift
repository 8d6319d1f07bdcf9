import Foundation

/// Command lines run from tests through popen: Foundation's Process can miss the
/// exit of a child whose own children live on (a tmux server).
enum Shell {
    /// Runs `command` with its standard error dropped; returns its standard output and exit status.
    static func run(_ command: String) -> (output: String, status: Int32) {
        guard let pipe = popen(command + " 2>/dev/null", "r") else { return ("", -1) }
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, pipe)
            if count <= 0 { break }
            output.append(contentsOf: buffer[0..<count])
        }
        let status = pclose(pipe)
        return (String(decoding: output, as: UTF8.self), (status >> 8) & 0xFF)
    }
}

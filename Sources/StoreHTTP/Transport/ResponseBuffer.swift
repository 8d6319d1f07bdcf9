import Foundation

/// Collects the body libcurl hands to the write callback.
final class ResponseBuffer {
    var data = Data()
    /// Answers larger than this are cut off (the callback reports an error), so a
    /// misbehaving server cannot fill the client's memory.
    let limit: Int

    init(limit: Int) { self.limit = limit }
}

/// libcurl's write callback: a C function that finds the buffer through `userdata`.
let responseWriteCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data, size, count, userdata in
    guard let data, let userdata else { return 0 }
    let buffer = Unmanaged<ResponseBuffer>.fromOpaque(userdata).takeUnretainedValue()
    let length = size * count
    if buffer.data.count + length > buffer.limit { return 0 }
    buffer.data.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length)
    return length
}

import Foundation
import StoreWire

/// The lines of an import in batches, each decoded, checked and turned into
/// rows (`ProductRow`) on another thread while the caller writes the batch
/// before: decoding and folding the text take as long as the writing, and
/// the machine has a second core for them.
struct PreparedBatches {
    let reader: LineReader
    let size: Int

    init(_ input: FileHandle, size: Int) {
        reader = LineReader(input)
        self.size = size
    }

    /// Calls `body` with each batch's rows, their short-term counts and the number of lines
    /// read up to its end, in the order of the file; the first bad line is thrown when its batch comes.
    func forEach(_ body: ([ProductRow], ShortTermCounts.Tally, Int) throws -> Void) throws {
        var lines: [Data] = []
        lines.reserveCapacity(size)
        var linesRead = 0
        var ahead: Batch?
        func send() throws {
            let batch = Batch(lines, firstNumber: linesRead - lines.count + 1)
            lines.removeAll(keepingCapacity: true)
            if let previous = ahead { try previous.deliver(to: body) }
            ahead = batch
        }
        try reader.forEach { line in
            lines.append(line)
            linesRead += 1
            if lines.count >= size { try send() }
        }
        if !lines.isEmpty { try send() }
        if let last = ahead { try last.deliver(to: body) }
    }

    /// One batch being prepared on a thread of its own.
    private final class Batch: @unchecked Sendable {
        let lastNumber: Int
        private let done = DispatchSemaphore(value: 0)
        private var result: Result<([ProductRow], ShortTermCounts.Tally), Error> = .success(([], ShortTermCounts.Tally()))

        init(_ lines: [Data], firstNumber: Int) {
            lastNumber = firstNumber + lines.count - 1
            DispatchQueue.global().async { [self] in
                result = Result { try Self.prepare(lines, firstNumber: firstNumber) }
                done.signal()
            }
        }

        func deliver(to body: ([ProductRow], ShortTermCounts.Tally, Int) throws -> Void) throws {
            done.wait()
            let (rows, tally) = try result.get()
            try body(rows, tally, lastNumber)
        }

        private static func prepare(_ lines: [Data], firstNumber: Int) throws -> ([ProductRow], ShortTermCounts.Tally) {
            let decoder = JSONDecoder()
            var rows: [ProductRow] = []
            rows.reserveCapacity(lines.count)
            for (offset, line) in lines.enumerated() {
                guard let product = try ProductImport.parse(line, number: firstNumber + offset, decoder: decoder) else { continue }
                rows.append(ProductRow(product, featured: false))
            }
            return (rows, ShortTermCounts.Tally(rows))
        }
    }
}

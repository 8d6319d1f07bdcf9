import Foundation
import StoreServices

/// `betterstore import-products FILE|- [--data-dir DIR | --database URL]`:
/// brings a catalogue in from JSON lines, all of it or, when a line is bad,
/// nothing. Exit status: 0 imported, 2 bad usage or a bad file, 1 the
/// product database cannot be opened or reached.
enum ImportCommand {
    static let usage = """
        usage: betterstore import-products FILE|- [--data-dir DIR | --database URL]

        Adds or replaces products by id from FILE (or standard input for -): JSON
        lines, one product a line in the API's Product shape, e.g.
          {"id":"dune-paperback","name":"Dune","description":"…","category":"BOOKS",
           "kind":"physical","price":{"amount":2699,"currency":"NZD"},"stock":34,
           "attributes":[{"name":"Author","value":"Frank Herbert"}]}
        Categories are created as needed. Every line is checked first: a bad line
        stops the import with its line number and field, and nothing is imported.

          --data-dir DIR  the shop's data directory (its products.sqlite)
          --database URL  the product database: sqlite:DIR or
                          mysql://USER:PASSWORD@HOST:PORT/[PREFIX] (schema PREFIX_products)
        """

    struct Arguments: Equatable {
        var file: String
        var location: DatabaseLocation
    }

    static func parse(_ arguments: [String]) -> Result<Arguments, UsageError> {
        var file: String?
        var location: DatabaseLocation?
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--data-dir", "--database":
                guard let value = rest.popFirst(), !value.isEmpty else { return .failure(UsageError("\(argument) needs a value")) }
                guard location == nil else { return .failure(UsageError("give either --data-dir or --database, once")) }
                if argument == "--data-dir" {
                    location = .sqlite(folder: value)
                } else {
                    do { location = try DatabaseLocation(parsing: value) } catch { return .failure(UsageError("--database: \(error)")) }
                }
            case let flag where flag.hasPrefix("--"):
                return .failure(UsageError("unknown option \(flag)"))
            default:
                guard file == nil else { return .failure(UsageError("one file at a time; '\(argument)' is a second")) }
                file = argument
            }
        }
        guard let file else { return .failure(UsageError("name the file to import, or - for standard input")) }
        guard let location else { return .failure(UsageError("say where the catalogue is: --data-dir DIR or --database URL")) }
        return .success(Arguments(file: file, location: location))
    }

    struct UsageError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs the command and returns its exit status.
    static func run(_ arguments: [String]) -> Int32 {
        if arguments.contains("--help") || arguments.contains("-h") {
            print(usage)
            return 0
        }
        let parsed: Arguments
        switch parse(arguments) {
        case .success(let value): parsed = value
        case .failure(let error):
            complain("\(error)\n\n\(usage)")
            return 2
        }
        let input: FileHandle
        if parsed.file == "-" {
            input = .standardInput
        } else {
            guard let handle = FileHandle(forReadingAtPath: parsed.file) else {
                complain("cannot read \(parsed.file)")
                return 2
            }
            input = handle
        }
        let store: ProductStore
        do {
            let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let database = try DatabaseSettings(all: parsed.location)
                .open(.product, schema: "products", fileName: ProductStore.fileName, dataDirectory: folder)
            store = try ProductStore(database: database, seed: false)
        } catch {
            complain("\(error)")
            return 1
        }
        let progress = ImportProgress()
        do {
            let summary = try ProductImport.run(input, into: store, progress: progress.update)
            progress.finish()
            print(summary.line(seconds: progress.elapsed))
            return 0
        } catch let error as ProductImport.BadLine {
            progress.finish()
            complain("\(error); nothing was imported")
            return 2
        } catch {
            progress.finish()
            complain("\(error); nothing was imported")
            return 1
        }
    }

    static func complain(_ message: String) {
        FileHandle.standardError.write(Data("betterstore: \(message)\n".utf8))
    }
}

extension ProductImport.Summary {
    /// "imported 1,000,000 products (999,936 new, 2 categories created) from 1,000,000 lines in 31.2 s (32,051 lines/s)"
    func line(seconds: Double) -> String {
        let rate = seconds > 0 ? Int(Double(lines) / seconds) : lines
        return "imported \(products.grouped) products (\(added.grouped) new, \(categoriesCreated) "
            + "\(categoriesCreated == 1 ? "category" : "categories") created) from \(lines.grouped) lines in "
            + String(format: "%.1f s (%@ lines/s)", seconds, rate.grouped)
    }
}

extension Int {
    /// 1234567 as "1,234,567".
    var grouped: String {
        let digits = String(magnitude)
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return (self < 0 ? "-" : "") + text
    }
}

/// The live line on a terminal: lines read and lines per second, redrawn at
/// most five times a second on standard error, and only when it is a terminal.
final class ImportProgress {
    private let start = Date()
    private var lastDrawn = Date.distantPast
    private let live = isatty(STDERR_FILENO) == 1
    private var drawn = false

    var elapsed: Double { Date().timeIntervalSince(start) }

    func update(_ lines: Int) {
        guard live, Date().timeIntervalSince(lastDrawn) >= 0.2 else { return }
        lastDrawn = Date()
        let rate = elapsed > 0 ? Int(Double(lines) / elapsed) : 0
        FileHandle.standardError.write(Data("\r\u{1B}[Kimporting: \(lines.grouped) lines, \(rate.grouped) lines/s".utf8))
        drawn = true
    }

    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }
}

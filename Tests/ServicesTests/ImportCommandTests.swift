import Foundation
import Testing
import StoreWire
import TestSupport
@testable import StoreServices

/// `betterstore import-products`: its summary, its exit statuses, and a bad
/// file that imports nothing, into a data directory and into MariaDB.
@Suite struct ImportCommandTests {
    typealias Run = BetterstoreCommandTests.Run

    static func scratch() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("betterstore-import-\(UUID().uuidString)")
    }

    static func write(_ lines: [String], in folder: URL) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("catalogue.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        return file
    }

    static func output(_ run: Run) -> (out: String, errors: String) {
        (String(decoding: run.output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
         String(decoding: run.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    /// The product database the command wrote, in a data directory or on the MariaDB server.
    enum Target {
        case dataDirectory(URL)
        case mariadb(MariaDBServer, prefix: String)

        var arguments: [String] {
            switch self {
            case .dataDirectory(let folder): return ["--data-dir", folder.appendingPathComponent("shop").path]
            case .mariadb(let server, let prefix): return ["--database", server.url + prefix]
            }
        }

        func open() throws -> ProductStore {
            switch self {
            case .dataDirectory(let folder): return try ProductStore(dataDirectory: folder.appendingPathComponent("shop"), seed: false)
            case .mariadb(let server, let prefix):
                return try ProductStore(database: MariaDBDatabase(endpoint: server.endpoint, schema: prefix + "_products"), seed: false)
            }
        }

        func cleanUp() {
            if case .mariadb(let server, let prefix) = self,
               let database = try? MariaDBDatabase(endpoint: server.endpoint, schema: prefix + "_products") {
                _ = try? database.run("DROP DATABASE `\(prefix)_products`")
            }
        }
    }

    static func target(_ backend: StoreBackend, _ folder: URL) throws -> Target {
        switch backend {
        case .sqlite: return .dataDirectory(folder)
        case .mariadb: return .mariadb(try MariaDBServer.shared(), prefix: "import\(UInt32.random(in: 0...UInt32.max))")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aGoodFileIsImportedAndSummarised(backend: StoreBackend) throws {
        let folder = Self.scratch(); defer { try? FileManager.default.removeItem(at: folder) }
        let target = try Self.target(backend, folder); defer { target.cleanUp() }
        let file = try Self.write(CatalogueImportTests.products.map(CatalogueImportTests.line), in: folder)
        let run = try Run(["import-products", file.path] + target.arguments)
        #expect(run.finish(timeout: 60) == 0)
        let (out, errors) = Self.output(run)
        #expect(out.hasPrefix("imported 6 products (6 new, 2 categories created) from 6 lines in "), "\(out)")
        #expect(errors.isEmpty, "no progress line when standard error is not a terminal: \(errors)")
        let store = try target.open()
        #expect(try store.page(ProductQuery(text: "三体")).items.map(\.id) == ["g-1"])
        #expect(try store.categories().map(\.productCount) == [1, 5])
    }

    @Test(arguments: StoreBackend.allCases)
    func aBadLineStopsTheImportWithItsNumberAndFieldAndExit2(backend: StoreBackend) throws {
        let folder = Self.scratch(); defer { try? FileManager.default.removeItem(at: folder) }
        let target = try Self.target(backend, folder); defer { target.cleanUp() }
        var lines = CatalogueImportTests.products.map(CatalogueImportTests.line)
        lines.insert(#"{"id":"x","name":"X","description":"","category":"BOOKS","kind":"physical","price":{"amount":-5,"currency":"NZD"},"stock":1,"attributes":[]}"#, at: 4)
        let file = try Self.write(lines, in: folder)
        let run = try Run(["import-products", file.path] + target.arguments)
        #expect(run.finish(timeout: 60) == 2)
        let (out, errors) = Self.output(run)
        #expect(out.isEmpty)
        #expect(errors == "betterstore: line 5: price.amount: must be a whole number of cents from 0 to 1000000000; nothing was imported\n")
        #expect(try target.open().page(ProductQuery()).total == 0)
    }

    @Test func standardInputIsReadForADash() throws {
        let folder = Self.scratch(); defer { try? FileManager.default.removeItem(at: folder) }
        let file = try Self.write(CatalogueImportTests.products.map(CatalogueImportTests.line), in: folder)
        let run = try Run(["import-products", "-", "--database", "sqlite:" + folder.appendingPathComponent("db").path],
                          standardInput: FileHandle(forReadingFrom: file))
        #expect(run.finish(timeout: 60) == 0)
        #expect(Self.output(run).out.hasPrefix("imported 6 products"))
    }

    @Test(arguments: [[], ["import-products"], ["import-products", "a.jsonl"], ["import-products", "--data-dir", "/tmp"],
                      ["import-products", "a", "b", "--data-dir", "/tmp"], ["import-products", "a", "--data-dir"],
                      ["import-products", "a", "--database", "postgres://x"], ["import-products", "a", "--limit", "3"],
                      ["import-products", "a", "--data-dir", "/tmp", "--database", "sqlite:/tmp"]])
    func badUsageExits2(arguments: [String]) throws {
        let run = try Run(arguments)
        #expect(run.finish() == 2, "\(arguments)")
        #expect(Self.output(run).errors.contains("usage: betterstore"), "\(arguments)")
    }

    @Test func aMissingFileExits2AndADatabaseThatIsNotThereExits1() throws {
        let folder = Self.scratch(); defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try Run(["import-products", folder.appendingPathComponent("none.jsonl").path, "--data-dir", folder.path])
        #expect(missing.finish() == 2)
        #expect(Self.output(missing).errors.hasPrefix("betterstore: cannot read "))

        let file = try Self.write([CatalogueImportTests.line(CatalogueImportTests.products[0])], in: folder)
        let unreachable = try Run(["import-products", file.path, "--database", "mysql://root@127.0.0.1:\(try LoopbackPort.unused())/"])
        #expect(unreachable.finish() == 1)
        #expect(Self.output(unreachable).errors.contains("cannot be reached"))
    }
}

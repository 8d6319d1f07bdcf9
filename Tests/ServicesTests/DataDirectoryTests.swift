import Foundation
import Testing
import StoreCore
@testable import StoreServices
import TestSupport

/// The data directory holds shoppers' data: it and every folder in it are
/// owner-only (0700), every file too (0600); a signing key that cannot be used
/// stops the start-up instead of being replaced.
@Suite struct DataDirectoryTests {
    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// Every folder and file under `root`, the root included.
    static func walk(_ root: URL) throws -> [(path: String, isDirectory: Bool)] {
        var found = [(root.path, true)]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey])
        while let url = enumerator?.nextObject() as? URL {
            let isDirectory = (try url.resourceValues(forKeys: [.isDirectoryKey])).isDirectory ?? false
            found.append((url.path, isDirectory))
        }
        return found
    }

    static func expectPrivate(_ root: URL) throws {
        let entries = try walk(root)
        #expect(entries.contains { $0.path.hasSuffix(".sqlite-wal") }, "the WAL files are checked too")
        for (path, isDirectory) in entries {
            let found = try mode(path)
            #expect(found == (isDirectory ? 0o700 : 0o600), "\(path): \(String(found, radix: 8))")
        }
    }

    @Test func theDataDirectoryAndEverythingInItAreOwnerOnly() throws {
        let shop = try commerceShop(); defer { shop.stop() }
        let sample = try CatalogueSample(shop)
        let shopper = try Shopper.signUp(shop)
        let order = try shopper.placeOrder([(sample.physical.id, 1)])
        #expect(try shopper.pay(order).status == 200)
        #expect(try eventually { !(try maildirMessages(shop)).isEmpty }, "a receipt was written")
        try Self.expectPrivate(shop.dataDirectory)
    }

    @Test func aDataDirectoryMadeOpenIsNarrowedOnStart() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("betterstore-open-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        let first = try BetterStore(dataDirectory: directory, options: TestStore.fastOptions)
        first.stop()
        for (path, isDirectory) in try Self.walk(directory) {
            try FileManager.default.setAttributes([.posixPermissions: isDirectory ? 0o755 : 0o644], ofItemAtPath: path)
        }
        let second = try BetterStore(dataDirectory: directory, options: TestStore.fastOptions)
        defer { second.stop() }
        for (path, isDirectory) in try Self.walk(directory) where !path.contains("maildir") {
            #expect(try Self.mode(path) == (isDirectory ? 0o700 : 0o600), "\(path)")
        }
    }

    @Test func aMalformedSigningKeyStopsTheStartUpAndIsKept() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("betterstore-key-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let keyFile = directory.appendingPathComponent(SigningKey.fileName)
        let damaged = Data("not a key".utf8)
        try damaged.write(to: keyFile)
        do {
            _ = try BetterStore(dataDirectory: directory, options: TestStore.fastOptions)
            Issue.record("started with a damaged key")
        } catch let error as SigningKeyError {
            #expect(String(describing: error).contains(keyFile.path), "\(error)")
        }
        #expect(try Data(contentsOf: keyFile) == damaged, "the key file was not replaced")
    }

    @Test func anUnreadableSigningKeyStopsTheStartUpNamingIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("betterstore-key-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        // A folder where the key should be cannot be read as one, even by root.
        let keyFile = directory.appendingPathComponent(SigningKey.fileName)
        try FileManager.default.createDirectory(at: keyFile, withIntermediateDirectories: true)
        do {
            _ = try BetterStore(dataDirectory: directory, options: TestStore.fastOptions)
            Issue.record("started with an unreadable key")
        } catch let error as SigningKeyError {
            guard case .unreadable = error else { Issue.record("\(error)"); return }
            #expect(String(describing: error).contains(keyFile.path), "\(error)")
        }
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: keyFile.path, isDirectory: &isDirectory) && isDirectory.boolValue)
    }
}

import Foundation
import StoreWire

/// The user service's own database (`users.sqlite`, or its own schema on a
/// MariaDB server). Passwords are kept only as PBKDF2 hashes.
public final class UserStore: DataDirectoryStore, @unchecked Sendable {
    public static let fileName = "users.sqlite"
    let database: SQLDatabase

    public init(database: SQLDatabase) throws {
        self.database = database
        let key = database.dialect.key
        try database.execute("""
            CREATE TABLE IF NOT EXISTS users (
                id \(key) PRIMARY KEY,
                email \(key) NOT NULL UNIQUE,
                name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                address TEXT,
                created_at TEXT NOT NULL
            );
            """)
    }

    public enum InsertError: Error { case emailTaken }

    /// Adds a user; throws `emailTaken` when the email already has an account.
    public func insert(_ user: User, passwordHash: String) throws {
        let address = try user.address.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        do {
            try database.run("INSERT INTO users (id, email, name, password_hash, address, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                             user.id, user.email, user.name, passwordHash, address, ISO8601DateFormatter().string(from: Date()))
        } catch let error as DatabaseError where error.isConstraintViolation {
            throw InsertError.emailTaken
        }
    }

    /// The user and their stored password hash.
    public func find(email: String) throws -> (user: User, passwordHash: String)? {
        guard let row = try database.queryOne("SELECT * FROM users WHERE email = ?", email) else { return nil }
        return (Self.user(row), row.string("password_hash"))
    }

    public func find(id: String) throws -> User? {
        try database.queryOne("SELECT * FROM users WHERE id = ?", id).map(Self.user)
    }

    private static func user(_ row: SQLRow) -> User {
        let address = row.optionalString("address").flatMap { try? JSONDecoder().decode(Address.self, from: Data($0.utf8)) }
        return User(id: row.string("id"), email: row.string("email"), name: row.string("name"), address: address)
    }
}

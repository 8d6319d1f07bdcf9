import CCrypto
import Foundation

/// The few primitives the services need, all from libcrypto.
public enum Crypto {
    /// Cryptographically strong random bytes.
    public static func randomBytes(_ count: Int) -> Data {
        var bytes = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return Data() }
        let ok = bytes.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        // Without a working random source no key or salt is safe; stopping is the only honest answer.
        precondition(ok == 1, "RAND_bytes failed")
        return Data(bytes)
    }

    /// HMAC-SHA256 of `message` under `key` (one-shot).
    public static func hmacSHA256(key: Data, message: Data) -> Data {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes { messageBytes in
                _ = HMAC(EVP_sha256(), keyBytes.baseAddress, Int32(key.count),
                         messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBytes.count,
                         &out, &length)
            }
        }
        return Data(out.prefix(Int(length)))
    }

    public static func hmacSHA256(key: Data, message: String) -> Data {
        hmacSHA256(key: key, message: Data(message.utf8))
    }

    /// PBKDF2-HMAC-SHA256 of `password` with `salt`.
    public static func pbkdf2SHA256(password: String, salt: Data, iterations: Int, length: Int = 32) -> Data {
        var out = [UInt8](repeating: 0, count: length)
        // A trailing NUL keeps the buffer non-empty for an empty password; the length excludes it.
        let passwordBytes = Array(password.utf8CString)
        let ok = passwordBytes.withUnsafeBufferPointer { pass in
            salt.withUnsafeBytes { saltBytes in
                PKCS5_PBKDF2_HMAC(pass.baseAddress, Int32(passwordBytes.count - 1),
                                  saltBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(salt.count),
                                  Int32(iterations), EVP_sha256(), Int32(length), &out)
            }
        }
        precondition(ok == 1, "PKCS5_PBKDF2_HMAC failed")
        return Data(out)
    }

    /// Compares in time independent of where the inputs differ, so a signature
    /// or hash check does not leak how much of a guess was right.
    public static func constantTimeEquals(_ lhs: Data, _ rhs: Data) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.isEmpty { return true }
        return lhs.withUnsafeBytes { a in
            rhs.withUnsafeBytes { b in CRYPTO_memcmp(a.baseAddress, b.baseAddress, lhs.count) == 0 }
        }
    }
}

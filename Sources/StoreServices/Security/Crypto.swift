import CCrypto
import Foundation

/// The few primitives the services need, all from libcrypto.
public enum Crypto {
    /// Cryptographically strong random bytes.
    ///
    /// The one deliberate stop left in the services. No request can make it
    /// happen: `count` is always a constant of the caller, and RAND_bytes fails
    /// only when libcrypto cannot reach the operating system's random source,
    /// after which no id, salt, token or key could be made safely for anyone.
    /// Turning it into an error would put `try` on every id and nonce made in
    /// the shop for a state in which the shop cannot serve anyway.
    public static func randomBytes(_ count: Int) -> Data {
        guard count > 0, count <= Int(Int32.max) else { return Data() }
        var bytes = [UInt8](repeating: 0, count: count)
        let ok = bytes.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        if ok != 1 { fatalError("libcrypto's random source failed (RAND_bytes)") }
        return Data(bytes)
    }

    /// SHA-1 of `data`: only to name a script to Redis (EVALSHA), which
    /// knows scripts by it; never for anything that must resist forgery.
    public static func sha1(_ data: Data) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA_DIGEST_LENGTH))
        data.withUnsafeBytes { bytes in
            _ = SHA1(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), data.count, &digest)
        }
        return digest
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

    /// PBKDF2-HMAC-SHA256 of `password` with `salt`. Throws when a size or
    /// count does not fit libcrypto's parameters, or libcrypto fails.
    public static func pbkdf2SHA256(password: String, salt: Data, iterations: Int, length: Int = 32) throws -> Data {
        // The password's bytes, without a terminating NUL: a NUL inside the password counts like any other byte.
        var passwordBytes = Array(password.utf8)
        let passwordLength = passwordBytes.count
        if passwordBytes.isEmpty { passwordBytes = [0] }   // a valid pointer for an empty password; length stays 0
        guard let passLength = Int32(exactly: passwordLength), let saltLength = Int32(exactly: salt.count),
              let rounds = Int32(exactly: iterations), rounds > 0,
              let outLength = Int32(exactly: length), outLength > 0 else {
            throw CryptoError.parameterOutOfRange
        }
        var out = [UInt8](repeating: 0, count: length)
        let ok = passwordBytes.withUnsafeBufferPointer { pass in
            pass.withMemoryRebound(to: CChar.self) { chars in
                salt.withUnsafeBytes { saltBytes in
                    PKCS5_PBKDF2_HMAC(chars.baseAddress, passLength,
                                      saltBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), saltLength,
                                      rounds, EVP_sha256(), outLength, &out)
                }
            }
        }
        guard ok == 1 else { throw CryptoError.libcryptoFailed("PKCS5_PBKDF2_HMAC") }
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

/// A libcrypto call that could not be made or did not succeed.
public enum CryptoError: Error, Hashable, CustomStringConvertible {
    /// A length or count larger than libcrypto's `int` parameters take.
    case parameterOutOfRange
    case libcryptoFailed(String)

    public var description: String {
        switch self {
        case .parameterOutOfRange: return "a length or count is out of libcrypto's range"
        case .libcryptoFailed(let function): return "\(function) failed"
        }
    }
}

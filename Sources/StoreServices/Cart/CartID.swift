import CCrypto

/// Anonymous cart ids: 128 random bits from libcrypto, as 32 lower-case hex
/// digits, so that nobody can guess another shopper's cart.
public enum CartID {
    public static func make() -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        guard RAND_bytes(&bytes, Int32(bytes.count)) == 1 else {
            // libcrypto's generator failing means the process cannot make secrets safely.
            fatalError("libcrypto RAND_bytes failed")
        }
        return bytes.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

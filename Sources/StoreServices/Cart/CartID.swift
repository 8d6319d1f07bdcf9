/// Anonymous cart ids: 128 random bits from libcrypto, as 32 lower-case hex
/// digits, so that nobody can guess another shopper's cart.
public enum CartID {
    public static func make() -> String {
        EventSignature.hex(Crypto.randomBytes(16))
    }
}

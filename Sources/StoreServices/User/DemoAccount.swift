import StoreWire

/// The account seeded on first start so a demo can sign in at once.
public enum DemoAccount {
    public static let email = "demo@betterstore.test"
    public static let password = "betterdemo"
    public static let name = "Demo Shopper"
    public static let address = Address(name: "Demo Shopper", line1: "12 Queen Street", line2: "Level 3",
                                        city: "Auckland", postcode: "1010", country: "New Zealand")
}

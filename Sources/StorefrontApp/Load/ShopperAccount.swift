import Foundation
import StoreCore
import StoreServices

/// The account a shopper signs in with when its scripts ask for one
/// (`${SHOPPER_EMAIL}`, `${SHOPPER_PASSWORD}`): signed up through the API when
/// the shopper starts, with the demo account's name and delivery address, so a
/// script written for the demo account sees the same screens. Shoppers sharing
/// the demo account would share one cart and order each other's items.
struct ShopperAccount {
    var email: String
    var password: String

    static func signUp(shopper: Int, run: String, api: StoreAPI) throws -> ShopperAccount {
        let account = ShopperAccount(email: "shopper-\(shopper)-\(run)@load.example.test",
                                     password: "load-\(UUID().uuidString)")
        _ = try api.signUp(SignUpRequest(email: account.email, password: account.password, name: DemoAccount.name,
                                         address: DemoAccount.address))
        return account
    }
}

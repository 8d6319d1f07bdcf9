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
    /// The session the sign-up opened.
    var token = ""

    /// A store that is busy hashing (503) or holding sign-ups back (429) is asked again, for up to a minute:
    /// the account is the run's preparation, not part of what it measures.
    static func signUp(shopper: Int, run: String, api: StoreAPI) throws -> ShopperAccount {
        var account = ShopperAccount(email: "shopper-\(shopper)-\(run)@load.example.test",
                                     password: "load-\(UUID().uuidString)")
        let request = SignUpRequest(email: account.email, password: account.password, name: DemoAccount.name,
                                    address: DemoAccount.address)
        let giveUp = Date().addingTimeInterval(60)
        while true {
            do {
                account.token = try api.signUp(request).token
                return account
            } catch APIError.service(let status, _) where (status == 503 || status == 429) && Date() < giveUp {
                Thread.sleep(forTimeInterval: Double.random(in: 0.2...1))
            }
        }
    }
}

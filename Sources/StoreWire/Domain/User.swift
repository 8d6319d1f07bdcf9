import Foundation

public struct Address: Codable, Hashable, Sendable {
    public var name: String
    public var line1: String
    public var line2: String
    public var city: String
    public var postcode: String
    public var country: String
    public init(name: String, line1: String, line2: String = "", city: String, postcode: String, country: String = "New Zealand") {
        self.name = name; self.line1 = line1; self.line2 = line2
        self.city = city; self.postcode = postcode; self.country = country
    }

    private enum CodingKeys: String, CodingKey { case name, line1, line2, city, postcode, country }

    /// `line2` and `country` may be left out, as they may in `init`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try container.decode(String.self, forKey: .name),
                  line1: try container.decode(String.self, forKey: .line1),
                  line2: try container.decodeIfPresent(String.self, forKey: .line2) ?? "",
                  city: try container.decode(String.self, forKey: .city),
                  postcode: try container.decode(String.self, forKey: .postcode),
                  country: try container.decodeIfPresent(String.self, forKey: .country) ?? "New Zealand")
    }

    /// One line per part, blank parts left out.
    public var lines: [String] {
        [name, line1, line2, "\(city) \(postcode)".trimmingCharacters(in: .whitespaces), country].filter { !$0.isEmpty }
    }
}

public struct User: Codable, Hashable, Sendable {
    public var id: String
    public var email: String
    public var name: String
    public var address: Address?
    public init(id: String, email: String, name: String, address: Address?) {
        self.id = id; self.email = email; self.name = name; self.address = address
    }
}

public struct SignUpRequest: Codable, Hashable, Sendable {
    public var email: String
    public var password: String
    public var name: String
    public var address: Address
    public init(email: String, password: String, name: String, address: Address) {
        self.email = email; self.password = password; self.name = name; self.address = address
    }
}

public struct SignInRequest: Codable, Hashable, Sendable {
    public var email: String
    public var password: String
    public init(email: String, password: String) { self.email = email; self.password = password }
}

/// A signed-in session: a bearer token (HS256 JWT) and when it expires.
public struct Session: Codable, Hashable, Sendable {
    public var token: String
    /// Seconds since 1970.
    public var expiresAt: Int
    public var user: User
    public init(token: String, expiresAt: Int, user: User) {
        self.token = token; self.expiresAt = expiresAt; self.user = user
    }
}

import Foundation

/// Which client a request is from, for the limits kept per address (sign-in
/// and sign-up throttles). Behind a gateway every connection comes from the
/// gateway, so all shoppers would share one budget; a gateway named in
/// `trustedProxies` says who its client was in `X-Forwarded-For`.
///
/// Only the last entry is taken: the one the trusted gateway appended itself
/// (nginx's `$proxy_add_x_forwarded_for`). Entries before it came from the
/// client and may say anything, so they are never believed.
enum ForwardedClient {
    static func address(peer: String?, forwardedFor: String?, trustedProxies: Set<String>) -> String? {
        guard let peer, trustedProxies.contains(peer), let forwardedFor,
              let last = forwardedFor.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
              IPv4Address.isValid(last) else { return peer }
        return last
    }
}

/// Dotted-quad IPv4 text, e.g. "203.0.113.7", as the system reads it.
public enum IPv4Address {
    public static func isValid(_ text: String) -> Bool {
        var address = in_addr()
        return !text.utf8.contains(0) && inet_pton(AF_INET, text, &address) == 1
    }
}

/// Sign in or sign up; remembers where to go afterwards.
public struct SignInState: Hashable, Sendable {
    public enum Mode: Hashable, Sendable { case signIn, signUp }
    public enum Then: Hashable, Sendable { case back, checkout, orders }

    public var mode: Mode = .signIn
    public var then: Then = .back
    public var submitting = false
    public var form = SignInState.signInForm
    /// Signed in; waiting for the (merged) cart before going on to checkout.
    public var waitingForCart = false

    static let signInForm = FormState([
        FormField("email", "Email", maxLength: TextLimits.email),
        FormField("password", "Password", secure: true, maxLength: TextLimits.password),
    ])
    static let signUpForm = FormState([
        FormField("email", "Email", maxLength: TextLimits.email),
        FormField("password", "Password", secure: true, maxLength: TextLimits.password),
        FormField("name", "Name", maxLength: TextLimits.name),
        FormField("line1", "Address", maxLength: TextLimits.addressLine),
        FormField("line2", "Address line 2", maxLength: TextLimits.addressLine),
        FormField("city", "City", maxLength: TextLimits.city),
        FormField("postcode", "Postcode", maxLength: TextLimits.postcode),
    ])
}

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
        FormField("email", "Email"),
        FormField("password", "Password", secure: true),
    ])
    static let signUpForm = FormState([
        FormField("email", "Email"),
        FormField("password", "Password", secure: true),
        FormField("name", "Name"),
        FormField("line1", "Address"),
        FormField("line2", "Address line 2"),
        FormField("city", "City"),
        FormField("postcode", "Postcode", maxLength: 10),
    ])
}

import Foundation

/// Sign in, or sign up (email, password, name, delivery address). Errors from
/// the service appear next to the field they name, else under the form.
enum SignInScreen {
    static func prepare(then: SignInState.Then, _ state: inout AppState) {
        state.signIn.then = then
        state.signIn.form.formError = nil
        state.signIn.form.errors = [:]
    }

    static func handle(_ action: Action, _ state: inout AppState) -> [Command]? {
        switch action {
        case .nextField, .moveDown: state.signIn.form.move(by: 1)
        case .previousField, .moveUp: state.signIn.form.move(by: -1)
        case .toggleSignUp:
            let email = state.signIn.form["email"]
            state.signIn.mode = state.signIn.mode == .signIn ? .signUp : .signIn
            state.signIn.form = state.signIn.mode == .signIn ? SignInState.signInForm : SignInState.signUpForm
            state.signIn.form["email"] = email
        case .confirm:
            return submit(&state)
        case .back:
            state.signIn.then = .back
            return nil
        default:
            return nil
        }
        return []
    }

    private static func submit(_ state: inout AppState) -> [Command] {
        guard !state.signIn.submitting, !state.signIn.waitingForCart else { return [] }
        var form = state.signIn.form
        form.errors = [:]
        form.formError = nil
        let email = form["email"].trimmingCharacters(in: .whitespaces)
        if email.isEmpty {
            form.errors["email"] = "Enter your email address"
        } else if !TextRules.isPlausibleEmail(email) {
            form.errors["email"] = "That is not an email address"
        }
        if form["password"].isEmpty { form.errors["password"] = "Enter your password" }
        let signingUp = state.signIn.mode == .signUp
        if signingUp {
            if !form["password"].isEmpty && form["password"].unicodeScalars.count < TextLimits.passwordMinimum {
                form.errors["password"] = "At least \(TextLimits.passwordMinimum) characters"
            }
            form.requireFilled([("name", "your name"), ("line1", "your street address"), ("city", "your city"),
                                ("postcode", "your postcode")])
        }
        if form.focusFirstError(among: form.errors) {
            state.signIn.form = form
            return []
        }
        state.signIn.form = form
        state.signIn.submitting = true
        if signingUp {
            let address = Address(name: form["name"], line1: form["line1"], line2: form["line2"],
                                  city: form["city"], postcode: form["postcode"])
            return [state.send(.signUp(SignUpRequest(email: email, password: form["password"],
                                                     name: form["name"], address: address)))]
        }
        return [state.send(.signIn(SignInRequest(email: email, password: form["password"])))]
    }

    static func received(_ request: APIRequest, _ result: Result<APIResponse, APIError>,
                         _ state: inout AppState) -> [Command] {
        if case .me = request {
            if case .success(.user(let user)) = result { state.session?.user = user }
            return []
        }
        state.signIn.submitting = false
        switch result {
        case .success(.session(let session)):
            return signedIn(session, &state)
        case .failure(let error):
            if case .service(_, let serviceError) = error, let field = field(forParam: serviceError.param, in: state.signIn.form) {
                state.signIn.form.errors[field] = serviceError.message
                state.signIn.form.focus(on: field)
            } else {
                state.signIn.form.formError = error.isConnectivity
                    ? "\(error.userMessage) Press Enter to try again." : error.userMessage
            }
            return []
        default:
            return []
        }
    }

    private static func field(forParam param: String?, in form: FormState) -> String? {
        guard let param = param?.lowercased() else { return nil }
        let last = param.split(separator: ".").last.map(String.init) ?? param
        return form.fields.first { $0.id.lowercased() == last || $0.id.lowercased() == param }?.id
    }

    /// Keeps the anonymous cart: merges it into the user's cart, then goes on.
    private static func signedIn(_ session: Session, _ state: inout AppState) -> [Command] {
        state.session = session
        state.signIn.form = SignInState.signInForm
        state.signIn.mode = .signIn
        state.orders = OrdersState()
        state.show("Signed in as \(session.user.name)", .success)
        var commands: [Command] = []
        if let anonymous = state.cart.id, anonymous != StoreAPIPaths.myCart, !state.cart.lines.isEmpty {
            commands.append(state.send(.mergeCart(anonymousCartID: anonymous, token: session.token)))
        } else {
            state.cart = CartState()
            state.cart.id = StoreAPIPaths.myCart
            commands.append(state.send(.cart(id: StoreAPIPaths.myCart, token: session.token)))
        }
        switch state.signIn.then {
        case .checkout:
            state.signIn.waitingForCart = true
        case .orders:
            state.replaceScreen(with: .orders)
            commands += state.enter(.orders)
        case .back:
            commands += state.goBack()
        }
        state.signIn.then = .back
        return commands
    }

    /// The user's cart has arrived: continue a checkout that waited for it.
    static func cartReady(_ state: inout AppState) -> [Command] {
        guard state.signIn.waitingForCart else { return [] }
        state.signIn.waitingForCart = false
        if state.screen == .signIn { state.screen = state.history.popLast() ?? .cart }
        return CheckoutFlow.begin(&state)
    }

    static func view(_ state: AppState, _ grid: inout Grid, _ body: Rect) {
        let signingUp = state.signIn.mode == .signUp
        let title = signingUp ? "Sign up" : "Sign in"
        let inside = Frame.draw(&grid, body, title: title).inset(horizontal: 1)
        let toggle = state.keymap.label(for: .toggleSignUp)
        let intro = signingUp ? "Create an account — \(toggle) to sign in instead"
                              : "Sign in with your email — new here? \(toggle) to sign up"
        grid.write(intro, column: inside.x, row: inside.y, role: .muted, limit: inside.width)
        var formRect = Rect(x: inside.x, y: inside.y + 2, width: inside.width, height: inside.height - 3)
        if state.signIn.submitting || state.signIn.waitingForCart {
            let words = state.signIn.waitingForCart ? "loading your cart…" : signingUp ? "creating your account…" : "signing in…"
            grid.write(words, column: inside.x, row: inside.maxY - 1, role: .accent)
            formRect.height -= 1
        }
        FormView.draw(&grid, formRect, form: state.signIn.form)
    }
}

/// The text fields of each request body and their limits: what the services
/// check before using a request, and what the API document publishes.

extension Address {
    /// The address's fields under `prefix`, e.g. "address.line1".
    public func textFields(under prefix: String) -> [TextField] {
        [TextField(prefix + ".name", name, limit: TextLimits.name),
         TextField(prefix + ".line1", line1, limit: TextLimits.addressLine),
         TextField(prefix + ".line2", line2, limit: TextLimits.addressLine),
         TextField(prefix + ".city", city, limit: TextLimits.city),
         TextField(prefix + ".postcode", postcode, limit: TextLimits.postcode),
         TextField(prefix + ".country", country, limit: TextLimits.country)]
    }
}

extension SignUpRequest: TextFieldsDeclaring {
    public var textFields: [TextField] {
        [TextField("email", email, limit: TextLimits.email),
         TextField("password", password, limit: TextLimits.password),
         TextField("name", name, limit: TextLimits.name)] + address.textFields(under: "address")
    }
}

extension SignInRequest: TextFieldsDeclaring {
    public var textFields: [TextField] {
        [TextField("email", email, limit: TextLimits.email),
         TextField("password", password, limit: TextLimits.password)]
    }
}

extension CreateOrderRequest: TextFieldsDeclaring {
    public var textFields: [TextField] {
        [TextField("cartId", cartId, limit: TextLimits.identifier)]
            + (deliveryAddress?.textFields(under: "deliveryAddress") ?? [])
    }
}

extension ConfirmPaymentRequest: TextFieldsDeclaring {
    public var textFields: [TextField] {
        [TextField("clientSecret", clientSecret, limit: TextLimits.paymentToken),
         TextField("card.number", card.number, limit: TextLimits.cardNumber),
         TextField("card.cvc", card.cvc, limit: TextLimits.cardCode),
         TextField("card.name", card.name, limit: TextLimits.name)]
    }
}

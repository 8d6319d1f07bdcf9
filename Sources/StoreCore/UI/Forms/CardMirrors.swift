/// Reflection (`dump`, debuggers) shows card values as brand + last 4 only,
/// like their descriptions do; the full number and CVC stay out of every text.
extension CardDetails: CustomReflectable {
    public var customMirror: Mirror { Mirror(self, children: ["card": description]) }
}

extension ConfirmPaymentRequest: CustomReflectable {
    public var customMirror: Mirror { Mirror(self, children: ["card": card.description]) }
}

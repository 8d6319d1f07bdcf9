import Foundation

/// Checks a screen makes before it sends a form.
extension FormState {
    /// Marks each listed field (id, words) left blank, or only spaces, with "Enter <words>".
    mutating func requireFilled(_ required: [(String, String)]) {
        for (id, words) in required where self[id].trimmingCharacters(in: .whitespaces).isEmpty {
            errors[id] = "Enter \(words)"
        }
    }

    /// Focuses the first field, in form order, that `errors` names; false when it names none.
    @discardableResult
    mutating func focusFirstError(among errors: [String: String]) -> Bool {
        guard let first = fields.first(where: { errors[$0.id] != nil }) else { return false }
        focus(on: first.id)
        return true
    }
}

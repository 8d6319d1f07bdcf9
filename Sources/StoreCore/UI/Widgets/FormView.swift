/// Draws a form: a label column, an input box per field, and next to each field
/// what is wrong with it (or a hint), in words. Scrolls to keep focus visible.
public enum FormView {
    public static func defaultDisplay(_ field: FormField, focused: Bool) -> String {
        field.secure ? String(repeating: "•", count: field.value.count) : field.value
    }

    /// Returns the number of rows used.
    @discardableResult
    public static func draw(_ grid: inout Grid, _ rect: Rect, form: FormState,
                            display: (FormField, Bool) -> String = defaultDisplay,
                            hint: (FormField) -> String? = { _ in nil }) -> Int {
        guard rect.width > 10, rect.height > 0 else { return 0 }
        let labelWidth = min(18, (form.fields.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2)
        let inputWidth = min(34, rect.width - labelWidth)
        let besideWidth = rect.width - labelWidth - inputWidth - 2
        let messageX = rect.x + labelWidth + inputWidth + 2

        // Lay out lines first: (field index, is message line).
        var lines: [(index: Int, message: Bool)] = []
        var focusLine = 0
        for (index, field) in form.fields.enumerated() {
            if index == form.focus { focusLine = lines.count }
            lines.append((index, false))
            if let (text, _) = message(for: field, in: form, hint: hint), DisplayWidth.of(text) > besideWidth {
                lines.append((index, true))
            }
        }
        let formErrorLines = form.formError.map { TextLayout.wrap($0, width: rect.width) } ?? []
        let room = rect.height - (formErrorLines.isEmpty ? 0 : formErrorLines.count + 1)
        let start = max(0, min(focusLine + 2 - max(1, room), lines.count - max(1, room)))

        var y = rect.y
        for line in lines.dropFirst(start) where y < rect.y + max(1, room) {
            let field = form.fields[line.index]
            let focused = line.index == form.focus
            if line.message {
                if let (text, role) = message(for: field, in: form, hint: hint) {
                    grid.write(text, column: rect.x + labelWidth, row: y, role: role, limit: rect.width - labelWidth)
                }
            } else {
                grid.write(field.label, column: rect.x, row: y, role: focused ? .accent : .normal, limit: labelWidth - 1)
                // [ value      ]: the brackets keep empty fields visible without colour.
                let full = display(field, focused)
                var shown = full
                while DisplayWidth.of(shown) > inputWidth - 4, !shown.isEmpty { shown.removeFirst() }
                let trimmed = DisplayWidth.of(String(full.prefix(full.count - shown.count)))
                let cursorColumn = field.cursor == nil
                    ? DisplayWidth.of(shown)
                    : max(0, DisplayWidth.of(String(full.prefix(field.cursorOffset))) - trimmed)
                let role: Role = focused ? .inputFocus : .input
                let x = rect.x + labelWidth
                grid.write("[", column: x, row: y, role: focused ? .accent : .border)
                grid.write(DisplayWidth.pad(" " + shown, to: inputWidth - 2), column: x + 1, row: y,
                           role: role, limit: inputWidth - 2)
                grid.write("]", column: x + inputWidth - 1, row: y, role: focused ? .accent : .border)
                if field.isCardData { grid.markSecret(columns: (x + 1)..<(x + inputWidth - 1), row: y) }
                if field.isPassword { grid.markPassword(columns: (x + 1)..<(x + inputWidth - 1), row: y) }
                if focused { grid.cursor = (x + 2 + cursorColumn, y) }
                if let (text, role) = message(for: field, in: form, hint: hint), DisplayWidth.of(text) <= besideWidth {
                    grid.write(text, column: messageX, row: y, role: role, limit: besideWidth)
                }
            }
            y += 1
        }
        if !formErrorLines.isEmpty {
            y += 1
            for text in formErrorLines where y < rect.maxY {
                grid.write(text, column: rect.x, row: y, role: .error)
                y += 1
            }
        }
        return y - rect.y
    }

    private static func message(for field: FormField, in form: FormState,
                                hint: (FormField) -> String?) -> (String, Role)? {
        if let error = form.errors[field.id] { return (error, .error) }
        if let text = hint(field) { return (text, .muted) }
        return nil
    }
}

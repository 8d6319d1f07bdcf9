/// One product: name, price, kind, stock, attributes, description; `+`/`-`
/// choose how many `a` adds.
enum ProductScreen {
    static func open(_ product: Product, _ state: inout AppState) -> [Command] {
        state.product = ProductState(product: product, quantity: 1)
        return state.navigate(to: .product) + [state.send(.product(id: product.id))]
    }

    static func handle(_ action: Action, _ state: inout AppState) -> [Command]? {
        guard let product = state.product.product else { return nil }
        switch action {
        case .increase: state.product.quantity = min(Cart.maxQuantity, state.product.quantity + 1)
        case .decrease: state.product.quantity = max(1, state.product.quantity - 1)
        case .add: return CartUpdates.add(product, quantity: state.product.quantity, &state)
        default: return nil
        }
        return []
    }

    /// "In stock", "Only 3 left", "Out of stock".
    static func stockText(_ product: Product) -> String {
        if product.kind == .digital { return "In stock" }
        if product.stock <= 0 { return "Out of stock" }
        return product.stock <= 5 ? "Only \(product.stock) left" : "In stock"
    }

    static func kindText(_ kind: ProductKind) -> String {
        kind == .digital ? "Digital (delivered by email)" : "Physical (shipped)"
    }

    static func view(_ state: AppState, _ grid: inout Grid, _ body: Rect) {
        guard let product = state.product.product else { return }
        let inside = Frame.draw(&grid, body, title: product.name).inset(horizontal: 1)
        let (details, bottom) = inside.top(inside.height - 2)
        drawDetails(product, &grid, details)
        let quantity = "Quantity: \(state.product.quantity)"
        var x = grid.write(quantity, column: bottom.x, row: bottom.y + 1, role: .accent)
        let keys = "   \(state.keymap.label(for: .increase))/\(state.keymap.label(for: .decrease)) change · "
            + "\(state.keymap.label(for: .add)) add to cart"
        x = grid.write(keys, column: x, row: bottom.y + 1, role: .muted, limit: bottom.maxX - x)
        let inCart = state.cart.quantity(of: product.id)
        if inCart > 0, bottom.maxX - x > 14 {
            let text = "\(inCart) in cart"
            grid.write(text, column: bottom.maxX - DisplayWidth.of(text), row: bottom.y + 1, role: .success)
        }
    }

    /// The product's facts, used by this screen and the catalogue's detail pane.
    static func drawDetails(_ product: Product, _ grid: inout Grid, _ rect: Rect, brief: Bool = false) {
        guard rect.width > 4, rect.height > 0 else { return }
        var lines: [(String, Role)] = []
        if brief {
            lines.append(("\(product.price.formatted) · \(ProductList.availability(product))", .price))
        } else {
            lines += TextLayout.wrap(product.name, width: rect.width).map { ($0, Role.heading) }
            lines.append((product.price.formatted, .price))
            lines.append((kindText(product.kind), .muted))
            lines.append((stockText(product), product.inStock ? (product.stock <= 5 && product.kind == .physical ? .warning : .success) : .error))
            lines.append(("", .normal))
            let nameWidth = min(14, (product.attributes.map { DisplayWidth.of($0.name) }.max() ?? 0) + 1)
            for attribute in product.attributes {
                lines.append((DisplayWidth.pad(attribute.name, to: nameWidth) + " " + attribute.value, .normal))
            }
            if !product.attributes.isEmpty { lines.append(("", .normal)) }
        }
        for line in TextLayout.wrap(product.description, width: rect.width) { lines.append((line, .normal)) }
        for (index, line) in lines.prefix(rect.height).enumerated() {
            grid.write(DisplayWidth.truncate(line.0, to: rect.width), column: rect.x, row: rect.y + index,
                       role: line.1, limit: rect.width)
        }
    }
}

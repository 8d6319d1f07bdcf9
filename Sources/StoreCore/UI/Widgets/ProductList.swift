/// A list of products: name on the left, price in a right-aligned column,
/// the selected row highlighted. Scrolls to keep the selection visible.
enum ProductList {
    static func draw(_ grid: inout Grid, _ rect: Rect, products: [Product], selection: Int, focused: Bool = true) {
        guard rect.height > 0, rect.width > 10 else { return }
        let priceWidth = max(10, products.map { DisplayWidth.of($0.price.formatted) }.max() ?? 0)
        let stockWidth = rect.width >= 60 ? 12 : 0
        let fixed = stockWidth > 0 ? [stockWidth, priceWidth] : [priceWidth]
        let widths = Table.widths(total: rect.width - 2, fixed: fixed)
        let start = max(0, min(selection - rect.height + 1, products.count - rect.height))
        for (offset, product) in products.dropFirst(max(0, start)).prefix(rect.height).enumerated() {
            let index = max(0, start) + offset
            let y = rect.y + offset
            let selected = index == selection && focused
            let stock = stockWidth > 0 ? [availability(product)] : []
            let role: Role = selected ? .selection : .normal
            grid.write(selected ? "›" : " ", column: rect.x, row: y, role: selected ? .selection : .accent)
            Table.row(&grid, x: rect.x + 1, y: y, widths: widths, cells: [name(product, width: widths[0], stockShown: stockWidth > 0)] + stock + [product.price.formatted],
                      role: role, roles: selected ? [:] : roles(product, stockWidth, last: widths.count - 1),
                      rightAligned: [widths.count - 1])
            if selected { grid.paint(.selection, columns: rect.x..<(rect.maxX), row: y) }
        }
    }

    /// With the stock column, "Digital" there tells an e-book from its
    /// paperback; without it, the name carries the format.
    private static func name(_ product: Product, width: Int, stockShown: Bool) -> String {
        stockShown ? product.name : product.kind.listedName(product.name, fitting: width)
    }

    /// Digital items never run out.
    static func availability(_ product: Product) -> String {
        product.kind == .digital ? "Digital" : ProductScreen.stockText(product)
    }

    private static func roles(_ product: Product, _ stockWidth: Int, last: Int) -> [Int: Role] {
        var roles = [last: Role.price]
        if stockWidth > 0 { roles[1] = product.inStock ? .muted : .warning }
        return roles
    }
}

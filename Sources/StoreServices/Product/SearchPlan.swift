import Foundation

/// How a listing reads the products that contain every word of a query, and
/// how it has their number, without reading the catalogue product by product.
///
/// A single word of one or two characters has its total in the kept counts
/// (`ShortTermCounts`); a single word of three is its own trigram, and the
/// search index counts the products holding it without reading them.
/// Otherwise the matches are read through the search index: a longer word's
/// (or a rare short one's) are gathered, put in order and counted in one pass
/// when they are few; when there are more, they are counted through the
/// index and the page read the cheaper way. The page reads the catalogue in the listing's order
/// and stops once it is full when the matches are common, or sorts the
/// matches the index finds when they are rare, whichever reads fewer products.
struct SearchPlan {
    /// Products scanned in the listing's order: each word checked on the folded text.
    var checks: SearchFilter
    /// Products found through the search index (every word still checked exactly); nil when
    /// the index holds none. Worked out only when used: a short word's is a look-up of its own.
    var index: () throws -> SearchFilter?
    var total: Total
    /// Products in the query's category, or in all.
    var scope: Int

    enum Total {
        /// Known without reading the matches: from the kept counts, or the index's count of a
        /// three-character word's products.
        case known(Int)
        /// Counted through the index.
        case counted
        /// Few are likely to match: the page reads every match through the index, in the listing's
        /// order, and their number is the total; past `gatherLimit` of them they are counted.
        case gathered
    }

    /// The most matches a page reads all of to count them as it goes. A million-product
    /// catalogue's rare words ("dune", 497) stay under it; a common one reads its page in
    /// order instead and is counted on its own.
    static let gatherLimit = 2_000

    /// Whether a page ending `window` products into the listing is read in the listing's order
    /// (`checks`) rather than through the index, given `matches` matches: reading in order costs
    /// about window × scope / matches products, going through the index about the matches.
    func readsInOrder(matches: Int, window: Int) -> Bool {
        Double(matches) * Double(matches) >= Double(window) * Double(scope)
    }
}

extension ProductStore {
    /// The plan for `terms` in `category`, for a page that ends `window` products into the
    /// listing; nil when no product can match.
    func searchPlan(_ terms: [String], category: String?, window: Int) throws -> SearchPlan? {
        let short = terms.filter(ShortTermCounts.isShort)
        let long = terms.filter { !ShortTermCounts.isShort($0) }
        var counts: [Int] = []
        for term in short {
            let count = try ShortTermCounts.count(term, category: category, in: database)
            guard count > 0 else { return nil }
            counts.append(count)
        }
        let checks = SearchFilter(condition: Array(repeating: "INSTR(search_text, ?) > 0", count: terms.count).joined(separator: " AND "),
                                  arguments: terms)
        // Through the index: by the longer words' trigrams when there are any, else by the rarest
        // short word; the other words are checked on the texts it narrows down to.
        let looked = long.isEmpty ? [short[counts.indices.min { counts[$0] < counts[$1] } ?? 0]] : long
        let index = { [search, database] () throws -> SearchFilter? in
            guard var found = try search.filter(looked, in: database) else { return nil }
            for term in terms where !looked.contains(term) {
                found.condition += " AND INSTR(search_text, ?) > 0"
                found.arguments.append(term)
            }
            return found
        }
        let scope = try productCount(category: category)
        if terms.count == 1, let count = counts.first {
            return SearchPlan(checks: checks, index: index, total: .known(count), scope: scope)
        }
        if terms.count == 1, category == nil, terms[0].unicodeScalars.count == 3,
           let candidates = try search.candidates(terms, in: database) {
            // A word of three characters is its own trigram: the products holding it are its matches.
            guard candidates > 0 else { return nil }
            return SearchPlan(checks: checks, index: index, total: .known(candidates), scope: scope)
        }
        // A longer word is tried: its few matches are gathered, or found to be more.
        let gathers = (!long.isEmpty || (counts.min() ?? 0) <= SearchPlan.gatherLimit) && window <= SearchPlan.gatherLimit
        return SearchPlan(checks: checks, index: index, total: gathers ? .gathered : .counted, scope: scope)
    }

    /// Products in `category` or in all, from the kept counts.
    func productCount(category: String?) throws -> Int {
        guard let category else {
            return try database.queryOne("SELECT SUM(product_count) AS n FROM categories")?.int("n") ?? 0
        }
        return try database.queryOne("SELECT product_count FROM categories WHERE id = ?", category)?.int("product_count") ?? 0
    }
}

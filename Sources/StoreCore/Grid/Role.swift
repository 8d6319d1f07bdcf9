/// Semantic roles the view paints with. A theme maps each role to colours and
/// attributes; the view never names a colour.
public enum Role: String, CaseIterable, Hashable, Sendable {
    case normal
    case title
    case heading
    case muted
    case border
    case selection
    case price
    case error
    case notice
    case success
    case warning
    case accent
    case tab
    case tabActive
    case statusBar
    case footer
    case footerKey
    case input
    case inputFocus
}

extension Role {
    /// The role's place in `allCases` (its declaration order, which is how Swift
    /// stores a case of an enum without payloads): for tables a backend looks a
    /// cell's style up in, once per cell, without hashing the role's name.
    @inlinable
    public var index: Int { Int(unsafeBitCast(self, to: UInt8.self)) }
}

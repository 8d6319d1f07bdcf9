public struct AppState: Hashable, Sendable {
    public var config: AppConfig
    public init(config: AppConfig) { self.config = config }
}
